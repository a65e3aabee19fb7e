// refer report [--month M | --quarter Q | --year Y | --from D [--to D]] [--top N]: the
// period's numbers (SPEC 8, 12) in every format.
#include "refer/cli/app.h"
#include "refer/domain/report.h"
#include "refer/error.h"
#include "refer/render/report.h"
#include "refer/storage/database.h"
#include "refer/storage/programs.h"
#include "refer/storage/report.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

struct ReportOptions {
    std::string month, quarter, year, from, to;
    int top = 5;
};

// At most one way of naming the period (CLI11 enforces it); none: the last complete month.
static ReportPeriod chosen_period(const ReportOptions& o, Date today)
{
    auto parsed = [](const std::string& text, auto parse, const char* option, const char* form) {
        auto period = parse(text);
        if (!period) throw usage_error(fmt::format("{} \"{}\": expected {}", option, text, form));
        return *period;
    };
    if (!o.month.empty()) return parsed(o.month, parse_month_period, "--month", "YYYY-MM");
    if (!o.quarter.empty()) return parsed(o.quarter, parse_quarter_period, "--quarter", "YYYY-Qn");
    if (!o.year.empty()) return parsed(o.year, parse_year_period, "--year", "YYYY");
    if (!o.to.empty() && o.from.empty()) throw usage_error("--to needs --from (--from alone runs to today)");
    if (o.from.empty()) return default_period(today);
    Date from = parse_date_option(o.from);
    Date to = o.to.empty() ? today : parse_date_option(o.to);
    if (to < from) throw usage_error(fmt::format("--from {} is after --to {}", to_string(from), to_string(to)));
    return range_period(from, to);
}

static std::string rendered(const Report& report, Format format, const Terminal& terminal)
{
    TableStyle style = terminal.table_style(currency_symbol(report.currency));
    switch (format) {
    case Format::json:
        return report_json(report).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    case Format::csv: return render_report_csv(report);
    case Format::md: return render_report_markdown(report, style);
    case Format::html: return render_report_html(report, style);
    case Format::table: break;
    }
    return render_report_table(report, style, terminal.utf8());
}

static void run_report(const ReportOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    ReportPeriod period = chosen_period(o, today);
    auto db = open_database(g.db_path(), Access::read);
    ProgramBook book = program_book(*db);
    // The period's rules come from the version in force on its last day; the attention
    // list, like `refer due`, from today's.
    const Program& program = book.in_force(period.to).program;
    ReportQuery query{period, today, program.contact_sla_days, program.promoter_min_score,
                      book.in_force(today).program.contact_sla_days, o.top};
    Report report = make_report(period, today, program, read_report_facts(*db, query, book));
    terminal.data(rendered(report, g.output_format(), terminal));
}

void setup_report(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<ReportOptions>();
    CLI::App* cmd = app.add_subcommand("report", "The period's referrals, revenue, payouts, NPS and targets");
    auto* month = cmd->add_option("--month", o->month, "A calendar month (default: the last complete one)")->type_name("YYYY-MM");
    auto* quarter = cmd->add_option("--quarter", o->quarter, "A calendar quarter")->type_name("YYYY-Qn");
    auto* year = cmd->add_option("--year", o->year, "A calendar year")->type_name("YYYY");
    auto* from = cmd->add_option("--from", o->from, "From this date (alone: to today)")->type_name("DATE")->check(date_validator());
    cmd->add_option("--to", o->to, "... to this date (needs --from)")->type_name("DATE")->check(date_validator());
    month->excludes(quarter, year, from);
    quarter->excludes(year, from);
    year->excludes(from);
    cmd->add_option("--top", o->top, "How many top referrers to list (default 5)")
        ->type_name("N")
        ->check(count_validator());
    cmd->footer("Example: refer report --month 2026-10 --format md > board-update.md");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_report(*o, globals); }; });
}

} // namespace refer
