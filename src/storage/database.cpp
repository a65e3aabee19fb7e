#include "refer/storage/database.h"

#include "refer/error.h"
#include "schema.sql.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace refer {

namespace fs = std::filesystem;

// `PRAGMA application_id` marks a file as ours ("REFR").
static constexpr int k_application_id = 0x52454652;

int schema_version() { return static_cast<int>(std::size(schema::k_migrations)); }

fs::path default_database_path()
{
    if (const char* env = std::getenv("REFER_DB"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return fs::path(xdg) / "refer" / "refer.db";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : ".") / ".local" / "share" / "refer" / "refer.db";
}

static int busy_timeout_ms()
{
    if (const char* env = std::getenv("REFER_BUSY_TIMEOUT_MS"); env && *env) {
        char* end = nullptr;
        long v = std::strtol(env, &end, 10);
        if (*end == '\0' && v >= 0) return static_cast<int>(v);
    }
    return 5000;
}

// Parent directories 0700 and the file itself 0600, before SQLite touches it
// (SQLite gives the -wal and -shm files the database file's mode).
static void create_private_file(const fs::path& path)
{
    fs::path parent = path.parent_path();
    if (!parent.empty() && !fs::exists(parent)) {
        fs::path partial;
        for (const auto& part : parent) {
            partial /= part;
            if (!fs::exists(partial) && ::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST)
                throw failure(fmt::format("cannot create directory {}: {}", partial.string(), std::strerror(errno)));
        }
    }
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 && errno != EEXIST)
        throw failure(fmt::format("cannot create database {}: {}", path.string(), std::strerror(errno)));
    if (fd >= 0) ::close(fd);
}

static void migrate(SQLite::Database& db, const fs::path& path)
{
    WriteTransaction tx(db);
    int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version > schema_version())
        throw Error(Exit::not_refer, fmt::format("{}: written by a newer refer (schema {}, this refer knows {})",
                                                 path.string(), version, schema_version()));
    if (version == schema_version()) return;
    for (int v = version; v < schema_version(); ++v) db.exec(std::string(schema::k_migrations[v]));
    db.exec(fmt::format("PRAGMA application_id = {}", k_application_id));
    db.exec(fmt::format("PRAGMA user_version = {}", schema_version()));
    tx.commit();
}

enum class Identity { current, older };

// A ledger in which nothing was ever recorded: what a first import killed midway, or a first
// command that failed, leaves behind. Every change is an event, and people and programs are
// looked at too: a read calls such a ledger empty rather than listing nothing as if it were real.
static bool nothing_recorded(SQLite::Database& db)
{
    return db.execAndGet("SELECT NOT (EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM clients) OR "
                         "EXISTS (SELECT 1 FROM referrals) OR EXISTS (SELECT 1 FROM programs))")
               .getInt() != 0;
}

// A file is ours when it carries our application id, or when it is an empty SQLite file.
static Identity check_identity(SQLite::Database& db, const fs::path& path, Access access)
{
    int app_id = db.execAndGet("PRAGMA application_id").getInt();
    int version = db.execAndGet("PRAGMA user_version").getInt();
    if (app_id == k_application_id) {
        if (version > schema_version())
            throw Error(Exit::not_refer, fmt::format("{}: written by a newer refer (schema {}, this refer knows {})",
                                                     path.string(), version, schema_version()));
        if (version < schema_version()) return Identity::older;
        if (access == Access::read && nothing_recorded(db))
            throw failure(fmt::format("{}: the database is empty; import or add people first", path.string()));
        return Identity::current;
    }
    int tables = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
    if (app_id != 0 || tables != 0)
        throw Error(Exit::not_refer, fmt::format("{}: not a refer database", path.string()));
    if (access == Access::read) throw failure(fmt::format("{}: the database is empty; import or add people first", path.string()));
    return Identity::current;
}

std::vector<fs::path> database_files(const fs::path& path)
{
    std::vector<fs::path> files;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) files.push_back(path.string() + suffix);
    return files;
}

struct OpenedFile {
    std::unique_ptr<SQLite::Database> db;
    Identity identity;
    bool after_killed_bulk_import = false; // a rollback journal was there: rolled back on open
};

static bool writable(const fs::path& path) { return ::access(path.c_str(), W_OK) == 0; }

static fs::path directory_of(const fs::path& path)
{
    fs::path parent = path.parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

// A WAL ledger is read through its -shm file, which SQLite cannot create in a directory this
// user may not write: such a ledger, when no other process has it open (no -wal file), is read
// as immutable instead. One in rollback-journal mode needs nothing beside it.
static bool read_as_immutable(const fs::path& path)
{
    if (writable(directory_of(path)) || fs::exists(path.string() + "-wal") || fs::exists(path.string() + "-journal"))
        return false;
    unsigned char header[20] = {};
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return false;
    bool full = ::read(fd, header, sizeof header) == static_cast<ssize_t>(sizeof header);
    ::close(fd);
    return full && header[18] == 2; // the file format's read version: 2 is WAL
}

// `path` as an SQLite URI with `immutable=1`.
static std::string immutable_uri(const fs::path& path)
{
    std::string uri = "file:";
    for (char c : fs::absolute(path).string()) {
        if (c == '%' || c == '?' || c == '#') uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        else uri += c;
    }
    return uri + "?immutable=1";
}

// A write needs the ledger and its directory (SQLite keeps -wal, -shm and -journal beside it).
static void require_writable(const fs::path& path)
{
    if (!writable(path)) {
        const char* why = std::strerror(errno);
        throw LedgerNotWritable(Exit::failure, fmt::format("{}: the ledger cannot be written: {} (read commands still work)",
                                                           path.string(), why));
    }
    fs::path dir = directory_of(path);
    if (!writable(dir)) {
        const char* why = std::strerror(errno);
        throw LedgerNotWritable(Exit::failure,
                                fmt::format("{}: the ledger cannot be written: its directory {} is not writable: {} "
                                            "(SQLite keeps its journal beside the ledger; read commands still work)",
                                            path.string(), dir.string(), why));
    }
}

// The file opened and known to be ours, nothing changed in it yet.
static OpenedFile open_file(const fs::path& path, Access access)
{
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    bool exists = fs::exists(status);
    if (exists && fs::is_directory(status))
        throw failure(fmt::format("{}: is a directory, not a ledger (--db names the database file)", path.string()));
    if (exists && !fs::is_regular_file(status)) // a FIFO would block SQLite's first read
        throw failure(fmt::format("{}: not a regular file, so not a ledger", path.string()));
    if (!exists && access == Access::read)
        throw failure(fmt::format("no database at {} (import or add people first, or pass --db)", path.string()));
    if (exists && access == Access::write) require_writable(path);
    if (!exists) create_private_file(path);
    int flags = access == Access::read ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
    std::string name = path.string();
    // A rollback journal left by a bulk import that was killed: the first read rolls it back,
    // which needs write access.
    bool journal = fs::exists(path.string() + "-journal") && writable(path);
    if (journal) flags = SQLite::OPEN_READWRITE;
    else if (access == Access::read && read_as_immutable(path)) {
        name = immutable_uri(path);
        flags |= SQLite::OPEN_URI;
    }
    auto db = std::make_unique<SQLite::Database>(name, flags, busy_timeout_ms());
    Identity identity = Identity::current;
    try {
        identity = check_identity(*db, path, access);
    } catch (const SQLite::Exception& e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
            throw Error(Exit::not_refer, fmt::format("{}: not a refer database ({})", path.string(), e.what()));
        throw;
    }
    return {std::move(db), identity, journal};
}

// Switching a ledger to WAL needs it to itself for a moment, and SQLite does not call the busy
// handler for that (a bulk import holds it in rollback-journal mode): retried here until
// `wait_ms` has passed, as BEGIN IMMEDIATE waits. False when the ledger stayed busy.
static bool switch_to_wal(SQLite::Database& db, int wait_ms)
{
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + std::chrono::milliseconds(wait_ms);
    for (int pause_ms = 1;; pause_ms = std::min(pause_ms * 2, 50)) {
        try {
            if (db.execAndGet("PRAGMA journal_mode = WAL").getString() == "wal") return true;
        } catch (const SQLite::Exception& e) {
            int code = e.getErrorCode() & 0xff;
            if (code != SQLITE_BUSY && code != SQLITE_LOCKED) throw;
        }
        if (clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
    }
}

static bool in_wal_mode(SQLite::Database& db) { return db.execAndGet("PRAGMA journal_mode").getString() == "wal"; }

std::unique_ptr<SQLite::Database> open_database(const fs::path& path, Access access)
{
    OpenedFile opened = open_file(path, access);
    std::unique_ptr<SQLite::Database>& db = opened.db;
    if (opened.identity == Identity::older && access == Access::read) {
        // A newer refer reads an older ledger after upgrading it, as a write command would.
        if (::access(path.c_str(), W_OK) != 0)
            throw failure(fmt::format("{}: written by an older refer, and this refer cannot write it to upgrade it",
                                      path.string()));
        db.reset();
        return open_database(path, Access::write);
    }
    if (access == Access::read && opened.after_killed_bulk_import && !in_wal_mode(*db) && writable(directory_of(path))) {
        // Left in rollback-journal mode by a bulk import that was killed: any command brings
        // WAL back. A bulk import still running keeps it (and restores it when it ends); a
        // backup copy, in rollback-journal mode on purpose, has no journal and is left as is.
        switch_to_wal(*db, 0);
    }
    db->exec("PRAGMA foreign_keys = ON");
    if (access == Access::write) {
        if (!in_wal_mode(*db) && !switch_to_wal(*db, busy_timeout_ms()))
            throw Error(Exit::busy, "the database is locked by another process; try again");
        db->exec("PRAGMA synchronous = NORMAL");
        migrate(*db, path);
    }
    return std::move(db);
}

std::unique_ptr<SQLite::Database> open_database_as_is(const fs::path& path)
{
    return open_file(path, Access::read).db;
}

std::unique_ptr<SQLite::Database> open_existing_database(const fs::path& path)
{
    open_file(path, Access::read); // throws: no database, or an empty one
    return open_database(path, Access::write);
}

std::unique_ptr<SQLite::Database> open_memory_database()
{
    auto db = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db->exec("PRAGMA foreign_keys = ON");
    migrate(*db, ":memory:");
    return db;
}

void set_page_cache_mib(SQLite::Database& db, int mib) { db.exec(fmt::format("PRAGMA cache_size = {}", -1024 * mib)); }

BulkConnection::BulkConnection(SQLite::Database& db) : m_db(db)
{
    m_db.exec("PRAGMA foreign_keys = OFF");
    // Leaving WAL needs the database to itself: try once, without waiting for other readers.
    sqlite3_busy_timeout(m_db.getHandle(), 0);
    try {
        m_rollback_journal = m_db.execAndGet("PRAGMA journal_mode = DELETE").getString() == "delete";
    } catch (const SQLite::Exception&) {
        m_rollback_journal = false; // another connection has it open: stay in WAL
    }
    sqlite3_busy_timeout(m_db.getHandle(), busy_timeout_ms());
    if (m_rollback_journal) m_db.exec("PRAGMA synchronous = FULL");
}

BulkConnection::~BulkConnection()
{
    try {
        if (m_rollback_journal) {
            m_db.exec("PRAGMA synchronous = NORMAL");
            // If a reader opened the database meanwhile, the next command brings WAL back.
            sqlite3_busy_timeout(m_db.getHandle(), 0);
            m_db.exec("PRAGMA journal_mode = WAL");
            sqlite3_busy_timeout(m_db.getHandle(), busy_timeout_ms());
        }
        m_db.exec("PRAGMA foreign_keys = ON");
    } catch (const SQLite::Exception&) {
    }
}

BulkLoad::BulkLoad(SQLite::Database& db, std::span<const std::string_view> indexes) : m_db(db)
{
    SQLite::Statement q(db, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = :name");
    const int sql = q.getColumnIndex("sql");
    for (std::string_view name : indexes) {
        q.bind(":name", std::string(name));
        bool exists = q.executeStep();
        if (exists) m_definitions.push_back(q.getColumn(sql).getString());
        q.reset(); // a DROP fails while a statement still reads the schema
        if (exists) m_db.exec(fmt::format("DROP INDEX {}", name));
    }
}

void BulkLoad::restore()
{
    // SQLite sorts an index's keys in runs the size of the page cache; measured on 5M
    // referrals, 16 MiB runs sorted by two threads build an index 2.5x faster than 64 MiB
    // runs on one, in half the memory.
    int cache = m_db.execAndGet("PRAGMA cache_size").getInt();
    m_db.exec("PRAGMA cache_size = -16384");
    m_db.exec("PRAGMA threads = 2");
    for (const std::string& sql : m_definitions) m_db.exec(sql);
    m_definitions.clear();
    m_db.exec("PRAGMA threads = 0");
    m_db.exec(fmt::format("PRAGMA cache_size = {}", cache));
}

WriteTransaction::WriteTransaction(SQLite::Database& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

WriteTransaction::~WriteTransaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // The transaction may already be gone (SQLite rolls back on some errors).
        }
    }
}

void WriteTransaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

ReadTransaction::ReadTransaction(SQLite::Database& db) : m_db(db) { m_db.exec("BEGIN"); }

ReadTransaction::~ReadTransaction()
{
    try {
        m_db.exec("ROLLBACK"); // nothing was written: ending the read is all it does
    } catch (...) {
        // The transaction may already be gone (SQLite rolls back on some errors).
    }
}

} // namespace refer
