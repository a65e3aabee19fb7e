#pragma once
#include "refer/render/listing.h"
#include "refer/storage/referrals.h"

#include <nlohmann/json.hpp>

namespace refer {

// The referral listing of SPEC 10 (`refer referrals --json`, `refer show REF`, exports).
// `for_people` keeps only the columns a terminal table has room for.
Listing referral_listing(const std::vector<StoredReferral>& referrals, bool for_people);

// The referee as a person reads it: `Sam Lee <sam@globex.com>`, else the name or the email.
Cell referee_cell(const Referral& referral);

// One referral as the JSON object of SPEC 10 (without events and payouts).
nlohmann::ordered_json referral_json(const StoredReferral& referral);

} // namespace refer
