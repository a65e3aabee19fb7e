// refer nudge [--record] [--limit N]: who to ask for a referral today, and why (SPEC 9, 12).
// Cron-friendly: nothing on stdout and nothing on stderr when nobody is worth asking.
#include "refer/cli/app.h"
#include "refer/domain/nudge.h"
#include "refer/storage/database.h"
#include "refer/storage/nudge.h"
#include "refer/storage/programs.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

struct NudgeOptions {
    bool record = false;
    std::optional<int> limit;
};

static const std::vector<std::string> k_nudge_columns = {
    "email", "name", "company", "reason", "last_asked_on", "unanswered_asks", "referrals_submitted", "referrals_won"};

static std::vector<Cell> nudge_row(const Nudge& n)
{
    auto text = [](const std::optional<std::string>& v) -> Cell { return v ? Cell(*v) : Cell(); };
    return {text(n.person.email), text(n.person.name), text(n.person.company), std::string(to_string(n.reason)),
            n.last_asked_on ? Cell(*n.last_asked_on) : Cell(), std::int64_t{n.unanswered},
            static_cast<std::int64_t>(n.person.referrals_submitted), static_cast<std::int64_t>(n.person.referrals_won)};
}

static void run_nudge(const NudgeOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    auto db = open_database(g.db_path(), o.record ? Access::write : Access::read);
    // Judged inside the transaction that records it: what is listed is what is recorded.
    std::optional<WriteTransaction> tx;
    if (o.record) tx.emplace(*db);
    Program program = program_book(*db).in_force(today).program;
    NudgePlan plan = plan_nudges(nudge_facts(*db, today, program), today, program, o.limit);
    NudgeRecord recorded;
    if (o.record) {
        EventLog events(*db, current_actor(today));
        recorded = record_nudges(*db, events, plan, today);
        tx->commit();
    }
    // Written as it is rendered: a long list is never held twice.
    RowSource rows = [&](const RowVisitor& each) { for (const Nudge& n : plan.listed) each(nudge_row(n)); };
    write_listing(k_nudge_columns, rows, g.output_format(), terminal.table_style(),
                  [&](std::string_view text) { terminal.data(text); });
    if (recorded.asks > 0 || recorded.tagged > 0)
        terminal.summary(fmt::format("recorded {} ask{} dated {}; tagged {} {} {}", recorded.asks,
                                     recorded.asks == 1 ? "" : "s", to_string(today), recorded.tagged,
                                     recorded.tagged == 1 ? "person" : "people", k_not_interested_tag));
}

void setup_nudge(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<NudgeOptions>();
    CLI::App* cmd = app.add_subcommand("nudge", "Who to ask for a referral today, and why");
    cmd->add_flag("--record", o->record,
                  "Record an ask dated today for everyone listed; tag people paused by unanswered asks");
    cmd->add_option("--limit", o->limit, "List (and record) at most N people")->type_name("N")->check(count_validator());
    cmd->footer("Example: refer nudge --limit 20\nIn a crontab, each quarter: 0 8 1 1,4,7,10 * refer tag promoters -q >/dev/null && refer nudge --record");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_nudge(*o, globals); }; });
}

} // namespace refer
