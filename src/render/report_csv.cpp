// The report as `section,metric,value` rows, walked from its JSON so that the two never
// disagree: section = the JSON's top-level key, metric = the key inside it. A list's rows are
// named by their first field (`by_source,client.won`), top referrers by rank
// (`top_referrers,1.email`); a list of ids is one value, ids separated by spaces.
#include "refer/render/report.h"

#include <fmt/format.h>

namespace refer {

using nlohmann::ordered_json;

static std::string value_text(const ordered_json& v, bool money)
{
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (money) return format_decimal(v.get<Cents>());
    if (v.is_array()) {
        std::string ids;
        for (const auto& id : v) {
            // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive)
            // on "literal" + std::string&&.
            if (!ids.empty()) ids += ' ';
            ids += id.dump();
        }
        return ids;
    }
    return v.dump();
}

static void add_row(std::string& out, std::string_view section, const std::string& key, const ordered_json& v)
{
    bool money = key.ends_with("_cents");
    std::string metric = money ? key.substr(0, key.size() - 6) : key;
    // Only text can smuggle a formula; a negative amount is a number.
    out += fmt::format("{},{},{}\n", section, csv_field(metric, true), csv_field(value_text(v, money), v.is_string()));
}

std::string render_report_csv(const Report& report)
{
    ordered_json doc = report_json(report);
    std::string out = "section,metric,value\n";
    for (const auto& [section, body] : doc.items()) {
        if (!body.is_structured()) {
            add_row(out, "report", section, body);
        } else if (body.is_object()) {
            for (const auto& [key, v] : body.items()) add_row(out, section, key, v);
        } else {
            int rank = 0;
            for (const auto& row : body) {
                ++rank;
                std::string name = section == "top_referrers" ? std::to_string(rank) : row.begin().value().get<std::string>();
                bool first = true;
                for (const auto& [key, v] : row.items()) {
                    if (first && section != "top_referrers") { first = false; continue; }
                    add_row(out, section, name + "." + key, v);
                }
            }
        }
    }
    return out;
}

} // namespace refer
