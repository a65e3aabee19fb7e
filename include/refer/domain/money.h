#pragma once
// Money is integer cents. Nothing here touches floating point.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace refer {

using Cents = std::int64_t;

// The largest amount refer accepts anywhere (import, options, programs): $999,999,999,999.99.
// Far from int64's end, so that sums over millions of payouts or deals cannot overflow.
inline constexpr Cents k_max_money = 99'999'999'999'999;

enum class DecimalMark { point, comma };

struct MoneyParse {
    std::optional<Cents> cents; // set when the text is valid money
    std::string error;          // why not, otherwise
};

// `12000`, `12000.5`, `12,000.00`, `$12,000.00`, `USD 12000`; with DecimalMark::comma
// `12.000,50`. Negative amounts, scientific notation, more than 2 decimals and amounts above
// k_max_money are errors.
MoneyParse parse_money(std::string_view text, DecimalMark mark = DecimalMark::point);

// `1500.00`, `-3.05`: what CSV and program files carry.
std::string format_decimal(Cents cents);

// `$1,500.00`, `-$3.05`: what people read.
std::string format_money(Cents cents, std::string_view symbol = "$");

// The symbol shown for an ISO currency code (USD -> $, EUR -> €, unknown -> "CODE ").
std::string currency_symbol(std::string_view code);

// `percent_hundredths` is the percentage times 100 (7.5% -> 750); rounds half away from zero.
Cents percent_of(Cents base, std::int64_t percent_hundredths);

} // namespace refer
