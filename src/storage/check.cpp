#include "refer/storage/check.h"

#include "refer/storage/database.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace refer {

// The lines `line` makes of the rows of `q`, the first k_listed_problems of them, then how
// many more there are: a ledger broken a million times needs no million lines.
template <class Line>
static std::vector<std::string> listed(SQLite::Statement& q, Line line, std::string_view more)
{
    std::vector<std::string> out;
    size_t extra = 0;
    while (q.executeStep()) {
        if (out.size() < k_listed_problems) out.push_back(line(q));
        else ++extra;
    }
    if (extra > 0) out.push_back(fmt::format("... and {} more {}", extra, more));
    return out;
}

std::vector<std::string> integrity_problems(SQLite::Database& db)
{
    SQLite::Statement q(db, fmt::format("PRAGMA integrity_check({})", k_listed_problems));
    std::vector<std::string> out;
    while (q.executeStep())
        if (std::string line = q.getColumn(0).getString(); line != "ok") out.push_back("integrity: " + line);
    return out;
}

std::vector<std::string> foreign_key_problems(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT f.\"table\" AS child, f.rowid AS row_id, f.parent AS parent, l.\"from\" AS "
                            "column_name FROM pragma_foreign_key_check() f "
                            "JOIN pragma_foreign_key_list(f.\"table\") l ON l.id = f.fkid");
    return listed(
        q,
        [](SQLite::Statement& r) {
            return fmt::format("{} row {}: {} names a row of {} that does not exist", r.getColumn("child").getString(),
                               r.getColumn("row_id").getInt64(), r.getColumn("column_name").getString(),
                               r.getColumn("parent").getString());
        },
        "rows naming rows that do not exist");
}

std::vector<std::string> deal_value_problems(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT id FROM referrals WHERE status = 'won' AND deal_value IS NULL ORDER BY id");
    return listed(
        q, [](SQLite::Statement& r) { return fmt::format("referral {} is won but has no deal value", r.getColumn("id").getInt64()); },
        "won referrals without a deal value");
}

// What keeps the events table append-only (schema.sql.h); a trigger dropped or replaced by
// one that no longer aborts lets history be rewritten.
struct AppendOnlyTrigger {
    const char* name;
    const char* statement;
};
static constexpr AppendOnlyTrigger k_append_only[] = {{"events_are_append_only_u", "UPDATE"},
                                                      {"events_are_append_only_d", "DELETE"}};

static std::vector<std::string> missing_created_events(SQLite::Database& db, const char* table, const char* entity)
{
    SQLite::Statement q(db, fmt::format("SELECT t.id AS id FROM {} t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE "
                                        "e.entity = :entity AND e.entity_id = t.id AND e.what = 'created') ORDER BY t.id",
                                        table));
    q.bind(":entity", entity);
    return listed(
        q, [&](SQLite::Statement& r) { return fmt::format("{} {} has no created event", entity, r.getColumn("id").getInt64()); },
        fmt::format("{}s without a created event", entity));
}

std::vector<std::string> event_problems(SQLite::Database& db)
{
    std::vector<std::string> out;
    SQLite::Statement trigger(db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = :name AND "
                                  "tbl_name = 'events'");
    for (const AppendOnlyTrigger& t : k_append_only) {
        trigger.reset();
        trigger.bind(":name", t.name);
        if (!trigger.executeStep()) {
            out.push_back(fmt::format("the events are not append-only: trigger {} is missing", t.name));
            continue;
        }
        std::string sql = trigger.getColumn("sql").getString();
        if (sql.find(fmt::format("BEFORE {} ON events", t.statement)) == std::string::npos ||
            sql.find("RAISE(ABORT") == std::string::npos)
            out.push_back(fmt::format("the events are not append-only: trigger {} no longer refuses {}", t.name, t.statement));
    }
    for (auto [table, entity] : {std::pair("referrals", "referral"), std::pair("payouts", "payout")}) {
        std::vector<std::string> missing = missing_created_events(db, table, entity);
        out.insert(out.end(), missing.begin(), missing.end());
    }
    return out;
}

RuleCheck payouts_against_rules(SQLite::Database& db, const ProgramBook& book, Date today)
{
    db.exec("PRAGMA foreign_keys = OFF"); // a no-op inside a transaction: set before it
    RuleCheck check;
    {
        WriteTransaction dry_run(db); // never committed
        EventLog events(db, current_actor(today));
        check.behind = compute_payouts(db, events, book, today, KeepChanged::no);
        check.off = compute_payouts(db, events, book, today, KeepChanged::yes, Judge::everything);
    }
    db.exec("PRAGMA foreign_keys = ON");
    return check;
}

} // namespace refer
