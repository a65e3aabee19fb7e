#include "refer/domain/nudge.h"
#include "dates.h"

#include <doctest/doctest.h>

using namespace refer;

using refer::test::d;
using refer::test::today;

// A client of long standing (enough tenure), not asked, without any reason yet.
static NudgeFacts client(long long id, const char* email)
{
    NudgeFacts f;
    f.person_id = id;
    f.email = email;
    f.kind = "client";
    f.started_on = d("2024-01-01");
    return f;
}

static NudgeVerdict verdict(const NudgeFacts& f) { return decide_nudge(f, today, program_defaults()).verdict; }
static std::optional<NudgeReason> reason(const NudgeFacts& f) { return decide_nudge(f, today, program_defaults()).reason; }

TEST_CASE("an ask is answered by a referral on or after it and before the next ask")
{
    std::vector<Date> asks = {d("2026-01-10"), d("2026-04-10"), d("2026-07-10")};
    CHECK(answered_asks(asks, {}) == std::vector<bool>{false, false, false});
    CHECK(answered_asks(asks, {d("2026-01-10")}) == std::vector<bool>{true, false, false}); // the ask's own day
    CHECK(answered_asks(asks, {d("2026-01-09")}) == std::vector<bool>{false, false, false}); // before it
    CHECK(answered_asks(asks, {d("2026-04-09")}) == std::vector<bool>{true, false, false});
    CHECK(answered_asks(asks, {d("2026-11-01")}) == std::vector<bool>{false, false, true}); // the latest: up to today
    CHECK(unanswered_streak(asks, {}) == 3);
    CHECK(unanswered_streak(asks, {d("2026-04-10")}) == 1); // counted back from the latest
    CHECK(unanswered_streak(asks, {d("2026-08-01")}) == 0);
    CHECK(unanswered_streak({}, {}) == 0);
}

TEST_CASE("the reasons, first that applies wins, with their windows' edges")
{
    NudgeFacts p = client(1, "a@x.com");
    CHECK(verdict(p) == NudgeVerdict::no_reason);

    p.promoter = true;
    CHECK(reason(p) == NudgeReason::quarterly);
    p.won_last_365 = 2;
    CHECK(reason(p) == NudgeReason::top_referrer);
    p.won_last_365 = 1;
    CHECK(reason(p) == NudgeReason::quarterly);

    p.latest_nps_score = 9;
    for (int ago : {3, 30}) {
        p.latest_nps_on = today - ago;
        CHECK(reason(p) == NudgeReason::nps);
    }
    for (int ago : {2, 31}) {
        p.latest_nps_on = today - ago;
        CHECK(reason(p) == NudgeReason::quarterly);
    }
    p.latest_nps_on = today - 10;
    p.latest_nps_score = 8; // below promoter_min_score
    CHECK(reason(p) == NudgeReason::quarterly);

    for (int ago : {7, 30}) {
        p.milestones = {today - ago};
        CHECK(reason(p) == NudgeReason::milestone);
    }
    for (int ago : {6, 31, -1}) {
        p.milestones = {today - ago};
        CHECK(reason(p) == NudgeReason::quarterly);
    }
}

TEST_CASE("tenure: needed for nps, top-referrer and quarterly, not for a milestone")
{
    NudgeFacts p = client(1, "a@x.com");
    p.promoter = true;
    p.started_on = today - 89; // min_tenure_days 90
    CHECK(verdict(p) == NudgeVerdict::no_reason);
    p.started_on = today - 90;
    CHECK(reason(p) == NudgeReason::quarterly);
    p.started_on = today - 10;
    p.milestones = {today - 7};
    CHECK(reason(p) == NudgeReason::milestone);
    p.started_on.reset(); // no start date: enough tenure
    p.milestones.clear();
    CHECK(reason(p) == NudgeReason::quarterly);
}

TEST_CASE("who is a candidate: kinds, ended people, alumni promoters, the two tags")
{
    NudgeFacts p = client(1, "a@x.com");
    p.promoter = true;
    p.kind = "partner";
    CHECK(verdict(p) == NudgeVerdict::ask);
    for (const char* kind : {"employee", "advisor"}) {
        p.kind = kind;
        CHECK(verdict(p) == NudgeVerdict::not_candidate);
    }
    p.kind = "client";
    p.ended_on = today; // ended: ended_on <= today; alumni stay while promoters
    CHECK(verdict(p) == NudgeVerdict::ask);
    p.promoter = false;
    p.milestones = {today - 10};
    CHECK(verdict(p) == NudgeVerdict::not_candidate);
    p.ended_on = today + 1; // not ended yet
    CHECK(verdict(p) == NudgeVerdict::ask);
    p.do_not_contact = true;
    CHECK(verdict(p) == NudgeVerdict::not_candidate);
    p.do_not_contact = false;
    p.not_interested = true;
    CHECK(verdict(p) == NudgeVerdict::not_candidate);
}

TEST_CASE("cadence: 90 days after the last ask, 60 for a top referrer whatever the reason")
{
    NudgeFacts p = client(1, "a@x.com");
    p.promoter = true;
    p.submitted = {today - 100}; // answers the asks below, so none is unanswered
    p.asks = {today - 120, today - 89};
    CHECK(verdict(p) == NudgeVerdict::recently_asked);
    p.asks = {today - 120, today - 90};
    CHECK(verdict(p) == NudgeVerdict::ask);
    p.won_last_365 = 2; // a top referrer
    p.asks = {today - 59};
    p.submitted = {today - 59};
    CHECK(verdict(p) == NudgeVerdict::recently_asked);
    p.asks = {today - 60};
    p.submitted = {today - 60};
    CHECK(verdict(p) == NudgeVerdict::ask);
    p.milestones = {today - 8}; // shown as milestone, still the 60-day cadence
    p.asks = {today - 61};
    CHECK(reason(p) == NudgeReason::milestone);
}

TEST_CASE("max_unanswered_asks in a row pauses a person, reason or not")
{
    NudgeFacts p = client(1, "a@x.com");
    p.promoter = true;
    p.asks = {d("2025-01-01"), d("2025-05-01"), d("2025-09-01")};
    CHECK(verdict(p) == NudgeVerdict::paused);
    CHECK(decide_nudge(p, today, program_defaults()).unanswered == 3);
    p.submitted = {d("2025-09-01")};
    CHECK(verdict(p) == NudgeVerdict::ask);
    CHECK(decide_nudge(p, today, program_defaults()).unanswered == 0);
    p.submitted.clear();
    p.promoter = false; // no reason: still paused
    CHECK(verdict(p) == NudgeVerdict::paused);
    // Not a candidate either (do-not-contact, an employee, an alumnus): still paused, so that
    // --record tags everyone who reached the limit, listed or not (SPEC 12).
    p.do_not_contact = true;
    CHECK(verdict(p) == NudgeVerdict::paused);
    p.do_not_contact = false;
    p.kind = "employee";
    CHECK(verdict(p) == NudgeVerdict::paused);
}

TEST_CASE("the plan: ordered by reason then email (none last), cut by --limit, paused people apart")
{
    std::vector<NudgeFacts> people;
    NudgeFacts quarterly = client(1, "b@x.com");
    quarterly.promoter = true;
    NudgeFacts no_email = client(2, "");
    no_email.email.reset();
    no_email.promoter = true;
    NudgeFacts milestone = client(3, "z@x.com");
    milestone.milestones = {today - 7};
    NudgeFacts quarterly_a = client(4, "a@x.com");
    quarterly_a.promoter = true;
    NudgeFacts paused = client(5, "p@x.com");
    paused.asks = {d("2025-01-01"), d("2025-05-01"), d("2025-09-01")};
    people = {quarterly, no_email, milestone, quarterly_a, paused};

    NudgePlan plan = plan_nudges(people, today, program_defaults(), std::nullopt);
    REQUIRE(plan.listed.size() == 4);
    CHECK(plan.listed[0].person.person_id == 3);
    CHECK(plan.listed[1].person.person_id == 4);
    CHECK(plan.listed[2].person.person_id == 1);
    CHECK(plan.listed[3].person.person_id == 2);
    CHECK(plan.paused_people == std::vector<long long>{5});

    NudgePlan limited = plan_nudges(people, today, program_defaults(), 1);
    REQUIRE(limited.listed.size() == 1);
    CHECK(limited.listed[0].person.person_id == 3);
    CHECK(limited.paused_people == std::vector<long long>{5}); // tagged whatever the limit
}
