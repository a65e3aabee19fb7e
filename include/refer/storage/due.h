#pragma once
// What `refer due` reads (SPEC 9): the referrals to contact, the payouts due and the stale
// referrals, each read in due's order from a small partial index (open referrals, pending
// payouts), never the whole referrals or payouts table, and never all held at once.
#include "refer/domain/due.h"

#include <SQLiteCpp/Database.h>
#include <functional>
#include <string_view>
#include <vector>

namespace refer {

// Calls `each` with every row due today under the program `book` (today's contact SLA; a
// priority referral's own SLA from its submission day), in the order due lists them
// (`listed_before`). Inside a ReadTransaction, a second call sees the same rows.
void for_each_due(SQLite::Database& db, Date today, const ProgramBook& book,
                  const std::function<void(const DueItem&)>& each);

// The queries, by name: the plan test runs EXPLAIN QUERY PLAN on each.
struct DueSql {
    std::string_view name;
    std::string_view sql;
};
std::vector<DueSql> due_sql();

} // namespace refer
