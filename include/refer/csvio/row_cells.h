#pragma once
// The cells of one CSV record by field, read with the problems they have, each problem naming
// the column as written in the header: what every import's row reader needs.
#include "refer/csvio/columns.h"
#include "refer/csvio/csv_reader.h"
#include "refer/csvio/values.h"
#include "refer/domain/date.h"
#include "refer/domain/money.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refer {

class RowCells {
public:
    RowCells(const CsvRecord& record, const std::vector<std::string>& header, const ColumnMap& columns,
             const ValueFormat& format, std::vector<std::string>& problems)
        : m_record(record), m_header(header), m_columns(columns), m_format(format), m_problems(problems)
    {
    }

    // The first non-empty cell of the field's columns, trimmed; `column` says which.
    std::optional<std::string> text(const std::string& field, size_t* column = nullptr) const;
    // `invalid email "bob@" in column "Email" (why)`
    void problem(std::string_view what, std::string_view value, size_t column, std::string_view why = {});
    std::optional<Date> date(const std::string& field);
    std::optional<Cents> money(const std::string& field);

private:
    std::string header_name(size_t column) const;

    const CsvRecord& m_record;
    const std::vector<std::string>& m_header;
    const ColumnMap& m_columns;
    const ValueFormat& m_format;
    std::vector<std::string>& m_problems;
};

} // namespace refer
