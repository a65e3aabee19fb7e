#pragma once
// Referrals and the pipeline rules of SPEC 4 and 12: the state machine, the date checks,
// first-referral-wins attribution and the colleague warning. Pure: no I/O.
#include "refer/domain/date.h"
#include "refer/domain/money.h"
#include "refer/domain/person.h"

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace refer {

// Pipeline order; `lost` stands apart from it.
enum class Status { submitted, contacted, meeting, qualified, won, lost };

inline constexpr Status k_statuses[] = {Status::submitted, Status::contacted, Status::meeting,
                                        Status::qualified, Status::won, Status::lost};
// Their names, in the same order: what messages and the command line list.
inline constexpr std::string_view k_status_names[] = {"submitted", "contacted", "meeting", "qualified", "won", "lost"};
// A referral comes from a referrer of some kind, or from elsewhere.
inline constexpr auto k_referral_sources = [] {
    std::array<std::string_view, std::size(k_person_kinds) + 1> sources{};
    std::ranges::copy(k_person_kinds, sources.begin());
    sources.back() = "other";
    return sources;
}();

std::string_view to_string(Status status);
std::optional<Status> parse_status(std::string_view text); // exact lowercase name
bool is_terminal(Status status);                           // won or lost
bool is_referral_source(std::string_view source);

// How well a referral fits (SPEC 4, "Referral fit"): a rubric of four parts, each unset
// until scored. The score is their sum, 0-10; unset parts count 0; a referral with no part
// set is unscored.
struct Fit {
    std::optional<int> industry; // industry match, 0-3
    std::optional<int> role;     // role relevance, 0-3
    std::optional<int> size;     // company-size alignment, 0-2
    std::optional<bool> urgency; // an urgency signal: +2

    bool operator==(const Fit&) const = default;
};
inline constexpr int k_fit_industry_max = 3, k_fit_role_max = 3, k_fit_size_max = 2, k_fit_urgency_points = 2;

std::optional<int> fit_score(const Fit& fit); // nullopt when unscored
// Priority: scored at least `priority_fit_score` (the program's in force on the submission day).
bool is_priority(const Fit& fit, int priority_fit_score);

// The report's bands (SPEC 4, 8): priority, scored below the threshold, or never scored.
enum class FitBand { priority, standard, unscored };
inline constexpr std::array<std::string_view, 3> k_fit_bands = {"priority", "standard", "unscored"}; // FitBand order
FitBand fit_band(const Fit& fit, int priority_fit_score);

struct Referral {
    long long referrer_id = 0;
    std::optional<std::string> referee_name;
    std::optional<std::string> referee_email; // normalised
    std::optional<std::string> referee_company;
    std::string source = "client";
    Date submitted_on;
    Status status = Status::submitted;
    Date status_on;
    std::optional<Date> contacted_on, meeting_on, qualified_on, won_on, lost_on;
    std::optional<std::string> lost_reason;
    std::optional<Cents> deal_value;
    bool consent = false;
    std::optional<std::string> note;
    Fit fit;

    bool operator==(const Referral&) const = default;
};

// A referral in the ledger: its id, and its referrer as the rules and listings need them.
// A deal value as set on a business day (SPEC 2: the event's `on`); none when cleared.
struct DealValueChange {
    Date on;
    std::optional<Cents> value;
};

struct StoredReferral {
    long long id = 0;
    Referral referral;
    std::optional<std::string> referrer_email;
    std::string referrer;              // how the referrer is named: email, else ext:ID
    std::string referrer_kind = "client"; // the referrer's current kind (reward filters)
    // Its deal value as set over time, oldest first: read only where a percent reward on a
    // stage before won needs it (SPEC 12); empty otherwise.
    std::vector<DealValueChange> deal_values;
};

// The deal value set on or before `day` (SPEC 12: "set at that time"): the latest change
// dated `day` or earlier, none before the first. Without a history, the current value.
std::optional<Cents> deal_value_on(const StoredReferral& referral, Date day);

// A fresh referral: submitted on `on`, status date the same.
Referral new_referral(long long referrer_id, Date on);

// The date a stage was reached; `submitted` is the submission date. Unset: not reached.
std::optional<Date> stage_date(const Referral& referral, Status stage);

struct Move {
    Status to = Status::submitted;
    Date on;
    std::optional<Cents> value;        // sets the (expected) deal value on any move
    std::optional<std::string> reason; // lost only
    bool force = false;
};

struct MoveResult {
    std::optional<Referral> after; // set when the move is allowed
    std::string refusal;           // why not, otherwise
};

// The state machine. Forward moves fill skipped stages with the move's date; `lost` is
// reachable from any open state; backwards, same-status and out-of-won/lost moves need
// `force`, which keeps earlier stage dates, clears later ones and dates the target.
// The submission date is a fact of the referral and is never moved.
MoveResult advance(const Referral& referral, const Move& move);

// A referral of the same referee already in the ledger.
struct PriorReferral {
    long long id = 0;
    std::string referrer; // how the referrer is named
    Date submitted_on;
};

// First referral wins: the earliest prior referral less than `attribution_days` (the
// program's, in force on `submitted_on`) away from `submitted_on` (either side: a
// backdated submission does not steal attribution).
std::optional<PriorReferral> attribution_conflict(std::span<const PriorReferral> prior, Date submitted_on,
                                                  int attribution_days);
// Why a submission loses to `first` (from attribution_conflict): names the earlier referral,
// its referrer and date. `submit` and `import referrals` refuse with it.
std::string attribution_refusal(std::string_view referee_email, const PriorReferral& first, int attribution_days);

// The part after `@`, lowercased; empty when there is none.
std::string email_domain(std::string_view email);
// Webmail domains (gmail.com ...) say nothing about where someone works.
bool is_free_mail_domain(std::string_view domain);

// Why a referee looks like a colleague of an existing person, or nothing: same company
// (case-insensitive, trimmed) or same non-free-mail email domain.
std::optional<std::string> colleague_reason(const std::optional<std::string>& referee_email,
                                            const std::optional<std::string>& referee_company,
                                            const std::optional<std::string>& person_email,
                                            const std::optional<std::string>& person_company);

} // namespace refer
