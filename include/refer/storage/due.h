#pragma once
// What `refer due` reads (SPEC 9): the open referrals that may be due and the pending payouts
// due by today. Each query walks a small partial index (open referrals, pending payouts),
// never the whole referrals or payouts table.
#include "refer/domain/due.h"

#include <SQLiteCpp/Database.h>
#include <string_view>
#include <vector>

namespace refer {

struct DueCandidates {
    std::vector<OpenReferral> referrals; // uncontacted past the SLA, or stale
    std::vector<PendingPayout> payouts;  // due by today
};

// Inside a ReadTransaction, both see the same ledger.
DueCandidates read_due_candidates(SQLite::Database& db, const DueBounds& bounds);

// The queries, by name: the plan test runs EXPLAIN QUERY PLAN on each.
struct DueSql {
    std::string_view name;
    std::string_view sql;
};
std::vector<DueSql> due_sql();

} // namespace refer
