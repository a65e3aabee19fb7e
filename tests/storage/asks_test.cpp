// asks_of: the referral requests made to a person.
#include "refer/storage/asks.h"

#include "ledger.h"

#include <doctest/doctest.h>

using namespace refer;
using refer::test::d;
using refer::test::Ledger;

TEST_CASE("asks_of: the asks made to a person, oldest first, with or without a reason")
{
    Ledger ledger;
    long long ann = ledger.person("ann@example.com");
    CHECK(asks_of(*ledger.db, ann).empty());
    ledger.db->exec("INSERT INTO asks (client_id, asked_on, reason) VALUES "
                    "(" + std::to_string(ann) + ", '2026-09-01', 'promoter'), "
                    "(" + std::to_string(ann) + ", '2026-02-10', NULL)");

    std::vector<Ask> asks = asks_of(*ledger.db, ann);
    REQUIRE(asks.size() == 2);
    CHECK(asks[0].person_id == ann);
    CHECK(asks[0].asked_on == d("2026-02-10"));
    CHECK_FALSE(asks[0].reason);
    CHECK(asks[1].asked_on == d("2026-09-01"));
    CHECK(asks[1].reason == "promoter");
}
