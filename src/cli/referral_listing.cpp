#include "refer/cli/referral_listing.h"

#include "refer/cli/people_listing.h"

namespace refer {

Cell referee_cell(const Referral& r)
{
    if (r.referee_name && r.referee_email) return *r.referee_name + " <" + *r.referee_email + ">";
    return text_cell(r.referee_name ? r.referee_name : r.referee_email);
}

Listing referral_listing(const std::vector<StoredReferral>& referrals, bool for_people)
{
    Listing l;
    if (for_people) {
        l.columns = {"id", "referrer", "referee", "company", "status", "status_on", "deal_value"};
        for ([[maybe_unused]] const auto& [id, r, referrer_email, referrer, referrer_kind] : referrals)
            l.rows.push_back({std::int64_t{id}, referrer, referee_cell(r), text_cell(r.referee_company),
                              std::string(to_string(r.status)), r.status_on, money_cell(r.deal_value)});
        return l;
    }
    l.columns = {"id", "referrer_email", "referee_name", "referee_email", "referee_company", "source", "status",
                 "submitted_on", "contacted_on", "meeting_on", "qualified_on", "won_on", "lost_on", "lost_reason",
                 "deal_value", "consent", "note"};
    for ([[maybe_unused]] const auto& [id, r, referrer_email, referrer, referrer_kind] : referrals)
        l.rows.push_back({std::int64_t{id}, text_cell(referrer_email), text_cell(r.referee_name),
                          text_cell(r.referee_email), text_cell(r.referee_company), r.source,
                          std::string(to_string(r.status)), r.submitted_on, date_cell(r.contacted_on),
                          date_cell(r.meeting_on), date_cell(r.qualified_on), date_cell(r.won_on),
                          date_cell(r.lost_on), text_cell(r.lost_reason), money_cell(r.deal_value), r.consent,
                          text_cell(r.note)});
    return l;
}

nlohmann::ordered_json referral_json(const StoredReferral& referral)
{
    return to_json(referral_listing({referral}, false))[0];
}

} // namespace refer
