#include "refer/domain/program.h"

#include <algorithm>
#include <climits>

namespace refer {

std::string_view to_string(RewardKind kind) { return k_reward_kinds[static_cast<int>(kind)]; }

std::optional<RewardKind> parse_reward_kind(std::string_view text)
{
    for (size_t i = 0; i < std::size(k_reward_kinds); ++i)
        if (k_reward_kinds[i] == text) return static_cast<RewardKind>(i);
    return std::nullopt;
}

std::string_view to_string(Beneficiary beneficiary)
{
    return beneficiary == Beneficiary::referrer ? "referrer" : "referee";
}

std::optional<Beneficiary> parse_beneficiary(std::string_view text)
{
    if (text == "referrer") return Beneficiary::referrer;
    if (text == "referee") return Beneficiary::referee;
    return std::nullopt;
}

std::string_view to_string(CountWindow window)
{
    return window == CountWindow::calendar_year ? "calendar-year" : "all-time";
}

std::optional<CountWindow> parse_count_window(std::string_view text)
{
    if (text == "calendar-year") return CountWindow::calendar_year;
    if (text == "all-time") return CountWindow::all_time;
    return std::nullopt;
}

bool is_capped_kind(RewardKind kind) { return kind == RewardKind::cash || kind == RewardKind::credit; }

Cents apply_percent(Cents base, Percent percent)
{
    // base * units / (100 * 10^decimals), the remainder rounded half away from zero.
    __int128 divisor = 100;
    for (int i = 0; i < percent.decimals; ++i) divisor *= 10;
    __int128 product = static_cast<__int128>(base) * percent.units;
    __int128 q = product / divisor, r = product % divisor;
    if (r < 0) r = -r;
    if (r * 2 >= divisor) q += product < 0 ? -1 : 1;
    return static_cast<Cents>(q);
}

std::string to_string(Percent percent)
{
    std::string digits = std::to_string(percent.units < 0 ? -percent.units : percent.units);
    if (percent.decimals > 0) {
        if (digits.size() <= static_cast<size_t>(percent.decimals))
            digits.insert(0, static_cast<size_t>(percent.decimals) + 1 - digits.size(), '0');
        // One char, not "." (GCC 12 at -O3 warns -Wrestrict, a false positive, on that insert).
        digits.insert(digits.size() - static_cast<size_t>(percent.decimals), 1, '.');
        while (digits.back() == '0') digits.pop_back();
        if (digits.back() == '.') digits.pop_back();
    }
    return (percent.units < 0 ? "-" : "") + digits;
}

NpsRules nps_rules(const Program& program) { return NpsRules{program.promoter_min_score, program.nps_window_days}; }

Program program_defaults()
{
    Program p;
    p.targets = {{"close_rate", 0.40, 0.60}, {"referral_revenue_share", 0.20, 0.40}, {"participation", 0.15, std::nullopt}};
    return p;
}

Program builtin_program()
{
    Program p = program_defaults();
    Reward thanks;
    thanks.name = "discovery call thanks";
    thanks.on = Status::meeting;
    thanks.amount = 100'00;
    Reward bonus;
    bonus.name = "signing bonus";
    bonus.on = Status::won;
    bonus.percent = Percent{10, 0};
    bonus.max = 2'000'00;
    p.rewards = {thanks, bonus};
    return p;
}

ProgramBook::ProgramBook(std::vector<ProgramVersion> versions) : m_versions(std::move(versions))
{
    m_builtin.program = builtin_program();
}

const ProgramVersion& ProgramBook::in_force(Date day) const
{
    if (m_versions.empty()) return m_builtin;
    // Latest effective date not after `day`, ties to the later load (versions are in load
    // order, so the last one seen wins). No effective date: the beginning of time.
    const ProgramVersion* best = nullptr;
    for (const ProgramVersion& v : m_versions) {
        if (v.effective_on && *v.effective_on > day) continue;
        if (!best || v.effective_on.value_or(Date{INT32_MIN}) >= best->effective_on.value_or(Date{INT32_MIN})) best = &v;
    }
    if (best) return *best;
    // Older than every version: the earliest (ties: the later load, as above).
    const ProgramVersion* earliest = &m_versions.front();
    for (const ProgramVersion& v : m_versions)
        if (v.effective_on.value_or(Date{INT32_MIN}) <= earliest->effective_on.value_or(Date{INT32_MIN})) earliest = &v;
    return *earliest;
}

std::string version_label(const ProgramVersion& version)
{
    if (version.id == 0) return "built-in default program";
    return "program v" + std::to_string(version.id) + " \"" + version.program.name + "\"";
}

} // namespace refer
