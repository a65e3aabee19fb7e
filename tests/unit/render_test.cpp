// Renderers: exact strings for table, CSV, JSON and Markdown.
#include "refer/render/listing.h"
#include "dates.h"

#include <doctest/doctest.h>

using namespace refer;

namespace {

using refer::test::d;

Listing sample()
{
    Listing l;
    l.columns = {"name", "amount", "count", "on", "tags"};
    l.rows.push_back({Cell{std::string("Ann")}, Cell{Money{150000}}, Cell{std::int64_t{3}}, Cell{d("2026-01-02")},
                      Cell{TagList{"promoter", "vip"}}});
    l.rows.push_back({Cell{std::string("Zoë")}, Cell{Money{-305}}, Cell{}, Cell{}, Cell{TagList{}}});
    l.rows.push_back({Cell{std::string("王小明")}, Cell{}, Cell{std::int64_t{12}}, Cell{}, Cell{TagList{"x"}}});
    return l;
}

} // namespace

TEST_CASE("display width counts terminal columns")
{
    CHECK(display_width("") == 0);
    CHECK(display_width("abc") == 3);
    CHECK(display_width("Zoë") == 3);            // precomposed
    CHECK(display_width("Zoe\xcc\x88") == 3);    // e + combining diaeresis
    CHECK(display_width("王小明") == 6);          // CJK: two columns each
    CHECK(display_width("株式会社テスト") == 14);
    CHECK(display_width("ｶﾀｶﾅ") == 4);           // halfwidth katakana: one column
    CHECK(display_width("한국") == 4);            // Hangul
    CHECK(display_width("€1") == 2);
    CHECK(display_width("\xff" "a") == 2);        // an undecodable byte is one column
    CHECK(display_width("\xe4\xb8") == 2);        // a truncated sequence: one column per byte
    CHECK(display_width("🎉") == 2);
}

TEST_CASE("table: aligned by display width, numbers right, no trailing spaces")
{
    std::string expected = "name       amount  count  on          tags\n"
                           "Ann     $1,500.00      3  2026-01-02  promoter;vip\n"
                           "Zoë        -$3.05\n"
                           "王小明                12              x\n";
    CHECK(render_table(sample(), TableStyle{"$", false}) == expected);
    CHECK(render(sample(), Format::table, TableStyle{"$", false}) == expected);
}

TEST_CASE("table: the currency symbol, colour only in the header, control characters neutralised")
{
    Listing l{{"who", "amount"}, {}};
    l.rows.push_back({Cell{std::string("a\nb\tc\x1b[31md")}, Cell{Money{100}}});
    CHECK(render_table(l, TableStyle{"€", false}) == "who          amount\n"
                                                      "a b c?[31md   €1.00\n");
    CHECK(render_table(l, TableStyle{"$", true}) == "\x1b[1mwho          amount\x1b[0m\n"
                                                     "a b c?[31md   $1.00\n");
}

TEST_CASE("table: a money column whose first row is empty is still right-aligned")
{
    Listing l{{"email", "annual_value"}, {}};
    l.rows.push_back({Cell{std::string("a@x.com")}, Cell{}});
    l.rows.push_back({Cell{std::string("b@x.com")}, Cell{Money{2400000}}});
    CHECK(render_table(l, TableStyle{}) == "email    annual_value\n"
                                           "a@x.com\n"
                                           "b@x.com    $24,000.00\n");
}

TEST_CASE("csv: RFC 4180, header first, plain decimals, \\n line ends")
{
    CHECK(render(sample(), Format::csv, TableStyle{}, false) == "name,amount,count,on,tags\n"
                                         "Ann,1500.00,3,2026-01-02,promoter;vip\n"
                                         "Zoë,-3.05,,,\n"
                                         "王小明,,12,,x\n");
    Listing l{{"text", "flag"}, {}};
    l.rows.push_back({Cell{std::string("a,b")}, Cell{true}});
    l.rows.push_back({Cell{std::string("say \"hi\"")}, Cell{false}});
    l.rows.push_back({Cell{std::string("two\nlines")}, Cell{}});
    l.rows.push_back({Cell{std::string("cr\rhere")}, Cell{}});
    l.rows.push_back({Cell{std::string(" spaced ")}, Cell{}});
    CHECK(render(l, Format::csv, TableStyle{}, false) == "text,flag\n"
                                  "\"a,b\",true\n"
                                  "\"say \"\"hi\"\"\",false\n"
                                  "\"two\nlines\",\n"
                                  "\"cr\rhere\",\n"
                                  " spaced ,\n");
}

TEST_CASE("csv: formula guard on text cells unless raw")
{
    Listing l{{"text", "amount", "tags"}, {}};
    for (const char* t : {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=b", "'quoted"})
        l.rows.push_back({Cell{std::string(t)}, Cell{Money{-100}}, Cell{TagList{}}});
    l.rows.push_back({Cell{}, Cell{}, Cell{TagList{"=cmd", "ok"}}});
    CHECK(render(l, Format::csv, TableStyle{}, false) == "text,amount,tags\n"
                                  "'=1+1,-1.00,\n"
                                  "'+1,-1.00,\n"
                                  "'-1,-1.00,\n"
                                  "'@SUM(A1),-1.00,\n"
                                  "'\tx,-1.00,\n"
                                  "\"'\rx\",-1.00,\n"
                                  "a=b,-1.00,\n"
                                  "'quoted,-1.00,\n"
                                  ",,'=cmd;ok\n");
    CHECK(render(l, Format::csv, TableStyle{}, true) == "text,amount,tags\n"
                                 "=1+1,-1.00,\n"
                                 "+1,-1.00,\n"
                                 "-1,-1.00,\n"
                                 "@SUM(A1),-1.00,\n"
                                 "\tx,-1.00,\n"
                                 "\"\rx\",-1.00,\n"
                                 "a=b,-1.00,\n"
                                 "'quoted,-1.00,\n"
                                 ",,=cmd;ok\n");
    CHECK(csv_field("=x;y", true, ';') == "\"'=x;y\"");
    CHECK(csv_field("plain", true) == "plain");
}

TEST_CASE("json: money as *_cents integers, null for absent, dates as strings")
{
    CHECK(to_json(sample()).dump() ==
          R"([{"name":"Ann","amount_cents":150000,"count":3,"on":"2026-01-02","tags":["promoter","vip"]},)"
          R"({"name":"Zoë","amount_cents":-305,"count":null,"on":null,"tags":[]},)"
          R"({"name":"王小明","amount_cents":null,"count":12,"on":null,"tags":["x"]}])");
    // A money column that is empty in every row still has its _cents name.
    Listing l{{"email", "annual_value", "deal_value", "flag"}, {}};
    l.rows.push_back({Cell{std::string("a@x.com")}, Cell{}, Cell{}, Cell{true}});
    CHECK(to_json(l).dump() == R"([{"email":"a@x.com","annual_value_cents":null,"deal_value_cents":null,"flag":true}])");
    CHECK(render(l, Format::json, TableStyle{}) == "[\n"
                                                   "  {\n"
                                                   "    \"email\": \"a@x.com\",\n"
                                                   "    \"annual_value_cents\": null,\n"
                                                   "    \"deal_value_cents\": null,\n"
                                                   "    \"flag\": true\n"
                                                   "  }\n"
                                                   "]\n");
}

TEST_CASE("json: the streamed rows are exactly nlohmann::json's dump(2) of the whole listing")
{
    Listing l = sample();
    l.rows.push_back({Cell{std::string("quote \" back\\ tab\t nul") + '\0' + "\x01 bad \xff"}, Cell{Money{0}},
                      Cell{std::int64_t{-9'223'372'036'854'775'807 - 1}}, Cell{d("1999-12-31")},
                      Cell{TagList{"a\"b", "\xc3"}}});
    Listing flags{{"on", "flag"}, {{Cell{true}, Cell{false}}, {Cell{}, Cell{}}}};
    for (const Listing& listing : {l, flags}) {
        std::string expected = to_json(listing).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        CHECK(render(listing, Format::json, TableStyle{}) == expected + "\n");
    }
}

TEST_CASE("json: invalid UTF-8 does not abort the output")
{
    Listing l{{"name"}, {}};
    l.rows.push_back({Cell{std::string("caf\xe9")}});
    CHECK(render(l, Format::json, TableStyle{}) == "[\n  {\n    \"name\": \"caf\xef\xbf\xbd\"\n  }\n]\n");
}

TEST_CASE("an empty listing: nothing in table, csv and md; [] in json")
{
    Listing empty{{"email", "name"}, {}};
    CHECK(render(empty, Format::table, TableStyle{}) == "");
    CHECK(render(empty, Format::csv, TableStyle{}) == "");
    CHECK(render(empty, Format::csv, TableStyle{}, true) == "");
    CHECK(render(empty, Format::md, TableStyle{}) == "");
    CHECK(render(empty, Format::json, TableStyle{}) == "[]\n");
}

TEST_CASE("markdown: pipes escaped, numbers right-aligned")
{
    Listing l{{"name", "amount"}, {}};
    l.rows.push_back({Cell{std::string("a|b")}, Cell{}});
    l.rows.push_back({Cell{std::string("c")}, Cell{Money{250}}});
    CHECK(render(l, Format::md, TableStyle{}) == "| name | amount |\n"
                                                 "| --- | ---: |\n"
                                                 "| a\\|b |  |\n"
                                                 "| c | $2.50 |\n");
}

TEST_CASE("write_listing: what render makes of the same rows, in chunks; tables read the rows twice")
{
    Listing l = sample();
    for (int i = 0; i < 5000; ++i) // enough for more than one 64 KiB chunk in every format
        l.rows.push_back({Cell{"row " + std::to_string(i) + " of a long listing"}, Cell{Money{i}}, Cell{std::int64_t{i}}, Cell{}, Cell{TagList{}}});
    for (Format format : {Format::table, Format::csv, Format::json, Format::md}) {
        CAPTURE(static_cast<int>(format));
        int passes = 0;
        RowSource rows = [&](const RowVisitor& each) {
            ++passes;
            for (const auto& row : l.rows) each(row);
        };
        std::string text;
        int chunks = 0;
        write_listing(l.columns, rows, format, TableStyle{"$", false}, [&](std::string_view chunk) {
            CHECK(chunk.size() <= 64 * 1024 + 200); // about 64 KiB: a chunk is flushed after the row that fills it
            text += chunk;
            ++chunks;
        });
        CHECK(text == render(l, format, TableStyle{"$", false}));
        CHECK(chunks > 1);
        CHECK(passes == (format == Format::table || format == Format::md ? 2 : 1));
    }
}

TEST_CASE("write_listing: no rows writes what render writes for an empty listing, and html is a usage error")
{
    RowSource none = [](const RowVisitor&) {};
    std::vector<std::string> columns{"a", "b"};
    for (Format format : {Format::table, Format::csv, Format::json, Format::md}) {
        std::string text;
        write_listing(columns, none, format, TableStyle{}, [&](std::string_view chunk) { text += chunk; });
        CHECK(text == render(Listing{columns, {}}, format, TableStyle{}));
    }
    CHECK_THROWS(write_listing(columns, none, Format::html, TableStyle{}, [](std::string_view) {}));
}
