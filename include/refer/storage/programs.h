#pragma once
// Program versions as stored (stub until the program loader lands).
#include "refer/domain/program.h"

#include <SQLiteCpp/Database.h>

namespace refer {

// Every version ever loaded, in load order.
ProgramBook program_book(SQLite::Database& db);

} // namespace refer
