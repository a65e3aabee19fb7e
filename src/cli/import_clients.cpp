// The people import: map columns, validate every row, upsert by email else external_id. Two
// passes over the file: the first finds the people named by more than one row, so that only
// the last row of each writes and the import records the net change.
#include "refer/cli/import_people.h"
#include "refer/csvio/people_rows.h"
#include "refer/csvio/report_footer.h"
#include "refer/csvio/row_cells.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/import_lines.h"
#include "refer/storage/people.h"
#include "refer/util/text.h"

#include <chrono>
#include <fmt/format.h>
#include <set>

namespace refer {

namespace {

constexpr std::string_view k_query_indexes[] = {"clients_by_company", "clients_by_domain", "clients_by_started",
                                                "clients_by_kind",    "tags_by_tag",       "events_by_entity"};

bool same_person(const Person& a, const Person& b)
{
    for (PersonField f : {PersonField::email, PersonField::name, PersonField::company, PersonField::industry,
                          PersonField::kind, PersonField::annual_value, PersonField::started_on, PersonField::ended_on,
                          PersonField::source, PersonField::external_id, PersonField::opened_on})
        if (field_text(a, f) != field_text(b, f)) return false;
    return true;
}

struct Upserted {
    RowOutcome outcome;
    long long id;
    std::string problem; // why, when rejected
};

Upserted upsert(PeopleWriter& people, const PersonRow& row)
{
    const Person& p = row.person;
    if (auto id = people.insert_if_new(p)) return {RowOutcome::created, *id, {}}; // one index probe for new people
    std::optional<StoredPerson> stored;
    if (p.email) stored = people.find_by_email(*p.email);
    if (!stored && p.external_id) stored = people.find_by_external_id(*p.external_id);
    if (!stored) throw std::logic_error("a person both exists and does not");
    stored->person.tags.clear(); // tags are only ever added by an import
    Person merged = merge_person(stored->person, row);
    // Matched by email, but the row's CRM id is someone else's: the file mixes up two people.
    if (merged.external_id && merged.external_id != stored->person.external_id)
        if (auto holder = people.find_by_external_id(*merged.external_id); holder && holder->id != stored->id)
            return {RowOutcome::rejected, stored->id,
                    fmt::format("external_id \"{}\" already belongs to {}", *merged.external_id,
                                person_handle(holder->person))};
    bool changed = !same_person(stored->person, merged);
    if (changed) people.update(stored->id, stored->person, merged);
    bool tagged = people.add_tags(stored->id, p.tags) > 0;
    return {changed || tagged ? RowOutcome::updated : RowOutcome::unchanged, stored->id, {}};
}

// The lifecycle stage of a row that is not a client's (SPEC 5), unless --all-stages. A row of
// the wrong shape is not skipped: it is reported.
std::optional<std::string> stage_to_skip(const CsvRecord& record, size_t width, const ColumnMap& columns,
                                         bool all_stages)
{
    const auto* stage = columns.find("lifecycle_stage");
    if (all_stages || !stage || !record_shape_problem(record, width).empty()) return std::nullopt;
    const std::string& cell = record.fields[stage->front()];
    if (is_client_stage(cell)) return std::nullopt;
    return cell;
}

// What both passes read the rows with.
struct PeopleLayout {
    const std::vector<std::string>& header;
    const ColumnMap& columns;
    const std::vector<PersonField>& mapped;
    const ValueFormat& format;
    bool all_stages;
};

// The person a row names, read without its dates, money and tags: for a valid row, what
// person_key() gives.
std::string key_of(const CsvRecord& record, const PeopleLayout& layout)
{
    std::vector<std::string> ignored;
    RowCells cells(record, layout.header, layout.columns, layout.format, ignored);
    Person p;
    if (auto email = cells.text("email")) p.email = first_email(*email);
    else p.external_id = cells.text("external_id");
    return person_key(p);
}

// First pass: every row that will be imported notes its person, so that the second pass knows
// which rows a later row of the same person supersedes. A row is validated here only when an
// earlier row may have named its person: an invalid row supersedes nothing.
void note_people(ImportFile& file, const PeopleLayout& layout, RepeatedRows& repeated)
{
    CsvRecord record;
    while (file.next(record)) {
        if (is_blank_row(record) || !record_shape_problem(record, layout.header.size()).empty() ||
            stage_to_skip(record, layout.header.size(), layout.columns, layout.all_stages))
            continue;
        std::string key = key_of(record, layout);
        if (key.empty() || !repeated.named_before(key)) continue;
        PersonRow row = read_person_row(record, layout.header, layout.columns, layout.mapped, layout.format);
        if (row.problems.empty()) repeated.note(key, record.line);
    }
    file.restart();
}

// The second pass, row by row: each row is skipped by its stage, rejected, superseded by a
// later row of the same person, or upserted; and counted.
class ClientRows {
public:
    ClientRows(ImportFile& file, const PeopleLayout& layout, RepeatedRows& repeated, PeopleWriter& people)
        : m_file(file), m_layout(layout), m_repeated(repeated), m_people(people)
    {
    }

    void take(const CsvRecord& record)
    {
        ++m_counts.rows;
        m_file.progress();
        if (auto stage = stage_to_skip(record, m_layout.header.size(), m_layout.columns, m_layout.all_stages)) {
            ++m_counts.skipped;
            m_skipped.add(*stage);
            return;
        }
        PersonRow row = read_person_row(record, m_layout.header, m_layout.columns, m_layout.mapped, m_layout.format);
        if (!row.problems.empty()) return reject(record, row.problems);
        m_unknown_sources.insert(row.unknown_sources.begin(), row.unknown_sources.end());
        RepeatedRows::Visit seen = m_repeated.visit(person_key(row.person), record.line);
        if (seen.previous)
            m_file.warning(fmt::format("{}:{}: {} already appeared on line {}; the last row wins", m_file.name(),
                                       record.line, person_handle(row.person), *seen.previous));
        if (seen.superseded) { // the last row of this person says what changes
            ++m_counts.unchanged;
            return;
        }
        if (m_file.failed()) return; // keep validating; nothing will be written
        Upserted done = upsert(m_people, row);
        switch (done.outcome) {
        case RowOutcome::created: ++m_counts.created; break;
        case RowOutcome::updated: ++m_counts.updated; break;
        case RowOutcome::unchanged: ++m_counts.unchanged; break;
        case RowOutcome::rejected: reject(record, {done.problem}); break;
        }
    }

    // What was left out or read loosely, once each.
    void warn() const
    {
        if (!m_unknown_sources.empty())
            m_file.warning(fmt::format("{}: lead sources recorded as \"other\": {}", m_file.name(),
                                       fmt::join(m_unknown_sources, ", ")));
        if (m_skipped.total() > 0)
            m_file.warning(fmt::format("{}: {} {} skipped by lifecycle stage: {} (--all-stages imports them)",
                                       m_file.name(), with_thousands(m_skipped.total()),
                                       m_skipped.total() == 1 ? "row" : "rows", m_skipped.describe()));
    }

    const ImportCounts& counts() const { return m_counts; }

private:
    void reject(const CsvRecord& record, const std::vector<std::string>& problems)
    {
        ++m_counts.rejected;
        m_file.reject(record, problems);
    }

    ImportFile& m_file;
    const PeopleLayout& m_layout;
    RepeatedRows& m_repeated;
    PeopleWriter& m_people;
    ImportCounts m_counts;
    std::set<std::string> m_unknown_sources;
    StageTally m_skipped;
};

} // namespace

void import_clients(const ImportOptions& options, const GlobalOptions& globals)
{
    auto started = std::chrono::steady_clock::now();
    Terminal terminal(globals);
    Date today = globals.today_date();
    ImportFile file(options, terminal, globals.db_path(), Passes::two);
    auto header_rows = file.read_header();
    const std::vector<std::string>& header = header_rows.front();
    std::optional<Preset> preset;
    if (!options.preset.empty()) preset = parse_preset(options.preset);
    ColumnMap columns = map_people_columns(header, preset, file.overrides());
    if (!columns.has("email") && !columns.has("external_id"))
        throw failure(fmt::format("{}:1: no email or external_id column (name one with --map 'Header=email')", file.name()));
    file.refuse_duplicate_columns(columns);
    file.warn_ignored_columns(columns.ignored);
    std::vector<PersonField> mapped = mapped_person_fields(columns);
    ValueFormat format = file.value_format(columns.preset == Preset::salesforce ? "%m/%d/%Y" : "");
    PeopleLayout layout{header, columns, mapped, format, options.all_stages};

    NewDatabaseCleanup cleanup(globals.db_path());
    auto db = open_database(globals.db_path(), Access::write);
    set_page_cache_mib(*db, 64); // random email keys stay in cache
    WriteTransaction tx(*db);
    RepeatedRows repeated(*db);
    note_people(file, layout, repeated);
    std::optional<BulkLoad> bulk;
    // ~100 bytes a row: rebuild the indexes when the file adds more than a quarter.
    if (file.size() > k_bulk_import_bytes && file.size() / 100 > highest_person_id(*db) / 4) bulk.emplace(*db, k_query_indexes);
    EventLog events(*db, current_actor(today));
    PeopleWriter people(*db, events);
    ClientRows rows(file, layout, repeated, people);
    // A Salesforce report ends with blank lines and a footer of one-cell lines.
    ReportFooter records([&file](CsvRecord& r) { return file.next(r); },
                         columns.preset == Preset::salesforce && header.size() > 1);
    CsvRecord record;
    while (records.next(record))
        if (!is_blank_row(record)) rows.take(record);
    rows.warn();
    if (!file.failed() && !options.dry_run) {
        if (bulk) bulk->restore();
        file.complete_rejects();
        tx.commit();
        cleanup.keep();
    }
    // The time includes the index rebuilds and the commit: what the user waited for.
    file.finish(rows.counts(), globals, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

} // namespace refer
