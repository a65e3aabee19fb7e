#pragma once
// Reading one cell's value the way imports accept it (SPEC 5 "Values").
#include "refer/csvio/columns.h"
#include "refer/domain/date.h"
#include "refer/domain/money.h"

#include <optional>
#include <string>
#include <string_view>

namespace refer {

struct ValueFormat {
    DecimalMark decimal_mark = DecimalMark::point;
    std::string date_format;         // --date-format (strptime), tried first
    std::string fallback_date_format; // what the file's tool writes (Salesforce: %m/%d/%Y)
};

std::optional<Date> read_date(std::string_view cell, const ValueFormat& format);

// Why a date cell did not parse, when a hint can help (`12/31/2023` without --date-format).
std::string date_hint(std::string_view cell, const ValueFormat& format);

// The first address of a cell that may hold several (`a@x.com, b@y.com`), normalised.
std::string first_email(std::string_view cell);

} // namespace refer
