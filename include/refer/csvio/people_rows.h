#pragma once
// One CSV record of a people file turned into a Person, with every problem found.
#include "refer/csvio/columns.h"
#include "refer/csvio/csv_reader.h"
#include "refer/csvio/values.h"
#include "refer/domain/person.h"

#include <set>
#include <string>
#include <vector>

namespace refer {

struct PersonRow {
    Person person;
    std::vector<PersonField> mapped; // the fields this file sets
    std::vector<std::string> problems;
    std::vector<std::string> unknown_sources; // lead-source values that fell through to `other`
};

// Which person fields a column map sets (name counts when first/last name are mapped).
std::vector<PersonField> mapped_person_fields(const ColumnMap& columns);

PersonRow read_person_row(const CsvRecord& record, const std::vector<std::string>& header,
                          const ColumnMap& columns, const std::vector<PersonField>& mapped, const ValueFormat& format);

// `stored` with every mapped field taken from `row`; tags are added, never removed.
Person merge_person(const Person& stored, const PersonRow& row);

// Checks the shape of a record against the header; empty when fine.
std::string record_shape_problem(const CsvRecord& record, size_t header_size);

} // namespace refer
