#include "refer/domain/settlement.h"

#include "refer/util/text.h"

#include <algorithm>
#include <map>

namespace refer {

std::string beneficiary_name(const Settlement& s)
{
    if (s.email) return *s.email;
    if (s.person_id) return "person #" + std::to_string(*s.person_id);
    long long referral = s.payouts.empty() ? 0 : s.payouts.front().referral_id;
    return "the referee of referral " + std::to_string(referral);
}

namespace {

// Sorts emails first (by email), then people without one (by id), then referees without one
// (by referral). A referrer payout carries its person's current email, so keying by email
// puts a person's referee payouts with their referrer payouts.
using BeneficiaryKey = std::tuple<int, std::string, long long>;

BeneficiaryKey key_of_beneficiary(const Payout& p)
{
    if (p.email) return {0, ascii_lower(*p.email), 0};
    if (p.person_id) return {1, {}, *p.person_id};
    return {2, {}, p.referral_id};
}

} // namespace

std::vector<Settlement> group_by_beneficiary(std::span<const Payout> payouts)
{
    std::map<BeneficiaryKey, Settlement> groups;
    for (const Payout& p : payouts) {
        Settlement& s = groups[key_of_beneficiary(p)];
        if (!s.email) s.email = p.email;
        if (!s.person_id) s.person_id = p.person_id;
        s.payouts.push_back(p);
        s.net += p.amount;
    }
    std::vector<Settlement> out;
    out.reserve(groups.size());
    for (auto& [key, s] : groups) {
        std::ranges::sort(s.payouts, {}, &Payout::id);
        out.push_back(std::move(s));
    }
    return out;
}

SettlementPlan settle_due(std::span<const Payout> payouts, std::optional<Cents> min_payout, Date today)
{
    std::vector<Payout> due;
    for (const Payout& p : payouts)
        if (p.status == PayoutStatus::pending && p.due_on <= today) due.push_back(p);
    Cents threshold = std::max<Cents>(0, min_payout.value_or(0));
    SettlementPlan plan;
    for (Settlement& s : group_by_beneficiary(due))
        (s.net >= threshold ? plan.settled : plan.skipped).push_back(std::move(s));
    return plan;
}

std::optional<std::string> refusal_to_pay(const Payout& p)
{
    std::string id = "payout " + std::to_string(p.id);
    if (p.status == PayoutStatus::paid)
        return id + " is already paid" + (p.paid_on ? " (on " + to_string(*p.paid_on) + ")" : "");
    if (p.status == PayoutStatus::void_) return id + " is void";
    return std::nullopt;
}

Payout as_paid(const Payout& payout, Date on, const std::optional<std::string>& reference)
{
    Payout p = payout;
    p.status = PayoutStatus::paid;
    p.paid_on = on;
    p.reference = reference;
    return p;
}

PayoutTotals payout_totals(std::span<const Payout> payouts)
{
    PayoutTotals t;
    for (const Payout& p : payouts) {
        if (p.status == PayoutStatus::void_) continue;
        t.earned += p.amount;
        (p.status == PayoutStatus::paid ? t.paid : t.outstanding) += p.amount;
    }
    return t;
}

} // namespace refer
