// The report for eyes: a terminal table and Markdown for a board update. Both are built
// from the same sections; only the last step differs.
#include "refer/render/report.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace refer {

namespace {

struct Line {
    std::string label, value;
    std::string detail = {}; // after the value, unaligned
};

// A section is label/value lines, a listing or a chart (lines first).
struct Section {
    std::string title, note;
    std::vector<Line> lines;
    Listing listing;
    std::string empty_text;         // when the listing is empty
    std::vector<std::string> chart = {}; // preformatted lines, monospaced
    bool results = false;           // the listing's last column says met or missed
};

std::string count_text(std::int64_t n) { return std::to_string(n); }

std::string days_text(std::optional<double> days)
{
    if (!days) return "-";
    return *days == std::floor(*days) ? fmt::format("{:.0f}", *days) : fmt::format("{:.1f}", *days);
}

std::string money_text(std::optional<Cents> cents, const TableStyle& style)
{
    return cents ? format_money(*cents, style.currency_symbol) : "-";
}

std::string ratio_text(std::optional<double> ratio) { return ratio ? fmt::format("{:.2f}x", *ratio) : "-"; }

// The first referral ids of a list, for a person to look up with `refer show`.
std::string ids_text(const std::vector<long long>& ids)
{
    if (ids.empty()) return "";
    constexpr std::size_t shown = 10;
    std::string out = ids.size() == 1 ? "referral" : "referrals";
    for (std::size_t i = 0; i < ids.size() && i < shown; ++i) out += fmt::format(" {}", ids[i]);
    if (ids.size() > shown) out += fmt::format(" ... and {} more", ids.size() - shown);
    return out;
}

Section referrals_section(const Report& r, const TableStyle& style)
{
    const auto& x = r.referrals;
    return {"Referrals",
            "submitted in the period; won and lost: closed in the period, any cohort",
            {{"Submitted", count_text(x.submitted)},
             {"Contacted", count_text(x.contacted)},
             {"Not contacted", count_text(x.not_contacted)},
             {"Contacted within SLA", count_text(x.contacted_within_sla)},
             {"Meetings", count_text(x.meetings)},
             {"Meeting rate", percent_text(x.meeting_rate)},
             {"Won", count_text(x.won)},
             {"Lost", count_text(x.lost)},
             {"Close rate", percent_text(x.close_rate)},
             {"Won value", money_text(x.won_value, style)},
             {"Median days to close", days_text(x.median_days_to_close)}},
            {},
            ""};
}

Section revenue_section(const Report& r, const TableStyle& style)
{
    const auto& x = r.revenue;
    return {"Revenue",
            "clients who started in the period",
            {{"New clients", count_text(x.new_clients)},
             {"from referrals", count_text(x.new_clients_referral)},
             {"New revenue", money_text(x.new_revenue, style)},
             {"Referral revenue", money_text(x.referral_revenue, style)},
             {"Referral revenue share", percent_text(x.referral_revenue_share)},
             {"Average deal, referred", money_text(x.avg_deal_referral, style)},
             {"Average deal, other", money_text(x.avg_deal_other, style)},
             {"Deal size ratio", ratio_text(x.deal_size_ratio)}},
            {},
            ""};
}

Section participation_section(const Report& r)
{
    const auto& x = r.participation;
    return {"Participation",
            "clients at the period's end who referred in the 365 days before",
            {{"Eligible clients", count_text(x.eligible)},
             {"Referrers", count_text(x.referrers)},
             {"Participation rate", percent_text(x.rate)}},
            {},
            ""};
}

// By source and by fit: `what` names the first column.
Section activity_section(std::string heading, std::string note, const char* what,
                         const std::vector<Report::ActivityRow>& rows)
{
    Section s{std::move(heading), std::move(note), {}, {{what, "submitted", "won", "lost", "close rate"}, {}}, "No activity."};
    for (const auto& row : rows)
        s.listing.rows.push_back({row.name, row.submitted, row.won, row.lost, percent_text(row.close_rate)});
    return s;
}

Section top_referrers_section(const Report& r)
{
    Section s{"Top referrers", "", {}, {{"email", "name", "submitted", "won", "won value"}, {}}, "Nobody referred."};
    auto text = [](const std::optional<std::string>& v) -> Cell { return v ? Cell(*v) : Cell(); };
    for (const auto& t : r.top_referrers)
        s.listing.rows.push_back({text(t.email), text(t.name), t.submitted, t.won, Money{t.won_value}});
    return s;
}

Section payouts_section(const Report& r, const TableStyle& style)
{
    const auto& x = r.payouts;
    return {"Payouts",
            "earned and paid in the period; outstanding and overdue as of today",
            {{"Earned", money_text(x.earned, style)},
             {"Paid", money_text(x.paid, style)},
             {"Outstanding", money_text(x.outstanding, style)},
             {"Overdue payouts", count_text(x.overdue)}},
            {},
            ""};
}

Section nps_section(const Report& r)
{
    const auto& x = r.nps;
    return {"NPS",
            "responses in the period",
            {{"Responses", count_text(x.responses)},
             {"Promoters", count_text(x.promoters)},
             {"Passives", count_text(x.passives)},
             {"Detractors", count_text(x.detractors)},
             {"Score", x.score ? fmt::format("{:.1f}", *x.score) : "-"}},
            {},
            ""};
}

Section targets_section(const Report& r)
{
    Section s{"Targets", "", {}, {{"metric", "value", "target", "result"}, {}}, "No targets.", {}, true};
    for (const auto& t : r.targets) {
        std::string range = t.min && t.max ? percent_text(t.min) + " to " + percent_text(t.max)
                            : t.min        ? "at least " + percent_text(t.min)
                            : t.max        ? "at most " + percent_text(t.max)
                                           : "any";
        s.listing.rows.push_back({t.metric, percent_text(t.value), range, std::string(t.met ? "met" : "missed")});
    }
    return s;
}

Section attention_section(const Report& r)
{
    const auto& x = r.attention;
    return {"Attention",
            "as of today",
            {{"Uncontacted, past the SLA", count_text(std::int64_t(x.uncontacted_overdue.size())), ids_text(x.uncontacted_overdue)},
             {"Payouts overdue", count_text(x.payouts_overdue)},
             {"Stale open referrals", count_text(std::int64_t(x.stale_open.size())), ids_text(x.stale_open)}},
            {},
            ""};
}

// Submitted per month as bars, with the month's won and won value beside them.
std::vector<std::string> trend_lines(const Report& r, const TableStyle& style, bool utf8)
{
    constexpr int width = 30;
    std::int64_t most = 0;
    for (const auto& m : r.trend) most = std::max(most, m.submitted);
    std::vector<std::string> money;
    std::size_t money_width = 0;
    for (const auto& m : r.trend) {
        money.push_back(format_money(m.won_value, style.currency_symbol));
        money_width = std::max(money_width, display_width(money.back()));
    }
    std::size_t count_width = std::to_string(most).size();
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < r.trend.size(); ++i) {
        const auto& m = r.trend[i];
        std::string drawn = bar(m.submitted, most, width, utf8);
        drawn += std::string(std::size_t(width) - display_width(drawn), ' ');
        lines.push_back(fmt::format("{}  {}  {:>{}} submitted  {:>3} won  {:>{}}", m.month, drawn, m.submitted,
                                    count_width, m.won, money[i], money_width));
    }
    return lines;
}

std::vector<Section> sections(const Report& r, const TableStyle& style, bool utf8)
{
    Section trend{"Trend", "submitted per month", {}, {}, "", trend_lines(r, style, utf8)};
    return {referrals_section(r, style), revenue_section(r, style), participation_section(r),
            activity_section("By source", "", "source", r.by_source),
            activity_section("By fit", "priority: fit score >= priority_fit_score; unscored: never scored", "band",
                             r.by_fit),
            top_referrers_section(r),    trend,                     payouts_section(r, style), nps_section(r),
            targets_section(r),          attention_section(r)};
}

std::string title(const Report& r)
{
    return fmt::format("Referral report {} ({} to {})", r.period.label, to_string(r.period.from), to_string(r.period.to));
}

std::string subtitle(const Report& r) { return fmt::format("as of {}, amounts in {}", to_string(r.today), r.currency); }

std::string color_result(std::string table, bool color)
{
    if (!color) return table;
    for (auto [word, code] : {std::pair{"  met\n", "32"}, std::pair{"  missed\n", "31"}}) {
        std::string plain = word;
        std::string painted = fmt::format("  \033[{}m{}\033[0m\n", code, plain.substr(2, plain.size() - 3));
        for (std::size_t at = table.find(plain); at != std::string::npos; at = table.find(plain, at + painted.size()))
            table.replace(at, plain.size(), painted);
    }
    return table;
}

} // namespace

std::string percent_text(std::optional<double> rate)
{
    return rate ? fmt::format("{:.1f}%", *rate * 100) : "-";
}

std::string bar(std::int64_t value, std::int64_t max, int width, bool utf8)
{
    if (max <= 0 || value <= 0) return "";
    std::int64_t eighths = (value * width * 8 + max / 2) / max;
    if (eighths == 0) eighths = 1; // something there is never drawn as nothing
    if (!utf8) return std::string(std::size_t(std::max<std::int64_t>(1, (eighths + 4) / 8)), '#');
    static constexpr const char* k_partial[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    std::string out;
    for (std::int64_t i = 0; i < eighths / 8; ++i) out += "█";
    return out + k_partial[eighths % 8];
}

std::string render_report_table(const Report& r, const TableStyle& style, bool utf8)
{
    auto heading = [&](const std::string& text) { return style.color ? "\033[1m" + text + "\033[0m" : text; };
    std::string out = heading(title(r)) + "\n" + subtitle(r) + "\n";
    for (const auto& s : sections(r, style, utf8)) {
        // fmt, not "\n" + heading(...): GCC 12 at -O3 warns (-Wrestrict, a false positive)
        // on "literal" + std::string&&.
        out += fmt::format("\n{}{}\n", heading(s.title), s.note.empty() ? "" : fmt::format(" ({})", s.note));
        std::size_t label_width = 0, value_width = 0;
        for (const auto& l : s.lines) {
            label_width = std::max(label_width, display_width(l.label));
            value_width = std::max(value_width, display_width(l.value));
        }
        for (const auto& l : s.lines)
            out += fmt::format("  {}{}  {}{}{}\n", l.label, std::string(label_width - display_width(l.label), ' '),
                               std::string(value_width - display_width(l.value), ' '), l.value,
                               l.detail.empty() ? "" : "  (" + l.detail + ")");
        if (!s.listing.columns.empty()) {
            std::string table = render_table(s.listing, style);
            if (table.empty()) table = s.empty_text + "\n";
            std::string indented;
            for (std::size_t at = 0; at < table.size();) {
                std::size_t end = table.find('\n', at);
                indented += "  " + table.substr(at, end - at + 1);
                at = end + 1;
            }
            out += s.results ? color_result(indented, style.color) : indented;
        }
        for (const auto& line : s.chart) out += "  " + line + "\n";
    }
    return out;
}

std::string render_report_markdown(const Report& r, const TableStyle& style)
{
    std::string out = "# " + title(r) + "\n\n_" + subtitle(r) + "_\n";
    for (const auto& s : sections(r, style, true)) {
        out += "\n## " + s.title + "\n\n";
        if (!s.note.empty()) out += "_" + s.note + "_\n\n";
        if (!s.lines.empty()) {
            out += "| metric | value |\n| --- | ---: |\n";
            for (const auto& l : s.lines)
                out += fmt::format("| {} | {}{} |\n", l.label, l.value, l.detail.empty() ? "" : " (" + l.detail + ")");
        }
        if (!s.listing.columns.empty()) {
            std::string table = render_markdown(s.listing, style);
            out += table.empty() ? s.empty_text + "\n" : table;
        }
        if (!s.chart.empty()) {
            out += "```\n";
            for (const auto& line : s.chart) out += line + "\n";
            out += "```\n";
        }
    }
    return out;
}

} // namespace refer
