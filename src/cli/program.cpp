// refer program load|show|list: the incentive program's effective-dated versions (SPEC 7, 12).
#include "refer/cli/app.h"
#include "refer/error.h"
#include "refer/programio/program_file.h"
#include "refer/programio/program_json.h"
#include "refer/storage/database.h"
#include "refer/storage/programs.h"
#include "refer/util/sha256.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <sstream>

namespace refer {

struct ProgramLoadOptions {
    std::string file, effective;
    bool dry_run = false;
};

struct ProgramShowOptions {
    std::string on;
};

// What `program show` prints while no program was ever loaded: a file that loads as is.
static constexpr std::string_view k_builtin_header =
    "# The built-in default program: no program was loaded yet.\n"
    "# Edit a copy of this file and load it with: refer program load FILE\n";

static std::string read_file(const std::string& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw failure(fmt::format("{}: cannot open: {}", path, std::strerror(EISDIR)));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw failure(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw failure(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
    return text.str();
}

static std::string effective_text(const std::optional<Date>& effective_on)
{
    return effective_on ? "effective " + to_string(*effective_on) : "effective from the beginning";
}

// What a load does: a new version from `effective_on`, unless the version in force on that
// day has the very same text (then loading it would change no judgement).
struct LoadPlan {
    std::optional<Date> effective_on; // none: from the beginning of time
    std::optional<ProgramVersion> identical;
};

// The first program ever loaded judges from the beginning of time; later ones from today.
static LoadPlan plan_load(const ProgramBook& book, const ProgramLoadOptions& o, Date today, const std::string& sha256)
{
    LoadPlan plan;
    if (!o.effective.empty()) plan.effective_on = parse_date_option(o.effective);
    else if (!book.empty()) plan.effective_on = today;
    if (book.empty()) return plan; // the built-in default has no text to repeat
    const ProgramVersion& current = book.in_force(*plan.effective_on);
    if (current.sha256 == sha256) plan.identical = current;
    return plan;
}

// What a load tells: a summary on stderr; with --json the version it concerns on stdout.
struct LoadOutcome {
    std::optional<long long> version; // none: a dry run
    std::string name;
    std::optional<Date> effective_on;
    bool loaded = false;
    std::string summary;
};

static nlohmann::ordered_json load_json(const LoadOutcome& outcome, const std::string& sha256, bool dry_run)
{
    using Json = nlohmann::ordered_json;
    return {{"version", outcome.version ? Json(*outcome.version) : Json(nullptr)},
            {"name", outcome.name},
            {"effective_on", outcome.effective_on ? Json(to_string(*outcome.effective_on)) : Json(nullptr)},
            {"sha256", sha256},
            {"dry_run", dry_run},
            {"loaded", outcome.loaded}};
}

// A file identical to the version it would follow, or a dry run.
static LoadOutcome not_loaded(const std::string& file, const Program& program, const LoadPlan& plan)
{
    if (const auto& same = plan.identical)
        return {same->id, same->program.name, same->effective_on, false,
                fmt::format("{}: nothing to load: identical to version {} \"{}\", in force on {}", file, same->id,
                            same->program.name, to_string(*plan.effective_on))};
    return {std::nullopt, program.name, plan.effective_on, false,
            fmt::format("{}: valid: \"{}\", {}; nothing loaded (dry run)", file, program.name, effective_text(plan.effective_on))};
}

// A dry run neither creates nor upgrades a database: without one, the file would be the first.
static ProgramBook book_for_dry_run(const GlobalOptions& g)
{
    if (!std::filesystem::exists(g.db_path())) return ProgramBook({});
    return program_book(*open_database(g.db_path(), Access::read));
}

static void run_program_load(const ProgramLoadOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    std::string text = read_file(o.file);
    ProgramParse parse = read_program(text, o.file);
    if (!parse.program) throw failure(parse.error);
    const Program& program = *parse.program;
    std::string sha256 = sha256_hex(text);

    std::unique_ptr<SQLite::Database> db;
    std::optional<WriteTransaction> tx; // the versions are read and written in one transaction
    if (!o.dry_run) {
        db = open_database(g.db_path(), Access::write);
        tx.emplace(*db);
    }
    LoadPlan plan = plan_load(o.dry_run ? book_for_dry_run(g) : program_book(*db), o, today, sha256);
    LoadOutcome outcome;
    if (plan.identical || o.dry_run) {
        outcome = not_loaded(o.file, program, plan);
    } else {
        EventLog events(*db, current_actor(today));
        long long version = store_program(*db, events, program, text, plan.effective_on);
        tx->commit();
        outcome = {version, program.name, plan.effective_on, true,
                   fmt::format("{}: loaded as version {} \"{}\", {}", o.file, version, program.name,
                               effective_text(plan.effective_on))};
    }
    terminal.summary(outcome.summary);
    if (g.output_format() == Format::json) terminal.data(load_json(outcome, sha256, o.dry_run).dump(2) + "\n");
}

static void run_program_show(const ProgramShowOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date day = o.on.empty() ? g.today_date() : parse_date_option(o.on);
    auto db = open_database(g.db_path(), Access::read);
    const ProgramBook book = program_book(*db);
    const ProgramVersion& version = book.in_force(day);
    if (g.output_format() == Format::json) terminal.data(program_json(version).dump(2) + "\n");
    else if (version.id == 0) terminal.data(std::string(k_builtin_header) + to_toml(version.program));
    else terminal.data(program_source(*db, version.id));
}

// Fingerprints are 64 hex digits: a table shows the first 12, as git shows a commit.
static Listing versions_listing(const ProgramBook& book, Date today, bool for_people)
{
    Listing listing{{"version", "name", "effective_on", "loaded_at", "sha256", "in_force"}, {}};
    long long in_force = book.empty() ? 0 : book.in_force(today).id;
    for (const ProgramVersion& v : book.versions()) {
        // Assigned, then moved: a copy of a Cell built by ?: makes GCC 12 at -O3 warn
        // (-Wmaybe-uninitialized, a false positive).
        Cell effective;
        if (v.effective_on) effective = *v.effective_on;
        std::string sha256 = for_people ? v.sha256.substr(0, 12) : v.sha256;
        listing.rows.push_back(
            {std::int64_t{v.id}, v.program.name, std::move(effective), v.loaded_at, sha256, v.id == in_force});
    }
    return listing;
}

static void run_program_list(const GlobalOptions& g)
{
    Terminal terminal(g);
    auto db = open_database(g.db_path(), Access::read);
    ProgramBook book = program_book(*db);
    if (book.empty()) terminal.summary("no program loaded: the built-in default is in force");
    Format format = g.output_format();
    Listing listing = versions_listing(book, g.today_date(), format == Format::table || format == Format::md);
    terminal.data(render(listing, format, terminal.table_style()));
}

void setup_program(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    CLI::App* program = app.add_subcommand("program", "Load, show and list the versions of the incentive program");
    program->require_subcommand(1);

    auto load = std::make_shared<ProgramLoadOptions>();
    CLI::App* l = program->add_subcommand("load", "Validate a program file and store it as a new version");
    l->add_option("FILE", load->file, "The program file (TOML)")->required();
    l->add_option("--effective", load->effective,
                  "In force from this date (default today; the first program loaded: from the beginning)")
        ->type_name("DATE")->check(date_validator());
    l->add_flag("--dry-run", load->dry_run, "Validate and say what would happen, store nothing");
    l->footer("Example: refer program load program.toml --effective 2026-07-01");
    l->callback([load, &globals, &selected] { selected = [load, &globals] { run_program_load(*load, globals); }; });

    auto show = std::make_shared<ProgramShowOptions>();
    CLI::App* s = program->add_subcommand("show", "Print the version in force (the file as loaded, or --json)");
    s->add_option("--on", show->on, "The version in force on this date (default today)")
        ->type_name("DATE")->check(date_validator());
    s->footer("Example: refer program show --on 2026-03-01 > program.toml");
    s->callback([show, &globals, &selected] { selected = [show, &globals] { run_program_show(*show, globals); }; });

    CLI::App* ls = program->add_subcommand("list", "Every version in load order, and which one is in force today");
    ls->footer("Example: refer program list --json");
    ls->callback([&globals, &selected] { selected = [&globals] { run_program_list(globals); }; });
}

} // namespace refer
