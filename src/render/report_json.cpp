#include "refer/render/report.h"

namespace refer {

using nlohmann::ordered_json;

static ordered_json or_null(const std::optional<double>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }
static ordered_json or_null(const std::optional<Cents>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }
static ordered_json or_null(const std::optional<std::string>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

// A median of whole days is whole or ends in .5: written as an integer when whole.
static ordered_json days(const std::optional<double>& v)
{
    if (!v) return nullptr;
    if (*v == double(static_cast<std::int64_t>(*v))) return static_cast<std::int64_t>(*v);
    return *v;
}

static ordered_json referrals_json(const Report::Referrals& r)
{
    return {{"submitted", r.submitted},
            {"contacted", r.contacted},
            {"not_contacted", r.not_contacted},
            {"contacted_within_sla", r.contacted_within_sla},
            {"meetings", r.meetings},
            {"meeting_rate", or_null(r.meeting_rate)},
            {"won", r.won},
            {"lost", r.lost},
            {"close_rate", or_null(r.close_rate)},
            {"won_value_cents", r.won_value},
            {"median_days_to_close", days(r.median_days_to_close)}};
}

static ordered_json revenue_json(const Report::Revenue& r)
{
    return {{"new_clients", r.new_clients},
            {"new_clients_referral", r.new_clients_referral},
            {"new_revenue_cents", r.new_revenue},
            {"referral_revenue_cents", r.referral_revenue},
            {"referral_revenue_share", or_null(r.referral_revenue_share)},
            {"avg_deal_referral_cents", or_null(r.avg_deal_referral)},
            {"avg_deal_other_cents", or_null(r.avg_deal_other)},
            {"deal_size_ratio", or_null(r.deal_size_ratio)}};
}

// by_source and by_fit: `key` names what each row is for.
static ordered_json activity_json(const std::vector<Report::ActivityRow>& rows, const char* key)
{
    auto out = ordered_json::array();
    for (const auto& a : rows)
        out.push_back({{key, a.name}, {"submitted", a.submitted}, {"won", a.won}, {"lost", a.lost},
                       {"close_rate", or_null(a.close_rate)}});
    return out;
}

static ordered_json lists_json(const Report& r, ordered_json out)
{
    out["by_source"] = activity_json(r.by_source, "source");
    out["by_fit"] = activity_json(r.by_fit, "band");
    auto top = ordered_json::array();
    for (const auto& t : r.top_referrers)
        top.push_back({{"email", or_null(t.email)}, {"name", or_null(t.name)}, {"submitted", t.submitted},
                       {"won", t.won}, {"won_value_cents", t.won_value}});
    out["top_referrers"] = std::move(top);
    return out;
}

ordered_json report_json(const Report& r)
{
    ordered_json out = {{"period", {{"from", to_string(r.period.from)}, {"to", to_string(r.period.to)}, {"label", r.period.label}}},
                        {"today", to_string(r.today)},
                        {"currency", r.currency},
                        {"referrals", referrals_json(r.referrals)},
                        {"revenue", revenue_json(r.revenue)},
                        {"participation",
                         {{"eligible", r.participation.eligible},
                          {"referrers", r.participation.referrers},
                          {"rate", or_null(r.participation.rate)}}}};
    out = lists_json(r, std::move(out));
    out["payouts"] = {{"earned_cents", r.payouts.earned},
                      {"paid_cents", r.payouts.paid},
                      {"outstanding_cents", r.payouts.outstanding},
                      {"overdue", r.payouts.overdue}};
    out["nps"] = {{"responses", r.nps.responses},
                  {"promoters", r.nps.promoters},
                  {"passives", r.nps.passives},
                  {"detractors", r.nps.detractors},
                  {"score", or_null(r.nps.score)}};
    auto trend = ordered_json::array();
    for (const auto& m : r.trend)
        trend.push_back({{"month", m.month}, {"submitted", m.submitted}, {"won", m.won}, {"won_value_cents", m.won_value}});
    out["trend"] = std::move(trend);
    auto targets = ordered_json::array();
    for (const auto& t : r.targets)
        targets.push_back({{"metric", t.metric}, {"value", or_null(t.value)}, {"min", or_null(t.min)},
                           {"max", or_null(t.max)}, {"met", t.met}});
    out["targets"] = std::move(targets);
    out["attention"] = {{"uncontacted_overdue", r.attention.uncontacted_overdue},
                        {"payouts_overdue", r.attention.payouts_overdue},
                        {"stale_open", r.attention.stale_open}};
    return out;
}

} // namespace refer
