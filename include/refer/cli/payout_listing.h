#pragma once
#include "refer/domain/payout.h"
#include "refer/render/listing.h"

#include <vector>

namespace refer {

// The payout listing of SPEC 10 (`refer payouts list`, `compute --json`, `show`, exports).
// `for_people` keeps only the columns a terminal table has room for.
Listing payout_listing(const std::vector<Payout>& payouts, bool for_people);

} // namespace refer
