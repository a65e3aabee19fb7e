#include "refer/csvio/row_cells.h"

#include "refer/util/text.h"

#include <fmt/format.h>
#include <iterator>

namespace refer {

std::optional<std::string> RowCells::text(const std::string& field, size_t* column) const
{
    const auto* cols = m_columns.find(field);
    if (!cols) return std::nullopt;
    for (size_t c : *cols) {
        if (c >= m_record.fields.size()) continue;
        std::string_view cell = trim(m_record.fields[c]);
        if (!cell.empty()) {
            if (column) *column = c;
            return std::string(cell);
        }
    }
    return std::nullopt;
}

void RowCells::problem(std::string_view what, std::string_view value, size_t column, std::string_view why)
{
    std::string p = fmt::format("{} \"{}\" in column \"{}\"", what, value, header_name(column));
    if (!why.empty()) fmt::format_to(std::back_inserter(p), " ({})", why);
    m_problems.push_back(std::move(p));
}

std::optional<Date> RowCells::date(const std::string& field)
{
    size_t column = 0;
    auto t = text(field, &column);
    if (!t) return std::nullopt;
    auto d = read_date(*t, m_format);
    if (!d) problem("invalid date", *t, column, date_hint(*t, m_format));
    return d;
}

std::optional<Cents> RowCells::money(const std::string& field)
{
    size_t column = 0;
    auto t = text(field, &column);
    if (!t) return std::nullopt;
    MoneyParse m = parse_money(*t, m_format.decimal_mark);
    if (!m.cents) {
        if (m.error == "negative amount") problem(m.error, *t, column);
        else problem("invalid amount", *t, column, m.error);
    }
    return m.cents;
}

std::string RowCells::header_name(size_t column) const
{
    return column < m_header.size() ? m_header[column] : fmt::format("#{}", column + 1);
}

} // namespace refer
