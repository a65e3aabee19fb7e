#include "refer/storage/payout_compute.h"

#include "refer/storage/payouts.h"
#include "refer/storage/referrals.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_set>

namespace refer {

namespace {

// What the program's rules look at besides the referral itself.
struct RuleReach {
    bool tiers = false;   // tiers or at_count: the referrer's other won referrals
    bool cap = false;     // a yearly cap: everything paid to the same beneficiary
    bool referee = false; // referee rewards: beneficiaries other than the referrer
    bool history = false; // a percent reward on a stage before won: the deal value back then

    bool independent() const { return !tiers && !cap; }
};

RuleReach reach_of(const ProgramBook& book)
{
    RuleReach reach;
    auto look = [&](const Program& p) {
        reach.cap = reach.cap || p.referrer_cap_per_year.has_value();
        for (const Reward& r : p.rewards) {
            reach.tiers = reach.tiers || !r.tiers.empty() || r.at_count;
            reach.referee = reach.referee || r.to == Beneficiary::referee;
            reach.history = reach.history || (r.percent && r.on != Status::won);
        }
    };
    if (book.empty()) look(book.in_force(Date{}).program);
    for (const ProgramVersion& v : book.versions()) look(v.program);
    return reach;
}

std::string beneficiary_of(const Payout& p)
{
    if (p.email) return *p.email;
    // fmt, not "#" + std::to_string(...): GCC 12 at -O3 warns (-Wrestrict, a false
    // positive) on "literal" + std::string&&.
    if (p.person_id) return fmt::format("#{}", *p.person_id);
    return fmt::format("referee of {}", p.referral_id);
}

class Computation {
public:
    Computation(SQLite::Database& db, EventLog& events, const ProgramBook& book, Date today, KeepChanged keep)
        : m_db(db), m_book(book), m_today(today), m_keep(keep), m_reach(reach_of(book)), m_writer(db, events)
    {
    }

    // Judges `referrals` (closed under their referrers) and reconciles the payouts of
    // `own` referrals, plus every payout to `beneficiaries` among them.
    void judge(const std::vector<StoredReferral>& referrals, const std::unordered_set<long long>& own,
               const std::unordered_set<std::string>& beneficiaries)
    {
        std::vector<long long> ids;
        ids.reserve(referrals.size());
        for (const StoredReferral& s : referrals) ids.push_back(s.id);
        std::vector<Payout> existing = payouts_of_referrals(m_db, ids);
        reconcile(referrals, existing, [&](const Payout& p) {
            return own.contains(p.referral_id) || beneficiaries.contains(beneficiary_of(p));
        });
    }

    // Referrals in an id range, judged alone (no rule looks at another referral).
    void judge_range(long long first, long long last)
    {
        auto referrals = referrals_in_range(m_db, first, last);
        auto existing = payouts_of_referral_range(m_db, first, last);
        reconcile(referrals, existing, [](const Payout&) { return true; });
    }

    // Every referral of `referrers`, with what the yearly cap needs to add up their
    // beneficiaries' awards. `extend`: also reconcile those beneficiaries' other payouts.
    void judge_referrers(const std::vector<long long>& referrers, bool extend)
    {
        auto own = referrals_of_referrers(m_db, referrers);
        std::unordered_set<long long> own_ids;
        for (const StoredReferral& s : own) own_ids.insert(s.id);
        if (!m_reach.cap) {
            judge(own, own_ids, {});
            return;
        }
        std::unordered_set<std::string> beneficiaries;
        std::vector<std::string> emails;
        auto add = [&](const std::string& key, bool is_email) {
            if (beneficiaries.insert(key).second && is_email) emails.push_back(key);
        };
        for (const StoredReferral& s : own) {
            if (s.referrer_email) add(*s.referrer_email, true);
            else add(fmt::format("#{}", s.referral.referrer_id), false);
            if (m_reach.referee && s.referral.referee_email) add(*s.referral.referee_email, true);
        }
        std::vector<long long> own_vector(own_ids.begin(), own_ids.end());
        for (const Payout& p : payouts_of_referrals(m_db, own_vector)) add(beneficiary_of(p), p.email.has_value());
        std::vector<long long> wider = referrers_of_referees(m_db, emails);
        std::set<long long> all(referrers.begin(), referrers.end());
        size_t before = all.size();
        all.insert(wider.begin(), wider.end());
        if (all.size() == before) {
            judge(own, own_ids, extend ? beneficiaries : std::unordered_set<std::string>{});
            return;
        }
        std::vector<long long> closed(all.begin(), all.end());
        judge(referrals_of_referrers(m_db, closed), own_ids, extend ? beneficiaries : std::unordered_set<std::string>{});
    }

    const RuleReach& reach() const { return m_reach; }
    ComputeResult& result() { return m_result; }

private:
    template <class Wanted>
    void reconcile(const std::vector<StoredReferral>& given, std::vector<Payout>& existing, Wanted wanted)
    {
        // A copy with the deal values' history only where a rule reads it.
        std::vector<StoredReferral> with_history;
        if (m_reach.history) {
            with_history = given;
            add_deal_value_history(m_db, with_history);
        }
        const std::vector<StoredReferral>& referrals = m_reach.history ? with_history : given;
        std::vector<Award> awards = judge_referrals(referrals, m_book);
        std::erase_if(awards, [&](const Award& a) { return !wanted(a.payout); });
        std::erase_if(existing, [&](const Payout& p) { return !wanted(p); });
        PayoutPlan plan = plan_payouts(awards, existing, referrals, m_book, m_today);
        for (PayoutChange& c : plan.changes) {
            if (c.kind == PayoutChange::Kind::create) {
                c.payout.id = m_writer.insert(c.payout);
                ++m_result.created;
            } else {
                m_writer.update(*c.before, c.payout);
                ++(c.kind == PayoutChange::Kind::void_ ? m_result.voided : m_result.updated);
            }
            if (m_keep == KeepChanged::yes) m_result.changes.push_back(std::move(c));
        }
    }

    SQLite::Database& m_db;
    const ProgramBook& m_book;
    Date m_today;
    KeepChanged m_keep;
    RuleReach m_reach;
    PayoutWriter m_writer;
    ComputeResult m_result;
};

constexpr long long k_range = 20'000;        // referrals judged at a time when each stands alone
constexpr size_t k_referrers_at_once = 2'000; // referrers judged at a time otherwise
constexpr size_t k_incremental_limit = 20'000; // more changed referrers than this: judge everything

void judge_everything(SQLite::Database& db, Computation& c)
{
    if (c.reach().independent()) {
        long long last = db.execAndGet("SELECT coalesce(max(id), 0) FROM referrals").getInt64();
        for (long long first = 1; first <= last; first += k_range) c.judge_range(first, first + k_range - 1);
        return;
    }
    std::vector<long long> referrers = referrer_ids(db);
    for (size_t i = 0; i < referrers.size(); i += k_referrers_at_once) {
        size_t end = std::min(referrers.size(), i + k_referrers_at_once);
        c.judge_referrers({referrers.begin() + static_cast<long>(i), referrers.begin() + static_cast<long>(end)}, false);
    }
}

} // namespace

bool next_compute_judges_everything(SQLite::Database& db)
{
    std::optional<ComputeMark> last = last_compute(db);
    return !last || last->program_id != current_mark(db).program_id;
}

ComputeResult compute_payouts(SQLite::Database& db, EventLog& events, const ProgramBook& book, Date today,
                              KeepChanged keep, Judge judge)
{
    // A full compute reads every referral and its referrer: a bigger page cache than the
    // default 2 MiB saves rereading the clients' pages from the OS for every chunk.
    db.exec("PRAGMA cache_size = -65536");
    Computation c(db, events, book, today, keep);
    std::optional<ComputeMark> last = last_compute(db);
    ComputeMark now = current_mark(db);
    std::vector<long long> changed;
    bool full = judge == Judge::everything || !last || last->program_id != now.program_id;
    if (!full) {
        changed = referrers_changed_since(db, last->event_id);
        full = changed.size() > k_incremental_limit;
    }
    if (full) judge_everything(db, c);
    else if (!changed.empty()) c.judge_referrers(changed, true);
    c.result().full = full;
    // Unchanged: every live payout this compute did not write, however little it had to judge.
    // Only a compute creates or voids a payout, so an incremental one need not count them all.
    ComputeResult& r = c.result();
    long long live = full ? db.execAndGet("SELECT count(*) FROM payouts WHERE status <> 'void'").getInt64()
                          : last->live + static_cast<long long>(r.created) - static_cast<long long>(r.voided);
    r.unchanged = static_cast<size_t>(live) - r.created - r.updated;
    ComputeMark after = current_mark(db);
    after.live = live;
    record_compute(db, after);
    return std::move(c.result());
}

} // namespace refer
