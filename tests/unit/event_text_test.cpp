// How refer show reads an event to a person: money, people, yes/no, the created line.
#include "refer/render/event_text.h"

#include <doctest/doctest.h>

using namespace refer;

namespace {

EventReader reader()
{
    EventReader r;
    r.person = [](long long id) { return id == 1 ? std::string("ann@acme.com") : "person #" + std::to_string(id); };
    return r;
}

const std::optional<std::string> no_text;
std::optional<std::string> text(const char* s) { return std::string(s); }

} // namespace

TEST_CASE("money fields are money as SPEC 2 prints it (24,000.00), not cents")
{
    CHECK(readable_change("referral", "deal_value", no_text, text("2400000"), reader()) == "deal_value: - -> 24,000.00");
    CHECK(readable_change("referral", "deal_value", text("2400000"), text("3000050"), reader()) ==
          "deal_value: 24,000.00 -> 30,000.50");
    CHECK(readable_change("referral", "deal_value", text("-1"), text("0"), reader()) == "deal_value: -0.01 -> 0.00");
    CHECK(readable_change("client", "annual_value", text("1200000"), no_text, reader()) == "annual_value: 12,000.00 -> -");
    // A value that is not cents is shown as stored rather than misread.
    CHECK(readable_value("referral", "deal_value", text("12.5"), reader()) == "12.5");
    // The same name elsewhere is not money.
    CHECK(readable_value("payout", "deal_value", text("100"), reader()) == "100");
}

TEST_CASE("a referrer is named by email, a referral as referral N, flags as yes/no")
{
    CHECK(readable_change("referral", "referrer_id", text("1"), text("7"), reader()) ==
          "referrer: ann@acme.com -> person #7");
    CHECK(readable_field("referral", "referrer_id") == "referrer");
    CHECK(readable_field("client", "name") == "name");
    CHECK(readable_change("client", "referred_by", no_text, text("12"), reader()) == "referred_by: - -> referral 12");
    CHECK(readable_change("referral", "consent", text("true"), text("false"), reader()) == "consent: yes -> no");
    CHECK(readable_change("referral", "fit_urgency", no_text, text("true"), reader()) == "fit_urgency: - -> yes");
    CHECK(readable_change("referral", "status", text("submitted"), text("won"), reader()) == "status: submitted -> won");
}

TEST_CASE("a created event is its fields on one line")
{
    CHECK(readable_change("referral", "created", no_text,
                          text(R"({"referrer_id":"1","referee_name":"Sam Lee","submitted_on":"2026-09-01",)"
                               R"("deal_value":"2400000","consent":"true"})"),
                          reader()) ==
          "created: referrer ann@acme.com, referee_name Sam Lee, submitted_on 2026-09-01, deal_value 24,000.00, "
          "consent yes");
    CHECK(readable_change("client", "created", no_text,
                          text(R"({"email":"sam@globex.com","annual_value":"100","referred_by":"3","tags":["promoter","vip"]})"),
                          reader()) ==
          "created: email sam@globex.com, annual_value 1.00, referred_by referral 3, tags promoter vip");
    // A value that holds the separator, or a quote, is quoted.
    CHECK(readable_change("client", "created", no_text, text(R"({"company":"Acme, Inc.","name":"Ann \"A\" Lee"})"), reader()) ==
          R"(created: company "Acme, Inc.", name "Ann \"A\" Lee")");
    // A payout's created text is not JSON: as stored.
    CHECK(readable_change("payout", "created", no_text, text("100.00 cash x to the referrer for referral 1"), reader()) ==
          "created: 100.00 cash x to the referrer for referral 1");
}

TEST_CASE("additions and removals name the thing")
{
    CHECK(readable_change("client", "tag added", no_text, text("vip"), reader()) == "tag added: vip");
    CHECK(readable_change("client", "tag removed", text("vip"), no_text, reader()) == "tag removed: vip");
    CHECK(readable_change("client", "milestone", no_text, text("2026-11-02 went live"), reader()) ==
          "milestone: 2026-11-02 went live");
    CHECK(readable_change("client", "ask", no_text, text("2026-11-23 quarterly"), reader()) == "ask: 2026-11-23 quarterly");
    CHECK(readable_change("client", "nps", text("7 on 2026-01-02"), text("9 on 2026-01-02"), reader()) ==
          "nps: 7 on 2026-01-02 -> 9 on 2026-01-02");
}
