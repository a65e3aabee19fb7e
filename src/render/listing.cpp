#include "refer/render/listing.h"

#include "refer/error.h"

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
            bool guard = !raw && (std::holds_alternative<std::string>(row[c]) || std::holds_alternative<TagList>(row[c]));
            out += (c ? "," : "") + csv_field(cell_text(row[c], true, plain), guard);
        }
        out += '\n';
    }
    return out;
}

// Code points that take no column (combining marks, zero-width spaces and joiners,
// variation selectors) and those that take two (East Asian wide and fullwidth, emoji).
// Locale-independent, so that tables line up whatever LC_CTYPE says.
static int code_point_width(char32_t c)
{
    struct Range {
        char32_t first, last;
    };
    static constexpr Range zero[] = {
        {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
        {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
        {0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
        {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0x1F3FB, 0x1F3FF}, {0xE0100, 0xE01EF},
    };
    static constexpr Range wide[] = {
        {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0},
        {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
        {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
        {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
        {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
        {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
        {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
        {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
        {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
        {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF},
        {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251},
        {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
        {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };
    auto in = [c](const auto& ranges) {
        for (const Range& r : ranges)
            if (c >= r.first && c <= r.last) return true;
        return false;
    };
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
    if (in(zero)) return 0;
    return in(wide) ? 2 : 1;
}

size_t display_width(std::string_view s)
{
    size_t width = 0;
    size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        bool valid = len != 0 && i + len <= s.size();
        for (size_t k = 1; valid && k < len; ++k) {
            auto cont = static_cast<unsigned char>(s[i + k]);
            if ((cont & 0xC0) != 0x80) valid = false;
            c = (c << 6) | (cont & 0x3F);
        }
        if (!valid) { // undecodable byte: one column
            ++width;
            ++i;
            continue;
        }
        width += static_cast<size_t>(code_point_width(c));
        i += len;
    }
    return width;
}

// Newlines and tabs inside a cell would break the table's lines; other control
// characters (ESC ...) could drive the terminal: they are shown as `?`.
static std::string one_line(std::string text)
{
    for (char& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        else if ((static_cast<unsigned char>(c) < 0x20) || c == 0x7F) c = '?';
    }
    return text;
}

static bool right_aligned(const Cell& c)
{
    return std::holds_alternative<Money>(c) || std::holds_alternative<std::int64_t>(c);
}

// A column is right-aligned when it holds numbers (money, counts), whichever rows are empty.
static std::vector<bool> right_aligned_columns(const Listing& l)
{
    std::vector<bool> right(l.columns.size(), false);
    for (size_t c = 0; c < l.columns.size(); ++c) {
        for (const auto& row : l.rows)
            if (c < row.size() && right_aligned(row[c])) {
                right[c] = true;
                break;
            }
        if (!right[c] && is_money_column(l, c)) right[c] = true;
    }
    return right;
}

static void trim_right(std::string& line)
{
    while (!line.empty() && line.back() == ' ') line.pop_back();
}

std::string render_table(const Listing& l, const TableStyle& style)
{
    if (l.rows.empty()) return "";
    std::vector<std::vector<std::string>> text;
    std::vector<size_t> widths;
    std::vector<bool> right = right_aligned_columns(l);
    for (const auto& name : l.columns) widths.push_back(display_width(name));
    for (const auto& row : l.rows) {
        auto& cells = text.emplace_back();
        for (size_t c = 0; c < l.columns.size(); ++c) {
            cells.push_back(c < row.size() ? one_line(cell_text(row[c], false, style)) : std::string());
            widths[c] = std::max(widths[c], display_width(cells.back()));
        }
    }
    auto pad = [](const std::string& s, size_t width, bool to_right) {
        std::string fill(width - std::min(width, display_width(s)), ' ');
        return to_right ? fill + s : s + fill;
    };
    auto line_of = [&](const std::vector<std::string>& cells) {
        std::string line;
        for (size_t c = 0; c < cells.size(); ++c) line += (c ? "  " : "") + pad(cells[c], widths[c], right[c]);
        trim_right(line);
        return line;
    };
    std::string header = line_of(l.columns);
    std::string out = style.color ? "\033[1m" + header + "\033[0m\n" : header + "\n";
    for (const auto& cells : text) out += line_of(cells) + "\n";
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
    std::vector<bool> right = right_aligned_columns(l);
    for (size_t c = 0; c < l.columns.size(); ++c) out += right[c] ? " ---: |" : " --- |";
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
    case Format::json: return to_json(listing).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    case Format::csv: return render_csv(listing, raw_csv);
    case Format::md: return render_markdown(listing, style);
    case Format::html: throw usage_error("--format html is for refer report; listings print as table, csv, json or md");
    case Format::table: break;
    }
    return render_table(listing, style);
}

} // namespace refer
