#include "refer/storage/database.h"

#include "refer/error.h"
#include "schema.sql.h"

#include <SQLiteCpp/Statement.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
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

// A file is ours when it carries our application id, or when it is an empty SQLite file.
static Identity check_identity(SQLite::Database& db, const fs::path& path, Access access)
{
    int app_id = db.execAndGet("PRAGMA application_id").getInt();
    int version = db.execAndGet("PRAGMA user_version").getInt();
    if (app_id == k_application_id) {
        if (version > schema_version())
            throw Error(Exit::not_refer, fmt::format("{}: written by a newer refer (schema {}, this refer knows {})",
                                                     path.string(), version, schema_version()));
        return version < schema_version() ? Identity::older : Identity::current;
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
};

// The file opened and known to be ours, nothing changed in it yet.
static OpenedFile open_file(const fs::path& path, Access access)
{
    bool exists = fs::exists(path);
    if (!exists && access == Access::read)
        throw failure(fmt::format("no database at {} (import or add people first, or pass --db)", path.string()));
    if (!exists) create_private_file(path);
    int flags = access == Access::read ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
    // A rollback journal left by a bulk import that was killed: the first read rolls it back,
    // which needs write access.
    if (fs::exists(path.string() + "-journal")) flags = SQLite::OPEN_READWRITE;
    auto db = std::make_unique<SQLite::Database>(path.string(), flags, busy_timeout_ms());
    Identity identity = Identity::current;
    try {
        identity = check_identity(*db, path, access);
    } catch (const SQLite::Exception& e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
            throw Error(Exit::not_refer, fmt::format("{}: not a refer database ({})", path.string(), e.what()));
        throw;
    }
    return {std::move(db), identity};
}

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
    db->exec("PRAGMA foreign_keys = ON");
    if (access == Access::write) {
        if (db->execAndGet("PRAGMA journal_mode").getString() != "wal") db->exec("PRAGMA journal_mode = WAL");
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
    if (!fs::exists(path)) open_database(path, Access::read); // throws: no database
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
            // If a reader opened the database meanwhile, the next write command brings WAL back.
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
