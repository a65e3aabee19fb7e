#pragma once
// Streaming CSV reading: encodings, delimiter detection, physical line numbers and the raw
// text of every record (for error messages and rejects files). Parsing is libcsv's.
#include <cstdint>
#include <deque>
#include <istream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace refer {

enum class Encoding { utf8, cp1252, latin1 };

struct CsvOptions {
    char delimiter = 0; // 0: detect `,` `;` or tab from the first line
    Encoding encoding = Encoding::utf8;
};

// refer holds one record in memory at a time (a few in flight): a record of more bytes or
// fields than these is refused rather than read, whatever the file size. Real exports stay far
// below; a 40 MB "field" is a quote left open, or not a CSV file.
inline constexpr size_t k_max_record_bytes = 1u << 20;
inline constexpr size_t k_max_record_fields = 10'000;

// A problem that ends the reading: the rest of the file cannot be told apart into records.
class CsvError : public std::runtime_error {
public:
    CsvError(long line, const std::string& message) : std::runtime_error(message), m_line(line) {}
    long line() const { return m_line; } // the record's first physical line
private:
    long m_line;
};

struct CsvRecord {
    std::vector<std::string> fields;
    long line = 0;                // first physical line of the record, 1-based
    std::string raw;              // the record's text as read (UTF-8), line ends included
    bool after_blank_line = false; // one or more empty lines came before it
    std::string error;            // a problem found while reading (invalid UTF-8, a NUL byte, open quote)
};

class CsvReader {
public:
    CsvReader(std::istream& in, CsvOptions options);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // The next record, or false at the end of the input. Lines end with LF, CRLF or a lone
    // CR. Throws CsvError for a record above the limits above.
    bool next(CsvRecord& record);

    char delimiter() const { return m_delimiter; }
    std::uint64_t bytes_read() const { return m_bytes_read; }
    // The encoding found from a byte-order mark, for messages.
    const char* detected_encoding() const;

    // Parser callbacks (libcsv is C); not for callers.
    void on_field(const char* data, size_t size);
    void on_record_end();

private:
    bool fill();
    void feed_line(std::string_view line);
    void start_decoding(std::string& chunk);
    void decode(std::string& chunk, std::string& out);

    struct Parser;
    std::istream& m_in;
    CsvOptions m_options;
    std::unique_ptr<Parser> m_parser;
    char m_delimiter = 0;
    enum class Bom { none, utf8, utf16le, utf16be } m_bom = Bom::none;
    bool m_started = false, m_finished = false;
    std::string m_pending;  // decoded text not yet split into lines
    std::string m_carry;    // an incomplete UTF-16 code unit or surrogate pair
    std::uint64_t m_bytes_read = 0;
    long m_line = 0;        // physical lines fed so far
    bool m_in_record = false, m_blank_seen = false, m_too_many_fields = false;
    CsvRecord m_current;
    std::deque<CsvRecord> m_ready;
};

// A row of empty cells (`,,,` that spreadsheets leave behind, `""`): skipped, not counted.
bool is_blank_row(const CsvRecord& record);

} // namespace refer
