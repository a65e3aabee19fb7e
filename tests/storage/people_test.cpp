// People stored and read back: every field, by email, CRM id and filters.
#include "refer/storage/people.h"
#include "refer/storage/referrals.h"

#include "ledger.h"

#include <doctest/doctest.h>

using namespace refer;
using refer::test::d;
using refer::test::Ledger;

namespace {

// Every field set, none equal to its default.
Person full_person()
{
    Person p;
    p.email = "ann@example.com";
    p.name = "Ann Smith";
    p.company = "Acme";
    p.industry = "Consulting";
    p.kind = "advisor";
    p.annual_value = 2400000;
    p.started_on = d("2024-01-15");
    p.ended_on = d("2026-06-30");
    p.source = "event";
    p.external_id = "crm-1";
    p.opened_on = d("2023-12-01");
    p.tags = {"vip", "board"};
    return p;
}

void check_same(const Person& stored, const Person& p)
{
    for (PersonField f : {PersonField::email, PersonField::name, PersonField::company, PersonField::industry,
                          PersonField::kind, PersonField::annual_value, PersonField::started_on, PersonField::ended_on,
                          PersonField::source, PersonField::external_id, PersonField::opened_on})
        CHECK_MESSAGE(field_text(stored, f) == field_text(p, f), field_name(f));
    CHECK(stored.referred_by == p.referred_by);
}

} // namespace

TEST_CASE("a person reads back field for field, whichever way they are found")
{
    Ledger ledger;
    PeopleWriter people(*ledger.db, ledger.events);
    Person p = full_person();
    long long id = people.insert(p);

    auto by_handle = find_person(*ledger.db, "ANN@example.com");
    REQUIRE(by_handle);
    CHECK(by_handle->id == id);
    check_same(by_handle->person, p);
    CHECK(by_handle->person.tags == std::vector<std::string>{"board", "vip"});
    CHECK(find_person(*ledger.db, "ext:crm-1")->id == id);
    CHECK_FALSE(find_person(*ledger.db, "ext:crm-2"));
    check_same(people.find_by_email("ann@example.com")->person, p);
    check_same(people.find_by_external_id("crm-1")->person, p);
    CHECK(people.find_id_by_email("ann@example.com") == id);
    CHECK_FALSE(people.find_id_by_email("bob@example.com"));
    CHECK(people.kind_of(id) == "advisor");
    CHECK_FALSE(people.kind_of(id + 1));
    CHECK(highest_person_id(*ledger.db) == static_cast<std::uint64_t>(id));

    Person changed = p;
    changed.name = "Ann Jones";
    changed.referred_by = std::nullopt;
    changed.annual_value = std::nullopt;
    changed.email = "ann.jones@example.com";
    people.update(id, p, changed);
    check_same(find_person(*ledger.db, "ann.jones@example.com")->person, changed);
}

TEST_CASE("list_people: by id, with tags, filtered by tag and kind")
{
    Ledger ledger;
    PeopleWriter people(*ledger.db, ledger.events);
    long long ann = people.insert(full_person());
    Person bob;
    bob.external_id = "crm-2";
    long long bob_id = people.insert(bob);

    std::vector<StoredPerson> all = list_people(*ledger.db, {});
    REQUIRE(all.size() == 2);
    CHECK(all[0].id == ann);
    check_same(all[0].person, full_person());
    CHECK(all[0].person.tags == std::vector<std::string>{"board", "vip"});
    CHECK(all[1].id == bob_id);
    CHECK(all[1].person.kind == "client"); // the default kind
    CHECK_FALSE(all[1].person.email);
    CHECK(all[1].person.tags.empty());

    PeopleFilter vip;
    vip.tag = "vip";
    CHECK(list_people(*ledger.db, vip).size() == 1);
    PeopleFilter clients;
    clients.kind = "client";
    CHECK(list_people(*ledger.db, clients).at(0).id == bob_id);
}

TEST_CASE("find_person_by_id and changed_fields: what refer show and refer edit ask")
{
    Ledger ledger;
    PeopleWriter people(*ledger.db, ledger.events);
    Person p = full_person();
    long long id = people.insert(p);
    auto found = find_person_by_id(*ledger.db, id);
    REQUIRE(found);
    check_same(found->person, p);
    CHECK_FALSE(find_person_by_id(*ledger.db, id + 1));

    CHECK(changed_fields(p, p).empty());
    Person changed = p;
    changed.email = "ann@acme.io";
    changed.annual_value = 2400001;
    changed.tags.clear();       // tags have events of their own
    changed.referred_by = 3;    // and so has referred_by
    CHECK(changed_fields(p, changed) == std::vector<PersonField>{PersonField::email, PersonField::annual_value});
}

TEST_CASE("a person's created event names the referral that brought them")
{
    Ledger ledger;
    long long referral = ReferralWriter(*ledger.db, ledger.events)
                             .insert(new_referral(ledger.person("ann@acme.com"), d("2026-11-02")));
    Person p;
    p.email = "sam@globex.com";
    p.referred_by = referral;
    long long id = PeopleWriter(*ledger.db, ledger.events).insert(p);
    auto events = events_of(*ledger.db, "client", id);
    REQUIRE(events.size() == 1);
    CHECK(events[0].new_value == R"({"email":"sam@globex.com","referred_by":")" + std::to_string(referral) + R"("})");
}
