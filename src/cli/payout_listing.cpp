#include "refer/cli/payout_listing.h"

namespace refer {


Listing payout_listing(const std::vector<Payout>& payouts, bool for_people)
{
    Listing l;
    if (for_people)
        l.columns = {"id", "referral", "email", "reward", "kind", "amount", "earned_on", "due_on", "status", "paid_on"};
    else
        l.columns = {"id",      "referral", "beneficiary", "email",  "reward",  "kind",     "amount",
                     "earned_on", "due_on", "status",      "paid_on", "reference", "explanation"};
    l.rows.reserve(payouts.size());
    for (const Payout& p : payouts) {
        if (for_people)
            l.rows.push_back({std::int64_t{p.id}, std::int64_t{p.referral_id}, text_cell(p.email), p.reward,
                              std::string(to_string(p.kind)), Money{p.amount}, p.earned_on, p.due_on,
                              std::string(to_string(p.status)), date_cell(p.paid_on)});
        else
            l.rows.push_back({std::int64_t{p.id}, std::int64_t{p.referral_id}, std::string(to_string(p.beneficiary)),
                              text_cell(p.email), p.reward, std::string(to_string(p.kind)), Money{p.amount},
                              p.earned_on, p.due_on, std::string(to_string(p.status)), date_cell(p.paid_on),
                              text_cell(p.reference), p.explanation});
    }
    return l;
}

} // namespace refer
