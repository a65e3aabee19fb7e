#pragma once
// What nudge reads (SPEC 9): the people any reason could apply to, found from the small
// sets (recent milestones, recent promoter answers, recent winners, the promoter tag, people
// asked often), never by walking every person; and what `nudge --record` writes.
#include "refer/domain/nudge.h"
#include "refer/storage/events.h"

#include <SQLiteCpp/Database.h>
#include <string_view>
#include <vector>

namespace refer {

std::vector<NudgeFacts> nudge_facts(SQLite::Database& db, Date today, const Program& program);

// One ask dated today per listed person (none twice a day), and the
// `referral-not-interested` tag for each paused person; each change an event.
struct NudgeRecord {
    long long asks = 0, tagged = 0;
};
NudgeRecord record_nudges(SQLite::Database& db, EventLog& events, const NudgePlan& plan, Date today);

// An ask recorded by hand (`refer ask`); false when the person was already asked that day.
bool record_ask(SQLite::Database& db, EventLog& events, long long person_id, Date on, const std::optional<std::string>& reason);

// The query that finds the candidates, for the plan test.
std::string_view nudge_candidates_sql();

inline constexpr std::string_view k_not_interested_tag = "referral-not-interested";
inline constexpr std::string_view k_do_not_contact_tag = "do-not-contact";

} // namespace refer
