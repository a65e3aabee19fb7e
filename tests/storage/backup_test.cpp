// back_up: a copy of an in-file ledger with the same rows, 0600, intact, in one file; the
// ledger refused as a target; an older ledger copied as it is; a locked ledger; a ledger
// written while it is copied.
#include "refer/storage/backup.h"

#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/events.h"
#include "refer/storage/payout_compute.h"
#include "refer/storage/people.h"
#include "refer/storage/programs.h"
#include "refer/storage/referrals.h"
#include "old_schema.h"
#include "temp_dir.h"
#include "ledger.h"

#include <SQLiteCpp/Exception.h>
#include <algorithm>
#include <atomic>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <sqlite3.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace refer;
namespace fs = std::filesystem;
using refer::test::TempDir;

namespace {


using refer::test::count;
using refer::test::d;
using refer::test::test_actor;

// People, a won referral and the payouts it earned under the built-in program.
void fill_with_payouts(SQLite::Database& db)
{
    WriteTransaction tx(db);
    EventLog events(db, test_actor());
    PeopleWriter people(db, events);
    long long ann = 0;
    for (const char* email : {"ann@acme.com", "bob@acme.com", "cy@globex.com"}) {
        Person p;
        p.email = email;
        long long id = people.insert(p);
        if (ann == 0) ann = id;
    }
    ReferralWriter referrals(db, events);
    Referral won = new_referral(ann, d("2026-10-01"));
    won.referee_name = "Sam Lee";
    won.status = Status::won;
    won.status_on = d("2026-11-02");
    won.won_on = d("2026-11-02");
    won.contacted_on = d("2026-10-02");
    won.meeting_on = d("2026-10-09");
    won.qualified_on = d("2026-10-20");
    won.deal_value = 2400000;
    referrals.insert(won);
    referrals.insert(new_referral(ann, d("2026-11-20")));
    compute_payouts(db, events, program_book(db), d("2026-11-23"), KeepChanged::no);
    tx.commit();
}

std::vector<ProtectedFile> protect(const fs::path& ledger)
{
    std::vector<ProtectedFile> files;
    for (fs::path& p : database_files(ledger)) files.push_back({std::move(p), "the ledger"});
    return files;
}

// Every row of every table, as text: two ledgers with the same dump hold the same data.
std::string dump(SQLite::Database& db)
{
    std::string out;
    SQLite::Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    while (tables.executeStep()) {
        std::string name = tables.getColumn("name").getString();
        SQLite::Statement rows(db, "SELECT * FROM \"" + name + "\"");
        out += name + "\n";
        while (rows.executeStep()) {
            for (int i = 0; i < rows.getColumnCount(); ++i) out += rows.getColumn(i).getString() + "|";
            out += "\n";
        }
    }
    return out;
}

std::string header_bytes(const fs::path& path, int offset, int length)
{
    std::ifstream in(path, std::ios::binary);
    std::string bytes(static_cast<size_t>(offset + length), '\0');
    in.read(bytes.data(), offset + length);
    return bytes.substr(static_cast<size_t>(offset));
}

SQLite::Exception busy_of(const std::function<void()>& f)
{
    try {
        f();
    } catch (const SQLite::Exception& e) {
        return e;
    }
    return SQLite::Exception("no exception", SQLITE_OK);
}

} // namespace

TEST_CASE("a backup holds the ledger's rows, also those still in its -wal, and is 0600, intact and one file")
{
    TempDir dir;
    fs::path ledger = dir.path / "refer.db";
    auto writer = open_database(ledger, Access::write);
    writer->exec("PRAGMA wal_autocheckpoint = 0"); // the rows stay in the -wal: the copy must still have them
    fill_with_payouts(*writer);
    REQUIRE(fs::file_size(dir.path / "refer.db-wal") > 0);
    auto source = open_database_as_is(ledger);

    mode_t old_umask = ::umask(022);
    BackupContents copied = back_up(*source, dir.path / "copy.db", protect(ledger));
    ::umask(old_umask);

    CHECK(copied.people == count(*source, "SELECT count(*) FROM clients"));
    CHECK(copied.referrals == 2);
    CHECK(copied.payouts == count(*source, "SELECT count(*) FROM payouts"));
    CHECK(copied.payouts > 0);
    CHECK(copied.bytes == fs::file_size(dir.path / "copy.db"));
    CHECK(fs::status(dir.path / "copy.db").permissions() == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(dir.names() == "copy.db refer.db refer.db-shm refer.db-wal");
    // A rollback journal in the header (bytes 18 and 19 are 2 in WAL mode): no -wal needed.
    CHECK(header_bytes(dir.path / "copy.db", 18, 2) == std::string("\x01\x01"));
    {
        SQLite::Database copy((dir.path / "copy.db").string(), SQLite::OPEN_READONLY);
        CHECK(copy.execAndGet("PRAGMA journal_mode").getString() == "delete");
        CHECK(copy.execAndGet("PRAGMA integrity_check").getString() == "ok");
        CHECK(dump(copy) == dump(*source));
        CHECK(count(copy, "PRAGMA user_version") == schema_version());
    }
    auto reopened = open_database(dir.path / "copy.db", Access::read); // a refer ledger
    CHECK(count(*reopened, "SELECT count(*) FROM clients WHERE email = 'cy@globex.com'") == 1);
    reopened.reset();
    CHECK(dir.names() == "copy.db refer.db refer.db-shm refer.db-wal");
}

TEST_CASE("a backup replaces a file whole, refuses the ledger and a directory, and leaves no temporary")
{
    TempDir dir;
    fs::path ledger = dir.path / "refer.db";
    fill_with_payouts(*open_database(ledger, Access::write));
    auto source = open_database_as_is(ledger);
    std::vector<ProtectedFile> files = protect(ledger);

    std::ofstream(dir.path / "old.db") << "not a database";
    fs::permissions(dir.path / "old.db", fs::perms::all);
    back_up(*source, dir.path / "old.db", files);
    CHECK(fs::status(dir.path / "old.db").permissions() == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(count(*open_database_as_is(dir.path / "old.db"), "SELECT count(*) FROM clients") == 3);

    auto refusal = [&](const fs::path& target) -> std::string {
        try {
            back_up(*source, target, files);
        } catch (const Error& e) {
            CHECK(e.code() == Exit::failure);
            return e.what();
        }
        return "";
    };
    std::string sum = dump(*source);
    CHECK(refusal(ledger) == ledger.string() + ": refusing to write over the ledger");
    CHECK(refusal(dir.path / "refer.db-wal") == (dir.path / "refer.db-wal").string() + ": refusing to write over the ledger");
    CHECK(refusal(dir.path / "refer.db-journal") ==
          (dir.path / "refer.db-journal").string() + ": refusing to write over the ledger");
    fs::create_directory(dir.path / "somedir");
    CHECK(refusal(dir.path / "somedir") == (dir.path / "somedir").string() + ": cannot write: Is a directory");
    CHECK(refusal("/dev/null") == "/dev/null: not a regular file");
    std::ofstream(dir.path / "used.db") << "a database in use";
    std::ofstream(dir.path / "used.db-wal") << "its log";
    CHECK(refusal(dir.path / "used.db") == (dir.path / "used.db").string() + ": refusing to replace a database in use (" +
                                               (dir.path / "used.db-wal").string() + " is beside it)");
    CHECK(dump(*source) == sum);
    source.reset();
    CHECK(dir.names() == "old.db refer.db refer.db-shm refer.db-wal somedir used.db used.db-wal");
}

TEST_CASE("a backup of a ledger an older refer wrote keeps its schema, and the ledger stays as it was")
{
    TempDir dir;
    fs::path ledger = dir.path / "refer.db";
    {
        auto db = open_database(ledger, Access::write);
        fill_with_payouts(*db);
        db->exec(std::string(k_migration_3_undone));
    }
    auto source = open_database_as_is(ledger);
    CHECK(count(*source, "PRAGMA user_version") == 3);
    back_up(*source, dir.path / "copy.db", protect(ledger));
    CHECK(count(*source, "PRAGMA user_version") == 3);
    CHECK(count(*open_database_as_is(dir.path / "copy.db"), "PRAGMA user_version") == 3);
    // The copy is a ledger like the original: a read upgrades it.
    auto upgraded = open_database(dir.path / "copy.db", Access::read);
    CHECK(count(*upgraded, "PRAGMA user_version") == schema_version());
    CHECK(count(*upgraded, "SELECT count(*) FROM clients") == 3);
}

TEST_CASE("a ledger locked past the busy timeout is not copied: SQLITE_BUSY, nothing at the target")
{
    TempDir dir;
    fs::path ledger = dir.path / "refer.db";
    {
        auto db = open_database(ledger, Access::write);
        fill_with_payouts(*db);
        db->exec("PRAGMA journal_mode = DELETE"); // in WAL mode a writer never locks readers out
    }
    auto source = open_database_as_is(ledger);
    source->setBusyTimeout(50);
    SQLite::Database holder(ledger.string(), SQLite::OPEN_READWRITE);
    holder.exec("BEGIN EXCLUSIVE");
    holder.exec("DELETE FROM tags");
    SQLite::Exception e = busy_of([&] { back_up(*source, dir.path / "copy.db", protect(ledger)); });
    CHECK((e.getErrorCode() & 0xff) == SQLITE_BUSY);
    holder.exec("ROLLBACK");
    CHECK(dir.names() == "refer.db");
}

TEST_CASE("a ledger written while it is copied is copied as it was at one moment")
{
    TempDir dir;
    fs::path ledger = dir.path / "refer.db";
    {
        // Some 20 MiB: several steps of the copy, between which the writer below commits.
        auto db = open_database(ledger, Access::write);
        WriteTransaction tx(*db);
        db->exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) "
                 "INSERT INTO clients (email, name, kind, created_at, updated_at) "
                 "SELECT 'p' || i || '@example.com', printf('%.400c', 'x'), 'client', 'x', 'x' FROM n");
        tx.commit();
    }
    // Writes two people per transaction as fast as it can: a copy of one moment holds an
    // even number of people.
    std::atomic<bool> stop = false;
    std::atomic<long long> commits = 0;
    std::thread writer([&] {
        SQLite::Database db(ledger.string(), SQLite::OPEN_READWRITE, 5000);
        SQLite::Statement insert(db, "INSERT INTO clients (email, kind, created_at, updated_at) "
                                     "VALUES (:email, 'client', 'x', 'x')");
        for (long long i = 0; !stop; ++i) {
            db.exec("BEGIN IMMEDIATE");
            for (int k = 0; k < 2; ++k) {
                insert.bind(":email", fmt::format("w{}-{}@example.com", i, k));
                insert.exec();
                insert.reset();
            }
            db.exec("COMMIT");
            ++commits;
        }
    });
    while (commits < 5) std::this_thread::yield();
    auto source = open_database_as_is(ledger);
    for (int i = 0; i < 3; ++i) {
        fs::path copy = dir.path / ("copy" + std::to_string(i) + ".db");
        BackupContents copied = back_up(*source, copy, protect(ledger));
        CHECK(copied.people % 2 == 0);
        CHECK(copied.people >= 40000 + 10);
        SQLite::Database db(copy.string(), SQLite::OPEN_READONLY);
        CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
        CHECK(count(db, "SELECT count(*) FROM clients") == copied.people);
    }
    stop = true;
    writer.join();
}
