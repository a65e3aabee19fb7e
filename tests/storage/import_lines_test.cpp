// ImportLines: which line of an import file last named each person.
#include "refer/storage/import_lines.h"

#include "ledger.h"

#include <doctest/doctest.h>

using namespace refer;
using refer::test::Ledger;

TEST_CASE("ImportLines remembers the last line that named each person, for this connection only")
{
    Ledger ledger;
    ImportLines lines(*ledger.db);
    CHECK_FALSE(lines.previous(1));
    lines.record(1, 2);
    lines.record(2, 3);
    lines.record(1, 14);
    CHECK(lines.previous(1) == 14);
    CHECK(lines.previous(2) == 3);
    CHECK_FALSE(lines.previous(3));
    ImportLines again(*ledger.db); // a second import in the same connection finds the table
    CHECK(again.previous(1) == 14);
}

TEST_CASE("set_page_cache_mib sets the connection's cache size")
{
    Ledger ledger;
    set_page_cache_mib(*ledger.db, 64);
    CHECK(ledger.db->execAndGet("PRAGMA cache_size").getInt() == -65536);
}
