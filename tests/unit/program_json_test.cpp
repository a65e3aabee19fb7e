#include "refer/programio/program_json.h"

#include <doctest/doctest.h>

using namespace refer;

TEST_CASE("the built-in default as JSON: no version, money in cents, null where absent")
{
    ProgramVersion builtin;
    builtin.program = builtin_program();
    CHECK(program_json(builtin).dump() ==
          R"({"version":null,"name":"built-in default","effective_on":null,"loaded_at":null,"sha256":null,)"
          R"("currency":"USD","payout_delay_days":30,"contact_sla_days":2,"priority_fit_score":6,)"
          R"("priority_contact_sla_days":0,"attribution_days":365,"min_tenure_days":90,"ask_cadence_days":90,)"
          R"("top_referrer_cadence_days":60,"max_unanswered_asks":3,"promoter_min_score":9,"nps_window_days":365,)"
          R"("referrer_cap_per_year_cents":null,"min_payout_cents":null,"rewards":[)"
          R"({"name":"discovery call thanks","on":"meeting","to":"referrer","kind":"cash","amount_cents":10000,)"
          R"("percent":null,"min_cents":null,"max_cents":null,"tiers":null,"count_window":"calendar-year",)"
          R"("at_count":null,"referrer_kinds":null},)"
          R"({"name":"signing bonus","on":"won","to":"referrer","kind":"cash","amount_cents":null,)"
          R"("percent":"10","min_cents":null,"max_cents":200000,"tiers":null,"count_window":"calendar-year",)"
          R"("at_count":null,"referrer_kinds":null}],)"
          R"("targets":[{"metric":"close_rate","min":0.4,"max":0.6},)"
          R"({"metric":"referral_revenue_share","min":0.2,"max":0.4},{"metric":"participation","min":0.15,"max":null}]})");
}

TEST_CASE("a loaded version as JSON: its number, dates, fingerprint, tiers and filters")
{
    ProgramVersion v;
    v.id = 2;
    v.effective_on = Date::from_ymd(2026, 7, 1);
    v.loaded_at = "2026-06-20T09:00:00Z";
    v.sha256 = "ab12";
    v.program = program_defaults();
    v.program.name = "2026";
    v.program.referrer_cap_per_year = 5'000'00;
    v.program.min_payout = 50'00;
    Reward r;
    r.name = "tiers";
    r.tiers = {{1, 500'00}, {2, 750'00}};
    r.count_window = CountWindow::all_time;
    r.at_count = 5;
    r.kind = RewardKind::gift;
    r.to = Beneficiary::referee;
    r.referrer_kinds = {"partner"};
    Reward p;
    p.name = "pct";
    p.percent = Percent{75, 1};
    p.min = 10'00;
    v.program.rewards = {r, p};
    nlohmann::ordered_json j = program_json(v);
    CHECK(j["version"] == 2);
    CHECK(j["effective_on"] == "2026-07-01");
    CHECK(j["loaded_at"] == "2026-06-20T09:00:00Z");
    CHECK(j["sha256"] == "ab12");
    CHECK(j["referrer_cap_per_year_cents"] == 500000);
    CHECK(j["min_payout_cents"] == 5000);
    CHECK(j["rewards"][0].dump() ==
          R"({"name":"tiers","on":"won","to":"referee","kind":"gift","amount_cents":null,"percent":null,)"
          R"("min_cents":null,"max_cents":null,"tiers":[{"from":1,"amount_cents":50000},{"from":2,"amount_cents":75000}],)"
          R"("count_window":"all-time","at_count":5,"referrer_kinds":["partner"]})");
    CHECK(j["rewards"][1]["percent"] == "7.5");
    CHECK(j["rewards"][1]["min_cents"] == 1000);
}
