#include "refer/domain/report.h"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

namespace refer {

namespace {

std::optional<int> whole_number(std::string_view text)
{
    int value = 0;
    if (text.empty() || text.size() > 4) return std::nullopt;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

Date last_day_of_month(int year, unsigned month)
{
    return month == 12 ? Date::from_ymd(year + 1, 1, 1) - 1 : Date::from_ymd(year, month + 1, 1) - 1;
}

ReportPeriod months(int year, unsigned first_month, unsigned count, std::string label)
{
    unsigned last = first_month + count - 1;
    return {Date::from_ymd(year, first_month, 1), last_day_of_month(year, last), std::move(label)};
}

} // namespace

std::optional<ReportPeriod> parse_month_period(std::string_view text)
{
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    auto year = whole_number(text.substr(0, 4));
    auto month = whole_number(text.substr(5, 2));
    if (!year || *year < 1 || !month || *month < 1 || *month > 12) return std::nullopt;
    return months(*year, unsigned(*month), 1, std::string(text));
}

std::optional<ReportPeriod> parse_quarter_period(std::string_view text)
{
    if (text.size() != 7 || text[4] != '-' || (text[5] != 'Q' && text[5] != 'q')) return std::nullopt;
    auto year = whole_number(text.substr(0, 4));
    auto quarter = whole_number(text.substr(6, 1));
    if (!year || *year < 1 || !quarter || *quarter < 1 || *quarter > 4) return std::nullopt;
    return months(*year, unsigned(*quarter) * 3 - 2, 3, fmt::format("{:04}-Q{}", *year, *quarter));
}

std::optional<ReportPeriod> parse_year_period(std::string_view text)
{
    auto year = text.size() == 4 ? whole_number(text) : std::nullopt;
    if (!year || *year < 1) return std::nullopt;
    return months(*year, 1, 12, std::string(text));
}

ReportPeriod range_period(Date from, Date to)
{
    return {from, to, to_string(from) + ".." + to_string(to)};
}

ReportPeriod default_period(Date today)
{
    Date first_of_this_month = Date::from_ymd(today.year(), today.month(), 1);
    Date last_month = first_of_this_month - 1;
    return months(last_month.year(), last_month.month(), 1, to_string(last_month).substr(0, 7));
}

std::array<TrendMonth, 6> trend_months(const ReportPeriod& period)
{
    std::array<TrendMonth, 6> trend;
    int year = period.to.year();
    int month = int(period.to.month());
    for (int i = 5; i >= 0; --i) {
        Date from = Date::from_ymd(year, unsigned(month), 1);
        Date to = std::min(last_day_of_month(year, unsigned(month)), period.to);
        trend[std::size_t(i)] = {to_string(from).substr(0, 7), from, to};
        if (--month == 0) month = 12, --year;
    }
    return trend;
}

std::optional<double> fraction(std::int64_t part, std::int64_t whole)
{
    if (whole == 0) return std::nullopt;
    return double(part) / double(whole);
}

std::optional<double> median(std::vector<int> values)
{
    if (values.empty()) return std::nullopt;
    auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1) return double(*middle);
    int below = *std::max_element(values.begin(), middle);
    return (double(below) + double(*middle)) / 2;
}

std::optional<Cents> average_cents(Cents sum, std::int64_t count)
{
    if (count == 0) return std::nullopt;
    Cents quotient = sum / count, remainder = sum % count;
    // Half away from zero: compare twice the remainder with the divisor, both as magnitudes.
    if (2 * (remainder < 0 ? -remainder : remainder) >= count) quotient += sum < 0 ? -1 : 1;
    return quotient;
}

bool target_met(std::optional<double> value, std::optional<double> min, std::optional<double> max)
{
    return value && (!min || *value >= *min) && (!max || *value <= *max);
}

static Report::Referrals referral_numbers(const ReportFacts& f)
{
    Report::Referrals r;
    r.submitted = f.cohort.submitted;
    r.contacted = f.cohort.contacted;
    r.not_contacted = f.cohort.submitted - f.cohort.contacted;
    r.contacted_within_sla = f.cohort.contacted_within_sla;
    r.meetings = f.cohort.meetings;
    r.meeting_rate = fraction(f.cohort.meetings, f.cohort.submitted);
    r.won = f.won;
    r.lost = f.lost;
    r.close_rate = fraction(f.won, f.won + f.lost);
    r.won_value = f.won_value;
    r.median_days_to_close = median(f.days_to_close);
    r.cohort_won = f.cohort.won;
    return r;
}

static Report::Revenue revenue_numbers(const ReportFacts& f)
{
    const auto& referral = f.new_referral_clients;
    const auto& other = f.new_other_clients;
    Report::Revenue r;
    r.new_clients = referral.count + other.count;
    r.new_clients_referral = referral.count;
    r.new_revenue = referral.revenue + other.revenue;
    r.referral_revenue = referral.revenue;
    if (r.new_revenue != 0) r.referral_revenue_share = double(r.referral_revenue) / double(r.new_revenue);
    r.avg_deal_referral = average_cents(referral.revenue, referral.with_value);
    r.avg_deal_other = average_cents(other.revenue, other.with_value);
    if (referral.with_value > 0 && other.with_value > 0 && other.revenue != 0) {
        // The ratio of the exact averages, not of the rounded cents.
        double referral_average = double(referral.revenue) / double(referral.with_value);
        double other_average = double(other.revenue) / double(other.with_value);
        r.deal_size_ratio = referral_average / other_average;
    }
    return r;
}

// One row per name with any activity, in the names' order.
template <std::size_t N>
static std::vector<Report::ActivityRow> activity_rows(const std::array<ReportFacts::Activity, N>& activity,
                                                      const std::array<std::string_view, N>& names)
{
    std::vector<Report::ActivityRow> rows;
    for (std::size_t i = 0; i < N; ++i) {
        const auto& a = activity[i];
        if (a.submitted == 0 && a.won == 0 && a.lost == 0) continue;
        rows.push_back({std::string(names[i]), a.submitted, a.won, a.lost, fraction(a.won, a.won + a.lost)});
    }
    return rows;
}

static Report::Nps nps_numbers(const ReportFacts& f)
{
    Report::Nps n{f.nps_promoters + f.nps_passives + f.nps_detractors, f.nps_promoters, f.nps_passives,
                  f.nps_detractors, std::nullopt};
    if (n.responses > 0) n.score = double(100 * (n.promoters - n.detractors)) / double(n.responses);
    return n;
}

static std::vector<Report::TargetRow> target_rows(const Report& r, const Program& program)
{
    std::vector<Report::TargetRow> rows;
    for (const Target& t : program.targets) {
        std::optional<double> value;
        if (t.metric == "close_rate") value = r.referrals.close_rate;
        else if (t.metric == "referral_revenue_share") value = r.revenue.referral_revenue_share;
        else if (t.metric == "participation") value = r.participation.rate;
        rows.push_back({t.metric, value, t.min, t.max, target_met(value, t.min, t.max)});
    }
    return rows;
}

Report make_report(const ReportPeriod& period, Date today, const Program& program, ReportFacts facts)
{
    Report r;
    r.period = period;
    r.today = today;
    r.currency = program.currency;
    r.referrals = referral_numbers(facts);
    r.revenue = revenue_numbers(facts);
    r.participation = {facts.eligible, facts.referrers, fraction(facts.referrers, facts.eligible)};
    r.by_source = activity_rows(facts.by_source, k_referral_sources);
    r.by_fit = activity_rows(facts.by_fit, k_fit_bands);
    r.top_referrers = std::move(facts.top_referrers);
    r.payouts = {facts.payouts_earned, facts.payouts_paid, facts.payouts_outstanding, facts.payouts_overdue};
    r.nps = nps_numbers(facts);
    auto months = trend_months(period);
    for (std::size_t i = 0; i < months.size(); ++i)
        r.trend.push_back({months[i].month, facts.trend[i].submitted, facts.trend[i].won, facts.trend[i].won_value});
    r.targets = target_rows(r, program);
    r.attention = {std::move(facts.uncontacted_overdue), facts.payouts_overdue, std::move(facts.stale_open)};
    return r;
}

} // namespace refer
