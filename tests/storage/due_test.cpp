// What `refer due` reads: open referrals past the SLA or stale, pending payouts due by today,
// each row's person named as SPEC 12 says. (Its query plans: query_plans_test.cpp.)
#include "ledger.h"
#include "refer/storage/due.h"
#include "refer/storage/programs.h"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace refer;
using namespace refer::test;

namespace {

using refer::test::today;

// Every row due today with a contact SLA of 2 days, as listed.
std::vector<DueItem> due(Ledger& l)
{
    std::vector<DueItem> items;
    for_each_due(*l.db, today, program_book(*l.db), [&](const DueItem& item) { items.push_back(item); });
    return items;
}

} // namespace

TEST_CASE("due: open referrals past the SLA or stale, nothing closed or recent")
{
    Ledger l;
    l.person("ann@acme.com");
    l.db->exec(R"sql(
INSERT INTO referrals (referrer_id, referee_name, referee_email, source, submitted_on, status, status_on) VALUES
  (1, 'Old Sub', 'old@x.com', 'client', '2026-06-01', 'submitted', '2026-06-01'),
  (1, 'Edge Sub', 'edge@x.com', 'client', '2026-11-21', 'submitted', '2026-11-21'),
  (1, 'Late Sub', NULL, 'client', '2026-11-20', 'submitted', '2026-11-20'),
  (1, 'Stale', 'stale@x.com', 'client', '2026-09-01', 'meeting', '2026-10-24'),
  (1, 'Fresh', 'fresh@x.com', 'client', '2026-09-01', 'meeting', '2026-10-25'),
  (1, 'Won', 'won@x.com', 'client', '2026-01-01', 'won', '2026-02-01'),
  (1, 'Lost', 'lost@x.com', 'client', '2026-01-01', 'lost', '2026-02-01');
)sql");
    // Old Sub is both uncontacted and stale: one row, as contact.
    auto items = due(l);
    CHECK(items == std::vector<DueItem>{
                       {DueType::contact, 1, std::nullopt, "old@x.com", "Old Sub", d("2026-06-01"), 175},
                       {DueType::contact, 3, std::nullopt, std::nullopt, "Late Sub", d("2026-11-20"), 3},
                       {DueType::stale, 4, std::nullopt, "stale@x.com", "Stale", d("2026-10-24"), 30},
                   });
}

TEST_CASE("due: pending payouts due by today, named by their beneficiary")
{
    Ledger l;
    l.person("ann@acme.com");
    l.db->exec(R"sql(
UPDATE clients SET name = 'Ann Acme' WHERE id = 1;
INSERT INTO clients (email, name, external_id, kind, created_at, updated_at) VALUES
  (NULL, 'Nomail Partner', 'crm-7', 'partner', 'x', 'x'),
  ('Lee@One.com', 'Lee One', NULL, 'client', 'x', 'x');
INSERT INTO referrals (referrer_id, referee_name, referee_email, source, submitted_on, status, status_on, won_on,
                       deal_value) VALUES
  (1, 'Lee One', 'lee@one.com', 'client', '2026-08-01', 'won', '2026-10-01', '2026-10-01', 100000),
  (2, 'Mo', 'mo@two.com', 'partner', '2026-08-01', 'won', '2026-10-01', '2026-10-01', 100000);
INSERT INTO payouts (id, referral_id, beneficiary, email, client_id, reward, kind, amount, earned_on, due_on, status,
                     paid_on, explanation) VALUES
  (1, 1, 'referrer', NULL, 1, 'bonus', 'cash', 50000, '2026-10-01', '2026-10-31', 'pending', NULL, 'x'),
  (2, 1, 'referee', 'lee@one.com', NULL, 'welcome', 'discount', 10000, '2026-10-01', '2026-11-23', 'pending', NULL, 'x'),
  (3, 2, 'referee', 'mo@two.com', NULL, 'welcome', 'discount', 10000, '2026-10-01', '2026-10-31', 'pending', NULL, 'x'),
  (4, 2, 'referrer', NULL, 2, 'bonus', 'cash', 50000, '2026-10-01', '2026-10-31', 'pending', NULL, 'x'),
  (5, 2, 'referrer', NULL, 2, 'later', 'cash', 50000, '2026-10-25', '2026-11-24', 'pending', NULL, 'x'),
  (6, 1, 'referrer', NULL, 1, 'paid', 'cash', 50000, '2026-09-01', '2026-10-01', 'paid', '2026-10-02', 'x'),
  (7, 1, 'referrer', NULL, 1, 'void', 'cash', 50000, '2026-09-01', '2026-10-01', 'void', NULL, 'x');
)sql");
    // Not #5 (due tomorrow), #6 (paid), #7 (void). On 10-31: with an email first, then by id.
    auto items = due(l);
    CHECK(items == std::vector<DueItem>{
                       {DueType::payout, 1, 1, "ann@acme.com", "Ann Acme", d("2026-10-31"), 23},
                       // a referee nobody knows: no name
                       {DueType::payout, 2, 3, "mo@two.com", std::nullopt, d("2026-10-31"), 23},
                       // a referrer known only by CRM id
                       {DueType::payout, 2, 4, std::nullopt, "Nomail Partner", d("2026-10-31"), 23},
                       // a referee who became a client: known by email
                       {DueType::payout, 1, 2, "lee@one.com", "Lee One", today, 0},
                   });
}
