#include "refer/util/json_text.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace refer;

TEST_CASE("JSON strings are escaped exactly as nlohmann::json dumps them")
{
    const std::string cases[] = {"", "plain", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak\r\n",
                                 std::string("nul\0byte", 8), "\x01\x1f bell\b feed\f", "Zoë — 東京", "\"", "\\\\",
                                 "=1+1,\"a\"\n"};
    for (const std::string& text : cases) {
        std::string out = "x";
        append_json_string(out, text);
        std::string expected = "x";
        expected += nlohmann::json(text).dump(); // not "x" + ...: GCC 12's -Wrestrict false positive at -O3
        CHECK(out == expected);
    }
}
