#pragma once
#include "refer/render/listing.h"
#include "refer/storage/people.h"

namespace refer {

// The people listing of SPEC 10 (`refer clients --json`, `refer export clients`).
// `for_people` keeps only the columns a terminal table has room for.
Listing people_listing(const std::vector<StoredPerson>& people, bool for_people);

} // namespace refer
