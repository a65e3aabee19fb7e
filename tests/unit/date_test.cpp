#include "refer/domain/date.h"

#include <doctest/doctest.h>

using namespace refer;

TEST_CASE("ISO dates are strict")
{
    REQUIRE(parse_iso_date("2024-02-29"));
    CHECK(to_string(*parse_iso_date("2024-02-29")) == "2024-02-29");
    CHECK_FALSE(parse_iso_date("2023-02-29"));
    CHECK_FALSE(parse_iso_date("2023-13-45"));
    CHECK_FALSE(parse_iso_date("31/12/2023"));
    CHECK_FALSE(parse_iso_date("yesterday"));
    CHECK_FALSE(parse_iso_date("2023-1-05"));
}

TEST_CASE("day arithmetic is whole days")
{
    Date a = *parse_iso_date("2026-01-01"), b = *parse_iso_date("2026-12-31");
    CHECK(b - a == 364);
    CHECK(to_string(a + 59) == "2026-03-01");
    CHECK(to_string(a - 1) == "2025-12-31");
    CHECK(to_string(Date{0}) == "1970-01-01");
}

TEST_CASE("dates are written as four-digit years, zero-padded")
{
    for (const char* text : {"0001-01-01", "0009-10-05", "0999-12-31", "1999-09-09", "2000-02-29", "9999-12-31"})
        CHECK(to_string(*parse_iso_date(text)) == text);
    CHECK(to_string(*parse_iso_date("9999-12-31") + 1) == "10000-01-01");
}

TEST_CASE("date-times keep the calendar date as written")
{
    CHECK(to_string(*parse_date_time("2024-03-05 14:22")) == "2024-03-05");
    CHECK(to_string(*parse_date_time("2024-03-05 14:22:09")) == "2024-03-05");
    CHECK(to_string(*parse_date_time("2024-03-05T23:30:00-07:00")) == "2024-03-05");
    CHECK(to_string(*parse_date_time("2024-03-05T23:30:00.123Z")) == "2024-03-05");
    CHECK(to_string(*parse_date_time("2024-03-05T23:30:00+0200")) == "2024-03-05");
    CHECK_FALSE(parse_date_time("2024-03-05 25:00"));
    CHECK_FALSE(parse_date_time("2024-03-05 noon"));
}

TEST_CASE("strptime formats")
{
    CHECK(to_string(*parse_date_with_format("12/31/2024", "%m/%d/%Y")) == "2024-12-31");
    CHECK(to_string(*parse_date_with_format("1/5/2024", "%m/%d/%Y")) == "2024-01-05");
    CHECK(to_string(*parse_date_with_format("31.12.2024", "%d.%m.%Y")) == "2024-12-31");
    CHECK(to_string(*parse_date_with_format("11/03/2026 10:15:22 AM", "%m/%d/%Y")) == "2026-11-03");
    CHECK_FALSE(parse_date_with_format("31/12/2024", "%m/%d/%Y"));
    CHECK_FALSE(parse_date_with_format("02/30/2024", "%m/%d/%Y"));
}
