#include "refer/storage/nps.h"

#include "refer/storage/columns.h"

#include <fmt/format.h>

namespace refer {

NpsWriter::NpsWriter(SQLite::Database& db, EventLog& events)
    : m_db(db), m_events(events),
      m_find(db, "SELECT id, score, comment FROM nps_responses WHERE client_id = ? AND responded_on = ?"),
      m_insert(db, "INSERT INTO nps_responses (client_id, score, responded_on, comment) VALUES (?, ?, ?, ?)"),
      m_update(db, "UPDATE nps_responses SET score = ?, comment = ? WHERE id = ?")
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
    m_find.bind(1, static_cast<int64_t>(r.person_id));
    m_find.bind(2, on);
    if (m_find.executeStep()) {
        long long id = m_find.getColumn(0).getInt64();
        int score = m_find.getColumn(1).getInt();
        std::optional<std::string> comment;
        if (!m_find.getColumn(2).isNull()) comment = m_find.getColumn(2).getString();
        m_find.reset();
        if (score == r.score && comment == r.comment) return Outcome::unchanged;
        m_update.reset();
        m_update.bind(1, r.score);
        if (r.comment) m_update.bind(2, *r.comment); else m_update.bind(2);
        m_update.bind(3, static_cast<int64_t>(id));
        m_update.exec();
        NpsResponse old{r.person_id, score, r.responded_on, comment};
        m_events.record("client", r.person_id, "nps", describe(old), describe(r));
        return Outcome::updated;
    }
    m_find.reset();
    m_insert.reset();
    m_insert.bind(1, static_cast<int64_t>(r.person_id));
    m_insert.bind(2, r.score);
    m_insert.bind(3, on);
    if (r.comment) m_insert.bind(4, *r.comment); else m_insert.bind(4);
    m_insert.exec();
    m_events.record("client", r.person_id, "nps", std::nullopt, describe(r));
    return Outcome::created;
}

std::vector<NpsResponse> nps_of(SQLite::Database& db, long long person_id)
{
    SQLite::Statement q(db, "SELECT score, responded_on, comment FROM nps_responses WHERE client_id = ? "
                            "ORDER BY responded_on DESC");
    q.bind(1, static_cast<int64_t>(person_id));
    std::vector<NpsResponse> out;
    while (q.executeStep()) {
        NpsResponse r{person_id, q.getColumn(0).getInt(), *parse_iso_date(q.getColumn(1).getString()), std::nullopt};
        if (!q.getColumn(2).isNull()) r.comment = q.getColumn(2).getString();
        out.push_back(std::move(r));
    }
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
