#include "refer/csvio/report_footer.h"

namespace refer {

bool ReportFooter::next(CsvRecord& record)
{
    if (m_ready.empty() && m_enabled) {
        CsvRecord r;
        while (m_ready.empty() && m_source(r)) {
            bool blank = is_blank_row(r);
            bool one_cell = r.error.empty() && r.fields.size() == 1;
            if (r.after_blank_line) m_blank = true;
            if (blank && m_held.empty()) {
                m_blank = true;
                m_ready.push_back(std::move(r)); // skipped downstream, as any blank row
            } else if (blank || (one_cell && m_blank)) {
                m_held.push_back(std::move(r));
            } else {
                m_blank = false;
                for (CsvRecord& held : m_held) m_ready.push_back(std::move(held));
                m_held.clear();
                m_ready.push_back(std::move(r));
            }
        }
        if (m_ready.empty()) {
            m_dropped += m_held.size();
            m_held.clear();
        }
    }
    if (!m_enabled) return m_source(record);
    if (m_ready.empty()) return false;
    record = std::move(m_ready.front());
    m_ready.pop_front();
    return true;
}

} // namespace refer
