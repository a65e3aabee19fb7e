#pragma once
// The append-only history: every change to a person, referral, payout or tag.
#include "refer/domain/date.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <optional>
#include <string>

namespace refer {

// One command's author and clock: every event it records carries the same `at`, `on`, `user`.
struct Actor {
    std::string user; // $USER
    std::string at;   // ISO 8601 UTC timestamp of the command
    Date today;       // --today
};

Actor current_actor(Date today);

class EventLog {
public:
    EventLog(SQLite::Database& db, Actor actor);

    void record(std::string_view entity, long long entity_id, std::string_view what,
                const std::optional<std::string>& old_value, const std::optional<std::string>& new_value);

    const Actor& actor() const { return m_actor; }

private:
    Actor m_actor;
    std::string m_today, m_entity, m_what; // bound without copies
    SQLite::Statement m_insert;
};

} // namespace refer
