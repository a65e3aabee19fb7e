#pragma once
// Reading nullable columns into the domain's types.
#include "refer/domain/date.h"
#include "refer/domain/referral.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
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

// The four parts of a referral's fit, from the columns of those names.
inline Fit fit_of(SQLite::Statement& q)
{
    Fit fit{opt_int(q.getColumn("fit_industry")), opt_int(q.getColumn("fit_role")), opt_int(q.getColumn("fit_size")), {}};
    if (auto urgency = opt_int(q.getColumn("fit_urgency"))) fit.urgency = *urgency != 0;
    return fit;
}

} // namespace refer
