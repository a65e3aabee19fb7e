#include "refer/csvio/values.h"

#include "refer/domain/person.h"
#include "refer/util/text.h"

namespace refer {

std::optional<Date> read_date(std::string_view cell, const ValueFormat& format)
{
    std::string_view s = trim(cell);
    if (!format.date_format.empty())
        if (auto d = parse_date_with_format(s, format.date_format)) return d;
    if (auto d = parse_date_time(s)) return d;
    if (!format.fallback_date_format.empty())
        if (auto d = parse_date_with_format(s, format.fallback_date_format)) return d;
    return std::nullopt;
}

std::string date_hint(std::string_view cell, const ValueFormat& format)
{
    if (!format.date_format.empty() || cell.find_first_of("/.") == std::string_view::npos) return {};
    return "dates are YYYY-MM-DD; for other forms give --date-format, e.g. %m/%d/%Y";
}

std::string first_email(std::string_view cell)
{
    std::string_view s = trim(cell);
    size_t end = s.find_first_of(",;");
    // `Doe, Jane <jane@x.com>` keeps its comma: only split where an address follows.
    if (end != std::string_view::npos && s.substr(0, end).find('@') != std::string_view::npos) s = trim(s.substr(0, end));
    // An email cell holds bare addresses: `<jane@x.com>` or `Jane <jane@x.com>` stay as they
    // are, and so are invalid.
    if (s.find_first_of("<>") != std::string_view::npos) return std::string(s);
    return normalize_email(s);
}

} // namespace refer
