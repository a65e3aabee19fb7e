#include "refer/storage/events.h"

#include "refer/storage/columns.h"

#include "refer/util/text.h"

#include <array>
#include <cstdlib>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace refer {

static constexpr const char* k_event_select = "SELECT id, at, on_date, entity, entity_id, what, old, new, user FROM events ";

// Where each field of an event sits in a statement of k_event_select, resolved once by name.
struct EventColumns {
    explicit EventColumns(const SQLite::Statement& q)
        : id(q.getColumnIndex("id")), at(q.getColumnIndex("at")), on(q.getColumnIndex("on_date")),
          entity(q.getColumnIndex("entity")), entity_id(q.getColumnIndex("entity_id")), what(q.getColumnIndex("what")),
          old_value(q.getColumnIndex("old")), new_value(q.getColumnIndex("new")), user(q.getColumnIndex("user"))
    {
    }
    int id, at, on, entity, entity_id, what, old_value, new_value, user;
};

static StoredEvent event_from_row(const SQLite::Statement& q, const EventColumns& c)
{
    StoredEvent e;
    e.id = q.getColumn(c.id).getInt64();
    e.at = q.getColumn(c.at).getString();
    e.on = date_of(q.getColumn(c.on));
    e.entity = q.getColumn(c.entity).getString();
    if (!q.getColumn(c.entity_id).isNull()) e.entity_id = q.getColumn(c.entity_id).getInt64();
    e.what = q.getColumn(c.what).getString();
    e.old_value = opt_text(q.getColumn(c.old_value));
    e.new_value = opt_text(q.getColumn(c.new_value));
    e.user = opt_text(q.getColumn(c.user));
    return e;
}

void for_each_event(SQLite::Database& db, const std::function<void(StoredEvent)>& visit)
{
    SQLite::Statement q(db, std::string(k_event_select) + "ORDER BY id");
    EventColumns columns(q);
    while (q.executeStep()) visit(event_from_row(q, columns));
}

std::vector<StoredEvent> events_of(SQLite::Database& db, std::string_view entity, long long entity_id)
{
    SQLite::Statement q(db, std::string(k_event_select) + "WHERE entity = :entity AND entity_id = :id ORDER BY id");
    q.bind(":entity", std::string(entity));
    q.bind(":id", static_cast<int64_t>(entity_id));
    EventColumns columns(q);
    std::vector<StoredEvent> events;
    while (q.executeStep()) events.push_back(event_from_row(q, columns));
    return events;
}

static bool known(const char* name) { return name != nullptr && !trim(name).empty(); }

std::string event_user(const char* user_env, const char* logname_env, const char* login_name, const char* passwd_name)
{
    for (const char* name : {user_env, logname_env, login_name, passwd_name})
        if (known(name)) return std::string(trim(name));
    return "unknown";
}

// The name of the effective user id in the password database (NSS), when it has one.
static std::string passwd_name()
{
    long size = sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
    passwd entry{};
    passwd* found = nullptr;
    if (getpwuid_r(geteuid(), &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) return {};
    return found->pw_name ? found->pw_name : "";
}

Actor current_actor(Date today)
{
    const char* user = std::getenv("USER");
    const char* logname = std::getenv("LOGNAME");
    std::string login, from_passwd;
    // Asked only when the environment does not say: utmp and NSS lookups cost time.
    if (!known(user) && !known(logname)) {
        std::array<char, 256> name{};
        if (getlogin_r(name.data(), name.size()) == 0) login = name.data();
        if (login.empty()) from_passwd = passwd_name();
    }
    return Actor{event_user(user, logname, login.c_str(), from_passwd.c_str()), utc_timestamp_now(), today};
}

EventLog::EventLog(SQLite::Database& db, Actor actor)
    : m_actor(std::move(actor)), m_on(m_actor.today), m_on_text(to_string(m_on)),
      m_insert(db, "INSERT INTO events (at, on_date, entity, entity_id, what, old, new, user) "
                   "VALUES (:at, :on, :entity, :entity_id, :what, :old, :new, :user)"),
      m_at(m_insert)
{
}

EventLog::Parameters::Parameters(const SQLite::Statement& s)
    : at(s.getIndex(":at")), on(s.getIndex(":on")), entity(s.getIndex(":entity")), entity_id(s.getIndex(":entity_id")),
      what(s.getIndex(":what")), old_value(s.getIndex(":old")), new_value(s.getIndex(":new")), user(s.getIndex(":user"))
{
}

void EventLog::set_on(Date on)
{
    if (on == m_on) return;
    m_on = on;
    m_on_text = to_string(on);
}

void EventLog::record(std::string_view entity, long long entity_id, std::string_view what,
                      const std::optional<std::string>& old_value, const std::optional<std::string>& new_value)
{
    // Binds without copies: every value outlives exec(). Imports call this per row.
    m_insert.reset();
    m_insert.bindNoCopy(m_at.at, m_actor.at);
    m_insert.bindNoCopy(m_at.on, m_on_text);
    m_entity.assign(entity);
    m_what.assign(what);
    m_insert.bindNoCopy(m_at.entity, m_entity);
    m_insert.bind(m_at.entity_id, static_cast<int64_t>(entity_id));
    m_insert.bindNoCopy(m_at.what, m_what);
    if (old_value) m_insert.bindNoCopy(m_at.old_value, *old_value); else m_insert.bind(m_at.old_value);
    if (new_value) m_insert.bindNoCopy(m_at.new_value, *new_value); else m_insert.bind(m_at.new_value);
    m_insert.bindNoCopy(m_at.user, m_actor.user);
    m_insert.exec();
}

} // namespace refer
