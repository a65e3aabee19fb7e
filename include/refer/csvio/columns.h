#pragma once
// Which input column holds which field: canonical names, CRM presets, survey headers, --map.
#include "refer/domain/person.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace refer {

enum class Preset { none, hubspot, pipedrive, salesforce };
std::optional<Preset> parse_preset(std::string_view name);
std::string_view preset_name(Preset preset);

// `Header Name=field` from --map; the header is matched case-insensitively.
struct ColumnOverride {
    std::string header;
    std::string field;
};
std::optional<ColumnOverride> parse_column_override(std::string_view text);

// Lowercase, `_` `-` `.` and runs of spaces folded into one space, trimmed.
std::string normalize_header(std::string_view header);

// The column indexes of one file's fields, by field name ("email", "first_name", "score", ...).
// A field may have several columns (Pipedrive's Work/Home/Other emails): the first non-empty wins.
struct ColumnMap {
    std::map<std::string, std::vector<size_t>> columns;
    std::vector<std::string> ignored; // headers mapped to nothing, for the warning
    Preset preset = Preset::none;

    const std::vector<size_t>* find(const std::string& field) const;
    bool has(const std::string& field) const { return find(field) != nullptr; }
};

// The fields a people import understands. `lifecycle_stage` is not stored: it decides which
// rows are clients (HubSpot's Lifecycle Stage; `--map` can name another column).
inline const std::vector<std::string> k_people_fields = {
    "email", "name", "first_name", "last_name", "company", "industry", "kind", "annual_value",
    "started_on", "ended_on", "source", "tags", "external_id", "opened_on", "lifecycle_stage"};
inline const std::vector<std::string> k_nps_fields = {"email", "score", "responded_on", "comment"};

// Maps the header onto people fields; `preset` none means detect. Throws Error (usage) for a
// --map naming an unknown field or a header that is not in the file.
ColumnMap map_people_columns(const std::vector<std::string>& header, std::optional<Preset> preset,
                             const std::vector<ColumnOverride>& overrides);

// Survey exports: `header_rows` holds each header row (SurveyMonkey 2, Qualtrics 3).
ColumnMap map_nps_columns(const std::vector<std::vector<std::string>>& header_rows,
                          const std::vector<ColumnOverride>& overrides);

// The fields a referral import understands (the columns of `refer export referrals`).
inline const std::vector<std::string> k_referral_fields = {
    "referrer_email", "referee_name", "referee_email", "referee_company", "source", "submitted_on", "status",
    "status_on", "contacted_on", "meeting_on", "qualified_on", "won_on", "lost_on", "deal_value", "lost_reason",
    "consent", "note", "fit_industry", "fit_role", "fit_size", "fit_urgency"};

// Maps a referral file's header onto referral fields (names as above, case-insensitive).
ColumnMap map_referral_columns(const std::vector<std::string>& header, const std::vector<ColumnOverride>& overrides);

// How many header rows a survey export has, judged from its first three records.
size_t detect_header_rows(const std::vector<std::vector<std::string>>& first_records);

} // namespace refer
