#pragma once
// Hand-written JSON for the hot paths (an event per imported row), where building a
// nlohmann::json per row costs more than the insert itself.
#include <string>
#include <string_view>

namespace refer {

// Appends `text` as a JSON string literal, quotes included, exactly as nlohmann::json dumps
// it (not ASCII-escaped; malformed UTF-8 replaced by U+FFFD).
void append_json_string(std::string& out, std::string_view text);

} // namespace refer
