#pragma once
// What the report reads from the ledger (SPEC 8): one query per group of numbers, each
// served by an index of migrations 3 and 5 and reading only its period's rows.
#include "refer/domain/report.h"

#include <SQLiteCpp/Database.h>
#include <string_view>
#include <vector>

namespace refer {

struct ReportQuery {
    ReportPeriod period;
    Date today;
    int contact_sla_days = 2;       // of the version in force on the period's last day
    int promoter_min_score = 9;     // same
    int today_contact_sla_days = 2; // of today's version: the attention list
    int top = 5;
};

// `book` decides each referral's fit band by the threshold on its submission day.
ReportFacts read_report_facts(SQLite::Database& db, const ReportQuery& query, const ProgramBook& book);

// Every query the report runs, by name, with its parameters' names: the plan test runs
// EXPLAIN QUERY PLAN on each.
struct ReportSql {
    std::string_view name;
    std::string_view sql;
};
std::vector<ReportSql> report_sql();

} // namespace refer
