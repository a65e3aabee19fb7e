#include "refer/storage/nudge.h"

#include "refer/storage/columns.h"
#include "refer/storage/people.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <map>

namespace refer {

namespace {

// Everyone a reason could apply to, or who asks could have paused: a milestone 7 to 30
// days ago, an answer of a promoter's score 3 to 30 days ago, two wins in 365 days, the
// promoter tag, or as many asks as the pause needs. Each set comes from its own index.
constexpr std::string_view k_candidates = R"sql(
WITH ids(id) AS (
    SELECT client_id FROM milestones INDEXED BY milestones_by_day WHERE on_date BETWEEN :milestone_from AND :milestone_to
    UNION
    SELECT client_id FROM nps_responses INDEXED BY nps_by_day
    WHERE responded_on BETWEEN :nps_from AND :nps_to AND score >= :promoter
    UNION
    SELECT referrer_id FROM referrals INDEXED BY referrals_by_won WHERE won_on BETWEEN :year_start AND :today
    GROUP BY referrer_id HAVING count(*) >= 2
    UNION
    SELECT client_id FROM tags INDEXED BY tags_by_tag WHERE tag = 'promoter'
    UNION
    SELECT client_id FROM asks GROUP BY client_id HAVING count(*) >= :max_unanswered)
SELECT c.id, c.email, c.name, c.company, c.kind, c.started_on, c.ended_on,
       EXISTS (SELECT 1 FROM tags t WHERE t.client_id = c.id AND t.tag = 'promoter') AS promoter,
       EXISTS (SELECT 1 FROM tags t WHERE t.client_id = c.id AND t.tag = 'do-not-contact') AS do_not_contact,
       EXISTS (SELECT 1 FROM tags t WHERE t.client_id = c.id AND t.tag = 'referral-not-interested') AS not_interested,
       (SELECT max(on_date) FROM milestones m WHERE m.client_id = c.id AND m.on_date BETWEEN :milestone_from AND :milestone_to)
           AS milestone_on,
       (SELECT max(n.responded_on) FROM nps_responses n WHERE n.client_id = c.id AND n.responded_on <= :today)
           AS latest_nps_on,
       (SELECT n.score FROM nps_responses n WHERE n.client_id = c.id AND n.responded_on <= :today
        ORDER BY n.responded_on DESC LIMIT 1) AS latest_nps_score,
       (SELECT count(*) FROM referrals r WHERE r.referrer_id = c.id) AS submitted,
       (SELECT count(*) FROM referrals r WHERE r.referrer_id = c.id AND r.status = 'won') AS won,
       (SELECT count(*) FROM referrals r WHERE r.referrer_id = c.id AND r.status = 'won'
        AND r.won_on BETWEEN :year_start AND :today) AS won_last_365
FROM ids JOIN clients c ON c.id = ids.id)sql";

NudgeFacts facts_from_row(SQLite::Statement& q)
{
    NudgeFacts f;
    f.person_id = q.getColumn("id").getInt64();
    f.email = opt_text(q.getColumn("email"));
    f.name = opt_text(q.getColumn("name"));
    f.company = opt_text(q.getColumn("company"));
    f.kind = q.getColumn("kind").getString();
    f.started_on = opt_date(q.getColumn("started_on"));
    f.ended_on = opt_date(q.getColumn("ended_on"));
    f.promoter = q.getColumn("promoter").getInt() != 0;
    f.do_not_contact = q.getColumn("do_not_contact").getInt() != 0;
    f.not_interested = q.getColumn("not_interested").getInt() != 0;
    if (auto on = opt_date(q.getColumn("milestone_on"))) f.milestones.push_back(*on);
    f.latest_nps_on = opt_date(q.getColumn("latest_nps_on"));
    if (f.latest_nps_on) f.latest_nps_score = q.getColumn("latest_nps_score").getInt();
    f.referrals_submitted = q.getColumn("submitted").getInt64();
    f.referrals_won = q.getColumn("won").getInt64();
    f.won_last_365 = q.getColumn("won_last_365").getInt64();
    return f;
}

// Each candidate's asks and, for those asked, the submission dates of their referrals since
// the first ask (what answers an ask; most candidates were never asked).
void add_asks_and_referrals(SQLite::Database& db, Date today, std::vector<NudgeFacts>& people)
{
    SQLite::Statement asks(db, "SELECT asked_on FROM asks WHERE client_id = :person ORDER BY asked_on");
    // Up to today: a referral dated later answers no ask yet (SPEC 2: "as of now" is --today).
    SQLite::Statement sent(db, "SELECT submitted_on FROM referrals INDEXED BY referrals_by_referrer "
                               "WHERE referrer_id = :person AND submitted_on BETWEEN :first_ask AND :today");
    for (NudgeFacts& p : people) {
        asks.bind(":person", static_cast<int64_t>(p.person_id));
        while (asks.executeStep()) p.asks.push_back(date_of(asks.getColumn("asked_on")));
        asks.reset();
        if (p.asks.empty() || p.referrals_submitted == 0) continue;
        sent.bind(":person", static_cast<int64_t>(p.person_id));
        sent.bind(":first_ask", to_string(p.asks.front()));
        sent.bind(":today", to_string(today));
        while (sent.executeStep()) p.submitted.push_back(date_of(sent.getColumn("submitted_on")));
        sent.reset();
    }
}

} // namespace

std::string_view nudge_candidates_sql() { return k_candidates; }

std::vector<NudgeFacts> nudge_facts(SQLite::Database& db, Date today, const Program& program)
{
    SQLite::Statement q(db, std::string(k_candidates));
    q.bind(":milestone_from", to_string(today - 30));
    q.bind(":milestone_to", to_string(today - 7));
    q.bind(":nps_from", to_string(today - 30));
    q.bind(":nps_to", to_string(today - 3));
    q.bind(":promoter", program.promoter_min_score);
    q.bind(":year_start", to_string(today - 364));
    q.bind(":today", to_string(today));
    q.bind(":max_unanswered", program.max_unanswered_asks);
    std::vector<NudgeFacts> people;
    while (q.executeStep()) people.push_back(facts_from_row(q));
    add_asks_and_referrals(db, today, people);
    return people;
}

bool record_ask(SQLite::Database& db, EventLog& events, long long person_id, Date on, const std::optional<std::string>& reason)
{
    SQLite::Statement insert(db, "INSERT OR IGNORE INTO asks (client_id, asked_on, reason) VALUES (:person, :on, :reason)");
    insert.bind(":person", static_cast<int64_t>(person_id));
    insert.bind(":on", to_string(on));
    if (reason) insert.bind(":reason", *reason);
    if (insert.exec() == 0) return false;
    events.record("client", person_id, "ask", std::nullopt,
                  reason ? fmt::format("{} {}", to_string(on), *reason) : to_string(on));
    return true;
}

NudgeRecord record_nudges(SQLite::Database& db, EventLog& events, const NudgePlan& plan, Date today)
{
    NudgeRecord r;
    for (const Nudge& n : plan.listed)
        if (record_ask(db, events, n.person.person_id, today, std::string(to_string(n.reason)))) ++r.asks;
    PeopleWriter people(db, events);
    for (long long id : plan.paused_people) r.tagged += people.add_tags(id, {std::string(k_not_interested_tag)});
    return r;
}

} // namespace refer
