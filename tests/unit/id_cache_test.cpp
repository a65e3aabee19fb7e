#include "refer/util/id_cache.h"

#include <doctest/doctest.h>
#include <string>

using namespace refer;

TEST_CASE("the id cache finds what was put, by exact key")
{
    IdCache cache(64);
    cache.put("ann@acme.com", 7, 0);
    cache.put("bob@acme.com", 8, 2);
    REQUIRE(cache.find("ann@acme.com"));
    CHECK(cache.find("ann@acme.com")->id == 7);
    CHECK(cache.find("ann@acme.com")->tag == 0);
    CHECK(cache.find("bob@acme.com")->tag == 2);
    CHECK_FALSE(cache.find("ann@acme.co"));
    CHECK_FALSE(cache.find("Ann@acme.com"));
    CHECK_FALSE(cache.find(""));
    cache.put("ann@acme.com", 9, 1); // replaces
    CHECK(cache.find("ann@acme.com")->id == 9);
    CHECK(cache.size() == 2);
    cache.retag("bob@acme.com", 4);
    cache.retag("nobody@acme.com", 4); // absent: nothing
    CHECK(cache.find("bob@acme.com")->tag == 4);
    CHECK_FALSE(cache.find("nobody@acme.com"));
}

TEST_CASE("the id cache holds up to its capacity, then starts over")
{
    IdCache cache(1000);
    for (int i = 1; i <= 1000; ++i) cache.put("person" + std::to_string(i) + "@example.com", i, 1);
    CHECK(cache.size() == 1000);
    for (int i = 1; i <= 1000; ++i) {
        auto found = cache.find("person" + std::to_string(i) + "@example.com");
        REQUIRE(found);
        CHECK(found->id == i);
    }
    cache.put("one-more@example.com", 1001, 1);
    CHECK(cache.size() == 1);
    CHECK_FALSE(cache.find("person1@example.com"));
    CHECK(cache.find("one-more@example.com")->id == 1001);
}

TEST_CASE("the id cache keeps keys across its 1 MiB arena blocks, and skips what it cannot keep")
{
    IdCache cache(100000);
    std::string pad(200, 'x');
    for (int i = 1; i <= 20000; ++i) cache.put(pad + std::to_string(i), i, 3); // ~4 MB of keys
    for (int i = 1; i <= 20000; i += 997) CHECK(cache.find(pad + std::to_string(i))->id == i);
    cache.put(std::string(256, 'y'), 5, 0); // too long to keep
    CHECK_FALSE(cache.find(std::string(256, 'y')));
    cache.put("zero@example.com", 0, 0); // 0 means empty
    CHECK_FALSE(cache.find("zero@example.com"));
}
