#pragma once
// A listing is rows of typed cells; renderers turn it into a table, CSV, JSON or Markdown.
// Commands build one Listing; only the last stage differs between formats.
#include "refer/domain/date.h"
#include "refer/domain/money.h"

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace refer {

enum class Format { table, csv, json, md, html }; // html: the report only

struct Money {
    Cents cents;
};
using TagList = std::vector<std::string>;
using Cell = std::variant<std::monostate, std::string, std::int64_t, Money, Date, bool, TagList>;

// A cell from an optional value: empty (null in JSON) when there is none.
inline Cell text_cell(const std::optional<std::string>& text) { return text ? Cell{*text} : Cell{}; }
inline Cell date_cell(const std::optional<Date>& date) { return date ? Cell{*date} : Cell{}; }
inline Cell money_cell(const std::optional<Cents>& cents) { return cents ? Cell{Money{*cents}} : Cell{}; }
inline Cell number_cell(const std::optional<int>& number) { return number ? Cell{std::int64_t{*number}} : Cell{}; }

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
nlohmann::ordered_json to_json(const Listing& listing);
nlohmann::ordered_json to_json(const Cell& cell);
std::string json_key(const std::string& column, const Cell& sample);

// Renders in the chosen format; an empty listing is "" (table, csv, md) or "[]\n" (json).
// CSV is RFC 4180 with a header row; `raw_csv` turns off the spreadsheet formula guard.
std::string render(const Listing& listing, Format format, const TableStyle& style, bool raw_csv = false);

// A listing too long to hold (`refer due` on a big ledger) is written as its rows come.
// `rows(each)` calls `each` once per row, in order; it may be called twice.
using RowVisitor = std::function<void(const std::vector<Cell>&)>;
using RowSource = std::function<void(const RowVisitor& each)>;
// Receives the text in order, in chunks of about 64 KiB.
using TextSink = std::function<void(std::string_view)>;

// What render() makes of the same rows, written to `out` without holding them: json and csv
// read the rows once; a table and Markdown read them twice, first for the column widths and
// alignment. In json the first row tells which columns are money, as in render() and to_json().
void write_listing(const std::vector<std::string>& columns, const RowSource& rows, Format format,
                   const TableStyle& style, const TextSink& out, bool raw_csv = false);

// One cell as text for tables and CSV (money `1500.00` in CSV, `$1,500.00` in tables).
std::string cell_text(const Cell& cell, bool for_csv, const TableStyle& style);

// Columns of a terminal a string occupies (East Asian wide characters count 2).
size_t display_width(std::string_view text);

// A CSV field: quoted when needed; formula guard unless `raw`.
std::string csv_field(std::string_view text, bool guard, char delimiter = ',');

} // namespace refer
