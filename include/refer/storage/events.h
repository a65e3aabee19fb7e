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

// One command's author and clock: every event it records carries the same `at`, `on`, `user`.
struct Actor {
    std::string user; // $USER
    std::string at;   // ISO 8601 UTC timestamp of the command
    Date today;       // --today
};

Actor current_actor(Date today);

// An event as the log holds it.
struct StoredEvent {
    long long id = 0;
    std::string at; // ISO 8601 UTC timestamp of the command
    Date on;        // the command's --today
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

private:
    // Where record() puts each value, resolved once by name.
    struct Parameters {
        explicit Parameters(const SQLite::Statement& s);
        int at, on, entity, entity_id, what, old_value, new_value, user;
    };

    Actor m_actor;
    std::string m_today, m_entity, m_what; // bound without copies
    SQLite::Statement m_insert;
    Parameters m_at;
};

} // namespace refer
