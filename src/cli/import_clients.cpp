// The people import: map columns, validate every row, upsert by email else external_id.
#include "refer/cli/import_people.h"
#include "refer/csvio/people_rows.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/import_lines.h"
#include "refer/storage/people.h"

#include <chrono>
#include <fmt/format.h>
#include <set>

namespace refer {

namespace {

// Above this input size, secondary indexes are rebuilt once instead of updated per row.
constexpr std::uint64_t k_bulk_bytes = 8u << 20;
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

enum class Outcome { created, updated, unchanged, rejected };

struct Upserted {
    Outcome outcome;
    long long id;
    std::string problem; // why, when rejected
};

Upserted upsert(PeopleWriter& people, const PersonRow& row)
{
    const Person& p = row.person;
    if (auto id = people.insert_if_new(p)) return {Outcome::created, *id, {}}; // one index probe for new people
    std::optional<StoredPerson> stored;
    if (p.email) stored = people.find_by_email(*p.email);
    if (!stored && p.external_id) stored = people.find_by_external_id(*p.external_id);
    if (!stored) throw std::logic_error("a person both exists and does not");
    stored->person.tags.clear(); // tags are only ever added by an import
    Person merged = merge_person(stored->person, row);
    // Matched by email, but the row's CRM id is someone else's: the file mixes up two people.
    if (merged.external_id && merged.external_id != stored->person.external_id)
        if (auto holder = people.find_by_external_id(*merged.external_id); holder && holder->id != stored->id)
            return {Outcome::rejected, stored->id,
                    fmt::format("external_id \"{}\" already belongs to {}", *merged.external_id,
                                person_handle(holder->person))};
    bool changed = !same_person(stored->person, merged);
    if (changed) people.update(stored->id, stored->person, merged);
    bool tagged = people.add_tags(stored->id, p.tags) > 0;
    return {changed || tagged ? Outcome::updated : Outcome::unchanged, stored->id, {}};
}

} // namespace

void import_clients(const ImportOptions& options, const GlobalOptions& globals)
{
    auto started = std::chrono::steady_clock::now();
    Terminal terminal(globals);
    Date today = globals.today_date();
    ImportFile file(options, terminal, globals.db_path());
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

    NewDatabaseCleanup cleanup(globals.db_path());
    auto db = open_database(globals.db_path(), Access::write);
    set_page_cache_mib(*db, 64); // random email keys stay in cache
    WriteTransaction tx(*db);
    std::optional<BulkLoad> bulk;
    // ~100 bytes a row: rebuild the indexes when the file adds more than a quarter.
    if (file.size() > k_bulk_bytes && file.size() / 100 > highest_person_id(*db) / 4) bulk.emplace(*db, k_query_indexes);
    EventLog events(*db, current_actor(today));
    PeopleWriter people(*db, events);
    ImportLines lines(*db);
    std::set<std::string> unknown_sources;
    ImportCounts counts;
    CsvRecord record;
    while (file.next(record)) {
        // A Salesforce report ends with a blank line and a footer of one-cell lines.
        if (columns.preset == Preset::salesforce && record.after_blank_line && record.fields.size() < header.size()) break;
        if (is_blank_row(record)) continue;
        ++counts.rows;
        file.progress();
        PersonRow row = read_person_row(record, header, columns, mapped, format);
        if (!row.problems.empty()) {
            ++counts.rejected;
            file.reject(record, row.problems);
            continue;
        }
        unknown_sources.insert(row.unknown_sources.begin(), row.unknown_sources.end());
        if (file.failed()) continue; // keep validating; nothing will be written
        Upserted done = upsert(people, row);
        if (done.outcome == Outcome::rejected) {
            ++counts.rejected;
            file.reject(record, {done.problem});
            continue;
        }
        if (done.outcome != Outcome::created)
            if (auto earlier = lines.previous(done.id))
                terminal.warning(fmt::format("{}:{}: {} already appeared on line {}; the last row wins", file.name(),
                                             record.line, person_handle(row.person), *earlier));
        lines.record(done.id, record.line);
        switch (done.outcome) {
        case Outcome::created: ++counts.created; break;
        case Outcome::updated: ++counts.updated; break;
        case Outcome::unchanged: ++counts.unchanged; break;
        case Outcome::rejected: break; // handled above
        }
    }
    if (!unknown_sources.empty())
        terminal.warning(fmt::format("{}: lead sources recorded as \"other\": {}", file.name(), fmt::join(unknown_sources, ", ")));
    if (!file.failed() && !options.dry_run) {
        if (bulk) bulk->restore();
        file.complete_rejects();
        tx.commit();
        cleanup.keep();
    }
    // The time includes the index rebuilds and the commit: what the user waited for.
    file.finish(counts, globals, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

} // namespace refer
