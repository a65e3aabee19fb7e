#pragma once
// The append-only history: every change to a person, referral, payout or tag.
#include "refer/domain/date.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refer {

// One command's author and clock: every event it records carries the same `at` and `user`.
struct Actor {
    std::string user; // $USER, else the login name (event_user)
    std::string at;   // ISO 8601 UTC timestamp of the command
    Date today;       // --today: the events' business date unless the command has one (EventLog::set_on)
};

Actor current_actor(Date today);

// Who an event names (SPEC 2): $USER, else $LOGNAME, else the login name of the session
// (getlogin), else the name of the effective user id (getpwuid); "unknown" only when none
// of them is known. Blank values do not count. Pure: the caller reads the sources.
std::string event_user(const char* user_env, const char* logname_env, const char* login_name, const char* passwd_name);

// An event as the log holds it.
struct StoredEvent {
    long long id = 0;
    std::string at; // ISO 8601 UTC timestamp of the command
    Date on;        // the business date of the change (SPEC 2)
    std::string entity;
    std::optional<long long> entity_id;
    std::string what;
    std::optional<std::string> old_value, new_value, user;
};

// Every event, oldest first, handed over one at a time: the log grows with every change,
// and a caller that keeps the events (an export) then holds them once, not twice.
void for_each_event(SQLite::Database& db, const std::function<void(StoredEvent)>& visit);
// The history of one person (`client`), referral or payout, oldest first.
std::vector<StoredEvent> events_of(SQLite::Database& db, std::string_view entity, long long entity_id);

class EventLog {
public:
    EventLog(SQLite::Database& db, Actor actor);

    void record(std::string_view entity, long long entity_id, std::string_view what,
                const std::optional<std::string>& old_value, const std::optional<std::string>& new_value);

    const Actor& actor() const { return m_actor; }

    // The business date (SPEC 2) of the events recorded from now on: a move's date, an
    // import row's stage date. Until set, the actor's today.
    void set_on(Date on);
    Date on() const { return m_on; }

private:
    // Where record() puts each value, resolved once by name.
    struct Parameters {
        explicit Parameters(const SQLite::Statement& s);
        int at, on, entity, entity_id, what, old_value, new_value, user;
    };

    Actor m_actor;
    Date m_on;
    std::string m_on_text, m_entity, m_what; // bound without copies
    SQLite::Statement m_insert;
    Parameters m_at;
};

// Events dated `on` for as long as it lives, then the date they had before: one import row,
// one move.
class EventDate {
public:
    EventDate(EventLog& events, Date on) : m_events(events), m_before(events.on()) { events.set_on(on); }
    ~EventDate() { m_events.set_on(m_before); }
    EventDate(const EventDate&) = delete;
    EventDate& operator=(const EventDate&) = delete;

private:
    EventLog& m_events;
    Date m_before;
};

} // namespace refer
