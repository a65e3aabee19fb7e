#include "refer/cli/app.h"

#include "refer/cli/help.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/util/text.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace refer {

std::filesystem::path GlobalOptions::db_path() const
{
    return db.empty() ? default_database_path() : std::filesystem::path(db);
}

// By its real path too when --db is a symlink: SQLite keeps the -wal file beside the real one.
std::vector<ProtectedFile> ledger_files(const std::filesystem::path& db)
{
    std::vector<std::filesystem::path> paths = database_files(db);
    std::error_code ec;
    std::filesystem::path real = std::filesystem::canonical(db, ec);
    if (!ec && real != db)
        for (std::filesystem::path& p : database_files(real)) paths.push_back(std::move(p));
    std::vector<ProtectedFile> files;
    for (std::filesystem::path& p : paths) files.push_back({std::move(p), "the ledger"});
    return files;
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

// The locale's character set as the environment names it (LC_ALL, else LC_CTYPE, else LANG).
static bool utf8_locale()
{
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        const char* value = std::getenv(name);
        if (!value || !*value) continue;
        std::string lower;
        for (const char* c = value; *c; ++c) lower += char(std::tolower(static_cast<unsigned char>(*c)));
        return lower.find("utf-8") != std::string::npos || lower.find("utf8") != std::string::npos;
    }
    return false;
}

Terminal::Terminal(const GlobalOptions& g)
    : m_color(!g.no_color && !(std::getenv("NO_COLOR") && *std::getenv("NO_COLOR")) && ::isatty(STDOUT_FILENO)),
      m_quiet(g.quiet), m_stderr_tty(::isatty(STDERR_FILENO)), m_utf8(utf8_locale())
{
}

void Terminal::data(std::string_view text) const
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout))
        throw failure(fmt::format("cannot write the output: {}", std::strerror(errno)));
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

void fail_with(const Terminal& terminal, const std::vector<std::string>& problems)
{
    for (size_t i = 0; i + 1 < problems.size(); ++i) terminal.error_line(problems[i]);
    throw failure(problems.empty() ? std::string("failed") : problems.back());
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
        "", "DATE");
}

CLI::Validator money_validator()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            MoneyParse money = parse_money(text);
            return money.cents ? std::string() : fmt::format("\"{}\" is not an amount of money ({})", text, money.error);
        },
        "", "MONEY");
}

CLI::Validator count_validator()
{
    return CLI::Validator(
        [](std::string& text) {
            bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
            if (!digits)
                return fmt::format("\"{}\" is not a count (0, 1, 2 ...)", text);
            if (text.size() > 9)
                return fmt::format("{} is too many (at most 999999999)", text);
            return std::string();
        },
        "", "COUNT");
}

// CLI11 keeps nothing of ours on an option but its validators, so the values travel in the
// validator's name, which only a lookup by name reads (help prints the description).
static constexpr std::string_view k_values_tag = "values:\n";

CLI::Validator with_values(CLI::Validator check, const std::vector<std::string>& values)
{
    std::string name(k_values_tag);
    for (const std::string& value : values) name.append(value).append("\n");
    check.name(name);
    return check;
}

CLI::Validator one_of(std::vector<std::string> values, LetterCase letters)
{
    CLI::Validator check = letters == LetterCase::any ? CLI::IsMember(values, CLI::ignore_case) : CLI::IsMember(values);
    return with_values(std::move(check), values);
}

std::vector<std::string> offered_values(CLI::Option& option)
{
    for (int i = 0;; ++i) {
        const CLI::Validator* check = nullptr;
        try {
            check = option.get_validator(i);
        } catch (const CLI::OptionNotFound&) { // CLI11's only way to say "no more validators"
            return {};
        }
        std::string_view name = check->get_name();
        if (!name.starts_with(k_values_tag)) continue;
        std::vector<std::string> values;
        for (name.remove_prefix(k_values_tag.size()); !name.empty(); name.remove_prefix(name.find('\n') + 1))
            values.emplace_back(name.substr(0, name.find('\n')));
        return values;
    }
}

static const std::vector<std::string> k_format_names{"table", "csv", "json", "md", "html"};

std::optional<Format> parse_format(std::string_view name)
{
    std::string lower = ascii_lower(name);
    if (lower == "table") return Format::table;
    if (lower == "csv") return Format::csv;
    if (lower == "json") return Format::json;
    if (lower == "md" || lower == "markdown") return Format::md;
    if (lower == "html") return Format::html;
    return std::nullopt;
}

// A command group (`import`, `payouts` ...) without its own example shows its first
// subcommand's, so that every `--help` has one.
static void inherit_examples(CLI::App& app)
{
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        inherit_examples(*sub);
        if (sub->get_footer().find("Example") != std::string::npos) continue; // (the app's footer is inherited)
        for (CLI::App* child : sub->get_subcommands([](CLI::App*) { return true; })) {
            std::string footer = child->get_footer();
            if (footer.find("Example") != std::string::npos) {
                sub->footer(footer);
                break;
            }
        }
    }
}

void setup_app(CLI::App& app, GlobalOptions& g, Runner& selected)
{
    app.formatter(help_formatter()); // before the subcommands, which copy it
    app.fallthrough();
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("refer ") + REFER_VERSION);
    app.footer("Run 'refer COMMAND --help' for a command's options, 'man refer' for the manual.");
    app.option_defaults()->always_capture_default(false);
    app.add_option("--db", g.db, "Database file (default $REFER_DB, else $XDG_DATA_HOME/refer/refer.db)")
        ->type_name("PATH")
        // An empty --db (an unset variable in a script) must not fall back to the default ledger.
        ->check(CLI::Validator(
            [](std::string& path) { return path.empty() ? std::string("a file name is needed, not \"\"") : std::string(); },
            "", "PATH"));
    app.add_option("--today", g.today, "What today is (default $REFER_TODAY, else the local date)")
        ->type_name("DATE")->check(date_validator());
    app.add_option_function<std::string>(
           "--format", [&g](const std::string& name) { g.format = *parse_format(name); },
           "Output format: table, csv, json, md (report also html)")
        ->type_name("FORMAT")
        ->check(with_values(CLI::Validator(
                                [](std::string& name) -> std::string {
                                    return parse_format(name) ? std::string()
                                                              : fmt::format("unknown format \"{}\" ({})", name,
                                                                            fmt::join(k_format_names, ", "));
                                },
                                ""),
                            k_format_names));
    app.add_flag("--json", g.json, "Short for --format json");
    app.add_flag("-q,--quiet", g.quiet, "No summaries or progress on stderr");
    app.add_flag("--no-color", g.no_color, "No ANSI colour (also when NO_COLOR is set or stdout is not a terminal)");

    setup_import(app, g, selected);
    setup_add(app, g, selected);
    setup_clients(app, g, selected);
    setup_show(app, g, selected);
    setup_export(app, g, selected);
    setup_submit(app, g, selected);
    setup_advance(app, g, selected);
    setup_edit(app, g, selected);
    setup_fit(app, g, selected);
    setup_referrals(app, g, selected);
    setup_tag(app, g, selected);
    setup_milestone(app, g, selected);
    setup_payouts(app, g, selected);
    setup_program(app, g, selected);
    setup_check(app, g, selected);
    setup_report(app, g, selected);
    setup_nudge(app, g, selected);
    setup_ask(app, g, selected);
    setup_due(app, g, selected);
    setup_backup(app, g, selected);
    setup_completion(app, g, selected);
    setup_help(app, g, selected);
    inherit_examples(app);
}

} // namespace refer
