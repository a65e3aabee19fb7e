#pragma once
// An event's change as `refer show` prints it for a person (SPEC 2): money as `24,000.00`, a
// referrer by email, yes/no for true/false, and a `created` event as its fields on one line
// instead of the JSON object the log stores. `refer export events` keeps the stored text.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace refer {

struct EventReader {
    // A person's id as people name them (email, else ext:ID): for the referrer of a referral.
    std::function<std::string(long long id)> person;
};

// The name a person reads for a stored field: `referrer` for `referrer_id`, else the field's own.
std::string_view readable_field(std::string_view entity, std::string_view field);

// One stored value of `field` of an `entity` ("client", "referral") as a person reads it;
// "-" when absent. A value that is not what the field holds (not cents, not an id) is shown
// as stored.
std::string readable_value(std::string_view entity, std::string_view field, const std::optional<std::string>& value,
                           const EventReader& reader);

// `status: submitted -> won`, `deal_value: - -> 24,000.00`, `tag added: vip`,
// `created: referrer ann@acme.com, referee_name Sam Lee, ...` (a value holding `, ` or `"` is
// quoted).
std::string readable_change(std::string_view entity, std::string_view what, const std::optional<std::string>& old_value,
                            const std::optional<std::string>& new_value, const EventReader& reader);

} // namespace refer
