// refer export clients|referrals|nps|events: the ledger as CSV or JSON, in a stable order (by id).
#include "refer/cli/app.h"
#include "refer/cli/payout_listing.h"
#include "refer/cli/people_listing.h"
#include "refer/cli/referral_listing.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/payouts.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <memory>

namespace refer {

struct ExportOptions {
    std::string what;
    std::string output;
    bool raw = false;
};

static Listing nps_listing(SQLite::Database& db)
{
    Listing l{{"email", "score", "responded_on", "comment"}, {}};
    SQLite::Statement q(db, "SELECT c.email, c.external_id, n.score, n.responded_on, n.comment "
                            "FROM nps_responses n JOIN clients c ON c.id = n.client_id ORDER BY n.id");
    while (q.executeStep())
        l.rows.push_back({q.getColumn(0).isNull() ? Cell{} : Cell{q.getColumn(0).getString()},
                          Cell{std::int64_t{q.getColumn(2).getInt()}}, Cell{*parse_iso_date(q.getColumn(3).getString())},
                          q.getColumn(4).isNull() ? Cell{} : Cell{q.getColumn(4).getString()}});
    return l;
}

static Listing events_listing(SQLite::Database& db)
{
    Listing l{{"id", "at", "on", "entity", "entity_id", "what", "old", "new", "user"}, {}};
    SQLite::Statement q(db, "SELECT id, at, on_date, entity, entity_id, what, old, new, user FROM events ORDER BY id");
    auto text = [&](int i) { return q.getColumn(i).isNull() ? Cell{} : Cell{q.getColumn(i).getString()}; };
    while (q.executeStep())
        l.rows.push_back({Cell{std::int64_t{q.getColumn(0).getInt64()}}, text(1), Cell{*parse_iso_date(q.getColumn(2).getString())},
                          text(3), q.getColumn(4).isNull() ? Cell{} : Cell{std::int64_t{q.getColumn(4).getInt64()}},
                          text(5), text(6), text(7), text(8)});
    return l;
}

// The columns of `refer import referrals`, so that `--raw` output re-imports as the same
// referrals; the referrer is named by email, else ext:ID.
static Listing referrals_csv_listing(const std::vector<StoredReferral>& referrals)
{
    Listing l{{"referrer_email", "referee_name", "referee_email", "referee_company", "source", "submitted_on",
               "status", "contacted_on", "meeting_on", "qualified_on", "won_on", "lost_on", "deal_value",
               "lost_reason", "consent", "note"},
              {}};
    l.rows.reserve(referrals.size());
    for (const StoredReferral& s : referrals) {
        const Referral& r = s.referral;
        l.rows.push_back({s.referrer, text_cell(r.referee_name), text_cell(r.referee_email), text_cell(r.referee_company),
                          r.source, r.submitted_on, std::string(to_string(r.status)), date_cell(r.contacted_on),
                          date_cell(r.meeting_on), date_cell(r.qualified_on), date_cell(r.won_on),
                          date_cell(r.lost_on), money_cell(r.deal_value), text_cell(r.lost_reason), r.consent,
                          text_cell(r.note)});
    }
    return l;
}

static void run_export(const ExportOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Format format = g.output_format() == Format::json ? Format::json : Format::csv;
    if (!o.output.empty()) check_output_target(o.output, ledger_files(g.db_path())); // before the database is opened
    auto db = open_database(g.db_path(), Access::read);
    Listing listing;
    if (o.what == "clients") listing = people_listing(list_people(*db, {}), false);
    else if (o.what == "nps") listing = nps_listing(*db);
    else if (o.what == "events") listing = events_listing(*db);
    else if (o.what == "referrals")
        listing = format == Format::json ? referral_listing(list_referrals(*db, {}), false)
                                         : referrals_csv_listing(list_referrals(*db, {}));
    else listing = payout_listing(list_payouts(*db, {}), false);
    std::string text = render(listing, format, terminal.table_style(), o.raw);
    if (o.output.empty()) {
        terminal.data(text);
        return;
    }
    OutputFile out(o.output, ledger_files(g.db_path()));
    out.write(text);
    out.commit();
    terminal.summary(fmt::format("{}: {} {}", o.output, listing.rows.size(), o.what));
}

void setup_export(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<ExportOptions>();
    CLI::App* cmd = app.add_subcommand("export", "Export clients, referrals, payouts, events or nps as CSV (or JSON)");
    cmd->add_option("WHAT", o->what, "clients, referrals, payouts, events or nps")
        ->required()->check(CLI::IsMember({"clients", "referrals", "payouts", "events", "nps"}));
    cmd->add_option("-o,--output", o->output, "Write to FILE instead of stdout")->type_name("FILE");
    cmd->add_flag("--raw", o->raw, "No spreadsheet formula guard: exact values, for re-import");
    cmd->footer("Example: refer export clients --raw --output clients-2026-11.csv");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_export(*o, globals); }; });
}

} // namespace refer
