#pragma once
// What needs doing today (`refer due`, SPEC 9, 12): referrals to contact, payouts to pay,
// referrals gone stale. Pure: storage reads the candidates in order, `due_item` decides
// about each and `listed_before` is the order.
#include "refer/domain/date.h"
#include "refer/domain/program.h"
#include "refer/domain/referral.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refer {

// In the order rows are listed.
enum class DueType { contact, payout, stale };
std::string_view to_string(DueType type);

// An open referral without a status change for this many days is stale.
inline constexpr int k_stale_days = 30;

// The dates that decide, as bounds a query can use:
// contact: still submitted and submitted_on < contact_submitted_before (today - submitted_on > SLA),
//          or sooner for a priority referral (its own SLA: priority_contact_sla_days);
// stale:   open and status_on <= stale_status_by (today - status_on >= 30);
// payout:  pending and due_on <= payout_due_by (today).
struct DueBounds {
    Date contact_submitted_before, stale_status_by, payout_due_by;
};
DueBounds due_bounds(Date today, int contact_sla_days);

// An open referral (neither won nor lost) that may be due; the referee names the row.
struct OpenReferral {
    long long id = 0;
    Status status = Status::submitted;
    Date submitted_on, status_on;
    std::optional<std::string> referee_email, referee_name;
    Fit fit;
};

// A pending payout that may be due; the beneficiary names the row (name: of the person when
// the beneficiary is one).
struct PendingPayout {
    long long id = 0;
    long long referral_id = 0;
    Date due_on;
    std::optional<std::string> email, name;
};

struct DueItem {
    DueType type = DueType::contact;
    long long referral = 0;
    std::optional<long long> payout; // payout rows only
    std::optional<std::string> email, name;
    Date since; // submitted (contact), due (payout), status date (stale)
    int days = 0; // today - since
    bool priority = false; // contact rows of priority referrals (SPEC 4): listed first

    bool operator==(const DueItem&) const = default;
};

// Whether a candidate is due today, and as what row; nullopt when it is not (closed, recent,
// due later), so storage may pass more than it must. A referral both uncontacted and stale
// is one row, as contact. `bounds` are today's (due_bounds with today's contact SLA); a
// priority referral (its fit judged by the version in force on its submission day, from
// `book`) is a contact row after that version's priority_contact_sla_days instead.
std::optional<DueItem> due_item(const OpenReferral& referral, Date today, const DueBounds& bounds,
                                const ProgramBook& book);
std::optional<DueItem> due_item(const PendingPayout& payout, Date today, const DueBounds& bounds);

// The order rows are listed in: by type (contact, payout, stale), priority contact rows
// before the others, then since, then rows
// without an email after those with one, then id (the payout's for payout rows, else the
// referral's).
bool listed_before(const DueItem& a, const DueItem& b);

} // namespace refer
