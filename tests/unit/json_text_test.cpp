#include "refer/util/json_text.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace refer;

TEST_CASE("JSON strings are escaped exactly as nlohmann::json dumps them")
{
    const std::string cases[] = {"", "plain", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak\r\n",
                                 std::string("nul\0byte", 8), "\x01\x1f bell\b feed\f", "Zoë — 東京", "\"", "\\\\",
                                 "=1+1,\"a\"\n",
                                 // Malformed UTF-8: a lone continuation byte, a cut sequence, an
                                 // overlong slash, a surrogate, past U+10FFFF, Latin-1.
                                 "a\x80" "b", "cut \xE6\x9D", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                 "caf\xE9", "ok \xF0\x9F\x98\x80 then \xFF"};
    for (const std::string& text : cases) {
        CAPTURE(text);
        std::string out = "x";
        append_json_string(out, text);
        std::string expected = "x";
        // not "x" + ...: GCC 12's -Wrestrict false positive at -O3
        expected += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        CHECK(out == expected);
    }
}
