#include "refer/storage/nps.h"

#include "refer/storage/columns.h"

#include <fmt/format.h>

namespace refer {

NpsWriter::NpsWriter(SQLite::Database& db, EventLog& events)
    : m_events(events),
      m_find(db, "SELECT id, score, comment FROM nps_responses WHERE client_id = :person AND responded_on = :on"),
      m_insert(db, "INSERT INTO nps_responses (client_id, score, responded_on, comment) "
                   "VALUES (:person, :score, :on, :comment)"),
      m_update(db, "UPDATE nps_responses SET score = :score, comment = :comment WHERE id = :id"),
      m_find_person(m_find.getIndex(":person")), m_find_on(m_find.getIndex(":on")),
      m_find_id(m_find.getColumnIndex("id")), m_find_score(m_find.getColumnIndex("score")),
      m_find_comment(m_find.getColumnIndex("comment")), m_insert_person(m_insert.getIndex(":person")),
      m_insert_score(m_insert.getIndex(":score")), m_insert_on(m_insert.getIndex(":on")),
      m_insert_comment(m_insert.getIndex(":comment")), m_update_score(m_update.getIndex(":score")),
      m_update_comment(m_update.getIndex(":comment")), m_update_id(m_update.getIndex(":id"))
{
}

static std::string describe(const NpsResponse& r)
{
    return fmt::format("{} on {}", r.score, to_string(r.responded_on));
}

NpsWriter::Outcome NpsWriter::upsert(const NpsResponse& r)
{
    std::string on = to_string(r.responded_on);
    m_find.reset();
    m_find.bind(m_find_person, static_cast<int64_t>(r.person_id));
    m_find.bind(m_find_on, on);
    if (m_find.executeStep()) {
        long long id = m_find.getColumn(m_find_id).getInt64();
        int score = m_find.getColumn(m_find_score).getInt();
        std::optional<std::string> comment = opt_text(m_find.getColumn(m_find_comment));
        m_find.reset();
        if (score == r.score && comment == r.comment) return Outcome::unchanged;
        m_update.reset();
        m_update.bind(m_update_score, r.score);
        if (r.comment) m_update.bind(m_update_comment, *r.comment); else m_update.bind(m_update_comment);
        m_update.bind(m_update_id, static_cast<int64_t>(id));
        m_update.exec();
        NpsResponse old{r.person_id, score, r.responded_on, comment};
        m_events.record("client", r.person_id, "nps", describe(old), describe(r));
        return Outcome::updated;
    }
    m_find.reset();
    m_insert.reset();
    m_insert.bind(m_insert_person, static_cast<int64_t>(r.person_id));
    m_insert.bind(m_insert_score, r.score);
    m_insert.bind(m_insert_on, on);
    if (r.comment) m_insert.bind(m_insert_comment, *r.comment); else m_insert.bind(m_insert_comment);
    m_insert.exec();
    m_events.record("client", r.person_id, "nps", std::nullopt, describe(r));
    return Outcome::created;
}

std::vector<NpsResponse> nps_of(SQLite::Database& db, long long person_id)
{
    SQLite::Statement q(db, "SELECT score, responded_on, comment FROM nps_responses WHERE client_id = :person "
                            "ORDER BY responded_on DESC");
    q.bind(":person", static_cast<int64_t>(person_id));
    const int score = q.getColumnIndex("score"), responded_on = q.getColumnIndex("responded_on"),
              comment = q.getColumnIndex("comment");
    std::vector<NpsResponse> out;
    while (q.executeStep())
        out.push_back({person_id, q.getColumn(score).getInt(), date_of(q.getColumn(responded_on)),
                       opt_text(q.getColumn(comment))});
    return out;
}

void for_each_nps_response(SQLite::Database& db, const std::function<void(StoredNpsResponse)>& visit)
{
    SQLite::Statement q(db, "SELECT n.id AS id, n.client_id AS person_id, n.score AS score, "
                            "n.responded_on AS responded_on, n.comment AS comment, c.email AS email "
                            "FROM nps_responses n JOIN clients c ON c.id = n.client_id ORDER BY n.id");
    const int id = q.getColumnIndex("id"), person_id = q.getColumnIndex("person_id"), score = q.getColumnIndex("score"),
              responded_on = q.getColumnIndex("responded_on"), comment = q.getColumnIndex("comment"),
              email = q.getColumnIndex("email");
    while (q.executeStep())
        visit({q.getColumn(id).getInt64(),
               {q.getColumn(person_id).getInt64(), q.getColumn(score).getInt(), date_of(q.getColumn(responded_on)),
                opt_text(q.getColumn(comment))},
               opt_text(q.getColumn(email))});
}

} // namespace refer
