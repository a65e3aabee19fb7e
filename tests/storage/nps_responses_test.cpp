// NpsWriter, nps_of and for_each_nps_response: survey answers stored and read back.
#include "refer/storage/nps.h"

#include "ledger.h"

#include <doctest/doctest.h>

using namespace refer;
using refer::test::d;
using refer::test::Ledger;

TEST_CASE("NPS responses: upserted per person and day, read back newest first and in recorded order")
{
    Ledger ledger;
    long long ann = ledger.person("ann@example.com");
    Person no_email;
    no_email.external_id = "crm-7";
    long long crm = PeopleWriter(*ledger.db, ledger.events).insert(no_email);
    NpsWriter writer(*ledger.db, ledger.events);
    CHECK(writer.upsert({ann, 9, d("2026-03-01"), std::string("Great")}) == NpsWriter::Outcome::created);
    CHECK(writer.upsert({crm, 4, d("2026-04-01"), std::nullopt}) == NpsWriter::Outcome::created);
    CHECK(writer.upsert({ann, 6, d("2026-06-01"), std::nullopt}) == NpsWriter::Outcome::created);
    CHECK(writer.upsert({ann, 6, d("2026-06-01"), std::nullopt}) == NpsWriter::Outcome::unchanged);
    CHECK(writer.upsert({ann, 10, d("2026-03-01"), std::string("Great")}) == NpsWriter::Outcome::updated);

    std::vector<NpsResponse> anns = nps_of(*ledger.db, ann);
    REQUIRE(anns.size() == 2);
    CHECK(anns[0].responded_on == d("2026-06-01"));
    CHECK(anns[0].score == 6);
    CHECK_FALSE(anns[0].comment);
    CHECK(anns[1].score == 10);
    CHECK(anns[1].comment == "Great");

    std::vector<StoredNpsResponse> all;
    for_each_nps_response(*ledger.db, [&](StoredNpsResponse r) { all.push_back(std::move(r)); });
    REQUIRE(all.size() == 3);
    CHECK(all[0].person_email == "ann@example.com");
    CHECK(all[0].response.person_id == ann);
    CHECK(all[0].response.score == 10);
    CHECK(all[0].response.responded_on == d("2026-03-01"));
    CHECK(all[0].response.comment == "Great");
    CHECK(all[1].id > all[0].id);
    CHECK(all[1].response.person_id == crm);
    CHECK_FALSE(all[1].person_email);
    CHECK_FALSE(all[1].response.comment);
    CHECK(all[2].response.score == 6);
}
