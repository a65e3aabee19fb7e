// The person options of refer add and refer edit: each value read and checked once.
#include "refer/cli/person_options.h"

#include "refer/error.h"
#include "dates.h"

#include <doctest/doctest.h>

using namespace refer;

namespace {

using refer::test::d;

Person stored()
{
    Person p;
    p.email = "ann@acme.com";
    p.name = "Ann";
    p.company = "Acme";
    p.kind = "client";
    p.annual_value = 1200000;
    p.started_on = d("2025-01-01");
    p.source = "referral";
    p.external_id = "crm-1";
    p.tags = {"vip"};
    return p;
}

bool usage_error_of(const PersonOptions& o)
{
    try {
        o.applied_to(stored());
    } catch (const Error& e) {
        return e.code() == Exit::usage;
    }
    return false;
}

} // namespace

TEST_CASE("no option changes nothing")
{
    PersonOptions o;
    CHECK(o.given().empty());
    CHECK(o.applied_to(stored()) == stored());
}

TEST_CASE("each given field is read as refer add reads it")
{
    PersonOptions o;
    o.email = "  Ann.Lee@ACME.io ";
    o.name = " Ann Lee ";
    o.company = "Acme Corp";
    o.industry = "Logistics";
    o.kind = "Partner";
    o.annual_value = "$24,000.50";
    o.started_on = "2025-02-01";
    o.ended_on = "2026-06-30";
    o.opened_on = "2024-12-01";
    o.source = "event";
    o.external_id = "crm-9";
    CHECK(o.given() == std::vector<std::string>{"--email", "--name", "--company", "--industry", "--kind",
                                                "--annual-value", "--started-on", "--ended-on", "--opened-on",
                                                "--source", "--external-id"});
    Person p = o.applied_to(stored());
    CHECK(p.email == "ann.lee@acme.io");
    CHECK(p.name == "Ann Lee");
    CHECK(p.company == "Acme Corp");
    CHECK(p.industry == "Logistics");
    CHECK(p.kind == "partner");
    CHECK(p.annual_value == 2400050);
    CHECK(p.started_on == d("2025-02-01"));
    CHECK(p.ended_on == d("2026-06-30"));
    CHECK(p.opened_on == d("2024-12-01"));
    CHECK(p.source == "event");
    CHECK(p.external_id == "crm-9");
    CHECK(p.tags == std::vector<std::string>{"vip"}); // tags are refer tag's
}

TEST_CASE("an empty value clears the field")
{
    PersonOptions o;
    o.email = "";
    o.name = " ";
    o.annual_value = "";
    o.started_on = "";
    o.source = "";
    o.external_id = "";
    Person p = o.applied_to(stored());
    CHECK_FALSE(p.email);
    CHECK_FALSE(p.name);
    CHECK_FALSE(p.annual_value);
    CHECK_FALSE(p.started_on);
    CHECK_FALSE(p.source);
    CHECK_FALSE(p.external_id);
    CHECK(p.company == "Acme"); // not given: as it was
}

TEST_CASE("malformed values are usage errors")
{
    auto with = [](auto set) {
        PersonOptions o;
        set(o);
        return o;
    };
    CHECK(usage_error_of(with([](PersonOptions& o) { o.email = "bob@"; })));
    CHECK(usage_error_of(with([](PersonOptions& o) { o.kind = "friend"; })));
    CHECK(usage_error_of(with([](PersonOptions& o) { o.kind = ""; }))); // every person has a kind
    CHECK(usage_error_of(with([](PersonOptions& o) { o.annual_value = "-5"; })));
    CHECK(usage_error_of(with([](PersonOptions& o) { o.annual_value = "lots"; })));
    CHECK(usage_error_of(with([](PersonOptions& o) { o.started_on = "2025-02-30"; })));
    CHECK(usage_error_of(with([](PersonOptions& o) { o.source = "word of mouth"; })));
}
