#pragma once
// Payouts (SPEC 7, 12): what the program awards for each referral, and how the ledger's
// payouts are brought in line with it without ever editing one that was paid. Pure: no I/O.
#include "refer/domain/date.h"
#include "refer/domain/money.h"
#include "refer/domain/program.h"
#include "refer/domain/referral.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace refer {

enum class PayoutStatus { pending, paid, void_ };

std::string_view to_string(PayoutStatus status);
std::optional<PayoutStatus> parse_payout_status(std::string_view text);

struct Payout {
    long long id = 0; // 0 until stored
    long long referral_id = 0;
    Beneficiary beneficiary = Beneficiary::referrer;
    std::optional<long long> person_id; // the referrer; none for a referee
    std::optional<std::string> email;   // the beneficiary's
    std::string reward;
    RewardKind kind = RewardKind::cash;
    Cents amount = 0; // negative for a reversal
    Date earned_on, due_on;
    PayoutStatus status = PayoutStatus::pending;
    std::optional<Date> paid_on;
    std::optional<std::string> reference;
    long long program_id = 0; // the judging version; 0 for the built-in default
    std::string explanation;

    bool operator==(const Payout&) const = default;
};

// What the rules award for one (referral, reward, beneficiary).
struct Award {
    Payout payout;         // status pending, id 0
    size_t reward_order = 0; // position of the reward in its version
};

// Everything the program awards for `referrals`, ordered by referral id then reward order.
// `referrals` must hold every referral of each referrer in it (tiers count them) and every
// referral that pays any beneficiary it pays (the yearly cap adds them up).
std::vector<Award> judge_referrals(std::span<const StoredReferral> referrals, const ProgramBook& book);

// The key a payout is reconciled by.
struct PayoutKey {
    long long referral_id = 0;
    std::string reward;
    Beneficiary beneficiary = Beneficiary::referrer;

    auto operator<=>(const PayoutKey&) const = default;
};
PayoutKey key_of(const Payout& payout);

struct PayoutChange {
    enum class Kind { create, update, void_ } kind = Kind::create;
    Payout payout;                // created or as it becomes
    std::optional<Payout> before; // update and void
    bool adjustment = false;      // a reversal or top-up of a paid payout
};

struct PayoutPlan {
    std::vector<PayoutChange> changes; // by key
    size_t unchanged = 0;              // keys whose payouts already match the rules
};

// Brings `existing` (every payout of the judged referrals) in line with `awards`: pending
// payouts are created, updated or voided; a paid payout is never touched: the difference
// against it is one pending adjustment, earned `today`, due after the judging version's
// delay. Void payouts stay void.
PayoutPlan plan_payouts(std::span<const Award> awards, std::span<const Payout> existing,
                        std::span<const StoredReferral> referrals, const ProgramBook& book, Date today);

// A change the rules would make, as `refer check` names it: `referral 7 would get a payout:
// signing bonus $1,500.00`, `payout 12 would be updated: amount 1500.00 -> 2000.00` (the
// fields as payout events name them), `payout 12 would be voided: ...`.
std::string describe_change(const PayoutChange& change, std::string_view currency_symbol);

// 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st.
std::string ordinal(int n);

} // namespace refer
