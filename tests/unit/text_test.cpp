#include "refer/util/text.h"

#include <doctest/doctest.h>

using namespace refer;

TEST_CASE("ascii_lower folds A-Z only")
{
    CHECK(ascii_lower("Jane.DOE@Acme.COM") == "jane.doe@acme.com");
    CHECK(ascii_lower("ÄÖÜ Zoë") == "ÄÖÜ zoë");
    CHECK(ascii_lower("") == "");
}

TEST_CASE("trim drops the ASCII blanks around the text, never inside it")
{
    CHECK(trim("  Acme Corp \t") == "Acme Corp");
    CHECK(trim("\r\n\v\fjane@acme.com\n") == "jane@acme.com");
    CHECK(trim("a  b") == "a  b");
    CHECK(trim(" \t\r\n\v\f") == "");
    CHECK(trim("") == "");
    CHECK(trim("x") == "x");
}

TEST_CASE("trim keeps non-ASCII bytes, also a no-break space")
{
    CHECK(trim("\xC2\xA0" "100 \xE2\x82\xAC") == "\xC2\xA0" "100 \xE2\x82\xAC");
    CHECK(trim(" Zoë ") == "Zoë");
}

TEST_CASE("trim returns a view into its argument")
{
    std::string text = "  value  ";
    std::string_view trimmed = trim(text);
    CHECK(trimmed.data() == text.data() + 2);
    CHECK(trimmed.size() == 5);
}

TEST_CASE("spoken_list lists words as a message does")
{
    constexpr std::string_view kinds[] = {"client", "partner", "employee", "advisor"};
    CHECK(spoken_list(kinds) == "client, partner, employee or advisor");
    CHECK(spoken_list(std::span(kinds).first(2), "and") == "client and partner");
    CHECK(spoken_list(std::span(kinds).first(1)) == "client");
    CHECK(spoken_list({}) == "");
}

TEST_CASE("to_strings copies the words")
{
    constexpr std::string_view words[] = {"a", "bc"};
    CHECK(to_strings(words) == std::vector<std::string>{"a", "bc"});
}

TEST_CASE("edit_distance counts inserts, deletes, replacements and swapped neighbours")
{
    CHECK(edit_distance("import", "import") == 0);
    CHECK(edit_distance("imprt", "import") == 1);   // a letter left out
    CHECK(edit_distance("clinets", "clients") == 1); // two letters swapped
    CHECK(edit_distance("payouts2", "payouts") == 1);
    CHECK(edit_distance("tag", "tug") == 1);
    CHECK(edit_distance("", "add") == 3);
    CHECK(edit_distance("report", "referrals") == 6);
}

TEST_CASE("with_thousands groups digits by three")
{
    CHECK(with_thousands(0) == "0");
    CHECK(with_thousands(999) == "999");
    CHECK(with_thousands(1000) == "1,000");
    CHECK(with_thousands(1234567) == "1,234,567");
}

TEST_CASE("binary_size: bytes, then one decimal of the largest power of 1024 below the size")
{
    CHECK(binary_size(0) == "0 B");
    CHECK(binary_size(1023) == "1023 B");
    CHECK(binary_size(1024) == "1.0 KiB");
    CHECK(binary_size(106496) == "104.0 KiB");
    CHECK(binary_size(12897484) == "12.3 MiB");
    CHECK(binary_size(1024ull * 1024 * 1024 * 3 / 2) == "1.5 GiB");
}
