#include "refer/storage/due.h"

#include "refer/storage/columns.h"

#include <SQLiteCpp/Statement.h>
#include <cstdint>

namespace refer {

namespace {

// The bounds are the rule's own (`due_bounds`); `due_items` decides again on what this reads.
// Only open referrals are in referrals_open, so closed ones are never read, however many.
constexpr std::string_view k_open_referrals = R"sql(
SELECT id, status, submitted_on, status_on, referee_email, referee_name
FROM referrals INDEXED BY referrals_open
WHERE status <> 'won' AND status <> 'lost'
  AND ((status = 'submitted' AND submitted_on < :contact_before) OR status_on <= :stale_by))sql";

// A referrer payout names its person (by id: their email follows corrections); a referee
// payout keeps the referee's email, and has a name when a person has that email (the
// referee became a client on won).
constexpr std::string_view k_payouts_due = R"sql(
SELECT p.id, p.referral_id, p.due_on, coalesce(p.email, c.email) AS email,
       CASE WHEN p.client_id IS NOT NULL THEN c.name
            ELSE (SELECT k.name FROM clients k WHERE k.email = p.email) END AS name
FROM payouts p INDEXED BY payouts_pending_by_due
LEFT JOIN clients c ON c.id = p.client_id
WHERE p.status = 'pending' AND p.due_on <= :due_by)sql";

const std::vector<DueSql> k_queries = {{"open_referrals", k_open_referrals}, {"payouts_due", k_payouts_due}};

std::vector<OpenReferral> read_open_referrals(SQLite::Database& db, const DueBounds& bounds)
{
    SQLite::Statement q(db, std::string(k_open_referrals));
    q.bind(":contact_before", to_string(bounds.contact_submitted_before));
    q.bind(":stale_by", to_string(bounds.stale_status_by));
    std::vector<OpenReferral> out;
    while (q.executeStep()) {
        OpenReferral r;
        r.id = q.getColumn("id").getInt64();
        r.status = parse_status(q.getColumn("status").getString()).value_or(Status::submitted);
        r.submitted_on = date_of(q.getColumn("submitted_on"));
        r.status_on = date_of(q.getColumn("status_on"));
        r.referee_email = opt_text(q.getColumn("referee_email"));
        r.referee_name = opt_text(q.getColumn("referee_name"));
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<PendingPayout> read_payouts_due(SQLite::Database& db, const DueBounds& bounds)
{
    SQLite::Statement q(db, std::string(k_payouts_due));
    q.bind(":due_by", to_string(bounds.payout_due_by));
    std::vector<PendingPayout> out;
    while (q.executeStep()) {
        PendingPayout p;
        p.id = q.getColumn("id").getInt64();
        p.referral_id = q.getColumn("referral_id").getInt64();
        p.due_on = date_of(q.getColumn("due_on"));
        p.email = opt_text(q.getColumn("email"));
        p.name = opt_text(q.getColumn("name"));
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

DueCandidates read_due_candidates(SQLite::Database& db, const DueBounds& bounds)
{
    return {read_open_referrals(db, bounds), read_payouts_due(db, bounds)};
}

std::vector<DueSql> due_sql() { return k_queries; }

} // namespace refer
