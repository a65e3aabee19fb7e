#pragma once
// Settling payouts (SPEC 7, 12): whom `payouts pay` pays how much, and what a statement adds
// up. Pure: no I/O.
#include "refer/domain/payout.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace refer {

// One beneficiary's payouts, settled together.
struct Settlement {
    std::optional<std::string> email;   // none for a person known by CRM id only, or a referee without one
    std::optional<long long> person_id; // when a referrer payout names the person
    std::vector<Payout> payouts;        // by id
    Cents net = 0;
};

// How a settlement names its beneficiary in messages: the email, else `person #12`, else
// `the referee of referral 7`.
std::string beneficiary_name(const Settlement& settlement);

// Payouts grouped per beneficiary: a referrer payout by its person, a referee payout by its
// email; a referee email that is also a person's email is that person. Sorted by email,
// those without one last (by person, then referral).
std::vector<Settlement> group_by_beneficiary(std::span<const Payout> payouts);

struct SettlementPlan {
    std::vector<Settlement> settled; // in group_by_beneficiary's order
    std::vector<Settlement> skipped; // net below the threshold, same order
};

// `pay --all-due`: per beneficiary, every pending payout with due_on <= today (negative ones
// included) is settled together when the net is at least `min_payout`. Without a minimum the
// threshold is zero: a negative net is never paid out; it stays pending until later earnings
// absorb it.
SettlementPlan settle_due(std::span<const Payout> payouts, std::optional<Cents> min_payout, Date today);

// Why a payout cannot be paid (already paid, void), or nothing.
std::optional<std::string> refusal_to_pay(const Payout& payout);

// `payout` as it is once paid on `on` with `reference`.
Payout as_paid(const Payout& payout, Date on, const std::optional<std::string>& reference);

// What a statement adds up. Earned counts pending and paid (a void payout was never owed);
// outstanding is what is pending. Signed: reversals count against.
struct PayoutTotals {
    Cents earned = 0, paid = 0, outstanding = 0;

    bool operator==(const PayoutTotals&) const = default;
};
PayoutTotals payout_totals(std::span<const Payout> payouts);

// Whole days, both ends included; an open end takes everything on its side.
struct Period {
    std::optional<Date> from, to;

    bool contains(Date day) const { return (!from || *from <= day) && (!to || day <= *to); }
};

} // namespace refer
