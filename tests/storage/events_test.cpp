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
