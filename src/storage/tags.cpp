#include "refer/storage/tags.h"

#include "refer/storage/columns.h"
#include "refer/storage/people.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <set>

namespace refer {

std::vector<TagCount> tag_counts(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT tag, count(*) AS people FROM tags GROUP BY tag ORDER BY tag");
    const int tag = q.getColumnIndex("tag"), people = q.getColumnIndex("people");
    std::vector<TagCount> counts;
    while (q.executeStep()) counts.push_back({q.getColumn(tag).getString(), q.getColumn(people).getInt64()});
    return counts;
}

long long people_count(SQLite::Database& db)
{
    return db.execAndGet("SELECT count(*) FROM clients").getInt64();
}

std::map<long long, std::vector<Score>> nps_scores_by_person(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT client_id, score, responded_on FROM nps_responses");
    const int person = q.getColumnIndex("client_id"), score = q.getColumnIndex("score"),
              responded_on = q.getColumnIndex("responded_on");
    std::map<long long, std::vector<Score>> scores;
    while (q.executeStep())
        if (auto on = opt_date(q.getColumn(responded_on)))
            scores[q.getColumn(person).getInt64()].push_back({q.getColumn(score).getInt(), *on});
    return scores;
}

std::map<long long, std::vector<std::string>> segment_tags_by_person(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT client_id, tag FROM tags WHERE tag IN ('promoter', 'passive', 'detractor') "
                            "ORDER BY client_id, tag");
    const int person = q.getColumnIndex("client_id"), tag = q.getColumnIndex("tag");
    std::map<long long, std::vector<std::string>> tags;
    while (q.executeStep()) tags[q.getColumn(person).getInt64()].push_back(q.getColumn(tag).getString());
    return tags;
}

static void count(SegmentCounts& c, std::optional<NpsSegment> segment)
{
    if (!segment) return;
    switch (*segment) {
    case NpsSegment::promoter: ++c.promoter; break;
    case NpsSegment::passive: ++c.passive; break;
    case NpsSegment::detractor: ++c.detractor; break;
    }
}

SegmentCounts update_segments(SQLite::Database& db, EventLog& events, Date today, const NpsRules& rules)
{
    auto scores = nps_scores_by_person(db);
    auto current = segment_tags_by_person(db);
    std::set<long long> people;
    for (const auto& entry : scores) people.insert(entry.first);
    for (const auto& entry : current) people.insert(entry.first);
    PeopleWriter writer(db, events);
    SegmentCounts c;
    for (long long id : people) {
        auto found = scores.find(id);
        std::optional<NpsSegment> segment;
        if (found != scores.end()) segment = current_segment(found->second, today, rules);
        count(c, segment);
        std::vector<std::string> wanted;
        if (segment) wanted.emplace_back(segment_tag(*segment));
        std::vector<std::string> have = current.contains(id) ? current[id] : std::vector<std::string>{};
        std::vector<std::string> stale;
        for (const std::string& tag : have)
            if (std::ranges::find(wanted, tag) == wanted.end()) stale.push_back(tag);
        c.removed += writer.remove_tags(id, stale);
        c.added += writer.add_tags(id, wanted); // a no-op when already there
    }
    c.none = people_count(db) - c.promoter - c.passive - c.detractor;
    return c;
}

} // namespace refer
