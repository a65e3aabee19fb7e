#pragma once
// Which line of an import file last named each person.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <optional>

namespace refer {

// Kept in a temporary table of this connection, so that a duplicate names both lines while
// memory stays flat whatever the file size. Imports call this per row.
class ImportLines {
public:
    explicit ImportLines(SQLite::Database& db);
    // The line that last named the person, if any did.
    std::optional<long> previous(long long person_id);
    void record(long long person_id, long line);

private:
    SQLite::Statement m_find, m_record;
    int m_find_person, m_find_line, m_record_person, m_record_line; // by name, resolved once
};

} // namespace refer
