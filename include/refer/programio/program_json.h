#pragma once
// A program version as the JSON of `refer program show --json`: every setting, money in
// `*_cents`, null where a value is absent.
#include "refer/domain/program.h"

#include <nlohmann/json.hpp>

namespace refer {

nlohmann::ordered_json program_json(const ProgramVersion& version);

} // namespace refer
