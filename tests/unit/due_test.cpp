#include "refer/domain/due.h"
#include "dates.h"

#include <algorithm>
#include <doctest/doctest.h>
#include <vector>

using namespace refer;

using refer::test::d;

namespace {

using refer::test::today;

OpenReferral open(long long id, Status status, const char* submitted, const char* status_on,
                  std::optional<std::string> email = "x@y.com", Fit fit = {})
{
    return {id, status, d(submitted), d(status_on), std::move(email), "X", fit};
}

// One program version from the beginning of time, with this contact SLA.
ProgramBook book_with_sla(int sla)
{
    Program p = builtin_program();
    p.contact_sla_days = sla;
    return ProgramBook({ProgramVersion{1, std::nullopt, p, "2026-01-01T00:00:00Z", ""}});
}

PendingPayout pending(long long id, long long referral, const char* due, std::optional<std::string> email = "p@y.com")
{
    return {id, referral, d(due), std::move(email), "P"};
}

// What due lists from these candidates: each judged by due_item, in listed_before's order.
std::vector<DueItem> due(const std::vector<OpenReferral>& referrals, const std::vector<PendingPayout>& payouts,
                         const ProgramBook& book)
{
    DueBounds bounds = due_bounds(today, book.in_force(today).program.contact_sla_days);
    std::vector<DueItem> items;
    for (const OpenReferral& r : referrals)
        if (auto item = due_item(r, today, bounds, book)) items.push_back(*item);
    for (const PendingPayout& p : payouts)
        if (auto item = due_item(p, today, bounds)) items.push_back(*item);
    std::ranges::sort(items, listed_before);
    return items;
}

std::vector<DueItem> due(const std::vector<OpenReferral>& referrals, const std::vector<PendingPayout>& payouts = {},
                         int sla = 2)
{
    return due(referrals, payouts, book_with_sla(sla));
}

} // namespace

TEST_CASE("due: the bounds are the SLA and 30 days before today, and today for payouts")
{
    DueBounds b = due_bounds(today, 2);
    CHECK(b.contact_submitted_before == d("2026-11-21"));
    CHECK(b.stale_status_by == d("2026-10-24"));
    CHECK(b.payout_due_by == today);
    CHECK(due_bounds(today, 0).contact_submitted_before == today);
}

TEST_CASE("due: contact when still submitted more than contact_sla_days after submission")
{
    // Submitted exactly 2 days ago: not yet; 3 days ago: due, 3 days.
    CHECK(due({open(1, Status::submitted, "2026-11-21", "2026-11-21")}).empty());
    auto items = due({open(2, Status::submitted, "2026-11-20", "2026-11-20")});
    REQUIRE(items.size() == 1);
    CHECK(items[0] == DueItem{DueType::contact, 2, std::nullopt, "x@y.com", "X", d("2026-11-20"), 3});
    // Contacted late is no longer a contact row (and not stale while its status is recent).
    CHECK(due({open(3, Status::contacted, "2026-11-01", "2026-11-10")}).empty());
    // Submitted in the future (a backdated today): not due.
    CHECK(due({open(4, Status::submitted, "2026-11-30", "2026-11-30")}).empty());
}

TEST_CASE("due: an SLA of 0 makes a referral due the day after its submission")
{
    CHECK(due({open(1, Status::submitted, "2026-11-23", "2026-11-23")}, {}, 0).empty());
    auto items = due({open(2, Status::submitted, "2026-11-22", "2026-11-22")}, {}, 0);
    REQUIRE(items.size() == 1);
    CHECK(items[0].type == DueType::contact);
    CHECK(items[0].days == 1);
}

TEST_CASE("due: stale when open without a status change for 30 days or more")
{
    CHECK(due({open(1, Status::meeting, "2026-10-01", "2026-10-25")}).empty()); // 29 days
    auto items = due({open(2, Status::meeting, "2026-10-01", "2026-10-24")});   // 30 days
    REQUIRE(items.size() == 1);
    CHECK(items[0] == DueItem{DueType::stale, 2, std::nullopt, "x@y.com", "X", d("2026-10-24"), 30});
    for (Status s : {Status::contacted, Status::qualified})
        CHECK(due({open(3, s, "2026-01-01", "2026-06-01")}).size() == 1);
    // Closed referrals are never due, however old.
    for (Status s : {Status::won, Status::lost}) CHECK(due({open(4, s, "2026-01-01", "2026-06-01")}).empty());
}

TEST_CASE("due: a referral both uncontacted and stale appears once, as contact since its submission")
{
    auto items = due({open(1, Status::submitted, "2026-06-01", "2026-06-01")});
    REQUIRE(items.size() == 1);
    CHECK(items[0].type == DueType::contact);
    CHECK(items[0].since == d("2026-06-01"));
    CHECK(items[0].days == 175);
}

TEST_CASE("due: a pending payout is due on its due date, not the day before")
{
    auto items = due({}, {pending(7, 3, "2026-11-23"), pending(8, 3, "2026-11-24"), pending(9, 4, "2026-11-01")});
    REQUIRE(items.size() == 2);
    CHECK(items[0] == DueItem{DueType::payout, 4, 9, "p@y.com", "P", d("2026-11-01"), 22});
    CHECK(items[1] == DueItem{DueType::payout, 3, 7, "p@y.com", "P", today, 0});
}

TEST_CASE("due: rows ordered by type, then since, then those without an email last, then id")
{
    auto items = due(
        {
            open(5, Status::meeting, "2026-01-01", "2026-09-01"),   // stale since 09-01
            open(4, Status::contacted, "2026-01-01", "2026-08-01"), // stale since 08-01
            open(3, Status::submitted, "2026-11-10", "2026-11-10"), // contact since 11-10
            open(2, Status::submitted, "2026-11-01", "2026-11-01", std::nullopt), // contact, no email
            open(1, Status::submitted, "2026-11-10", "2026-11-10"), // contact since 11-10, lower id
            open(6, Status::submitted, "2026-11-01", "2026-11-01"), // contact since 11-01, with email
        },
        {pending(12, 1, "2026-11-20"), pending(11, 9, "2026-11-20"), pending(10, 8, "2026-11-22", std::nullopt),
         pending(13, 8, "2026-11-22")});
    std::vector<std::pair<DueType, long long>> order;
    for (const DueItem& i : items) order.emplace_back(i.type, i.payout.value_or(i.referral));
    CHECK(order == std::vector<std::pair<DueType, long long>>{{DueType::contact, 6},
                                                               {DueType::contact, 2},
                                                               {DueType::contact, 1},
                                                               {DueType::contact, 3},
                                                               {DueType::payout, 11},
                                                               {DueType::payout, 12},
                                                               {DueType::payout, 13},
                                                               {DueType::payout, 10},
                                                               {DueType::stale, 4},
                                                               {DueType::stale, 5}});
}

TEST_CASE("due: type names")
{
    CHECK(to_string(DueType::contact) == "contact");
    CHECK(to_string(DueType::payout) == "payout");
    CHECK(to_string(DueType::stale) == "stale");
}

TEST_CASE("due: a priority referral is a contact row after priority_contact_sla_days, listed first")
{
    Fit seven{3, 2, 0, true}; // 3 + 2 + 0 + 2
    Fit five{3, 2, 0, false};
    auto items = due({
        open(1, Status::submitted, "2026-11-22", "2026-11-22", "a@y.com", seven), // priority, 1 day: due (SLA 0)
        open(2, Status::submitted, "2026-11-23", "2026-11-23", "b@y.com", seven), // priority, today: not yet
        open(3, Status::submitted, "2026-11-22", "2026-11-22", "c@y.com", five),  // standard, 1 day: not yet
        open(4, Status::submitted, "2026-11-01", "2026-11-01", "d@y.com", five),  // standard: due
        open(5, Status::submitted, "2026-11-10", "2026-11-10", "e@y.com", seven), // priority: due
    });
    std::vector<std::pair<long long, bool>> order;
    for (const DueItem& i : items) order.emplace_back(i.referral, i.priority);
    CHECK(order == std::vector<std::pair<long long, bool>>{{5, true}, {1, true}, {4, false}});
}

TEST_CASE("due: priority by the version in force on the submission day, at the threshold and one below")
{
    Program strict = builtin_program();
    strict.priority_fit_score = 8;
    strict.priority_contact_sla_days = 1;
    Program loose = builtin_program();
    loose.priority_fit_score = 5;
    ProgramBook book({ProgramVersion{1, std::nullopt, strict, "x", ""},
                      ProgramVersion{2, d("2026-11-15"), loose, "x", ""}});
    Fit seven{3, 2, 0, true};
    Fit four{2, 2, std::nullopt, std::nullopt};
    Fit five{3, 2, std::nullopt, std::nullopt};
    auto items = due({open(1, Status::submitted, "2026-11-14", "2026-11-14", "a@y.com", seven), // strict: 7 < 8
                      open(2, Status::submitted, "2026-11-21", "2026-11-21", "b@y.com", five),  // loose: 5 = 5
                      open(3, Status::submitted, "2026-11-22", "2026-11-22", "c@y.com", four)}, // loose: 4 < 5
                     {}, book);
    REQUIRE(items.size() == 2);
    CHECK(items[0].referral == 2);
    CHECK(items[0].priority);
    CHECK(items[1].referral == 1); // standard: 9 days > 2
    CHECK_FALSE(items[1].priority);
}

TEST_CASE("due: an unscored referral is never priority")
{
    auto items = due({open(1, Status::submitted, "2026-11-22", "2026-11-22")});
    CHECK(items.empty());
    CHECK_FALSE(fit_score(Fit{}));
    CHECK(fit_score(Fit{std::nullopt, std::nullopt, std::nullopt, false}) == 0);
    CHECK(fit_score(Fit{3, 3, 2, true}) == 10);
    CHECK(is_priority(Fit{3, 3, std::nullopt, std::nullopt}, 6));
    CHECK_FALSE(is_priority(Fit{3, 2, std::nullopt, std::nullopt}, 6));
}

TEST_CASE("fit bands: priority at the threshold, standard one below, unscored when no part is set")
{
    CHECK(fit_band(Fit{3, 3, std::nullopt, std::nullopt}, 6) == FitBand::priority);
    CHECK(fit_band(Fit{3, 2, std::nullopt, std::nullopt}, 6) == FitBand::standard);
    CHECK(fit_band(Fit{0, std::nullopt, std::nullopt, std::nullopt}, 0) == FitBand::priority); // 0 >= 0
    CHECK(fit_band(Fit{std::nullopt, std::nullopt, std::nullopt, false}, 0) == FitBand::priority);
    CHECK(fit_band(Fit{}, 0) == FitBand::unscored); // never scored is never priority
    CHECK(k_fit_bands[std::size_t(FitBand::standard)] == "standard");
}
