#include "refer/programio/program_json.h"

namespace refer {

namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json or_null(const std::optional<T>& value)
{
    return value ? Json(*value) : Json(nullptr);
}

Json null_if_empty(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json reward_json(const Reward& r)
{
    Json tiers = nullptr;
    if (!r.tiers.empty()) {
        tiers = Json::array();
        for (const Tier& t : r.tiers) tiers.push_back(Json{{"from", t.from}, {"amount_cents", t.amount}});
    }
    return Json{{"name", r.name},
                {"on", to_string(r.on)},
                {"to", to_string(r.to)},
                {"kind", to_string(r.kind)},
                {"amount_cents", or_null(r.amount)},
                {"percent", r.percent ? Json(to_string(*r.percent)) : Json(nullptr)},
                {"min_cents", or_null(r.min)},
                {"max_cents", or_null(r.max)},
                {"tiers", tiers},
                {"count_window", to_string(r.count_window)},
                {"at_count", or_null(r.at_count)},
                {"referrer_kinds", r.referrer_kinds.empty() ? Json(nullptr) : Json(r.referrer_kinds)}};
}

} // namespace

nlohmann::ordered_json program_json(const ProgramVersion& version)
{
    const Program& p = version.program;
    Json rewards = Json::array(), targets = Json::array();
    for (const Reward& r : p.rewards) rewards.push_back(reward_json(r));
    for (const Target& t : p.targets) targets.push_back(Json{{"metric", t.metric}, {"min", or_null(t.min)}, {"max", or_null(t.max)}});
    return Json{{"version", version.id == 0 ? Json(nullptr) : Json(version.id)},
                {"name", p.name},
                {"effective_on", version.effective_on ? Json(to_string(*version.effective_on)) : Json(nullptr)},
                {"loaded_at", null_if_empty(version.loaded_at)},
                {"sha256", null_if_empty(version.sha256)},
                {"currency", p.currency},
                {"payout_delay_days", p.payout_delay_days},
                {"contact_sla_days", p.contact_sla_days},
                {"priority_fit_score", p.priority_fit_score},
                {"priority_contact_sla_days", p.priority_contact_sla_days},
                {"attribution_days", p.attribution_days},
                {"min_tenure_days", p.min_tenure_days},
                {"ask_cadence_days", p.ask_cadence_days},
                {"top_referrer_cadence_days", p.top_referrer_cadence_days},
                {"max_unanswered_asks", p.max_unanswered_asks},
                {"promoter_min_score", p.promoter_min_score},
                {"nps_window_days", p.nps_window_days},
                {"referrer_cap_per_year_cents", or_null(p.referrer_cap_per_year)},
                {"min_payout_cents", or_null(p.min_payout)},
                {"rewards", rewards},
                {"targets", targets}};
}

} // namespace refer
