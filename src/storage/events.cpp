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
    : m_actor(std::move(actor)),
      m_insert(db, "INSERT INTO events (at, on_date, entity, entity_id, what, old, new, user) "
                   "VALUES (:at, :on, :entity, :entity_id, :what, :old, :new, :user)")
{
}

void EventLog::record(std::string_view entity, long long entity_id, std::string_view what,
                      const std::optional<std::string>& old_value, const std::optional<std::string>& new_value)
{
    m_insert.reset();
    m_insert.bindNoCopy(":at", m_actor.at);
    m_insert.bind(":on", to_string(m_actor.today));
    m_insert.bind(":entity", std::string(entity));
    m_insert.bind(":entity_id", static_cast<int64_t>(entity_id));
    m_insert.bind(":what", std::string(what));
    if (old_value) m_insert.bind(":old", *old_value); else m_insert.bind(":old");
    if (new_value) m_insert.bind(":new", *new_value); else m_insert.bind(":new");
    m_insert.bindNoCopy(":user", m_actor.user);
    m_insert.exec();
}

} // namespace refer
