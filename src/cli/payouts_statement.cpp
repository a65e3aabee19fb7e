// refer payouts statement PERSON [--from D [--to D]]: one person's referrals, payouts and
// balance, as a page a founder sends to them (SPEC 7).
#include "refer/cli/app.h"
#include "refer/cli/payout_listing.h"
#include "refer/cli/people_listing.h"
#include "refer/cli/referral_listing.h"
#include "refer/domain/settlement.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/payouts.h"
#include "refer/storage/people.h"
#include "refer/storage/programs.h"
#include "refer/storage/referrals.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

struct StatementOptions {
    std::string person, from, to;
};

struct Statement {
    StoredPerson person;
    Period period;
    Date today;
    std::vector<StoredReferral> referrals; // submitted in the period
    std::vector<Payout> payouts;           // earned in the period
    PayoutTotals totals;
};

// As the report reads periods (SPEC 12): --from alone runs to today, --to alone is an error.
static Period statement_period(const StatementOptions& o, Date today)
{
    if (o.from.empty() && !o.to.empty()) throw usage_error("--to needs --from (--from alone runs to today)");
    if (o.from.empty()) return {};
    Period p{parse_date_option(o.from), o.to.empty() ? today : parse_date_option(o.to)};
    if (*p.to < *p.from) throw usage_error(fmt::format("--from {} is after --to {}", to_string(*p.from), to_string(*p.to)));
    return p;
}

static Statement load_statement(SQLite::Database& db, StoredPerson person, Period period, Date today)
{
    Statement s{std::move(person), period, today, {}, {}, {}};
    ReferralFilter sent;
    sent.referrer_id = s.person.id;
    s.referrals = list_referrals(db, sent);
    std::erase_if(s.referrals, [&](const StoredReferral& r) { return !period.contains(r.referral.submitted_on); });
    PayoutFilter earned;
    earned.person_id = s.person.id;
    s.payouts = list_payouts(db, earned);
    std::erase_if(s.payouts, [&](const Payout& p) { return !period.contains(p.earned_on); });
    s.totals = payout_totals(s.payouts);
    return s;
}

// What a person reads: a referrer's view of the referrals and payouts, with plain headers.
static Listing referral_rows(const Statement& s)
{
    Listing l;
    l.columns = {"id", "referee", "status", "submitted", "won", "deal value"};
    for (const StoredReferral& r : s.referrals)
        l.rows.push_back({std::int64_t{r.id}, referee_cell(r.referral), std::string(to_string(r.referral.status)),
                          r.referral.submitted_on, date_cell(r.referral.won_on), money_cell(r.referral.deal_value)});
    return l;
}

static Listing payout_rows(const Statement& s)
{
    Listing l;
    l.columns = {"id", "referral", "reward", "kind", "amount", "earned", "due", "status", "paid", "explanation"};
    for (const Payout& p : s.payouts)
        l.rows.push_back({std::int64_t{p.id}, std::int64_t{p.referral_id}, p.reward, std::string(to_string(p.kind)),
                          Money{p.amount}, p.earned_on, p.due_on, std::string(to_string(p.status)),
                          date_cell(p.paid_on), p.explanation});
    return l;
}

static std::string who(const Person& p)
{
    std::string handle = p.email ? *p.email : "ext:" + p.external_id.value_or("");
    return p.name ? fmt::format("{} <{}>", *p.name, handle) : handle;
}

static std::string period_text(const Statement& s)
{
    std::string period = s.period.from ? to_string(*s.period.from) + " to " + to_string(*s.period.to) : "all time";
    return period + ", as of " + to_string(s.today);
}

static std::vector<std::pair<std::string, Cents>> total_lines(const PayoutTotals& t)
{
    return {{"Earned", t.earned}, {"Paid", t.paid}, {"Outstanding", t.outstanding}};
}

static std::string statement_table(const Statement& s, const TableStyle& style)
{
    std::string out = fmt::format("Referral statement for {}\nPeriod: {}\n", who(s.person.person), period_text(s));
    auto section = [&](const char* title, const Listing& l) {
        out += fmt::format("\n{}\n{}", title, l.rows.empty() ? "none\n" : render_table(l, style));
    };
    section("Referrals", referral_rows(s));
    section("Payouts", payout_rows(s));
    out += "\n";
    size_t width = 0;
    for (const auto& [label, cents] : total_lines(s.totals))
        width = std::max(width, display_width(format_money(cents, style.currency_symbol)));
    for (const auto& [label, cents] : total_lines(s.totals)) {
        std::string money = format_money(cents, style.currency_symbol);
        out += fmt::format("{:<11}  {}{}\n", label, std::string(width - display_width(money), ' '), money);
    }
    return out;
}

// Markdown's own characters in a person's name must not turn into emphasis or links.
static std::string md_escaped(std::string_view text)
{
    std::string out;
    for (char c : text) {
        if (std::string_view("\\`*_[]<>#|~").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

static std::string statement_markdown(const Statement& s, const TableStyle& style)
{
    const Person& p = s.person.person;
    std::string handle = p.email ? "<" + *p.email + ">" : md_escaped("ext:" + p.external_id.value_or(""));
    std::string out = fmt::format("# Referral statement for {}\n\n**Period:** {}\n",
                                  p.name ? md_escaped(*p.name) + " " + handle : handle, period_text(s));
    auto section = [&](const char* title, const Listing& l) {
        out += fmt::format("\n## {}\n\n{}", title, l.rows.empty() ? "None.\n" : render_markdown(l, style));
    };
    section("Referrals", referral_rows(s));
    section("Payouts", payout_rows(s));
    out += "\n## Totals\n\n";
    for (const auto& [label, cents] : total_lines(s.totals))
        out += fmt::format("- **{}:** {}\n", label, format_money(cents, style.currency_symbol));
    return out;
}

static nlohmann::ordered_json statement_json(const Statement& s, const ProgramBook& book)
{
    auto date_or_null = [](const std::optional<Date>& d) { return d ? nlohmann::ordered_json(to_string(*d)) : nullptr; };
    const Person& p = s.person.person;
    return {{"email", p.email ? nlohmann::ordered_json(*p.email) : nullptr},
            {"name", p.name ? nlohmann::ordered_json(*p.name) : nullptr},
            {"from", date_or_null(s.period.from)},
            {"to", date_or_null(s.period.to)},
            {"referrals", to_json(referral_listing(s.referrals, false, book))},
            {"payouts", to_json(payout_listing(s.payouts, false))},
            {"earned_cents", s.totals.earned},
            {"paid_cents", s.totals.paid},
            {"outstanding_cents", s.totals.outstanding}};
}

static void run_statement(const StatementOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    Date today = g.today_date();
    Format format = g.output_format();
    if (format == Format::csv || format == Format::html)
        throw usage_error(fmt::format("a statement prints as table, md or json, not {}", format == Format::csv ? "csv" : "html"));
    Period period = statement_period(o, today);
    auto db = open_database(g.db_path(), Access::read);
    Statement statement = load_statement(*db, require_person(*db, o.person), period, today);
    ProgramBook book = program_book(*db);
    TableStyle style = terminal.table_style(currency_symbol(book.in_force(today).program.currency));
    if (format == Format::json) terminal.data(statement_json(statement, book).dump(2) + "\n");
    else if (format == Format::md) terminal.data(statement_markdown(statement, style));
    else terminal.data(statement_table(statement, style));
}

void setup_payouts_statement(CLI::App& group, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<StatementOptions>();
    CLI::App* cmd = group.add_subcommand("statement", "One person's referrals, payouts and balance, to send them");
    cmd->add_option("PERSON", o->person, "Email or ext:ID")->required();
    cmd->add_option("--from", o->from, "Payouts earned and referrals submitted on or after this date")
        ->type_name("DATE")->check(date_validator());
    cmd->add_option("--to", o->to, "... and on or before this date (default today; needs --from)")
        ->type_name("DATE")->check(date_validator());
    cmd->footer("Example: refer payouts statement jane@acme.com --from 2026-01-01 --format md");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_statement(*o, globals); }; });
}

} // namespace refer
