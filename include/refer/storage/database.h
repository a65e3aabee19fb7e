#pragma once
// Opening the ledger: location, pragmas, schema migrations, write transactions.
#include "refer/error.h"

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace refer {

enum class Access { read, write };

// A write to a ledger this user cannot write (the file, or the directory SQLite keeps its
// journal in): exit 1, with why.
class LedgerNotWritable : public Error {
public:
    using Error::Error;
};

// --db, else $REFER_DB, else $XDG_DATA_HOME/refer/refer.db, else ~/.local/share/refer/refer.db.
std::filesystem::path default_database_path();

// The database file and those SQLite keeps beside it: -wal, -shm and -journal.
std::vector<std::filesystem::path> database_files(const std::filesystem::path& path);

// Opens (and for Access::write creates, mode 0600, and migrates) a refer database, in WAL mode
// (a read brings back WAL that a killed bulk import left off; a write waits the busy timeout
// for it). A read calls a ledger in which nothing was ever recorded empty (what a first import
// killed midway leaves). A read of a ledger whose directory this user cannot
// write opens it read-only as it is. Throws Error: exit 1 when a read finds no database or an
// empty one, when the path is a directory or not a regular file, or when a write cannot write
// the ledger or its directory; exit 3 when the ledger stays busy; exit 4 when it is not ours.
std::unique_ptr<SQLite::Database> open_database(const std::filesystem::path& path, Access access);

// For a write about what must already be there (a person, a referral): opens an existing
// ledger for writing; no file is exit 1, as for a read, rather than a new empty ledger.
std::unique_ptr<SQLite::Database> open_existing_database(const std::filesystem::path& path);

// Opens a refer database read-only as it is: one an older refer wrote is not upgraded (a
// backup taken before an upgrade keeps the schema it had). Throws as open_database does for
// Access::read.
std::unique_ptr<SQLite::Database> open_database_as_is(const std::filesystem::path& path);

// A private in-memory database at the current schema with foreign keys on: what storage
// tests run against. Gone when closed.
std::unique_ptr<SQLite::Database> open_memory_database();

// A page cache of `mib` MiB for this connection (SQLite's default is 2 MiB).
void set_page_cache_mib(SQLite::Database& db, int mib);

// The schema version this build writes.
int schema_version();

// BEGIN IMMEDIATE ... COMMIT; rolls back unless commit() was called.
class WriteTransaction {
public:
    explicit WriteTransaction(SQLite::Database& db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    void commit();

private:
    SQLite::Database& m_db;
    bool m_done = false;
};

// BEGIN ... ROLLBACK around a read-only command's queries: they all see one state of the
// ledger, however many they are and whatever other processes write meanwhile.
class ReadTransaction {
public:
    explicit ReadTransaction(SQLite::Database& db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    SQLite::Database& m_db;
};

// For an import of many rows, around its transaction (construct before BEGIN, destroy after
// the commit or rollback). Each new page is written once instead of twice: when no other
// connection has the database open, the transaction uses a rollback journal (synchronous=FULL)
// instead of WAL, which writes every page to the log and again at the checkpoint. No per-row
// foreign-key probes either: for an importer that itself read or wrote, in this transaction,
// every id it stores. WAL and foreign keys are back when this ends.
class BulkConnection {
public:
    explicit BulkConnection(SQLite::Database& db);
    ~BulkConnection();
    BulkConnection(const BulkConnection&) = delete;
    BulkConnection& operator=(const BulkConnection&) = delete;

private:
    SQLite::Database& m_db;
    bool m_rollback_journal = false;
};

// For imports of many rows: drops the named secondary indexes (those only queries need) for
// the rest of the transaction; restore() rebuilds them from their own definitions before the
// commit. One sorted build beats a million random inserts.
class BulkLoad {
public:
    BulkLoad(SQLite::Database& db, std::span<const std::string_view> indexes);
    void restore();

private:
    SQLite::Database& m_db;
    std::vector<std::string> m_definitions;
};

} // namespace refer
