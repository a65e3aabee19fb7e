#include "refer/domain/due.h"

#include <algorithm>
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

namespace {

// The id a row is ordered by after its date: the payout's for payout rows (one referral
// may have several), else the referral's.
long long row_id(const DueItem& item) { return item.payout.value_or(item.referral); }

bool listed_before(const DueItem& a, const DueItem& b)
{
    return std::tuple(a.type, a.since, !a.email.has_value(), row_id(a)) <
           std::tuple(b.type, b.since, !b.email.has_value(), row_id(b));
}

std::optional<DueItem> referral_item(const OpenReferral& r, Date today, const DueBounds& bounds)
{
    if (is_terminal(r.status)) return std::nullopt;
    // Contact first: a referral both uncontacted and stale is listed once, as contact.
    if (r.status == Status::submitted && r.submitted_on < bounds.contact_submitted_before)
        return DueItem{DueType::contact, r.id, std::nullopt, r.referee_email, r.referee_name, r.submitted_on,
                       today - r.submitted_on};
    if (r.status_on <= bounds.stale_status_by)
        return DueItem{DueType::stale, r.id, std::nullopt, r.referee_email, r.referee_name, r.status_on,
                       today - r.status_on};
    return std::nullopt;
}

} // namespace

std::vector<DueItem> due_items(std::span<const OpenReferral> referrals, std::span<const PendingPayout> payouts,
                               Date today, int contact_sla_days)
{
    DueBounds bounds = due_bounds(today, contact_sla_days);
    std::vector<DueItem> items;
    for (const OpenReferral& r : referrals)
        if (auto item = referral_item(r, today, bounds)) items.push_back(std::move(*item));
    for (const PendingPayout& p : payouts)
        if (p.due_on <= bounds.payout_due_by)
            items.push_back({DueType::payout, p.referral_id, p.id, p.email, p.name, p.due_on, today - p.due_on});
    std::ranges::sort(items, listed_before);
    return items;
}

} // namespace refer
