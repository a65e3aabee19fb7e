#include "refer/domain/money.h"
#include "refer/util/text.h"

#include <cctype>
#include <fmt/format.h>

namespace refer {

// Said inside parentheses by the callers: no parentheses of its own.
static constexpr const char* k_too_large = "too large: at most 999999999999.99";

static std::string_view strip_currency(std::string_view s)
{
    for (std::string_view sym : {"US$", "$", "€", "£", "USD", "EUR", "GBP", "CHF", "CAD", "AUD"}) {
        if (s.starts_with(sym)) return trim(s.substr(sym.size()));
        if (s.ends_with(sym)) return trim(s.substr(0, s.size() - sym.size()));
    }
    return s;
}

MoneyParse parse_money(std::string_view text, DecimalMark mark)
{
    std::string_view s = trim(text);
    for (size_t e = 1; e + 1 < s.size(); ++e) // 1.2E+4, 5e-3: before the sign and the decimals are judged
        if ((s[e] == 'e' || s[e] == 'E') && std::isdigit(static_cast<unsigned char>(s[e - 1])) &&
            (std::isdigit(static_cast<unsigned char>(s[e + 1])) || s[e + 1] == '+' || s[e + 1] == '-'))
            return {std::nullopt, "scientific notation"};
    if (s.starts_with('-') || s.starts_with('(') || s.find("-") != std::string_view::npos)
        return {std::nullopt, "negative amount"};
    if (s.starts_with('+')) s.remove_prefix(1);
    s = strip_currency(s);
    if (s.empty()) return {std::nullopt, "no amount"};
    const char decimal = mark == DecimalMark::point ? '.' : ',';
    const char group = mark == DecimalMark::point ? ',' : '.';
    Cents whole = 0;
    int digits_since_group = -1; // -1: no group separator seen yet
    size_t i = 0, whole_digits = 0;
    for (; i < s.size() && s[i] != decimal; ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            // Checked per digit, so that no amount overflows on the way to the bound.
            if (whole > k_max_money / 100) return {std::nullopt, k_too_large};
            whole = whole * 10 + (c - '0');
            ++whole_digits;
            if (digits_since_group >= 0) ++digits_since_group;
        } else if (c == group || c == ' ' || c == '\'') {
            if (whole_digits == 0 || (digits_since_group >= 0 && digits_since_group != 3))
                return {std::nullopt, "misplaced digit group separator"};
            digits_since_group = 0;
        } else if (c == 'e' || c == 'E') {
            return {std::nullopt, "scientific notation"};
        } else {
            return {std::nullopt, "not a number"};
        }
    }
    if (digits_since_group >= 0 && digits_since_group != 3)
        return {std::nullopt, "misplaced digit group separator"};
    Cents fraction = 0;
    if (i < s.size()) { // at the decimal mark
        std::string_view frac = s.substr(i + 1);
        if (frac.find(group) != std::string_view::npos)
            return {std::nullopt, mark == DecimalMark::point ? "written with a decimal comma: use --decimal-comma"
                                                             : "written with a decimal point: drop --decimal-comma"};
        if (frac.size() > 2) return {std::nullopt, "more than 2 decimals"};
        for (char c : frac) {
            if (c == 'e' || c == 'E') return {std::nullopt, "scientific notation"};
            if (c < '0' || c > '9') return {std::nullopt, "not a number"};
        }
        if (frac.empty() && whole_digits == 0) return {std::nullopt, "not a number"};
        if (frac.size() >= 1) fraction = (frac[0] - '0') * 10;
        if (frac.size() == 2) fraction += frac[1] - '0';
    } else if (whole_digits == 0) {
        return {std::nullopt, "not a number"};
    }
    if (whole > k_max_money / 100) return {std::nullopt, k_too_large};
    return {whole * 100 + fraction, {}};
}

std::string format_decimal(Cents cents)
{
    const char* sign = cents < 0 ? "-" : "";
    std::uint64_t abs = cents < 0 ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
    return fmt::format("{}{}.{:02}", sign, abs / 100, abs % 100);
}

std::string format_money(Cents cents, std::string_view symbol)
{
    std::uint64_t abs = cents < 0 ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
    std::string whole = std::to_string(abs / 100);
    std::string grouped;
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    return fmt::format("{}{}{}.{:02}", cents < 0 ? "-" : "", symbol, grouped, abs % 100);
}

std::string currency_symbol(std::string_view code)
{
    if (code == "USD" || code == "CAD" || code == "AUD" || code == "NZD") return "$";
    if (code == "EUR") return "€";
    if (code == "GBP") return "£";
    if (code == "JPY") return "¥";
    return std::string(code) + " ";
}

Cents percent_of(Cents base, std::int64_t percent_hundredths)
{
    // base * p / 10000 with the remainder rounded half away from zero.
    __int128 product = static_cast<__int128>(base) * percent_hundredths;
    __int128 q = product / 10000, r = product % 10000;
    if (r < 0) r = -r;
    if (r * 2 >= 10000) q += product < 0 ? -1 : 1;
    return static_cast<Cents>(q);
}

} // namespace refer
