// refer clients [--tag T] [--kind K]: the people in the ledger.
#include "refer/cli/app.h"
#include "refer/cli/people_listing.h"
#include "refer/storage/database.h"
#include "refer/util/text.h"

#include <memory>

namespace refer {

struct ClientsOptions {
    std::string tag;
    std::string kind;
};

static void run_clients(const ClientsOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    auto db = open_database(g.db_path(), Access::read);
    PeopleFilter filter;
    if (!o.tag.empty()) {
        std::vector<std::string> tags = split_tags(o.tag); // the stored form: lowercase, `-` for spaces
        filter.tag = tags.empty() ? o.tag : tags.front();
    }
    if (!o.kind.empty()) filter.kind = o.kind;
    Format format = g.output_format();
    Listing listing = people_listing(list_people(*db, filter), format == Format::table || format == Format::md);
    terminal.data(render(listing, format, terminal.table_style()));
}

void setup_clients(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<ClientsOptions>();
    CLI::App* cmd = app.add_subcommand("clients", "List people (clients, partners, employees, advisors)");
    cmd->add_option("--tag", o->tag, "Only people with this tag");
    cmd->add_option("--kind", o->kind, "Only people of this kind")
        ->check(one_of(to_strings(k_person_kinds)));
    cmd->footer("Example: refer clients --tag promoter --json");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_clients(*o, globals); }; });
}

} // namespace refer
