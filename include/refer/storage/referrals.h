#pragma once
// Typed queries on referrals; every change is an event of entity "referral".
#include "refer/domain/referral.h"
#include "refer/storage/events.h"
#include "refer/storage/people.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace refer {

// Where each field of a referral row sits in a statement that selects referrals with their
// referrer, resolved once by name after prepare: rows are then read without a lookup.
struct ReferralColumns {
    explicit ReferralColumns(const SQLite::Statement& q);
    int id, referrer_id, referee_name, referee_email, referee_company, source, submitted_on, status, status_on,
        contacted_on, meeting_on, qualified_on, won_on, lost_on, lost_reason, deal_value, consent, note,
        fit_industry, fit_role, fit_size, fit_urgency, referrer_email, referrer_external_id, referrer_kind;
};

std::optional<StoredReferral> find_referral(SQLite::Database& db, long long id);
// 0 when there are none.
std::uint64_t highest_referral_id(SQLite::Database& db);
// The latest referral of this referee (by submission date, then id).
std::optional<StoredReferral> find_referral_by_referee(SQLite::Database& db, const std::string& email);
// REF of the command line: a bare integer is an id, anything else a referee email.
std::optional<StoredReferral> find_referral_ref(SQLite::Database& db, std::string_view ref);

// The referee email of every referral that has one, as stored; for a first pass over a big ledger.
void for_each_referee_email(SQLite::Database& db, const std::function<void(std::string_view)>& visit);

// Every referral of this referee email, for the attribution rule.
std::vector<PriorReferral> referrals_of_referee(SQLite::Database& db, const std::string& email);

struct ReferralFilter {
    std::optional<Status> status;
    std::optional<long long> referrer_id;
};
// Ordered by id.
std::vector<StoredReferral> list_referrals(SQLite::Database& db, const ReferralFilter& filter);

// For payouts compute: referrals with ids in [first, last]; every referral of these people;
// the people who referred these emails or have them (whose referrals may pay them); every
// referrer, ascending. All ordered by id.
std::vector<StoredReferral> referrals_in_range(SQLite::Database& db, long long first, long long last);
std::vector<StoredReferral> referrals_of_referrers(SQLite::Database& db, std::span<const long long> referrer_ids);
std::vector<long long> referrers_of_referees(SQLite::Database& db, std::span<const std::string> emails);
std::vector<long long> referrer_ids(SQLite::Database& db);
// Fills each referral's `deal_values` from its events (the value its `created` event set, then
// each `deal_value` change, by business date and then as written).
void add_deal_value_history(SQLite::Database& db, std::span<StoredReferral> referrals);

struct Colleague {
    StoredPerson person;
    std::string reason; // from colleague_reason()
};
// The first person (by id), other than the referee, sharing the referee's company or
// (non-free-mail) email domain.
std::optional<Colleague> find_colleague(SQLite::Database& db, const std::optional<std::string>& referee_email,
                                        const std::optional<std::string>& referee_company);

// The history of one referral, oldest first.
std::vector<StoredEvent> referral_events(SQLite::Database& db, long long id);

// A referral's stored fields as event text: dates ISO, money in cents, consent and fit_urgency
// true/false, fit parts as numbers.
struct ReferralFieldText {
    std::string_view name;
    std::optional<std::string> value;
};
std::vector<ReferralFieldText> referral_fields(const Referral& referral);

// On won the referee becomes a person of kind client (created, or updated if the email
// exists): source referral, referred_by, started_on = won_on, annual_value = deal_value.
// False (nothing written) when the referral has no referee email.
bool make_referee_client(PeopleWriter& people, long long referral_id, const Referral& won);

class ReferralWriter {
public:
    ReferralWriter(SQLite::Database& db, EventLog& events);
    // Every referral of this referee email (normalised), by submission date then id; the
    // statement is reused across calls (imports call this per row).
    std::vector<StoredReferral> by_referee(const std::string& email);
    // Records a "created" event carrying every field; returns the new id.
    long long insert(const Referral& referral);
    // Writes `after`; records one event per changed field (old and new value).
    void update(long long id, const Referral& before, const Referral& after);

private:
    SQLite::Database& m_db;
    EventLog& m_events;
    SQLite::Statement m_insert, m_update, m_by_referee;
    // Parameter and column indexes, resolved once by name: these statements run per row.
    std::vector<int> m_insert_at, m_update_at; // in the order of referral_fields()
    int m_update_id, m_by_referee_email;
    ReferralColumns m_by_referee_columns;
};

// For bulk imports, which drop the referee index: the referee emails whose earlier referrals
// must still be found ("suspects": already in the ledger, or named more than once by the
// file), with those referrals, in temporary tables of this connection.
class SuspectReferees {
public:
    explicit SuspectReferees(SQLite::Database& db);
    void add(const std::string& email);
    // Copies the ledger's referrals of every suspect; call while the referee index exists.
    void copy_ledger_referrals();
    bool contains(const std::string& email);
    // Every suspect's email.
    void for_each_email(const std::function<void(std::string_view)>& visit);
    // The suspect's referrals, by submission date then id (as ReferralWriter::by_referee).
    std::vector<StoredReferral> referrals(const std::string& email);
    // A referral of a suspect written since.
    void record(const std::string& email, long long id);

private:
    SQLite::Database& m_db;
    SQLite::Statement m_add, m_contains, m_referrals, m_record;
    // Parameter and column indexes, resolved once by name: these statements run per row.
    int m_add_email, m_contains_email, m_referrals_email, m_record_email, m_record_id;
    ReferralColumns m_referrals_columns;
};

} // namespace refer
