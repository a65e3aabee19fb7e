// RepeatedRows: which rows of an import file a later row of the same person supersedes.
#include "refer/storage/import_lines.h"
#include "refer/storage/database.h"

#include "ledger.h"

#include <doctest/doctest.h>

using namespace refer;
using refer::test::Ledger;

TEST_CASE("RepeatedRows: every row but the last of a key is superseded, and names the line before it")
{
    Ledger ledger;
    RepeatedRows rows(*ledger.db);
    // The first pass: every row asks, and the rows named before are noted.
    auto first_pass = [&](std::string_view key, long line) {
        if (rows.named_before(key)) rows.note(key, line);
    };
    CHECK_FALSE(rows.named_before("@a@x.com"));
    first_pass("@b@x.com", 3);
    first_pass("@a@x.com", 4);
    first_pass("#crm-1", 5);
    first_pass("@a@x.com", 9);
    CHECK(rows.named_before("@b@x.com"));
    auto a2 = rows.visit("@a@x.com", 2);
    CHECK(a2.superseded);
    CHECK_FALSE(a2.previous);
    auto b3 = rows.visit("@b@x.com", 3);
    CHECK_FALSE(b3.superseded);
    CHECK_FALSE(b3.previous);
    auto a4 = rows.visit("@a@x.com", 4);
    CHECK(a4.superseded);
    CHECK(a4.previous == 2);
    CHECK_FALSE(rows.visit("#crm-1", 5).superseded);
    auto a9 = rows.visit("@a@x.com", 9);
    CHECK_FALSE(a9.superseded);
    CHECK(a9.previous == 4);
}

TEST_CASE("RepeatedRows starts afresh for a second import in the same connection")
{
    Ledger ledger;
    {
        RepeatedRows rows(*ledger.db);
        CHECK_FALSE(rows.named_before("@a@x.com"));
        rows.note("@a@x.com", 3);
    }
    RepeatedRows again(*ledger.db);
    CHECK_FALSE(again.named_before("@a@x.com"));
    CHECK_FALSE(again.visit("@a@x.com", 3).superseded);
    CHECK_FALSE(again.visit("@a@x.com", 3).previous);
}

TEST_CASE("set_page_cache_mib sets the connection's cache size")
{
    Ledger ledger;
    set_page_cache_mib(*ledger.db, 64);
    CHECK(ledger.db->execAndGet("PRAGMA cache_size").getInt() == -65536);
}
