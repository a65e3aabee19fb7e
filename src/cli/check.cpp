// refer check: SQLite's integrity check plus the ledger's own invariants (SPEC 11); silent
// and exit 0 when all hold, one error line per problem and exit 1 otherwise.
#include "refer/cli/app.h"
#include "refer/error.h"
#include "refer/storage/check.h"
#include "refer/storage/database.h"
#include "refer/storage/programs.h"

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

namespace refer {

static void add(std::vector<std::string>& problems, std::vector<std::string> more)
{
    problems.insert(problems.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

// An ordinary compute's changes mean one thing: run it. What a full judgement changes after
// it no compute would mend: named one by one.
static std::vector<std::string> payouts_off_the_rules(SQLite::Database& db, Date today)
{
    ProgramBook book = program_book(db);
    std::string symbol = currency_symbol(book.in_force(today).program.currency);
    RuleCheck check = payouts_against_rules(db, book, today);
    std::vector<std::string> problems;
    const ComputeResult& behind = check.behind;
    if (behind.created + behind.updated + behind.voided > 0)
        problems.push_back(fmt::format("payouts are behind the ledger: refer payouts compute would create {}, update "
                                       "{} and void {}", behind.created, behind.updated, behind.voided));
    const std::vector<PayoutChange>& off = check.off.changes;
    for (size_t i = 0; i < off.size() && i < k_listed_problems; ++i) problems.push_back(describe_change(off[i], symbol));
    if (off.size() > k_listed_problems)
        problems.push_back(fmt::format("... and {} more payouts that do not match the rules", off.size() - k_listed_problems));
    return problems;
}

// The rules check writes (and rolls back): a ledger this user cannot write is said so, the
// other checks still count.
static std::vector<std::string> rule_problems(const std::filesystem::path& path, Date today)
{
    try {
        auto db = open_database(path, Access::write);
        return payouts_off_the_rules(*db, today);
    } catch (const LedgerNotWritable& e) {
        return {fmt::format("payouts not checked against the rules: {}", e.what())};
    } catch (const SQLite::Exception& e) {
        int code = e.getErrorCode() & 0xff;
        if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN && code != SQLITE_PERM) throw;
        return {fmt::format("payouts not checked against the rules: {} cannot be written ({})", path.string(), e.what())};
    }
}

static void run_check(const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    std::vector<std::string> problems;
    {
        auto db = open_database(g.db_path(), Access::read); // a missing ledger is an error, not created
        add(problems, integrity_problems(*db));
        add(problems, foreign_key_problems(*db));
        add(problems, deal_value_problems(*db));
        add(problems, event_problems(*db));
    }
    add(problems, rule_problems(g.db_path(), today));
    if (!problems.empty()) fail_with(terminal, problems);
}

void setup_check(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    CLI::App* cmd = app.add_subcommand("check", "Check the ledger: integrity, deal values, history, payouts against the rules");
    cmd->footer("Example: refer check || echo \"the ledger needs attention\"");
    cmd->callback([&globals, &selected] { selected = [&globals] { run_check(globals); }; });
}

} // namespace refer
