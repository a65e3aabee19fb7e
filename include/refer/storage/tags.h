#pragma once
// Queries on tags and NPS segments (the writes go through PeopleWriter, with events).
#include "refer/domain/nps.h"
#include "refer/storage/events.h"

#include <SQLiteCpp/Database.h>
#include <map>
#include <string>
#include <vector>

namespace refer {

struct TagCount {
    std::string tag;
    long long people = 0;
};

// Every tag in use with the number of people carrying it, ordered by tag.
std::vector<TagCount> tag_counts(SQLite::Database& db);

long long people_count(SQLite::Database& db);

// Every NPS response, grouped by person.
std::map<long long, std::vector<Score>> nps_scores_by_person(SQLite::Database& db);

// The segment tags (promoter, passive, detractor) people carry now.
std::map<long long, std::vector<std::string>> segment_tags_by_person(SQLite::Database& db);

struct SegmentCounts {
    long long promoter = 0, passive = 0, detractor = 0, none = 0; // people per segment now
    long long added = 0, removed = 0;                             // tag changes made
};

// Gives every person exactly the segment tag their NPS history earns today (or none),
// through PeopleWriter: one event per tag added or removed, nothing when nothing changes.
SegmentCounts update_segments(SQLite::Database& db, EventLog& events, Date today, const NpsRules& rules);

} // namespace refer
