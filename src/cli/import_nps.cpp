// The NPS import: survey exports (one to three header rows) onto people by email.
#include "refer/cli/import_people.h"
#include "refer/csvio/people_rows.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/import_lines.h"
#include "refer/storage/nps.h"
#include "refer/storage/people.h"
#include "refer/util/text.h"

#include <chrono>
#include <charconv>
#include <fmt/format.h>

namespace refer {

namespace {

struct NpsRow {
    NpsResponse response;
    std::string email;
    std::vector<std::string> problems;
};

NpsRow read_nps_row(const CsvRecord& record, size_t width, const ColumnMap& columns, const ValueFormat& format,
                    const std::vector<std::string>& header)
{
    NpsRow row;
    if (auto shape = record_shape_problem(record, width); !shape.empty()) {
        row.problems.push_back(shape);
        return row;
    }
    auto cell = [&](const char* field, size_t* column) -> std::string {
        const auto* cols = columns.find(field);
        if (!cols) return {};
        for (size_t c : *cols) {
            *column = c;
            std::string_view v = trim(record.fields[c]);
            if (!v.empty()) return std::string(v);
        }
        return {};
    };
    auto name = [&](size_t c) { return c < header.size() ? header[c] : fmt::format("#{}", c + 1); };
    size_t column = 0;
    std::string email = cell("email", &column);
    row.email = first_email(email);
    if (email.empty()) row.problems.push_back(fmt::format("no email in column \"{}\": the response cannot be matched", name(column)));
    else if (!is_valid_email(row.email)) row.problems.push_back(fmt::format("invalid email \"{}\" in column \"{}\"", email, name(column)));
    std::string score = cell("score", &column);
    int value = -1;
    auto [end, ec] = std::from_chars(score.data(), score.data() + score.size(), value);
    if (score.empty()) row.problems.push_back(fmt::format("no score in column \"{}\"", name(column)));
    else if (ec != std::errc() || end != score.data() + score.size() || value < 0 || value > 10)
        row.problems.push_back(fmt::format("invalid score \"{}\" in column \"{}\" (0 to 10)", score, name(column)));
    row.response.score = value;
    std::string date = cell("responded_on", &column);
    if (date.empty()) row.problems.push_back(fmt::format("no response date in column \"{}\"", name(column)));
    else if (auto d = read_date(date, format)) row.response.responded_on = *d;
    else {
        std::string hint = date_hint(date, format);
        row.problems.push_back(fmt::format("invalid date \"{}\" in column \"{}\"{}", date, name(column),
                                           hint.empty() ? "" : " (" + hint + ")"));
    }
    if (std::string comment = cell("comment", &column); !comment.empty()) row.response.comment = comment;
    return row;
}

// One response per person and day (SPEC 3): rows with the same key answer for the same response.
std::string response_key(const NpsRow& row)
{
    return row.email + " " + to_string(row.response.responded_on);
}

// First pass: every valid row notes its response, so that the second pass knows which rows a
// later row for the same person and day supersedes.
void note_responses(ImportFile& file, const NpsLayout& layout, RepeatedRows& repeated)
{
    CsvRecord record;
    while (file.next(record)) {
        if (is_blank_row(record)) continue;
        NpsRow row = read_nps_row(record, layout.header.size(), layout.columns, layout.format, layout.header);
        if (!row.problems.empty()) continue;
        std::string key = response_key(row);
        if (repeated.named_before(key)) repeated.note(key, record.line);
    }
    file.restart();
}

} // namespace

NpsLayout read_nps_header(ImportFile& file, const ImportOptions& options)
{
    size_t header_count = options.header_rows > 0 ? static_cast<size_t>(options.header_rows) : 0;
    if (header_count == 0) {
        std::vector<std::vector<std::string>> first;
        for (const CsvRecord& r : file.peek(3)) first.push_back(r.fields);
        header_count = detect_header_rows(first);
    }
    auto header_rows = file.read_header(header_count);
    NpsLayout layout;
    layout.columns = map_nps_columns(header_rows, file.overrides());
    file.require_columns(layout.columns, {"email", "score", "responded_on"});
    file.refuse_duplicate_columns(layout.columns);
    file.warn_ignored_columns(layout.columns.ignored);
    // SurveyMonkey writes US dates with a 12-hour time.
    // Only there: elsewhere `12/31/2023` is ambiguous, and invalid.
    layout.format = file.value_format(header_rows.size() == 2 ? "%m/%d/%Y" : "");
    layout.header = header_rows.front();
    return layout;
}

ImportCounts import_nps_rows(ImportFile& file, const NpsLayout& layout, SQLite::Database& db, EventLog& events)
{
    RepeatedRows repeated(db);
    note_responses(file, layout, repeated);
    PeopleWriter people(db, events);
    NpsWriter responses(db, events);
    ImportCounts counts;
    CsvRecord record;
    while (file.next(record)) {
        if (is_blank_row(record)) continue;
        ++counts.rows;
        file.progress();
        NpsRow row = read_nps_row(record, layout.header.size(), layout.columns, layout.format, layout.header);
        std::optional<StoredPerson> person;
        if (row.problems.empty()) {
            person = people.find_by_email(row.email);
            if (!person) row.problems.push_back(fmt::format("unknown person \"{}\" (import or add them first)", row.email));
        }
        if (!row.problems.empty()) {
            ++counts.rejected;
            file.reject(record, row.problems);
            continue;
        }
        RepeatedRows::Visit seen = repeated.visit(response_key(row), record.line);
        if (seen.previous)
            file.warning(fmt::format("{}:{}: the response of {} on {} already appeared on line {}; the last row wins",
                                     file.name(), record.line, row.email, to_string(row.response.responded_on),
                                     *seen.previous));
        if (seen.superseded) { // the last row for this response says what changes
            ++counts.unchanged;
            continue;
        }
        if (file.failed()) continue;
        row.response.person_id = person->id;
        EventDate dated(events, row.response.responded_on); // the response's date is its business date
        switch (responses.upsert(row.response)) {
        case NpsWriter::Outcome::created: ++counts.created; break;
        case NpsWriter::Outcome::updated: ++counts.updated; break;
        case NpsWriter::Outcome::unchanged: ++counts.unchanged; break;
        }
    }
    return counts;
}

void import_nps(const ImportOptions& options, const GlobalOptions& globals)
{
    auto started = std::chrono::steady_clock::now();
    Terminal terminal(globals);
    Date today = globals.today_date();
    ImportFile file(options, terminal, globals.db_path(), Passes::two);
    NpsLayout layout = read_nps_header(file, options);

    NewDatabaseCleanup cleanup(globals.db_path());
    auto db = open_database(globals.db_path(), Access::write);
    WriteTransaction tx(*db);
    EventLog events(*db, current_actor(today));
    ImportCounts counts = import_nps_rows(file, layout, *db, events);
    if (!file.failed() && !options.dry_run) {
        file.complete_rejects();
        tx.commit();
        cleanup.keep();
    }
    // The time includes the index rebuilds and the commit: what the user waited for.
    file.finish(counts, globals, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

} // namespace refer
