#include "refer/domain/nudge.h"

#include <algorithm>

namespace refer {

std::string_view to_string(NudgeReason reason)
{
    switch (reason) {
    case NudgeReason::milestone: return "milestone";
    case NudgeReason::nps: return "nps";
    case NudgeReason::top_referrer: return "top-referrer";
    case NudgeReason::quarterly: return "quarterly";
    }
    return "quarterly";
}

std::vector<bool> answered_asks(const std::vector<Date>& asks, const std::vector<Date>& submitted)
{
    std::vector<Date> sorted = asks;
    std::ranges::sort(sorted);
    std::vector<Date> referrals = submitted;
    std::ranges::sort(referrals);
    std::vector<bool> answered;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        auto first = std::ranges::lower_bound(referrals, sorted[i]); // on or after the ask
        bool before_next = first != referrals.end() && (i + 1 == sorted.size() || *first < sorted[i + 1]);
        answered.push_back(before_next);
    }
    return answered;
}

int unanswered_streak(const std::vector<Date>& asks, const std::vector<Date>& submitted)
{
    std::vector<bool> answered = answered_asks(asks, submitted);
    int streak = 0;
    for (auto it = answered.rbegin(); it != answered.rend() && !*it; ++it) ++streak;
    return streak;
}

namespace {

bool ended(const NudgeFacts& p, Date today) { return p.ended_on && *p.ended_on <= today; }

bool is_candidate(const NudgeFacts& p, Date today)
{
    if (p.kind != "client" && p.kind != "partner") return false;
    if (p.do_not_contact || p.not_interested) return false;
    return !ended(p, today) || p.promoter; // alumni only while promoters
}

// "7 to 30 days ago": both ends included.
bool days_ago_between(Date day, Date today, int from, int to) { return today - day >= from && today - day <= to; }

// Within the last 365 days, 2 or more currently won referrals: also decides the cadence.
bool is_top_referrer(const NudgeFacts& p) { return p.won_last_365 >= 2; }

std::optional<NudgeReason> reason_for(const NudgeFacts& p, Date today, const Program& program)
{
    for (Date on : p.milestones)
        if (days_ago_between(on, today, 7, 30)) return NudgeReason::milestone;
    bool tenure = !p.started_on || today - *p.started_on >= program.min_tenure_days;
    if (!tenure) return std::nullopt;
    if (p.latest_nps_on && p.latest_nps_score >= program.promoter_min_score && days_ago_between(*p.latest_nps_on, today, 3, 30))
        return NudgeReason::nps;
    if (is_top_referrer(p)) return NudgeReason::top_referrer;
    if (p.promoter) return NudgeReason::quarterly;
    return std::nullopt;
}

} // namespace

NudgeDecision decide_nudge(const NudgeFacts& p, Date today, const Program& program)
{
    NudgeDecision d;
    if (!p.asks.empty()) d.last_asked_on = *std::ranges::max_element(p.asks);
    d.unanswered = unanswered_streak(p.asks, p.submitted);
    // Paused before anything else: --record tags everyone who reached the limit, listed or
    // not (SPEC 12), whatever else keeps them off the list.
    if (d.unanswered >= program.max_unanswered_asks) {
        d.verdict = NudgeVerdict::paused;
        return d;
    }
    if (!is_candidate(p, today)) {
        d.verdict = NudgeVerdict::not_candidate;
        return d;
    }
    d.reason = reason_for(p, today, program);
    if (!d.reason) {
        d.verdict = NudgeVerdict::no_reason;
        return d;
    }
    int cadence = is_top_referrer(p) ? program.top_referrer_cadence_days : program.ask_cadence_days;
    if (d.last_asked_on && today - *d.last_asked_on < cadence) {
        d.verdict = NudgeVerdict::recently_asked;
        d.reason.reset();
        return d;
    }
    d.verdict = NudgeVerdict::ask;
    return d;
}

NudgePlan plan_nudges(std::vector<NudgeFacts> people, Date today, const Program& program, std::optional<int> limit)
{
    NudgePlan plan;
    for (NudgeFacts& p : people) {
        NudgeDecision d = decide_nudge(p, today, program);
        if (d.verdict == NudgeVerdict::paused) plan.paused_people.push_back(p.person_id);
        if (d.verdict == NudgeVerdict::ask) plan.listed.push_back({std::move(p), *d.reason, d.unanswered, d.last_asked_on});
    }
    std::ranges::sort(plan.listed, [](const Nudge& a, const Nudge& b) {
        if (a.reason != b.reason) return a.reason < b.reason;
        if (a.person.email.has_value() != b.person.email.has_value()) return a.person.email.has_value();
        if (a.person.email != b.person.email) return a.person.email < b.person.email;
        return a.person.person_id < b.person.person_id;
    });
    if (limit && plan.listed.size() > std::size_t(*limit)) plan.listed.resize(std::size_t(*limit));
    std::ranges::sort(plan.paused_people);
    return plan;
}

} // namespace refer
