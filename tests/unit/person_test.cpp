// People vocabulary: handles, emails, tags, kinds, sources, the lead-source mapping.
#include "refer/domain/person.h"

#include <doctest/doctest.h>

using namespace refer;

TEST_CASE("a person is named by email, else ext:ID")
{
    Person p;
    p.external_id = "crm-1042";
    CHECK(person_handle(p) == "ext:crm-1042");
    p.email = "ann@example.com";
    CHECK(person_handle(p) == "ann@example.com");
}

TEST_CASE("emails are trimmed and lowercased")
{
    CHECK(normalize_email("  Ann@Example.COM \t") == "ann@example.com");
    CHECK(normalize_email("Ann Lee <Ann@Example.com>") == "ann@example.com");
    CHECK(normalize_email("mailto:Bob@Example.com") == "bob@example.com");
    CHECK(normalize_email("Zoë@Example.com") == "zoë@example.com"); // only ASCII letters are folded
    CHECK(normalize_email("") == "");
}

TEST_CASE("valid emails")
{
    for (const char* good : {"a@b.co", "ann.lee+tag@example.com", "zoë@exämple.com", "x@sub.example.org"})
        CHECK_MESSAGE(is_valid_email(good), good);
    for (const char* bad : {"", "bob@", "@example.com", "bob", "bob@example", "bob@@example.com", "a@b@c.com",
                            "bob@.com", "bob@example.", "bob@exa..mple.com", "bob smith@example.com",
                            "bob@example.com,carl@example.com", "bob@-example.com", "\"bob\"@example.com"})
        CHECK_FALSE_MESSAGE(is_valid_email(bad), bad);
}

TEST_CASE("kinds and sources")
{
    for (const char* k : {"client", "partner", "employee", "advisor"}) CHECK(is_person_kind(k));
    CHECK_FALSE(is_person_kind("Client"));
    CHECK_FALSE(is_person_kind("alumni"));
    CHECK_FALSE(is_person_kind(""));
    for (const char* s : {"referral", "outbound", "inbound", "partner", "event", "other"}) CHECK(is_person_source(s));
    CHECK_FALSE(is_person_source("web"));
}

TEST_CASE("tags: split on ; and , lowercased, spaces become dashes, no duplicates")
{
    CHECK(split_tags("VIP; promoter,Early Adopter") == std::vector<std::string>{"vip", "promoter", "early-adopter"});
    CHECK(split_tags("vip;VIP; vip ") == std::vector<std::string>{"vip"});
    CHECK(split_tags("") == std::vector<std::string>{});
    CHECK(split_tags(" ; ,, ") == std::vector<std::string>{});
    CHECK(is_valid_tag("referral-ready"));
    CHECK(is_valid_tag("do-not-contact"));
    CHECK_FALSE(is_valid_tag(""));
    CHECK_FALSE(is_valid_tag("Vip"));
    CHECK_FALSE(is_valid_tag("two words"));
    CHECK_FALSE(is_valid_tag("a;b"));
    CHECK_FALSE(is_valid_tag("a,b"));
    for (const std::string& t : split_tags("Some Tag;other,THIRD")) CHECK(is_valid_tag(t));
}

TEST_CASE("CRM lead sources map by the first matching rule (SPEC 5)")
{
    auto src = [](std::string_view v) { return map_lead_source(v).source; };
    CHECK(src("Referral") == "referral");
    CHECK(src("Partner Referral") == "referral");
    CHECK(src("WORD OF MOUTH") == "referral");
    CHECK(src("Channel partner") == "partner");
    CHECK(src("Trade Show") == "event");
    CHECK(src("Webinar") == "event"); // event rules come before "web"
    CHECK(src("Seminar") == "event");
    CHECK(src("Conference 2025") == "event");
    CHECK(src("Web") == "inbound");
    CHECK(src("ORGANIC_SEARCH") == "inbound");
    CHECK(src("Paid Social") == "inbound");
    CHECK(src("Advertisement") == "inbound");
    CHECK(src("Direct Traffic") == "inbound");
    CHECK(src("Email Marketing") == "inbound");
    CHECK(src("inbound") == "inbound");
    CHECK(src("Outbound") == "outbound");
    CHECK(src("Cold Call") == "outbound");
    CHECK(src("other") == "other");
    CHECK(map_lead_source("other").recognised);
    CHECK(src("Carrier pigeon") == "other");
    CHECK_FALSE(map_lead_source("Carrier pigeon").recognised);
    CHECK(map_lead_source("  Referral  ").recognised);
}

TEST_CASE("an end before the start is impossible, whoever set the dates")
{
    Person p;
    CHECK_FALSE(person_dates_problem(p));
    p.started_on = parse_iso_date("2025-02-01");
    p.ended_on = parse_iso_date("2025-02-01");
    CHECK_FALSE(person_dates_problem(p)); // ended the day they started: possible
    p.ended_on = parse_iso_date("2025-01-31");
    CHECK(person_dates_problem(p) == "ended_on 2025-01-31 is before started_on 2025-02-01");
    p.started_on.reset();
    CHECK_FALSE(person_dates_problem(p));
}

TEST_CASE("lifecycle stages: only customers and evangelists are clients")
{
    CHECK(is_client_stage("Customer"));
    CHECK(is_client_stage(" evangelist "));
    CHECK(is_client_stage("CUSTOMER"));
    CHECK_FALSE(is_client_stage("Lead"));
    CHECK_FALSE(is_client_stage("Opportunity"));
    CHECK_FALSE(is_client_stage("Sales Qualified Lead"));
    CHECK_FALSE(is_client_stage("customers"));
    CHECK_FALSE(is_client_stage(""));
}

TEST_CASE("stage tally: most first, then by name; an empty stage is (none)")
{
    StageTally t;
    CHECK(t.total() == 0);
    CHECK(t.describe().empty());
    for (const char* s : {"Lead", "Opportunity", "lead", "Subscriber", "Opportunity", " LEAD", ""}) t.add(s);
    CHECK(t.total() == 7);
    CHECK(t.describe() == "lead 3, opportunity 2, (none) 1, subscriber 1");
}

TEST_CASE("person key: the email, else the external id, kept apart")
{
    Person p;
    CHECK(person_key(p).empty());
    p.external_id = "a@x.com";
    CHECK(person_key(p) == "#a@x.com");
    p.email = "a@x.com";
    CHECK(person_key(p) == "@a@x.com");
}
