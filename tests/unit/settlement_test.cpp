#include "refer/domain/settlement.h"
#include "dates.h"

#include <doctest/doctest.h>
#include <vector>

using namespace refer;

using refer::test::d;

// A pending referrer payout of `person` (email `email`), due on `due`.
static Payout owed(long long id, long long person, std::optional<std::string> email, Cents amount, const char* due)
{
    Payout p;
    p.id = id;
    p.referral_id = id * 10;
    p.person_id = person;
    p.email = std::move(email);
    p.reward = "signing bonus";
    p.amount = amount;
    p.earned_on = d(due) - 30;
    p.due_on = d(due);
    return p;
}

// A pending referee payout to `email`.
static Payout to_referee(long long id, std::optional<std::string> email, Cents amount, const char* due)
{
    Payout p = owed(id, 0, std::move(email), amount, due);
    p.person_id.reset();
    p.beneficiary = Beneficiary::referee;
    p.reward = "welcome discount";
    return p;
}

static std::vector<long long> ids(const Settlement& s)
{
    std::vector<long long> out;
    for (const Payout& p : s.payouts) out.push_back(p.id);
    return out;
}

using refer::test::today;

TEST_CASE("settle_due: one line per person, at or above the minimum payout")
{
    std::vector<Payout> payouts{owed(1, 7, "jane@acme.com", 30'00, "2026-11-01"),
                                owed(2, 8, "ann@acme.com", 100'00, "2026-11-01"),
                                owed(3, 8, "ann@acme.com", 20'00, "2026-11-23")};
    SettlementPlan plan = settle_due(payouts, 50'00, today);
    REQUIRE(plan.settled.size() == 1);
    CHECK(plan.settled[0].email == "ann@acme.com");
    CHECK(ids(plan.settled[0]) == std::vector<long long>{2, 3});
    CHECK(plan.settled[0].net == 120'00);
    REQUIRE(plan.skipped.size() == 1);
    CHECK(beneficiary_name(plan.skipped[0]) == "jane@acme.com");
    CHECK(plan.skipped[0].net == 30'00);
}

TEST_CASE("settle_due: a net exactly at the minimum payout is paid; a cent below is not")
{
    std::vector<Payout> at{owed(1, 7, "jane@acme.com", 50'00, "2026-11-01")};
    CHECK(settle_due(at, 50'00, today).settled.size() == 1);
    std::vector<Payout> below{owed(1, 7, "jane@acme.com", 49'99, "2026-11-01")};
    CHECK(settle_due(below, 50'00, today).settled.empty());
    CHECK(settle_due(below, 50'00, today).skipped.size() == 1);
}

TEST_CASE("settle_due: a reversal is netted against what else is due")
{
    std::vector<Payout> payouts{owed(1, 7, "jane@acme.com", 100'00, "2026-11-01"),
                                owed(2, 7, "jane@acme.com", -40'00, "2026-11-20")};
    SettlementPlan plan = settle_due(payouts, 50'00, today);
    REQUIRE(plan.settled.size() == 1);
    CHECK(plan.settled[0].net == 60'00);
    CHECK(ids(plan.settled[0]) == std::vector<long long>{1, 2});

    // Netted below the minimum: both wait.
    payouts[1].amount = -60'00;
    plan = settle_due(payouts, 50'00, today);
    CHECK(plan.settled.empty());
    REQUIRE(plan.skipped.size() == 1);
    CHECK(plan.skipped[0].net == 40'00);
}

TEST_CASE("settle_due: without a minimum payout every non-negative net is paid, a negative one waits")
{
    std::vector<Payout> payouts{owed(1, 7, "jane@acme.com", 1, "2026-11-01"),
                                owed(2, 8, "ann@acme.com", -40'00, "2026-11-01"),
                                owed(3, 9, "bo@acme.com", 0, "2026-11-01")};
    SettlementPlan plan = settle_due(payouts, std::nullopt, today);
    REQUIRE(plan.settled.size() == 2);
    CHECK(plan.settled[0].email == "bo@acme.com"); // $0 (recognition, fully capped) is settled too
    CHECK(plan.settled[1].email == "jane@acme.com");
    REQUIRE(plan.skipped.size() == 1);
    CHECK(plan.skipped[0].email == "ann@acme.com");
}

TEST_CASE("settle_due: only pending payouts due today or earlier")
{
    std::vector<Payout> payouts{owed(1, 7, "jane@acme.com", 100'00, "2026-11-23"),
                                owed(2, 7, "jane@acme.com", 100'00, "2026-11-24"),
                                owed(3, 7, "jane@acme.com", 100'00, "2026-11-01"),
                                owed(4, 7, "jane@acme.com", 100'00, "2026-11-01")};
    payouts[2].status = PayoutStatus::paid;
    payouts[3].status = PayoutStatus::void_;
    SettlementPlan plan = settle_due(payouts, std::nullopt, today);
    REQUIRE(plan.settled.size() == 1);
    CHECK(ids(plan.settled[0]) == std::vector<long long>{1});
    CHECK(plan.settled[0].net == 100'00);
}

TEST_CASE("group_by_beneficiary: a referee email that is a person's email is that person")
{
    std::vector<Payout> payouts{to_referee(1, "ann@acme.com", 10'00, "2026-11-01"),
                                owed(2, 8, "ann@acme.com", 100'00, "2026-11-01"),
                                to_referee(3, "sam@globex.com", 25'00, "2026-11-01")};
    std::vector<Settlement> groups = group_by_beneficiary(payouts);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].email == "ann@acme.com");
    CHECK(groups[0].person_id == 8);
    CHECK(ids(groups[0]) == std::vector<long long>{1, 2});
    CHECK(groups[0].net == 110'00);
    CHECK(groups[1].email == "sam@globex.com");
    CHECK(!groups[1].person_id);
}

TEST_CASE("group_by_beneficiary: emails in order, then people without one, then referees without one")
{
    std::vector<Payout> payouts{to_referee(1, std::nullopt, 10'00, "2026-11-01"),
                                owed(2, 12, std::nullopt, 20'00, "2026-11-01"),
                                owed(3, 5, std::nullopt, 30'00, "2026-11-01"),
                                owed(4, 8, "zoe@acme.com", 40'00, "2026-11-01"),
                                owed(5, 9, "Al@acme.com", 50'00, "2026-11-01")};
    std::vector<Settlement> groups = group_by_beneficiary(payouts);
    REQUIRE(groups.size() == 5);
    CHECK(beneficiary_name(groups[0]) == "Al@acme.com");
    CHECK(beneficiary_name(groups[1]) == "zoe@acme.com");
    CHECK(beneficiary_name(groups[2]) == "person #5");
    CHECK(beneficiary_name(groups[3]) == "person #12");
    CHECK(beneficiary_name(groups[4]) == "the referee of referral 10");
}

TEST_CASE("refusal_to_pay and as_paid")
{
    Payout p = owed(4, 7, "jane@acme.com", 100'00, "2026-11-01");
    CHECK(!refusal_to_pay(p));
    Payout done = as_paid(p, d("2026-11-20"), "wire 118");
    CHECK(done.status == PayoutStatus::paid);
    CHECK(done.paid_on == d("2026-11-20"));
    CHECK(done.reference == "wire 118");
    CHECK(done.amount == p.amount);
    CHECK(refusal_to_pay(done) == "payout 4 is already paid (on 2026-11-20)");
    p.status = PayoutStatus::void_;
    CHECK(refusal_to_pay(p) == "payout 4 is void");
}

TEST_CASE("payout_totals: earned leaves void out; paid and outstanding split it")
{
    std::vector<Payout> payouts{owed(1, 7, "jane@acme.com", 100'00, "2026-11-01"),
                                owed(2, 7, "jane@acme.com", 1'500'00, "2026-11-01"),
                                owed(3, 7, "jane@acme.com", 2'000'00, "2026-11-01"),
                                owed(4, 7, "jane@acme.com", -100'00, "2026-11-01")};
    payouts[0].status = PayoutStatus::paid;
    payouts[2].status = PayoutStatus::void_;
    CHECK(payout_totals(payouts) == PayoutTotals{1'500'00, 100'00, 1'400'00});
    CHECK(payout_totals({}) == PayoutTotals{});
}

TEST_CASE("Period: both ends included, an open end takes everything")
{
    Period p{d("2026-10-01"), d("2026-10-31")};
    CHECK(p.contains(d("2026-10-01")));
    CHECK(p.contains(d("2026-10-31")));
    CHECK(!p.contains(d("2026-09-30")));
    CHECK(!p.contains(d("2026-11-01")));
    CHECK(Period{}.contains(d("1999-01-01")));
    CHECK(Period{d("2026-10-01"), std::nullopt}.contains(d("2099-01-01")));
}
