// refer submit --by EMAIL --name NAME --email EMAIL ...: records a referral, prints its id.
#include "refer/cli/app.h"
#include "refer/cli/fit_options.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/people.h"
#include "refer/storage/programs.h"
#include "refer/storage/referrals.h"
#include "refer/util/text.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

struct SubmitOptions {
    std::string by, name, email, company, on, source, note;
    bool consent = false;
    FitOptions fit;
    bool allow_existing = false;
};

// Trimmed; blank is absent.
static std::optional<std::string> given(std::string_view s)
{
    std::string_view text = trim(s);
    if (text.empty()) return std::nullopt;
    return std::string(text);
}

static Referral referral_from(const SubmitOptions& o, const StoredPerson& referrer, Date today)
{
    Referral r = new_referral(referrer.id, o.on.empty() ? today : parse_date_option(o.on));
    r.referee_name = given(o.name);
    r.referee_email = normalize_email(o.email);
    r.referee_company = given(o.company);
    r.source = o.source.empty() ? referrer.person.kind.value_or("client") : o.source;
    r.consent = o.consent;
    r.fit = o.fit.applied_to(Fit{});
    r.note = given(o.note);
    return r;
}

// The refusals of SPEC 4, in the order a user would fix them.
static void check_submission(SQLite::Database& db, const SubmitOptions& o, const Referral& r,
                             const StoredPerson& referrer, const Program& program)
{
    const std::string& email = *r.referee_email;
    if (referrer.person.email && *referrer.person.email == email)
        throw failure(fmt::format("{} cannot refer themselves", email));
    if (!o.allow_existing)
        if (auto existing = find_person(db, email))
            throw failure(fmt::format("{} is already in the ledger as a {} (--allow-existing records the referral anyway)",
                                      email, existing->person.kind.value_or("client")));
    auto prior = referrals_of_referee(db, email);
    if (auto first = attribution_conflict(prior, r.submitted_on, program.attribution_days))
        throw failure(attribution_refusal(email, *first, program.attribution_days));
}

static void run_submit(const SubmitOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    if (!is_valid_email(normalize_email(o.email))) throw usage_error(fmt::format("invalid email \"{}\"", o.email));
    Date today = g.today_date();
    auto db = open_database(g.db_path(), Access::write);
    WriteTransaction tx(*db);
    auto referrer = find_person(*db, o.by);
    if (!referrer) throw failure(fmt::format("unknown referrer \"{}\" (import or refer add them first)", o.by));
    Referral referral = referral_from(o, *referrer, today);
    check_submission(*db, o, referral, *referrer, program_book(*db).in_force(referral.submitted_on).program);
    auto colleague = find_colleague(*db, referral.referee_email, referral.referee_company);
    EventLog events(*db, current_actor(today));
    events.set_on(referral.submitted_on);
    long long id = ReferralWriter(*db, events).insert(referral);
    tx.commit();
    if (colleague)
        terminal.warning(fmt::format("{}: {} as existing {} {}", *referral.referee_email, colleague->reason,
                                     colleague->person.person.kind.value_or("client"), person_handle(colleague->person.person)));
    terminal.data(g.output_format() == Format::json ? fmt::format("{{\"id\": {}}}\n", id) : fmt::format("{}\n", id));
}

void setup_submit(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<SubmitOptions>();
    CLI::App* cmd = app.add_subcommand("submit", "Record a referral; prints its id");
    cmd->add_option("--by", o->by, "The referrer: email or ext:ID")->required();
    cmd->add_option("--name", o->name, "The referee's name")->required();
    cmd->add_option("--email", o->email, "The referee's email")->required();
    cmd->add_option("--company", o->company, "The referee's company");
    cmd->add_option("--on", o->on, "Submission date (default today)")->check(date_validator());
    cmd->add_option("--source", o->source, spoken_list(k_referral_sources) + " (default: the referrer's kind)")
        ->check(one_of(to_strings(k_referral_sources)));
    cmd->add_flag("--consent", o->consent, "The referee agreed to be introduced");
    cmd->add_option("--note", o->note, "Free text");
    cmd->add_flag("--allow-existing", o->allow_existing, "Accept a referee who is already in the ledger");
    add_fit_options(*cmd, o->fit);
    cmd->footer("Example: refer submit --by jane@acme.com --name 'Sam Lee' --email sam@globex.com --consent");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_submit(*o, globals); }; });
}

} // namespace refer
