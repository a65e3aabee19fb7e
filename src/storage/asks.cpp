#include "refer/storage/asks.h"

#include "refer/storage/columns.h"

#include <SQLiteCpp/Statement.h>

namespace refer {

std::vector<Ask> asks_of(SQLite::Database& db, long long person_id)
{
    SQLite::Statement q(db, "SELECT asked_on, reason FROM asks WHERE client_id = :person ORDER BY asked_on");
    q.bind(":person", static_cast<int64_t>(person_id));
    const int asked_on = q.getColumnIndex("asked_on"), reason = q.getColumnIndex("reason");
    std::vector<Ask> asks;
    while (q.executeStep())
        asks.push_back({person_id, date_of(q.getColumn(asked_on)), opt_text(q.getColumn(reason))});
    return asks;
}

} // namespace refer
