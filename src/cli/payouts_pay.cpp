// refer payouts pay ID...|--all-due: marks payouts paid, all or nothing (SPEC 7, 12).
#include "refer/cli/app.h"
#include "refer/cli/people_listing.h"
#include "refer/domain/settlement.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/payouts.h"
#include "refer/storage/programs.h"

#include <algorithm>
#include <fmt/format.h>
#include <memory>

namespace refer {

struct PayOptions {
    std::vector<long long> ids;
    bool all_due = false, dry_run = false;
    std::string on, reference;
};

// The payouts named on the command line, grouped per beneficiary. Every unknown, paid or
// void one is named, and then nothing is paid.
static std::vector<Settlement> chosen(SQLite::Database& db, std::vector<long long> ids, const Terminal& terminal)
{
    std::ranges::sort(ids);
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<Payout> payouts;
    std::vector<std::string> problems;
    for (long long id : ids) {
        auto payout = find_payout(db, id);
        std::optional<std::string> refusal =
            payout ? refusal_to_pay(*payout) : std::optional(fmt::format("unknown payout {}", id));
        if (refusal) problems.push_back(*refusal);
        else payouts.push_back(*payout);
    }
    if (!problems.empty()) fail_with(terminal, problems);
    return group_by_beneficiary(payouts);
}

// Everything due, per person; those below the minimum payout are named on stderr and wait.
static std::vector<Settlement> all_due(SQLite::Database& db, const Program& program, Date today,
                                       const Terminal& terminal)
{
    PayoutFilter due;
    due.due_by = today;
    SettlementPlan plan = settle_due(list_payouts(db, due), program.min_payout, today);
    std::string symbol = currency_symbol(program.currency);
    for (const Settlement& s : plan.skipped) {
        std::string why = s.net < 0 ? "a negative balance waits for later payouts"
                                    : fmt::format("below the minimum payout of {}",
                                                  format_money(program.min_payout.value_or(0), symbol));
        terminal.summary(fmt::format("refer: skipped {}: {} due, {}", beneficiary_name(s), format_money(s.net, symbol), why));
    }
    return plan.settled;
}

static void record_payments(SQLite::Database& db, const std::vector<Settlement>& settled, Date on,
                            const std::optional<std::string>& reference)
{
    EventLog events(db, current_actor(on)); // the payment's date is the events' business date
    PayoutWriter writer(db, events);
    for (const Settlement& s : settled)
        for (const Payout& p : s.payouts) writer.update(p, as_paid(p, on, reference));
}

// email, payouts (how many), net; JSON names the payouts by id.
static std::string rendered(const std::vector<Settlement>& settled, Format format, const TableStyle& style)
{
    if (format == Format::json) {
        auto doc = nlohmann::ordered_json::array();
        for (const Settlement& s : settled) {
            auto ids = nlohmann::ordered_json::array();
            for (const Payout& p : s.payouts) ids.push_back(p.id);
            doc.push_back({{"email", s.email ? nlohmann::ordered_json(*s.email) : nullptr}, {"payouts", ids},
                           {"net_cents", s.net}});
        }
        return doc.dump(2) + "\n";
    }
    Listing l;
    l.columns = {"email", "payouts", "net"};
    for (const Settlement& s : settled)
        l.rows.push_back({format == Format::csv ? text_cell(s.email) : Cell{beneficiary_name(s)},
                          static_cast<std::int64_t>(s.payouts.size()), Money{s.net}});
    return render(l, format, style);
}

static std::string summary(const std::vector<Settlement>& settled, const std::string& symbol, bool dry_run)
{
    size_t payouts = 0;
    Cents total = 0;
    for (const Settlement& s : settled) payouts += s.payouts.size(), total += s.net;
    return fmt::format("paid {} {} to {} {}: {}{}", payouts, payouts == 1 ? "payout" : "payouts", settled.size(),
                       settled.size() == 1 ? "person" : "people", format_money(total, symbol),
                       dry_run ? " (dry run: nothing written)" : "");
}

static void run_pay(const PayOptions& o, const GlobalOptions& g)
{
    if (o.ids.empty() && !o.all_due) throw usage_error("name the payouts to pay, or give --all-due");
    Terminal terminal(g);
    Date today = g.today_date();
    Date on = o.on.empty() ? today : parse_date_option(o.on);
    auto db = open_database(g.db_path(), Access::write);
    WriteTransaction tx(*db);
    ProgramBook book = program_book(*db);
    const Program& program = book.in_force(today).program;
    std::vector<Settlement> settled = o.all_due ? all_due(*db, program, today, terminal) : chosen(*db, o.ids, terminal);
    record_payments(*db, settled, on, o.reference.empty() ? std::nullopt : std::optional(o.reference));
    if (!o.dry_run) tx.commit();
    std::string symbol = currency_symbol(program.currency);
    terminal.data(rendered(settled, g.output_format(), terminal.table_style(symbol)));
    if (!settled.empty()) terminal.summary(summary(settled, symbol, o.dry_run));
}

void setup_payouts_pay(CLI::App& group, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<PayOptions>();
    CLI::App* cmd = group.add_subcommand("pay", "Mark payouts paid: the ones named, or everything due");
    CLI::Option* ids = cmd->add_option("ID", o->ids, "Payouts to mark paid (by id)")->type_name("ID");
    cmd->add_flag("--all-due", o->all_due, "Every pending payout due today or earlier, settled per person")
        ->excludes(ids);
    cmd->add_option("--on", o->on, "The date they were paid (default today)")->type_name("DATE")->check(date_validator());
    cmd->add_option("--reference", o->reference, "The payment's reference (bank transfer, invoice credit ...)")
        ->type_name("TEXT");
    cmd->add_flag("--dry-run", o->dry_run, "Show who would be paid what, write nothing");
    cmd->footer("Example: refer payouts pay --all-due --reference 'transfer 2026-11' --dry-run");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_pay(*o, globals); }; });
}

} // namespace refer
