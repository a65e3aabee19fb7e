#include "refer/storage/milestones.h"

#include "refer/storage/columns.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace refer {

long long add_milestone(SQLite::Database& db, EventLog& events, long long person_id, Date on,
                        const std::string& description)
{
    SQLite::Statement insert(db, "INSERT INTO milestones (client_id, on_date, description) "
                                 "VALUES (:person, :on, :description)");
    insert.bind(":person", static_cast<int64_t>(person_id));
    insert.bind(":on", to_string(on));
    insert.bind(":description", description);
    insert.exec();
    long long id = db.getLastInsertRowid();
    events.record("client", person_id, "milestone", std::nullopt, fmt::format("{} {}", to_string(on), description));
    return id;
}

std::vector<Milestone> milestones_of(SQLite::Database& db, long long person_id)
{
    SQLite::Statement q(db, "SELECT on_date, description FROM milestones WHERE client_id = :person "
                            "ORDER BY on_date, id");
    q.bind(":person", static_cast<int64_t>(person_id));
    const int on = q.getColumnIndex("on_date"), description = q.getColumnIndex("description");
    std::vector<Milestone> milestones;
    while (q.executeStep()) milestones.push_back({person_id, date_of(q.getColumn(on)), q.getColumn(description).getString()});
    return milestones;
}

} // namespace refer
