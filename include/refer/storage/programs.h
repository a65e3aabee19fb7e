#pragma once
// Program versions (SPEC 7, 12). Each load stores the file's full text, and that text stays
// the single truth: reading the versions reads their texts again.
#include "refer/domain/program.h"
#include "refer/storage/events.h"

#include <SQLiteCpp/Database.h>
#include <optional>
#include <string>
#include <string_view>

namespace refer {

// Stores `source` (which reads as `program`) as a new version in force from `effective_on`
// (none: from the beginning of time) and records the event (`program`, `loaded`, on the
// effective date or today); returns the version number.
long long store_program(SQLite::Database& db, EventLog& events, const Program& program, std::string_view source,
                        std::optional<Date> effective_on);

// The text of a stored version, exactly as it was loaded.
std::string program_source(SQLite::Database& db, long long version);

// Every version in load order. Throws failure naming a version whose stored text no longer
// reads as a program.
ProgramBook program_book(SQLite::Database& db);

} // namespace refer
