#include "refer/csvio/people_rows.h"

#include <doctest/doctest.h>

using namespace refer;

namespace {

struct Fixture {
    std::vector<std::string> header;
    ColumnMap columns;
    std::vector<PersonField> mapped;
    ValueFormat format;

    Fixture(std::vector<std::string> h, std::optional<Preset> preset = std::nullopt, ValueFormat f = {})
        : header(std::move(h)), columns(map_people_columns(header, preset, {})), mapped(mapped_person_fields(columns)),
          format(std::move(f))
    {
    }

    PersonRow read(std::vector<std::string> fields, long line = 2) const
    {
        CsvRecord r;
        r.fields = std::move(fields);
        r.line = line;
        return read_person_row(r, header, columns, mapped, format);
    }
};

} // namespace

TEST_CASE("people rows: values are read, trimmed, normalised")
{
    Fixture f({"email", "name", "annual_value", "started_on", "source", "tags", "kind"});
    auto row = f.read({" Jane.Doe@Acme.COM ", " Jane ", "$12,000.50", "2024-03-05 14:22", "Partner Referral",
                       "VIP; Early adopter", "Partner"});
    CHECK(row.problems.empty());
    CHECK(row.person.email == "jane.doe@acme.com");
    CHECK(row.person.name == "Jane");
    CHECK(row.person.annual_value == 1200050);
    REQUIRE(row.person.started_on);
    CHECK(to_string(*row.person.started_on) == "2024-03-05");
    CHECK(row.person.source == "referral");
    CHECK(row.person.kind == "partner");
    CHECK(row.person.tags == std::vector<std::string>{"vip", "early-adopter"});

    row = f.read({"a@b.co", "", "", "", "", "", ""});
    CHECK(row.problems.empty());
    CHECK_FALSE(row.person.name);         // an empty cell is absent
    CHECK_FALSE(row.person.annual_value);
    CHECK_FALSE(row.person.source);       // not `other`
    CHECK_FALSE(row.person.kind);
}

TEST_CASE("people rows: problems name the value and the column")
{
    Fixture f({"email", "annual_value", "started_on", "Kind"});
    auto row = f.read({"bob@", "-50", "2023-13-45", "boss"});
    REQUIRE(row.problems.size() == 4);
    CHECK(row.problems[0] == "invalid email \"bob@\" in column \"email\"");
    CHECK(row.problems[1].starts_with("unknown kind (client, partner, employee, advisor) \"boss\" in column \"Kind\""));
    CHECK(row.problems[2] == "negative amount \"-50\" in column \"annual_value\"");
    CHECK(row.problems[3] == "invalid date \"2023-13-45\" in column \"started_on\"");
    CHECK(f.read({"a@b.co", "1e5", "", ""}).problems ==
          std::vector<std::string>{"invalid amount \"1e5\" in column \"annual_value\" (scientific notation)"});
    for (const char* bad : {"jane..doe@example.com", "<jane@example.com>", "Jane <jane@example.com>", ".j@x.com",
                            "j.@x.com", "jane doe@example.com", "a@b"})
        CHECK_MESSAGE(f.read({bad, "", "", ""}).problems.size() == 1, bad);
    CHECK(f.read({"a@b.co", "1", "2"}).problems == std::vector<std::string>{"3 fields, but the header has 4"});
    CHECK(f.read({"", "", "", ""}).problems.size() == 1); // neither email nor external id
}

TEST_CASE("people rows: several email columns and addresses: the first non-empty wins")
{
    Fixture f({"Person - ID", "Person - Email - Work", "Person - Email - Home", "Person - Name"});
    CHECK(f.read({"1", "", "home@x.com", "A"}).person.email == "home@x.com");
    CHECK(f.read({"1", " Work@X.com ", "home@x.com", "A"}).person.email == "work@x.com");
    CHECK(f.read({"1", "a@x.com, b@y.com", "", "A"}).person.email == "a@x.com");
    CHECK(f.read({"1", "a@x.com;b@y.com", "", "A"}).person.email == "a@x.com");
    auto row = f.read({"105", "", "", "Kwame"});
    CHECK(row.problems.empty());
    CHECK_FALSE(row.person.email);
    CHECK(row.person.external_id == "105");
    CHECK(f.read({"1", "jürgen.weiß@müller-partner.de", "", "J"}).person.email == "jürgen.weiß@müller-partner.de");
}

TEST_CASE("people rows: first and last names, presets' date formats, decimal comma")
{
    Fixture f({"First Name", "Last Name", "Email", "Created Date", "Contact ID"}, Preset::salesforce,
              ValueFormat{DecimalMark::point, "", "%m/%d/%Y"});
    auto row = f.read({"", "Hughes", "h@x.com", "12/2/2024", "003"});
    CHECK(row.problems.empty());
    CHECK(row.person.name == "Hughes");
    REQUIRE(row.person.opened_on);
    CHECK(to_string(*row.person.opened_on) == "2024-12-02");
    CHECK_FALSE(row.person.started_on);
    CHECK(f.read({"Ann", "Lee", "a@x.com", "1/15/2024", "004"}).person.name == "Ann Lee");

    Fixture g({"email", "annual_value", "started_on"}, std::nullopt, ValueFormat{DecimalMark::comma, "%d.%m.%Y", ""});
    row = g.read({"x@y.de", "1.250.000,00", "05.11.2019"});
    CHECK(row.problems.empty());
    CHECK(row.person.annual_value == 125000000);
    CHECK(to_string(*row.person.started_on) == "2019-11-05");
    CHECK(g.read({"x@y.de", "", "2019-11-05"}).problems.empty()); // ISO dates still read
}

TEST_CASE("people rows: merge changes only the mapped fields and adds tags")
{
    Person stored;
    stored.email = "a@x.com";
    stored.name = "Old";
    stored.company = "Keep";
    stored.kind = "partner";
    stored.tags = {"vip"};
    Fixture f({"email", "name", "tags"});
    auto row = f.read({"a@x.com", "New", "beta"});
    Person merged = merge_person(stored, row);
    CHECK(merged.name == "New");
    CHECK(merged.company == "Keep");
    CHECK(merged.kind == "partner");
    CHECK(merged.tags == std::vector<std::string>{"vip", "beta"});
    row = f.read({"a@x.com", "", ""});
    CHECK_FALSE(merge_person(stored, row).name); // a mapped empty cell clears the value
}
