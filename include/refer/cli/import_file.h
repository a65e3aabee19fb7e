#pragma once
// What every `refer import` shares: options, opening the input, row errors, the rejects
// file, counts and the summary.
#include "refer/cli/app.h"
#include "refer/csvio/columns.h"
#include "refer/csvio/csv_reader.h"
#include "refer/csvio/values.h"
#include "refer/util/output_file.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace refer {

struct ImportOptions {
    std::string file;
    std::vector<std::string> maps;
    std::string preset;
    std::string encoding = "utf-8";
    std::string delimiter;
    std::string date_format;
    bool all_stages = false; // import clients: every lifecycle stage, not only clients
    bool decimal_comma = false;
    int header_rows = 0; // 0: detect
    bool skip_invalid = false;
    std::string rejects;
    bool dry_run = false;
};

// Adds the options above to an import subcommand.
void add_import_options(CLI::App& command, ImportOptions& options);

struct ImportCounts {
    // rows = created + updated + unchanged + rejected + skipped (left out by lifecycle stage)
    std::uint64_t rows = 0, created = 0, updated = 0, unchanged = 0, rejected = 0, skipped = 0;
};

// What importing one row did.
enum class RowOutcome { created, updated, unchanged, rejected };

// Bulk imports: above this input size (and when the file adds more than a quarter of what the
// ledger holds), secondary indexes are dropped and rebuilt once, sorted, instead of updated
// per row.
constexpr std::uint64_t k_bulk_import_bytes = 8u << 20;

// How often an import reads its input: twice when a first pass must see every row before
// the second writes (the last row of a person wins).
enum class Passes { one, two };

// One input file being imported: reader, errors and rejects.
class ImportFile {
public:
    // Throws failure, before the ledger at `ledger` is touched, when the rejects file would
    // replace the ledger or the input. With Passes::two, an input that cannot be read twice
    // (standard input, a pipe) is first copied to an unnamed temporary file.
    ImportFile(const ImportOptions& options, const Terminal& terminal, const std::filesystem::path& ledger,
               Passes passes = Passes::one);

    CsvReader& reader() { return *m_reader; }
    const std::string& name() const { return m_name; }
    std::uint64_t size() const { return m_size; } // 0 for standard input
    std::vector<ColumnOverride> overrides() const;
    ValueFormat value_format(std::string fallback_date_format) const;

    // Reads `count` header rows; throws failure when the file has none.
    std::vector<std::vector<std::string>> read_header(size_t count);
    // The header rows --header-rows asks for, else one.
    std::vector<std::vector<std::string>> read_header() { return read_header(m_options.header_rows > 0 ? static_cast<size_t>(m_options.header_rows) : 1); }
    // Throws failure naming the first field in `needed` that no column holds.
    void require_columns(const ColumnMap& columns, std::initializer_list<const char*> needed) const;
    // Reads up to three records to judge the header rows from, and returns them for replay.
    std::vector<CsvRecord> peek(size_t count);
    bool next(CsvRecord& record);
    // Back to the first record after the header rows, for the second pass (Passes::two).
    void restart();

    // A row failed: reported (first 50) and, with --skip-invalid, written to the rejects file.
    void reject(const CsvRecord& record, const std::vector<std::string>& problems);
    // Every rejected row on disk, or failure: call it before the commit, so that no row ends
    // up in neither the ledger nor the rejects file. finish() then puts the file in place.
    void complete_rejects();
    bool failed() const { return m_problem_rows > 0 && !m_options.skip_invalid; }
    void note_unknown_column(const std::string& header) { m_ignored.push_back(header); }
    void warning(std::string_view message) const { m_terminal.warning(message); }
    // Throws failure when a column a field reads has the same header as another column (a
    // header `email,email`): which one is meant cannot be told.
    void refuse_duplicate_columns(const ColumnMap& columns) const;
    void warn_ignored_columns(const std::vector<std::string>& ignored) const;
    void progress();
    // For a reader on another thread (RowPipeline): `fraction` of the file was read by then.
    void progress(std::uint64_t rows, double fraction) const;

    // Prints the summary (stderr, or the JSON document on stdout with --json) and throws
    // failure when rows were invalid without --skip-invalid. Call it after the commit: it
    // puts the rejects file in place (a failed import leaves an earlier one as it was).
    void finish(const ImportCounts& counts, const GlobalOptions& globals, double seconds);

private:
    bool read_record(CsvRecord& record); // the reader's next, its CsvError as file:line
    std::filesystem::path rejects_path() const;
    void open_rejects();
    void spool(std::istream& in);

    const ImportOptions& m_options;
    const Terminal& m_terminal;
    std::string m_name;
    std::ifstream m_file;
    std::uint64_t m_size = 0;
    CsvOptions m_csv_options;
    std::unique_ptr<CsvReader> m_reader;
    std::vector<std::vector<std::string>> m_header;
    std::vector<std::string> m_header_raw;
    std::vector<CsvRecord> m_replay;
    std::vector<std::string> m_ignored;
    std::vector<ProtectedFile> m_protected; // what the rejects file must not replace
    std::optional<OutputFile> m_rejects;
    std::uint64_t m_problem_rows = 0, m_problems = 0, m_records_seen = 0;
};

// Removes the database file (and its -wal, -shm, -journal) when this command created it and
// did not commit: a refused import or a dry run leaves no database behind. Declare it before
// the database handle, so that the handle is closed first.
class NewDatabaseCleanup {
public:
    explicit NewDatabaseCleanup(std::filesystem::path path);
    ~NewDatabaseCleanup();
    NewDatabaseCleanup(const NewDatabaseCleanup&) = delete;
    NewDatabaseCleanup& operator=(const NewDatabaseCleanup&) = delete;
    void keep() { m_keep = true; }

private:
    std::filesystem::path m_path;
    bool m_existed = true, m_keep = false;
};

} // namespace refer
