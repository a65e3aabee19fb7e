#include "refer/render/listing.h"

#include "refer/error.h"
#include "refer/util/json_text.h"

#include <fmt/format.h>

namespace refer {

// Where a money column's cell is empty, the column is known as money by its name.
static bool is_money_name(const std::string& column) { return column.ends_with("_value") || column == "amount"; }

// The JSON keys: `_cents` appended to money columns, known by the first row (or, where it is
// empty, by the column's name).
static std::vector<std::string> json_keys(const std::vector<std::string>& columns, const std::vector<Cell>& first)
{
    std::vector<std::string> keys;
    for (size_t c = 0; c < columns.size(); ++c) {
        bool money = c < first.size() && !std::holds_alternative<std::monostate>(first[c])
                         ? std::holds_alternative<Money>(first[c])
                         : is_money_name(columns[c]);
        keys.push_back(money ? columns[c] + "_cents" : columns[c]);
    }
    return keys;
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
    std::vector<std::string> keys = json_keys(l.columns, l.rows.empty() ? std::vector<Cell>{} : l.rows.front());
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

static void trim_right(std::string& line)
{
    while (!line.empty() && line.back() == ' ') line.pop_back();
}

namespace {

// Text handed to the sink in chunks of about 64 KiB rather than a call per cell.
class Chunks {
public:
    explicit Chunks(const TextSink& out) : m_out(out) {}
    void add(std::string_view text)
    {
        m_text += text;
        if (m_text.size() >= 64 * 1024) flush();
    }
    void flush()
    {
        if (!m_text.empty()) m_out(m_text);
        m_text.clear();
    }

private:
    const TextSink& m_out;
    std::string m_text;
};

// What a table or Markdown must know of every row before writing the first: how wide each
// column is and whether it is right-aligned (it holds numbers: counts, money; or it is empty
// throughout and named as money).
struct Layout {
    std::vector<size_t> widths;
    std::vector<bool> numbers, filled;
    size_t rows = 0;

    explicit Layout(const std::vector<std::string>& columns)
        : numbers(columns.size(), false), filled(columns.size(), false)
    {
        for (const auto& name : columns) widths.push_back(display_width(name));
    }
    bool right(const std::vector<std::string>& columns, size_t c) const
    {
        return numbers[c] || (!filled[c] && is_money_name(columns[c]));
    }
};

// One cell as nlohmann::json's dump(2) writes it inside a row object of the top-level array.
void append_json_cell(std::string& out, const Cell& cell)
{
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) out += "null";
            else if constexpr (std::is_same_v<T, std::string>) append_json_string(out, v);
            else if constexpr (std::is_same_v<T, std::int64_t>) out += fmt::format_int(v).str();
            else if constexpr (std::is_same_v<T, Money>) out += fmt::format_int(v.cents).str();
            else if constexpr (std::is_same_v<T, Date>) append_json_string(out, to_string(v));
            else if constexpr (std::is_same_v<T, bool>) out += v ? "true" : "false";
            else if constexpr (std::is_same_v<T, TagList>) {
                if (v.empty()) {
                    out += "[]";
                    return;
                }
                out += "[\n";
                for (size_t i = 0; i < v.size(); ++i) {
                    out += i ? ",\n      " : "      ";
                    append_json_string(out, v[i]);
                }
                out += "\n    ]";
            }
        },
        cell);
}

// A row as an object of the top-level array, indented as dump(2) indents it: written by hand,
// since building a nlohmann::json per row costs more than reading the row (refer due streams
// hundreds of thousands). tests/unit/listing_test.cpp holds it to nlohmann's output.
void append_json_object(std::string& out, const std::vector<std::string>& keys, const std::vector<Cell>& row)
{
    out += "  {";
    for (size_t c = 0; c < row.size(); ++c) {
        out += c ? ",\n    " : "\n    ";
        append_json_string(out, keys[c]);
        out += ": ";
        append_json_cell(out, row[c]);
    }
    out += row.empty() ? "}" : "\n  }";
}

void write_json(const std::vector<std::string>& columns, const RowSource& rows, Chunks& out)
{
    std::vector<std::string> keys;
    std::string object;
    rows([&](const std::vector<Cell>& row) {
        if (keys.empty()) {
            keys = json_keys(columns, row);
            out.add("[\n");
        } else {
            out.add(",\n");
        }
        object.clear();
        append_json_object(object, keys, row);
        out.add(object);
    });
    out.add(keys.empty() ? "[]\n" : "\n]\n");
}

void write_csv(const std::vector<std::string>& columns, const RowSource& rows, bool raw, Chunks& out)
{
    bool header = false;
    TableStyle plain;
    std::string line;
    rows([&](const std::vector<Cell>& row) {
        if (!header) {
            line.clear();
            // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on
            // "literal" + std::string&&.
            for (size_t c = 0; c < columns.size(); ++c) {
                if (c) line += ',';
                line += csv_field(columns[c], false);
            }
            out.add(line + '\n');
            header = true;
        }
        line.clear();
        for (size_t c = 0; c < row.size(); ++c) {
            bool guard = !raw && (std::holds_alternative<std::string>(row[c]) || std::holds_alternative<TagList>(row[c]));
            if (c) line += ',';
            line += csv_field(cell_text(row[c], true, plain), guard);
        }
        out.add(line + '\n');
    });
}

Layout measure(const std::vector<std::string>& columns, const RowSource& rows, const TableStyle& style)
{
    Layout layout(columns);
    rows([&](const std::vector<Cell>& row) {
        ++layout.rows;
        for (size_t c = 0; c < columns.size() && c < row.size(); ++c) {
            if (std::holds_alternative<std::monostate>(row[c])) continue;
            layout.filled[c] = true;
            if (std::holds_alternative<std::int64_t>(row[c]) || std::holds_alternative<Money>(row[c]))
                layout.numbers[c] = true;
            layout.widths[c] = std::max(layout.widths[c], display_width(one_line(cell_text(row[c], false, style))));
        }
    });
    return layout;
}

void write_table(const std::vector<std::string>& columns, const RowSource& rows, const TableStyle& style, Chunks& out)
{
    Layout layout = measure(columns, rows, style);
    if (layout.rows == 0) return;
    auto line_of = [&](const auto& text_of) {
        std::string line;
        for (size_t c = 0; c < columns.size(); ++c) {
            std::string text = text_of(c);
            std::string fill(layout.widths[c] - std::min(layout.widths[c], display_width(text)), ' ');
            line += (c ? "  " : "") + (layout.right(columns, c) ? fill + text : text + fill);
        }
        trim_right(line);
        return line + '\n';
    };
    std::string header = line_of([&](size_t c) { return columns[c]; });
    out.add(style.color ? "\033[1m" + header.substr(0, header.size() - 1) + "\033[0m\n" : header);
    rows([&](const std::vector<Cell>& row) {
        out.add(line_of([&](size_t c) { return c < row.size() ? one_line(cell_text(row[c], false, style)) : std::string(); }));
    });
}

void write_markdown(const std::vector<std::string>& columns, const RowSource& rows, const TableStyle& style, Chunks& out)
{
    Layout layout = measure(columns, rows, style);
    if (layout.rows == 0) return;
    auto escape = [](std::string s) {
        std::string text;
        for (char c : one_line(std::move(s))) {
            if (c == '|') text += '\\';
            text += c;
        }
        return text;
    };
    std::string head = "|";
    for (const auto& name : columns) {
        head += ' ';
        head += escape(name);
        head += " |";
    }
    head += "\n|";
    for (size_t c = 0; c < columns.size(); ++c) head += layout.right(columns, c) ? " ---: |" : " --- |";
    out.add(head + "\n");
    rows([&](const std::vector<Cell>& row) {
        std::string line = "|";
        for (const auto& cell : row) {
            line += ' ';
            line += escape(cell_text(cell, false, style));
            line += " |";
        }
        out.add(line + "\n");
    });
}

} // namespace

void write_listing(const std::vector<std::string>& columns, const RowSource& rows, Format format,
                   const TableStyle& style, const TextSink& out, bool raw_csv)
{
    Chunks chunks(out);
    switch (format) {
    case Format::json: write_json(columns, rows, chunks); break;
    case Format::csv: write_csv(columns, rows, raw_csv, chunks); break;
    case Format::md: write_markdown(columns, rows, style, chunks); break;
    case Format::table: write_table(columns, rows, style, chunks); break;
    case Format::html: throw usage_error("--format html is for refer report; listings print as table, csv, json or md");
    }
    chunks.flush();
}

std::string render(const Listing& listing, Format format, const TableStyle& style, bool raw_csv)
{
    std::string text;
    write_listing(
        listing.columns, [&](const RowVisitor& each) { for (const auto& row : listing.rows) each(row); }, format,
        style, [&](std::string_view chunk) { text += chunk; }, raw_csv);
    return text;
}

std::string render_table(const Listing& listing, const TableStyle& style)
{
    return render(listing, Format::table, style);
}

std::string render_markdown(const Listing& listing, const TableStyle& style)
{
    return render(listing, Format::md, style);
}

} // namespace refer
