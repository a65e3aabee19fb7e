#pragma once
// The report (SPEC 8) in each format: the same numbers, for scripts (json, csv), for eyes
// (table, md) and for a board pack (html). Each returns the whole document.
#include "refer/domain/report.h"
#include "refer/render/listing.h"

#include <nlohmann/json.hpp>
#include <string>

namespace refer {

nlohmann::ordered_json report_json(const Report& report);
// `section,metric,value` rows: the JSON's keys, money as plain decimals, nulls empty.
std::string render_report_csv(const Report& report);
// `utf8`: the trend's bars in block characters, else `#`.
std::string render_report_table(const Report& report, const TableStyle& style, bool utf8);
std::string render_report_markdown(const Report& report, const TableStyle& style);
// One self-contained page: inline CSS and SVG, no script, nothing fetched.
std::string render_report_html(const Report& report, const TableStyle& style);

// Shared by the formats: a rate as a percentage with one decimal (`41.7%`), `-` for none.
std::string percent_text(std::optional<double> rate);
// A bar of `value / max` of `width` columns: eighth blocks when `utf8`, else `#`.
std::string bar(std::int64_t value, std::int64_t max, int width, bool utf8);

} // namespace refer
