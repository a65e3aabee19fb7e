// The person options of refer add and refer edit PERSON: how each value is read and checked.
#include "refer/cli/person_options.h"

#include "refer/cli/app.h"
#include "refer/error.h"
#include "refer/util/text.h"

#include <fmt/format.h>

namespace refer {

namespace {

// Trimmed; blank is absent (clears the field).
std::optional<std::string> text_value(const std::string& given)
{
    std::string_view text = trim(given);
    if (text.empty()) return std::nullopt;
    return std::string(text);
}

std::optional<Date> date_value(const std::string& given)
{
    auto text = text_value(given);
    if (!text) return std::nullopt;
    return parse_date_option(*text);
}

// A check that also lets an empty value through (it clears the field), keeping the name and
// the values completion lists.
CLI::Validator clearable(CLI::Validator check)
{
    std::string description = check.get_description(), name = check.get_name();
    return CLI::Validator(
        [check](std::string& text) mutable -> std::string { return trim(text).empty() ? std::string() : check(text); },
        description, name);
}

} // namespace

std::vector<std::string> PersonOptions::given() const
{
    std::vector<std::string> names;
    auto add = [&](const std::optional<std::string>& field, const char* name) {
        if (field) names.emplace_back(name);
    };
    add(email, "--email");
    add(name, "--name");
    add(company, "--company");
    add(industry, "--industry");
    add(kind, "--kind");
    add(annual_value, "--annual-value");
    add(started_on, "--started-on");
    add(ended_on, "--ended-on");
    add(opened_on, "--opened-on");
    add(source, "--source");
    add(external_id, "--external-id");
    return names;
}

Person PersonOptions::applied_to(Person p) const
{
    if (email) {
        std::string normalized = normalize_email(*email);
        if (normalized.empty()) p.email.reset();
        else if (is_valid_email(normalized)) p.email = normalized;
        else throw usage_error(fmt::format("invalid email \"{}\"", *email));
    }
    if (name) p.name = text_value(*name);
    if (company) p.company = text_value(*company);
    if (industry) p.industry = text_value(*industry);
    if (kind) {
        std::string k = ascii_lower(trim(*kind));
        if (!is_person_kind(k))
            throw usage_error(fmt::format("unknown kind \"{}\" ({})", *kind, spoken_list(k_person_kinds)));
        p.kind = k;
    }
    if (annual_value) {
        auto text = text_value(*annual_value);
        p.annual_value = text ? std::optional(parse_money_option(*text)) : std::nullopt;
    }
    if (started_on) p.started_on = date_value(*started_on);
    if (ended_on) p.ended_on = date_value(*ended_on);
    if (opened_on) p.opened_on = date_value(*opened_on);
    if (source) {
        p.source = text_value(*source);
        if (p.source && !is_person_source(*p.source))
            throw usage_error(fmt::format("unknown source \"{}\" ({})", *source, spoken_list(k_person_sources)));
    }
    if (external_id) p.external_id = text_value(*external_id);
    return p;
}

void add_person_options(CLI::App& cmd, PersonOptions& o, PersonCommand command)
{
    bool edit = command == PersonCommand::edit;
    auto option = [&](const std::string& name, std::optional<std::string>& field, const std::string& help) {
        return cmd.add_option_function<std::string>(name, [&field](const std::string& v) { field = v; },
                                                    edit ? help + " (empty clears it)" : help);
    };
    auto check = [edit](CLI::Validator v) { return edit ? clearable(std::move(v)) : v; };
    if (edit)
        cmd.add_option_function<std::string>("--email", [&o](const std::string& v) { o.email = v; },
                                             "Email address of the person (empty clears it when they have an "
                                             "external id), or of the referee");
    option("--name", o.name, edit ? "Full name of the person, or of the referee" : "Full name");
    option("--company", o.company, edit ? "Company of the person, or of the referee" : "Company");
    option("--industry", o.industry, "Industry");
    std::string kinds = edit ? spoken_list(k_person_kinds)
                             : fmt::format("{} (default), {}", k_person_kinds[0],
                                           spoken_list(std::span(k_person_kinds).subspan(1)));
    cmd.add_option_function<std::string>("--kind", [&o](const std::string& v) { o.kind = v; }, kinds)
        ->check(one_of(to_strings(k_person_kinds)));
    option("--annual-value", o.annual_value, "Yearly contract value, e.g. 24000 or 24,000.00")
        ->check(check(money_validator()));
    option("--started-on", o.started_on, "Client since")->check(check(date_validator()));
    option("--ended-on", o.ended_on, "Client until (makes them an alumnus)")->check(check(date_validator()));
    option("--opened-on", o.opened_on, "Date the deal was opened")->check(check(date_validator()));
    option("--source", o.source, fmt::format("How they came: {}", fmt::join(k_person_sources, ", ")))
        ->check(check(one_of(to_strings(k_person_sources))));
    option("--external-id", o.external_id, "Their id in the CRM");
}

} // namespace refer
