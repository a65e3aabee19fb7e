#include "refer/storage/report.h"

#include "refer/storage/columns.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <cstdint>

namespace refer {

namespace {

// Dates compare as text (`YYYY-MM-DD`). A referral's stage dates are set exactly when it
// reached the stage, and a won referral moved back loses its `won_on` (SPEC 12), so a range
// of `won_on` is the referrals currently won in it.
// Each query also reads what decides a referral's fit band (by_fit): its fit and its
// submission day, whose program version sets the threshold.
constexpr std::string_view k_cohort = R"sql(
SELECT source, submitted_on, fit_industry, fit_role, fit_size, fit_urgency,
       count(*) AS submitted,
       count(CASE WHEN contacted_on <= :to THEN 1 END) AS contacted,
       count(CASE WHEN contacted_on <= :to AND julianday(contacted_on) - julianday(submitted_on) <= :sla THEN 1 END)
           AS within_sla,
       count(CASE WHEN meeting_on <= :to THEN 1 END) AS meetings,
       count(CASE WHEN won_on <= :to THEN 1 END) AS won
FROM referrals INDEXED BY referrals_by_submitted
WHERE submitted_on BETWEEN :from AND :to
GROUP BY submitted_on, source, fit_industry, fit_role, fit_size, fit_urgency)sql";

constexpr std::string_view k_won = R"sql(
SELECT source, submitted_on, fit_industry, fit_role, fit_size, fit_urgency,
       CAST(julianday(won_on) - julianday(submitted_on) AS INTEGER) AS days, deal_value
FROM referrals INDEXED BY referrals_by_won
WHERE won_on BETWEEN :from AND :to)sql";

constexpr std::string_view k_lost = R"sql(
SELECT source, submitted_on, fit_industry, fit_role, fit_size, fit_urgency, count(*) AS lost
FROM referrals INDEXED BY referrals_by_lost
WHERE lost_on BETWEEN :from AND :to
GROUP BY source, submitted_on, fit_industry, fit_role, fit_size, fit_urgency)sql";

// People of kind client who started in the period, referred or not.
constexpr std::string_view k_new_clients = R"sql(
SELECT coalesce(source = 'referral', 0) AS referral, count(*) AS count, count(annual_value) AS with_value,
       coalesce(sum(annual_value), 0) AS revenue
FROM clients INDEXED BY clients_by_started
WHERE started_on BETWEEN :from AND :to AND kind = 'client'
GROUP BY 1)sql";

// Eligible: a client started by the period's end (or without a start) and not ended before
// it; referrers: of those, who submitted a referral in the 365 days ending there.
constexpr std::string_view k_participation = R"sql(
SELECT count(*) AS eligible,
       count(CASE WHEN id IN (SELECT referrer_id FROM referrals INDEXED BY referrals_by_submitted
                              WHERE submitted_on BETWEEN :year_start AND :to) THEN 1 END) AS referrers
FROM clients INDEXED BY clients_by_kind
WHERE kind = 'client' AND (started_on IS NULL OR started_on <= :to) AND (ended_on IS NULL OR ended_on >= :to))sql";

constexpr std::string_view k_top_referrers = R"sql(
WITH activity(referrer_id, submitted, won, won_value) AS (
    SELECT referrer_id, 1, 0, 0 FROM referrals INDEXED BY referrals_by_submitted WHERE submitted_on BETWEEN :from AND :to
    UNION ALL
    SELECT referrer_id, 0, 1, coalesce(deal_value, 0) FROM referrals INDEXED BY referrals_by_won
    WHERE won_on BETWEEN :from AND :to),
per_referrer AS (
    SELECT referrer_id, sum(submitted) AS submitted, sum(won) AS won, sum(won_value) AS won_value
    FROM activity GROUP BY referrer_id)
SELECT c.email, c.name, p.submitted, p.won, p.won_value
FROM per_referrer p JOIN clients c ON c.id = p.referrer_id
ORDER BY p.won DESC, p.submitted DESC, c.email IS NULL, c.email, c.id
LIMIT :top)sql";

constexpr std::string_view k_payouts_earned = R"sql(
SELECT coalesce(sum(amount), 0) AS earned
FROM payouts INDEXED BY payouts_by_earned
WHERE earned_on BETWEEN :from AND :to AND status <> 'void')sql";

constexpr std::string_view k_payouts_paid = R"sql(
SELECT coalesce(sum(amount), 0) AS paid
FROM payouts INDEXED BY payouts_by_paid
WHERE paid_on BETWEEN :from AND :to)sql";

constexpr std::string_view k_payouts_pending = R"sql(
SELECT coalesce(sum(amount), 0) AS outstanding, count(CASE WHEN due_on < :today THEN 1 END) AS overdue
FROM payouts INDEXED BY payouts_pending_by_due
WHERE status = 'pending')sql";

constexpr std::string_view k_nps = R"sql(
SELECT count(CASE WHEN score >= :promoter THEN 1 END) AS promoters,
       count(CASE WHEN score < :promoter AND score >= 7 THEN 1 END) AS passives,
       count(CASE WHEN score < :promoter AND score < 7 THEN 1 END) AS detractors
FROM nps_responses INDEXED BY nps_by_day
WHERE responded_on BETWEEN :from AND :to)sql";

constexpr std::string_view k_trend_submitted = R"sql(
SELECT substr(submitted_on, 1, 7) AS month, count(*) AS submitted
FROM referrals INDEXED BY referrals_by_submitted
WHERE submitted_on BETWEEN :trend_from AND :to
GROUP BY 1)sql";

constexpr std::string_view k_trend_won = R"sql(
SELECT substr(won_on, 1, 7) AS month, count(*) AS won, coalesce(sum(deal_value), 0) AS won_value
FROM referrals INDEXED BY referrals_by_won
WHERE won_on BETWEEN :trend_from AND :to
GROUP BY 1)sql";

// Open referrals as of today: still submitted past the contact SLA, or without a status
// change for 30 days (and not already the former).
constexpr std::string_view k_attention = R"sql(
SELECT id, status = 'submitted' AND submitted_on < :uncontacted_before AS uncontacted
FROM referrals INDEXED BY referrals_open
WHERE status <> 'won' AND status <> 'lost'
  AND ((status = 'submitted' AND submitted_on < :uncontacted_before) OR status_on <= :stale_by)
ORDER BY id)sql";

const std::vector<ReportSql> k_queries = {
    {"cohort", k_cohort},
    {"won", k_won},
    {"lost", k_lost},
    {"new_clients", k_new_clients},
    {"participation", k_participation},
    {"top_referrers", k_top_referrers},
    {"payouts_earned", k_payouts_earned},
    {"payouts_paid", k_payouts_paid},
    {"payouts_pending", k_payouts_pending},
    {"nps", k_nps},
    {"trend_submitted", k_trend_submitted},
    {"trend_won", k_trend_won},
    {"attention", k_attention},
};

// A statement with every parameter it names bound from the query.
SQLite::Statement prepared(SQLite::Database& db, std::string_view sql, const ReportQuery& q)
{
    SQLite::Statement s(db, std::string(sql));
    auto bind_date = [&](const char* name, Date d) {
        if (int i = s.getIndex(name)) s.bind(i, to_string(d));
    };
    auto bind_int = [&](const char* name, std::int64_t v) {
        if (int i = s.getIndex(name)) s.bind(i, v);
    };
    bind_date(":from", q.period.from);
    bind_date(":to", q.period.to);
    bind_date(":today", q.today);
    bind_date(":year_start", q.period.to - 364);
    bind_date(":trend_from", trend_months(q.period).front().from);
    bind_date(":uncontacted_before", q.today - q.today_contact_sla_days);
    bind_date(":stale_by", q.today - 30);
    bind_int(":sla", q.contact_sla_days);
    bind_int(":promoter", q.promoter_min_score);
    bind_int(":top", q.top);
    return s;
}

std::size_t source_index(const std::string& source)
{
    auto it = std::ranges::find(k_referral_sources, source);
    return it == k_referral_sources.end() ? k_source_count - 1 : std::size_t(it - k_referral_sources.begin());
}

ReportFacts::Month& trend_month(ReportFacts& f, const std::array<TrendMonth, 6>& months, const std::string& month)
{
    auto it = std::ranges::find(months, month, &TrendMonth::month);
    return f.trend.at(std::size_t(it - months.begin())); // the queries read only these months
}

void read_referral_facts(SQLite::Database& db, const ReportQuery& query, const ProgramBook& book, ReportFacts& f)
{
    // The activity of a row's source and of its fit band, by the threshold on its submission day.
    auto activity = [&](SQLite::Statement& row, std::int64_t ReportFacts::Activity::*field, std::int64_t n) {
        f.by_source[source_index(row.getColumn("source").getString())].*field += n;
        int threshold = book.in_force(date_of(row.getColumn("submitted_on"))).program.priority_fit_score;
        f.by_fit[std::size_t(fit_band(fit_of(row), threshold))].*field += n;
    };
    auto cohort = prepared(db, k_cohort, query);
    while (cohort.executeStep()) {
        std::int64_t submitted = cohort.getColumn("submitted").getInt64();
        f.cohort.submitted += submitted;
        f.cohort.contacted += cohort.getColumn("contacted").getInt64();
        f.cohort.contacted_within_sla += cohort.getColumn("within_sla").getInt64();
        f.cohort.meetings += cohort.getColumn("meetings").getInt64();
        f.cohort.won += cohort.getColumn("won").getInt64();
        activity(cohort, &ReportFacts::Activity::submitted, submitted);
    }
    auto won = prepared(db, k_won, query);
    while (won.executeStep()) {
        ++f.won;
        f.won_value += won.getColumn("deal_value").isNull() ? 0 : won.getColumn("deal_value").getInt64();
        f.days_to_close.push_back(won.getColumn("days").getInt());
        activity(won, &ReportFacts::Activity::won, 1);
    }
    auto lost = prepared(db, k_lost, query);
    while (lost.executeStep()) {
        std::int64_t n = lost.getColumn("lost").getInt64();
        f.lost += n;
        activity(lost, &ReportFacts::Activity::lost, n);
    }
}

void read_people_facts(SQLite::Database& db, const ReportQuery& query, ReportFacts& f)
{
    auto clients = prepared(db, k_new_clients, query);
    while (clients.executeStep()) {
        auto& group = clients.getColumn("referral").getInt() ? f.new_referral_clients : f.new_other_clients;
        group = {clients.getColumn("count").getInt64(), clients.getColumn("with_value").getInt64(),
                 clients.getColumn("revenue").getInt64()};
    }
    auto participation = prepared(db, k_participation, query);
    participation.executeStep();
    f.eligible = participation.getColumn("eligible").getInt64();
    f.referrers = participation.getColumn("referrers").getInt64();
    auto top = prepared(db, k_top_referrers, query);
    while (top.executeStep()) {
        auto text = [&](const char* column) -> std::optional<std::string> {
            if (top.getColumn(column).isNull()) return std::nullopt;
            return top.getColumn(column).getString();
        };
        f.top_referrers.push_back({text("email"), text("name"), top.getColumn("submitted").getInt64(),
                                   top.getColumn("won").getInt64(), top.getColumn("won_value").getInt64()});
    }
    auto nps = prepared(db, k_nps, query);
    nps.executeStep();
    f.nps_promoters = nps.getColumn("promoters").getInt64();
    f.nps_passives = nps.getColumn("passives").getInt64();
    f.nps_detractors = nps.getColumn("detractors").getInt64();
}

void read_payout_facts(SQLite::Database& db, const ReportQuery& query, ReportFacts& f)
{
    auto earned = prepared(db, k_payouts_earned, query);
    earned.executeStep();
    f.payouts_earned = earned.getColumn("earned").getInt64();
    auto paid = prepared(db, k_payouts_paid, query);
    paid.executeStep();
    f.payouts_paid = paid.getColumn("paid").getInt64();
    auto pending = prepared(db, k_payouts_pending, query);
    pending.executeStep();
    f.payouts_outstanding = pending.getColumn("outstanding").getInt64();
    f.payouts_overdue = pending.getColumn("overdue").getInt64();
}

void read_trend_and_attention(SQLite::Database& db, const ReportQuery& query, ReportFacts& f)
{
    auto months = trend_months(query.period);
    auto submitted = prepared(db, k_trend_submitted, query);
    while (submitted.executeStep())
        trend_month(f, months, submitted.getColumn("month").getString()).submitted =
            submitted.getColumn("submitted").getInt64();
    auto won = prepared(db, k_trend_won, query);
    while (won.executeStep()) {
        auto& month = trend_month(f, months, won.getColumn("month").getString());
        month.won = won.getColumn("won").getInt64();
        month.won_value = won.getColumn("won_value").getInt64();
    }
    auto attention = prepared(db, k_attention, query);
    while (attention.executeStep()) {
        long long id = attention.getColumn("id").getInt64();
        (attention.getColumn("uncontacted").getInt() ? f.uncontacted_overdue : f.stale_open).push_back(id);
    }
}

} // namespace

ReportFacts read_report_facts(SQLite::Database& db, const ReportQuery& query, const ProgramBook& book)
{
    ReportFacts f;
    read_referral_facts(db, query, book, f);
    read_people_facts(db, query, f);
    read_payout_facts(db, query, f);
    read_trend_and_attention(db, query, f);
    return f;
}

std::vector<ReportSql> report_sql() { return k_queries; }

} // namespace refer
