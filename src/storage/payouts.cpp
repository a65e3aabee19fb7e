#include "refer/storage/payouts.h"

#include "refer/storage/columns.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace refer {

// Referrer payouts name the person (their email is read from clients, so that it follows
// corrections); referee payouts keep the referee's email.
static constexpr const char* k_payout_select =
    "SELECT p.id, p.referral_id, p.beneficiary, coalesce(p.email, c.email) AS email, p.client_id, p.reward, "
    "p.kind, p.amount, p.earned_on, p.due_on, p.status, p.paid_on, p.reference, p.program_id, p.explanation "
    "FROM payouts p LEFT JOIN clients c ON c.id = p.client_id ";

static Payout payout_from_row(SQLite::Statement& q)
{
    Payout p;
    p.id = q.getColumn("id").getInt64();
    p.referral_id = q.getColumn("referral_id").getInt64();
    p.beneficiary = parse_beneficiary(q.getColumn("beneficiary").getString()).value_or(Beneficiary::referrer);
    p.email = opt_text(q.getColumn("email"));
    if (!q.getColumn("client_id").isNull()) p.person_id = q.getColumn("client_id").getInt64();
    p.reward = q.getColumn("reward").getString();
    p.kind = parse_reward_kind(q.getColumn("kind").getString()).value_or(RewardKind::cash);
    p.amount = q.getColumn("amount").getInt64();
    p.earned_on = opt_date(q.getColumn("earned_on")).value_or(Date{});
    p.due_on = opt_date(q.getColumn("due_on")).value_or(Date{});
    p.status = parse_payout_status(q.getColumn("status").getString()).value_or(PayoutStatus::pending);
    p.paid_on = opt_date(q.getColumn("paid_on"));
    p.reference = opt_text(q.getColumn("reference"));
    p.program_id = q.getColumn("program_id").isNull() ? 0 : q.getColumn("program_id").getInt64();
    p.explanation = q.getColumn("explanation").getString();
    return p;
}

static std::vector<Payout> all_payouts(SQLite::Statement& q)
{
    std::vector<Payout> out;
    while (q.executeStep()) out.push_back(payout_from_row(q));
    return out;
}

std::vector<Payout> list_payouts(SQLite::Database& db, const PayoutFilter& f)
{
    std::string sql = std::string(k_payout_select) + "WHERE 1";
    if (f.status) sql += " AND p.status = :status";
    if (f.person_id)
        sql += " AND (p.client_id = :person OR (p.client_id IS NULL AND p.email = "
               "(SELECT email FROM clients WHERE id = :person)))";
    if (f.referral_id) sql += " AND p.referral_id = :referral";
    if (f.due_by) sql += " AND p.status = 'pending' AND p.due_on <= :due_by";
    if (f.due_before) sql += " AND p.status = 'pending' AND p.due_on < :due_before";
    sql += " ORDER BY p.id";
    SQLite::Statement q(db, sql);
    if (f.status) q.bind(":status", std::string(to_string(*f.status)));
    if (f.person_id) q.bind(":person", static_cast<int64_t>(*f.person_id));
    if (f.referral_id) q.bind(":referral", static_cast<int64_t>(*f.referral_id));
    if (f.due_by) q.bind(":due_by", to_string(*f.due_by));
    if (f.due_before) q.bind(":due_before", to_string(*f.due_before));
    return all_payouts(q);
}

std::optional<Payout> find_payout(SQLite::Database& db, long long id)
{
    SQLite::Statement q(db, std::string(k_payout_select) + "WHERE p.id = :id");
    q.bind(":id", static_cast<int64_t>(id));
    if (!q.executeStep()) return std::nullopt;
    return payout_from_row(q);
}

std::vector<Payout> payouts_of_referral_range(SQLite::Database& db, long long first, long long last)
{
    SQLite::Statement q(db, std::string(k_payout_select) +
                                "WHERE p.referral_id BETWEEN :first AND :last ORDER BY p.id");
    q.bind(":first", static_cast<int64_t>(first));
    q.bind(":last", static_cast<int64_t>(last));
    return all_payouts(q);
}

std::vector<Payout> payouts_of_referrals(SQLite::Database& db, std::span<const long long> referral_ids)
{
    SQLite::Statement q(db, std::string(k_payout_select) +
                                "WHERE p.referral_id IN (SELECT value FROM json_each(:ids)) ORDER BY p.id");
    q.bind(":ids", nlohmann::json(referral_ids).dump());
    return all_payouts(q);
}

std::optional<ComputeMark> last_compute(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT event_id, program_id, live FROM payout_compute WHERE id = 1");
    if (!q.executeStep()) return std::nullopt;
    return ComputeMark{q.getColumn("event_id").getInt64(), q.getColumn("program_id").getInt64(),
                       q.getColumn("live").getInt64()};
}

ComputeMark current_mark(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT (SELECT coalesce(max(id), 0) FROM events) AS event_id, "
                            "(SELECT coalesce(max(id), 0) FROM programs) AS program_id");
    q.executeStep();
    return {q.getColumn("event_id").getInt64(), q.getColumn("program_id").getInt64()};
}

void record_compute(SQLite::Database& db, const ComputeMark& mark)
{
    SQLite::Statement q(db, "INSERT INTO payout_compute (id, event_id, program_id, live) VALUES (1, :event, :program, :live) "
                            "ON CONFLICT (id) DO UPDATE SET event_id = excluded.event_id, "
                            "program_id = excluded.program_id, live = excluded.live");
    q.bind(":event", static_cast<int64_t>(mark.event_id));
    q.bind(":program", static_cast<int64_t>(mark.program_id));
    q.bind(":live", static_cast<int64_t>(mark.live));
    q.exec();
}

std::vector<long long> referrers_changed_since(SQLite::Database& db, long long event_id)
{
    // `+e.entity`: the events since the last compute are a short id range; without the `+`
    // SQLite walks events_by_entity over every referral event ever written (0.67 s at 5M).
    SQLite::Statement q(db, "SELECT r.referrer_id AS id FROM events e JOIN referrals r ON r.id = e.entity_id "
                            "WHERE e.id > :after AND +e.entity = 'referral' "
                            "UNION SELECT e.entity_id FROM events e "
                            "WHERE e.id > :after AND +e.entity = 'client' AND (e.what = 'kind' OR e.what = 'email') "
                            "ORDER BY 1");
    q.bind(":after", static_cast<int64_t>(event_id));
    std::vector<long long> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
    return ids;
}

std::string payout_event_text(const Payout& p)
{
    return fmt::format("{} {} {} to the {} for referral {}", format_decimal(p.amount), to_string(p.kind), p.reward,
                       to_string(p.beneficiary), p.referral_id);
}

PayoutWriter::PayoutWriter(SQLite::Database& db, EventLog& events)
    : m_db(db), m_events(events),
      m_insert(db, "INSERT INTO payouts (referral_id, beneficiary, email, client_id, reward, kind, amount, earned_on, "
                   "due_on, status, paid_on, reference, program_id, explanation) VALUES (:referral_id, :beneficiary, "
                   ":email, :client_id, :reward, :kind, :amount, :earned_on, :due_on, :status, :paid_on, :reference, "
                   ":program_id, :explanation)"),
      m_update(db, "UPDATE payouts SET referral_id = :referral_id, beneficiary = :beneficiary, email = :email, "
                   "client_id = :client_id, reward = :reward, kind = :kind, amount = :amount, earned_on = :earned_on, "
                   "due_on = :due_on, status = :status, paid_on = :paid_on, reference = :reference, "
                   "program_id = :program_id, explanation = :explanation WHERE id = :id")
{
}

void PayoutWriter::bind(const Payout& p)
{
    SQLite::Statement& s = p.id == 0 ? m_insert : m_update;
    s.reset();
    s.bind(":referral_id", static_cast<int64_t>(p.referral_id));
    s.bind(":beneficiary", std::string(to_string(p.beneficiary)));
    // A referrer is named by their person, whose email may change; a referee by email.
    if (p.person_id) s.bind(":email"); else if (p.email) s.bind(":email", *p.email); else s.bind(":email");
    if (p.person_id) s.bind(":client_id", static_cast<int64_t>(*p.person_id)); else s.bind(":client_id");
    s.bind(":reward", p.reward);
    s.bind(":kind", std::string(to_string(p.kind)));
    s.bind(":amount", static_cast<int64_t>(p.amount));
    s.bind(":earned_on", to_string(p.earned_on));
    s.bind(":due_on", to_string(p.due_on));
    s.bind(":status", std::string(to_string(p.status)));
    if (p.paid_on) s.bind(":paid_on", to_string(*p.paid_on)); else s.bind(":paid_on");
    if (p.reference) s.bind(":reference", *p.reference); else s.bind(":reference");
    if (p.program_id) s.bind(":program_id", static_cast<int64_t>(p.program_id)); else s.bind(":program_id");
    s.bind(":explanation", p.explanation);
}

long long PayoutWriter::insert(const Payout& payout)
{
    Payout p = payout;
    p.id = 0;
    bind(p);
    m_insert.exec();
    long long id = m_db.getLastInsertRowid();
    m_events.record("payout", id, "created", std::nullopt, payout_event_text(p));
    return id;
}

void PayoutWriter::update(const Payout& before, const Payout& after)
{
    bind(after);
    m_update.bind(":id", static_cast<int64_t>(after.id));
    m_update.exec();
    auto opt_date_text = [](const std::optional<Date>& d) { return d ? std::optional(to_string(*d)) : std::nullopt; };
    auto record = [&](const char* what, const std::optional<std::string>& old_value,
                      const std::optional<std::string>& new_value) {
        if (old_value != new_value) m_events.record("payout", after.id, what, old_value, new_value);
    };
    record("status", std::string(to_string(before.status)), std::string(to_string(after.status)));
    record("amount", format_decimal(before.amount), format_decimal(after.amount));
    record("kind", std::string(to_string(before.kind)), std::string(to_string(after.kind)));
    record("email", before.email, after.email);
    record("earned_on", to_string(before.earned_on), to_string(after.earned_on));
    record("due_on", to_string(before.due_on), to_string(after.due_on));
    record("paid_on", opt_date_text(before.paid_on), opt_date_text(after.paid_on));
    record("reference", before.reference, after.reference);
    record("program", std::to_string(before.program_id), std::to_string(after.program_id));
    record("explanation", before.explanation, after.explanation);
}

} // namespace refer
