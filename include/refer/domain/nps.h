#pragma once
// NPS segments (SPEC 6, 12): which of promoter, passive, detractor a person is today.
#include "refer/domain/date.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refer {

enum class NpsSegment { promoter, passive, detractor };

// The segment tags, in this order; `refer tag promoters` maintains them, nobody else.
inline constexpr std::string_view k_segment_tags[] = {"promoter", "passive", "detractor"};

struct NpsRules {
    int promoter_min_score = 9; // >= promoter; 7 .. min-1 passive; <= 6 detractor
    int window_days = 365;      // a response counts while 0 <= today - responded_on < window_days
};

// One survey answer of one person; unique per (person, responded_on).
struct NpsResponse {
    long long person_id = 0;
    int score = 0;
    Date responded_on;
    std::optional<std::string> comment;
};

struct Score {
    int score = 0;
    Date responded_on;
};

std::string_view segment_tag(NpsSegment segment);
bool is_segment_tag(std::string_view tag);

NpsSegment segment_of(int score, int promoter_min_score);

// The segment of the latest response within the window; none without one. Responses
// dated after today are ignored. Order of `responses` does not matter.
std::optional<NpsSegment> current_segment(const std::vector<Score>& responses, Date today, const NpsRules& rules);

} // namespace refer
