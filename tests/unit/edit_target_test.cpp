// What refer edit WHAT corrects: a referral or a person, from the argument and the options.
#include "refer/cli/edit_target.h"

#include "refer/error.h"

#include <doctest/doctest.h>

using namespace refer;

namespace {
const std::vector<std::string> no_values;
}

TEST_CASE("a referral id is a referral, ext:ID a person")
{
    CHECK(edit_target("12", no_values, no_values) == EditTarget::referral);
    CHECK(edit_target("12", {"--value"}, no_values) == EditTarget::referral);
    CHECK(edit_target("ext:crm-1", no_values, no_values) == EditTarget::person);
    CHECK(edit_target("ext:crm-1", no_values, {"--kind"}) == EditTarget::person);
}

TEST_CASE("an email: options only one of them has decide, else the person, else the referral")
{
    CHECK(edit_target("sam@globex.com", no_values, no_values) == EditTarget::person_else_referral);
    CHECK(edit_target("sam@globex.com", {"--note"}, no_values) == EditTarget::referral);
    CHECK(edit_target("sam@globex.com", no_values, {"--industry"}) == EditTarget::person);
}

TEST_CASE("options that do not fit are usage errors")
{
    auto usage = [](auto call) {
        try {
            call();
        } catch (const Error& e) {
            return e.code() == Exit::usage ? std::string(e.what()) : std::string("not a usage error");
        }
        return std::string("no error");
    };
    CHECK(usage([] { edit_target("sam@globex.com", {"--note"}, {"--kind"}); }) ==
          "--note corrects a referral and --kind a person: correct one at a time");
    CHECK(usage([] { edit_target("12", no_values, {"--kind"}); }) ==
          "--kind corrects a person, and 12 is a referral id (refer edit EMAIL|ext:ID corrects a person)");
    CHECK(usage([] { edit_target("ext:crm-1", {"--value"}, no_values); }) ==
          "--value corrects a referral, and ext:crm-1 is a person (refer edit ID corrects a referral)");
}
