#pragma once
// The monthly report (SPEC 8, 12): its period, the facts read from the ledger, and the
// numbers derived from them. Pure: storage gathers `ReportFacts`, `make_report` turns them
// into the `Report` every format renders.
#include "refer/domain/date.h"
#include "refer/domain/money.h"
#include "refer/domain/program.h"
#include "refer/domain/referral.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refer {

struct ReportPeriod {
    Date from, to;     // both included
    std::string label; // YYYY-MM, YYYY-Qn, YYYY or FROM..TO

    bool operator==(const ReportPeriod&) const = default;
};

// `2026-10`, `2026-Q4`, `2026`: none when the text is not one.
std::optional<ReportPeriod> parse_month_period(std::string_view text);
std::optional<ReportPeriod> parse_quarter_period(std::string_view text);
std::optional<ReportPeriod> parse_year_period(std::string_view text);
ReportPeriod range_period(Date from, Date to); // label FROM..TO
// The last complete calendar month before `today`.
ReportPeriod default_period(Date today);

// The six months of the trend, ending with the period's last month; the last one stops at
// the period's end.
struct TrendMonth {
    std::string month; // YYYY-MM
    Date from, to;
};
std::array<TrendMonth, 6> trend_months(const ReportPeriod& period);

inline constexpr std::size_t k_source_count = std::size(k_referral_sources);
inline constexpr std::size_t k_fit_band_count = std::size(k_fit_bands);

// What the ledger holds about a period, as counts and sums; no derived number.
struct ReportFacts {
    struct Cohort { // referrals submitted in the period
        std::int64_t submitted = 0, contacted = 0, contacted_within_sla = 0, meetings = 0;
        std::int64_t won = 0; // by the period's end: the funnel's last step (not in SPEC 8's JSON)
    };
    struct Activity { // of a source or a fit band
        std::int64_t submitted = 0, won = 0, lost = 0;
    };
    struct NewClients { // people of kind client who started in the period
        std::int64_t count = 0;
        std::int64_t with_value = 0; // of them, those with an annual value
        Cents revenue = 0;
    };
    struct Referrer {
        std::optional<std::string> email, name;
        std::int64_t submitted = 0, won = 0;
        Cents won_value = 0;
    };
    struct Month {
        std::int64_t submitted = 0, won = 0;
        Cents won_value = 0;
    };

    Cohort cohort;
    std::int64_t won = 0, lost = 0;
    Cents won_value = 0;
    std::vector<int> days_to_close;                 // won_on - submitted_on of each won referral
    std::array<Activity, k_source_count> by_source; // in k_referral_sources order
    std::array<Activity, k_fit_band_count> by_fit;  // in FitBand order, by the threshold on the submission day
    NewClients new_referral_clients, new_other_clients;
    std::int64_t eligible = 0, referrers = 0;
    std::vector<Referrer> top_referrers; // already ordered and cut to --top
    Cents payouts_earned = 0, payouts_paid = 0, payouts_outstanding = 0;
    std::int64_t payouts_overdue = 0;
    std::int64_t nps_promoters = 0, nps_passives = 0, nps_detractors = 0;
    std::array<Month, 6> trend; // in trend_months order
    std::vector<long long> uncontacted_overdue, stale_open;
};

// The numbers of SPEC 8; rates are fractions, none where SPEC 8 says null.
struct Report {
    struct Referrals {
        std::int64_t submitted = 0, contacted = 0, not_contacted = 0, contacted_within_sla = 0, meetings = 0;
        std::optional<double> meeting_rate;
        std::int64_t won = 0, lost = 0;
        std::optional<double> close_rate;
        Cents won_value = 0;
        std::optional<double> median_days_to_close;
        std::int64_t cohort_won = 0; // of the submitted, won by the period's end (the HTML funnel)
    };
    struct Revenue {
        std::int64_t new_clients = 0, new_clients_referral = 0;
        Cents new_revenue = 0, referral_revenue = 0;
        std::optional<double> referral_revenue_share;
        std::optional<Cents> avg_deal_referral, avg_deal_other;
        std::optional<double> deal_size_ratio;
    };
    struct Participation {
        std::int64_t eligible = 0, referrers = 0;
        std::optional<double> rate;
    };
    struct ActivityRow { // by_source (name: the source) and by_fit (name: the band)
        std::string name;
        std::int64_t submitted = 0, won = 0, lost = 0;
        std::optional<double> close_rate;
    };
    struct Payouts {
        Cents earned = 0, paid = 0, outstanding = 0;
        std::int64_t overdue = 0;
    };
    struct Nps {
        std::int64_t responses = 0, promoters = 0, passives = 0, detractors = 0;
        std::optional<double> score;
    };
    struct TrendRow {
        std::string month;
        std::int64_t submitted = 0, won = 0;
        Cents won_value = 0;
    };
    struct TargetRow {
        std::string metric;
        std::optional<double> value, min, max;
        bool met = false; // a value within both bounds; false without a value
    };
    struct Attention {
        std::vector<long long> uncontacted_overdue;
        std::int64_t payouts_overdue = 0;
        std::vector<long long> stale_open;
    };

    ReportPeriod period;
    Date today;
    std::string currency;
    Referrals referrals;
    Revenue revenue;
    Participation participation;
    std::vector<ActivityRow> by_source, by_fit;
    std::vector<ReportFacts::Referrer> top_referrers;
    Payouts payouts;
    Nps nps;
    std::vector<TrendRow> trend;
    std::vector<TargetRow> targets;
    Attention attention;
};

// `program` is the version in force on the period's last day (currency, targets).
Report make_report(const ReportPeriod& period, Date today, const Program& program, ReportFacts facts);

// Pure helpers, exposed for their tests.
std::optional<double> fraction(std::int64_t part, std::int64_t whole); // none when whole is 0
std::optional<double> median(std::vector<int> values);                // none when empty
// `sum / count` rounded half away from zero to the cent; none when count is 0.
std::optional<Cents> average_cents(Cents sum, std::int64_t count);
bool target_met(std::optional<double> value, std::optional<double> min, std::optional<double> max);

} // namespace refer
