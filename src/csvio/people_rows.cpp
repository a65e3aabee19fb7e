#include "refer/csvio/people_rows.h"

#include "refer/csvio/row_cells.h"

#include <algorithm>
#include <iterator>
#include <fmt/format.h>

namespace refer {

std::vector<PersonField> mapped_person_fields(const ColumnMap& c)
{
    std::vector<PersonField> fields;
    auto add = [&](const char* name, PersonField f) {
        if (c.has(name)) fields.push_back(f);
    };
    add("email", PersonField::email);
    if (c.has("name") || c.has("first_name") || c.has("last_name")) fields.push_back(PersonField::name);
    add("company", PersonField::company);
    add("industry", PersonField::industry);
    add("kind", PersonField::kind);
    add("annual_value", PersonField::annual_value);
    add("started_on", PersonField::started_on);
    add("ended_on", PersonField::ended_on);
    add("source", PersonField::source);
    add("external_id", PersonField::external_id);
    add("opened_on", PersonField::opened_on);
    add("tags", PersonField::tags);
    return fields;
}

std::string record_shape_problem(const CsvRecord& record, size_t header_size)
{
    if (!record.error.empty()) return record.error;
    if (record.fields.size() != header_size)
        return fmt::format("{} fields, but the header has {}", record.fields.size(), header_size);
    return {};
}

PersonRow read_person_row(const CsvRecord& record, const std::vector<std::string>& header, const ColumnMap& columns,
                          const std::vector<PersonField>& mapped, const ValueFormat& format)
{
    PersonRow row;
    row.mapped = mapped;
    if (auto shape = record_shape_problem(record, header.size()); !shape.empty()) {
        row.problems.push_back(shape);
        return row;
    }
    RowCells cells(record, header, columns, format, row.problems);
    Person& p = row.person;
    size_t column = 0;
    if (auto email = cells.text("email", &column)) {
        std::string e = first_email(*email);
        if (is_valid_email(e)) p.email = e;
        else cells.problem("invalid email", *email, column);
    }
    p.name = cells.text("name");
    if (!p.name) {
        auto first = cells.text("first_name"), last = cells.text("last_name");
        if (first || last) p.name = first && last ? *first + " " + *last : first ? *first : *last;
    }
    p.company = cells.text("company");
    p.industry = cells.text("industry");
    if (auto kind = cells.text("kind", &column)) {
        std::string k = normalize_email(*kind); // lowercased
        if (k == "alumni" || k == "alumnus") k = "client";
        if (is_person_kind(k)) p.kind = k;
        else cells.problem(fmt::format("unknown kind ({})", fmt::join(k_person_kinds, ", ")), *kind, column);
    }
    p.annual_value = cells.money("annual_value");
    p.started_on = cells.date("started_on");
    p.ended_on = cells.date("ended_on");
    p.opened_on = cells.date("opened_on");
    if (auto source = cells.text("source")) {
        LeadSource s = map_lead_source(*source);
        p.source = s.source;
        if (!s.recognised) row.unknown_sources.push_back(*source);
    }
    p.external_id = cells.text("external_id");
    if (auto tags = cells.text("tags", &column)) {
        p.tags = split_tags(*tags);
        for (const auto& t : p.tags)
            if (!is_valid_tag(t)) cells.problem("invalid tag", t, column);
    }
    if (!p.email && !p.external_id && row.problems.empty())
        row.problems.push_back(columns.has("email") ? "no email and no external_id: the row cannot be matched"
                                                    : "no external_id: the row cannot be matched");
    if (auto problem = person_dates_problem(p)) row.problems.push_back(*problem);
    return row;
}

Person merge_person(const Person& stored, const PersonRow& row)
{
    Person out = stored;
    const Person& in = row.person;
    for (PersonField f : row.mapped) {
        switch (f) {
        case PersonField::email: if (in.email) out.email = in.email; break; // identity: never cleared
        case PersonField::name: out.name = in.name; break;
        case PersonField::company: out.company = in.company; break;
        case PersonField::industry: out.industry = in.industry; break;
        case PersonField::kind: if (in.kind) out.kind = in.kind; break; // every person has a kind
        case PersonField::annual_value: out.annual_value = in.annual_value; break;
        case PersonField::started_on: out.started_on = in.started_on; break;
        case PersonField::ended_on: out.ended_on = in.ended_on; break;
        case PersonField::source: out.source = in.source; break;
        case PersonField::external_id: if (in.external_id) out.external_id = in.external_id; break;
        case PersonField::opened_on: out.opened_on = in.opened_on; break;
        case PersonField::tags:
            for (const auto& t : in.tags)
                if (std::ranges::find(out.tags, t) == out.tags.end()) out.tags.push_back(t);
            break;
        }
    }
    return out;
}

} // namespace refer
