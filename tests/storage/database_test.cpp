// open_database, migrations, pragmas, the append-only event log, WriteTransaction, PeopleWriter.
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/events.h"
#include "refer/storage/people.h"
#include "ledger.h"
#include "old_schema.h"
#include "temp_dir.h"

#include <SQLiteCpp/Exception.h>
#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace refer;
namespace fs = std::filesystem;
using refer::test::TempDir;

using refer::test::count;
using refer::test::test_actor;

namespace {


unsigned mode_of(const fs::path& p)
{
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

Exit exit_of_open(const fs::path& p, Access access)
{
    try {
        open_database(p, access);
    } catch (const Error& e) {
        return e.code();
    }
    return Exit::ok;
}

} // namespace

TEST_CASE("open_database creates, migrates and sets the pragmas")
{
    TempDir tmp;
    fs::path path = tmp.path / "a" / "b" / "refer.db";
    {
        auto db = open_database(path, Access::write);
        CHECK(count(*db, "PRAGMA user_version") == schema_version());
        CHECK(schema_version() >= 1);
        CHECK(count(*db, "PRAGMA application_id") == 0x52454652);
        CHECK(db->execAndGet("PRAGMA journal_mode").getString() == "wal");
        CHECK(count(*db, "PRAGMA foreign_keys") == 1);
        for (const char* table : {"clients", "tags", "nps_responses", "milestones", "referrals", "asks", "programs",
                                  "payouts", "events"})
            CHECK_MESSAGE(count(*db, std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '") +
                                         table + "'") == 1,
                          table);
    }
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of(tmp.path / "a") == 0700);
    CHECK(mode_of(tmp.path / "a" / "b") == 0700);

    // A ledger in which nothing was recorded yet (a first import killed midway) reads as empty.
    CHECK_THROWS_WITH(open_database(path, Access::read),
                      (path.string() + ": the database is empty; import or add people first").c_str());
    open_database(path, Access::write)
        ->exec("INSERT INTO clients (email, created_at, updated_at) VALUES ('a@x.com', 'now', 'now')");

    // Read access on the migrated file: foreign keys on, same version.
    auto ro = open_database(path, Access::read);
    CHECK(count(*ro, "PRAGMA foreign_keys") == 1);
    CHECK(count(*ro, "PRAGMA user_version") == schema_version());
    CHECK_THROWS_AS(ro->exec("INSERT INTO programs (name, loaded_at, source) VALUES ('x', 'y', 'z')"), SQLite::Exception);

    // Opening again for writing migrates nothing and changes nothing.
    auto again = open_database(path, Access::write);
    CHECK(count(*again, "SELECT count(*) FROM clients") == 1);
    CHECK(count(*again, "PRAGMA user_version") == schema_version());
}

TEST_CASE("open_memory_database is migrated, with foreign keys on, and private")
{
    auto db = open_memory_database();
    CHECK(count(*db, "PRAGMA user_version") == schema_version());
    CHECK(count(*db, "PRAGMA foreign_keys") == 1);
    CHECK(count(*db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'referrals'") == 1);
    db->exec("INSERT INTO clients (email, kind, created_at, updated_at) VALUES ('a@x.com', 'client', 'x', 'x')");
    CHECK(count(*open_memory_database(), "SELECT count(*) FROM clients") == 0);
}

TEST_CASE("foreign keys are enforced")
{
    auto db = open_memory_database();
    CHECK_THROWS_AS(db->exec("INSERT INTO tags (client_id, tag) VALUES (42, 'vip')"), SQLite::Exception);
    CHECK(count(*db, "SELECT count(*) FROM tags") == 0);
}

TEST_CASE("open_database refuses what is not a refer database")
{
    TempDir tmp;
    SUBCASE("missing file, read: exit 1, nothing created")
    {
        fs::path path = tmp.path / "sub" / "missing.db";
        CHECK(exit_of_open(path, Access::read) == Exit::failure);
        CHECK_FALSE(fs::exists(path));
        CHECK_FALSE(fs::exists(tmp.path / "sub"));
    }
    SUBCASE("a text file")
    {
        fs::path path = tmp.path / "notes.txt";
        std::ofstream(path) << "this is not a database, just some text that is long enough to look like a header\n";
        CHECK(exit_of_open(path, Access::read) == Exit::not_refer);
        CHECK(exit_of_open(path, Access::write) == Exit::not_refer);
    }
    SUBCASE("SQLite with other tables")
    {
        fs::path path = tmp.path / "other.db";
        {
            SQLite::Database other(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            other.exec("CREATE TABLE stuff (x)");
        }
        CHECK(exit_of_open(path, Access::read) == Exit::not_refer);
        CHECK(exit_of_open(path, Access::write) == Exit::not_refer);
        SQLite::Database other(path.string(), SQLite::OPEN_READONLY);
        CHECK(count(other, "SELECT count(*) FROM sqlite_schema") == 1);
        CHECK(count(other, "PRAGMA user_version") == 0);
    }
    SUBCASE("a newer schema")
    {
        fs::path path = tmp.path / "newer.db";
        open_database(path, Access::write);
        {
            SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
            raw.exec("PRAGMA user_version = 99");
        }
        CHECK(exit_of_open(path, Access::read) == Exit::not_refer);
        CHECK(exit_of_open(path, Access::write) == Exit::not_refer);
        SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
        CHECK(count(raw, "PRAGMA user_version") == 99);
    }
    SUBCASE("an empty file is an empty database: read refuses, write adopts it")
    {
        fs::path path = tmp.path / "empty.db";
        std::ofstream{path};
        CHECK(exit_of_open(path, Access::read) == Exit::failure);
        CHECK(exit_of_open(path, Access::write) == Exit::ok);
        auto db = open_database(path, Access::write);
        CHECK(count(*db, "PRAGMA application_id") == 0x52454652);
        CHECK(exit_of_open(path, Access::read) == Exit::failure); // nothing recorded yet
    }
}

TEST_CASE("events are append-only")
{
    auto db = open_memory_database();
    {
        WriteTransaction tx(*db);
        EventLog log(*db, test_actor());
        log.record("client", 1, "created", std::nullopt, std::string("{}"));
        log.record("client", 1, "name", std::string("Old"), std::string("New"));
        tx.commit();
    }
    CHECK(count(*db, "SELECT count(*) FROM events") == 2);
    CHECK_THROWS_AS(db->exec("UPDATE events SET what = 'x'"), SQLite::Exception);
    CHECK_THROWS_AS(db->exec("DELETE FROM events"), SQLite::Exception);
    CHECK_THROWS_AS(db->exec("DELETE FROM events WHERE id = 1"), SQLite::Exception);
    try {
        db->exec("UPDATE events SET old = NULL WHERE id = 2");
        FAIL("update was allowed");
    } catch (const SQLite::Exception& e) {
        CHECK(std::string(e.what()).find("append-only") != std::string::npos);
    }
    CHECK(count(*db, "SELECT count(*) FROM events") == 2);
    SQLite::Statement q(*db, "SELECT at, on_date, entity, entity_id, what, old, new, user FROM events ORDER BY id");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "2026-11-23T10:00:00Z");
    CHECK(q.getColumn(1).getString() == "2026-11-23");
    CHECK(q.getColumn(2).getString() == "client");
    CHECK(q.getColumn(3).getInt64() == 1);
    CHECK(q.getColumn(4).getString() == "created");
    CHECK(q.getColumn(5).isNull());
    CHECK(q.getColumn(6).getString() == "{}");
    CHECK(q.getColumn(7).getString() == "tester");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(5).getString() == "Old");
    CHECK(q.getColumn(6).getString() == "New");
}

TEST_CASE("WriteTransaction commits only when told")
{
    TempDir tmp;
    auto db = open_database(tmp.path / "refer.db", Access::write);
    auto insert = [&](const std::string& email) {
        db->exec("INSERT INTO clients (email, kind, created_at, updated_at) VALUES ('" + email + "', 'client', 'x', 'x')");
    };
    {
        WriteTransaction tx(*db);
        insert("gone@example.com");
        CHECK(count(*db, "SELECT count(*) FROM clients") == 1);
    }
    CHECK(count(*db, "SELECT count(*) FROM clients") == 0);
    try {
        WriteTransaction tx(*db);
        insert("thrown@example.com");
        throw std::runtime_error("midway");
    } catch (const std::runtime_error&) {
    }
    CHECK(count(*db, "SELECT count(*) FROM clients") == 0);
    {
        WriteTransaction tx(*db);
        insert("kept@example.com");
        tx.commit();
    }
    CHECK(count(*db, "SELECT count(*) FROM clients") == 1);
    // After a transaction the connection is back in autocommit mode: a new one can begin.
    {
        WriteTransaction tx(*db);
        tx.commit();
    }
    // Another connection sees the committed row only.
    SQLite::Database other((tmp.path / "refer.db").string(), SQLite::OPEN_READONLY);
    CHECK(count(other, "SELECT count(*) FROM clients") == 1);
    CHECK(other.execAndGet("SELECT email FROM clients").getString() == "kept@example.com");
}

TEST_CASE("a second writer waits the busy timeout, then fails with SQLITE_BUSY")
{
    TempDir tmp;
    fs::path path = tmp.path / "refer.db";
    ::setenv("REFER_BUSY_TIMEOUT_MS", "50", 1);
    auto first = open_database(path, Access::write);
    auto second = open_database(path, Access::write);
    ::unsetenv("REFER_BUSY_TIMEOUT_MS");
    WriteTransaction held(*first);
    try {
        WriteTransaction tx(*second);
        FAIL("second writer got the lock");
    } catch (const SQLite::Exception& e) {
        CHECK((e.getErrorCode() & 0xff) == 5); // SQLITE_BUSY
    }
}

TEST_CASE("PeopleWriter records events with old and new values")
{
    auto db = open_memory_database();
    WriteTransaction tx(*db);
    EventLog log(*db, test_actor());
    PeopleWriter people(*db, log);

    Person p;
    p.email = "ann@example.com";
    p.name = "Ann";
    p.kind = "partner";
    p.annual_value = 150000;
    p.started_on = Date::from_ymd(2024, 1, 15);
    p.tags = {"vip", "promoter"};
    long long id = people.insert(p);
    CHECK(id > 0);

    auto stored = people.find_by_email("ann@example.com");
    REQUIRE(stored);
    CHECK(stored->id == id);
    CHECK(stored->person.name == "Ann");
    CHECK(stored->person.annual_value == 150000);
    CHECK(stored->person.started_on == Date::from_ymd(2024, 1, 15));
    CHECK(tags_of(*db, id) == std::vector<std::string>{"promoter", "vip"});

    auto events = [&](const std::string& where) {
        std::vector<std::string> out;
        SQLite::Statement q(*db, "SELECT what, coalesce(old, 'NULL'), coalesce(new, 'NULL') FROM events WHERE " + where +
                                     " ORDER BY id");
        while (q.executeStep())
            out.push_back(q.getColumn(0).getString() + "|" + q.getColumn(1).getString() + "|" + q.getColumn(2).getString());
        return out;
    };
    CHECK(events("entity = 'client' AND entity_id = " + std::to_string(id)) ==
          std::vector<std::string>{
              R"(created|NULL|{"email":"ann@example.com","name":"Ann","kind":"partner","annual_value":"150000","started_on":"2024-01-15","tags":["vip","promoter"]})"});

    Person after = stored->person;
    after.name = "Ann Smith";
    after.annual_value = std::nullopt;
    after.ended_on = Date::from_ymd(2026, 6, 30);
    long long before_count = count(*db, "SELECT count(*) FROM events");
    people.update(id, stored->person, after);
    CHECK(events("id > " + std::to_string(before_count)) ==
          std::vector<std::string>{"name|Ann|Ann Smith", "annual_value|150000|NULL", "ended_on|NULL|2026-06-30"});
    auto updated = people.find_by_email("ann@example.com");
    REQUIRE(updated);
    CHECK(updated->person.name == "Ann Smith");
    CHECK_FALSE(updated->person.annual_value);
    CHECK(updated->person.ended_on == Date::from_ymd(2026, 6, 30));

    // An update that changes nothing records nothing.
    long long n = count(*db, "SELECT count(*) FROM events");
    people.update(id, updated->person, updated->person);
    CHECK(count(*db, "SELECT count(*) FROM events") == n);

    // Tags: adding an existing tag is no change; removing records the old value.
    CHECK(people.add_tags(id, {"vip", "new"}) == 1);
    CHECK(people.remove_tags(id, {"vip", "absent"}) == 1);
    CHECK(events("id > " + std::to_string(n)) == std::vector<std::string>{"tag added|NULL|new", "tag removed|vip|NULL"});

    // Every event carries the actor.
    CHECK(count(*db, "SELECT count(*) FROM events WHERE user <> 'tester' OR on_date <> '2026-11-23' OR "
                     "at <> '2026-11-23T10:00:00Z'") == 0);

    // Emails are unique case-insensitively.
    Person dup;
    dup.email = "ANN@example.com";
    CHECK_THROWS(people.insert(dup));
    CHECK_FALSE(people.insert_if_new(dup));
    CHECK(people.find_by_email("ANN@EXAMPLE.COM"));
    tx.commit();
}

TEST_CASE("a read of a ledger an older refer wrote upgrades it first, keeping its rows")
{
    TempDir dir;
    fs::path path = dir.path / "refer.db";
    {
        auto db = open_database(path, Access::write);
        db->exec("INSERT INTO clients (email, kind, created_at, updated_at) VALUES ('a@x.com', 'client', 'x', 'x')");
        db->exec(std::string(k_migration_3_undone));
    }
    auto db = open_database(path, Access::read);
    CHECK(count(*db, "PRAGMA user_version") == schema_version());
    CHECK(count(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'referrals_by_won'") == 1);
    CHECK(count(*db, "SELECT count(*) FROM clients WHERE email = 'a@x.com'") == 1);
    CHECK(count(*db, "SELECT count(*) FROM pragma_table_info('referrals') WHERE name LIKE 'fit\\_%' ESCAPE '\\'") == 4);
}
