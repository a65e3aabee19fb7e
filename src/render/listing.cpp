#include "refer/render/listing.h"

#include <cwchar>
#include <fmt/format.h>

namespace refer {

static bool is_money_column(const Listing& l, size_t col)
{
    for (const auto& row : l.rows) {
        if (std::holds_alternative<Money>(row[col])) return true;
        if (!std::holds_alternative<std::monostate>(row[col])) return false;
    }
    return l.columns[col].ends_with("_value") || l.columns[col] == "amount";
}

std::string json_key(const std::string& column, const Cell& sample)
{
    return std::holds_alternative<Money>(sample) ? column + "_cents" : column;
}

nlohmann::ordered_json to_json(const Cell& cell)
{
    return std::visit(
        [](const auto& v) -> nlohmann::ordered_json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) return nullptr;
            else if constexpr (std::is_same_v<T, Money>) return v.cents;
            else if constexpr (std::is_same_v<T, Date>) return to_string(v);
            else return v;
        },
        cell);
}

nlohmann::ordered_json to_json(const Listing& l)
{
    auto array = nlohmann::ordered_json::array();
    std::vector<std::string> keys;
    for (size_t c = 0; c < l.columns.size(); ++c)
        keys.push_back(is_money_column(l, c) ? l.columns[c] + "_cents" : l.columns[c]);
    for (const auto& row : l.rows) {
        nlohmann::ordered_json object = nlohmann::ordered_json::object();
        for (size_t c = 0; c < row.size(); ++c) object[keys[c]] = to_json(row[c]);
        array.push_back(std::move(object));
    }
    return array;
}

std::string csv_field(std::string_view text, bool guard, char delimiter)
{
    std::string value;
    if (guard && !text.empty() &&
        (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' || text[0] == '\r'))
        value = "'";
    value += text;
    if (value.find_first_of(std::string{'"', '\n', '\r', delimiter}) == std::string::npos) return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

std::string cell_text(const Cell& cell, bool for_csv, const TableStyle& style)
{
    return std::visit(
        [&](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) return "";
            else if constexpr (std::is_same_v<T, std::string>) return v;
            else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
            else if constexpr (std::is_same_v<T, Money>)
                return for_csv ? format_decimal(v.cents) : format_money(v.cents, style.currency_symbol);
            else if constexpr (std::is_same_v<T, Date>) return to_string(v);
            else if constexpr (std::is_same_v<T, bool>) return v ? (for_csv ? "true" : "yes") : (for_csv ? "false" : "no");
            else return fmt::format("{}", fmt::join(v, ";"));
        },
        cell);
}

std::string render_csv(const Listing& l, bool raw)
{
    if (l.rows.empty()) return "";
    std::string out;
    for (size_t c = 0; c < l.columns.size(); ++c) out += (c ? "," : "") + csv_field(l.columns[c], false);
    out += '\n';
    TableStyle plain;
    for (const auto& row : l.rows) {
        for (size_t c = 0; c < row.size(); ++c) {
            bool guard = !raw && std::holds_alternative<std::string>(row[c]);
            out += (c ? "," : "") + csv_field(cell_text(row[c], true, plain), guard);
        }
        out += '\n';
    }
    return out;
}

size_t display_width(std::string_view s)
{
    size_t width = 0;
    std::mbstate_t state{};
    const char* p = s.data();
    const char* end = s.data() + s.size();
    while (p < end) {
        wchar_t wc;
        size_t n = std::mbrtowc(&wc, p, static_cast<size_t>(end - p), &state);
        if (n == 0 || n == static_cast<size_t>(-1) || n == static_cast<size_t>(-2)) {
            ++width; // undecodable byte: one column
            ++p;
            state = {};
            continue;
        }
        int w = ::wcwidth(wc);
        width += w < 0 ? 1 : static_cast<size_t>(w);
        p += n;
    }
    return width;
}

// Newlines and tabs inside a cell would break the table's lines.
static std::string one_line(std::string text)
{
    for (char& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return text;
}

static bool right_aligned(const Cell& c)
{
    return std::holds_alternative<Money>(c) || std::holds_alternative<std::int64_t>(c);
}

std::string render_table(const Listing& l, const TableStyle& style)
{
    if (l.rows.empty()) return "";
    std::vector<std::vector<std::string>> text;
    std::vector<size_t> widths;
    for (const auto& name : l.columns) widths.push_back(display_width(name));
    for (const auto& row : l.rows) {
        auto& cells = text.emplace_back();
        for (size_t c = 0; c < row.size(); ++c) {
            cells.push_back(one_line(cell_text(row[c], false, style)));
            widths[c] = std::max(widths[c], display_width(cells.back()));
        }
    }
    auto pad = [](const std::string& s, size_t width, bool right) {
        std::string fill(width - std::min(width, display_width(s)), ' ');
        return right ? fill + s : s + fill;
    };
    std::string out;
    std::string header;
    for (size_t c = 0; c < l.columns.size(); ++c) {
        bool right = right_aligned(l.rows[0][c]);
        bool last = c + 1 == l.columns.size();
        std::string name = pad(l.columns[c], widths[c], right);
        if (last && !right) name = l.columns[c];
        header += (c ? "  " : "") + name;
    }
    out += style.color ? "\033[1m" + header + "\033[0m\n" : header + "\n";
    for (size_t r = 0; r < text.size(); ++r) {
        std::string line;
        for (size_t c = 0; c < text[r].size(); ++c) {
            bool right = right_aligned(l.rows[r][c]);
            bool last = c + 1 == text[r].size();
            line += (c ? "  " : "") + (last && !right ? text[r][c] : pad(text[r][c], widths[c], right));
        }
        out += line + "\n";
    }
    return out;
}

std::string render_markdown(const Listing& l, const TableStyle& style)
{
    if (l.rows.empty()) return "";
    auto escape = [](std::string s) {
        std::string out;
        for (char c : one_line(std::move(s))) {
            if (c == '|') out += '\\';
            out += c;
        }
        return out;
    };
    std::string out = "|";
    for (const auto& name : l.columns) out += " " + escape(name) + " |";
    out += "\n|";
    for (size_t c = 0; c < l.columns.size(); ++c) out += right_aligned(l.rows[0][c]) ? " ---: |" : " --- |";
    out += "\n";
    for (const auto& row : l.rows) {
        out += "|";
        for (const auto& cell : row) out += " " + escape(cell_text(cell, false, style)) + " |";
        out += "\n";
    }
    return out;
}

std::string render(const Listing& listing, Format format, const TableStyle& style, bool raw_csv)
{
    switch (format) {
    case Format::json: return to_json(listing).dump(2) + "\n";
    case Format::csv: return render_csv(listing, raw_csv);
    case Format::md: return render_markdown(listing, style);
    case Format::table: break;
    }
    return render_table(listing, style);
}

} // namespace refer
