#include "refer/storage/import_lines.h"

#include <string>

namespace refer {

static SQLite::Database& with_table(SQLite::Database& db)
{
    // Dropped first: a second import in the same connection starts afresh.
    db.exec("DROP TABLE IF EXISTS temp.repeated_rows");
    db.exec("CREATE TEMP TABLE repeated_rows (key TEXT PRIMARY KEY, last_line INTEGER NOT NULL, "
            "visited_line INTEGER) WITHOUT ROWID");
    return db;
}

RepeatedRows::RepeatedRows(SQLite::Database& db)
    : m_note(with_table(db), "INSERT INTO temp.repeated_rows (key, last_line) VALUES (:key, :line) "
                             "ON CONFLICT (key) DO UPDATE SET last_line = excluded.last_line"),
      m_find(db, "SELECT last_line, visited_line FROM temp.repeated_rows WHERE key = :key"),
      m_visited(db, "UPDATE temp.repeated_rows SET visited_line = :line WHERE key = :key"),
      m_note_key(m_note.getIndex(":key")), m_note_line(m_note.getIndex(":line")),
      m_find_key(m_find.getIndex(":key")), m_find_last(m_find.getColumnIndex("last_line")),
      m_find_visited(m_find.getColumnIndex("visited_line")), m_visited_key(m_visited.getIndex(":key")),
      m_visited_line(m_visited.getIndex(":line"))
{
}

bool RepeatedRows::named_before(std::string_view key)
{
    if (m_seen.may_contain(key)) return true;
    m_seen.add(key);
    return false;
}

// A key's first row is not kept: the table learns of a key at its second row, and the last
// row is what counts.
void RepeatedRows::note(std::string_view key, long line)
{
    m_note.reset();
    m_note.bind(m_note_key, std::string(key));
    m_note.bind(m_note_line, static_cast<int64_t>(line));
    m_note.exec();
}

RepeatedRows::Visit RepeatedRows::visit(std::string_view key, long line)
{
    Visit v;
    m_find.reset();
    m_find.bind(m_find_key, std::string(key));
    if (!m_find.executeStep()) return v;
    v.superseded = m_find.getColumn(m_find_last).getInt64() > line;
    if (!m_find.getColumn(m_find_visited).isNull()) v.previous = static_cast<long>(m_find.getColumn(m_find_visited).getInt64());
    m_find.reset();
    m_visited.reset();
    m_visited.bind(m_visited_key, std::string(key));
    m_visited.bind(m_visited_line, static_cast<int64_t>(line));
    m_visited.exec();
    return v;
}

} // namespace refer
