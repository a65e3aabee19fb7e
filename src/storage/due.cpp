#include "refer/storage/due.h"

#include "refer/error.h"
#include "refer/storage/columns.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace refer {

namespace {

// One query per type of row, each sorted as due lists it (since, rows without an email last,
// id) so that rows go out as they are read. The bounds are the rule's own (`due_bounds`), and
// `due_item` judges each row again. Only open referrals are in referrals_open, so closed ones
// are never read, however many; its WHERE is repeated so that the index may be used.
constexpr std::string_view k_contact = R"sql(
SELECT id, status, submitted_on, status_on, referee_email, referee_name
FROM referrals INDEXED BY referrals_open
WHERE status <> 'won' AND status <> 'lost' AND status = 'submitted' AND submitted_on < :contact_before
ORDER BY submitted_on, referee_email IS NULL, id)sql";

// Stale, unless it is a contact row already.
constexpr std::string_view k_stale = R"sql(
SELECT id, status, submitted_on, status_on, referee_email, referee_name
FROM referrals INDEXED BY referrals_open
WHERE status <> 'won' AND status <> 'lost' AND status_on <= :stale_by
  AND NOT (status = 'submitted' AND submitted_on < :contact_before)
ORDER BY status_on, referee_email IS NULL, id)sql";

// A referrer payout names its person (by id: their email follows corrections); a referee
// payout keeps the referee's email, and has a name when a person has that email (the
// referee became a client on won).
constexpr std::string_view k_payouts = R"sql(
SELECT p.id, p.referral_id, p.due_on, coalesce(p.email, c.email) AS email,
       CASE WHEN p.client_id IS NOT NULL THEN c.name
            ELSE (SELECT k.name FROM clients k WHERE k.email = p.email) END AS name
FROM payouts p INDEXED BY payouts_pending_by_due
LEFT JOIN clients c ON c.id = p.client_id
WHERE p.status = 'pending' AND p.due_on <= :due_by
ORDER BY p.due_on, coalesce(p.email, c.email) IS NULL, p.id)sql";

const std::vector<DueSql> k_queries = {{"contact", k_contact}, {"payouts", k_payouts}, {"stale", k_stale}};

OpenReferral open_referral(SQLite::Statement& q)
{
    OpenReferral r;
    r.id = q.getColumn("id").getInt64();
    r.status = parse_status(q.getColumn("status").getString()).value_or(Status::submitted);
    r.submitted_on = date_of(q.getColumn("submitted_on"));
    r.status_on = date_of(q.getColumn("status_on"));
    r.referee_email = opt_text(q.getColumn("referee_email"));
    r.referee_name = opt_text(q.getColumn("referee_name"));
    return r;
}

PendingPayout pending_payout(SQLite::Statement& q)
{
    PendingPayout p;
    p.id = q.getColumn("id").getInt64();
    p.referral_id = q.getColumn("referral_id").getInt64();
    p.due_on = date_of(q.getColumn("due_on"));
    p.email = opt_text(q.getColumn("email"));
    p.name = opt_text(q.getColumn("name"));
    return p;
}

void bind_if_used(SQLite::Statement& q, const char* name, Date value)
{
    if (q.getIndex(name) != 0) q.bind(name, to_string(value));
}

} // namespace

void for_each_due(SQLite::Database& db, Date today, int contact_sla_days,
                  const std::function<void(const DueItem&)>& each)
{
    DueBounds bounds = due_bounds(today, contact_sla_days);
    std::optional<DueItem> last;
    // SQL's order is checked against the rule's as the rows go by: a disagreement would list
    // a row twice or out of place.
    auto emit = [&](std::optional<DueItem> item) {
        if (!item) return;
        if (last && !listed_before(*last, *item))
            throw failure(fmt::format("internal error: due row {} of referral {} out of order", to_string(item->type),
                                      item->referral));
        each(*item);
        last = std::move(item);
    };
    for (const DueSql& query : k_queries) {
        SQLite::Statement q(db, std::string(query.sql));
        bind_if_used(q, ":contact_before", bounds.contact_submitted_before);
        bind_if_used(q, ":stale_by", bounds.stale_status_by);
        bind_if_used(q, ":due_by", bounds.payout_due_by);
        bool payouts = query.sql == k_payouts;
        while (q.executeStep())
            emit(payouts ? due_item(pending_payout(q), today, bounds) : due_item(open_referral(q), today, bounds));
    }
}

std::vector<DueSql> due_sql() { return k_queries; }

} // namespace refer
