// The CSV reader with column mapping (csvio): any bytes are read as records with physical
// line numbers, the header is mapped onto people, referral and survey fields (presets
// detected or forced), and every row is read as an import reads it: a person, or problems.
// Each input goes through three readings: UTF-8 with the delimiter detected; cp1252 with
// `;` and a decimal comma; latin1 with tabs and a --date-format.
#include "fuzz_target.h"
#include "refer/csvio/columns.h"
#include "refer/csvio/csv_reader.h"
#include "refer/csvio/people_rows.h"
#include "refer/csvio/row_cells.h"
#include "refer/util/text.h"
#include "refer/error.h"

#include <clocale>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace refer;

namespace {

struct Reading {
    CsvOptions csv;
    std::optional<Preset> preset; // nullopt: detected from the header
    ValueFormat format;
};

const Reading k_readings[] = {
    {{0, Encoding::utf8}, std::nullopt, {}},
    {{';', Encoding::cp1252}, Preset::salesforce, {DecimalMark::comma, "", "%m/%d/%Y"}},
    {{'\t', Encoding::latin1}, Preset::hubspot, {DecimalMark::point, "%d.%m.%Y", ""}},
};

void check_record(const CsvRecord& record, long previous_line)
{
    FUZZ_CHECK(record.line > previous_line); // CR, LF and CRLF each end a line
    if (!record.error.empty()) return; // invalid UTF-8 is kept as read, and the row refused
    FUZZ_CHECK(is_valid_utf8(record.raw));
    for (const std::string& field : record.fields) FUZZ_CHECK(is_valid_utf8(field));
}

// Every field a referral import reads, through RowCells as the import does.
void read_referral_cells(const CsvRecord& record, const std::vector<std::string>& header, const ColumnMap& columns,
                         const ValueFormat& format)
{
    if (!record_shape_problem(record, header.size()).empty()) return;
    std::vector<std::string> problems;
    RowCells cells(record, header, columns, format, problems);
    for (const std::string& field : k_referral_fields) {
        size_t column = 0;
        if (auto text = cells.text(field, &column)) FUZZ_CHECK(column < record.fields.size());
        if (field.ends_with("_on")) (void)cells.date(field);
    }
    if (auto cents = cells.money("deal_value")) FUZZ_CHECK(*cents >= 0);
}

void read_all(const std::string& input, const Reading& reading)
{
    std::istringstream in(input);
    CsvReader reader(in, reading.csv);
    CsvRecord header_record;
    if (!reader.next(header_record)) return;
    check_record(header_record, 0);
    const std::vector<std::string>& header = header_record.fields;
    std::vector<std::vector<std::string>> first_rows{header};
    ColumnMap people = map_people_columns(header, reading.preset, {});
    ColumnMap referrals = map_referral_columns(header, {});
    std::vector<PersonField> mapped = mapped_person_fields(people);
    CsvRecord record;
    long line = header_record.line;
    while (reader.next(record)) {
        check_record(record, line);
        line = record.line;
        if (first_rows.size() < 3) first_rows.push_back(record.fields);
        PersonRow row = read_person_row(record, header, people, mapped, reading.format);
        if (row.problems.empty() && row.person.email) FUZZ_CHECK(!row.person.email->empty());
        if (row.problems.empty() && row.person.annual_value) FUZZ_CHECK(*row.person.annual_value >= 0);
        read_referral_cells(record, header, referrals, reading.format);
    }
    FUZZ_CHECK(reader.bytes_read() <= input.size());
    size_t header_rows = detect_header_rows(first_rows);
    FUZZ_CHECK(header_rows >= 1 && header_rows <= first_rows.size());
    first_rows.resize(header_rows);
    (void)map_nps_columns(first_rows, {});
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static bool locale = std::setlocale(LC_CTYPE, "C.UTF-8") != nullptr; // as main() runs
    (void)locale;
    std::string input(reinterpret_cast<const char*>(data), size);
    for (const Reading& reading : k_readings) {
        try {
            read_all(input, reading);
        } catch (const Error&) {
            // refer's own refusal (a header it cannot map): what the user is told, not a crash.
        }
    }
    return 0;
}
