#include "refer/domain/payout.h"
#include "dates.h"

#include <doctest/doctest.h>
#include <vector>

using namespace refer;

using refer::test::d;

// A referral of `referrer` submitted on `submitted`, won on `won` for `value` cents.
static StoredReferral won(long long id, long long referrer, const char* submitted, const char* won_on, Cents value)
{
    StoredReferral s;
    s.id = id;
    s.referral = new_referral(referrer, d(submitted));
    s.referral.referee_email = "referee" + std::to_string(id) + "@example.com";
    s.referrer_email = "referrer" + std::to_string(referrer) + "@example.com";
    s.referrer = *s.referrer_email;
    Move m;
    m.to = Status::won;
    m.on = d(won_on);
    m.value = value;
    s.referral = *advance(s.referral, m).after;
    return s;
}

static StoredReferral at(long long id, long long referrer, const char* submitted, Status status, const char* on)
{
    StoredReferral s;
    s.id = id;
    s.referral = new_referral(referrer, d(submitted));
    s.referrer_email = "referrer" + std::to_string(referrer) + "@example.com";
    s.referrer = *s.referrer_email;
    Move m;
    m.to = status;
    m.on = d(on);
    if (status != Status::submitted) s.referral = *advance(s.referral, m).after;
    return s;
}

static ProgramVersion version(long long id, Program program, std::optional<Date> effective = std::nullopt)
{
    ProgramVersion v;
    v.id = id;
    v.program = std::move(program);
    v.effective_on = effective;
    return v;
}

static Reward fixed(const char* name, Status on, Cents amount)
{
    Reward r;
    r.name = name;
    r.on = on;
    r.amount = amount;
    return r;
}

static Reward loyalty_tiers()
{
    Reward r;
    r.name = "loyalty tiers";
    r.on = Status::won;
    r.tiers = {{1, 500'00}, {2, 750'00}, {4, 1'000'00}};
    return r;
}

static Cents total(const std::vector<Award>& awards)
{
    Cents sum = 0;
    for (const Award& a : awards) sum += a.payout.amount;
    return sum;
}

TEST_CASE("the built-in default: $100 at meeting and 10% capped at $2,000 at won")
{
    ProgramBook none({});
    std::vector<StoredReferral> referrals{won(1, 7, "2026-01-05", "2026-02-01", 15'000'00),
                                          won(2, 7, "2026-01-06", "2026-02-02", 30'000'00),
                                          at(3, 7, "2026-01-07", Status::contacted, "2026-01-08")};
    auto awards = judge_referrals(referrals, none);
    REQUIRE(awards.size() == 4);
    CHECK(awards[0].payout.reward == "discovery call thanks");
    CHECK(awards[0].payout.amount == 100'00);
    CHECK(awards[0].payout.earned_on == d("2026-02-01"));
    CHECK(awards[0].payout.due_on == d("2026-03-03"));
    CHECK(awards[1].payout.reward == "signing bonus");
    CHECK(awards[1].payout.amount == 1'500'00);
    CHECK(awards[1].payout.explanation ==
          "signing bonus: 10% of $15,000.00 = $1,500.00 (cap $2,000.00); built-in default program");
    CHECK(awards[3].payout.amount == 2'000'00);
    CHECK(awards[3].payout.explanation ==
          "signing bonus: 10% of $30,000.00 = $3,000.00 -> $2,000.00 (cap $2,000.00); built-in default program");
    CHECK(awards[3].payout.program_id == 0);
    CHECK(awards[3].payout.person_id == 7);
    CHECK(awards[3].payout.email == "referrer7@example.com");
}

TEST_CASE("loyalty tiers over five won referrals total 500, 2,000 and 4,000")
{
    Program p = program_defaults();
    p.rewards = {loyalty_tiers()};
    ProgramBook book({version(1, p)});
    std::vector<StoredReferral> referrals;
    for (int i = 1; i <= 5; ++i) {
        std::string won_on = "2026-0" + std::to_string(i + 1) + "-01";
        referrals.push_back(won(i, 7, "2026-01-02", won_on.c_str(), 1'000'00));
    }
    auto first = std::span(referrals).subspan(0, 1);
    CHECK(total(judge_referrals(first, book)) == 500'00);
    CHECK(total(judge_referrals(std::span(referrals).subspan(0, 3), book)) == 2'000'00);
    auto all = judge_referrals(referrals, book);
    CHECK(total(all) == 4'000'00);
    CHECK(all[1].payout.explanation ==
          "loyalty tiers: tier 2 (2nd won referral in 2026): $750.00; program v1 \"built-in default\"");
    CHECK(all[3].payout.explanation.find("tier 3 (4th won referral in 2026): $1,000.00") != std::string::npos);
}

TEST_CASE("tiers count by won_on then id, per calendar year, and shift when one is lost")
{
    Program p = program_defaults();
    p.rewards = {loyalty_tiers()};
    ProgramBook book({version(1, p)});
    std::vector<StoredReferral> referrals{won(5, 7, "2025-11-01", "2025-12-20", 1), won(2, 7, "2026-01-01", "2026-01-10", 1),
                                          won(3, 7, "2026-01-01", "2026-01-10", 1), won(4, 8, "2026-01-01", "2026-01-09", 1)};
    auto awards = judge_referrals(referrals, book);
    REQUIRE(awards.size() == 4);
    // Ordered by referral id: 2 (1st in 2026 for 7), 3 (2nd), 4 (1st for 8), 5 (1st in 2025).
    CHECK(awards[0].payout.amount == 500'00);
    CHECK(awards[1].payout.amount == 750'00);
    CHECK(awards[2].payout.amount == 500'00);
    CHECK(awards[3].payout.amount == 500'00);

    // Referral 2 is lost: referral 3 becomes the 1st of 2026.
    Move lose;
    lose.to = Status::lost;
    lose.on = d("2026-02-01");
    lose.force = true;
    referrals[1].referral = *advance(referrals[1].referral, lose).after;
    awards = judge_referrals(referrals, book);
    REQUIRE(awards.size() == 3);
    CHECK(awards[0].payout.referral_id == 3);
    CHECK(awards[0].payout.amount == 500'00);

    // All-time counting ignores the year.
    p.rewards[0].count_window = CountWindow::all_time;
    ProgramBook all_time({version(1, p)});
    awards = judge_referrals(referrals, all_time);
    CHECK(awards[0].payout.referral_id == 3);
    CHECK(awards[0].payout.amount == 750'00);
    CHECK(awards[0].payout.explanation.find("(2nd won referral): $750.00") != std::string::npos);
}

TEST_CASE("a tier below the first `from` earns nothing; at_count only the k-th")
{
    Program p = program_defaults();
    Reward tiers;
    tiers.name = "from the second";
    tiers.on = Status::won;
    tiers.tiers = {{2, 300'00}};
    Reward vip = fixed("VIP status", Status::won, 0);
    vip.kind = RewardKind::recognition;
    vip.at_count = 2;
    p.rewards = {tiers, vip};
    ProgramBook book({version(1, p)});
    std::vector<StoredReferral> referrals{won(1, 7, "2026-01-01", "2026-02-01", 1), won(2, 7, "2026-01-01", "2026-03-01", 1),
                                          won(3, 7, "2026-01-01", "2026-04-01", 1)};
    auto awards = judge_referrals(referrals, book);
    REQUIRE(awards.size() == 3);
    CHECK(awards[0].payout.referral_id == 2);
    CHECK(awards[0].payout.amount == 300'00);
    CHECK(awards[1].payout.reward == "VIP status");
    CHECK(awards[1].payout.amount == 0);
    CHECK(awards[1].payout.explanation == "VIP status: $0.00 for reaching won (2nd won referral in 2026); program v1 \"built-in default\"");
    CHECK(awards[2].payout.referral_id == 3);
}

TEST_CASE("percent: half away from zero, min and max, and no deal value means no payout")
{
    Program p = program_defaults();
    Reward r;
    r.name = "share";
    r.on = Status::meeting;
    r.percent = Percent{75, 1}; // 7.5%
    r.min = 50'00;
    p.rewards = {r};
    ProgramBook book({version(1, p)});
    StoredReferral a = at(1, 7, "2026-01-01", Status::meeting, "2026-01-02");
    StoredReferral b = a;
    b.id = 2;
    b.referral.deal_value = 1'000'07; // 7.5% = 75.00525 -> 75.01
    StoredReferral c = a;
    c.id = 3;
    c.referral.deal_value = 100'00; // 7.50 -> min 50.00
    std::vector<StoredReferral> referrals{a, b, c};
    auto awards = judge_referrals(referrals, book);
    REQUIRE(awards.size() == 2);
    CHECK(awards[0].payout.amount == 75'01);
    CHECK(awards[1].payout.amount == 50'00);
    CHECK(awards[1].payout.explanation ==
          "share: 7.5% of $100.00 = $7.50 -> $50.00 (min $50.00); program v1 \"built-in default\"");
}

TEST_CASE("percent on a stage before won: the deal value set by that stage's date, not today's (SPEC 12)")
{
    Program p = program_defaults();
    Reward early;
    early.name = "early share";
    early.on = Status::meeting;
    early.percent = Percent{125, 1}; // 12.5%
    Reward late = early;
    late.name = "late share";
    late.on = Status::won;
    p.rewards = {early, late};
    ProgramBook book({version(1, p)});
    // Meeting on 01-06 with no value yet; won on 02-01 at $1,000: only the won share.
    StoredReferral none_then = won(1, 7, "2026-01-05", "2026-02-01", 1'000'00);
    none_then.referral.meeting_on = d("2026-01-06");
    none_then.deal_values = {{d("2026-02-01"), 1'000'00}};
    // $1,000 set on 01-06, meeting on 01-07, corrected to $3,000 later: the early share reads
    // $1,000, the won share today's $3,000.
    StoredReferral corrected = won(2, 7, "2026-01-05", "2026-02-01", 3'000'00);
    corrected.referral.meeting_on = d("2026-01-07");
    corrected.deal_values = {{d("2026-01-06"), 1'000'00}, {d("2026-11-23"), 3'000'00}};
    // Set on the meeting's own day: it counts.
    StoredReferral same_day = at(3, 7, "2026-01-05", Status::meeting, "2026-01-08");
    same_day.referral.deal_value = 400'00;
    same_day.deal_values = {{d("2026-01-08"), 400'00}};
    std::vector<StoredReferral> referrals{none_then, corrected, same_day};
    auto awards = judge_referrals(referrals, book);
    REQUIRE(awards.size() == 4);
    CHECK(awards[0].payout.reward == "late share");
    CHECK(awards[0].payout.amount == 125'00);
    CHECK(awards[1].payout.reward == "early share");
    CHECK(awards[1].payout.amount == 125'00);
    CHECK(awards[1].payout.explanation.starts_with("early share: 12.5% of $1,000.00 = $125.00"));
    CHECK(awards[2].payout.reward == "late share");
    CHECK(awards[2].payout.amount == 375'00);
    CHECK(awards[3].payout.amount == 50'00);

    CHECK(deal_value_on(corrected, d("2026-01-05")) == std::nullopt);
    CHECK(deal_value_on(corrected, d("2026-01-06")) == 1'000'00);
    CHECK(deal_value_on(corrected, d("2026-12-01")) == 3'000'00);
    StoredReferral cleared = corrected;
    cleared.deal_values.push_back({d("2026-11-24"), std::nullopt});
    CHECK(deal_value_on(cleared, d("2026-11-30")) == std::nullopt);
    StoredReferral no_history = same_day;
    no_history.deal_values.clear(); // not read: the current value
    CHECK(deal_value_on(no_history, d("2026-01-01")) == 400'00);
}

TEST_CASE("referrer_kinds filters by the referrer's current kind, also for referee rewards")
{
    Program p = program_defaults();
    Reward partner = fixed("partner fee", Status::meeting, 250'00);
    partner.referrer_kinds = {"partner"};
    Reward credit = fixed("welcome credit", Status::won, 300'00);
    credit.to = Beneficiary::referee;
    credit.kind = RewardKind::credit;
    credit.referrer_kinds = {"client"};
    p.rewards = {partner, credit};
    ProgramBook book({version(1, p)});
    StoredReferral by_client = won(1, 7, "2026-01-01", "2026-02-01", 1);
    StoredReferral by_partner = won(2, 8, "2026-01-01", "2026-02-01", 1);
    by_partner.referrer_kind = "partner";
    std::vector<StoredReferral> referrals{by_client, by_partner};
    auto awards = judge_referrals(referrals, book);
    REQUIRE(awards.size() == 2);
    CHECK(awards[0].payout.reward == "welcome credit");
    CHECK(awards[0].payout.beneficiary == Beneficiary::referee);
    CHECK(awards[0].payout.email == "referee1@example.com");
    CHECK_FALSE(awards[0].payout.person_id);
    CHECK(awards[0].payout.earned_on == d("2026-02-01"));
    CHECK(awards[1].payout.reward == "partner fee");
    CHECK(awards[1].payout.referral_id == 2);
}

TEST_CASE("the yearly cap cuts the award that crosses it and zeroes later ones, per year")
{
    Program p = program_defaults();
    p.referrer_cap_per_year = 1'000'00;
    Reward bonus = fixed("bonus", Status::won, 400'00);
    Reward thanks = fixed("thanks", Status::won, 0);
    thanks.kind = RewardKind::gift;
    thanks.amount = 999'00; // gifts are never capped
    p.rewards = {bonus, thanks};
    ProgramBook book({version(1, p)});
    std::vector<StoredReferral> referrals{won(4, 7, "2026-01-01", "2026-03-01", 1), won(1, 7, "2026-01-01", "2026-04-01", 1),
                                          won(2, 7, "2026-01-01", "2026-03-01", 1), won(3, 7, "2026-01-01", "2027-01-02", 1)};
    auto awards = judge_referrals(referrals, book);
    REQUIRE(awards.size() == 8);
    auto bonus_of = [&](long long id) {
        for (const Award& a : awards)
            if (a.payout.referral_id == id && a.payout.reward == "bonus") return a.payout;
        FAIL("no bonus");
        return Payout{};
    };
    // 2026 in (earned_on, id): 2 (03-01), 4 (03-01), 1 (04-01).
    CHECK(bonus_of(2).amount == 400'00);
    CHECK(bonus_of(4).amount == 400'00);
    CHECK(bonus_of(1).amount == 200'00);
    CHECK(bonus_of(1).explanation ==
          "bonus: $400.00 for reaching won; capped to $200.00 by the $1,000.00 yearly cap for 2026; program v1 \"built-in default\"");
    CHECK(bonus_of(3).amount == 400'00); // 2027 starts again
    for (const Award& a : awards)
        if (a.payout.reward == "thanks") CHECK(a.payout.amount == 999'00);
}

TEST_CASE("versions judge by submission date; the cap and delay come from the judging version")
{
    Program early = program_defaults();
    early.name = "early";
    early.rewards = {fixed("bonus", Status::won, 100'00)};
    Program late = program_defaults();
    late.name = "late";
    late.payout_delay_days = 10;
    late.rewards = {fixed("bonus", Status::won, 300'00)};
    ProgramBook book({version(1, early), version(2, late, d("2026-07-01"))});
    std::vector<StoredReferral> referrals{won(1, 7, "2026-06-30", "2026-08-01", 1), won(2, 7, "2026-07-01", "2026-08-01", 1)};
    auto awards = judge_referrals(referrals, book);
    REQUIRE(awards.size() == 2);
    CHECK(awards[0].payout.amount == 100'00);
    CHECK(awards[0].payout.program_id == 1);
    CHECK(awards[0].payout.due_on == d("2026-08-31"));
    CHECK(awards[1].payout.amount == 300'00);
    CHECK(awards[1].payout.program_id == 2);
    CHECK(awards[1].payout.due_on == d("2026-08-11"));
}

// Stores the awards as payouts with ids from 1, as a first compute would.
static std::vector<Payout> stored(const std::vector<Award>& awards)
{
    std::vector<Payout> out;
    for (const Award& a : awards) {
        out.push_back(a.payout);
        out.back().id = static_cast<long long>(out.size());
    }
    return out;
}

TEST_CASE("planning: create, then nothing to do; a pending payout follows its basis")
{
    ProgramBook none({});
    std::vector<StoredReferral> referrals{won(1, 7, "2026-01-05", "2026-02-01", 15'000'00)};
    auto awards = judge_referrals(referrals, none);
    PayoutPlan first = plan_payouts(awards, {}, referrals, none, d("2026-02-02"));
    CHECK(first.changes.size() == 2);
    CHECK(first.changes[0].kind == PayoutChange::Kind::create);
    auto payouts = stored(awards);
    PayoutPlan again = plan_payouts(awards, payouts, referrals, none, d("2026-03-01"));
    CHECK(again.changes.empty());
    CHECK(again.unchanged == 2);

    referrals[0].referral.deal_value = 18'000'00;
    awards = judge_referrals(referrals, none);
    PayoutPlan edited = plan_payouts(awards, payouts, referrals, none, d("2026-03-01"));
    REQUIRE(edited.changes.size() == 1);
    CHECK(edited.changes[0].kind == PayoutChange::Kind::update);
    CHECK(edited.changes[0].payout.id == 2);
    CHECK(edited.changes[0].payout.amount == 1'800'00);
    CHECK(edited.changes[0].before->amount == 1'500'00);
}

TEST_CASE("planning: a paid payout is never edited; reversal and top-up, then void of a pending adjustment")
{
    ProgramBook none({});
    std::vector<StoredReferral> referrals{won(40, 7, "2026-01-05", "2026-02-01", 15'000'00)};
    auto payouts = stored(judge_referrals(referrals, none));
    for (Payout& p : payouts) p.status = PayoutStatus::paid, p.paid_on = d("2026-03-01");

    // Moved back to lost: the meeting reward stays earned, the signing bonus is reversed.
    Move lose;
    lose.to = Status::lost;
    lose.on = d("2026-03-10");
    lose.force = true;
    referrals[0].referral = *advance(referrals[0].referral, lose).after;
    PayoutPlan plan = plan_payouts(judge_referrals(referrals, none), payouts, referrals, none, d("2026-03-15"));
    REQUIRE(plan.changes.size() == 1);
    const PayoutChange& reversal = plan.changes[0];
    CHECK(reversal.kind == PayoutChange::Kind::create);
    CHECK(reversal.adjustment);
    CHECK(reversal.payout.amount == -1'500'00);
    CHECK(reversal.payout.status == PayoutStatus::pending);
    CHECK(reversal.payout.earned_on == d("2026-03-15"));
    CHECK(reversal.payout.due_on == d("2026-04-14"));
    CHECK(reversal.payout.explanation == "reverses #2: referral 40 moved back to lost");
    CHECK(plan.unchanged == 1);

    // Won again for more before the reversal was paid: the pending adjustment becomes a top-up.
    payouts.push_back(reversal.payout);
    payouts.back().id = 3;
    Move rewin;
    rewin.to = Status::won;
    rewin.on = d("2026-04-01");
    rewin.value = 20'000'00;
    rewin.force = true;
    referrals[0].referral = *advance(referrals[0].referral, rewin).after;
    plan = plan_payouts(judge_referrals(referrals, none), payouts, referrals, none, d("2026-04-02"));
    REQUIRE(plan.changes.size() == 1);
    CHECK(plan.changes[0].kind == PayoutChange::Kind::update);
    CHECK(plan.changes[0].payout.id == 3);
    CHECK(plan.changes[0].payout.amount == 500'00);
    CHECK(plan.changes[0].payout.earned_on == d("2026-03-15"));
    CHECK(plan.changes[0].payout.explanation ==
          "tops up #2 by $500.00: now signing bonus: 10% of $20,000.00 = $2,000.00 (cap $2,000.00); built-in default program");

    // Back to the paid value: the pending adjustment is void.
    referrals[0].referral.deal_value = 15'000'00;
    plan = plan_payouts(judge_referrals(referrals, none), payouts, referrals, none, d("2026-04-03"));
    REQUIRE(plan.changes.size() == 1);
    CHECK(plan.changes[0].kind == PayoutChange::Kind::void_);
    CHECK(plan.changes[0].payout.id == 3);
    CHECK(plan.changes[0].payout.status == PayoutStatus::void_);
}

TEST_CASE("planning: a void payout stays void and a new one is created when earned again")
{
    ProgramBook none({});
    std::vector<StoredReferral> referrals{at(1, 7, "2026-01-05", Status::meeting, "2026-01-10")};
    auto payouts = stored(judge_referrals(referrals, none));
    payouts[0].status = PayoutStatus::void_;
    PayoutPlan plan = plan_payouts(judge_referrals(referrals, none), payouts, referrals, none, d("2026-02-01"));
    REQUIRE(plan.changes.size() == 1);
    CHECK(plan.changes[0].kind == PayoutChange::Kind::create);
    CHECK(plan.changes[0].payout.amount == 100'00);
    CHECK_FALSE(plan.changes[0].adjustment);
}

TEST_CASE("ordinals")
{
    CHECK(ordinal(1) == "1st");
    CHECK(ordinal(2) == "2nd");
    CHECK(ordinal(3) == "3rd");
    CHECK(ordinal(4) == "4th");
    CHECK(ordinal(11) == "11th");
    CHECK(ordinal(12) == "12th");
    CHECK(ordinal(13) == "13th");
    CHECK(ordinal(21) == "21st");
    CHECK(ordinal(112) == "112th");
}

TEST_CASE("describe_change names what the rules would create, update or void")
{
    Payout p;
    p.id = 12;
    p.referral_id = 7;
    p.person_id = 3;
    p.email = "ann@acme.com";
    p.reward = "signing bonus";
    p.amount = 1'500'00;
    p.earned_on = d("2026-10-05");
    p.due_on = d("2026-11-04");
    p.explanation = "signing bonus: 10% of $15,000.00 = $1,500.00 (cap $2,000.00); built-in default program";

    CHECK(describe_change({PayoutChange::Kind::create, p, std::nullopt, false}, "$") ==
          "referral 7 would get a payout: signing bonus $1,500.00");
    Payout reversal = p;
    reversal.amount = -500'00;
    CHECK(describe_change({PayoutChange::Kind::create, reversal, std::nullopt, true}, "€") ==
          "referral 7 would get a reversal: signing bonus -€500.00");
    CHECK(describe_change({PayoutChange::Kind::create, p, std::nullopt, true}, "$") ==
          "referral 7 would get a top-up: signing bonus $1,500.00");

    Payout after = p;
    after.amount = 2'000'00;
    CHECK(describe_change({PayoutChange::Kind::update, after, p, false}, "$") ==
          "payout 12 would be updated: amount 1500.00 -> 2000.00");
    after.due_on = d("2026-11-10");
    after.explanation = "x";
    CHECK(describe_change({PayoutChange::Kind::update, after, p, false}, "$") ==
          "payout 12 would be updated: amount 1500.00 -> 2000.00, due_on 2026-11-04 -> 2026-11-10, explanation \"" +
              p.explanation + "\" -> \"x\"");

    Payout gone = p;
    gone.status = PayoutStatus::void_;
    CHECK(describe_change({PayoutChange::Kind::void_, gone, p, false}, "$") ==
          "payout 12 would be voided: signing bonus $1,500.00 is no longer earned by referral 7");
}
