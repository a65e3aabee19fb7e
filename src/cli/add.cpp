// refer add EMAIL --name NAME ...: one person by hand.
#include "refer/cli/app.h"
#include "refer/cli/person_options.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/people.h"
#include "refer/util/text.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

struct AddOptions {
    std::string handle;
    PersonOptions fields;
    std::vector<std::string> tags;
};

// The person the options describe; a malformed value is a usage error (exit 2).
static Person person_from(const AddOptions& o)
{
    Person p;
    if (o.handle.starts_with("ext:")) {
        p.external_id = o.handle.substr(4);
        if (p.external_id->empty()) throw usage_error("ext: needs the CRM id, e.g. ext:crm-1042");
        if (o.fields.external_id && !trim(*o.fields.external_id).empty()) throw usage_error("give either ext:ID or --external-id, not both");
    } else {
        std::string email = normalize_email(o.handle);
        if (!is_valid_email(email)) throw usage_error(fmt::format("invalid email \"{}\"", o.handle));
        p.email = email;
    }
    p = o.fields.applied_to(std::move(p));
    if (!p.kind) p.kind = std::string(k_person_kinds[0]);
    for (const std::string& t : o.tags)
        for (const std::string& tag : split_tags(t)) {
            if (!is_valid_tag(tag)) throw usage_error(fmt::format("invalid tag \"{}\"", tag));
            p.tags.push_back(tag);
        }
    if (auto problem = person_dates_problem(p)) throw usage_error(*problem);
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
    add_person_options(*cmd, o->fields, PersonCommand::add);
    cmd->add_option("--tag", o->tags, "A tag (repeatable)");
    cmd->footer("Example: refer add jane@acme.com --name 'Jane Doe' --company Acme --kind partner");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_add(*o, globals); }; });
}

} // namespace refer
