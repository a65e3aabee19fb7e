#pragma once
// Asks: the referral requests made to a person (SPEC 9), one per person and day.
#include "refer/domain/person.h"

#include <SQLiteCpp/Database.h>
#include <vector>

namespace refer {

// A person's asks, oldest first.
std::vector<Ask> asks_of(SQLite::Database& db, long long person_id);

} // namespace refer
