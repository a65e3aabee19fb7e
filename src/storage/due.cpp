#include "refer/storage/due.h"

#include "refer/error.h"
#include "refer/storage/columns.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>

namespace refer {

namespace {

// One query per group of rows, in the order they are listed, each sorted as due lists them
// (since, rows without an email last, id) so that rows go out as they are read. Each reads
// at least the rows of its group; `due_item` judges every row, and a row of another group is
// left for that group's query. Only open referrals are in referrals_open, so closed ones are
// never read, however many; its WHERE is repeated so that the index may be used.
constexpr std::string_view k_fit_score =
    "coalesce(fit_industry, 0) + coalesce(fit_role, 0) + coalesce(fit_size, 0) + 2 * coalesce(fit_urgency, 0)";

// Contact rows of priority referrals: due after their own SLA (0 or more days), and scored at
// least the lowest priority_fit_score of any program version.
const std::string k_priority_contact = fmt::format(R"sql(
SELECT id, status, submitted_on, status_on, referee_email, referee_name, fit_industry, fit_role, fit_size, fit_urgency
FROM referrals INDEXED BY referrals_open
WHERE status <> 'won' AND status <> 'lost' AND status = 'submitted' AND submitted_on < :today
  AND {} >= :lowest_priority_score
ORDER BY submitted_on, referee_email IS NULL, id)sql", k_fit_score);

// The other contact rows: past today's contact SLA.
constexpr std::string_view k_contact = R"sql(
SELECT id, status, submitted_on, status_on, referee_email, referee_name, fit_industry, fit_role, fit_size, fit_urgency
FROM referrals INDEXED BY referrals_open
WHERE status <> 'won' AND status <> 'lost' AND status = 'submitted' AND submitted_on < :contact_before
ORDER BY submitted_on, referee_email IS NULL, id)sql";

// Stale rows (those already listed as contact rows are left out by due_item).
constexpr std::string_view k_stale = R"sql(
SELECT id, status, submitted_on, status_on, referee_email, referee_name, fit_industry, fit_role, fit_size, fit_urgency
FROM referrals INDEXED BY referrals_open
WHERE status <> 'won' AND status <> 'lost' AND status_on <= :stale_by
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

enum class Group { priority_contact, contact, payouts, stale };

struct GroupQuery {
    Group group;
    std::string_view name, sql;
};

const std::vector<GroupQuery> k_groups = {{Group::priority_contact, "priority_contact", k_priority_contact},
                                          {Group::contact, "contact", k_contact},
                                          {Group::payouts, "payouts", k_payouts},
                                          {Group::stale, "stale", k_stale}};

bool in_group(const DueItem& item, Group group)
{
    switch (group) {
    case Group::priority_contact: return item.type == DueType::contact && item.priority;
    case Group::contact: return item.type == DueType::contact && !item.priority;
    case Group::payouts: return item.type == DueType::payout;
    case Group::stale: return item.type == DueType::stale;
    }
    return false;
}

OpenReferral open_referral(SQLite::Statement& q)
{
    OpenReferral r;
    r.id = q.getColumn("id").getInt64();
    r.status = parse_status(q.getColumn("status").getString()).value_or(Status::submitted);
    r.submitted_on = date_of(q.getColumn("submitted_on"));
    r.status_on = date_of(q.getColumn("status_on"));
    r.referee_email = opt_text(q.getColumn("referee_email"));
    r.referee_name = opt_text(q.getColumn("referee_name"));
    r.fit = fit_of(q);
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

void bind_if_used(SQLite::Statement& q, const char* name, const std::string& value)
{
    if (q.getIndex(name) != 0) q.bind(name, value);
}

} // namespace

void for_each_due(SQLite::Database& db, Date today, const ProgramBook& book,
                  const std::function<void(const DueItem&)>& each)
{
    DueBounds bounds = due_bounds(today, book.in_force(today).program.contact_sla_days);
    int lowest_priority_score = book.in_force(today).program.priority_fit_score;
    for (const ProgramVersion& v : book.versions())
        lowest_priority_score = std::min(lowest_priority_score, v.program.priority_fit_score);
    std::optional<DueItem> last;
    // SQL's order is checked against the rule's as the rows go by: a disagreement would list
    // a row out of place.
    auto emit = [&](const DueItem& item) {
        if (last && !listed_before(*last, item))
            throw failure(fmt::format("internal error: due row {} of referral {} out of order", to_string(item.type),
                                      item.referral));
        each(item);
        last = item;
    };
    for (const GroupQuery& g : k_groups) {
        SQLite::Statement q(db, std::string(g.sql));
        bind_if_used(q, ":today", to_string(today));
        bind_if_used(q, ":contact_before", to_string(bounds.contact_submitted_before));
        bind_if_used(q, ":stale_by", to_string(bounds.stale_status_by));
        bind_if_used(q, ":due_by", to_string(bounds.payout_due_by));
        if (q.getIndex(":lowest_priority_score") != 0) q.bind(":lowest_priority_score", lowest_priority_score);
        while (q.executeStep()) {
            auto item = g.group == Group::payouts ? due_item(pending_payout(q), today, bounds)
                                                  : due_item(open_referral(q), today, bounds, book);
            if (item && in_group(*item, g.group)) emit(*item);
        }
    }
}

std::vector<DueSql> due_sql()
{
    std::vector<DueSql> out;
    for (const GroupQuery& g : k_groups) out.push_back({g.name, g.sql});
    return out;
}

} // namespace refer
