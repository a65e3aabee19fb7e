#pragma once
// `refer check`: the ledger's own invariants as questions to the database. Each returns one
// line per problem (at most k_listed_problems of a kind, then how many more); none: it holds.
#include "refer/domain/program.h"
#include "refer/storage/payout_compute.h"

#include <SQLiteCpp/Database.h>
#include <string>
#include <vector>

namespace refer {

inline constexpr size_t k_listed_problems = 20;

// SQLite's own PRAGMA integrity_check.
std::vector<std::string> integrity_problems(SQLite::Database& db);
// Rows naming a row that does not exist (PRAGMA foreign_key_check).
std::vector<std::string> foreign_key_problems(SQLite::Database& db);
// Won referrals without a deal value.
std::vector<std::string> deal_value_problems(SQLite::Database& db);
// The history: the append-only triggers stand, and every referral and payout has its
// `created` event.
std::vector<std::string> event_problems(SQLite::Database& db);

// Payouts against the rules, computed in a transaction that is rolled back: what an ordinary
// compute would change (`behind`: the ledger changed since the last compute), then what a
// full judgement changes after it (`off`: what no ordinary compute would mend, such as a
// payout edited outside refer). Foreign keys are not enforced in it: a payout naming a
// missing referral is foreign_key_problems' to report and must not stop this check.
struct RuleCheck {
    ComputeResult behind, off; // `off` keeps its changes
};
RuleCheck payouts_against_rules(SQLite::Database& db, const ProgramBook& book, Date today);

} // namespace refer
