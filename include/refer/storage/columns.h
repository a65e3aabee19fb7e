#pragma once
// Reading nullable columns into the domain's types.
#include "refer/domain/date.h"

#include <SQLiteCpp/Column.h>
#include <optional>
#include <string>

namespace refer {

inline std::optional<std::string> opt_text(const SQLite::Column& c)
{
    if (c.isNull()) return std::nullopt;
    return c.getString();
}

inline std::optional<int> opt_int(const SQLite::Column& c)
{
    if (c.isNull()) return std::nullopt;
    return c.getInt();
}

inline std::optional<Date> opt_date(const SQLite::Column& c)
{
    if (c.isNull()) return std::nullopt;
    return parse_iso_date(c.getString());
}

// A NOT NULL date column (refer writes only ISO dates there).
inline Date date_of(const SQLite::Column& c) { return opt_date(c).value_or(Date{}); }

} // namespace refer
