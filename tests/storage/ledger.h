#pragma once
// A fresh in-memory ledger for storage tests: the database, one command's event log, and
// a quick way to add people.
#include "refer/storage/database.h"
#include "refer/storage/events.h"
#include "refer/storage/people.h"

#include <memory>

namespace refer::test {

inline Date d(const char* text) { return *parse_iso_date(text); }

struct Ledger {
    std::unique_ptr<SQLite::Database> db = open_memory_database();
    EventLog events{*db, Actor{"tester", "2026-11-23T10:00:00Z", d("2026-11-23")}};

    long long person(const char* email)
    {
        Person p;
        p.email = email;
        return PeopleWriter(*db, events).insert(p);
    }
};

} // namespace refer::test
