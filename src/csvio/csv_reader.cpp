#include "refer/csvio/csv_reader.h"

#include "refer/util/text.h"

#include <algorithm>
#include <csv.h>
#include <cstring>
#include <fmt/format.h>
#include <stdexcept>

namespace refer {

struct CsvReader::Parser {
    csv_parser p;
};

extern "C" {
static void field_callback(void* data, size_t size, void* reader)
{
    static_cast<CsvReader*>(reader)->on_field(static_cast<const char*>(data), size);
}
static void record_callback(int, void* reader) { static_cast<CsvReader*>(reader)->on_record_end(); }
static int no_spaces(unsigned char) { return 0; } // keep spaces and tabs inside fields
}

// Windows-1252 code points for bytes 0x80-0x9F (0 where undefined).
static constexpr char32_t k_cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static void append_utf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_blank_row(const CsvRecord& record)
{
    return record.error.empty() &&
           std::ranges::all_of(record.fields, [](const std::string& f) { return trim(f).empty(); });
}

CsvReader::CsvReader(std::istream& in, CsvOptions options)
    : m_in(in), m_options(options), m_parser(std::make_unique<Parser>())
{
    if (csv_init(&m_parser->p, 0) != 0) throw std::runtime_error("cannot initialise the CSV parser");
    csv_set_space_func(&m_parser->p, no_spaces);
}

CsvReader::~CsvReader() { csv_free(&m_parser->p); }

const char* CsvReader::detected_encoding() const
{
    switch (m_bom) {
    case Bom::utf16le: return "UTF-16LE";
    case Bom::utf16be: return "UTF-16BE";
    default: break;
    }
    switch (m_options.encoding) {
    case Encoding::cp1252: return "cp1252";
    case Encoding::latin1: return "latin1";
    default: return "UTF-8";
    }
}

void CsvReader::on_field(const char* data, size_t size)
{
    // No exception through libcsv's C frames: feed_line() throws once csv_parse returns.
    if (m_current.fields.size() >= k_max_record_fields) m_too_many_fields = true;
    else m_current.fields.emplace_back(data, size);
}

void CsvReader::on_record_end()
{
    if (m_current.line == 0) m_current.line = m_line; // a bare CR ended a record mid-line
    m_current.after_blank_line = m_blank_seen;
    m_ready.push_back(std::move(m_current));
    m_current = CsvRecord{};
    m_in_record = false;
    m_blank_seen = false;
}

static char detect_delimiter(std::string_view first_line)
{
    size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : first_line) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && c == ',') ++commas;
        else if (!quoted && c == ';') ++semicolons;
        else if (!quoted && c == '\t') ++tabs;
    }
    if (tabs > commas && tabs >= semicolons) return '\t';
    if (semicolons > commas) return ';';
    return ',';
}

void CsvReader::start_decoding(std::string& chunk)
{
    auto starts = [&](std::string_view bom) { return std::string_view(chunk).starts_with(bom); };
    if (starts("\xEF\xBB\xBF")) { m_bom = Bom::utf8; chunk.erase(0, 3); }
    else if (starts("\xFF\xFE")) { m_bom = Bom::utf16le; chunk.erase(0, 2); }
    else if (starts("\xFE\xFF")) { m_bom = Bom::utf16be; chunk.erase(0, 2); }
    m_started = true;
}

void CsvReader::decode(std::string& chunk, std::string& out)
{
    if (m_bom == Bom::utf16le || m_bom == Bom::utf16be) {
        std::string bytes = std::move(m_carry);
        bytes += chunk;
        m_carry.clear();
        size_t i = 0;
        auto unit = [&](size_t at) -> char32_t {
            unsigned char a = static_cast<unsigned char>(bytes[at]), b = static_cast<unsigned char>(bytes[at + 1]);
            return m_bom == Bom::utf16le ? static_cast<char32_t>(a | (b << 8)) : static_cast<char32_t>((a << 8) | b);
        };
        while (i + 1 < bytes.size()) {
            char32_t u = unit(i);
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (i + 3 >= bytes.size()) break; // the pair continues in the next chunk
                char32_t low = unit(i + 2);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
                    i += 4;
                    continue;
                }
            }
            // A lone surrogate is kept as its (ill-formed) UTF-8 bytes, so that the line check
            // reports it on its line instead of it turning silently into U+FFFD.
            append_utf8(out, u);
            i += 2;
        }
        m_carry = bytes.substr(i);
        return;
    }
    if (m_options.encoding == Encoding::utf8) {
        out += chunk;
        return;
    }
    for (unsigned char c : chunk) {
        if (c < 0x80) out += static_cast<char>(c);
        else if (m_options.encoding == Encoding::cp1252 && c < 0xA0 && k_cp1252_high[c - 0x80] != 0)
            append_utf8(out, k_cp1252_high[c - 0x80]);
        else append_utf8(out, c); // latin1, and cp1252's undefined bytes, map to the same code point
    }
}

static std::string too_long()
{
    return fmt::format("a record of more than {} MiB (refer reads records up to that size: is a quote left open?)",
                       k_max_record_bytes >> 20);
}

void CsvReader::feed_line(std::string_view line)
{
    ++m_line;
    bool blank = line == "\n" || line == "\r\n" || line == "\r" || line.empty();
    if (!m_in_record) {
        if (blank) {
            m_blank_seen = true;
            return;
        }
        m_in_record = true;
        m_current.line = m_line;
    }
    if (m_current.raw.size() + line.size() > k_max_record_bytes) throw CsvError(m_current.line, too_long());
    m_current.raw += line;
    if (m_current.error.empty()) {
        bool utf16 = m_bom == Bom::utf16le || m_bom == Bom::utf16be;
        if (line.find('\0') != std::string_view::npos)
            m_current.error = utf16 ? "a NUL character" : "a NUL byte (is the file UTF-16 without a byte-order mark?)";
        else if ((utf16 || m_options.encoding == Encoding::utf8) && !is_valid_utf8(line))
            m_current.error = utf16 ? "invalid UTF-16 (an unpaired surrogate)"
                                    : "invalid UTF-8 (is it cp1252 or latin1? try --encoding cp1252)";
    }
    if (m_delimiter == 0) {
        m_delimiter = m_options.delimiter != 0 ? m_options.delimiter : detect_delimiter(line);
        csv_set_delim(&m_parser->p, static_cast<unsigned char>(m_delimiter));
    }
    long first_line = m_current.line; // the callbacks may end the record
    if (csv_parse(&m_parser->p, line.data(), line.size(), field_callback, record_callback, this) != line.size())
        throw CsvError(first_line, csv_strerror(csv_error(&m_parser->p)));
    if (m_too_many_fields)
        throw CsvError(first_line, fmt::format("a record of more than {} fields", with_thousands(k_max_record_fields)));
}

// Reads one block, decodes it and feeds every complete line; false once the input is done.
// A line ends with LF, CRLF or a CR alone (old Mac files): each is one physical line.
bool CsvReader::fill()
{
    if (m_finished) return false;
    std::string chunk(1 << 16, '\0');
    m_in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    chunk.resize(static_cast<size_t>(m_in.gcount()));
    m_bytes_read += chunk.size();
    bool at_end = m_in.eof() || chunk.empty();
    if (!m_started && !chunk.empty()) start_decoding(chunk);
    decode(chunk, m_pending);
    if (at_end && !m_carry.empty()) {
        m_pending += "\xED\xBF\xBF"; // an odd byte or a high surrogate at the end: invalid UTF-16
        m_carry.clear();
    }
    const size_t n = m_pending.size();
    // The next CR and LF, each looked for again only once passed: linear in a CR-only file too.
    size_t start = 0, cr = m_pending.find('\r'), nl = m_pending.find('\n'), end;
    for (;;) {
        if (cr != std::string::npos && cr < start) cr = m_pending.find('\r', start);
        if (nl != std::string::npos && nl < start) nl = m_pending.find('\n', start);
        if (cr != std::string::npos && (nl == std::string::npos || cr < nl)) {
            if (cr + 1 == n && !at_end) break; // a CRLF may be split between two blocks
            end = cr + 1 < n && m_pending[cr + 1] == '\n' ? cr + 1 : cr;
        } else if (nl != std::string::npos) {
            end = nl;
        } else {
            break;
        }
        feed_line(std::string_view(m_pending).substr(start, end + 1 - start));
        start = end + 1;
    }
    m_pending.erase(0, start);
    if (m_pending.size() > k_max_record_bytes) throw CsvError(m_in_record ? m_current.line : m_line + 1, too_long());
    if (at_end) {
        if (!m_pending.empty()) feed_line(m_pending);
        m_pending.clear();
        // libcsv's state 2 is "inside a field": a quote opened and never closed.
        bool open_quote = m_parser->p.pstate == 2 && m_parser->p.quoted;
        csv_fini(&m_parser->p, field_callback, record_callback, this);
        if (open_quote && !m_ready.empty())
            m_ready.back().error = "a quoted field is never closed (it runs to the end of the file)";
        m_finished = true;
    }
    return true;
}

bool CsvReader::next(CsvRecord& record)
{
    while (m_ready.empty())
        if (!fill()) return false;
    record = std::move(m_ready.front());
    m_ready.pop_front();
    return true;
}

} // namespace refer
