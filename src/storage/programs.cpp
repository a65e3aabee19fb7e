#include "refer/storage/programs.h"

#include "refer/error.h"
#include "refer/programio/program_file.h"
#include "refer/storage/columns.h"
#include "refer/util/sha256.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace refer {

long long store_program(SQLite::Database& db, EventLog& events, const Program& program, std::string_view source,
                        std::optional<Date> effective_on)
{
    SQLite::Statement insert(db, "INSERT INTO programs (name, effective_on, loaded_at, source, sha256) "
                                 "VALUES (:name, :effective_on, :loaded_at, :source, :sha256)");
    insert.bind(":name", program.name);
    if (effective_on) insert.bind(":effective_on", to_string(*effective_on));
    else insert.bind(":effective_on"); // NULL: from the beginning of time
    insert.bind(":loaded_at", events.actor().at);
    insert.bind(":source", std::string(source));
    insert.bind(":sha256", sha256_hex(source));
    insert.exec();
    long long id = db.getLastInsertRowid();
    // The business date of a load is the day it takes effect.
    std::optional<EventDate> dated;
    if (effective_on) dated.emplace(events, *effective_on);
    std::string effective = effective_on ? "effective " + to_string(*effective_on) : "from the beginning";
    events.record("program", id, "loaded", std::nullopt, fmt::format("{} ({})", program.name, effective));
    return id;
}

std::string program_source(SQLite::Database& db, long long version)
{
    SQLite::Statement q(db, "SELECT source FROM programs WHERE id = :id");
    q.bind(":id", static_cast<int64_t>(version));
    if (!q.executeStep()) throw failure(fmt::format("no program version {}", version));
    return q.getColumn("source").getString();
}

ProgramBook program_book(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT id, effective_on, loaded_at, source, sha256 FROM programs ORDER BY id");
    std::vector<ProgramVersion> versions;
    while (q.executeStep()) {
        ProgramVersion v;
        v.id = q.getColumn("id").getInt64();
        v.effective_on = opt_date(q.getColumn("effective_on"));
        v.loaded_at = q.getColumn("loaded_at").getString();
        v.sha256 = q.getColumn("sha256").getString();
        ProgramParse parse = read_program(q.getColumn("source").getString(), fmt::format("program v{}", v.id));
        if (!parse.program) throw failure(fmt::format("the stored program version {} does not read: {}", v.id, parse.error));
        v.program = std::move(*parse.program);
        versions.push_back(std::move(v));
    }
    return ProgramBook(std::move(versions));
}

} // namespace refer
