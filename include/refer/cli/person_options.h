#pragma once
// The options that set a person's fields, shared by `refer add` and `refer edit PERSON`: one
// reading of every value, so that both accept and refuse the same (SPEC 3, 6).
#include "refer/domain/person.h"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace refer {

struct PersonOptions {
    // Each set when its option was given. For refer edit an empty (or blank) value clears the
    // field, except the kind, which every person has.
    std::optional<std::string> email, name, company, industry, kind, annual_value, started_on, ended_on, opened_on,
        source, external_id;

    // The options given, as typed (`--kind`), in the order of the fields.
    std::vector<std::string> given() const;
    // `person` with every given field set or cleared; a malformed value is a usage error (exit 2).
    // The fields are checked one by one: person_dates_problem() is the caller's, who knows
    // whether a conflict is between two options or with the ledger.
    Person applied_to(Person person) const;
};

enum class PersonCommand { add, edit };

// --name, --company, --industry, --kind, --annual-value, --started-on, --ended-on, --opened-on,
// --source, --external-id; refer edit also --email (refer add takes the email as its argument)
// and accepts an empty value to clear a field.
void add_person_options(CLI::App& cmd, PersonOptions& options, PersonCommand command);

} // namespace refer
