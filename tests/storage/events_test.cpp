// for_each_event and events_of: the event log read back as recorded.
#include "refer/storage/events.h"
#include "refer/storage/referrals.h"

#include "ledger.h"

#include <doctest/doctest.h>

using namespace refer;
using refer::test::d;
using refer::test::Ledger;

TEST_CASE("for_each_event hands over every event, oldest first, with every field")
{
    Ledger ledger;
    long long ann = ledger.person("ann@example.com");
    ledger.events.record("client", ann, "name", std::nullopt, std::string("Ann"));
    ledger.events.record("referral", 7, "status", std::string("submitted"), std::string("contacted"));

    std::vector<StoredEvent> events;
    for_each_event(*ledger.db, [&](StoredEvent e) { events.push_back(std::move(e)); });
    REQUIRE(events.size() == 3);
    CHECK(events[0].what == "created"); // the person's insert
    const StoredEvent& name = events[1];
    CHECK(name.id > events[0].id);
    CHECK(name.at == "2026-11-23T10:00:00Z");
    CHECK(name.on == d("2026-11-23"));
    CHECK(name.entity == "client");
    CHECK(name.entity_id == ann);
    CHECK(name.what == "name");
    CHECK_FALSE(name.old_value);
    CHECK(name.new_value == "Ann");
    CHECK(name.user == "tester");
    CHECK(events[2].entity == "referral");
    CHECK(events[2].old_value == "submitted");
    CHECK(events[2].new_value == "contacted");
}

TEST_CASE("events_of and referral_events: one entity's history")
{
    Ledger ledger;
    ledger.events.record("referral", 7, "created", std::nullopt, std::string("{}"));
    ledger.events.record("referral", 8, "created", std::nullopt, std::string("{}"));
    ledger.events.record("client", 7, "name", std::nullopt, std::string("Ann"));
    ledger.events.record("referral", 7, "status", std::string("submitted"), std::string("won"));

    std::vector<StoredEvent> seven = referral_events(*ledger.db, 7);
    REQUIRE(seven.size() == 2);
    CHECK(seven[0].what == "created");
    CHECK(seven[1].what == "status");
    CHECK(seven[1].new_value == "won");
    CHECK(events_of(*ledger.db, "client", 7).size() == 1);
    CHECK(events_of(*ledger.db, "payout", 7).empty());
}

TEST_CASE("an event's on is the business date the command set, else its today")
{
    Ledger ledger;
    ledger.events.record("referral", 7, "note", std::nullopt, std::string("a"));
    ledger.events.set_on(d("2026-03-02"));
    ledger.events.record("referral", 7, "status", std::string("submitted"), std::string("contacted"));
    {
        EventDate row(ledger.events, d("2026-01-15"));
        CHECK(ledger.events.on() == d("2026-01-15"));
        ledger.events.record("referral", 8, "created", std::nullopt, std::string("{}"));
    }
    CHECK(ledger.events.on() == d("2026-03-02")); // the row's date ends with the row
    ledger.events.record("referral", 7, "status_on", std::string("2026-01-01"), std::string("2026-03-02"));

    std::vector<StoredEvent> events;
    for_each_event(*ledger.db, [&](StoredEvent e) { events.push_back(std::move(e)); });
    REQUIRE(events.size() == 4);
    CHECK(events[0].on == d("2026-11-23"));
    CHECK(events[1].on == d("2026-03-02"));
    CHECK(events[2].on == d("2026-01-15"));
    CHECK(events[3].on == d("2026-03-02"));
    for (const StoredEvent& e : events) CHECK(e.at == "2026-11-23T10:00:00Z"); // when written: the command's clock
}

TEST_CASE("the user of an event: $USER, else $LOGNAME, else the login name, else the account; unknown last")
{
    CHECK(event_user("jane", "root", "login", "account") == "jane");
    CHECK(event_user(nullptr, "jdoe", "login", "account") == "jdoe");
    CHECK(event_user("", " ", "login", "account") == "login"); // blank values do not count
    CHECK(event_user(nullptr, nullptr, nullptr, "account") == "account");
    CHECK(event_user(nullptr, nullptr, "", "") == "unknown");
    CHECK(event_user(nullptr, nullptr, nullptr, nullptr) == "unknown");
}
