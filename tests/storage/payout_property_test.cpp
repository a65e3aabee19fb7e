// Payouts over random histories (issue 7): moves, forced moves back, edits, pays, kind changes
// and program loads in random order. After every compute: a second compute changes nothing,
// judging everything afresh changes nothing (the incremental compute left what a full one
// leaves), and every (referral, reward, beneficiary) holds exactly what a from-scratch
// judgement of the history awards.
#include "refer/domain/payout.h"
#include "refer/storage/database.h"
#include "refer/storage/events.h"
#include "refer/storage/payout_compute.h"
#include "refer/storage/payouts.h"
#include "refer/storage/people.h"
#include "refer/storage/referrals.h"

#include <doctest/doctest.h>
#include <filesystem>
#include <map>
#include <random>
#include <unistd.h>

using namespace refer;
namespace fs = std::filesystem;

namespace {

struct History {
    explicit History(unsigned seed) : m_rng(seed)
    {
        std::string pattern = (fs::temp_directory_path() / "refer-property-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        m_dir = pattern;
        m_db = open_database(m_dir / "refer.db", Access::write);
        m_db->exec("PRAGMA synchronous = OFF"); // a test: no need to wait for the disk
        WriteTransaction tx(*m_db);
        EventLog events(*m_db, actor());
        PeopleWriter people(*m_db, events);
        for (int i = 0; i < 4; ++i) {
            Person p;
            p.email = "referrer" + std::to_string(i) + "@example.com";
            p.kind = i == 3 ? "partner" : "client";
            m_people.push_back(people.insert(p));
        }
        tx.commit();
    }
    ~History()
    {
        m_db.reset();
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }

    void step()
    {
        int what = pick(0, 99);
        if (what < 22) submit();
        else if (what < 50) move_forward();
        else if (what < 58) move_back();
        else if (what < 66) edit_value();
        else if (what < 76) pay();
        else if (what < 80) change_kind();
        else if (what < 84) load_program();
        else compute_and_check();
        m_today = m_today + pick(0, 6);
    }

    void compute_and_check()
    {
        ComputeResult first = compute(Judge::changed, true);
        ComputeResult again = compute(Judge::changed, true);
        CHECK_MESSAGE(again.created + again.updated + again.voided == 0, "a second compute changed something");
        ComputeResult full = compute(Judge::everything, false);
        CHECK_MESSAGE(full.created + full.updated + full.voided == 0,
                      "judging everything changed what the incremental compute left: created ", full.created,
                      " updated ", full.updated, " voided ", full.voided);
        check_sums();
        (void)first;
    }

    // How much of the rules this history exercised.
    struct Seen {
        long long payouts = 0, paid = 0, voided = 0, reversals = 0, top_ups = 0, capped = 0, referee = 0;
    };
    void tally(Seen& seen)
    {
        for (const Payout& p : list_payouts(*m_db, {})) {
            ++seen.payouts;
            seen.paid += p.status == PayoutStatus::paid;
            seen.voided += p.status == PayoutStatus::void_;
            seen.reversals += p.explanation.starts_with("reverses");
            seen.top_ups += p.explanation.starts_with("tops up");
            seen.capped += p.explanation.find("yearly cap") != std::string::npos;
            seen.referee += p.beneficiary == Beneficiary::referee;
        }
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    Actor actor() const { return Actor{"tester", "2026-01-01T00:00:00Z", m_today}; }

    ComputeResult compute(Judge judge, bool commit)
    {
        WriteTransaction tx(*m_db);
        EventLog events(*m_db, actor());
        ProgramBook book(m_versions);
        ComputeResult r = compute_payouts(*m_db, events, book, m_today, KeepChanged::no, judge);
        if (commit) tx.commit();
        return r;
    }

    void check_sums()
    {
        auto referrals = list_referrals(*m_db, {});
        add_deal_value_history(*m_db, referrals); // percent rewards before won read it
        ProgramBook book(m_versions);
        std::map<PayoutKey, Cents> awarded, held;
        for (const Award& a : judge_referrals(referrals, book)) awarded[key_of(a.payout)] += a.payout.amount;
        for (const Payout& p : list_payouts(*m_db, {}))
            if (p.status != PayoutStatus::void_) held[key_of(p)] += p.amount;
        for (auto& [key, cents] : held)
            if (cents == 0 && !awarded.contains(key)) awarded[key] = 0; // reversed in full
        CHECK(held == awarded);
    }

    void submit()
    {
        WriteTransaction tx(*m_db);
        EventLog events(*m_db, actor());
        long long referrer = m_people[static_cast<size_t>(pick(0, 3))];
        Referral r = new_referral(referrer, m_today - pick(0, 40));
        // Now and then the referee is another referrer: one beneficiary reached two ways.
        int other = pick(0, 9);
        r.referee_email = other < 4 && m_people[static_cast<size_t>(other)] != referrer
                              ? "referrer" + std::to_string(other) + "@example.com"
                              : "referee" + std::to_string(++m_referees) + "@example.com";
        m_referrals.push_back(ReferralWriter(*m_db, events).insert(r));
        tx.commit();
    }

    std::optional<StoredReferral> any_referral()
    {
        if (m_referrals.empty()) return std::nullopt;
        return find_referral(*m_db, m_referrals[static_cast<size_t>(pick(0, static_cast<int>(m_referrals.size()) - 1))]);
    }

    void apply(const StoredReferral& s, const Move& m)
    {
        MoveResult result = advance(s.referral, m);
        if (!result.after) return;
        WriteTransaction tx(*m_db);
        EventLog events(*m_db, actor());
        ReferralWriter(*m_db, events).update(s.id, s.referral, *result.after);
        tx.commit();
    }

    void move_forward()
    {
        auto s = any_referral();
        if (!s || is_terminal(s->referral.status)) return;
        Move m;
        m.to = static_cast<Status>(pick(static_cast<int>(s->referral.status) + 1, 5));
        m.on = std::max(s->referral.status_on, m_today - pick(0, 10));
        if (m.to == Status::won && (!s->referral.deal_value || pick(0, 1))) m.value = pick(0, 40) * 1'000'00 + pick(0, 99);
        apply(*s, m);
    }

    void move_back()
    {
        auto s = any_referral();
        if (!s || s->referral.status == Status::submitted) return;
        Move m;
        m.force = true;
        m.to = pick(0, 2) == 0 ? Status::lost : static_cast<Status>(pick(0, std::min(3, static_cast<int>(s->referral.status))));
        if (m.to == s->referral.status) return;
        m.on = std::max(s->referral.status_on, m_today - pick(0, 5));
        apply(*s, m);
    }

    void edit_value()
    {
        auto s = any_referral();
        if (!s) return;
        Referral after = s->referral;
        after.deal_value = pick(1, 50) * 500'00 + pick(0, 99);
        WriteTransaction tx(*m_db);
        EventLog events(*m_db, actor());
        ReferralWriter(*m_db, events).update(s->id, s->referral, after);
        tx.commit();
    }

    void pay()
    {
        PayoutFilter pending;
        pending.status = PayoutStatus::pending;
        auto payouts = list_payouts(*m_db, pending);
        if (payouts.empty()) return;
        WriteTransaction tx(*m_db);
        EventLog events(*m_db, actor());
        PayoutWriter writer(*m_db, events);
        for (int n = pick(1, 3); n > 0; --n) {
            const Payout& p = payouts[static_cast<size_t>(pick(0, static_cast<int>(payouts.size()) - 1))];
            auto now = find_payout(*m_db, p.id);
            if (now->status != PayoutStatus::pending) continue;
            Payout paid = *now;
            paid.status = PayoutStatus::paid;
            paid.paid_on = m_today;
            writer.update(*now, paid);
        }
        tx.commit();
    }

    void change_kind()
    {
        long long id = m_people[static_cast<size_t>(pick(0, 3))];
        auto who = find_person(*m_db, "referrer" + std::to_string(id - m_people.front()) + "@example.com");
        if (!who) return;
        Person after = who->person;
        after.kind = after.kind == std::optional<std::string>("client") ? "partner" : "client";
        WriteTransaction tx(*m_db);
        EventLog events(*m_db, actor());
        PeopleWriter(*m_db, events).update(who->id, who->person, after);
        tx.commit();
    }

    Reward random_reward(int n)
    {
        Reward r;
        r.name = "reward " + std::to_string(n);
        r.on = static_cast<Status>(pick(1, 4));
        r.kind = static_cast<RewardKind>(pick(0, 5) < 4 ? pick(0, 1) : pick(2, 5));
        if (pick(0, 4) == 0) r.to = Beneficiary::referee;
        int form = pick(0, 3);
        if (form == 0 || (form == 3 && r.on != Status::won)) {
            r.amount = pick(0, 20) * 50'00;
        } else if (form == 1) {
            r.percent = Percent{pick(1, 200), pick(0, 1)};
            if (pick(0, 2) == 0) r.min = pick(1, 4) * 50'00;
            if (pick(0, 1) == 0) r.max = pick(5, 40) * 100'00;
        } else {
            r.on = Status::won;
            r.tiers = {{1, pick(1, 5) * 100'00}, {2, pick(5, 9) * 100'00}, {4, 1'000'00}};
            if (pick(0, 1)) r.tiers.erase(r.tiers.begin()); // n below the first tier earns nothing
            r.count_window = pick(0, 1) ? CountWindow::calendar_year : CountWindow::all_time;
        }
        if (r.on == Status::won && pick(0, 5) == 0) r.at_count = pick(1, 3);
        if (pick(0, 4) == 0) r.referrer_kinds = {pick(0, 1) ? "client" : "partner"};
        return r;
    }

    void load_program()
    {
        ProgramVersion v;
        v.id = static_cast<long long>(m_versions.size()) + 1;
        v.program = program_defaults();
        v.program.name = "program " + std::to_string(v.id);
        v.program.payout_delay_days = pick(0, 45);
        if (pick(0, 1)) v.program.referrer_cap_per_year = pick(1, 30) * 100'00;
        for (int i = 0, n = pick(1, 3); i < n; ++i) v.program.rewards.push_back(random_reward(i));
        if (!m_versions.empty()) v.effective_on = m_today - pick(-10, 60);
        m_versions.push_back(v);
        // What a load leaves behind for compute: a new version id.
        WriteTransaction tx(*m_db);
        SQLite::Statement q(*m_db, "INSERT INTO programs (id, name, effective_on, loaded_at, source) "
                                   "VALUES (:id, :name, NULL, '2026-01-01T00:00:00Z', '')");
        q.bind(":id", static_cast<int64_t>(v.id));
        q.bind(":name", v.program.name);
        q.exec();
        tx.commit();
    }

    std::mt19937 m_rng;
    fs::path m_dir;
    std::unique_ptr<SQLite::Database> m_db;
    std::vector<long long> m_people, m_referrals;
    std::vector<ProgramVersion> m_versions;
    Date m_today = Date::from_ymd(2025, 11, 1);
    int m_referees = 0;
};

} // namespace

TEST_CASE("payouts over random histories: idempotent, incremental = full, sums = the rules")
{
    History::Seen seen;
    for (unsigned seed = 1; seed <= 300; ++seed) {
        CAPTURE(seed);
        History h(seed);
        for (int i = 0; i < 60; ++i) h.step();
        h.compute_and_check();
        h.tally(seen);
    }
    // The histories reach every kind of change (a generator that stopped doing so would
    // make this test prove nothing).
    CHECK(seen.paid > 100);
    CHECK(seen.voided > 50);
    CHECK(seen.reversals > 20);
    CHECK(seen.top_ups > 10);
    CHECK(seen.capped > 20);
    CHECK(seen.referee > 20);
    MESSAGE("payouts ", seen.payouts, " paid ", seen.paid, " void ", seen.voided, " reversals ", seen.reversals,
            " top-ups ", seen.top_ups, " capped ", seen.capped, " referee ", seen.referee);
}
