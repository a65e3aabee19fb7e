// refer ask PERSON [--on DATE] [--reason TEXT]: records an ask made by hand (in person, by
// phone); it counts for the cadence and the unanswered asks like those nudge --record makes.
#include "refer/cli/app.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/nudge.h"
#include "refer/storage/people.h"
#include "refer/util/text.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

struct AskOptions {
    std::string person, on, reason;
};

static void run_ask(const AskOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    Date on = o.on.empty() ? today : parse_date_option(o.on);
    std::optional<std::string> reason;
    if (!trim(o.reason).empty()) reason = std::string(trim(o.reason));
    auto db = open_existing_database(g.db_path());
    WriteTransaction tx(*db);
    EventLog events(*db, current_actor(today));
    events.set_on(on);
    StoredPerson person = require_person(*db, o.person);
    bool recorded = record_ask(*db, events, person.id, on, reason);
    tx.commit();
    std::string who = person_handle(person.person);
    terminal.summary(recorded ? fmt::format("{}: asked on {}", who, to_string(on))
                              : fmt::format("{}: already asked on {}; nothing recorded", who, to_string(on)));
}

void setup_ask(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<AskOptions>();
    CLI::App* cmd = app.add_subcommand("ask", "Record a referral request made by hand");
    cmd->add_option("PERSON", o->person, "Email address, or ext:ID")->required();
    cmd->add_option("--on", o->on, "When (default: today)")->type_name("DATE")->check(date_validator());
    cmd->add_option("--reason", o->reason, "Why now (a milestone, a kind word ...)")->type_name("TEXT");
    cmd->footer("Example: refer ask jane@acme.com --on 2026-11-20 --reason 'thanked us at the QBR'");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_ask(*o, globals); }; });
}

} // namespace refer
