#include "refer/storage/import_lines.h"

namespace refer {

static SQLite::Database& with_table(SQLite::Database& db)
{
    db.exec("CREATE TEMP TABLE IF NOT EXISTS import_lines (client_id INTEGER PRIMARY KEY, line INTEGER NOT NULL)");
    return db;
}

ImportLines::ImportLines(SQLite::Database& db)
    : m_find(with_table(db), "SELECT line FROM temp.import_lines WHERE client_id = :person"),
      m_record(db, "INSERT OR REPLACE INTO temp.import_lines (client_id, line) VALUES (:person, :line)"),
      m_find_person(m_find.getIndex(":person")), m_find_line(m_find.getColumnIndex("line")),
      m_record_person(m_record.getIndex(":person")), m_record_line(m_record.getIndex(":line"))
{
}

std::optional<long> ImportLines::previous(long long person_id)
{
    m_find.reset();
    m_find.bind(m_find_person, static_cast<int64_t>(person_id));
    if (!m_find.executeStep()) return std::nullopt;
    return static_cast<long>(m_find.getColumn(m_find_line).getInt64());
}

void ImportLines::record(long long person_id, long line)
{
    m_record.reset();
    m_record.bind(m_record_person, static_cast<int64_t>(person_id));
    m_record.bind(m_record_line, static_cast<int64_t>(line));
    m_record.exec();
}

} // namespace refer
