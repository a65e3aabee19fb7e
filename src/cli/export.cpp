// refer export clients|referrals|nps|events: the ledger as CSV or JSON, in a stable order (by id).
#include "refer/cli/app.h"
#include "refer/cli/payout_listing.h"
#include "refer/cli/people_listing.h"
#include "refer/cli/referral_listing.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/programs.h"
#include "refer/storage/events.h"
#include "refer/storage/nps.h"
#include "refer/storage/payouts.h"
#include <fmt/format.h>
#include <memory>

namespace refer {

struct ExportOptions {
    std::string what;
    std::string output;
    bool raw = false;
};

// text_cell without a copy: these listings can hold the whole event log.
static Cell moved_text(std::optional<std::string>& text) { return text ? Cell{std::move(*text)} : Cell{}; }

static Listing nps_listing(SQLite::Database& db)
{
    Listing l{{"email", "score", "responded_on", "comment"}, {}};
    for_each_nps_response(db, [&](StoredNpsResponse r) {
        l.rows.push_back({moved_text(r.person_email), Cell{std::int64_t{r.response.score}}, Cell{r.response.responded_on},
                          moved_text(r.response.comment)});
    });
    return l;
}

static Listing events_listing(SQLite::Database& db)
{
    Listing l{{"id", "at", "on", "entity", "entity_id", "what", "old", "new", "user"}, {}};
    for_each_event(db, [&](StoredEvent e) {
        l.rows.push_back({Cell{std::int64_t{e.id}}, Cell{std::move(e.at)}, Cell{e.on}, Cell{std::move(e.entity)},
                          e.entity_id ? Cell{std::int64_t{*e.entity_id}} : Cell{}, Cell{std::move(e.what)},
                          moved_text(e.old_value), moved_text(e.new_value), moved_text(e.user)});
    });
    return l;
}

// The columns of `refer import referrals`, so that `--raw` output re-imports as the same
// referrals; the referrer is named by email, else ext:ID.
static Listing referrals_csv_listing(const std::vector<StoredReferral>& referrals)
{
    Listing l{{"referrer_email", "referee_name", "referee_email", "referee_company", "source", "submitted_on",
               "status", "contacted_on", "meeting_on", "qualified_on", "won_on", "lost_on", "deal_value",
               "lost_reason", "consent", "note", "fit_industry", "fit_role", "fit_size", "fit_urgency"},
              {}};
    l.rows.reserve(referrals.size());
    for (const StoredReferral& s : referrals) {
        const Referral& r = s.referral;
        l.rows.push_back({s.referrer, text_cell(r.referee_name), text_cell(r.referee_email), text_cell(r.referee_company),
                          r.source, r.submitted_on, std::string(to_string(r.status)), date_cell(r.contacted_on),
                          date_cell(r.meeting_on), date_cell(r.qualified_on), date_cell(r.won_on),
                          date_cell(r.lost_on), money_cell(r.deal_value), text_cell(r.lost_reason), r.consent,
                          text_cell(r.note), number_cell(r.fit.industry), number_cell(r.fit.role),
                          number_cell(r.fit.size), r.fit.urgency ? Cell{*r.fit.urgency} : Cell{}});
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
        listing = format == Format::json ? referral_listing(list_referrals(*db, {}), false, program_book(*db))
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
        ->required()->check(one_of({"clients", "referrals", "payouts", "events", "nps"}));
    cmd->add_option("-o,--output", o->output, "Write to FILE instead of stdout")->type_name("FILE");
    cmd->add_flag("--raw", o->raw, "No spreadsheet formula guard: exact values, for re-import");
    cmd->footer("Example: refer export clients --raw --output clients-2026-11.csv");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_export(*o, globals); }; });
}

} // namespace refer
