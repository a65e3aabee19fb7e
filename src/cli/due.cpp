// refer due: what needs doing today (SPEC 9, 12): referrals to contact, payouts to pay,
// referrals gone stale. Silent when nothing is due, so that cron mails only when something is.
#include "refer/cli/app.h"
#include "refer/domain/due.h"
#include "refer/storage/database.h"
#include "refer/storage/due.h"
#include "refer/storage/programs.h"

namespace refer {

static std::vector<Cell> due_row(const DueItem& i)
{
    return {std::string(to_string(i.type)), std::int64_t{i.referral}, text_cell(i.email), text_cell(i.name),
            i.since,  std::int64_t{i.days},  i.payout ? Cell{std::int64_t{*i.payout}} : Cell{}};
}

// Given only what it needs: where the ledger is, what today is, how to print.
static void run_due(const std::filesystem::path& db_path, Date today, Format format, const Terminal& terminal)
{
    auto db = open_database(db_path, Access::read);
    ReadTransaction snapshot(*db); // the program and the rows as of one moment, read twice for a table
    // The SLA of today's program version, as for the report's attention list; a priority
    // referral's from the version in force on its submission day.
    ProgramBook book = program_book(*db);
    // A big ledger may have millions of rows due: they are written as they are read, never
    // all held (an error part way leaves part of the list on stdout, and exit 1).
    RowSource rows = [&](const RowVisitor& each) {
        for_each_due(*db, today, book, [&](const DueItem& item) { each(due_row(item)); });
    };
    write_listing({"type", "referral", "email", "name", "since", "days", "payout"}, rows, format,
                  terminal.table_style(), [&](std::string_view text) { terminal.data(text); });
}

void setup_due(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    CLI::App* cmd = app.add_subcommand("due", "What needs doing today: referrals to contact, payouts to pay, stale referrals");
    cmd->footer("Example: refer due --json\n"
                "In a crontab (cron mails only when something is due): 0 8 * * 1-5 refer due");
    cmd->callback([&globals, &selected] {
        selected = [&globals] {
            Terminal terminal(globals);
            run_due(globals.db_path(), globals.today_date(), globals.output_format(), terminal);
        };
    });
}

} // namespace refer
