#include "refer/csvio/columns.h"

#include "refer/error.h"
#include "refer/util/text.h"

#include <algorithm>
#include <fmt/format.h>
#include <initializer_list>

namespace refer {

std::optional<Preset> parse_preset(std::string_view name)
{
    if (name == "hubspot") return Preset::hubspot;
    if (name == "pipedrive") return Preset::pipedrive;
    if (name == "salesforce") return Preset::salesforce;
    if (name == "none" || name == "canonical") return Preset::none;
    return std::nullopt;
}

std::string_view preset_name(Preset preset)
{
    switch (preset) {
    case Preset::hubspot: return "hubspot";
    case Preset::pipedrive: return "pipedrive";
    case Preset::salesforce: return "salesforce";
    case Preset::none: break;
    }
    return "none";
}

std::optional<ColumnOverride> parse_column_override(std::string_view text)
{
    auto eq = text.rfind('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) return std::nullopt;
    return ColumnOverride{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

std::string normalize_header(std::string_view header)
{
    std::string out;
    bool space = false;
    for (unsigned char c : header) {
        if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t' || c == '\r' || c == '\n' || c == ':') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

const std::vector<size_t>* ColumnMap::find(const std::string& field) const
{
    auto it = columns.find(field);
    return it == columns.end() || it->second.empty() ? nullptr : &it->second;
}

struct Alias {
    std::string_view header; // normalised
    std::string_view field;
};

// Canonical names and the headers of the CRMs' exports (normalised; Pipedrive's
// `Person - ` prefix is removed before matching). A header maps to what the column means in
// its CRM, not to what its name suggests (refer-import(1) says why for each):
// - a record's creation (HubSpot `Create Date`, Salesforce `Created Date`, Pipedrive
//   `Person created`) is when the contact or deal was opened, not when the client started;
// - `Annual Revenue` (HubSpot, Salesforce) is the company's revenue, not what the client
//   pays: no alias, so that it is listed as ignored;
// - HubSpot's default contacts view names the company `Associated Company`; `Company Name`,
//   the contact's own property, comes first when both are there.
// Where a field has several columns, the earlier alias in this table is read first and the
// others are fallbacks for an empty cell.
static constexpr Alias k_people_aliases[] = {
    {"email", "email"}, {"e mail", "email"}, {"email address", "email"}, {"primary email", "email"},
    {"work email", "email"}, {"email work", "email"}, {"email home", "email"}, {"email other", "email"},
    {"name", "name"}, {"full name", "name"}, {"contact name", "name"}, {"contact", "name"},
    {"first name", "first_name"}, {"firstname", "first_name"}, {"given name", "first_name"},
    {"last name", "last_name"}, {"lastname", "last_name"}, {"surname", "last_name"}, {"family name", "last_name"},
    {"company", "company"}, {"company name", "company"}, {"organization", "company"},
    {"organisation", "company"}, {"organization name", "company"}, {"account name", "company"}, {"account", "company"},
    {"associated company", "company"},
    {"industry", "industry"},
    {"kind", "kind"},
    {"annual value", "annual_value"}, {"annual value cents", "annual_value"},
    {"started on", "started_on"}, {"start date", "started_on"}, {"client since", "started_on"},
    {"customer since", "started_on"}, {"became a customer date", "started_on"},
    {"ended on", "ended_on"}, {"end date", "ended_on"}, {"churned on", "ended_on"},
    {"source", "source"}, {"lead source", "source"}, {"original source", "source"},
    {"original source type", "source"},
    {"tags", "tags"},
    {"external id", "external_id"}, {"id", "external_id"}, {"record id", "external_id"},
    {"contact id", "external_id"}, {"crm id", "external_id"},
    {"opened on", "opened_on"}, {"create date", "opened_on"}, {"created date", "opened_on"},
    {"person created", "opened_on"},
    {"lifecycle stage", "lifecycle_stage"},
    {"referred by", "referred_by"}, // referred_by: written by export, set only by refer
};

static constexpr Alias k_nps_aliases[] = {
    {"email", "email"}, {"e mail", "email"}, {"email address", "email"}, {"recipientemail", "email"},
    {"recipient email", "email"}, {"respondent email", "email"},
    {"score", "score"}, {"nps", "score"}, {"nps score", "score"}, {"rating", "score"},
    // Qualtrics' RecordedDate (when the response was recorded) before its EndDate.
    {"responded on", "responded_on"}, {"recordeddate", "responded_on"}, {"recorded date", "responded_on"},
    {"date", "responded_on"}, {"end date", "responded_on"}, {"enddate", "responded_on"},
    {"submitted at", "responded_on"}, {"response date", "responded_on"}, {"submitted", "responded_on"},
    {"comment", "comment"}, {"comments", "comment"}, {"feedback", "comment"},
};

static std::optional<std::string> alias_for(std::string_view header, const Alias* begin, const Alias* end,
                                            size_t* rank = nullptr)
{
    for (const Alias* a = begin; a != end; ++a)
        if (a->header == header) {
            if (rank) *rank = static_cast<size_t>(a - begin);
            return std::string(a->field);
        }
    return std::nullopt;
}

// Judged by the headers only one CRM writes; `Contact Owner` is in both HubSpot's and
// Salesforce's exports, so it only breaks a tie in HubSpot's favour (its contacts view).
static Preset detect_preset(const std::vector<std::string>& normalised)
{
    auto count = [&](std::initializer_list<std::string_view> names) {
        return std::ranges::count_if(normalised, [&](const std::string& h) {
            return std::ranges::find(names, std::string_view(h)) != names.end();
        });
    };
    if (std::ranges::any_of(normalised, [](const std::string& h) { return h.starts_with("person "); }) ||
        count({"email work", "email home", "email other"}) > 0)
        return Preset::pipedrive;
    auto hubspot = count({"record id", "original source", "lifecycle stage", "associated company",
                          "became a customer date", "create date"});
    auto salesforce = count({"contact id", "account id", "account name", "lead source", "created date",
                             "mailing city", "mailing country", "account type"});
    if (salesforce > hubspot) return Preset::salesforce;
    if (hubspot > 0 || count({"contact owner"}) > 0) return Preset::hubspot;
    return Preset::none;
}

// Every column no field uses, named by its first non-empty header cell, in file order.
static void list_ignored(ColumnMap& map, const std::vector<std::vector<std::string>>& header_rows)
{
    size_t width = 0;
    for (const auto& row : header_rows) width = std::max(width, row.size());
    std::vector<bool> used(width, false);
    for (const auto& [field, cols] : map.columns)
        for (size_t c : cols) used[c] = true;
    map.ignored.clear();
    for (size_t i = 0; i < width; ++i) {
        if (used[i]) continue;
        for (const auto& row : header_rows)
            if (i < row.size() && !trim(row[i]).empty()) {
                map.ignored.emplace_back(trim(row[i]));
                break;
            }
    }
}

static void apply_overrides(ColumnMap& map, const std::vector<std::vector<std::string>>& header_rows,
                            const std::vector<ColumnOverride>& overrides, const std::vector<std::string>& fields)
{
    std::vector<std::string> overridden;
    for (const ColumnOverride& o : overrides) {
        if (std::ranges::find(fields, o.field) == fields.end())
            throw usage_error(fmt::format("--map '{}={}': unknown field \"{}\" (fields: {})", o.header, o.field,
                                          o.field, fmt::join(fields, ", ")));
        std::string wanted = normalize_header(o.header);
        std::optional<size_t> column;
        for (const auto& row : header_rows)
            for (size_t i = 0; i < row.size() && !column; ++i)
                if (normalize_header(row[i]) == wanted) column = i;
        if (!column)
            throw usage_error(fmt::format("--map '{}={}': the file has no column \"{}\"", o.header, o.field, o.header));
        for (auto& [field, cols] : map.columns) std::erase(cols, *column);
        // The first --map of a field replaces the columns its header names gave it; later
        // ones add fallbacks (the first non-empty cell wins).
        auto& cols = map.columns[o.field];
        if (std::ranges::find(overridden, o.field) == overridden.end()) {
            cols.clear();
            overridden.push_back(o.field);
        }
        cols.push_back(*column);
    }
}

ColumnMap map_people_columns(const std::vector<std::string>& header, std::optional<Preset> preset,
                             const std::vector<ColumnOverride>& overrides)
{
    std::vector<std::string> normalised;
    normalised.reserve(header.size());
    for (const auto& h : header) normalised.push_back(normalize_header(h));
    ColumnMap map;
    map.preset = preset ? *preset : detect_preset(normalised);
    std::map<std::string, std::vector<std::pair<size_t, size_t>>> found; // field -> (rank, column)
    for (size_t i = 0; i < header.size(); ++i) {
        std::string h = normalised[i];
        if (h.starts_with("person ")) h.erase(0, 7); // Pipedrive's "Person - Name"
        size_t rank = 0;
        if (auto field = alias_for(h, std::begin(k_people_aliases), std::end(k_people_aliases), &rank))
            found[*field].emplace_back(rank, i);
    }
    for (auto& [field, columns] : found) {
        std::ranges::stable_sort(columns, {}, &std::pair<size_t, size_t>::first);
        // Emails and companies fall back on their other columns (Pipedrive's Work/Home/Other,
        // HubSpot's Associated Company); any other field reads its best-named column alone.
        if (field != "email" && field != "company") columns.resize(1);
        for (const auto& at : columns) map.columns[field].push_back(at.second);
    }
    apply_overrides(map, {header}, overrides, k_people_fields);
    list_ignored(map, {header});
    return map;
}

// A survey's score column asks "how likely ... recommend"; Qualtrics adds a "- Group" twin.
static bool is_recommend_question(const std::string& h)
{
    return h.find("recommend") != std::string::npos && h.find("group") == std::string::npos;
}

ColumnMap map_nps_columns(const std::vector<std::vector<std::string>>& header_rows,
                          const std::vector<ColumnOverride>& overrides)
{
    // Per field, the column with the best-ranked header wins (earliest in k_nps_aliases;
    // questions recognised by their wording rank after every alias).
    constexpr size_t k_question = 1000;
    std::map<std::string, std::pair<size_t, size_t>> best; // field -> (rank, column)
    size_t width = 0;
    for (const auto& row : header_rows) width = std::max(width, row.size());
    for (size_t i = 0; i < width; ++i) {
        std::optional<std::string> field;
        size_t rank = k_question;
        for (const auto& row : header_rows) {
            if (i >= row.size() || field) continue;
            std::string h = normalize_header(row[i]);
            field = alias_for(h, std::begin(k_nps_aliases), std::end(k_nps_aliases), &rank);
            if (!field && is_recommend_question(h)) field = "score";
            if (!field && (h.find("reason") != std::string::npos || h.starts_with("why"))) field = "comment";
        }
        if (!field) continue;
        auto it = best.find(*field);
        if (it == best.end() || rank < it->second.first) best[*field] = {rank, i};
    }
    ColumnMap map;
    for (const auto& [field, at] : best) map.columns[field].push_back(at.second);
    apply_overrides(map, header_rows, overrides, k_nps_fields);
    list_ignored(map, header_rows);
    return map;
}

ColumnMap map_referral_columns(const std::vector<std::string>& header, const std::vector<ColumnOverride>& overrides)
{
    static constexpr Alias k_aliases[] = {
        {"referrer", "referrer_email"}, {"referred by", "referrer_email"}, {"referee", "referee_name"},
        {"company", "referee_company"}, {"reason", "lost_reason"},
    };
    ColumnMap map;
    for (size_t i = 0; i < header.size(); ++i) {
        std::string h = normalize_header(header[i]);
        std::optional<std::string> field;
        for (const std::string& f : k_referral_fields)
            if (normalize_header(f) == h) field = f;
        if (!field) field = alias_for(h, std::begin(k_aliases), std::end(k_aliases));
        if (field && !map.has(*field)) map.columns[*field].push_back(i);
    }
    apply_overrides(map, {header}, overrides, k_referral_fields);
    list_ignored(map, {header});
    return map;
}

size_t detect_header_rows(const std::vector<std::vector<std::string>>& first)
{
    auto row_has = [&](size_t r, auto pred) {
        return r < first.size() && std::ranges::any_of(first[r], pred);
    };
    if (row_has(2, [](const std::string& c) { return c.starts_with("{\"ImportId\""); })) return 3;
    if (row_has(1, [](const std::string& c) { return c == "Response" || c == "Open-Ended Response"; })) return 2;
    return 1;
}

} // namespace refer
