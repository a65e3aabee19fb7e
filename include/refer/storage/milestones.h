#pragma once
// Milestones: a success a person had (go-live, renewal, award), the moment to ask for a referral.
#include "refer/domain/date.h"
#include "refer/domain/person.h"
#include "refer/storage/events.h"

#include <SQLiteCpp/Database.h>
#include <string>
#include <vector>

namespace refer {

// Records the milestone and its event (`client`, `milestone`, new: "DATE description"); returns its id.
long long add_milestone(SQLite::Database& db, EventLog& events, long long person_id, Date on,
                        const std::string& description);

// A person's milestones, oldest first (same day: in the order recorded).
std::vector<Milestone> milestones_of(SQLite::Database& db, long long person_id);

} // namespace refer
