// milestones_of: a person's successes, read back as recorded.
#include "refer/storage/milestones.h"

#include "ledger.h"

#include <doctest/doctest.h>

using namespace refer;
using refer::test::d;
using refer::test::Ledger;

TEST_CASE("milestones_of: a person's milestones, oldest first, same day in the order recorded")
{
    Ledger ledger;
    long long ann = ledger.person("ann@example.com"), bob = ledger.person("bob@example.com");
    add_milestone(*ledger.db, ledger.events, ann, d("2026-10-02"), "CRM went live");
    add_milestone(*ledger.db, ledger.events, bob, d("2026-01-01"), "Renewed");
    add_milestone(*ledger.db, ledger.events, ann, d("2026-03-15"), "Won an award");
    add_milestone(*ledger.db, ledger.events, ann, d("2026-10-02"), "Second team onboarded");

    std::vector<Milestone> milestones = milestones_of(*ledger.db, ann);
    REQUIRE(milestones.size() == 3);
    CHECK(milestones[0].person_id == ann);
    CHECK(milestones[0].on == d("2026-03-15"));
    CHECK(milestones[0].description == "Won an award");
    CHECK(milestones[1].description == "CRM went live");
    CHECK(milestones[2].on == d("2026-10-02"));
    CHECK(milestones[2].description == "Second team onboarded");
    CHECK(milestones_of(*ledger.db, bob).size() == 1);
    CHECK(milestones_of(*ledger.db, 999).empty());
}
