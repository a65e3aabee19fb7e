#pragma once
// Dates in tests: d("2026-11-23"), and the day the tests call today.
#include "refer/domain/date.h"

namespace refer::test {

inline Date d(const char* text) { return *parse_iso_date(text); }
inline const Date today = d("2026-11-23");

} // namespace refer::test
