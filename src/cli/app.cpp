#include "refer/cli/app.h"

#include "refer/error.h"
#include "refer/storage/database.h"

#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace refer {

std::filesystem::path GlobalOptions::db_path() const
{
    return db.empty() ? default_database_path() : std::filesystem::path(db);
}

Date GlobalOptions::today_date() const
{
    if (!today.empty()) return parse_date_option(today);
    if (const char* env = std::getenv("REFER_TODAY"); env && *env) {
        auto date = parse_iso_date(env);
        if (!date) throw usage_error(fmt::format("REFER_TODAY: \"{}\" is not a date (YYYY-MM-DD)", env));
        return *date;
    }
    return local_today();
}

Terminal::Terminal(const GlobalOptions& g)
    : m_color(!g.no_color && std::getenv("NO_COLOR") == nullptr && ::isatty(STDOUT_FILENO)),
      m_quiet(g.quiet), m_stderr_tty(::isatty(STDERR_FILENO))
{
}

void Terminal::data(std::string_view text) const
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

void Terminal::summary(std::string_view line) const
{
    if (!m_quiet) fmt::print(stderr, "{}\n", line);
}

void Terminal::warning(std::string_view message) const
{
    if (!m_quiet) fmt::print(stderr, "refer: warning: {}\n", message);
}

void Terminal::error_line(std::string_view message) const { fmt::print(stderr, "refer: error: {}\n", message); }

void Terminal::progress(std::string_view label, double fraction) const
{
    if (!progress_wanted()) return;
    int filled = static_cast<int>(fraction * 30);
    fmt::print(stderr, "\r{} [{:<30}] {:3d}%", label, std::string(static_cast<size_t>(std::clamp(filled, 0, 30)), '#'),
               static_cast<int>(fraction * 100));
}

void Terminal::progress_done() const
{
    if (progress_wanted()) fmt::print(stderr, "\r\033[K");
}

Date parse_date_option(const std::string& text)
{
    auto date = parse_iso_date(text);
    if (!date) throw usage_error(fmt::format("\"{}\" is not a date (YYYY-MM-DD)", text));
    return *date;
}

Cents parse_money_option(const std::string& text)
{
    MoneyParse money = parse_money(text);
    if (!money.cents) throw usage_error(fmt::format("\"{}\" is not an amount of money ({})", text, money.error));
    return *money.cents;
}

CLI::Validator date_validator()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            return parse_iso_date(text) ? std::string() : fmt::format("\"{}\" is not a date (YYYY-MM-DD)", text);
        },
        "DATE");
}

CLI::Validator money_validator()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            MoneyParse money = parse_money(text);
            return money.cents ? std::string() : fmt::format("\"{}\" is not an amount of money ({})", text, money.error);
        },
        "MONEY");
}

void setup_app(CLI::App& app, GlobalOptions& g, Runner& selected)
{
    app.fallthrough();
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("refer ") + REFER_VERSION);
    app.footer("Run 'refer COMMAND --help' for a command's options, 'man refer' for the manual.");
    app.option_defaults()->always_capture_default(false);
    app.add_option("--db", g.db, "Database file (default $REFER_DB, else $XDG_DATA_HOME/refer/refer.db)")
        ->type_name("PATH");
    app.add_option("--today", g.today, "What today is (default $REFER_TODAY, else the local date)")
        ->type_name("DATE")->check(date_validator());
    std::map<std::string, Format> formats{{"table", Format::table}, {"csv", Format::csv}, {"json", Format::json}, {"md", Format::md}};
    app.add_option("--format", g.format, "Output format: table, csv, json (report also md)")
        ->type_name("FORMAT")->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
    app.add_flag("--json", g.json, "Short for --format json");
    app.add_flag("-q,--quiet", g.quiet, "No summaries or progress on stderr");
    app.add_flag("--no-color", g.no_color, "No ANSI colour (also when NO_COLOR is set or stdout is not a terminal)");

    setup_import(app, g, selected);
    setup_add(app, g, selected);
    setup_clients(app, g, selected);
    setup_show(app, g, selected);
    setup_export(app, g, selected);
}

} // namespace refer
