#include "refer/cli/referral_listing.h"

#include "refer/cli/people_listing.h"

namespace refer {

Cell referee_cell(const Referral& r)
{
    if (r.referee_name && r.referee_email) return *r.referee_name + " <" + *r.referee_email + ">";
    return text_cell(r.referee_name ? r.referee_name : r.referee_email);
}

bool referral_is_priority(const Referral& r, const ProgramBook& book)
{
    return is_priority(r.fit, book.in_force(r.submitted_on).program.priority_fit_score);
}

Listing referral_listing(const std::vector<StoredReferral>& referrals, bool for_people, const ProgramBook& book)
{
    Listing l;
    if (for_people) {
        // fit: the score, with a `*` when it makes the referral priority.
        l.columns = {"id", "referrer", "referee", "company", "status", "status_on", "deal_value", "fit"};
        for ([[maybe_unused]] const auto& [id, r, referrer_email, referrer, referrer_kind, deal_values] : referrals) {
            auto score = fit_score(r.fit);
            Cell fit = score ? Cell{std::to_string(*score) + (referral_is_priority(r, book) ? "*" : "")} : Cell{};
            l.rows.push_back({std::int64_t{id}, referrer, referee_cell(r), text_cell(r.referee_company),
                              std::string(to_string(r.status)), r.status_on, money_cell(r.deal_value), fit});
        }
        return l;
    }
    l.columns = {"id", "referrer_email", "referee_name", "referee_email", "referee_company", "source", "status",
                 "submitted_on", "contacted_on", "meeting_on", "qualified_on", "won_on", "lost_on", "lost_reason",
                 "deal_value", "consent", "note", "fit_industry", "fit_role", "fit_size", "fit_urgency",
                 "fit_score", "priority"};
    for ([[maybe_unused]] const auto& [id, r, referrer_email, referrer, referrer_kind, deal_values] : referrals)
        l.rows.push_back({std::int64_t{id}, text_cell(referrer_email), text_cell(r.referee_name),
                          text_cell(r.referee_email), text_cell(r.referee_company), r.source,
                          std::string(to_string(r.status)), r.submitted_on, date_cell(r.contacted_on),
                          date_cell(r.meeting_on), date_cell(r.qualified_on), date_cell(r.won_on),
                          date_cell(r.lost_on), text_cell(r.lost_reason), money_cell(r.deal_value), r.consent,
                          text_cell(r.note), number_cell(r.fit.industry), number_cell(r.fit.role),
                          number_cell(r.fit.size), r.fit.urgency ? Cell{*r.fit.urgency} : Cell{},
                          number_cell(fit_score(r.fit)), referral_is_priority(r, book)});
    return l;
}

nlohmann::ordered_json referral_json(const StoredReferral& referral, const ProgramBook& book)
{
    return to_json(referral_listing({referral}, false, book))[0];
}

} // namespace refer
