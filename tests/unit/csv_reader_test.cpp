#include "refer/csvio/csv_reader.h"
#include "refer/util/text.h"

#include <doctest/doctest.h>
#include <sstream>

using namespace refer;

namespace {

std::vector<CsvRecord> read_all(const std::string& bytes, CsvOptions options = {})
{
    std::istringstream in(bytes);
    CsvReader reader(in, options);
    std::vector<CsvRecord> records;
    CsvRecord r;
    while (reader.next(r)) records.push_back(r);
    return records;
}

using Fields = std::vector<std::string>;

// `text` as UTF-16LE bytes with a BOM; `text` is ASCII except the code units given as is.
std::string utf16le(const std::u16string& text)
{
    std::string out = "\xFF\xFE";
    for (char16_t u : text) {
        out += static_cast<char>(u & 0xFF);
        out += static_cast<char>(u >> 8);
    }
    return out;
}

} // namespace

TEST_CASE("csv reader: physical line numbers count quoted newlines")
{
    auto r = read_all("a,b\n1,\"x\ny\nz\"\n2,3\n\n4,5");
    REQUIRE(r.size() == 4);
    CHECK(r[0].line == 1);
    CHECK(r[1].line == 2);
    CHECK(r[1].fields == Fields{"1", "x\ny\nz"});
    CHECK(r[2].line == 5);
    CHECK_FALSE(r[2].after_blank_line);
    CHECK(r[3].line == 7);
    CHECK(r[3].after_blank_line);
    CHECK(r[3].fields == Fields{"4", "5"}); // no final newline
}

TEST_CASE("csv reader: raw text is the record as read, line ends included")
{
    auto r = read_all("a,b\r\n\"q \"\"x\"\"\",\"l1\r\nl2\"\r\nlast,\"\"");
    REQUIRE(r.size() == 3);
    CHECK(r[0].raw == "a,b\r\n");
    CHECK(r[1].raw == "\"q \"\"x\"\"\",\"l1\r\nl2\"\r\n");
    CHECK(r[1].fields == Fields{"q \"x\"", "l1\r\nl2"});
    CHECK(r[2].raw == "last,\"\"");
    CHECK(r[2].fields == Fields{"last", ""});
}

TEST_CASE("csv reader: spaces and tabs inside fields are kept")
{
    auto r = read_all("a,b\n  x , y\t\n");
    REQUIRE(r.size() == 2);
    CHECK(r[1].fields == Fields{"  x ", " y\t"});
}

TEST_CASE("csv reader: delimiter detected from the header line")
{
    std::istringstream in("email;name;company\nx@y.de;\"Becker, Klaus\";A\n");
    CsvReader reader(in, {});
    CsvRecord r;
    REQUIRE(reader.next(r));
    CHECK(reader.delimiter() == ';');
    REQUIRE(reader.next(r));
    CHECK(r.fields == Fields{"x@y.de", "Becker, Klaus", "A"});

    CHECK(read_all("a\tb,c\td\n1\t2,3\t4\n")[1].fields == Fields{"1", "2,3", "4"});
    // Delimiters inside quotes do not count.
    CHECK(read_all("\"a;b;c\",d\n1,2\n")[1].fields == Fields{"1", "2"});
    // A forced delimiter wins.
    CHECK(read_all("a;b,c\n1;2,3\n", CsvOptions{',', Encoding::utf8})[1].fields == Fields{"1;2", "3"});
}

TEST_CASE("csv reader: BOMs are removed; UTF-16 is converted")
{
    auto r = read_all("\xEF\xBB\xBF" "email,name\nx@y.com,Z\n");
    REQUIRE(r.size() == 2);
    CHECK(r[0].fields == Fields{"email", "name"});

    r = read_all(utf16le(u"email\tname\r\nx@y.com\tLeaf \xD83C\xDF3F\r\n"));
    REQUIRE(r.size() == 2);
    CHECK(r[0].fields == Fields{"email", "name"});
    CHECK(r[1].fields == Fields{"x@y.com", "Leaf \xF0\x9F\x8C\xBF"});
    CHECK(r[1].line == 2);
    CHECK(r[1].error.empty());

    std::string be = "\xFE\xFF";
    for (char16_t u : std::u16string(u"a,b\n1,\u00E9")) {
        be += static_cast<char>(u >> 8);
        be += static_cast<char>(u & 0xFF);
    }
    r = read_all(be);
    REQUIRE(r.size() == 2);
    CHECK(r[1].fields == Fields{"1", "\xC3\xA9"});
}

TEST_CASE("csv reader: a UTF-16 surrogate pair split by the 64 KiB block boundary")
{
    // BOM (2 bytes) + 32766 code units fill the first block exactly; the pair starts one unit
    // before the boundary (pair complete), on it (split), or after it.
    for (size_t shift = 0; shift < 4; ++shift) {
        size_t units_before = 32765 + shift;
        std::u16string text = u"a,b\n1," + std::u16string(units_before - 6, u'x');
        text += u"\xD83C\xDF3F";
        text += u"y\n2,z\n";
        auto r = read_all(utf16le(text));
        REQUIRE(r.size() == 3);
        std::string field = r[1].fields[1];
        CHECK(field.ends_with("x\xF0\x9F\x8C\xBFy"));
        CHECK(field.find("\xEF\xBF\xBD") == std::string::npos);
        CHECK(r[2].fields == Fields{"2", "z"});
        CHECK(r[2].line == 3);
    }
    // Many two-byte characters over several blocks.
    std::string bytes = utf16le(u"a,b\n1," + std::u16string(40000, u'\u00E9') + u"\n");
    auto r = read_all(bytes);
    REQUIRE(r.size() == 2);
    CHECK(r[1].fields[1].size() == 80000);
    CHECK(is_valid_utf8(r[1].fields[1]));
}

TEST_CASE("csv reader: a multi-byte UTF-8 character across the 64 KiB block boundary")
{
    for (size_t shift = 0; shift < 4; ++shift) {
        std::string text = "a,b\n1," + std::string(65527 + shift, 'x') + "\xE2\x82\xAC" + "y\n";
        auto r = read_all(text);
        REQUIRE(r.size() == 2);
        CHECK(r[1].error.empty());
        CHECK(r[1].fields[1].ends_with("x\xE2\x82\xACy"));
    }
}

TEST_CASE("csv reader: invalid UTF-8 is an error on the record's first line")
{
    auto r = read_all("email,name\nrene@x.fr,Ren\xE9\nok@x.fr,\"a\nb\xE9\"\n");
    REQUIRE(r.size() == 3);
    CHECK(r[0].error.empty());
    CHECK(r[1].line == 2);
    CHECK(r[1].error.starts_with("invalid UTF-8"));
    CHECK(r[2].line == 3);
    CHECK(r[2].error.starts_with("invalid UTF-8"));
    CHECK(valid_utf8("Ren\xE9!") == "Ren\xEF\xBF\xBD!");
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));         // overlong
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));     // a surrogate
    CHECK(is_valid_utf8("plain ascii text, long enough for the fast path"));
}

TEST_CASE("csv reader: cp1252 and latin1")
{
    auto r = read_all("name\r\nRen\xE9 \x80 \x92 \x96\r\n", CsvOptions{0, Encoding::cp1252});
    REQUIRE(r.size() == 2);
    CHECK(r[1].fields == Fields{"Ren\xC3\xA9 \xE2\x82\xAC \xE2\x80\x99 \xE2\x80\x93"});
    CHECK(r[1].error.empty());
    r = read_all("name\nRen\xE9\n", CsvOptions{0, Encoding::latin1});
    CHECK(r[1].fields == Fields{"Ren\xC3\xA9"});
}

TEST_CASE("csv reader: an unterminated quote is an error")
{
    auto r = read_all("a,b\n1,2\n3,\"open\n4,5\n");
    REQUIRE(r.size() == 3);
    CHECK(r[1].error.empty());
    CHECK(r[2].line == 3);
    CHECK(r[2].error.find("never closed") != std::string::npos);
}

TEST_CASE("csv reader: empty input and blank lines")
{
    CHECK(read_all("").empty());
    CHECK(read_all("\n\n").empty());
    auto r = read_all("a\n\n\n");
    REQUIRE(r.size() == 1);
}

TEST_CASE("csv reader: a CR alone ends a line, also across the 64 KiB block boundary")
{
    auto r = read_all("email,name\rok@x.com,A\r\rbad@,\"B\rC\"\rlast,D");
    REQUIRE(r.size() == 4);
    CHECK(r[1].line == 2);
    CHECK(r[1].raw == "ok@x.com,A\r");
    CHECK(r[2].line == 4);
    CHECK(r[2].after_blank_line);
    CHECK(r[2].fields == Fields{"bad@", "B\rC"});
    CHECK(r[3].line == 6);
    // A CRLF split between two blocks is one line end, not two.
    std::string text = "a,b\r\n1," + std::string(65536 - 8, 'x') + "\r\n2,y\r\n";
    r = read_all(text);
    REQUIRE(r.size() == 3);
    CHECK(r[2].line == 3);
    CHECK_FALSE(r[2].after_blank_line);
}

TEST_CASE("csv reader: NUL bytes and unpaired UTF-16 surrogates are errors on their line")
{
    auto r = read_all(std::string("a,b\n1,x\0y\n2,z\n", 14));
    REQUIRE(r.size() == 3);
    CHECK(r[1].error.starts_with("a NUL byte"));
    CHECK(r[2].error.empty());
    r = read_all(utf16le(u"a,b\n1,\xD83C!\n2,\xDF3F\n3,ok\n"));
    REQUIRE(r.size() == 4);
    CHECK(r[1].error == "invalid UTF-16 (an unpaired surrogate)");
    CHECK(r[2].error == "invalid UTF-16 (an unpaired surrogate)");
    CHECK(r[3].error.empty());
    r = read_all(utf16le(u"a\n1\n") + "x"); // an odd last byte
    REQUIRE(r.size() == 3);
    CHECK(r[2].error == "invalid UTF-16 (an unpaired surrogate)");
}

TEST_CASE("csv reader: a record above the size or field limit stops the reading with its line")
{
    auto line_of = [](const std::string& bytes) -> long {
        try {
            read_all(bytes);
        } catch (const CsvError& e) {
            return e.line();
        }
        return 0;
    };
    CHECK(line_of("a,b\n1,2\n3," + std::string(k_max_record_bytes, 'x') + "\n") == 3);
    CHECK(line_of("a,b\n1,\"" + std::string(k_max_record_bytes, '\n')) == 2); // a quote left open
    CHECK(line_of("a\n" + std::string(k_max_record_fields, ',') + "\n") == 2);
    CHECK(line_of("a,b\n1," + std::string(k_max_record_bytes - 10, 'x') + "\n") == 0);
}
