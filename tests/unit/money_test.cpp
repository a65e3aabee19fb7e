#include "refer/domain/money.h"

#include <doctest/doctest.h>

using namespace refer;

TEST_CASE("money parses the forms spreadsheets and CRMs write")
{
    CHECK(parse_money("12000").cents == 1200000);
    CHECK(parse_money("12000.5").cents == 1200050);
    CHECK(parse_money("12,000.00").cents == 1200000);
    CHECK(parse_money("$12,000.00").cents == 1200000);
    CHECK(parse_money(" 0.07 ").cents == 7);
    CHECK(parse_money("12.000,50", DecimalMark::comma).cents == 1200050);
    CHECK(parse_money("7.500", DecimalMark::comma).cents == 750000);
    CHECK(parse_money("1.234.567,8", DecimalMark::comma).cents == 123456780);
}

TEST_CASE("money refuses negative, scientific and malformed amounts")
{
    CHECK_FALSE(parse_money("-50").cents);
    CHECK(parse_money("-50").error == "negative amount");
    CHECK_FALSE(parse_money("1e5").cents);
    CHECK(parse_money("1e5").error == "scientific notation");
    CHECK(parse_money("1.2E+4").error == "scientific notation");
    CHECK(parse_money("5e-3").error == "scientific notation");
    CHECK_FALSE(parse_money("12.345").cents);
    CHECK_FALSE(parse_money("1,00").cents);
    CHECK_FALSE(parse_money("abc").cents);
    CHECK_FALSE(parse_money("").cents);
    CHECK_FALSE(parse_money("12,000.00", DecimalMark::comma).cents);
}

TEST_CASE("money formats for people and for files")
{
    CHECK(format_money(150000) == "$1,500.00");
    CHECK(format_money(-305) == "-$3.05");
    CHECK(format_money(123456789012) == "$1,234,567,890.12");
    CHECK(format_money(5, "€") == "€0.05");
    CHECK(format_decimal(150000) == "1500.00");
    CHECK(format_decimal(-5) == "-0.05");
    CHECK(format_decimal(0) == "0.00");
}

TEST_CASE("percentages round half away from zero to the cent")
{
    CHECK(percent_of(1500000, 1000) == 150000); // 10% of $15,000.00
    CHECK(percent_of(333, 1000) == 33);          // 33.3 cents -> 33
    CHECK(percent_of(335, 1000) == 34);          // 33.5 cents -> 34
    CHECK(percent_of(-335, 1000) == -34);
    CHECK(percent_of(100, 750) == 8);            // 7.5% of $1.00 = 7.5 cents -> 8
}

TEST_CASE("money written in the other decimal convention says so")
{
    CHECK(parse_money("1.200,50").error == "written with a decimal comma: use --decimal-comma");
    CHECK(parse_money("1,200.50", DecimalMark::comma).error == "written with a decimal point: drop --decimal-comma");
}

TEST_CASE("money stops at $999,999,999,999.99 without overflowing on the way")
{
    CHECK(parse_money("999999999999.99").cents == k_max_money);
    CHECK(parse_money("999,999,999,999.99").cents == k_max_money);
    const std::string too_large = "too large: at most 999999999999.99";
    CHECK(parse_money("1000000000000").error == too_large);
    CHECK(parse_money("92233720368547759").error == too_large); // overflowed int64 before
    CHECK(parse_money("9223372036854775807").error == too_large);
    CHECK(parse_money("99999999999999999999999999999999.5").error == too_large);
    CHECK(parse_money("1.000.000.000.000,00", DecimalMark::comma).error == too_large);
}
