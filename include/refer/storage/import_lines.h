#pragma once
// Which rows of an import file name the same person (or NPS response) as a later row: the
// last row wins, and the earlier ones change nothing (SPEC 5), so that the import records the
// net change and re-importing the file changes nothing.
#include "refer/util/email_filter.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <optional>
#include <string_view>

namespace refer {

// A first pass notes every row's key; the second asks, row by row in file order, whether a
// later row has the same key. Only keys the file names more than once (and the few a Bloom
// filter cannot tell apart) are kept, in a temporary table of this connection, so that memory
// stays flat whatever the file size.
class RepeatedRows {
public:
    explicit RepeatedRows(SQLite::Database& db);

    // First pass, in file order: whether an earlier row may have named `key` (false is
    // certain; a Bloom filter answers, so that most rows cost no more); remembers `key`.
    bool named_before(std::string_view key);
    // First pass: a valid row on `line` names `key`, which named_before() said an earlier
    // row may have named too.
    void note(std::string_view key, long line);

    struct Visit {
        std::optional<long> previous; // the line of the last earlier row with this key
        bool superseded = false;      // a later row has this key: this one changes nothing
    };
    // Second pass, in file order, for the same rows as note().
    Visit visit(std::string_view key, long line);

private:
    EmailFilter m_seen;
    SQLite::Statement m_note, m_find, m_visited;
    int m_note_key, m_note_line, m_find_key, m_find_last, m_find_visited, m_visited_key, m_visited_line;
};

} // namespace refer
