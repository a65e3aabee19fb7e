#include "refer/util/json_text.h"

#include "refer/util/text.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace refer {

void append_json_string(std::string& out, std::string_view text)
{
    if (!is_valid_utf8(text)) { // as nlohmann::json dumps it: each bad sequence becomes U+FFFD
        out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    out += '"';
    // Runs of plain characters are copied whole: imports escape every field of every row.
    size_t plain = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) continue;
        out.append(text.substr(plain, i - plain));
        plain = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        }
    }
    out.append(text.substr(plain));
    out += '"';
}

} // namespace refer
