#pragma once
// Calendar dates as whole days since 1970-01-01: comparisons and "D - d" are integers.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace refer {

struct Date {
    int days = 0; // days since 1970-01-01

    static Date from_ymd(int year, unsigned month, unsigned day);
    int year() const;
    unsigned month() const;
    unsigned day() const;

    auto operator<=>(const Date&) const = default;
    friend int operator-(Date a, Date b) { return a.days - b.days; }
    friend Date operator+(Date a, int n) { return Date{a.days + n}; }
    friend Date operator-(Date a, int n) { return Date{a.days - n}; }
};

// Strict `YYYY-MM-DD`, the only form refer writes.
std::optional<Date> parse_iso_date(std::string_view text);

// What imports accept: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, ISO 8601 date-times with
// a `T` and a time zone (the calendar date as written is kept).
std::optional<Date> parse_date_time(std::string_view text);

// strptime syntax (`%m/%d/%Y`); the whole text must be consumed (trailing time allowed
// when the format has none).
std::optional<Date> parse_date_with_format(std::string_view text, const std::string& format);

std::string to_string(Date date);

// Today's local date.
Date local_today();

// The current instant as ISO 8601 UTC, `2026-11-23T16:30:06Z`.
std::string utc_timestamp_now();

} // namespace refer
