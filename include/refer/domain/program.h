#pragma once
// The incentive program (SPEC 7, 12): every setting the rules read, with the built-in
// defaults, and the rewards. A program file is loaded as a new, effective-dated version;
// versions are never edited. Pure: no I/O.
#include "refer/domain/date.h"
#include "refer/domain/money.h"
#include "refer/domain/nps.h"
#include "refer/domain/referral.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace refer {

enum class RewardKind { cash, credit, discount, donation, gift, recognition };
enum class Beneficiary { referrer, referee };
enum class CountWindow { calendar_year, all_time };

inline constexpr std::string_view k_reward_kinds[] = {"cash", "credit", "discount", "donation", "gift", "recognition"};

std::string_view to_string(RewardKind kind);
std::optional<RewardKind> parse_reward_kind(std::string_view text);
std::string_view to_string(Beneficiary beneficiary);
std::optional<Beneficiary> parse_beneficiary(std::string_view text);
std::string_view to_string(CountWindow window);
std::optional<CountWindow> parse_count_window(std::string_view text);

// Cash and credit count towards `referrer_cap_per_year`; other kinds are never capped.
bool is_capped_kind(RewardKind kind);

// A percentage as an exact decimal: 7.5% is {75, 1}. Never a double.
struct Percent {
    std::int64_t units = 0; // the digits, without the decimal point
    int decimals = 0;       // how many of them follow the point (at most 6)

    auto operator<=>(const Percent&) const = default;
};

// `percent` of `base` cents, rounded half away from zero to the cent (exact integer arithmetic).
Cents apply_percent(Cents base, Percent percent);
// `10`, `7.5`: as the program file wrote it.
std::string to_string(Percent percent);

struct Tier {
    int from = 1;     // the referrer's n-th won referral in the count window, from this n on
    Cents amount = 0;

    bool operator==(const Tier&) const = default;
};

struct Reward {
    std::string name;
    Status on = Status::won; // reaching this status earns it; never lost
    Beneficiary to = Beneficiary::referrer;
    RewardKind kind = RewardKind::cash;
    // Exactly one of amount, percent, tiers.
    std::optional<Cents> amount;
    std::optional<Percent> percent;
    std::optional<Cents> min, max; // clamp a percent
    std::vector<Tier> tiers;       // ascending `from`
    CountWindow count_window = CountWindow::calendar_year;
    std::optional<int> at_count;            // only the referrer's n-th won referral in the window
    std::vector<std::string> referrer_kinds; // empty: every kind

    bool operator==(const Reward&) const = default;
};

// A report target (SPEC 8): a rate between min and max; a missing bound is open.
struct Target {
    std::string metric;
    std::optional<double> min, max;

    bool operator==(const Target&) const = default;
};

inline constexpr std::string_view k_target_metrics[] = {"close_rate", "referral_revenue_share", "participation"};

// Every setting, defaulted as SPEC 7 says.
struct Program {
    std::string name = "built-in default";
    std::string currency = "USD";
    int payout_delay_days = 30;
    int contact_sla_days = 2;
    int priority_fit_score = 6;
    int priority_contact_sla_days = 0;
    int attribution_days = 365;
    int min_tenure_days = 90;
    int ask_cadence_days = 90;
    int top_referrer_cadence_days = 60;
    int max_unanswered_asks = 3;
    int promoter_min_score = 9;
    int nps_window_days = 365;
    std::optional<Cents> referrer_cap_per_year;
    std::optional<Cents> min_payout;
    std::vector<Reward> rewards;
    std::vector<Target> targets; // SPEC 8 defaults unless the file has [targets]

    bool operator==(const Program&) const = default;
};

// The NPS segment rules of `tag promoters` (SPEC 6) under this program.
NpsRules nps_rules(const Program& program);

// The settings above with no rewards and the report's default targets: what a program
// file starts from before its own keys.
Program program_defaults();

// The built-in program that judges while no program was ever loaded: $100 cash at
// meeting ("discovery call thanks"), 10% of the deal value capped at $2,000 at won
// ("signing bonus"), due 30 days later.
Program builtin_program();

// One loaded version of a program.
struct ProgramVersion {
    long long id = 0;                  // load order; 0 for the built-in default
    std::optional<Date> effective_on;  // none: from the beginning of time
    Program program;
    std::string loaded_at;             // ISO 8601 UTC
    std::string sha256;                // of the file's text
};

// Every version ever loaded, in load order; judges as SPEC 12 says.
class ProgramBook {
public:
    explicit ProgramBook(std::vector<ProgramVersion> versions);

    // The version in force on `day`: the latest effective date not after it (ties: the
    // later load); before every version, the earliest; the built-in default when none was
    // ever loaded.
    const ProgramVersion& in_force(Date day) const;
    bool empty() const { return m_versions.empty(); }
    std::span<const ProgramVersion> versions() const { return m_versions; }

private:
    std::vector<ProgramVersion> m_versions;
    ProgramVersion m_builtin;
};

// How a payout's explanation names its version: `program v2 "2026 referral program"`,
// or `built-in default program`.
std::string version_label(const ProgramVersion& version);

} // namespace refer
