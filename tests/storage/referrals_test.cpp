// Referrals stored and read back: every field, the lookups by id, referee and referrer, and
// the suspects of a bulk import.
#include "refer/storage/referrals.h"

#include "ledger.h"

#include <doctest/doctest.h>

using namespace refer;
using refer::test::d;
using refer::test::Ledger;

namespace {

// Every field set, none equal to its default.
Referral full_referral(long long referrer_id)
{
    Referral r = new_referral(referrer_id, d("2026-01-05"));
    r.referee_name = "Sam Lee";
    r.referee_email = "sam@globex.com";
    r.referee_company = "Globex";
    r.source = "partner";
    r.status = Status::lost;
    r.status_on = d("2026-03-01");
    r.contacted_on = d("2026-01-07");
    r.meeting_on = d("2026-01-20");
    r.qualified_on = d("2026-02-02");
    r.lost_on = d("2026-03-01");
    r.lost_reason = "budget";
    r.deal_value = 2400000;
    r.consent = true;
    r.note = "met at the fair";
    return r;
}

} // namespace

TEST_CASE("a referral reads back field for field, with its referrer")
{
    Ledger ledger;
    Person partner;
    partner.email = "pat@partner.com";
    partner.kind = "partner";
    long long pat = PeopleWriter(*ledger.db, ledger.events).insert(partner);
    ReferralWriter writer(*ledger.db, ledger.events);
    Referral r = full_referral(pat);
    r.won_on = d("2026-02-20"); // not a reachable state, but every column must round-trip
    long long id = writer.insert(r);

    auto stored = find_referral(*ledger.db, id);
    REQUIRE(stored);
    CHECK(stored->id == id);
    CHECK(stored->referral == r);
    CHECK(stored->referrer_email == "pat@partner.com");
    CHECK(stored->referrer == "pat@partner.com");
    CHECK(stored->referrer_kind == "partner");
    CHECK(find_referral_ref(*ledger.db, std::to_string(id))->id == id);
    CHECK(find_referral_ref(*ledger.db, "SAM@globex.com")->id == id);
    CHECK(writer.by_referee("sam@globex.com").at(0).referral == r);
    CHECK(list_referrals(*ledger.db, {}).at(0).referral == r);
    CHECK(highest_referral_id(*ledger.db) == static_cast<std::uint64_t>(id));

    Referral bare = new_referral(pat, d("2026-02-01"));
    bare.referee_name = "No Email";
    long long bare_id = writer.insert(bare);
    CHECK(find_referral(*ledger.db, bare_id)->referral == bare);

    Referral after = bare;
    after.note = "called back";
    after.deal_value = 100;
    writer.update(bare_id, bare, after);
    CHECK(find_referral(*ledger.db, bare_id)->referral == after);
    std::vector<StoredEvent> events = referral_events(*ledger.db, bare_id);
    REQUIRE(events.size() == 3);
    CHECK(events[1].what == "deal_value");
    CHECK(events[2].what == "note");
    CHECK(events[2].new_value == "called back");
}

TEST_CASE("a referrer without an email is named by ext:ID; filters and the attribution lookup")
{
    Ledger ledger;
    Person crm;
    crm.external_id = "crm-7";
    long long seven = PeopleWriter(*ledger.db, ledger.events).insert(crm);
    long long ann = ledger.person("ann@example.com");
    ReferralWriter writer(*ledger.db, ledger.events);
    Referral first = new_referral(seven, d("2026-03-01"));
    first.referee_email = "sam@globex.com";
    Referral second = new_referral(ann, d("2026-01-01"));
    second.referee_email = "sam@globex.com";
    second.status = Status::contacted;
    second.contacted_on = d("2026-01-02");
    long long first_id = writer.insert(first), second_id = writer.insert(second);

    auto stored = find_referral(*ledger.db, first_id);
    CHECK_FALSE(stored->referrer_email);
    CHECK(stored->referrer == "ext:crm-7");
    CHECK(stored->referrer_kind == "client");

    std::vector<PriorReferral> prior = referrals_of_referee(*ledger.db, "sam@globex.com");
    REQUIRE(prior.size() == 2);
    CHECK(prior[0].id == second_id); // by submission date
    CHECK(prior[0].referrer == "ann@example.com");
    CHECK(prior[0].submitted_on == d("2026-01-01"));
    CHECK(prior[1].referrer == "ext:crm-7");
    CHECK(find_referral_by_referee(*ledger.db, "sam@globex.com")->id == first_id); // the latest

    ReferralFilter by_ann;
    by_ann.referrer_id = ann;
    CHECK(list_referrals(*ledger.db, by_ann).size() == 1);
    ReferralFilter contacted;
    contacted.status = Status::contacted;
    CHECK(list_referrals(*ledger.db, contacted).at(0).id == second_id);

    std::vector<std::string> emails;
    for_each_referee_email(*ledger.db, [&](std::string_view e) { emails.emplace_back(e); });
    CHECK(emails == std::vector<std::string>{"sam@globex.com", "sam@globex.com"});
}

TEST_CASE("SuspectReferees: the suspects' referrals, from the ledger and written since")
{
    Ledger ledger;
    long long ann = ledger.person("ann@example.com");
    ReferralWriter writer(*ledger.db, ledger.events);
    Referral old = new_referral(ann, d("2025-06-01"));
    old.referee_email = "sam@globex.com";
    long long old_id = writer.insert(old);

    SuspectReferees suspects(*ledger.db);
    suspects.add("sam@globex.com");
    suspects.add("new@initech.com");
    suspects.add("sam@globex.com");
    std::vector<std::string> emails;
    suspects.for_each_email([&](std::string_view e) { emails.emplace_back(e); });
    std::ranges::sort(emails);
    CHECK(emails == std::vector<std::string>{"new@initech.com", "sam@globex.com"});
    CHECK(suspects.contains("sam@globex.com"));
    CHECK_FALSE(suspects.contains("other@x.com"));

    suspects.copy_ledger_referrals();
    REQUIRE(suspects.referrals("sam@globex.com").size() == 1);
    CHECK(suspects.referrals("sam@globex.com")[0].id == old_id);
    CHECK(suspects.referrals("sam@globex.com")[0].referral == old);
    CHECK(suspects.referrals("new@initech.com").empty());

    Referral fresh = new_referral(ann, d("2026-07-01"));
    fresh.referee_email = "new@initech.com";
    long long fresh_id = writer.insert(fresh);
    suspects.record("new@initech.com", fresh_id);
    REQUIRE(suspects.referrals("new@initech.com").size() == 1);
    CHECK(suspects.referrals("new@initech.com")[0].referrer == "ann@example.com");
}

TEST_CASE("find_colleague: same company or same non-free-mail domain, first by id")
{
    Ledger ledger;
    PeopleWriter people(*ledger.db, ledger.events);
    Person a;
    a.email = "kim@gmail.com";
    a.company = "Globex";
    a.name = "Kim";
    long long kim = people.insert(a);
    Person b;
    b.email = "lou@initech.com";
    b.external_id = "crm-9";
    long long lou = people.insert(b);

    auto by_company = find_colleague(*ledger.db, std::string("sam@other.org"), std::string("globex"));
    REQUIRE(by_company);
    CHECK(by_company->person.id == kim);
    CHECK(by_company->person.person.name == "Kim");
    CHECK(by_company->reason == "same company \"Globex\"");
    auto by_domain = find_colleague(*ledger.db, std::string("sam@initech.com"), std::nullopt);
    REQUIRE(by_domain);
    CHECK(by_domain->person.id == lou);
    CHECK(by_domain->person.person.external_id == "crm-9");
    CHECK_FALSE(find_colleague(*ledger.db, std::string("sam@gmail.com"), std::nullopt));
}
