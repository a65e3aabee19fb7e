// refer show PERSON|REF: everything the ledger knows about one person or one referral.
#include "refer/cli/app.h"
#include "refer/cli/payout_listing.h"
#include "refer/cli/people_listing.h"
#include "refer/cli/referral_listing.h"
#include "refer/domain/nudge.h"
#include "refer/error.h"
#include "refer/render/event_text.h"
#include "refer/storage/asks.h"
#include "refer/storage/database.h"
#include "refer/storage/programs.h"
#include "refer/storage/milestones.h"
#include "refer/storage/nps.h"
#include "refer/storage/payouts.h"
#include "refer/storage/people.h"
#include "refer/storage/referrals.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

struct ShowOptions {
    std::string what;
};

static nlohmann::ordered_json optional_json(const std::optional<std::string>& text)
{
    return text ? nlohmann::ordered_json(*text) : nlohmann::ordered_json(nullptr);
}

// Events as stored, as `refer export events` has them: JSON is read by programs.
static nlohmann::ordered_json events_json(const std::vector<StoredEvent>& events)
{
    auto out = nlohmann::ordered_json::array();
    for (const StoredEvent& e : events)
        out.push_back({{"at", e.at}, {"on", to_string(e.on)}, {"what", e.what}, {"old", optional_json(e.old_value)},
                       {"new", optional_json(e.new_value)}, {"user", optional_json(e.user)}});
    return out;
}

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
    for (const Milestone& m : milestones_of(db, s.id))
        milestones.push_back({{"on", to_string(m.on)}, {"description", m.description}});
    doc["milestones"] = milestones;
    ReferralFilter sent;
    sent.referrer_id = s.id;
    std::vector<StoredReferral> referrals = list_referrals(db, sent);
    // Each ask with whether a referral answered it (SPEC 12: on or after it, before the next).
    std::vector<Ask> asked = asks_of(db, s.id);
    std::vector<Date> asked_on, submitted_on;
    for (const Ask& a : asked) asked_on.push_back(a.asked_on);
    for (const StoredReferral& r : referrals) submitted_on.push_back(r.referral.submitted_on);
    std::vector<bool> answered = answered_asks(asked_on, submitted_on);
    auto asks = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < asked.size(); ++i)
        asks.push_back({{"asked_on", to_string(asked[i].asked_on)}, {"reason", optional_json(asked[i].reason)},
                        {"answered", bool(answered[i])}});
    doc["asks"] = asks;
    doc["referrals"] = to_json(referral_listing(referrals, false, program_book(db)));
    PayoutFilter paid_to;
    paid_to.person_id = s.id;
    doc["payouts"] = to_json(payout_listing(list_payouts(db, paid_to), false));
    doc["events"] = events_json(events_of(db, "client", s.id));
    return doc;
}

static nlohmann::ordered_json show_referral_json(SQLite::Database& db, const StoredReferral& r)
{
    nlohmann::ordered_json doc = referral_json(r, program_book(db));
    doc["events"] = events_json(referral_events(db, r.id));
    PayoutFilter of_referral;
    of_referral.referral_id = r.id;
    doc["payouts"] = to_json(payout_listing(list_payouts(db, of_referral), false));
    return doc;
}

static std::string scalar_text(const std::string& key, const nlohmann::ordered_json& value, const TableStyle& style)
{
    if (key.ends_with("_cents")) return format_money(value.get<Cents>(), style.currency_symbol);
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// Each payout with its amount, status and explanation.
static std::string payouts_text(const nlohmann::ordered_json& payouts, const TableStyle& style)
{
    if (payouts.empty()) return "";
    std::string out = "\nPayouts\n";
    for (const auto& p : payouts)
        out += fmt::format("  #{:<5} {:>12}  {:<8} {}  due {}  {}\n", p["id"].get<std::int64_t>(),
                           format_money(p["amount_cents"].get<Cents>(), style.currency_symbol),
                           p["status"].get<std::string>(), p["earned_on"].get<std::string>(),
                           p["due_on"].get<std::string>(), p["explanation"].get<std::string>());
    return out;
}

// Each event as a person reads it: its business date, when and by whom it was written, the change.
static std::string events_text(std::string_view entity, const nlohmann::ordered_json& events, const EventReader& reader)
{
    if (events.empty()) return "";
    auto text = [](const nlohmann::ordered_json& v) { return v.is_null() ? std::optional<std::string>() : v.get<std::string>(); };
    std::string out = "\nEvents\n";
    for (const auto& e : events)
        out += fmt::format("  {}  {}  {}  {}\n", e["on"].get<std::string>(), e["at"].get<std::string>(),
                           text(e["user"]).value_or("-"),
                           readable_change(entity, e["what"].get<std::string>(), text(e["old"]), text(e["new"]), reader));
    return out;
}

// `key: value` lines for the referral, then its history.
static std::string referral_text(const nlohmann::ordered_json& doc, const TableStyle& style, const EventReader& reader)
{
    std::string out;
    for (const auto& [key, value] : doc.items()) {
        if (value.is_array() || value.is_null()) continue;
        std::string name = key.ends_with("_cents") ? key.substr(0, key.size() - 6) : key;
        out += fmt::format("{:<16} {}\n", name, scalar_text(key, value, style));
    }
    return out + events_text("referral", doc["events"], reader) + payouts_text(doc["payouts"], style);
}

// `key: value` lines for people, then the lists.
static std::string person_text(const nlohmann::ordered_json& doc, const TableStyle& style, const EventReader& reader)
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
    if (!doc["referrals"].empty()) {
        out += "\nReferrals\n";
        for (const auto& r : doc["referrals"])
            out += fmt::format("  {:>6}  {}  {:<9}  {}\n", r["id"].get<std::int64_t>(), r["submitted_on"].get<std::string>(),
                               r["status"].get<std::string>(),
                               r["referee_email"].is_null() ? r["referee_name"].dump() : r["referee_email"].get<std::string>());
    }
    if (!doc["asks"].empty()) {
        out += "\nAsks\n";
        for (const auto& a : doc["asks"])
            out += fmt::format("  {}  {}{}\n", a["asked_on"].get<std::string>(),
                               a["answered"].get<bool>() ? "answered  " : "unanswered",
                               a["reason"].is_null() ? "" : "  " + a["reason"].get<std::string>());
    }
    return out + payouts_text(doc["payouts"], style) + events_text("client", doc["events"], reader);
}

// A person id by email (ext:ID).
static EventReader event_reader(SQLite::Database& db)
{
    EventReader reader;
    reader.person = [&db](long long id) {
        auto person = find_person_by_id(db, id);
        return person ? person_handle(person->person) : fmt::format("person #{}", id);
    };
    return reader;
}

static void run_show(const ShowOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    auto db = open_database(g.db_path(), Access::read);
    bool json = g.output_format() == Format::json;
    // Amounts in the currency of the program in force today (events print them bare, SPEC 2).
    std::string symbol = currency_symbol(program_book(*db).in_force(g.today_date()).program.currency);
    bool is_id = !o.what.empty() && o.what.find_first_not_of("0123456789") == std::string::npos;
    auto person = is_id ? std::nullopt : find_person(*db, o.what);
    if (person) {
        nlohmann::ordered_json doc = person_json(*db, *person);
        terminal.data(json ? doc.dump(2) + "\n" : person_text(doc, terminal.table_style(symbol), event_reader(*db)));
        return;
    }
    auto referral = o.what.starts_with("ext:") ? std::nullopt : find_referral_ref(*db, o.what);
    if (!referral) {
        std::string_view what = is_id ? "referral" : o.what.starts_with("ext:") ? "person" : "person or referral";
        throw failure(fmt::format("unknown {} \"{}\"", what, o.what));
    }
    nlohmann::ordered_json doc = show_referral_json(*db, *referral);
    terminal.data(json ? doc.dump(2) + "\n" : referral_text(doc, terminal.table_style(symbol), event_reader(*db)));
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
