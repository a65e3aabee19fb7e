// nudge_facts: what nudge reads of each candidate, found from the small sets.
#include "refer/storage/nudge.h"

#include "ledger.h"

#include <algorithm>
#include <doctest/doctest.h>

using namespace refer;
using refer::test::d;
using refer::test::Ledger;

TEST_CASE("nudge_facts: every referral counted, but only submissions since the first ask read as dates")
{
    Ledger l;
    long long ann = l.person("ann@example.com"); // a promoter, asked twice
    long long bob = l.person("bob@example.com"); // a promoter, never asked
    l.person("cy@example.com");                  // in no small set: not read at all
    l.db->exec(R"sql(
INSERT INTO tags (client_id, tag) VALUES (1, 'promoter'), (2, 'promoter');
INSERT INTO asks (client_id, asked_on, reason) VALUES (1, '2026-03-01', 'quarterly'), (1, '2026-06-01', 'quarterly');
INSERT INTO referrals (referrer_id, referee_name, source, submitted_on, status, status_on, won_on) VALUES
  (1, 'Before the asks', 'client', '2026-01-15', 'won', '2026-02-01', '2026-02-01'),
  (1, 'On the first ask', 'client', '2026-03-01', 'submitted', '2026-03-01', NULL),
  (1, 'Later', 'client', '2026-07-01', 'lost', '2026-08-01', NULL),
  (2, 'Bob one', 'client', '2026-01-02', 'submitted', '2026-01-02', NULL),
  (2, 'Bob two', 'client', '2026-02-02', 'submitted', '2026-02-02', NULL);
)sql");
    std::vector<NudgeFacts> facts = nudge_facts(*l.db, d("2026-11-23"), Program{});
    REQUIRE(facts.size() == 2);
    const NudgeFacts& a = facts[0].person_id == ann ? facts[0] : facts[1];
    const NudgeFacts& b = facts[0].person_id == bob ? facts[0] : facts[1];
    CHECK(a.promoter);
    CHECK(a.asks == std::vector<Date>{d("2026-03-01"), d("2026-06-01")});
    CHECK(a.referrals_submitted == 3);
    CHECK(a.referrals_won == 1);
    std::vector<Date> since_first_ask = a.submitted; // in no particular order
    std::ranges::sort(since_first_ask);
    CHECK(since_first_ask == std::vector<Date>{d("2026-03-01"), d("2026-07-01")});
    CHECK(b.referrals_submitted == 2);
    CHECK(b.asks.empty());
    CHECK(b.submitted.empty()); // never asked: nothing to answer
}
