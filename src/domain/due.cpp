#include "refer/domain/due.h"

#include <tuple>

namespace refer {

std::string_view to_string(DueType type)
{
    switch (type) {
    case DueType::contact: return "contact";
    case DueType::payout: return "payout";
    case DueType::stale: return "stale";
    }
    return "contact";
}

DueBounds due_bounds(Date today, int contact_sla_days)
{
    return {today - contact_sla_days, today - k_stale_days, today};
}

// The id a row is ordered by after its date: the payout's for payout rows (one referral
// may have several), else the referral's.
static long long row_id(const DueItem& item) { return item.payout.value_or(item.referral); }

bool listed_before(const DueItem& a, const DueItem& b)
{
    return std::tuple(a.type, !a.priority, a.since, !a.email.has_value(), row_id(a)) <
           std::tuple(b.type, !b.priority, b.since, !b.email.has_value(), row_id(b));
}

std::optional<DueItem> due_item(const OpenReferral& r, Date today, const DueBounds& bounds, const ProgramBook& book)
{
    if (is_terminal(r.status)) return std::nullopt;
    // Contact first: a referral both uncontacted and stale is listed once, as contact.
    if (r.status == Status::submitted) {
        const Program& at_submission = book.in_force(r.submitted_on).program;
        bool priority = is_priority(r.fit, at_submission.priority_fit_score);
        Date contact_before = priority ? today - at_submission.priority_contact_sla_days : bounds.contact_submitted_before;
        if (r.submitted_on < contact_before)
            return DueItem{DueType::contact, r.id, std::nullopt, r.referee_email, r.referee_name, r.submitted_on,
                           today - r.submitted_on, priority};
    }
    if (r.status_on <= bounds.stale_status_by)
        return DueItem{DueType::stale, r.id, std::nullopt, r.referee_email, r.referee_name, r.status_on,
                       today - r.status_on};
    return std::nullopt;
}

std::optional<DueItem> due_item(const PendingPayout& p, Date today, const DueBounds& bounds)
{
    if (p.due_on > bounds.payout_due_by) return std::nullopt;
    return DueItem{DueType::payout, p.referral_id, p.id, p.email, p.name, p.due_on, today - p.due_on};
}

} // namespace refer
