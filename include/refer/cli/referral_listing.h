#pragma once
#include "refer/domain/program.h"
#include "refer/render/listing.h"
#include "refer/storage/referrals.h"

#include <nlohmann/json.hpp>

namespace refer {

// The referral listing of SPEC 10 (`refer referrals --json`, `refer show REF`, exports).
// `for_people` keeps only the columns a terminal table has room for. Priority is judged by
// the program version in force on each referral's submission day.
Listing referral_listing(const std::vector<StoredReferral>& referrals, bool for_people, const ProgramBook& book);

// Fit score at least the priority_fit_score in force on the submission day (SPEC 4).
bool referral_is_priority(const Referral& referral, const ProgramBook& book);

// The referee as a person reads it: `Sam Lee <sam@globex.com>`, else the name or the email.
Cell referee_cell(const Referral& referral);

// One referral as the JSON object of SPEC 10 (without events and payouts).
nlohmann::ordered_json referral_json(const StoredReferral& referral, const ProgramBook& book);

} // namespace refer
