#include "refer/storage/backup.h"

#include "refer/error.h"
#include "refer/storage/check.h"
#include "refer/storage/database.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>

namespace refer {

namespace fs = std::filesystem;

// Each step holds the source's read lock only while it copies 4 MiB (of 4 KiB pages): in WAL
// mode a reader never blocks a writer, but a bulk import that left WAL for a rollback journal
// waits for readers to finish before it commits.
static constexpr int k_pages_per_step = 1024;
// A write to the source between two steps makes SQLite start the copy over, so that it is
// always of one moment. A ledger written faster than it can be copied would keep it starting
// over: after this many restarts the rest is copied in one step, under one read lock.
static constexpr int k_restarts_before_one_step = 3;

static void copy_pages(SQLite::Database& source, SQLite::Database& copy)
{
    SQLite::Backup backup(copy, source);
    int restarts = 0, copied = 0;
    for (;;) {
        int rc = backup.executeStep(restarts < k_restarts_before_one_step ? k_pages_per_step : -1);
        if (rc == SQLITE_DONE) return;
        // The source's busy handler has waited its timeout: main says "locked", exit 3.
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) throw SQLite::Exception("the database is locked", SQLITE_BUSY);
        int now = backup.getTotalPageCount() - backup.getRemainingPageCount();
        if (now <= copied) ++restarts; // started over from the first page
        copied = now;
    }
}

// The copy of a WAL ledger says WAL in its first page, and would want a -wal file beside it
// when opened: a rollback journal makes it one file that can be moved, mailed or archived.
static void make_standalone(SQLite::Database& copy)
{
    std::string mode = copy.execAndGet("PRAGMA journal_mode = DELETE").getString();
    if (mode != "delete") throw failure(fmt::format("the copy stays in journal mode {}", mode));
}

// The copy as its next reader will find it: a refer ledger, whole.
static BackupContents check_copy(const fs::path& path)
{
    auto db = open_database_as_is(path);
    if (std::vector<std::string> problems = integrity_problems(*db); !problems.empty())
        throw failure(fmt::format("the copy fails its check ({}); nothing was written", problems.front()));
    SQLite::Statement q(*db, "SELECT (SELECT count(*) FROM clients) AS people, (SELECT count(*) FROM referrals) AS "
                             "referrals, (SELECT count(*) FROM payouts) AS payouts");
    q.executeStep();
    return {q.getColumn("people").getInt64(), q.getColumn("referrals").getInt64(), q.getColumn("payouts").getInt64(),
            fs::file_size(path)};
}

// A database with a -wal or a -journal beside it is open somewhere, or was when its writer
// died: the next reader of the copy put in its place would apply them to it, and damage it.
static void refuse_database_in_use(const fs::path& target)
{
    std::error_code ec;
    fs::path real = fs::weakly_canonical(fs::absolute(target, ec), ec);
    for (const fs::path& beside : {target, real})
        for (const char* suffix : {"-wal", "-journal"})
            if (fs::path file = beside.string() + suffix; !beside.empty() && fs::exists(file, ec))
                throw failure(fmt::format("{}: refusing to replace a database in use ({} is beside it)",
                                          target.string(), file.string()));
}

BackupContents back_up(SQLite::Database& source, const fs::path& target, std::span<const ProtectedFile> protected_files)
{
    check_output_target(target, protected_files);
    std::error_code ec;
    if (fs::exists(target, ec) && !fs::is_regular_file(target, ec))
        throw failure(fmt::format("{}: not a regular file", target.string()));
    refuse_database_in_use(target);
    OutputFile out(target, protected_files, FileMode::owner_only);
    {
        SQLite::Database copy(out.temporary().string(), SQLite::OPEN_READWRITE);
        // Nothing relies on the temporary before it is checked and synced (by `out`), and
        // it is removed on any error: no journal, no syncs while copying.
        copy.exec("PRAGMA journal_mode = OFF");
        copy.exec("PRAGMA synchronous = OFF");
        copy_pages(source, copy);
        make_standalone(copy);
    }
    BackupContents contents = check_copy(out.temporary());
    out.commit();
    return contents;
}

} // namespace refer
