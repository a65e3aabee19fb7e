#include "refer/render/event_text.h"

#include "refer/domain/money.h"

#include <charconv>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace refer {

namespace {

enum class FieldKind { text, money, person, referral, yes_no };

FieldKind kind_of(std::string_view entity, std::string_view field)
{
    if (entity == "referral") {
        if (field == "deal_value") return FieldKind::money;
        if (field == "referrer_id") return FieldKind::person;
        if (field == "consent" || field == "fit_urgency") return FieldKind::yes_no;
    } else if (entity == "client") {
        if (field == "annual_value") return FieldKind::money;
        if (field == "referred_by") return FieldKind::referral;
    }
    return FieldKind::text;
}

std::optional<long long> whole_number(std::string_view text)
{
    long long n = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

// A text of the `created` line that could be mistaken for its separators is quoted.
std::string quoted_if_needed(const std::string& text)
{
    if (!text.empty() && text.find(", ") == std::string::npos && text.find('"') == std::string::npos &&
        text.front() != ' ' && text.back() != ' ')
        return text;
    return nlohmann::json(text).dump();
}

// The `created` event's JSON object as `field value, field value`; tags separated by spaces.
std::optional<std::string> created_line(std::string_view entity, const std::string& stored, const EventReader& reader)
{
    auto fields = nlohmann::ordered_json::parse(stored, nullptr, false);
    if (!fields.is_object()) return std::nullopt;
    std::string out;
    for (const auto& [field, value] : fields.items()) {
        std::string text;
        if (value.is_string()) {
            text = quoted_if_needed(readable_value(entity, field, value.get<std::string>(), reader));
        } else if (value.is_array()) {
            for (const auto& item : value) {
                if (!text.empty()) text += ' ';
                text += item.is_string() ? item.get<std::string>() : item.dump();
            }
        } else {
            text = value.dump();
        }
        if (!out.empty()) out += ", ";
        out += fmt::format("{} {}", readable_field(entity, field), text);
    }
    return out;
}

bool is_addition(std::string_view what)
{
    return what == "tag added" || what == "milestone" || what == "ask" || what == "nps" || what == "loaded" ||
           what == "created";
}

} // namespace

std::string_view readable_field(std::string_view entity, std::string_view field)
{
    return kind_of(entity, field) == FieldKind::person ? std::string_view("referrer") : field;
}

std::string readable_value(std::string_view entity, std::string_view field, const std::optional<std::string>& value,
                           const EventReader& reader)
{
    if (!value) return "-";
    switch (kind_of(entity, field)) {
    case FieldKind::money:
        if (auto cents = whole_number(*value)) return format_money(*cents, "");
        break;
    case FieldKind::person:
        if (auto id = whole_number(*value); id && reader.person) return reader.person(*id);
        break;
    case FieldKind::referral:
        if (whole_number(*value)) return "referral " + *value;
        break;
    case FieldKind::yes_no:
        if (*value == "true") return "yes";
        if (*value == "false") return "no";
        break;
    case FieldKind::text: break;
    }
    return *value;
}

std::string readable_change(std::string_view entity, std::string_view what, const std::optional<std::string>& old_value,
                            const std::optional<std::string>& new_value, const EventReader& reader)
{
    if (what == "created" && !old_value && new_value)
        if (auto line = created_line(entity, *new_value, reader)) return fmt::format("created: {}", *line);
    // Events that add or remove a thing rather than change a field name it.
    if (!old_value && new_value && is_addition(what)) return fmt::format("{}: {}", what, *new_value);
    if (old_value && !new_value && what == "tag removed") return fmt::format("{}: {}", what, *old_value);
    return fmt::format("{}: {} -> {}", readable_field(entity, what), readable_value(entity, what, old_value, reader),
                       readable_value(entity, what, new_value, reader));
}

} // namespace refer
