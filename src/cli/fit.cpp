// refer fit REF [--industry N] [--role N] [--size N] [--urgency|--no-urgency]: scores a
// referral on the fit rubric (SPEC 4); a repeated fit changes only the parts it names.
#include "refer/cli/app.h"
#include "refer/cli/fit_options.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/programs.h"
#include "refer/storage/referrals.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

Fit FitOptions::applied_to(Fit fit) const
{
    if (industry) fit.industry = industry;
    if (role) fit.role = role;
    if (size) fit.size = size;
    if (urgency) fit.urgency = true;
    if (no_urgency) fit.urgency = false;
    return fit;
}

void add_fit_options(CLI::App& cmd, FitOptions& o)
{
    auto part = [&cmd](const std::string& name, std::optional<int>& field, int max, const std::string& help) {
        cmd.add_option(name, field, fmt::format("{} (0-{})", help, max))
            ->type_name("N")
            ->check(CLI::Range(0, max).description(""))
            ->group("Fit");
    };
    part("--industry", o.industry, k_fit_industry_max, "Industry match");
    part("--role", o.role, k_fit_role_max, "Role relevance");
    part("--size", o.size, k_fit_size_max, "Company-size alignment");
    auto* urgency = cmd.add_flag("--urgency", o.urgency, "An urgency signal (+2)")->group("Fit");
    auto* no_urgency = cmd.add_flag("--no-urgency", o.no_urgency, "No urgency signal (takes it back)")->group("Fit");
    urgency->excludes(no_urgency);
}

struct FitCommand {
    std::string ref;
    FitOptions fit;
};

static void run_fit(const FitCommand& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    if (!o.fit.any()) throw usage_error("say which part to score: --industry, --role, --size, --urgency or --no-urgency");
    auto db = open_database(g.db_path(), Access::write);
    WriteTransaction tx(*db);
    auto stored = find_referral_ref(*db, o.ref);
    if (!stored) throw failure(fmt::format("unknown referral \"{}\"", o.ref));
    Referral after = stored->referral;
    after.fit = o.fit.applied_to(after.fit);
    int threshold = program_book(*db).in_force(after.submitted_on).program.priority_fit_score;
    std::string verdict = is_priority(after.fit, threshold) ? "priority" : "not priority";
    if (after == stored->referral) {
        terminal.summary(fmt::format("referral {}: fit {} ({}), nothing to change", stored->id, *fit_score(after.fit), verdict));
        return;
    }
    EventLog events(*db, current_actor(today));
    ReferralWriter(*db, events).update(stored->id, stored->referral, after);
    tx.commit();
    terminal.summary(fmt::format("referral {}: fit {} ({})", stored->id, *fit_score(after.fit), verdict));
}

void setup_fit(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<FitCommand>();
    CLI::App* cmd = app.add_subcommand("fit", "Score how well a referral fits: industry, role, size, urgency");
    cmd->add_option("REF", o->ref, "Referral id or referee email")->required();
    add_fit_options(*cmd, o->fit);
    cmd->footer("Example: refer fit 12 --industry 3 --role 2 --size 1 --urgency\n"
                "The score is the sum (0-10); at the program's priority_fit_score (default 6) the referral is priority.");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_fit(*o, globals); }; });
}

} // namespace refer
