#pragma once
// `refer payouts compute`: loads what can have changed since the last compute, asks the
// payout rules what to do (domain/payout.h) and writes it.
#include "refer/domain/payout.h"
#include "refer/storage/events.h"

#include <SQLiteCpp/Database.h>
#include <vector>

namespace refer {

struct ComputeResult {
    size_t created = 0, updated = 0, voided = 0;
    size_t unchanged = 0;        // live (pending or paid) payouts this compute did not write
    bool full = false;           // everything was judged (first compute, or a program was loaded)
    std::vector<PayoutChange> changes; // created, updated and voided, with what they were (when asked for)
};

enum class KeepChanged { no, yes };
// `everything` ignores what the last compute judged (`refer check` proves the incremental
// computes right with it).
enum class Judge { changed, everything };

// Whether the next compute judges every referral: none ran yet, or a program was loaded since.
bool next_compute_judges_everything(SQLite::Database& db);

// Brings every payout in line with the rules, in the caller's transaction. After the first
// compute only the referrers (and, for the yearly cap, beneficiaries) touched by events since
// the last compute are judged again; a program load makes the next compute judge everything.
ComputeResult compute_payouts(SQLite::Database& db, EventLog& events, const ProgramBook& book, Date today,
                              KeepChanged keep, Judge judge = Judge::changed);

} // namespace refer
