#include "refer/cli/people_listing.h"

namespace refer {

Listing people_listing(const std::vector<StoredPerson>& people, bool for_people)
{
    Listing l;
    if (for_people) {
        l.columns = {"email", "name", "company", "kind", "annual_value", "started_on", "tags"};
        for (const auto& [id, p] : people)
            l.rows.push_back({p.email ? Cell{*p.email} : Cell{"ext:" + p.external_id.value_or("")}, text_cell(p.name),
                              text_cell(p.company), text_cell(p.kind), money_cell(p.annual_value), date_cell(p.started_on),
                              TagList(p.tags)});
        return l;
    }
    l.columns = {"email", "name", "company", "industry", "kind", "annual_value", "started_on", "ended_on",
                 "source", "referred_by", "tags", "external_id", "opened_on"};
    for (const auto& [id, p] : people)
        l.rows.push_back({text_cell(p.email), text_cell(p.name), text_cell(p.company), text_cell(p.industry),
                          text_cell(p.kind), money_cell(p.annual_value), date_cell(p.started_on), date_cell(p.ended_on),
                          text_cell(p.source), p.referred_by ? Cell{std::int64_t{*p.referred_by}} : Cell{},
                          TagList(p.tags), text_cell(p.external_id), date_cell(p.opened_on)});
    return l;
}

} // namespace refer
