// refer add EMAIL --name NAME ...: one person by hand.
#include "refer/cli/app.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/people.h"
#include "refer/util/text.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

struct AddOptions {
    std::string handle, name, company, industry, kind{k_person_kinds[0]}, annual_value, started_on, ended_on, source,
        external_id, opened_on;
    std::vector<std::string> tags;
};

static std::optional<std::string> given(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }
static std::optional<Date> given_date(const std::string& s)
{
    return s.empty() ? std::nullopt : std::optional(parse_date_option(s));
}

static Person person_from(const AddOptions& o)
{
    Person p;
    if (o.handle.starts_with("ext:")) {
        p.external_id = o.handle.substr(4);
        if (p.external_id->empty()) throw usage_error("ext: needs the CRM id, e.g. ext:crm-1042");
        if (!o.external_id.empty()) throw usage_error("give either ext:ID or --external-id, not both");
    } else {
        std::string email = normalize_email(o.handle);
        if (!is_valid_email(email)) throw usage_error(fmt::format("invalid email \"{}\"", o.handle));
        p.email = email;
        p.external_id = given(o.external_id);
    }
    p.name = given(o.name);
    p.company = given(o.company);
    p.industry = given(o.industry);
    p.kind = o.kind;
    if (!o.annual_value.empty()) p.annual_value = parse_money_option(o.annual_value);
    p.started_on = given_date(o.started_on);
    p.ended_on = given_date(o.ended_on);
    p.opened_on = given_date(o.opened_on);
    p.source = given(o.source);
    for (const std::string& t : o.tags)
        for (const std::string& tag : split_tags(t)) {
            if (!is_valid_tag(tag)) throw usage_error(fmt::format("invalid tag \"{}\"", tag));
            p.tags.push_back(tag);
        }
    if (p.started_on && p.ended_on && *p.ended_on < *p.started_on)
        throw usage_error("--ended-on is before --started-on");
    return p;
}

static void run_add(const AddOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Person person = person_from(o);
    auto db = open_database(g.db_path(), Access::write);
    WriteTransaction tx(*db);
    EventLog events(*db, current_actor(g.today_date()));
    PeopleWriter people(*db, events);
    if ((person.email && people.find_by_email(*person.email)) ||
        (!person.email && person.external_id && people.find_by_external_id(*person.external_id)))
        throw failure(fmt::format("{} is already in the ledger (refer show {})", person_handle(person), person_handle(person)));
    if (person.email && person.external_id)
        if (auto other = people.find_by_external_id(*person.external_id))
            throw failure(fmt::format("external id {} already belongs to {}", *person.external_id,
                                      person_handle(other->person)));
    people.insert(person);
    tx.commit();
    terminal.summary(fmt::format("added {}", person_handle(person)));
}

void setup_add(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<AddOptions>();
    CLI::App* cmd = app.add_subcommand("add", "Add one person by hand");
    cmd->add_option("PERSON", o->handle, "Email address, or ext:ID for a person without one")->required();
    cmd->add_option("--name", o->name, "Full name");
    cmd->add_option("--company", o->company, "Company");
    cmd->add_option("--industry", o->industry, "Industry");
    cmd->add_option("--kind", o->kind, fmt::format("{} (default), {}", k_person_kinds[0],
                                                   spoken_list(std::span(k_person_kinds).subspan(1))))
        ->check(one_of(to_strings(k_person_kinds)));
    cmd->add_option("--annual-value", o->annual_value, "Yearly contract value, e.g. 24000 or 24,000.00")
        ->check(money_validator());
    cmd->add_option("--started-on", o->started_on, "Client since")->check(date_validator());
    cmd->add_option("--ended-on", o->ended_on, "Client until (makes them an alumnus)")->check(date_validator());
    cmd->add_option("--opened-on", o->opened_on, "Date the deal was opened")->check(date_validator());
    cmd->add_option("--source", o->source, fmt::format("How they came: {}", fmt::join(k_person_sources, ", ")))
        ->check(one_of(to_strings(k_person_sources)));
    cmd->add_option("--external-id", o->external_id, "Their id in the CRM");
    cmd->add_option("--tag", o->tags, "A tag (repeatable)");
    cmd->footer("Example: refer add jane@acme.com --name 'Jane Doe' --company Acme --kind partner");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_add(*o, globals); }; });
}

} // namespace refer
