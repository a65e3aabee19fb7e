#include "refer/domain/payout.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace refer {

std::string_view to_string(PayoutStatus status)
{
    switch (status) {
    case PayoutStatus::pending: return "pending";
    case PayoutStatus::paid: return "paid";
    case PayoutStatus::void_: return "void";
    }
    return "pending";
}

std::optional<PayoutStatus> parse_payout_status(std::string_view text)
{
    if (text == "pending") return PayoutStatus::pending;
    if (text == "paid") return PayoutStatus::paid;
    if (text == "void") return PayoutStatus::void_;
    return std::nullopt;
}

std::string ordinal(int n)
{
    const char* suffix = "th";
    if (n % 100 < 11 || n % 100 > 13) {
        if (n % 10 == 1) suffix = "st";
        else if (n % 10 == 2) suffix = "nd";
        else if (n % 10 == 3) suffix = "rd";
    }
    return std::to_string(n) + suffix;
}

std::string describe_change(const PayoutChange& c, std::string_view symbol)
{
    const Payout& p = c.payout;
    std::string what = p.reward + " " + format_money(p.amount, symbol);
    if (c.kind == PayoutChange::Kind::create) {
        const char* kind = !c.adjustment ? "a payout" : p.amount < 0 ? "a reversal" : "a top-up";
        return "referral " + std::to_string(p.referral_id) + " would get " + kind + ": " + what;
    }
    std::string id = "payout " + std::to_string(p.id);
    if (c.kind == PayoutChange::Kind::void_)
        return id + " would be voided: " + what + " is no longer earned by referral " + std::to_string(p.referral_id);
    const Payout& b = c.before.value_or(p);
    std::vector<std::string> fields;
    auto field = [&](const char* name, const std::string& before, const std::string& after) {
        if (before != after) fields.push_back(std::string(name) + " " + before + " -> " + after);
    };
    auto person = [](const Payout& x) { return x.person_id ? "#" + std::to_string(*x.person_id) : std::string("-"); };
    field("amount", format_decimal(b.amount), format_decimal(p.amount));
    field("kind", std::string(to_string(b.kind)), std::string(to_string(p.kind)));
    field("person", person(b), person(p));
    field("email", b.email.value_or("-"), p.email.value_or("-"));
    field("earned_on", to_string(b.earned_on), to_string(p.earned_on));
    field("due_on", to_string(b.due_on), to_string(p.due_on));
    field("program", std::to_string(b.program_id), std::to_string(p.program_id));
    field("explanation", "\"" + b.explanation + "\"", "\"" + p.explanation + "\"");
    std::string out = id + " would be updated: ";
    for (size_t i = 0; i < fields.size(); ++i) out += (i ? ", " : "") + fields[i];
    return out;
}

PayoutKey key_of(const Payout& payout) { return {payout.referral_id, payout.reward, payout.beneficiary}; }

namespace {

// A referral's place among its referrer's won referrals (by won_on, then id).
struct WonPosition {
    int in_year = 0;  // n within the calendar year of won_on
    int all_time = 0; // n over every won referral
};

std::unordered_map<long long, WonPosition> won_positions(std::span<const StoredReferral> referrals)
{
    std::map<long long, std::vector<const StoredReferral*>> by_referrer;
    for (const StoredReferral& s : referrals)
        if (s.referral.won_on) by_referrer[s.referral.referrer_id].push_back(&s);
    std::unordered_map<long long, WonPosition> positions;
    for (auto& [referrer, won] : by_referrer) {
        std::ranges::sort(won, [](const StoredReferral* a, const StoredReferral* b) {
            return std::pair(*a->referral.won_on, a->id) < std::pair(*b->referral.won_on, b->id);
        });
        int in_year = 0, year = 0;
        for (size_t i = 0; i < won.size(); ++i) {
            int y = won[i]->referral.won_on->year();
            in_year = y == year ? in_year + 1 : 1;
            year = y;
            positions[won[i]->id] = {in_year, static_cast<int>(i) + 1};
        }
    }
    return positions;
}

std::string window_text(const Reward& reward, Date won_on)
{
    return reward.count_window == CountWindow::calendar_year ? " in " + std::to_string(won_on.year()) : "";
}

// The amount a reward gives this referral before the yearly cap, with how it was reached;
// nothing when the reward does not apply.
struct Amount {
    Cents cents = 0;
    std::string how;
};

std::optional<Amount> reward_amount(const Reward& reward, const StoredReferral& s, Date reached,
                                    std::optional<WonPosition> position, const std::string& symbol)
{
    const Referral& r = s.referral;
    int n = 0;
    if (reward.on == Status::won && position)
        n = reward.count_window == CountWindow::calendar_year ? position->in_year : position->all_time;
    if (reward.at_count && n != *reward.at_count) return std::nullopt;
    std::string at_count_text =
        reward.at_count ? " (" + ordinal(n) + " won referral" + window_text(reward, *r.won_on) + ")" : "";
    if (reward.amount)
        return Amount{*reward.amount, format_money(*reward.amount, symbol) + " for reaching " +
                                          std::string(to_string(reward.on)) + at_count_text};
    if (reward.percent) {
        // On won, the deal value as it is now; on an earlier stage, as it was set then.
        std::optional<Cents> deal_value = reward.on == Status::won ? r.deal_value : deal_value_on(s, reached);
        if (!deal_value) return std::nullopt;
        Cents raw = apply_percent(*deal_value, *reward.percent);
        Cents clamped = raw;
        if (reward.min) clamped = std::max(clamped, *reward.min);
        if (reward.max) clamped = std::min(clamped, *reward.max);
        std::string how = to_string(*reward.percent) + "% of " + format_money(*deal_value, symbol) + " = " +
                          format_money(raw, symbol);
        if (clamped != raw) how += " -> " + format_money(clamped, symbol);
        if (reward.min) how += " (min " + format_money(*reward.min, symbol) + ")";
        if (reward.max) how += " (cap " + format_money(*reward.max, symbol) + ")";
        return Amount{clamped, how + at_count_text};
    }
    const Tier* tier = nullptr;
    size_t number = 0;
    for (size_t i = 0; i < reward.tiers.size(); ++i)
        if (reward.tiers[i].from <= n) tier = &reward.tiers[i], number = i + 1;
    if (!tier) return std::nullopt; // n below the first tier
    return Amount{tier->amount, "tier " + std::to_string(number) + " (" + ordinal(n) + " won referral" +
                                    window_text(reward, *r.won_on) + "): " + format_money(tier->amount, symbol)};
}

bool kind_allowed(const Reward& reward, const std::string& referrer_kind)
{
    return reward.referrer_kinds.empty() || std::ranges::find(reward.referrer_kinds, referrer_kind) != reward.referrer_kinds.end();
}

// Who a payout goes to, for the yearly cap: one person however they are reached.
std::string beneficiary_key(const Payout& p)
{
    if (p.email) return *p.email;
    if (p.person_id) return "#" + std::to_string(*p.person_id);
    return "referee of " + std::to_string(p.referral_id);
}

struct Judged {
    Award award;
    const ProgramVersion* version = nullptr;
    std::string how; // the amount's explanation, before the cap and the version
};

// Cash and credit per beneficiary per calendar year of earned_on, in (earned_on, referral
// id, reward order): the award that crosses its version's cap is cut to what remains, later
// ones are 0. Every award counts towards the total, whatever its version's cap.
void apply_yearly_cap(std::vector<Judged>& judged)
{
    std::vector<Judged*> capped;
    bool any_cap = false;
    for (Judged& j : judged) {
        if (is_capped_kind(j.award.payout.kind)) capped.push_back(&j);
        any_cap = any_cap || j.version->program.referrer_cap_per_year;
    }
    if (!any_cap) return; // no version caps anything: nothing to add up
    auto order = [](const Judged* j) {
        const Payout& p = j->award.payout;
        return std::tuple(beneficiary_key(p), p.earned_on.year(), p.earned_on, p.referral_id, j->award.reward_order);
    };
    std::ranges::sort(capped, [&](const Judged* a, const Judged* b) { return order(a) < order(b); });
    std::string key;
    int year = 0;
    Cents total = 0;
    for (Judged* j : capped) {
        Payout& p = j->award.payout;
        std::string k = beneficiary_key(p);
        if (k != key || p.earned_on.year() != year) key = k, year = p.earned_on.year(), total = 0;
        const auto& cap = j->version->program.referrer_cap_per_year;
        if (cap && p.amount > std::max<Cents>(0, *cap - total)) {
            Cents cut = std::max<Cents>(0, *cap - total);
            std::string symbol = currency_symbol(j->version->program.currency);
            j->how += "; capped to " + format_money(cut, symbol) + " by the " + format_money(*cap, symbol) +
                      " yearly cap for " + std::to_string(year);
            p.amount = cut;
        }
        total += p.amount;
    }
}

} // namespace

std::vector<Award> judge_referrals(std::span<const StoredReferral> referrals, const ProgramBook& book)
{
    auto positions = won_positions(referrals);
    std::vector<Judged> judged;
    for (const StoredReferral& s : referrals) {
        const ProgramVersion& version = book.in_force(s.referral.submitted_on);
        const Program& program = version.program;
        std::string symbol = currency_symbol(program.currency);
        auto position = positions.find(s.id);
        for (size_t i = 0; i < program.rewards.size(); ++i) {
            const Reward& reward = program.rewards[i];
            std::optional<Date> reached = stage_date(s.referral, reward.on);
            if (!reached || !kind_allowed(reward, s.referrer_kind)) continue;
            auto amount = reward_amount(reward, s, *reached,
                                        position == positions.end() ? std::nullopt : std::optional(position->second),
                                        symbol);
            if (!amount) continue;
            Payout p;
            p.referral_id = s.id;
            p.beneficiary = reward.to;
            if (reward.to == Beneficiary::referrer) {
                p.person_id = s.referral.referrer_id;
                p.email = s.referrer_email;
            } else {
                p.email = s.referral.referee_email;
            }
            p.reward = reward.name;
            p.kind = reward.kind;
            p.amount = amount->cents;
            p.earned_on = *reached;
            p.due_on = *reached + program.payout_delay_days;
            p.program_id = version.id;
            judged.push_back({{p, i}, &version, amount->how});
        }
    }
    apply_yearly_cap(judged);
    std::ranges::stable_sort(judged, [](const Judged& a, const Judged& b) {
        return std::pair(a.award.payout.referral_id, a.award.reward_order) <
               std::pair(b.award.payout.referral_id, b.award.reward_order);
    });
    std::vector<Award> awards;
    awards.reserve(judged.size());
    for (Judged& j : judged) {
        j.award.payout.explanation = j.award.payout.reward + ": " + j.how + "; " + version_label(*j.version);
        awards.push_back(std::move(j.award));
    }
    return awards;
}

namespace {

// Why a referral no longer earns a reward it was paid for, as a reversal says it.
std::string no_longer_earned(const StoredReferral* s, const std::string& reward)
{
    if (!s) return "referral no longer in the ledger";
    std::string id = std::to_string(s->id);
    if (s->referral.status == Status::lost) return "referral " + id + " moved back to lost";
    return "referral " + id + " no longer earns " + reward + " (now " + std::string(to_string(s->referral.status)) + ")";
}

bool same_pending(const Payout& a, const Payout& b)
{
    return a.amount == b.amount && a.earned_on == b.earned_on && a.due_on == b.due_on && a.kind == b.kind &&
           a.email == b.email && a.person_id == b.person_id && a.program_id == b.program_id &&
           a.explanation == b.explanation;
}

} // namespace

PayoutPlan plan_payouts(std::span<const Award> awards, std::span<const Payout> existing,
                        std::span<const StoredReferral> referrals, const ProgramBook& book, Date today)
{
    struct Slot {
        const Award* award = nullptr;
        std::vector<const Payout*> paid, pending;
    };
    std::map<PayoutKey, Slot> slots;
    for (const Award& a : awards) slots[key_of(a.payout)].award = &a;
    for (const Payout& p : existing) {
        if (p.status == PayoutStatus::paid) slots[key_of(p)].paid.push_back(&p);
        else if (p.status == PayoutStatus::pending) slots[key_of(p)].pending.push_back(&p);
    }
    std::unordered_map<long long, const StoredReferral*> by_id;
    for (const StoredReferral& s : referrals) by_id[s.id] = &s;

    PayoutPlan plan;
    auto void_it = [&](const Payout* p) {
        Payout after = *p;
        after.status = PayoutStatus::void_;
        plan.changes.push_back({PayoutChange::Kind::void_, after, *p, false});
    };
    for (auto& [key, slot] : slots) {
        // At most one pending payout per key: any extra is void.
        for (size_t i = 1; i < slot.pending.size(); ++i) void_it(slot.pending[i]);
        const Payout* pending = slot.pending.empty() ? nullptr : slot.pending.front();
        std::optional<Payout> wanted;
        bool adjustment = !slot.paid.empty();
        if (!adjustment) {
            if (slot.award) wanted = slot.award->payout;
        } else {
            Cents paid = 0;
            for (const Payout* p : slot.paid) paid += p->amount;
            Cents earned = slot.award ? slot.award->payout.amount : 0;
            if (earned != paid) {
                const Payout& last_paid = *slot.paid.back();
                const Payout& basis = slot.award ? slot.award->payout : last_paid;
                auto s = by_id.find(key.referral_id);
                const StoredReferral* referral = s == by_id.end() ? nullptr : s->second;
                const ProgramVersion& version = book.in_force(referral ? referral->referral.submitted_on : today);
                Payout a = basis;
                a.id = 0;
                a.status = PayoutStatus::pending;
                a.paid_on.reset();
                a.reference.reset();
                a.amount = earned - paid;
                a.earned_on = pending ? pending->earned_on : today;
                a.due_on = a.earned_on + version.program.payout_delay_days;
                a.program_id = version.id;
                std::string symbol = currency_symbol(version.program.currency);
                std::string paid_ids;
                for (const Payout* p : slot.paid) paid_ids += (paid_ids.empty() ? "#" : ", #") + std::to_string(p->id);
                if (a.amount < 0)
                    a.explanation = "reverses " + (slot.award ? format_money(-a.amount, symbol) + " of " : "") + paid_ids +
                                    ": " + (slot.award ? "now " + slot.award->payout.explanation
                                                       : no_longer_earned(referral, key.reward));
                else
                    a.explanation = "tops up " + paid_ids + " by " + format_money(a.amount, symbol) + ": now " +
                                    slot.award->payout.explanation;
                wanted = a;
            }
        }
        if (!wanted) {
            if (pending) void_it(pending);
            else ++plan.unchanged;
            continue;
        }
        if (!pending) {
            plan.changes.push_back({PayoutChange::Kind::create, *wanted, std::nullopt, adjustment});
            continue;
        }
        Payout after = *pending;
        after.amount = wanted->amount;
        after.earned_on = wanted->earned_on;
        after.due_on = wanted->due_on;
        after.kind = wanted->kind;
        after.email = wanted->email;
        after.person_id = wanted->person_id;
        after.program_id = wanted->program_id;
        after.explanation = wanted->explanation;
        if (same_pending(after, *pending)) ++plan.unchanged;
        else plan.changes.push_back({PayoutChange::Kind::update, after, *pending, adjustment});
    }
    return plan;
}

} // namespace refer
