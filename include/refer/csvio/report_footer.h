#pragma once
// The footer that ends a CRM report export (Salesforce: blank lines, then quoted one-cell lines
// such as a copyright, a confidentiality notice, who ran the report): not data.
#include "refer/csvio/csv_reader.h"

#include <cstddef>
#include <deque>
#include <functional>

namespace refer {

// Reads records through, without the footer. A footer is blank lines followed by any number of
// one-cell lines (and more blank lines) up to the end of the input, whatever their text. Such
// lines are held back until the input ends (they were the footer: dropped) or a record with
// more cells comes (they were data after all: handed on in order, to be reported as rows with
// too few fields). A one-cell line without a blank line before it is always data.
class ReportFooter {
public:
    using Source = std::function<bool(CsvRecord&)>;
    // With `enabled` false every record is handed on (a file whose header has one column has
    // nothing to tell a footer line from a row by).
    ReportFooter(Source source, bool enabled) : m_source(std::move(source)), m_enabled(enabled) {}

    bool next(CsvRecord& record);
    // How many records the footer had, once next() returned false.
    std::size_t dropped() const { return m_dropped; }

private:
    Source m_source;
    bool m_enabled;
    bool m_blank = false; // a blank line or row came since the last record of data
    std::deque<CsvRecord> m_held, m_ready;
    std::size_t m_dropped = 0;
};

} // namespace refer
