#pragma once
// Payouts as stored, and what `payouts compute` needs to judge only what can have changed.
// Every change is an event of entity "payout".
#include "refer/domain/payout.h"
#include "refer/storage/events.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace refer {

struct PayoutFilter {
    std::optional<PayoutStatus> status;
    std::optional<long long> person_id; // paid to this person (as referrer, or as referee by email)
    std::optional<long long> referral_id;
    std::optional<Date> due_by;      // pending with due_on <= this
    std::optional<Date> due_before;  // pending with due_on < this
};
// Ordered by id.
std::vector<Payout> list_payouts(SQLite::Database& db, const PayoutFilter& filter);
std::optional<Payout> find_payout(SQLite::Database& db, long long id);

// Every payout of the referrals with ids in [first, last].
std::vector<Payout> payouts_of_referral_range(SQLite::Database& db, long long first, long long last);
// Every payout of these referrals.
std::vector<Payout> payouts_of_referrals(SQLite::Database& db, std::span<const long long> referral_ids);

// What the last compute judged: the events up to `event_id`, under programs up to `program_id`.
struct ComputeMark {
    long long event_id = 0;
    long long program_id = 0;
    long long live = 0; // pending and paid payouts after it (only a compute creates or voids one)
};
std::optional<ComputeMark> last_compute(SQLite::Database& db);
ComputeMark current_mark(SQLite::Database& db);
void record_compute(SQLite::Database& db, const ComputeMark& mark);

// People whose referrals may be judged differently since `event_id`: the referrers of the
// referrals changed since, and people whose kind or email changed.
std::vector<long long> referrers_changed_since(SQLite::Database& db, long long event_id);

class PayoutWriter {
public:
    PayoutWriter(SQLite::Database& db, EventLog& events);
    long long insert(const Payout& payout);
    // Writes `after` over `before` (same id); one event per changed field.
    void update(const Payout& before, const Payout& after);

private:
    void bind(const Payout& payout);

    SQLite::Database& m_db;
    EventLog& m_events;
    SQLite::Statement m_insert, m_update;
};

// How a payout's amount reads in events and messages: `1500.00`.
std::string payout_event_text(const Payout& payout);

} // namespace refer
