#include "refer/cli/import_file.h"

#include "refer/error.h"
#include "refer/render/listing.h"
#include "refer/storage/database.h"
#include "refer/util/text.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdlib.h>
#include <unistd.h>

namespace refer {

static constexpr std::uint64_t k_reported_problems = 50;

void add_import_options(CLI::App& cmd, ImportOptions& o)
{
    cmd.add_option("FILE", o.file, "CSV file to import, or - for standard input")->required();
    cmd.add_option("--map", o.maps, "Map a column onto a field: 'Header Name=field' (repeatable)")
        ->type_name("'HEADER=FIELD'");
    cmd.add_option("--preset", o.preset, "CRM export format (default: detected from the header)")
        ->check(one_of({"hubspot", "pipedrive", "salesforce", "none"}));
    cmd.add_option("--encoding", o.encoding, "Input encoding when there is no byte-order mark")
        ->check(one_of({"utf-8", "utf8", "cp1252", "windows-1252", "latin1", "iso-8859-1"}, LetterCase::any));
    cmd.add_option("--delimiter", o.delimiter, "Field delimiter: , ; or tab (default: detected from the header)")
        ->check(one_of({",", ";", "tab", "\t"}));
    cmd.add_option("--date-format", o.date_format, "strptime format of dates, e.g. %m/%d/%Y or %d.%m.%Y");
    cmd.add_flag("--decimal-comma", o.decimal_comma, "Money is written 12.000,50");
    cmd.add_option("--header-rows", o.header_rows, "Number of header rows (default: detected)")
        ->check(CLI::Range(1, 10));
    cmd.add_flag("--skip-invalid", o.skip_invalid, "Import the valid rows; write the others to the rejects file");
    cmd.add_option("--rejects", o.rejects, "Rejects file for --skip-invalid (default FILE.rejects.csv)")
        ->type_name("FILE");
    cmd.add_flag("--dry-run", o.dry_run, "Validate and count, write nothing");
}

static Encoding encoding_of(const std::string& name)
{
    std::string n = ascii_lower(name);
    if (n == "cp1252" || n == "windows-1252") return Encoding::cp1252;
    if (n == "latin1" || n == "iso-8859-1") return Encoding::latin1;
    return Encoding::utf8;
}

ImportFile::ImportFile(const ImportOptions& options, const Terminal& terminal, const std::filesystem::path& ledger,
                       Passes passes)
    : m_options(options), m_terminal(terminal), m_protected(ledger_files(ledger))
{
    std::istream* in = &std::cin;
    if (options.file == "-") {
        m_name = "stdin";
        if (passes == Passes::two) {
            spool(std::cin);
            in = &m_file;
        }
    } else {
        m_name = options.file;
        std::error_code ec;
        if (std::filesystem::is_directory(options.file, ec))
            throw failure(fmt::format("{}: cannot open: {}", options.file, std::strerror(EISDIR))); // not "empty"
        m_file.open(options.file, std::ios::binary);
        if (!m_file) throw failure(fmt::format("{}: cannot open: {}", options.file, std::strerror(errno)));
        m_size = std::filesystem::file_size(options.file, ec);
        if (passes == Passes::two && !std::filesystem::is_regular_file(options.file, ec)) {
            std::ifstream pipe = std::move(m_file);
            spool(pipe);
        }
        in = &m_file;
    }
    char delimiter = 0;
    if (options.delimiter == "tab" || options.delimiter == "\t") delimiter = '\t';
    else if (!options.delimiter.empty()) delimiter = options.delimiter[0];
    m_csv_options = CsvOptions{delimiter, encoding_of(options.encoding)};
    m_reader = std::make_unique<CsvReader>(*in, m_csv_options);
    if (options.file != "-") m_protected.push_back({options.file, "the input file"});
    if (options.skip_invalid && !options.dry_run) check_output_target(rejects_path(), m_protected);
}

std::vector<ColumnOverride> ImportFile::overrides() const
{
    std::vector<ColumnOverride> result;
    for (const std::string& m : m_options.maps) {
        auto o = parse_column_override(m);
        if (!o) throw usage_error(fmt::format("--map '{}': expected 'Header Name=field'", m));
        result.push_back(*o);
    }
    return result;
}

ValueFormat ImportFile::value_format(std::string fallback_date_format) const
{
    return ValueFormat{m_options.decimal_comma ? DecimalMark::comma : DecimalMark::point, m_options.date_format,
                       std::move(fallback_date_format)};
}

bool ImportFile::read_record(CsvRecord& record)
{
    try {
        return m_reader->next(record);
    } catch (const CsvError& e) {
        throw failure(fmt::format("{}:{}: {}", m_name, e.line(), e.what()));
    }
}

std::vector<CsvRecord> ImportFile::peek(size_t count)
{
    CsvRecord r;
    while (m_replay.size() < count && read_record(r)) m_replay.push_back(std::move(r));
    return m_replay;
}

bool ImportFile::next(CsvRecord& record)
{
    if (!m_replay.empty()) {
        record = std::move(m_replay.front());
        m_replay.erase(m_replay.begin());
    } else if (!read_record(record)) {
        return false;
    }
    ++m_records_seen;
    return true;
}

void ImportFile::spool(std::istream& in)
{
    std::string pattern = (std::filesystem::temp_directory_path() / "refer-import-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw failure(fmt::format("{}: cannot copy to a temporary file: {}", m_name, std::strerror(errno)));
    ::close(fd);
    // Both ends open before the name goes, at once: a killed import leaves no file behind.
    std::ofstream copy(pattern, std::ios::binary | std::ios::trunc);
    m_file = std::ifstream(pattern, std::ios::binary);
    std::error_code ec;
    std::filesystem::remove(pattern, ec);
    if (!copy || !m_file) throw failure(fmt::format("{}: cannot copy to a temporary file", m_name));
    std::vector<char> buffer(1 << 16);
    m_size = 0;
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
        copy.write(buffer.data(), in.gcount());
        m_size += static_cast<std::uint64_t>(in.gcount());
    }
    copy.flush();
    if (!copy) throw failure(fmt::format("{}: cannot copy to a temporary file: {}", m_name, std::strerror(errno)));
}

void ImportFile::restart()
{
    m_file.clear();
    m_file.seekg(0);
    m_reader = std::make_unique<CsvReader>(m_file, m_csv_options);
    m_replay.clear();
    m_records_seen = 0;
    CsvRecord r;
    for (size_t i = 0; i < m_header.size() && next(r); ++i) {
    }
}

std::vector<std::vector<std::string>> ImportFile::read_header(size_t count)
{
    CsvRecord r;
    while (m_header.size() < count && next(r)) {
        if (!r.error.empty()) throw failure(fmt::format("{}:{}: {}", m_name, r.line, r.error));
        m_header.push_back(r.fields);
        m_header_raw.push_back(r.raw);
    }
    if (m_header.empty()) throw failure(fmt::format("{}: the file is empty (no header row)", m_name));
    return m_header;
}

void ImportFile::require_columns(const ColumnMap& columns, std::initializer_list<const char*> needed) const
{
    for (const char* field : needed)
        if (!columns.has(field))
            throw failure(fmt::format("{}:1: no {} column (name one with --map 'Header={}')", m_name, field, field));
}

void ImportFile::refuse_duplicate_columns(const ColumnMap& columns) const
{
    if (m_header.size() != 1) return; // survey exports repeat "Response" under each question
    const std::vector<std::string>& header = m_header.front();
    for (const auto& [field, cols] : columns.columns)
        for (size_t c : cols) {
            std::string name = normalize_header(header[c]);
            for (size_t other = 0; other < header.size(); ++other)
                if (other != c && normalize_header(header[other]) == name)
                    throw failure(fmt::format("{}:1: column \"{}\" appears twice (columns {} and {}): rename one",
                                              m_name, trim(header[c]), std::min(c, other) + 1, std::max(c, other) + 1));
        }
}

void ImportFile::warn_ignored_columns(const std::vector<std::string>& ignored) const
{
    if (!ignored.empty())
        m_terminal.warning(fmt::format("{}: ignoring columns: {}", m_name, fmt::join(ignored, ", ")));
}

std::filesystem::path ImportFile::rejects_path() const
{
    if (!m_options.rejects.empty()) return m_options.rejects;
    return (m_options.file == "-" ? "stdin" : m_options.file) + ".rejects.csv";
}

void ImportFile::open_rejects()
{
    m_rejects.emplace(rejects_path(), m_protected);
    char delimiter = m_reader->delimiter();
    for (size_t i = 0; i < m_header_raw.size(); ++i) {
        std::string line = m_header_raw[i];
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
        m_rejects->write(fmt::format("{}{}{}\n", line, delimiter, i == 0 ? "error" : ""));
    }
}

void ImportFile::reject(const CsvRecord& record, const std::vector<std::string>& problems)
{
    ++m_problem_rows;
    for (const std::string& p : problems) {
        if (++m_problems <= k_reported_problems)
            m_terminal.error_line(fmt::format("{}:{}: {}", m_name, record.line, p));
    }
    if (!m_options.skip_invalid || m_options.dry_run) return;
    if (!m_rejects) open_rejects();
    std::string line = is_valid_utf8(record.raw) ? record.raw : valid_utf8(record.raw);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    m_rejects->write(fmt::format("{}{}{}\n", line, m_reader->delimiter(),
                                 csv_field(fmt::format("{}", fmt::join(problems, "; ")), false, m_reader->delimiter())));
}

void ImportFile::complete_rejects()
{
    if (m_rejects) m_rejects->close();
}

void ImportFile::progress()
{
    progress(m_records_seen, m_size ? static_cast<double>(m_reader->bytes_read()) / static_cast<double>(m_size) : 0);
}

void ImportFile::progress(std::uint64_t rows, double fraction) const
{
    if (m_size < (4u << 20) || (rows & 0x3fff) != 0) return;
    m_terminal.progress(m_name, fraction);
}

NewDatabaseCleanup::NewDatabaseCleanup(std::filesystem::path path) : m_path(std::move(path))
{
    std::error_code ec;
    m_existed = std::filesystem::exists(m_path, ec) || ec;
}

NewDatabaseCleanup::~NewDatabaseCleanup()
{
    if (m_existed || m_keep) return;
    std::error_code ec;
    for (const std::filesystem::path& file : database_files(m_path)) std::filesystem::remove(file, ec);
}

void ImportFile::finish(const ImportCounts& c, const GlobalOptions& globals, double seconds)
{
    m_terminal.progress_done();
    if (m_problems > k_reported_problems)
        m_terminal.error_line(fmt::format("{}: ... and {} more problems", m_name, with_thousands(m_problems - k_reported_problems)));
    if (failed())
        throw failure(fmt::format("{}: {} invalid {}; nothing imported (--skip-invalid imports the valid rows)", m_name,
                                  with_thousands(m_problem_rows), m_problem_rows == 1 ? "row" : "rows"));
    if (m_rejects) m_rejects->commit();
    if (globals.output_format() == Format::json) {
        nlohmann::ordered_json doc{{"file", m_name}, {"rows", c.rows}, {"new", c.created}, {"updated", c.updated},
                                   {"unchanged", c.unchanged}, {"rejected", c.rejected}, {"skipped", c.skipped}};
        if (m_options.dry_run) doc["dry_run"] = true;
        m_terminal.data(doc.dump() + "\n");
        return;
    }
    // `skipped` only where rows were: most files have no lifecycle stage.
    std::string skipped = c.skipped ? fmt::format(", {} skipped", with_thousands(c.skipped)) : "";
    m_terminal.summary(fmt::format("{}: {} rows: {} new, {} updated, {} unchanged, {} rejected{} ({:.1f} s){}", m_name,
                                   with_thousands(c.rows), with_thousands(c.created), with_thousands(c.updated),
                                   with_thousands(c.unchanged), with_thousands(c.rejected), skipped, seconds,
                                   m_options.dry_run ? " (dry run: nothing written)" : ""));
}

} // namespace refer
