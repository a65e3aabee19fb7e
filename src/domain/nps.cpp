#include "refer/domain/nps.h"

#include <algorithm>

namespace refer {

std::string_view segment_tag(NpsSegment segment) { return k_segment_tags[static_cast<int>(segment)]; }

bool is_segment_tag(std::string_view tag) { return std::ranges::find(k_segment_tags, tag) != std::end(k_segment_tags); }

NpsSegment segment_of(int score, int promoter_min_score)
{
    if (score >= promoter_min_score) return NpsSegment::promoter;
    if (score >= 7) return NpsSegment::passive;
    return NpsSegment::detractor;
}

std::optional<NpsSegment> current_segment(const std::vector<Score>& responses, Date today, const NpsRules& rules)
{
    const Score* latest = nullptr;
    for (const Score& r : responses) {
        int age = today - r.responded_on;
        if (age < 0 || age >= rules.window_days) continue;
        if (!latest || r.responded_on > latest->responded_on) latest = &r;
    }
    if (!latest) return std::nullopt;
    return segment_of(latest->score, rules.promoter_min_score);
}

} // namespace refer
