#pragma once
// Who to ask for a referral today, and why (SPEC 9, 12). Pure: given what the ledger knows
// about a person (dates, tags, asks, referral counts), the reason to ask them today, or why not.
#include "refer/domain/date.h"
#include "refer/domain/program.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refer {

// In the order they are tried (and listed): the first that applies wins.
enum class NudgeReason { milestone, nps, top_referrer, quarterly };
std::string_view to_string(NudgeReason reason);

// What nudge reads of one person.
struct NudgeFacts {
    long long person_id = 0;
    std::optional<std::string> email, name, company;
    std::string kind;
    std::optional<Date> started_on, ended_on;
    bool promoter = false;       // the stored segment tag
    bool do_not_contact = false; // tagged do-not-contact
    bool not_interested = false; // tagged referral-not-interested
    std::vector<Date> milestones;                    // at least those 7 to 30 days ago
    std::optional<Date> latest_nps_on;               // the latest response on or before today
    int latest_nps_score = 0;
    std::vector<Date> asks;                          // every ask, oldest first
    std::vector<Date> submitted;                     // submission dates of the person's referrals up to
                                                     // today, at least those on or after the first ask
                                                     // (they answer asks)
    long long referrals_submitted = 0;               // all time
    long long referrals_won = 0;                     // currently won, all time
    long long won_last_365 = 0;                      // currently won, won_on within the last 365 days
};

// How each ask fared: answered when a referral was submitted on or after it and before the
// next ask (the latest ask: up to today).
std::vector<bool> answered_asks(const std::vector<Date>& asks, const std::vector<Date>& submitted);
// Consecutive unanswered asks, counted back from the latest.
int unanswered_streak(const std::vector<Date>& asks, const std::vector<Date>& submitted);

enum class NudgeVerdict {
    ask,            // listed, with a reason
    not_candidate,  // kind, ended (and not a promoter), do-not-contact or not interested
    no_reason,      // none of the four applies (tenure included)
    recently_asked, // within the cadence
    paused,         // max_unanswered_asks unanswered in a row: skipped, tagged on --record
};

struct NudgeDecision {
    NudgeVerdict verdict = NudgeVerdict::no_reason;
    std::optional<NudgeReason> reason; // set when verdict is ask
    int unanswered = 0;
    std::optional<Date> last_asked_on;
};

NudgeDecision decide_nudge(const NudgeFacts& person, Date today, const Program& program);

// One row of the nudge list.
struct Nudge {
    NudgeFacts person;
    NudgeReason reason;
    int unanswered = 0;
    std::optional<Date> last_asked_on;
};

struct NudgePlan {
    std::vector<Nudge> listed;            // by reason, then email (none last), then id; cut to the limit
    std::vector<long long> paused_people; // reached max_unanswered_asks: to tag on --record
};

NudgePlan plan_nudges(std::vector<NudgeFacts> people, Date today, const Program& program, std::optional<int> limit);

} // namespace refer
