// Program versions in the ledger: stored text, load order, effective dates, events, migration 2.
#include "refer/error.h"
#include "refer/programio/program_file.h"
#include "refer/storage/database.h"
#include "refer/storage/events.h"
#include "refer/storage/programs.h"
#include "refer/util/sha256.h"
#include "old_schema.h"
#include "ledger.h"

#include <doctest/doctest.h>
#include <filesystem>
#include <unistd.h>

using namespace refer;
namespace fs = std::filesystem;

namespace {

struct TempDb {
    fs::path dir;
    std::unique_ptr<SQLite::Database> db;
    TempDb()
    {
        std::string pattern = (fs::temp_directory_path() / "refer-programs-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
        db = open_database(dir / "refer.db", Access::write);
    }
    ~TempDb()
    {
        db.reset();
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

using refer::test::d;
using refer::test::test_actor;

const std::string k_first = "name = \"first\"\nattribution_days = 30\n";
const std::string k_second = "name = \"second\" # effective in July\n[[rewards]]\nname = \"r\"\non = \"won\"\namount = 0.1\n";

Program program_of(const std::string& text) { return *read_program(text, "test.toml").program; }

} // namespace

TEST_CASE("versions are stored with their text and read back in load order")
{
    TempDb t;
    EventLog events(*t.db, test_actor());
    CHECK(program_book(*t.db).empty());
    CHECK(store_program(*t.db, events, program_of(k_first), k_first, std::nullopt) == 1);
    CHECK(store_program(*t.db, events, program_of(k_second), k_second, d("2026-07-01")) == 2);

    ProgramBook book = program_book(*t.db);
    REQUIRE(book.versions().size() == 2);
    const ProgramVersion& first = book.versions()[0];
    CHECK(first.id == 1);
    CHECK_FALSE(first.effective_on);
    CHECK(first.loaded_at == "2026-11-23T10:00:00Z");
    CHECK(first.sha256 == sha256_hex(k_first));
    CHECK(first.program == program_of(k_first));
    CHECK(first.program.attribution_days == 30);
    const ProgramVersion& second = book.versions()[1];
    CHECK(second.effective_on == d("2026-07-01"));
    CHECK(second.program.rewards.at(0).amount == 10);
    CHECK(book.in_force(d("2026-06-30")).id == 1);
    CHECK(book.in_force(d("2026-07-01")).id == 2);
    CHECK(program_source(*t.db, 2) == k_second);
    CHECK_THROWS_AS(program_source(*t.db, 3), Error);
    CHECK(t.db->execAndGet("SELECT name FROM programs WHERE id = 2").getString() == "second");
}

TEST_CASE("a load is an event dated the day it takes effect")
{
    TempDb t;
    EventLog events(*t.db, test_actor());
    store_program(*t.db, events, program_of(k_first), k_first, std::nullopt);
    store_program(*t.db, events, program_of(k_second), k_second, d("2026-07-01"));
    SQLite::Statement q(*t.db, "SELECT entity, entity_id, what, old IS NULL, new, on_date, at, user FROM events ORDER BY id");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn("entity").getString() == "program");
    CHECK(q.getColumn("entity_id").getInt64() == 1);
    CHECK(q.getColumn("what").getString() == "loaded");
    CHECK(q.getColumn(3).getInt() == 1);
    CHECK(q.getColumn("new").getString() == "first (from the beginning)");
    CHECK(q.getColumn("on_date").getString() == "2026-11-23");
    CHECK(q.getColumn("at").getString() == "2026-11-23T10:00:00Z");
    CHECK(q.getColumn("user").getString() == "tester");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn("new").getString() == "second (effective 2026-07-01)");
    CHECK(q.getColumn("on_date").getString() == "2026-07-01");
    CHECK_FALSE(q.executeStep());
}

TEST_CASE("a stored text that no longer reads is an error naming its version")
{
    TempDb t;
    EventLog events(*t.db, test_actor());
    store_program(*t.db, events, program_of(k_first), k_first, std::nullopt);
    t.db->exec("INSERT INTO programs (name, loaded_at, source, sha256) VALUES ('bad', 'x', 'name = \"bad\"\nbogus = 1\n', '')");
    try {
        program_book(*t.db);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::failure);
        CHECK(std::string(e.what()) == "the stored program version 2 does not read: program v2:2:1: unknown key \"bogus\"");
    }
}

TEST_CASE("migration 2 gives versions loaded before it an empty fingerprint")
{
    TempDb t;
    fs::path path = t.dir / "refer.db";
    // Back to schema version 2: without what migration 2 added.
    t.db->exec(std::string(k_migration_3_undone));
    t.db->exec("ALTER TABLE programs DROP COLUMN sha256; DROP INDEX payouts_by_client; DROP INDEX payouts_by_email; "
               "DROP INDEX payouts_pending_by_due; DROP TABLE payout_compute");
    t.db->exec("INSERT INTO programs (name, loaded_at, source) VALUES ('old', '2026-01-01T00:00:00Z', 'name = \"old\"\n')");
    t.db->exec("PRAGMA user_version = 2");
    t.db.reset();
    auto db = open_database(path, Access::write);
    CHECK(db->execAndGet("PRAGMA user_version").getInt() == schema_version());
    ProgramBook book = program_book(*db);
    REQUIRE(book.versions().size() == 1);
    CHECK(book.versions()[0].sha256.empty());
    CHECK(book.versions()[0].program.name == "old");
}
