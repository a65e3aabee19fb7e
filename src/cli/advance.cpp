// refer advance REF STATUS: moves a referral through the pipeline (SPEC 4 and 12).
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

struct AdvanceOptions {
    std::string ref, status, on, value, reason;
    bool force = false;
};

static Move move_from(const AdvanceOptions& o, Date today)
{
    Move m;
    m.to = *parse_status(o.status); // checked by the option's validator
    m.on = o.on.empty() ? today : parse_date_option(o.on);
    if (!o.value.empty()) m.value = parse_money_option(o.value);
    if (!o.reason.empty()) m.reason = o.reason;
    if (m.reason && m.to != Status::lost) throw usage_error("--reason is only for a move to lost");
    m.force = o.force;
    return m;
}

// On won the referee becomes a client, so that every new client is a potential referrer.
static void make_client(PeopleWriter& people, long long id, const Referral& r, const Terminal& terminal)
{
    if (!make_referee_client(people, id, r))
        terminal.warning(fmt::format("referral {} has no referee email: no client record created", id));
}

static void run_advance(const AdvanceOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    Move move = move_from(o, today);
    auto db = open_database(g.db_path(), Access::write);
    WriteTransaction tx(*db);
    auto stored = find_referral_ref(*db, o.ref);
    if (!stored) throw failure(fmt::format("unknown referral \"{}\"", o.ref));
    MoveResult result = advance(stored->referral, move);
    if (!result.after) throw failure(fmt::format("referral {}: {}", stored->id, result.refusal));
    EventLog events(*db, current_actor(today));
    events.set_on(move.on); // the move's date, also of the client the referee becomes
    ReferralWriter(*db, events).update(stored->id, stored->referral, *result.after);
    PeopleWriter people(*db, events);
    if (move.to == Status::won) make_client(people, stored->id, *result.after, terminal);
    tx.commit();
    terminal.summary(fmt::format("referral {}: {} -> {} on {}", stored->id, to_string(stored->referral.status),
                                 to_string(move.to), to_string(move.on)));
    if (g.output_format() == Format::json) {
        StoredReferral now = *stored;
        now.referral = *result.after;
        terminal.data(referral_json(now, program_book(*db)).dump(2) + "\n");
    }
}

static CLI::Validator status_validator()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            return parse_status(text) ? std::string()
                                      : fmt::format("unknown status \"{}\" ({})", text, fmt::join(k_status_names, ", "));
        },
        "STATUS");
}

void setup_advance(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<AdvanceOptions>();
    CLI::App* cmd = app.add_subcommand("advance", "Move a referral to another status");
    cmd->add_option("REF", o->ref, "Referral id or referee email")->required();
    cmd->add_option("STATUS", o->status, spoken_list(k_status_names))
        ->required()->check(with_values(status_validator(), to_strings(k_status_names)));
    cmd->add_option("--on", o->on, "Date of the move (default today)")->check(date_validator());
    cmd->add_option("--value", o->value, "Deal value (needed to reach won)")->check(money_validator());
    cmd->add_option("--reason", o->reason, "Why it was lost");
    cmd->add_flag("--force", o->force, "Allow moving backwards or out of won/lost");
    cmd->footer("Example: refer advance 12 won --on 2026-10-05 --value 24,000");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_advance(*o, globals); }; });
}

} // namespace refer
