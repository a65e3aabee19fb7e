// The queries that must not read the whole ledger: every report query reads only its
// period's rows, nudge starts from the small sets, due reads only open referrals and
// pending payouts. On an ANALYZEd ledger no plan scans a table that grows with the ledger
// (or a whole index of one) where an index serves.
#include "refer/storage/database.h"
#include "refer/storage/due.h"
#include "refer/storage/nudge.h"
#include "refer/storage/report.h"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <string>

using namespace refer;

namespace {

// A ledger shaped like a real one: many clients, referrals over three years, most closed.
void fill_like_a_real_ledger(SQLite::Database& db)
{
    db.exec(R"sql(
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO clients (email, kind, annual_value, started_on, ended_on, source, created_at, updated_at)
SELECT 'p' || i || '@x.com', CASE WHEN i % 10 = 0 THEN 'partner' ELSE 'client' END, i * 100,
       date('2023-01-01', '+' || (i % 1000) || ' days'), CASE WHEN i % 7 = 0 THEN '2026-06-30' END,
       CASE i % 3 WHEN 0 THEN 'referral' WHEN 1 THEN 'inbound' END, 'x', 'x' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO referrals (referrer_id, referee_email, source, submitted_on, status, status_on, contacted_on, meeting_on,
                       won_on, lost_on, deal_value)
SELECT 1 + i % 3000, 'r' || i || '@y.com', CASE WHEN i % 10 = 0 THEN 'partner' ELSE 'client' END,
       date('2024-01-01', '+' || (i % 1000) || ' days'),
       CASE i % 5 WHEN 0 THEN 'submitted' WHEN 1 THEN 'meeting' WHEN 2 THEN 'won' ELSE 'lost' END,
       date('2024-01-01', '+' || (i % 1000 + 20) || ' days'),
       CASE WHEN i % 5 <> 0 THEN date('2024-01-01', '+' || (i % 1000 + 2) || ' days') END,
       CASE WHEN i % 5 = 1 OR i % 5 = 2 THEN date('2024-01-01', '+' || (i % 1000 + 10) || ' days') END,
       CASE WHEN i % 5 = 2 THEN date('2024-01-01', '+' || (i % 1000 + 20) || ' days') END,
       CASE WHEN i % 5 > 2 THEN date('2024-01-01', '+' || (i % 1000 + 20) || ' days') END,
       CASE WHEN i % 5 = 2 THEN 1000000 END FROM n;
INSERT INTO payouts (referral_id, beneficiary, client_id, reward, kind, amount, earned_on, due_on, status, paid_on,
                     explanation)
SELECT id, 'referrer', referrer_id, 'signing bonus', 'cash', 100000, won_on, date(won_on, '+30 days'),
       CASE WHEN id % 3 = 0 THEN 'paid' ELSE 'pending' END, CASE WHEN id % 3 = 0 THEN date(won_on, '+30 days') END, 'x'
FROM referrals WHERE won_on IS NOT NULL;
INSERT INTO nps_responses (client_id, score, responded_on) SELECT id, id % 11, started_on FROM clients;
INSERT INTO milestones (client_id, on_date, description) SELECT id, date(started_on, '+200 days'), 'live' FROM clients;
INSERT INTO tags (client_id, tag) SELECT id, CASE id % 4 WHEN 0 THEN 'promoter' WHEN 1 THEN 'vip' ELSE 'detractor' END
FROM clients;
INSERT INTO asks (client_id, asked_on) SELECT id, date(started_on, '+300 days') FROM clients WHERE id % 5 = 0;
ANALYZE;
)sql");
}

std::string plan_of(SQLite::Database& db, std::string_view sql)
{
    SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + std::string(sql));
    std::string plan;
    while (q.executeStep()) plan += q.getColumn("detail").getString() + "\n";
    return plan;
}

// A scan of a table that grows with the ledger, or of a whole index on one. The partial
// indexes of open referrals and pending payouts are small by design: scanning them is the
// point; so is the asks table (a few asks per person and year, grouped to find the paused).
bool scans_a_big_table(const std::string& plan)
{
    for (std::size_t at = 0; at < plan.size();) {
        std::size_t end = plan.find('\n', at);
        std::string line = plan.substr(at, end - at);
        at = end + 1;
        bool scan = false;
        for (const char* table : {"referrals", "clients", "payouts", "nps_responses", "milestones", "tags", "r", "c", "t", "m", "n"})
            scan = scan || line == fmt::format("SCAN {}", table) || line.starts_with(fmt::format("SCAN {} ", table));
        bool small = line.find("referrals_open") != std::string::npos || line.find("payouts_pending_by_due") != std::string::npos;
        if (scan && !small) return true;
    }
    return false;
}

// Stricter, for due: a plan line that reads rows other than through the two small partial
// indexes (a scan of any table, whatever its alias, or of any other index), or builds a
// temporary b-tree for anything but sorting the rows it lists (ORDER BY).
bool reads_beyond_the_partial_indexes(const std::string& plan)
{
    for (std::size_t at = 0; at < plan.size();) {
        std::size_t end = plan.find('\n', at);
        std::string line = plan.substr(at, end - at);
        at = end + 1;
        bool small = line.find("referrals_open") != std::string::npos ||
                     line.find("payouts_pending_by_due") != std::string::npos;
        bool sorts_output = line.find("TEMP B-TREE FOR ORDER BY") != std::string::npos ||
                            line.find("TEMP B-TREE FOR RIGHT PART OF ORDER BY") != std::string::npos ||
                            line.find("TEMP B-TREE FOR LAST") != std::string::npos;
        if ((line.starts_with("SCAN ") && !small) || (line.find("TEMP B-TREE") != std::string::npos && !sorts_output))
            return true;
    }
    return false;
}

} // namespace

TEST_CASE("no report query scans referrals or clients where an index serves")
{
    auto db = open_memory_database();
    fill_like_a_real_ledger(*db);
    for (const ReportSql& q : report_sql()) {
        std::string plan = plan_of(*db, q.sql);
        INFO(q.name, ":\n", plan);
        CHECK_FALSE(scans_a_big_table(plan));
    }
}

TEST_CASE("the report counts referrals by stage date from covering indexes alone")
{
    auto db = open_memory_database();
    fill_like_a_real_ledger(*db);
    for (const ReportSql& q : report_sql()) {
        std::string_view name = q.name;
        if (name != "cohort" && name != "won" && name != "lost") continue;
        std::string plan = plan_of(*db, q.sql);
        INFO(q.name, ":\n", plan);
        CHECK(plan.find("USING COVERING INDEX referrals_by_") != std::string::npos);
    }
}

TEST_CASE("the plan check itself catches a full scan")
{
    auto db = open_memory_database();
    fill_like_a_real_ledger(*db);
    CHECK(scans_a_big_table(plan_of(*db, "SELECT count(*) FROM referrals WHERE note = 'x'")));
    CHECK(scans_a_big_table(plan_of(*db, "SELECT count(*) FROM payouts WHERE reward = 'x'")));
    CHECK(scans_a_big_table(plan_of(*db, "SELECT count(*) FROM referrals NOT INDEXED WHERE submitted_on > '2025-01-01'")));
}

TEST_CASE("nudge finds its candidates from the small sets, not by walking every person")
{
    auto db = open_memory_database();
    fill_like_a_real_ledger(*db);
    std::string plan = plan_of(*db, nudge_candidates_sql());
    INFO(plan);
    CHECK_FALSE(scans_a_big_table(plan));
}

TEST_CASE("due reads only open referrals and pending payouts, through their partial indexes")
{
    auto db = open_memory_database();
    fill_like_a_real_ledger(*db);
    // Referee payouts too: their name is looked up by email.
    db->exec("INSERT INTO payouts (referral_id, beneficiary, email, reward, kind, amount, earned_on, due_on, status, "
             "explanation) SELECT id, 'referee', referee_email, 'welcome', 'discount', 5000, won_on, "
             "date(won_on, '+30 days'), 'pending', 'x' FROM referrals WHERE won_on IS NOT NULL AND id % 2 = 0; ANALYZE;");
    for (const DueSql& q : due_sql()) {
        std::string plan = plan_of(*db, q.sql);
        INFO(q.name, ":\n", plan);
        CHECK_FALSE(reads_beyond_the_partial_indexes(plan));
        CHECK_FALSE(scans_a_big_table(plan));
        // Millions of rows may be due: each is read from the index alone, not looked up.
        CHECK((plan.find("USING COVERING INDEX referrals_open") != std::string::npos ||
               plan.find("USING COVERING INDEX payouts_pending_by_due") != std::string::npos));
    }
    CHECK(reads_beyond_the_partial_indexes(plan_of(*db, "SELECT name FROM clients WHERE name = 'x'")));
    CHECK(reads_beyond_the_partial_indexes(plan_of(*db, "SELECT id FROM payouts INDEXED BY payouts_pending_by_due "
                                                        "WHERE status = 'pending' GROUP BY reward")));
}
