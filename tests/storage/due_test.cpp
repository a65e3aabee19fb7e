// What `refer due` reads: open referrals past the SLA or stale, pending payouts due by today,
// each row's person named as SPEC 12 says. (Its query plans: query_plans_test.cpp.)
#include "ledger.h"
#include "refer/storage/due.h"

#include <doctest/doctest.h>
#include <string>

using namespace refer;
using namespace refer::test;

namespace {

const DueBounds k_bounds = due_bounds(d("2026-11-23"), 2);

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
    DueCandidates c = read_due_candidates(*l.db, k_bounds);
    REQUIRE(c.referrals.size() == 3);
    CHECK(c.referrals[0].id + c.referrals[1].id + c.referrals[2].id == 1 + 3 + 4);
    for (const OpenReferral& r : c.referrals) {
        if (r.id == 3) {
            CHECK_FALSE(r.referee_email);
            CHECK(r.referee_name == "Late Sub");
            CHECK(r.submitted_on == d("2026-11-20"));
        }
        if (r.id == 4) {
            CHECK(r.status == Status::meeting);
            CHECK(r.status_on == d("2026-10-24"));
            CHECK(r.referee_email == "stale@x.com");
        }
    }
    CHECK(c.payouts.empty());
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
    DueCandidates c = read_due_candidates(*l.db, k_bounds);
    CHECK(c.referrals.empty());
    std::vector<PendingPayout> by_id(5);
    for (const PendingPayout& p : c.payouts) by_id.at(std::size_t(p.id)) = p;
    CHECK(c.payouts.size() == 4); // not #5 (due tomorrow), #6 (paid), #7 (void)
    CHECK(by_id[1].email == "ann@acme.com");
    CHECK(by_id[1].name == "Ann Acme");
    CHECK(by_id[1].referral_id == 1);
    CHECK(by_id[1].due_on == d("2026-10-31"));
    CHECK(by_id[2].email == "lee@one.com"); // a referee who became a client: known by email
    CHECK(by_id[2].name == "Lee One");
    CHECK(by_id[3].email == "mo@two.com"); // a referee nobody knows: no name
    CHECK_FALSE(by_id[3].name);
    CHECK_FALSE(by_id[4].email); // a referrer known only by CRM id
    CHECK(by_id[4].name == "Nomail Partner");
}
