#pragma once
#include "refer/render/listing.h"
#include "refer/storage/people.h"

namespace refer {

// The people listing of SPEC 10 (`refer clients --json`, `refer export clients`).
// `for_people` keeps only the columns a terminal table has room for.
Listing people_listing(const std::vector<StoredPerson>& people, bool for_people);

Cell text_cell(const std::optional<std::string>& text);
Cell date_cell(const std::optional<Date>& date);
Cell money_cell(const std::optional<Cents>& cents);
Cell number_cell(const std::optional<int>& number);

} // namespace refer
