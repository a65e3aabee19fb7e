// refer import clients|nps FILE: CRM and survey exports into the ledger, all or nothing.
#include "refer/cli/app.h"
#include "refer/cli/import_file.h"
#include "refer/cli/import_people.h"

#include <memory>

namespace refer {

void setup_import(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    CLI::App* import = app.add_subcommand("import", "Import people, NPS responses or referrals from CSV");
    import->require_subcommand(1);

    auto clients = std::make_shared<ImportOptions>();
    CLI::App* c = import->add_subcommand("clients", "Import people from a CRM export or spreadsheet");
    add_import_options(*c, *clients);
    c->add_flag("--all-stages", clients->all_stages,
                "Import every lifecycle stage (leads, opportunities ...), not only customers and evangelists");
    c->footer("Example: refer import clients hubspot-contacts.csv --skip-invalid");
    c->callback([clients, &globals, &selected] { selected = [clients, &globals] { import_clients(*clients, globals); }; });

    auto nps = std::make_shared<ImportOptions>();
    CLI::App* n = import->add_subcommand("nps", "Import NPS survey responses (SurveyMonkey, Qualtrics, CSV)");
    add_import_options(*n, *nps);
    n->footer("Example: refer import nps surveymonkey-export.csv");
    n->callback([nps, &globals, &selected] { selected = [nps, &globals] { import_nps(*nps, globals); }; });

    auto referrals = std::make_shared<ImportOptions>();
    CLI::App* r = import->add_subcommand("referrals", "Backfill referrals from a spreadsheet (or refer export referrals --raw)");
    add_import_options(*r, *referrals);
    r->footer("Example: refer import referrals referrals-2025.csv --skip-invalid");
    r->callback([referrals, &globals, &selected] { selected = [referrals, &globals] { import_referrals(*referrals, globals); }; });
}

} // namespace refer
