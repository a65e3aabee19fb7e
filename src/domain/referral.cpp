#include "refer/domain/referral.h"
#include "refer/util/text.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace refer {

std::string_view to_string(Status status) { return k_status_names[static_cast<size_t>(status)]; }

std::optional<Status> parse_status(std::string_view text)
{
    for (Status s : k_statuses)
        if (to_string(s) == text) return s;
    return std::nullopt;
}

bool is_terminal(Status status) { return status == Status::won || status == Status::lost; }

std::optional<int> fit_score(const Fit& fit)
{
    if (!fit.industry && !fit.role && !fit.size && !fit.urgency) return std::nullopt;
    return fit.industry.value_or(0) + fit.role.value_or(0) + fit.size.value_or(0) +
           (fit.urgency.value_or(false) ? k_fit_urgency_points : 0);
}

bool is_priority(const Fit& fit, int priority_fit_score)
{
    auto score = fit_score(fit);
    return score && *score >= priority_fit_score;
}

std::optional<Cents> deal_value_on(const StoredReferral& referral, Date day)
{
    if (referral.deal_values.empty()) return referral.referral.deal_value;
    std::optional<Cents> value;
    for (const DealValueChange& change : referral.deal_values) {
        if (change.on > day) break;
        value = change.value;
    }
    return value;
}

FitBand fit_band(const Fit& fit, int priority_fit_score)
{
    if (!fit_score(fit)) return FitBand::unscored;
    return is_priority(fit, priority_fit_score) ? FitBand::priority : FitBand::standard;
}

bool is_referral_source(std::string_view source)
{
    return std::ranges::find(k_referral_sources, source) != std::end(k_referral_sources);
}

Referral new_referral(long long referrer_id, Date on)
{
    Referral r;
    r.referrer_id = referrer_id;
    r.submitted_on = on;
    r.status_on = on;
    return r;
}

// The stage-date member of a referral, const or not.
template <typename R> static auto stage_slot(R& r, Status stage) -> decltype(&r.contacted_on)
{
    switch (stage) {
    case Status::submitted: return nullptr;
    case Status::contacted: return &r.contacted_on;
    case Status::meeting: return &r.meeting_on;
    case Status::qualified: return &r.qualified_on;
    case Status::won: return &r.won_on;
    case Status::lost: return &r.lost_on;
    }
    return nullptr;
}

std::optional<Date> stage_date(const Referral& r, Status stage)
{
    if (stage == Status::submitted) return r.submitted_on;
    return *stage_slot(r, stage);
}

static int rank(Status s) { return static_cast<int>(s); }

static std::string refusal_of(const Referral& r, const Move& m)
{
    std::string from(to_string(r.status)), to(to_string(m.to));
    if (m.reason && m.to != Status::lost) return "--reason is only for a move to lost";
    if (!m.force) {
        if (is_terminal(r.status)) return "the referral is already " + from + " (--force reopens it)";
        if (m.to == r.status) return "the referral is already " + from;
        if (m.to != Status::lost && rank(m.to) < rank(r.status))
            return "moving back from " + from + " to " + to + " needs --force";
    }
    if (m.on < r.submitted_on)
        return "the date " + to_string(m.on) + " precedes the submission on " + to_string(r.submitted_on);
    if (m.on < r.status_on)
        return "the date " + to_string(m.on) + " precedes the last status move (" + from + " on " +
               to_string(r.status_on) + ")";
    if (m.to == Status::won && !m.value && !r.deal_value) return "won needs a deal value (--value)";
    return {};
}

MoveResult advance(const Referral& r, const Move& m)
{
    if (std::string why = refusal_of(r, m); !why.empty()) return {std::nullopt, why};
    Referral after = r;
    if (m.value) after.deal_value = m.value;
    after.status = m.to;
    after.status_on = m.on;
    if (m.to == Status::lost) {
        after.lost_on = m.on;
        after.lost_reason = m.reason || r.status != Status::lost ? m.reason : r.lost_reason;
        after.won_on.reset(); // stages reached before stay reached
        return {after, {}};
    }
    after.lost_on.reset();
    after.lost_reason.reset();
    for (Status s : {Status::contacted, Status::meeting, Status::qualified, Status::won}) {
        std::optional<Date>& slot = *stage_slot(after, s);
        if (rank(s) < rank(m.to) && !slot) slot = m.on; // skipped stages take the move's date
        else if (s == m.to) slot = m.on;
        else if (rank(s) > rank(m.to)) slot.reset();
    }
    return {after, {}};
}

std::optional<PriorReferral> attribution_conflict(std::span<const PriorReferral> prior, Date submitted_on,
                                                  int attribution_days)
{
    std::optional<PriorReferral> first;
    for (const PriorReferral& p : prior) {
        if (std::abs(submitted_on - p.submitted_on) >= attribution_days) continue;
        if (!first || p.submitted_on < first->submitted_on || (p.submitted_on == first->submitted_on && p.id < first->id))
            first = p;
    }
    return first;
}

std::string attribution_refusal(std::string_view referee_email, const PriorReferral& first, int attribution_days)
{
    return std::string(referee_email) + " was already referred by " + first.referrer + " on " +
           to_string(first.submitted_on) + " (referral " + std::to_string(first.id) + "); the first referral within " +
           std::to_string(attribution_days) + " days wins";
}

std::string email_domain(std::string_view email)
{
    size_t at = email.rfind('@');
    if (at == std::string_view::npos) return {};
    return ascii_lower(trim(email.substr(at + 1)));
}

bool is_free_mail_domain(std::string_view domain)
{
    static constexpr std::string_view k_free[] = {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com",
        "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "icloud.com", "me.com", "mac.com",
        "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.de", "gmx.net", "gmx.com", "web.de",
        "t-online.de", "mail.com", "zoho.com", "yandex.com", "yandex.ru", "mail.ru", "fastmail.com",
        "hey.com", "tutanota.com", "orange.fr", "free.fr", "laposte.net", "libero.it", "qq.com", "163.com",
    };
    std::string d = ascii_lower(trim(domain));
    return std::ranges::find(k_free, d) != std::end(k_free);
}

std::optional<std::string> colleague_reason(const std::optional<std::string>& referee_email,
                                            const std::optional<std::string>& referee_company,
                                            const std::optional<std::string>& person_email,
                                            const std::optional<std::string>& person_company)
{
    if (referee_company && person_company) {
        std::string a = ascii_lower(trim(*referee_company)), b = ascii_lower(trim(*person_company));
        if (!a.empty() && a == b) return "same company \"" + *person_company + "\"";
    }
    if (referee_email && person_email) {
        std::string a = email_domain(*referee_email), b = email_domain(*person_email);
        if (!a.empty() && a == b && !is_free_mail_domain(a)) return "same email domain " + a;
    }
    return std::nullopt;
}

} // namespace refer
