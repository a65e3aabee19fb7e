// refer edit REF|PERSON ...: corrects a referral without moving it, or a person's fields;
// every correction is an event.
#include "refer/cli/app.h"
#include "refer/cli/edit_target.h"
#include "refer/cli/person_options.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/people.h"
#include "refer/storage/referrals.h"

#include <algorithm>
#include <fmt/format.h>
#include <memory>

namespace refer {

struct EditOptions {
    std::string what;
    PersonOptions person; // --name, --email and --company are the referee's in a referral
    std::optional<std::string> value, note; // a referral's alone; set when the option was given
    bool consent = false, no_consent = false;

    std::vector<std::string> referral_only() const
    {
        std::vector<std::string> names;
        if (value) names.emplace_back("--value");
        if (note) names.emplace_back("--note");
        if (consent) names.emplace_back("--consent");
        if (no_consent) names.emplace_back("--no-consent");
        return names;
    }
    std::vector<std::string> person_only() const
    {
        std::vector<std::string> names = person.given();
        std::erase_if(names, [](const std::string& n) { return n == "--email" || n == "--name" || n == "--company"; });
        return names;
    }
};

static bool is_referral_id(std::string_view what)
{
    return !what.empty() && what.find_first_not_of("0123456789") == std::string_view::npos;
}

EditTarget edit_target(std::string_view what, const std::vector<std::string>& referral_only,
                       const std::vector<std::string>& person_only)
{
    if (!referral_only.empty() && !person_only.empty())
        throw usage_error(fmt::format("{} corrects a referral and {} a person: correct one at a time",
                                      referral_only.front(), person_only.front()));
    if (is_referral_id(what)) {
        if (!person_only.empty())
            throw usage_error(fmt::format("{} corrects a person, and {} is a referral id (refer edit EMAIL|ext:ID "
                                          "corrects a person)", person_only.front(), what));
        return EditTarget::referral;
    }
    if (what.starts_with("ext:")) {
        if (!referral_only.empty())
            throw usage_error(fmt::format("{} corrects a referral, and {} is a person (refer edit ID corrects a "
                                          "referral)", referral_only.front(), what));
        return EditTarget::person;
    }
    if (!referral_only.empty()) return EditTarget::referral;
    if (!person_only.empty()) return EditTarget::person;
    return EditTarget::person_else_referral;
}

// An empty text clears the field; a field not given stays as it is.
static void set_text(std::optional<std::string>& field, const std::optional<std::string>& given)
{
    if (given) field = given->empty() ? std::nullopt : given;
}

static Referral corrected(const EditOptions& o, Referral r)
{
    if (o.value) r.deal_value = o.value->empty() ? std::nullopt : std::optional(parse_money_option(*o.value));
    set_text(r.referee_name, o.person.name);
    set_text(r.referee_company, o.person.company);
    set_text(r.note, o.note);
    if (o.person.email) {
        std::string email = normalize_email(*o.person.email);
        if (!is_valid_email(email)) throw usage_error(fmt::format("invalid email \"{}\"", *o.person.email));
        r.referee_email = email;
    }
    if (o.consent) r.consent = true;
    if (o.no_consent) r.consent = false;
    return r;
}

static void edit_referral(SQLite::Database& db, const StoredReferral& stored, const EditOptions& o, Date today,
                          const Terminal& terminal)
{
    Referral after = corrected(o, stored.referral);
    if (after.status == Status::won && !after.deal_value)
        throw failure(fmt::format("referral {} is won: it keeps a deal value", stored.id));
    if (after == stored.referral) {
        terminal.summary(fmt::format("referral {}: nothing to change", stored.id));
        return;
    }
    EventLog events(db, current_actor(today));
    ReferralWriter(db, events).update(stored.id, stored.referral, after);
    terminal.summary(fmt::format("referral {}: corrected", stored.id));
}

// The email and the external id name one person each: neither may be taken from another.
static void check_identity(PeopleWriter& people, const StoredPerson& stored, const Person& after)
{
    if (!after.email && !after.external_id)
        throw failure(fmt::format("{}: a person keeps an email or an external id", person_handle(stored.person)));
    if (after.email && after.email != stored.person.email)
        if (auto other = people.find_by_email(*after.email); other && other->id != stored.id)
            throw failure(fmt::format("{} is another person's email (refer show {})", *after.email, *after.email));
    if (after.external_id && after.external_id != stored.person.external_id)
        if (auto other = people.find_by_external_id(*after.external_id); other && other->id != stored.id)
            throw failure(fmt::format("external id {} already belongs to {}", *after.external_id,
                                      person_handle(other->person)));
}

static void edit_person(SQLite::Database& db, const StoredPerson& stored, const PersonOptions& o, Date today,
                        const Terminal& terminal)
{
    Person after = o.applied_to(stored.person);
    std::string handle = person_handle(stored.person);
    std::vector<PersonField> changed = changed_fields(stored.person, after);
    if (changed.empty()) {
        terminal.summary(fmt::format("{}: nothing to change", handle));
        return;
    }
    if (auto problem = person_dates_problem(after)) throw failure(fmt::format("{}: {}", handle, *problem));
    EventLog events(db, current_actor(today));
    PeopleWriter people(db, events);
    check_identity(people, stored, after);
    people.update(stored.id, stored.person, after);
    std::vector<std::string_view> names;
    for (PersonField f : changed) names.push_back(field_name(f));
    terminal.summary(fmt::format("{}: corrected {}", handle, fmt::join(names, ", ")));
}

// Malformed values are usage errors before the database is opened.
static void check_values(const EditOptions& o, EditTarget target)
{
    if (target == EditTarget::referral) {
        corrected(o, Referral{});
        return;
    }
    Person given = o.person.applied_to(Person{});
    if (auto problem = person_dates_problem(given)) throw usage_error(*problem);
}

static void run_edit(const EditOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    EditTarget target = edit_target(o.what, o.referral_only(), o.person_only());
    check_values(o, target);
    auto db = open_existing_database(g.db_path());
    WriteTransaction tx(*db);
    if (target != EditTarget::referral) {
        if (auto person = find_person(*db, o.what)) {
            edit_person(*db, *person, o.person, today, terminal);
            tx.commit();
            return;
        }
        if (target == EditTarget::person) throw failure(fmt::format("unknown person \"{}\"", o.what));
    }
    auto stored = find_referral_ref(*db, o.what);
    if (!stored) {
        std::string_view what = target == EditTarget::referral ? "referral" : "person or referral";
        throw failure(fmt::format("unknown {} \"{}\"", what, o.what));
    }
    if (target == EditTarget::person_else_referral) corrected(o, Referral{}); // the referee's email, checked
    edit_referral(*db, *stored, o, today, terminal);
    tx.commit();
}

void setup_edit(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<EditOptions>();
    CLI::App* cmd = app.add_subcommand("edit", "Correct a referral without moving it, or a person's fields");
    cmd->add_option("WHAT", o->what, "Referral id or referee email; a person's email or ext:ID")->required();
    add_person_options(*cmd, o->person, PersonCommand::edit);
    cmd->add_option_function<std::string>("--value", [o](const std::string& v) { o->value = v; },
                                          "Deal value of the referral (empty clears it)");
    cmd->add_option_function<std::string>("--note", [o](const std::string& v) { o->note = v; },
                                          "Note on the referral (empty clears it)");
    auto* consent = cmd->add_flag("--consent", o->consent, "The referee agreed to be introduced");
    auto* no_consent = cmd->add_flag("--no-consent", o->no_consent, "The referee did not agree");
    consent->excludes(no_consent);
    cmd->footer("Example: refer edit 12 --value 30,000 --note 'two-year contract'\n"
                "         refer edit jane@acme.com --company 'Acme Corp' --email jane@acme.io");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_edit(*o, globals); }; });
}

} // namespace refer
