// refer edit REF ...: corrects a referral without moving it; every correction is an event.
#include "refer/cli/app.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/referrals.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

struct EditOptions {
    std::string ref;
    std::optional<std::string> value, name, email, company, note; // set when the option was given
    bool consent = false, no_consent = false;
};

// An empty text clears the field; a field not given stays as it is.
static void set_text(std::optional<std::string>& field, const std::optional<std::string>& given)
{
    if (given) field = given->empty() ? std::nullopt : given;
}

static Referral corrected(const EditOptions& o, Referral r)
{
    if (o.value) r.deal_value = o.value->empty() ? std::nullopt : std::optional(parse_money_option(*o.value));
    set_text(r.referee_name, o.name);
    set_text(r.referee_company, o.company);
    set_text(r.note, o.note);
    if (o.email) {
        std::string email = normalize_email(*o.email);
        if (!is_valid_email(email)) throw usage_error(fmt::format("invalid email \"{}\"", *o.email));
        r.referee_email = email;
    }
    if (o.consent) r.consent = true;
    if (o.no_consent) r.consent = false;
    return r;
}

static void run_edit(const EditOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    corrected(o, Referral{}); // malformed values are usage errors before the database is opened
    auto db = open_database(g.db_path(), Access::write);
    WriteTransaction tx(*db);
    auto stored = find_referral_ref(*db, o.ref);
    if (!stored) throw failure(fmt::format("unknown referral \"{}\"", o.ref));
    Referral after = corrected(o, stored->referral);
    if (after.status == Status::won && !after.deal_value)
        throw failure(fmt::format("referral {} is won: it keeps a deal value", stored->id));
    if (after == stored->referral) {
        terminal.summary(fmt::format("referral {}: nothing to change", stored->id));
        return;
    }
    EventLog events(*db, current_actor(today));
    ReferralWriter(*db, events).update(stored->id, stored->referral, after);
    tx.commit();
    terminal.summary(fmt::format("referral {}: corrected", stored->id));
}

void setup_edit(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<EditOptions>();
    CLI::App* cmd = app.add_subcommand("edit", "Correct a referral without moving it");
    cmd->add_option("REF", o->ref, "Referral id or referee email")->required();
    auto text_option = [cmd](const std::string& name, std::optional<std::string>& field, const std::string& help) {
        cmd->add_option_function<std::string>(name, [&field](const std::string& v) { field = v; }, help);
    };
    text_option("--value", o->value, "Deal value (empty clears it)");
    text_option("--name", o->name, "Referee name (empty clears it)");
    text_option("--email", o->email, "Referee email");
    text_option("--company", o->company, "Referee company (empty clears it)");
    text_option("--note", o->note, "Note (empty clears it)");
    auto* consent = cmd->add_flag("--consent", o->consent, "The referee agreed to be introduced");
    auto* no_consent = cmd->add_flag("--no-consent", o->no_consent, "The referee did not agree");
    consent->excludes(no_consent);
    cmd->footer("Example: refer edit 12 --value 30,000 --note 'two-year contract'");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_edit(*o, globals); }; });
}

} // namespace refer
