// refer payouts compute|list (pay and statement have files of their own): what every referrer has earned under the program (SPEC 7).
#include "refer/cli/app.h"
#include "refer/cli/payout_listing.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/payout_compute.h"
#include "refer/storage/payouts.h"
#include "refer/storage/people.h"
#include "refer/storage/programs.h"

#include <algorithm>
#include <fmt/format.h>
#include <memory>

namespace refer {

struct ComputeOptions {
    bool dry_run = false;
};

static void run_compute(const ComputeOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    bool json = g.output_format() == Format::json;
    auto db = open_database(g.db_path(), Access::write);
    // Judging everything rewrites most payout pages in one transaction: like a bulk import,
    // with a rollback journal each page is written once, not to a WAL that outgrows the cache.
    std::optional<BulkConnection> bulk;
    if (!o.dry_run && next_compute_judges_everything(*db)) bulk.emplace(*db);
    WriteTransaction tx(*db);
    EventLog events(*db, current_actor(today));
    ComputeResult r = compute_payouts(*db, events, program_book(*db), today, json ? KeepChanged::yes : KeepChanged::no);
    if (!o.dry_run) tx.commit();
    if (json) {
        std::vector<Payout> changed;
        for (const PayoutChange& c : r.changes) changed.push_back(c.payout);
        std::ranges::sort(changed, {}, &Payout::id);
        nlohmann::ordered_json doc{{"created", r.created}, {"updated", r.updated}, {"voided", r.voided},
                                   {"unchanged", r.unchanged}, {"payouts", to_json(payout_listing(changed, false))}};
        if (o.dry_run) doc["dry_run"] = true;
        terminal.data(doc.dump(2) + "\n");
        return;
    }
    terminal.summary(fmt::format("payouts: {} created, {} updated, {} voided, {} unchanged{}", r.created, r.updated,
                                 r.voided, r.unchanged, o.dry_run ? " (dry run: nothing written)" : ""));
}

struct ListOptions {
    std::string status, by;
};

static PayoutFilter list_filter(const ListOptions& o, SQLite::Database& db, Date today)
{
    PayoutFilter f;
    if (o.status == "due") f.due_by = today;
    else if (o.status == "overdue") f.due_before = today;
    else if (!o.status.empty()) f.status = parse_payout_status(o.status);
    if (!o.by.empty()) {
        f.person_id = require_person(db, o.by).id;
    }
    return f;
}

static void run_list(const ListOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    auto db = open_database(g.db_path(), Access::read);
    Format format = g.output_format();
    Listing listing = payout_listing(list_payouts(*db, list_filter(o, *db, today)),
                                     format == Format::table || format == Format::md);
    terminal.data(render(listing, format, terminal.table_style()));
}

void setup_payouts(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    CLI::App* group = app.add_subcommand("payouts", "Compute, list, pay and explain what referrers have earned");
    group->require_subcommand(1);

    auto c = std::make_shared<ComputeOptions>();
    CLI::App* compute = group->add_subcommand("compute", "Bring every payout in line with the program's rules");
    compute->add_flag("--dry-run", c->dry_run, "Show what would change, write nothing");
    compute->footer("Example: refer payouts compute --json");
    compute->callback([c, &globals, &selected] { selected = [c, &globals] { run_compute(*c, globals); }; });

    auto l = std::make_shared<ListOptions>();
    CLI::App* list = group->add_subcommand("list", "List payouts, ordered by id");
    list->add_option("--status", l->status, "pending, paid, void, due (pending, due today or earlier) or overdue")
        ->type_name("STATUS")
        ->check(one_of({"pending", "paid", "void", "due", "overdue"}, LetterCase::any));
    list->add_option("--by", l->by, "Only payouts to this person (email or ext:ID)");
    list->footer("Example: refer payouts list --status due");
    list->callback([l, &globals, &selected] { selected = [l, &globals] { run_list(*l, globals); }; });

    setup_payouts_pay(*group, globals, selected);
    setup_payouts_statement(*group, globals, selected);
}

} // namespace refer
