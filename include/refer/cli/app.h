#pragma once
// Wiring of the command line: global options, the terminal, and one setup function per command.
#include "refer/domain/date.h"
#include "refer/render/listing.h"
#include "refer/util/output_file.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace refer {

struct GlobalOptions {
    std::string db;
    std::string today;
    Format format = Format::table;
    bool json = false;
    bool quiet = false;
    bool no_color = false;

    std::filesystem::path db_path() const;
    Date today_date() const; // --today, $REFER_TODAY, else the local date
    Format output_format() const { return json ? Format::json : format; }
};

// What a command prints: data on stdout, summaries, warnings and progress on stderr.
// The one place that decides about colour and terminals.
class Terminal {
public:
    explicit Terminal(const GlobalOptions& globals);
    void data(std::string_view text) const;          // stdout
    void summary(std::string_view line) const;       // stderr, unless --quiet
    void warning(std::string_view message) const;    // stderr: "refer: warning: ..."
    void error_line(std::string_view message) const; // stderr: "refer: error: ..."
    bool progress_wanted() const { return m_stderr_tty && !m_quiet; }
    void progress(std::string_view label, double fraction) const;
    void progress_done() const;
    TableStyle table_style(std::string currency_symbol = "$") const { return {std::move(currency_symbol), m_color}; }
    bool color() const { return m_color; }
    bool utf8() const { return m_utf8; } // the locale can show block characters

private:
    bool m_color, m_quiet, m_stderr_tty, m_utf8;
};

// One `refer: error: ...` line per problem, then exit status 1 (the last line is the error main prints).
[[noreturn]] void fail_with(const Terminal& terminal, const std::vector<std::string>& problems);

// The command a parse selected; main runs it after parsing succeeds.
using Runner = std::function<void()>;

// Builds a CLI::App with every command; `selected` receives the chosen command.
void setup_app(CLI::App& app, GlobalOptions& globals, Runner& selected);

// One setup per command (src/cli/<command>.cpp).
void setup_import(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_add(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_clients(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_show(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_export(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_submit(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_advance(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_edit(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_fit(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_referrals(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_tag(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_milestone(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_payouts(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_program(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_check(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_report(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_nudge(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_ask(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_due(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_backup(CLI::App& app, const GlobalOptions& globals, Runner& selected);
void setup_completion(CLI::App& app, const GlobalOptions& globals, Runner& selected); // completion.cpp
void setup_help(CLI::App& app, const GlobalOptions& globals, Runner& selected);       // help.cpp: set up last
// Subcommands of `payouts` with files of their own.
void setup_payouts_pay(CLI::App& group, const GlobalOptions& globals, Runner& selected);
void setup_payouts_statement(CLI::App& group, const GlobalOptions& globals, Runner& selected);

// Validators shared by commands.
CLI::Validator date_validator();      // YYYY-MM-DD
CLI::Validator money_validator();     // 1500, 1,500.00
CLI::Validator count_validator();     // 0, 1, 2 ...: how many

// An option (or argument) with a fixed set of values: `check` accepts them, and completion
// (`refer completion`) lists them. `one_of` is CLI11's IsMember on `values`.
enum class LetterCase { exact, any };
CLI::Validator one_of(std::vector<std::string> values, LetterCase letters = LetterCase::exact);
CLI::Validator with_values(CLI::Validator check, const std::vector<std::string>& values);
// The values of `with_values` / `one_of` checks on an option; empty when its value is free.
std::vector<std::string> offered_values(CLI::Option& option);

// The files of the ledger at `db`, which no output file (--output, --rejects, a backup) may replace.
std::vector<ProtectedFile> ledger_files(const std::filesystem::path& db);

Date parse_date_option(const std::string& text); // usage error when malformed
std::optional<Format> parse_format(std::string_view name); // table, csv, json, md (any case)
Cents parse_money_option(const std::string& text);

} // namespace refer
