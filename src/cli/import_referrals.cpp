// refer import referrals FILE: backfills referrals under the rules of `submit` and `advance`.
// A row is a submission followed by its moves (per-stage dates, else status_on), in file order.
// A row naming a referral already in the ledger (same referrer, referee email, submitted_on) is
// `unchanged` when it describes it exactly, and `updated` when it continues its history
// (later stages, other details); a row that would rewrite a recorded stage date is invalid.
#include "refer/cli/import_people.h"
#include "refer/cli/row_pipeline.h"
#include "refer/csvio/people_rows.h"
#include "refer/csvio/row_cells.h"
#include "refer/error.h"
#include "refer/storage/database.h"
#include "refer/storage/people.h"
#include "refer/storage/programs.h"
#include "refer/storage/referrals.h"
#include "refer/util/email_filter.h"
#include "refer/util/id_cache.h"
#include "refer/util/text.h"

#include <chrono>
#include <fmt/format.h>
#include <algorithm>

namespace refer {

namespace {

constexpr std::uint64_t k_bytes_per_row = 130;
constexpr std::string_view k_referral_indexes[] = {"referrals_by_referrer", "referrals_by_referee", "referrals_by_submitted",
                                                   "referrals_by_won",      "referrals_by_lost",    "referrals_open"};
// The people's indexes too when the referees won are many next to the people (a fifth of the rows).
constexpr std::string_view k_colleague_indexes[] = {"clients_by_company", "clients_by_domain", "clients_by_started",
                                                    "clients_by_kind"};

constexpr Status k_stages[] = {Status::contacted, Status::meeting, Status::qualified, Status::won, Status::lost};

std::string stage_column(Status s) { return fmt::format("{}_on", to_string(s)); }

struct ReferralRow {
    std::string referrer; // as written: email or ext:ID
    Referral referral;    // as submitted, before the moves; referrer_id unset
    bool has_source = false;
    Status status = Status::submitted;
    std::optional<Date> status_on;
    std::optional<Date> stage_on[6]; // by Status; submitted unused
    std::vector<std::string> problems;
};

ReferralRow read_referral_row(const CsvRecord& record, const std::vector<std::string>& header,
                              const ColumnMap& columns, const ValueFormat& format)
{
    ReferralRow row;
    if (auto shape = record_shape_problem(record, header.size()); !shape.empty()) {
        row.problems.push_back(shape);
        return row;
    }
    RowCells cells(record, header, columns, format, row.problems);
    Referral& r = row.referral;
    size_t column = 0;
    if (auto by = cells.text("referrer_email", &column)) {
        row.referrer = by->starts_with("ext:") ? *by : normalize_email(*by);
        if (!by->starts_with("ext:") && !is_valid_email(row.referrer)) cells.problem("invalid email", *by, column);
    } else {
        row.problems.push_back("no referrer (column referrer_email)");
    }
    if (auto on = cells.date("submitted_on")) r.submitted_on = r.status_on = *on;
    else if (!cells.text("submitted_on")) row.problems.push_back("no submission date (column submitted_on)");
    r.referee_name = cells.text("referee_name");
    if (auto email = cells.text("referee_email", &column)) {
        std::string e = first_email(*email);
        if (is_valid_email(e)) r.referee_email = e;
        else cells.problem("invalid email", *email, column);
    }
    if (!r.referee_name && !cells.text("referee_email"))
        row.problems.push_back("no referee (columns referee_name, referee_email)");
    r.referee_company = cells.text("referee_company");
    if (auto source = cells.text("source", &column)) {
        r.source = ascii_lower(*source);
        row.has_source = true;
        if (!is_referral_source(r.source)) cells.problem("unknown source", *source, column, spoken_list(k_referral_sources));
    }
    if (auto status = cells.text("status", &column)) {
        if (auto s = parse_status(ascii_lower(*status))) row.status = *s;
        else cells.problem("unknown status", *status, column, spoken_list(k_status_names));
    }
    row.status_on = cells.date("status_on");
    for (Status s : k_stages) row.stage_on[static_cast<size_t>(s)] = cells.date(stage_column(s));
    r.deal_value = cells.money("deal_value");
    r.lost_reason = cells.text("lost_reason");
    // A yes/no cell: true, false, yes, no, 1 or 0 (and `also_true`, when given).
    auto yes_no = [&](const char* field, const char* also_true = nullptr) -> std::optional<bool> {
        auto text = cells.text(field, &column);
        if (!text) return std::nullopt;
        std::string v = ascii_lower(*text);
        if (v == "true" || v == "yes" || v == "1" || (also_true && v == also_true)) return true;
        if (v == "false" || v == "no" || v == "0") return false;
        cells.problem(fmt::format("invalid {}", field), *text, column, "true, false, yes, no, 1 or 0");
        return std::nullopt;
    };
    if (auto consent = yes_no("consent")) r.consent = *consent;
    r.note = cells.text("note");
    auto part = [&](const char* field, int max) -> std::optional<int> {
        auto text = cells.text(field, &column);
        if (!text) return std::nullopt;
        if (text->size() == 1 && (*text)[0] >= '0' && (*text)[0] <= '0' + max) return (*text)[0] - '0';
        cells.problem(fmt::format("invalid {}", field), *text, column, fmt::format("0 to {}", max));
        return std::nullopt;
    };
    r.fit.industry = part("fit_industry", k_fit_industry_max);
    r.fit.role = part("fit_role", k_fit_role_max);
    r.fit.size = part("fit_size", k_fit_size_max);
    r.fit.urgency = yes_no("fit_urgency", "2"); // 2: the points it adds
    return row;
}

// The row's submission followed by its moves; problems go to row.problems.
Referral apply_moves(ReferralRow& row, Referral r)
{
    auto problem = [&](std::string p) { row.problems.push_back(std::move(p)); };
    const auto& on = row.stage_on;
    std::optional<std::string> lost_reason = r.lost_reason;
    r.lost_reason.reset();
    if (lost_reason && row.status != Status::lost) problem(fmt::format("lost_reason is set but the status is {}", to_string(row.status)));
    if (row.status == Status::won && !r.deal_value) problem("won needs a deal value (column deal_value)");
    auto move = [&](Status to, Date date, const std::string& column) {
        Move m{to, date, std::nullopt, to == Status::lost ? lost_reason : std::nullopt, false};
        MoveResult result = advance(r, m);
        if (result.after) r = *result.after;
        else problem(fmt::format("{}: {}", column, result.refusal));
        return result.after.has_value();
    };
    for (Status s : k_stages) {
        if (!on[static_cast<size_t>(s)]) continue;
        bool beyond = row.status == Status::lost ? s == Status::won
                                                 : static_cast<int>(s) > static_cast<int>(row.status);
        if (beyond) problem(fmt::format("{} is set but the status is {}", stage_column(s), to_string(row.status)));
    }
    if (!row.problems.empty()) return r;
    for (Status s : k_stages)
        if (auto date = on[static_cast<size_t>(s)])
            if (!move(s, *date, stage_column(s))) return r;
    if (row.status == Status::submitted) {
        if (row.status_on && *row.status_on < r.submitted_on)
            problem(fmt::format("status_on: the date {} precedes the submission on {}", to_string(*row.status_on),
                                to_string(r.submitted_on)));
        else if (row.status_on) r.status_on = *row.status_on;
    } else if (!on[static_cast<size_t>(row.status)]) {
        if (row.status_on) move(row.status, *row.status_on, "status_on");
        else problem(fmt::format("no date for status {} (columns status_on, {})", to_string(row.status), stage_column(row.status)));
    }
    return r;
}

// A recorded stage date the row would change, or nothing when the row continues the history.
std::optional<std::string> history_conflict(long long id, const Referral& stored, const Referral& wanted)
{
    for (Status s : k_stages) {
        auto before = stage_date(stored, s);
        if (before && stage_date(wanted, s) != before) {
            auto now = stage_date(wanted, s);
            return fmt::format("referral {} already reached {} on {}; the row says {} (refer advance --force "
                               "moves it back)", id, to_string(s), to_string(*before),
                               now ? to_string(*now) : std::string("never"));
        }
    }
    return std::nullopt;
}

// What a row needs of its referrer.
struct Referrer {
    long long id = 0;
    std::optional<std::string> email;
};

// A person's kind as a tag of the referrer cache; 0: not read yet.
std::uint8_t kind_tag(std::string_view kind)
{
    auto at = std::ranges::find(k_person_kinds, kind);
    return at == std::end(k_person_kinds) ? 1 : static_cast<std::uint8_t>(at - std::begin(k_person_kinds) + 1);
}

// The referee email of a record as the import stores it, when the record has a valid one.
std::optional<std::string> referee_email_of(const CsvRecord& record, const std::vector<std::string>& header,
                                            const ColumnMap& columns, const ValueFormat& format)
{
    if (!record_shape_problem(record, header.size()).empty()) return std::nullopt;
    std::vector<std::string> ignored;
    RowCells cells(record, header, columns, format, ignored);
    auto cell = cells.text("referee_email");
    if (!cell) return std::nullopt;
    std::string email = first_email(*cell);
    if (!is_valid_email(email)) return std::nullopt;
    return email;
}

// The referee index is dropped for a bulk import, so before it goes, a first pass over the file
// finds the referee emails that need their earlier referrals looked up: those in the ledger and
// those the file names more than once (and the few a Bloom filter cannot tell apart).
// Leaves `filter` holding the suspects.
void find_suspects(const ImportOptions& options, const Terminal& terminal, const std::filesystem::path& ledger,
                   const ColumnMap& columns, SQLite::Database& db, SuspectReferees& suspects, EmailFilter& filter)
{
    for_each_referee_email(db, [&](std::string_view email) { filter.add(normalize_email(email)); });
    ImportFile file(options, terminal, ledger);
    auto header = file.read_header().front();
    ValueFormat format = file.value_format("");
    CsvRecord record;
    std::uint64_t count = 0;
    while (file.next(record)) {
        auto email = referee_email_of(record, header, columns, format);
        if (!email) continue;
        if (filter.may_contain(*email)) {
            suspects.add(*email);
            ++count;
        }
        filter.add(*email);
    }
    filter.clear();
    if (count == 0) return;
    suspects.for_each_email([&](std::string_view email) { filter.add(email); });
    suspects.copy_ledger_referrals();
}

// Looks up a referee's earlier referrals: through the referee index, or, in a bulk import,
// for the suspects alone.
class RefereeHistory {
public:
    explicit RefereeHistory(ReferralWriter& referrals) : m_referrals(referrals) {}
    RefereeHistory(ReferralWriter& referrals, SuspectReferees& suspects, const EmailFilter& filter)
        : m_referrals(referrals), m_suspects(&suspects), m_filter(&filter)
    {
    }

    // False when the email can have no earlier referral (then neither lookup nor record is needed).
    bool tracked(const std::string& email)
    {
        return !m_suspects || (m_filter->may_contain(email) && m_suspects->contains(email));
    }
    std::vector<StoredReferral> referrals(const std::string& email)
    {
        return m_suspects ? m_suspects->referrals(email) : m_referrals.by_referee(email);
    }
    void record(const std::string& email, long long id)
    {
        if (m_suspects) m_suspects->record(email, id);
    }

private:
    ReferralWriter& m_referrals;
    SuspectReferees* m_suspects = nullptr;
    const EmailFilter* m_filter = nullptr;
};

class ReferralImporter {
public:
    ReferralImporter(EventLog& events, PeopleWriter& people, ReferralWriter& referrals, RefereeHistory& history,
                     const ColumnMap& columns, const ProgramBook& programs)
        : m_columns(columns), m_events(events), m_people(people), m_referrals(referrals), m_history(history),
          m_programs(programs)
    {
    }

    RowOutcome import(ReferralRow& row)
    {
        std::optional<Referrer> referrer = find_referrer(row.referrer);
        if (!referrer) {
            row.problems.push_back(fmt::format("unknown referrer \"{}\" (import or refer add them first)", row.referrer));
            return RowOutcome::rejected;
        }
        Referral& submitted = row.referral;
        submitted.referrer_id = referrer->id;
        if (!row.has_source) submitted.source = referrer_kind(row.referrer, referrer->id);
        if (submitted.referee_email && referrer->email == submitted.referee_email)
            row.problems.push_back(fmt::format("{} cannot refer themselves", *submitted.referee_email));
        Referral wanted = apply_moves(row, submitted);
        if (!row.problems.empty()) return RowOutcome::rejected;

        bool tracked = wanted.referee_email && m_history.tracked(*wanted.referee_email);
        std::vector<StoredReferral> prior;
        if (tracked) prior = m_history.referrals(*wanted.referee_email);
        const StoredReferral* same = nullptr;
        std::vector<PriorReferral> others;
        for (const StoredReferral& p : prior) {
            if (!same && p.referral.referrer_id == wanted.referrer_id && p.referral.submitted_on == wanted.submitted_on)
                same = &p;
            else
                others.push_back({p.id, p.referrer, p.referral.submitted_on});
        }
        if (!same) {
            int attribution_days = m_programs.in_force(wanted.submitted_on).program.attribution_days;
            if (auto first = attribution_conflict(others, wanted.submitted_on, attribution_days)) {
                row.problems.push_back(attribution_refusal(*wanted.referee_email, *first, attribution_days));
                return RowOutcome::rejected;
            }
            long long id = 0;
            {
                EventDate submitted(m_events, wanted.submitted_on); // the row's submission, then its moves
                id = m_referrals.insert(wanted);
            }
            if (tracked) m_history.record(*wanted.referee_email, id);
            if (wanted.status == Status::won) make_client(id, wanted);
            return RowOutcome::created;
        }
        const Referral& stored = same->referral;
        // Only the file's columns change a referral already in the ledger.
        auto keep = [&](const char* field, auto member) {
            if (!m_columns.has(field)) wanted.*member = stored.*member;
        };
        keep("referee_name", &Referral::referee_name);
        keep("referee_company", &Referral::referee_company);
        keep("source", &Referral::source);
        keep("consent", &Referral::consent);
        keep("note", &Referral::note);
        keep("deal_value", &Referral::deal_value);
        if (!m_columns.has("fit_industry")) wanted.fit.industry = stored.fit.industry;
        if (!m_columns.has("fit_role")) wanted.fit.role = stored.fit.role;
        if (!m_columns.has("fit_size")) wanted.fit.size = stored.fit.size;
        if (!m_columns.has("fit_urgency")) wanted.fit.urgency = stored.fit.urgency;
        if (wanted.status == Status::lost && wanted.lost_on == stored.lost_on) keep("lost_reason", &Referral::lost_reason);
        // A row without a status date keeps the date a referral moved back to submitted.
        if (wanted.status == Status::submitted && stored.status == Status::submitted && !row.status_on)
            wanted.status_on = stored.status_on;
        if (wanted == stored) return RowOutcome::unchanged;
        if (auto conflict = history_conflict(same->id, stored, wanted)) {
            row.problems.push_back(*conflict);
            return RowOutcome::rejected;
        }
        // A move is dated by the stage it reaches; a correction alone has no date but today.
        bool moved = wanted.status != stored.status || wanted.status_on != stored.status_on;
        EventDate dated(m_events, moved ? wanted.status_on : m_events.actor().today);
        m_referrals.update(same->id, stored, wanted);
        if (wanted.status == Status::won && stored.status != Status::won) make_client(same->id, wanted);
        return RowOutcome::updated;
    }

private:
    // Through the unique index on email, without reading the row; the referrers of a file
    // repeat, so the answers are kept (IdCache: bounded). CRM ids (ext:ID) are rare: a query each.
    std::optional<Referrer> find_referrer(const std::string& handle)
    {
        if (handle.starts_with("ext:")) {
            auto found = m_people.find_by_external_id(handle.substr(4));
            if (!found) return std::nullopt;
            return Referrer{found->id, found->person.email};
        }
        if (auto hit = m_referrers.find(handle)) return Referrer{hit->id, handle};
        auto id = m_people.find_id_by_email(handle);
        if (!id) return std::nullopt;
        m_referrers.put(handle, *id, 0);
        return Referrer{*id, handle};
    }

    // For rows without a source, which default to the referrer's kind.
    std::string referrer_kind(const std::string& handle, long long id)
    {
        auto hit = handle.starts_with("ext:") ? std::nullopt : m_referrers.find(handle);
        if (hit && hit->tag != 0) return std::string(k_person_kinds[hit->tag - 1]);
        std::string kind = m_people.kind_of(id).value_or("client");
        if (hit) m_referrers.retag(handle, kind_tag(kind));
        return kind;
    }

    // Dated by the win, as `refer advance` dates it.
    void make_client(long long id, const Referral& won)
    {
        if (won.referee_email) m_referrers.retag(*won.referee_email, kind_tag("client"));
        EventDate dated(m_events, won.won_on.value_or(won.status_on));
        make_referee_client(m_people, id, won);
    }

    const ColumnMap& m_columns;
    EventLog& m_events;
    PeopleWriter& m_people;
    ReferralWriter& m_referrals;
    RefereeHistory& m_history;
    const ProgramBook& m_programs;
    IdCache m_referrers;
};

} // namespace

void import_referrals(const ImportOptions& options, const GlobalOptions& globals)
{
    auto started = std::chrono::steady_clock::now();
    Terminal terminal(globals);
    Date today = globals.today_date();
    ImportFile file(options, terminal, globals.db_path());
    auto header_rows = file.read_header();
    const std::vector<std::string>& header = header_rows.front();
    ColumnMap columns = map_referral_columns(header, file.overrides());
    file.require_columns(columns, {"referrer_email", "submitted_on"});
    file.refuse_duplicate_columns(columns);
    file.warn_ignored_columns(columns.ignored);
    ValueFormat format = file.value_format("");

    NewDatabaseCleanup cleanup(globals.db_path());
    auto db = open_database(globals.db_path(), Access::write);
    set_page_cache_mib(*db, 64); // random email keys stay in cache
    std::uint64_t rows = file.size() / k_bytes_per_row;
    bool bulk_load = file.size() > k_bulk_import_bytes && rows > highest_referral_id(*db) / 4;
    // Every referrer id written is read from clients in this transaction, and every referred_by
    // is a referral it wrote: per-row foreign-key probes (a random read of clients each) would
    // prove nothing more. A dry run keeps WAL: it leaves the file untouched.
    std::optional<BulkConnection> bulk_connection;
    if (bulk_load && !options.dry_run) bulk_connection.emplace(*db);
    WriteTransaction tx(*db);
    EventLog events(*db, current_actor(today));
    PeopleWriter people(*db, events);
    ReferralWriter referrals(*db, events);
    std::optional<SuspectReferees> suspects;
    std::optional<EmailFilter> filter;
    std::optional<RefereeHistory> history;
    std::optional<BulkLoad> bulk;
    if (bulk_load) {
        suspects.emplace(*db);
        filter.emplace();
        find_suspects(options, terminal, globals.db_path(), columns, *db, *suspects, *filter);
        std::vector<std::string_view> indexes(std::begin(k_referral_indexes), std::end(k_referral_indexes));
        if (rows / 5 > highest_person_id(*db) / 8)
            indexes.insert(indexes.end(), std::begin(k_colleague_indexes), std::end(k_colleague_indexes));
        bulk.emplace(*db, indexes);
        history.emplace(referrals, *suspects, *filter);
    } else {
        history.emplace(referrals);
    }
    ProgramBook programs = program_book(*db);
    ReferralImporter importer(events, people, referrals, *history, columns, programs);
    ImportCounts counts;
    { // the reading thread ends with this block
        RowPipeline<ReferralRow> rows_read(file, [&](const CsvRecord& record) {
            return read_referral_row(record, header, columns, format);
        });
        while (auto* item = rows_read.next()) {
            const CsvRecord& record = item->record;
            ReferralRow& row = item->row;
            ++counts.rows;
            file.progress(counts.rows, rows_read.fraction_read());
            // Rows are written even after a failure (the transaction is then rolled back), so that
            // later rows are judged against the earlier ones, as they would be after a fix.
            RowOutcome outcome = row.problems.empty() ? importer.import(row) : RowOutcome::rejected;
            switch (outcome) {
            case RowOutcome::created: ++counts.created; break;
            case RowOutcome::updated: ++counts.updated; break;
            case RowOutcome::unchanged: ++counts.unchanged; break;
            case RowOutcome::rejected:
                ++counts.rejected;
                file.reject(record, row.problems);
                break;
            }
        }
    }
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
