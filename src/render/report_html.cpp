// The report as one page for a board pack: headline numbers, the trend and the funnel as
// inline SVG, by source, by fit (its close rates as bars) and the top referrers.
// Self-contained (inline CSS, no script, nothing fetched) and laid out for A4.
#include "refer/render/report.h"

#include <algorithm>
#include <fmt/format.h>

namespace refer {

namespace {

std::string escaped(std::string_view text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

constexpr std::string_view k_style = R"css(
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2430;
       max-width: 182mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 18pt; margin: 0; }
h2 { font-size: 12pt; margin: 7mm 0 2mm; border-bottom: 1px solid #d5dae1; padding-bottom: 1mm; }
.as-of { color: #5b6573; margin: 1mm 0 4mm; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; }
.card { border: 1px solid #d5dae1; border-radius: 2mm; padding: 2.5mm 3mm; break-inside: avoid; }
.card .value { font-size: 15pt; font-weight: 600; }
.card .label { color: #5b6573; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; break-inside: avoid; }
th, td { padding: 1mm 2mm; border-bottom: 1px solid #e6e9ee; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
svg { display: block; width: 100%; height: auto; break-inside: avoid; }
svg text { font: 9px system-ui, Helvetica, Arial, sans-serif; fill: #1d2430; }
.submitted { fill: #7aa6d8; } .won, .close-rate { fill: #2f7d4f; } .funnel { fill: #4a78b0; }
.legend { color: #5b6573; font-size: 9pt; }
.met { color: #2f7d4f; } .missed { color: #b03a2e; }
)css";

struct Card {
    std::string value, label;
};

std::string cards_html(const Report& r, const TableStyle& style)
{
    std::vector<Card> cards = {
        {std::to_string(r.referrals.submitted), "referrals submitted"},
        {std::to_string(r.referrals.won), "won"},
        {percent_text(r.referrals.close_rate), "close rate"},
        {format_money(r.referrals.won_value, style.currency_symbol), "won value"},
        {percent_text(r.revenue.referral_revenue_share), "referral revenue share"},
        {percent_text(r.participation.rate), "participation"},
        {format_money(r.payouts.earned, style.currency_symbol), "payouts earned"},
        {r.nps.score ? fmt::format("{:.1f}", *r.nps.score) : "-", "NPS"},
    };
    std::string out = "<div class=\"cards\">\n";
    for (const auto& c : cards)
        out += fmt::format("<div class=\"card\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>\n",
                           escaped(c.value), escaped(c.label));
    return out + "</div>\n";
}

// Two bars per month, submitted and won, on one scale.
std::string trend_svg(const Report& r)
{
    constexpr int width = 600, height = 180, top = 14, bottom = 22, left = 8, slot = (width - 2 * left) / 6;
    std::int64_t most = 1;
    for (const auto& m : r.trend) most = std::max({most, m.submitted, m.won});
    auto h = [&](std::int64_t v) { return double(v) * (height - top - bottom) / double(most); };
    std::string out = fmt::format("<svg class=\"trend\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Referrals submitted "
                                  "and won per month\">\n",
                                  width, height);
    for (std::size_t i = 0; i < r.trend.size(); ++i) {
        const auto& m = r.trend[i];
        int x = left + int(i) * slot + 10;
        int bar_width = (slot - 30) / 2;
        double base = height - bottom;
        out += fmt::format("<rect class=\"submitted\" x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\"><title>{} submitted: "
                           "{}</title></rect>\n",
                           x, base - h(m.submitted), bar_width, h(m.submitted), m.month, m.submitted);
        out += fmt::format("<rect class=\"won\" x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\"><title>{} won: {}</title></rect>\n",
                           x + bar_width + 2, base - h(m.won), bar_width, h(m.won), m.month, m.won);
        out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", x + bar_width / 2,
                           base - h(m.submitted) - 3, m.submitted);
        out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", x + bar_width * 3 / 2 + 2,
                           base - h(m.won) - 3, m.won);
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x + bar_width, height - 6, m.month);
    }
    return out + "</svg>\n<p class=\"legend\">Blue: submitted; green: won, per month.</p>\n";
}

// The period's cohort: submitted, then contacted, meeting and won by the period's end.
std::string funnel_svg(const Report& r)
{
    const auto& x = r.referrals;
    std::pair<const char*, std::int64_t> steps[] = {
        {"submitted", x.submitted}, {"contacted", x.contacted}, {"meeting", x.meetings}, {"won", x.cohort_won}};
    constexpr int width = 600, row = 26, label = 90, room = width - label - 60;
    std::int64_t most = std::max<std::int64_t>(1, x.submitted);
    std::string out = fmt::format("<svg class=\"funnel\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Funnel of the "
                                  "period's referrals\">\n",
                                  width, row * 4 + 4);
    for (std::size_t i = 0; i < std::size(steps); ++i) {
        auto [name, n] = steps[i];
        double w = double(n) * room / double(most);
        int y = int(i) * row + 2;
        out += fmt::format("<text x=\"0\" y=\"{}\">{}</text>\n", y + 15, name);
        out += fmt::format("<rect class=\"funnel\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"><title>{}: {}</title></rect>\n",
                           label, y, w, row - 6, name, n);
        out += fmt::format("<text x=\"{:.1f}\" y=\"{}\">{}</text>\n", label + w + 4, y + 15, n);
    }
    return out + "</svg>\n";
}

std::string table_html(const std::vector<std::string>& headers, const std::vector<bool>& numeric,
                       const std::vector<std::vector<std::string>>& rows)
{
    std::string out = "<table>\n<thead><tr>";
    for (std::size_t c = 0; c < headers.size(); ++c)
        out += fmt::format("<th{}>{}</th>", numeric[c] ? " class=\"n\"" : "", escaped(headers[c]));
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
        out += "<tr>";
        for (std::size_t c = 0; c < row.size(); ++c)
            out += fmt::format("<td{}>{}</td>", numeric[c] ? " class=\"n\"" : "", escaped(row[c]));
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

// By source and by fit: `what` names the first column.
std::string activity_html(const std::vector<Report::ActivityRow>& activity, const char* what)
{
    if (activity.empty()) return "<p>No activity.</p>\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : activity)
        rows.push_back({a.name, std::to_string(a.submitted), std::to_string(a.won), std::to_string(a.lost),
                        percent_text(a.close_rate)});
    return table_html({what, "submitted", "won", "lost", "close rate"}, {false, true, true, true, true}, rows);
}

// The close rate of each fit band as a bar on a 0-100% scale: does the rubric predict wins?
std::string fit_svg(const Report& r)
{
    if (r.by_fit.empty()) return "";
    constexpr int width = 600, row = 26, label = 90, room = width - label - 60;
    int height = row * int(r.by_fit.size()) + 4;
    std::string out = fmt::format("<svg class=\"fit\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Close rate per "
                                  "fit band\">\n",
                                  width, height);
    for (std::size_t i = 0; i < r.by_fit.size(); ++i) {
        const auto& band = r.by_fit[i];
        double w = band.close_rate.value_or(0) * room;
        int y = int(i) * row + 2;
        out += fmt::format("<text x=\"0\" y=\"{}\">{}</text>\n", y + 15, escaped(band.name));
        out += fmt::format("<rect class=\"close-rate\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"><title>{} close rate: "
                           "{}</title></rect>\n",
                           label, y, w, row - 6, escaped(band.name), percent_text(band.close_rate));
        out += fmt::format("<text x=\"{:.1f}\" y=\"{}\">{}</text>\n", label + w + 4, y + 15, percent_text(band.close_rate));
    }
    return out + "</svg>\n<p class=\"legend\">Close rate (won / (won + lost)) per fit band; - when none closed.</p>\n";
}

std::string top_referrers_html(const Report& r, const TableStyle& style)
{
    if (r.top_referrers.empty()) return "<p>Nobody referred.</p>\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : r.top_referrers)
        rows.push_back({t.name.value_or(""), t.email.value_or(""), std::to_string(t.submitted), std::to_string(t.won),
                        format_money(t.won_value, style.currency_symbol)});
    return table_html({"name", "email", "submitted", "won", "won value"}, {false, false, true, true, true}, rows);
}

std::string targets_html(const Report& r)
{
    std::string out = "<table>\n<thead><tr><th>metric</th><th class=\"n\">value</th><th class=\"n\">target</th>"
                      "<th>result</th></tr></thead>\n<tbody>\n";
    for (const auto& t : r.targets) {
        std::string range = fmt::format("{} to {}", t.min ? percent_text(t.min) : "any", t.max ? percent_text(t.max) : "any");
        out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"{}\">{}</td></tr>\n",
                           escaped(t.metric), percent_text(t.value), range, t.met ? "met" : "missed",
                           t.met ? "met" : "missed");
    }
    return out + "</tbody>\n</table>\n";
}

} // namespace

std::string render_report_html(const Report& r, const TableStyle& style)
{
    std::string title = fmt::format("Referral report {}", r.period.label);
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
    out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", escaped(title), k_style);
    out += fmt::format("<h1>{}</h1>\n<p class=\"as-of\">{} to {}, as of {}; amounts in {}</p>\n", escaped(title),
                       to_string(r.period.from), to_string(r.period.to), to_string(r.today), escaped(r.currency));
    out += cards_html(r, style);
    out += "<h2>Trend</h2>\n" + trend_svg(r);
    out += "<h2>Funnel</h2>\n<p class=\"legend\">Referrals submitted in the period, and how far they got by its end.</p>\n";
    out += funnel_svg(r);
    out += "<h2>By source</h2>\n" + activity_html(r.by_source, "source");
    out += "<h2>By fit</h2>\n" + activity_html(r.by_fit, "band") + fit_svg(r);
    out += "<h2>Top referrers</h2>\n" + top_referrers_html(r, style);
    out += "<h2>Targets</h2>\n" + targets_html(r);
    return out + "</body>\n</html>\n";
}

} // namespace refer
