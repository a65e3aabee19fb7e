#include "refer/csvio/columns.h"
#include "refer/error.h"

#include <doctest/doctest.h>

using namespace refer;

namespace {
using Columns = std::vector<size_t>;
using Names = std::vector<std::string>;

Columns cols(const ColumnMap& m, const std::string& field)
{
    const auto* c = m.find(field);
    return c ? *c : Columns{};
}
} // namespace

TEST_CASE("columns: canonical names case-insensitively, unknown ones listed")
{
    auto m = map_people_columns({"Email", "NAME", "Company", "annual_value", "Started On", "Favourite colour", "tags",
                                 "External-ID"},
                                std::nullopt, {});
    CHECK(m.preset == Preset::none);
    CHECK(cols(m, "email") == Columns{0});
    CHECK(cols(m, "name") == Columns{1});
    CHECK(cols(m, "company") == Columns{2});
    CHECK(cols(m, "annual_value") == Columns{3});
    CHECK(cols(m, "started_on") == Columns{4});
    CHECK(cols(m, "tags") == Columns{6});
    CHECK(cols(m, "external_id") == Columns{7});
    CHECK(m.ignored == Names{"Favourite colour"});
    CHECK(normalize_header("  First_Name ") == "first name");
}

TEST_CASE("columns: HubSpot preset detected; columns mean what they mean in HubSpot")
{
    auto m = map_people_columns({"Record ID", "First Name", "Last Name", "Email", "Company Name", "Industry",
                                 "Annual Revenue", "Create Date", "Original Source", "Lifecycle Stage", "Contact owner"},
                                std::nullopt, {});
    CHECK(m.preset == Preset::hubspot);
    CHECK(cols(m, "external_id") == Columns{0});
    CHECK(cols(m, "first_name") == Columns{1});
    CHECK(cols(m, "last_name") == Columns{2});
    CHECK(cols(m, "company") == Columns{4});
    CHECK(cols(m, "source") == Columns{8});
    // The contact's creation opened the relationship; it is not the start of a client's.
    CHECK(cols(m, "opened_on") == Columns{7});
    CHECK_FALSE(m.has("started_on"));
    // The company's revenue is not what the client pays.
    CHECK_FALSE(m.has("annual_value"));
    CHECK(cols(m, "lifecycle_stage") == Columns{9});
    CHECK(m.ignored == Names{"Annual Revenue", "Contact owner"});
}

TEST_CASE("columns: HubSpot contacts view: Associated Company, Became a Customer Date")
{
    // The default contacts view: the company is the associated company record.
    auto m = map_people_columns({"Record ID", "Email", "Associated Company", "Create Date", "Became a Customer Date",
                                 "Lifecycle Stage"},
                                std::nullopt, {});
    CHECK(cols(m, "company") == Columns{2});
    CHECK(cols(m, "opened_on") == Columns{3});
    CHECK(cols(m, "started_on") == Columns{4});
    // With both, Company Name comes first and Associated Company fills its empty cells,
    // wherever the columns stand.
    auto both = map_people_columns({"Record ID", "Associated Company", "Email", "Company Name"}, std::nullopt, {});
    CHECK(cols(both, "company") == Columns{3, 1});
    CHECK(both.ignored.empty());
}

TEST_CASE("columns: Pipedrive preset: every email column, in order; Label is no tags column")
{
    auto m = map_people_columns({"Person - ID", "Person - Name", "Person - Organization", "Person - Email - Work",
                                 "Person - Email - Home", "Person - Email - Other", "Person - Phone - Work",
                                 "Person - Label", "Person - Person created"},
                                std::nullopt, {});
    CHECK(m.preset == Preset::pipedrive);
    CHECK(cols(m, "email") == Columns{3, 4, 5});
    CHECK(cols(m, "company") == Columns{2});
    CHECK(cols(m, "opened_on") == Columns{8});
    CHECK_FALSE(m.has("started_on"));
    CHECK_FALSE(m.has("tags"));
    CHECK(m.ignored == Names{"Person - Phone - Work", "Person - Label"});
}

TEST_CASE("columns: Salesforce preset detected; --preset forces")
{
    Names header{"Contact ID", "First Name", "Last Name", "Email", "Account Name", "Lead Source", "Created Date"};
    auto m = map_people_columns(header, std::nullopt, {});
    CHECK(m.preset == Preset::salesforce);
    CHECK(cols(m, "company") == Columns{4});
    CHECK(cols(m, "opened_on") == Columns{6});
    CHECK_FALSE(m.has("started_on"));
    CHECK(map_people_columns(header, Preset::none, {}).preset == Preset::none);
    CHECK(parse_preset("hubspot") == Preset::hubspot);
    CHECK_FALSE(parse_preset("zoho"));
}

TEST_CASE("columns: a Salesforce report with a Contact Owner column is Salesforce's, not HubSpot's")
{
    Names report{"Contact Owner", "Salutation", "First Name", "Last Name", "Title", "Contact ID", "Account Name",
                 "Account ID", "Email", "Phone", "Mailing City", "Mailing Country", "Lead Source", "Created Date",
                 "Last Activity", "Account Type", "Annual Revenue"};
    auto m = map_people_columns(report, std::nullopt, {});
    CHECK(m.preset == Preset::salesforce);
    CHECK_FALSE(m.has("annual_value"));
    CHECK(cols(m, "opened_on") == Columns{13});
    // HubSpot's contacts view has a Contact owner column and nothing of Salesforce's.
    CHECK(map_people_columns({"Record ID", "Email", "Contact owner", "Associated Company"}, std::nullopt, {}).preset ==
          Preset::hubspot);
    CHECK(map_people_columns({"Email", "Contact owner"}, std::nullopt, {}).preset == Preset::hubspot);
}

TEST_CASE("columns: --map overrides")
{
    Names header{"a", "Mail", "email", "Full Name", "Name"};
    auto m = map_people_columns(header, std::nullopt,
                                {{"A", "external_id"}, {"mail", "email"}, {"full name", "name"}});
    CHECK(cols(m, "external_id") == Columns{0});
    // The first --map of a field replaces the columns found by name.
    CHECK(cols(m, "email") == Columns{1});
    CHECK(cols(m, "name") == Columns{3});
    CHECK(m.ignored == Names{"email", "Name"});
    // A second --map of the same field adds a fallback column.
    m = map_people_columns(header, std::nullopt, {{"Mail", "email"}, {"email", "email"}});
    CHECK(cols(m, "email") == Columns{1, 2});
    // A column moved to another field leaves its old one.
    m = map_people_columns({"email", "name"}, std::nullopt, {{"name", "company"}});
    CHECK_FALSE(m.has("name"));
    CHECK(cols(m, "company") == Columns{1});
    CHECK_THROWS_AS(map_people_columns(header, std::nullopt, {{"a", "nickname"}}), Error);
    CHECK_THROWS_AS(map_people_columns(header, std::nullopt, {{"zzz", "name"}}), Error);
    auto o = parse_column_override("Header = with = signs=email");
    REQUIRE(o);
    CHECK(o->header == "Header = with = signs");
    CHECK(o->field == "email");
    CHECK_FALSE(parse_column_override("email"));
    CHECK_FALSE(parse_column_override("=email"));
    CHECK_FALSE(parse_column_override("email="));
}

TEST_CASE("columns: survey header rows detected")
{
    CHECK(detect_header_rows({{"email", "score", "date"}, {"a@b.co", "9", "2026-01-01"}}) == 1);
    CHECK(detect_header_rows({{"Respondent ID", "Email Address", "How likely...recommend?"},
                              {"", "", "Response"},
                              {"1", "a@b.co", "9"}}) == 2);
    CHECK(detect_header_rows({{"RecordedDate", "RecipientEmail", "Q1"},
                              {"Recorded Date", "Recipient Email", "How likely are you to recommend us?"},
                              {"{\"ImportId\":\"recordedDate\"}", "{\"ImportId\":\"recipientEmail\"}",
                               "{\"ImportId\":\"QID1\"}"},
                              {"2026-11-03 10:15:22", "a@b.co", "9"}}) == 3);
    CHECK(detect_header_rows({{"email"}}) == 1);
    CHECK(detect_header_rows({}) == 1);
}

TEST_CASE("columns: survey columns: the recommend question, not its group; RecordedDate first")
{
    std::vector<Names> rows{
        {"StartDate", "EndDate", "RecordedDate", "RecipientEmail", "Q1_NPS_GROUP", "Q1", "Q2"},
        {"Start Date", "End Date", "Recorded Date", "Recipient Email",
         "How likely are you to recommend us to a friend or colleague? - Group",
         "How likely are you to recommend us to a friend or colleague?", "Why?"},
        {"{\"ImportId\":\"startDate\"}", "{\"ImportId\":\"endDate\"}", "{\"ImportId\":\"recordedDate\"}",
         "{\"ImportId\":\"recipientEmail\"}", "{\"ImportId\":\"QID1_NPS_GROUP\"}", "{\"ImportId\":\"QID1\"}",
         "{\"ImportId\":\"QID2_TEXT\"}"}};
    auto m = map_nps_columns(rows, {});
    CHECK(cols(m, "email") == Columns{3});
    CHECK(cols(m, "score") == Columns{5});
    CHECK(cols(m, "responded_on") == Columns{2});
    CHECK(cols(m, "comment") == Columns{6});
    CHECK(m.ignored == Names{"StartDate", "EndDate", "Q1_NPS_GROUP"});

    std::vector<Names> monkey{{"Respondent ID", "End Date", "Email Address",
                               "How likely is it that you would recommend us to a friend or colleague?",
                               "What is the main reason for your score?"},
                              {"", "", "", "Response", "Open-Ended Response"}};
    m = map_nps_columns(monkey, {});
    CHECK(cols(m, "email") == Columns{2});
    CHECK(cols(m, "score") == Columns{3});
    CHECK(cols(m, "responded_on") == Columns{1});
    CHECK(cols(m, "comment") == Columns{4});
    CHECK(m.ignored == Names{"Respondent ID"});

    m = map_nps_columns({{"who", "when", "how much"}}, {{"who", "email"}, {"WHEN", "responded_on"}, {"How Much", "score"}});
    CHECK(cols(m, "score") == Columns{2});
    CHECK(m.ignored.empty());
    CHECK_THROWS_AS(map_nps_columns({{"who"}}, {{"who", "name"}}), Error);
}
