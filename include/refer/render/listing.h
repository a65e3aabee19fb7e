#pragma once
// A listing is rows of typed cells; renderers turn it into a table, CSV, JSON or Markdown.
// Commands build one Listing; only the last stage differs between formats.
#include "refer/domain/date.h"
#include "refer/domain/money.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

namespace refer {

enum class Format { table, csv, json, md, html }; // html: the report only

struct Money {
    Cents cents;
};
using TagList = std::vector<std::string>;
using Cell = std::variant<std::monostate, std::string, std::int64_t, Money, Date, bool, TagList>;

struct Listing {
    // JSON keys; money columns get `_cents` appended in JSON.
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
};

struct TableStyle {
    std::string currency_symbol = "$";
    bool color = false;
};

std::string render_table(const Listing& listing, const TableStyle& style);
std::string render_markdown(const Listing& listing, const TableStyle& style);
// RFC 4180 with a header row; `raw` turns off the spreadsheet formula guard.
std::string render_csv(const Listing& listing, bool raw);
nlohmann::ordered_json to_json(const Listing& listing);
nlohmann::ordered_json to_json(const Cell& cell);
std::string json_key(const std::string& column, const Cell& sample);

// Renders in the chosen format; an empty listing is "" (table, csv, md) or "[]\n" (json).
std::string render(const Listing& listing, Format format, const TableStyle& style, bool raw_csv = false);

// One cell as text for tables and CSV (money `1500.00` in CSV, `$1,500.00` in tables).
std::string cell_text(const Cell& cell, bool for_csv, const TableStyle& style);

// Columns of a terminal a string occupies (East Asian wide characters count 2).
size_t display_width(std::string_view text);

// A CSV field: quoted when needed; formula guard unless `raw`.
std::string csv_field(std::string_view text, bool guard, char delimiter = ',');

} // namespace refer
