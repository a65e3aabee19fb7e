// refer show PERSON: everything the ledger knows about one person.
#include "refer/cli/app.h"
#include "refer/cli/people_listing.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/nps.h"
#include "refer/storage/people.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <memory>

namespace refer {

struct ShowOptions {
    std::string what;
};

static nlohmann::ordered_json person_json(SQLite::Database& db, const StoredPerson& s)
{
    Listing one = people_listing({s}, false);
    nlohmann::ordered_json doc = to_json(one)[0];
    doc["annual_value_cents"] = s.person.annual_value ? nlohmann::ordered_json(*s.person.annual_value) : nullptr;
    auto nps = nlohmann::ordered_json::array();
    for (const NpsResponse& r : nps_of(db, s.id))
        nps.push_back({{"score", r.score}, {"responded_on", to_string(r.responded_on)},
                       {"comment", r.comment ? nlohmann::ordered_json(*r.comment) : nullptr}});
    doc["nps"] = nps;
    auto milestones = nlohmann::ordered_json::array();
    SQLite::Statement m(db, "SELECT on_date, description FROM milestones WHERE client_id = ? ORDER BY on_date, id");
    m.bind(1, static_cast<int64_t>(s.id));
    while (m.executeStep()) milestones.push_back({{"on", m.getColumn(0).getString()}, {"description", m.getColumn(1).getString()}});
    doc["milestones"] = milestones;
    auto asks = nlohmann::ordered_json::array();
    SQLite::Statement a(db, "SELECT asked_on, reason FROM asks WHERE client_id = ? ORDER BY asked_on");
    a.bind(1, static_cast<int64_t>(s.id));
    while (a.executeStep())
        asks.push_back({{"asked_on", a.getColumn(0).getString()},
                        {"reason", a.getColumn(1).isNull() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(a.getColumn(1).getString())}});
    doc["asks"] = asks;
    doc["referrals"] = nlohmann::ordered_json::array();
    doc["payouts"] = nlohmann::ordered_json::array();
    return doc;
}

// `key: value` lines for people, then the lists.
static std::string person_text(const nlohmann::ordered_json& doc, const TableStyle& style)
{
    std::string out;
    for (const auto& [key, value] : doc.items()) {
        if (value.is_array() && key != "tags") continue;
        std::string text;
        if (value.is_null()) continue;
        if (key == "annual_value_cents") text = format_money(value.get<Cents>(), style.currency_symbol);
        else if (value.is_array()) text = fmt::format("{}", fmt::join(value.get<std::vector<std::string>>(), ", "));
        else text = value.is_string() ? value.get<std::string>() : value.dump();
        if (text.empty()) continue;
        out += fmt::format("{:<12} {}\n", key == "annual_value_cents" ? "annual_value" : key, text);
    }
    if (!doc["nps"].empty()) {
        out += "\nNPS\n";
        for (const auto& r : doc["nps"])
            out += fmt::format("  {}  {:>2}  {}\n", r["responded_on"].get<std::string>(), r["score"].get<int>(),
                               r["comment"].is_null() ? "" : r["comment"].get<std::string>());
    }
    if (!doc["milestones"].empty()) {
        out += "\nMilestones\n";
        for (const auto& m : doc["milestones"])
            out += fmt::format("  {}  {}\n", m["on"].get<std::string>(), m["description"].get<std::string>());
    }
    if (!doc["asks"].empty()) {
        out += "\nAsks\n";
        for (const auto& a : doc["asks"])
            out += fmt::format("  {}  {}\n", a["asked_on"].get<std::string>(), a["reason"].is_null() ? "" : a["reason"].get<std::string>());
    }
    return out;
}

static void run_show(const ShowOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    auto db = open_database(g.db_path(), Access::read);
    auto person = find_person(*db, o.what);
    if (!person) throw failure(fmt::format("unknown person \"{}\"", o.what));
    nlohmann::ordered_json doc = person_json(*db, *person);
    if (g.output_format() == Format::json) terminal.data(doc.dump(2) + "\n");
    else terminal.data(person_text(doc, terminal.table_style()));
}

void setup_show(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<ShowOptions>();
    CLI::App* cmd = app.add_subcommand("show", "Show a person (email or ext:ID) or a referral (id or referee email)");
    cmd->add_option("WHAT", o->what, "Email, ext:ID or referral id")->required();
    cmd->footer("Example: refer show jane@acme.com --json");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_show(*o, globals); }; });
}

} // namespace refer
