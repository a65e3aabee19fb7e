#include "refer/domain/person.h"
#include "refer/util/text.h"

#include <algorithm>

namespace refer {


std::string person_handle(const Person& person)
{
    if (person.email) return *person.email;
    if (person.external_id) return "ext:" + *person.external_id;
    return "(unnamed)";
}

std::string normalize_email(std::string_view text)
{
    std::string_view s = trim(text);
    // `Jane Doe <jane@acme.com>` and `mailto:` forms come out of CRMs too.
    if (auto open = s.find('<'); open != std::string_view::npos && s.ends_with('>'))
        s = trim(s.substr(open + 1, s.size() - open - 2));
    if (s.size() > 7 && ascii_lower(s.substr(0, 7)) == "mailto:") s.remove_prefix(7);
    return ascii_lower(s);
}

bool is_valid_email(std::string_view email)
{
    auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
        return false;
    std::string_view domain = email.substr(at + 1);
    auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
    if (domain.find("..") != std::string_view::npos || domain.front() == '-') return false;
    std::string_view local = email.substr(0, at);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
    for (unsigned char c : email)
        if (c <= ' ' || c == ',' || c == ';' || c == '<' || c == '>' || c == '"' || c == 0x7f) return false;
    return true;
}

std::optional<std::string> person_dates_problem(const Person& p)
{
    if (p.started_on && p.ended_on && *p.ended_on < *p.started_on)
        return "ended_on " + to_string(*p.ended_on) + " is before started_on " + to_string(*p.started_on);
    return std::nullopt;
}

bool is_person_kind(std::string_view kind)
{
    return std::ranges::find(k_person_kinds, kind) != std::end(k_person_kinds);
}

bool is_person_source(std::string_view source)
{
    return std::ranges::find(k_person_sources, source) != std::end(k_person_sources);
}

bool is_valid_tag(std::string_view tag)
{
    if (tag.empty()) return false;
    for (unsigned char c : tag)
        if (c <= ' ' || c == ',' || c == ';' || (c >= 'A' && c <= 'Z')) return false;
    return true;
}

std::vector<std::string> split_tags(std::string_view cell)
{
    std::vector<std::string> tags;
    size_t start = 0;
    while (start <= cell.size()) {
        size_t end = cell.find_first_of(";,", start);
        if (end == std::string_view::npos) end = cell.size();
        std::string tag = ascii_lower(trim(cell.substr(start, end - start)));
        for (char& c : tag)
            if (c == ' ') c = '-';
        if (!tag.empty() && std::ranges::find(tags, tag) == tags.end()) tags.push_back(tag);
        start = end + 1;
    }
    return tags;
}

LeadSource map_lead_source(std::string_view crm_value)
{
    struct Rule {
        std::string_view needle;
        std::string_view source;
    };
    static constexpr Rule rules[] = {
        {"referral", "referral"}, {"word of mouth", "referral"},
        {"partner", "partner"},
        {"trade show", "event"}, {"seminar", "event"}, {"event", "event"},
        {"conference", "event"}, {"webinar", "event"},
        {"web", "inbound"}, {"organic", "inbound"}, {"paid", "inbound"},
        {"advertisement", "inbound"}, {"direct", "inbound"}, {"social", "inbound"},
        {"email marketing", "inbound"}, {"inbound", "inbound"},
        {"outbound", "outbound"}, {"cold", "outbound"},
    };
    std::string value = ascii_lower(trim(crm_value));
    for (const Rule& rule : rules)
        if (value.find(rule.needle) != std::string::npos) return {std::string(rule.source), true};
    // Our own vocabulary maps onto itself ("other" included).
    if (is_person_source(value)) return {value, true};
    return {"other", false};
}

bool is_client_stage(std::string_view stage)
{
    std::string s = ascii_lower(trim(stage));
    return s == "customer" || s == "evangelist";
}

void StageTally::add(std::string_view stage)
{
    std::string name = ascii_lower(trim(stage));
    if (name.empty()) name = "(none)";
    ++m_total;
    auto at = std::ranges::find(m_counts, name, &std::pair<std::string, std::uint64_t>::first);
    if (at == m_counts.end()) m_counts.emplace_back(std::move(name), 1);
    else ++at->second;
}

std::string StageTally::describe() const
{
    auto sorted = m_counts;
    std::ranges::sort(sorted, [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::string out;
    for (const auto& [stage, count] : sorted) {
        if (!out.empty()) out += ", ";
        out += stage + " " + std::to_string(count);
    }
    return out;
}

std::string person_key(const Person& person)
{
    // The prefixes keep an email and an external id that happen to be equal apart.
    if (person.email) return "@" + *person.email;
    if (person.external_id) return "#" + *person.external_id;
    return {};
}

} // namespace refer
