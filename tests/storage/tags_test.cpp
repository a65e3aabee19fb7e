// Tag counts and NPS segments read from the ledger.
#include "refer/storage/nps.h"
#include "refer/storage/tags.h"

#include "ledger.h"

#include <doctest/doctest.h>

using namespace refer;
using refer::test::d;
using refer::test::Ledger;

TEST_CASE("tag_counts, people_count and update_segments")
{
    Ledger ledger;
    long long ann = ledger.person("ann@example.com"), bob = ledger.person("bob@example.com");
    ledger.person("cy@example.com");
    PeopleWriter people(*ledger.db, ledger.events);
    people.add_tags(ann, {"vip", "board"});
    people.add_tags(bob, {"vip", "detractor"}); // a stale segment tag: bob has no response
    NpsWriter nps(*ledger.db, ledger.events);
    nps.upsert({ann, 10, d("2026-05-01"), std::nullopt});
    nps.upsert({ann, 3, d("2024-01-01"), std::nullopt});

    std::vector<TagCount> counts = tag_counts(*ledger.db);
    REQUIRE(counts.size() == 3);
    CHECK(counts[0].tag == "board");
    CHECK(counts[1].tag == "detractor");
    CHECK(counts[2].tag == "vip");
    CHECK(counts[2].people == 2);
    CHECK(people_count(*ledger.db) == 3);
    CHECK(nps_scores_by_person(*ledger.db).at(ann).size() == 2);
    CHECK(segment_tags_by_person(*ledger.db).at(bob) == std::vector<std::string>{"detractor"});

    SegmentCounts c = update_segments(*ledger.db, ledger.events, d("2026-11-23"), NpsRules{});
    CHECK(c.promoter == 1);
    CHECK(c.none == 2);
    CHECK(c.added == 1);
    CHECK(c.removed == 1);
    CHECK(tags_of(*ledger.db, ann) == std::vector<std::string>{"board", "promoter", "vip"});
    CHECK(tags_of(*ledger.db, bob) == std::vector<std::string>{"vip"});
}
