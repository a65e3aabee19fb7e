#include "refer/storage/events.h"

#include <cstdlib>

namespace refer {

Actor current_actor(Date today)
{
    const char* user = std::getenv("USER");
    if (user == nullptr || *user == '\0') user = std::getenv("LOGNAME");
    return Actor{user && *user ? user : "unknown", utc_timestamp_now(), today};
}

EventLog::EventLog(SQLite::Database& db, Actor actor)
    : m_actor(std::move(actor)), m_today(to_string(m_actor.today)),
      m_insert(db, "INSERT INTO events (at, on_date, entity, entity_id, what, old, new, user) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
{
}

void EventLog::record(std::string_view entity, long long entity_id, std::string_view what,
                      const std::optional<std::string>& old_value, const std::optional<std::string>& new_value)
{
    // Positional binds without copies: every value outlives exec(). Imports call this per row.
    m_insert.reset();
    m_insert.bindNoCopy(1, m_actor.at);
    m_insert.bindNoCopy(2, m_today);
    m_entity.assign(entity);
    m_what.assign(what);
    m_insert.bindNoCopy(3, m_entity);
    m_insert.bind(4, static_cast<int64_t>(entity_id));
    m_insert.bindNoCopy(5, m_what);
    if (old_value) m_insert.bindNoCopy(6, *old_value); else m_insert.bind(6);
    if (new_value) m_insert.bindNoCopy(7, *new_value); else m_insert.bind(7);
    m_insert.bindNoCopy(8, m_actor.user);
    m_insert.exec();
}

} // namespace refer
