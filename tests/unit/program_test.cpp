#include "refer/domain/program.h"
#include "dates.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <vector>

using namespace refer;

using refer::test::d;

static ProgramVersion version(long long id, std::optional<Date> effective_on)
{
    ProgramVersion v;
    v.id = id;
    v.effective_on = effective_on;
    v.program = program_defaults();
    v.program.name = fmt::format("v{}", id);
    return v;
}

TEST_CASE("the built-in default judges while no program was ever loaded")
{
    ProgramBook book({});
    CHECK(book.empty());
    const ProgramVersion& v = book.in_force(d("2026-11-23"));
    CHECK(v.id == 0);
    CHECK(v.program == builtin_program());
    CHECK(version_label(v) == "built-in default program");
    REQUIRE(v.program.rewards.size() == 2);
    CHECK(v.program.rewards[0].name == "discovery call thanks");
    CHECK(v.program.rewards[0].on == Status::meeting);
    CHECK(v.program.rewards[0].amount == 100'00);
    CHECK(v.program.rewards[1].name == "signing bonus");
    CHECK(v.program.rewards[1].percent == Percent{10, 0});
    CHECK(v.program.rewards[1].max == 2'000'00);
}

TEST_CASE("in force: the latest effective date not after the day")
{
    ProgramBook book({version(1, std::nullopt), version(2, d("2026-07-01")), version(3, d("2026-03-01"))});
    CHECK(book.in_force(d("2020-01-01")).id == 1); // from the beginning of time
    CHECK(book.in_force(d("2026-02-28")).id == 1);
    CHECK(book.in_force(d("2026-03-01")).id == 3); // loaded later, effective earlier
    CHECK(book.in_force(d("2026-06-30")).id == 3);
    CHECK(book.in_force(d("2026-07-01")).id == 2);
    CHECK(book.in_force(d("2030-01-01")).id == 2);
    CHECK(version_label(book.in_force(d("2026-07-01"))) == "program v2 \"v2\"");
}

TEST_CASE("in force: the same effective date goes to the later load")
{
    ProgramBook book({version(1, d("2026-01-01")), version(2, d("2026-01-01")), version(3, std::nullopt),
                      version(4, std::nullopt)});
    CHECK(book.in_force(d("2026-01-01")).id == 2);
    CHECK(book.in_force(d("2025-12-31")).id == 4); // two from the beginning: the later
}

TEST_CASE("in force: a day before every version takes the earliest")
{
    ProgramBook book({version(1, d("2026-05-01")), version(2, d("2026-02-01")), version(3, d("2026-02-01"))});
    CHECK(book.in_force(d("2025-01-01")).id == 3); // earliest date, later load
    CHECK(book.in_force(d("2026-04-30")).id == 3);
    CHECK(book.in_force(d("2026-05-01")).id == 1);
    ProgramBook one({version(7, d("2026-05-01"))});
    CHECK(one.in_force(d("2000-01-01")).id == 7);
}

TEST_CASE("apply_percent rounds half away from zero to the cent")
{
    CHECK(apply_percent(15'000'00, Percent{10, 0}) == 1'500'00);
    CHECK(apply_percent(100, Percent{75, 1}) == 8);   // 7.5% of $1.00 = 7.5 cents
    CHECK(apply_percent(-100, Percent{75, 1}) == -8); // away from zero, also below it
    CHECK(apply_percent(333, Percent{10, 0}) == 33);  // 33.3 cents
    CHECK(apply_percent(335, Percent{10, 0}) == 34);  // 33.5 cents
    CHECK(apply_percent(-335, Percent{10, 0}) == -34);
    CHECK(apply_percent(-334, Percent{10, 0}) == -33);
    CHECK(apply_percent(12'345'67, Percent{125, 3}) == 1'543); // 0.125% of 1,234,567 cents = 1,543.2 cents
    CHECK(apply_percent(1, Percent{50'000'000, 6}) == 1);      // 50% of a cent: half, away from zero
    CHECK(apply_percent(0, Percent{100, 0}) == 0);
    CHECK(apply_percent(9'000'000'000'000'000'000, Percent{100, 0}) == 9'000'000'000'000'000'000); // no overflow
}

TEST_CASE("a percent prints as the program file wrote it")
{
    CHECK(to_string(Percent{10, 0}) == "10");
    CHECK(to_string(Percent{75, 1}) == "7.5");
    CHECK(to_string(Percent{5, 2}) == "0.05");
    CHECK(to_string(Percent{100, 1}) == "10");
    CHECK(to_string(Percent{1, 6}) == "0.000001");
    CHECK(to_string(Percent{-25, 1}) == "-2.5");
}

TEST_CASE("the NPS rules come from the program")
{
    Program p = program_defaults();
    CHECK(nps_rules(p).promoter_min_score == 9);
    CHECK(nps_rules(p).window_days == 365);
    p.promoter_min_score = 10;
    p.nps_window_days = 180;
    CHECK(nps_rules(p).promoter_min_score == 10);
    CHECK(nps_rules(p).window_days == 180);
}
