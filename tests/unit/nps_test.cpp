#include "refer/domain/nps.h"
#include "dates.h"

#include <doctest/doctest.h>

using namespace refer;

using refer::test::d;

TEST_CASE("segment_of: promoter from the minimum, passive from 7, detractor at 6 and below")
{
    CHECK(segment_of(10, 9) == NpsSegment::promoter);
    CHECK(segment_of(9, 9) == NpsSegment::promoter);
    CHECK(segment_of(8, 9) == NpsSegment::passive);
    CHECK(segment_of(7, 9) == NpsSegment::passive);
    CHECK(segment_of(6, 9) == NpsSegment::detractor);
    CHECK(segment_of(0, 9) == NpsSegment::detractor);
    // A stricter program: 9 is passive.
    CHECK(segment_of(9, 10) == NpsSegment::passive);
    CHECK(segment_of(10, 10) == NpsSegment::promoter);
    // A lenient one: 8 already promotes, 7 is the only passive score.
    CHECK(segment_of(8, 8) == NpsSegment::promoter);
    CHECK(segment_of(7, 8) == NpsSegment::passive);
}

TEST_CASE("segment tags")
{
    CHECK(segment_tag(NpsSegment::promoter) == "promoter");
    CHECK(segment_tag(NpsSegment::passive) == "passive");
    CHECK(segment_tag(NpsSegment::detractor) == "detractor");
    CHECK(is_segment_tag("passive"));
    CHECK_FALSE(is_segment_tag("vip"));
    CHECK_FALSE(is_segment_tag("Promoter"));
}

TEST_CASE("current_segment: the latest response within the window decides")
{
    NpsRules rules; // 9, 365
    Date today = d("2026-11-23");
    CHECK_FALSE(current_segment({}, today, rules));
    // A 6 that became a 9: promoter, whatever the order given.
    CHECK(current_segment({{6, d("2026-01-10")}, {9, d("2026-06-01")}}, today, rules) == NpsSegment::promoter);
    CHECK(current_segment({{9, d("2026-06-01")}, {6, d("2026-01-10")}}, today, rules) == NpsSegment::promoter);
    // A 10 that became a 3: detractor.
    CHECK(current_segment({{10, d("2026-01-10")}, {3, d("2026-06-01")}}, today, rules) == NpsSegment::detractor);
}

TEST_CASE("current_segment: window edges (0 <= today - on < N)")
{
    NpsRules rules{9, 365};
    Date today = d("2026-11-23");
    CHECK(current_segment({{10, today}}, today, rules) == NpsSegment::promoter);         // age 0
    CHECK(current_segment({{10, today - 364}}, today, rules) == NpsSegment::promoter);   // age 364
    CHECK_FALSE(current_segment({{10, today - 365}}, today, rules));                     // age 365
    CHECK_FALSE(current_segment({{10, today + 1}}, today, rules));                       // the future
    // An old response outside the window does not count, the newer one inside does.
    CHECK(current_segment({{10, today - 400}, {7, today - 10}}, today, rules) == NpsSegment::passive);
    // A future response is ignored, the latest one up to today decides.
    CHECK(current_segment({{2, today + 5}, {9, today - 5}}, today, rules) == NpsSegment::promoter);
    NpsRules short_window{9, 30};
    CHECK(current_segment({{9, today - 29}}, today, short_window) == NpsSegment::promoter);
    CHECK_FALSE(current_segment({{9, today - 30}}, today, short_window));
}
