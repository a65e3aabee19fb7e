// Date parsing (domain/date, and csvio/values' read_date that imports use): any text either
// parses or does not, never crashes; what parses is a real calendar date that to_string
// writes as `YYYY-MM-DD` and parse_iso_date reads back as the same day.
#include "fuzz_target.h"
#include "refer/csvio/values.h"
#include "refer/domain/date.h"

#include <clocale>
#include <optional>
#include <string>
#include <string_view>

using namespace refer;

namespace {

void check_date(Date date)
{
    std::string written = to_string(date);
    FUZZ_CHECK(parse_iso_date(written) == date);
    FUZZ_CHECK(Date::from_ymd(date.year(), date.month(), date.day()) == date);
    FUZZ_CHECK(date.month() >= 1 && date.month() <= 12 && date.day() >= 1 && date.day() <= 31);
}

// --date-format values a user would pass, and the fallback of the Salesforce preset.
constexpr const char* k_formats[] = {"%m/%d/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y", "%b %d, %Y", "%Y%m%d"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static bool locale = std::setlocale(LC_CTYPE, "C.UTF-8") != nullptr; // as main() runs
    (void)locale;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto iso = parse_iso_date(text)) {
        check_date(*iso);
        FUZZ_CHECK(to_string(*iso) == text); // strict: the only form refer writes
    }
    if (auto date = parse_date_time(text)) check_date(*date);
    for (const char* format : k_formats) {
        if (auto date = parse_date_with_format(text, format)) check_date(*date);
        ValueFormat value_format{DecimalMark::point, format, "%m/%d/%Y"};
        if (auto date = read_date(text, value_format)) check_date(*date);
        else (void)date_hint(text, value_format);
    }
    if (auto date = read_date(text, ValueFormat{})) check_date(*date);
    else (void)date_hint(text, ValueFormat{});
    return 0;
}
