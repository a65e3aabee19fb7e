#pragma once
// A fresh in-memory ledger for storage tests: the database, one command's event log, and
// a quick way to add people.
#include "refer/storage/database.h"
#include "refer/storage/events.h"
#include "refer/storage/people.h"
#include "dates.h"

#include <memory>
#include <string>

namespace refer::test {

inline Actor test_actor() { return Actor{"tester", "2026-11-23T10:00:00Z", today}; }

// The one value a query returns, as an integer (SELECT count(*) ...).
inline long long count(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt64(); }

struct Ledger {
    std::unique_ptr<SQLite::Database> db = open_memory_database();
    EventLog events{*db, test_actor()};

    long long person(const char* email)
    {
        Person p;
        p.email = email;
        return PeopleWriter(*db, events).insert(p);
    }
};

} // namespace refer::test
