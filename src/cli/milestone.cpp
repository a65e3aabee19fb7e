// refer milestone PERSON "description" [--on DATE]: records a success, the moment to ask for a referral.
#include "refer/cli/app.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/milestones.h"
#include "refer/storage/people.h"
#include "refer/util/text.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

struct MilestoneOptions {
    std::string person, description, on;
};

static void run_milestone(const MilestoneOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    Date on = o.on.empty() ? today : parse_date_option(o.on);
    std::string description(trim(o.description));
    if (description.empty()) throw usage_error("the milestone needs a description");
    auto db = open_existing_database(g.db_path());
    WriteTransaction tx(*db);
    EventLog events(*db, current_actor(today));
    events.set_on(on);
    StoredPerson person = require_person(*db, o.person);
    add_milestone(*db, events, person.id, on, description);
    tx.commit();
    terminal.summary(fmt::format("{}: milestone on {}: {}", person_handle(person.person), to_string(on), description));
}

void setup_milestone(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<MilestoneOptions>();
    CLI::App* cmd = app.add_subcommand("milestone", "Record a success a person had (a good moment to ask for a referral)");
    cmd->add_option("PERSON", o->person, "Email address, or ext:ID")->required();
    cmd->add_option("DESCRIPTION", o->description, "What happened")->required();
    cmd->add_option("--on", o->on, "When it happened (default: today)")->check(date_validator());
    cmd->footer("Example: refer milestone jane@acme.com 'CRM migration went live' --on 2026-11-02");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_milestone(*o, globals); }; });
}

} // namespace refer
