// refer referrals [--status S] [--by EMAIL]: the referrals in the ledger, ordered by id.
#include "refer/cli/app.h"
#include "refer/cli/referral_listing.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/programs.h"
#include "refer/storage/people.h"
#include "refer/storage/referrals.h"
#include "refer/util/text.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

struct ReferralsOptions {
    std::string status, by;
    bool priority = false;
};

static void run_referrals(const ReferralsOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    auto db = open_database(g.db_path(), Access::read);
    ReferralFilter filter;
    if (!o.status.empty()) {
        filter.status = parse_status(o.status);
        if (!filter.status) throw usage_error(fmt::format("unknown status \"{}\"", o.status));
    }
    if (!o.by.empty()) {
        filter.referrer_id = require_person(*db, o.by).id;
    }
    ProgramBook book = program_book(*db);
    std::vector<StoredReferral> referrals = list_referrals(*db, filter);
    if (o.priority)
        std::erase_if(referrals, [&](const StoredReferral& r) { return !referral_is_priority(r.referral, book); });
    Format format = g.output_format();
    Listing listing = referral_listing(referrals, format == Format::table || format == Format::md, book);
    terminal.data(render(listing, format, terminal.table_style()));
}

void setup_referrals(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<ReferralsOptions>();
    CLI::App* cmd = app.add_subcommand("referrals", "List referrals");
    cmd->add_option("--status", o->status, "Only referrals in this status")
        ->type_name("STATUS")
        ->transform(with_values(CLI::Validator(
                                    [](std::string& text) -> std::string { // Won and WON read as won
                                        text = ascii_lower(text);
                                        return parse_status(text) ? std::string()
                                                                  : fmt::format("unknown status \"{}\"", text);
                                    },
                                    ""),
                                to_strings(k_status_names)));
    cmd->add_option("--by", o->by, "Only referrals sent by this person (email or ext:ID)");
    cmd->add_flag("--priority", o->priority, "Only priority referrals (fit score at least priority_fit_score)");
    cmd->footer("Example: refer referrals --status won --by jane@acme.com --json");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_referrals(*o, globals); }; });
}

} // namespace refer
