#pragma once
// NPS responses: one per (person, responded_on).
#include "refer/domain/date.h"
#include "refer/domain/nps.h"
#include "refer/storage/events.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace refer {

class NpsWriter {
public:
    enum class Outcome { created, updated, unchanged };
    NpsWriter(SQLite::Database& db, EventLog& events);
    Outcome upsert(const NpsResponse& response);

private:
    EventLog& m_events;
    SQLite::Statement m_find, m_insert, m_update;
    // Parameter and column indexes, resolved once by name: imports upsert per row.
    int m_find_person, m_find_on, m_find_id, m_find_score, m_find_comment, m_insert_person, m_insert_score,
        m_insert_on, m_insert_comment, m_update_score, m_update_comment, m_update_id;
};

// A person's responses, newest first.
std::vector<NpsResponse> nps_of(SQLite::Database& db, long long person_id);

// A response in the ledger with its person's email, by which an export names them.
struct StoredNpsResponse {
    long long id = 0;
    NpsResponse response;
    std::optional<std::string> person_email;
};
// Every response, in the order recorded, handed over one at a time.
void for_each_nps_response(SQLite::Database& db, const std::function<void(StoredNpsResponse)>& visit);

} // namespace refer
