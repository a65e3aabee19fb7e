#include "refer/programio/program_file.h"

#include "refer/domain/person.h"

#include <algorithm>
#include <climits>
#include <fmt/format.h>
#include <map>
#include <stdexcept>
#include <toml++/toml.h>
#include <utility>
#include <vector>

namespace refer {

namespace {

constexpr int k_max_days = 36'500;            // a hundred years: more is a typo
constexpr int k_max_count = 1'000'000;        // tiers' `from`, `at_count`
constexpr int k_money_decimals = 2;
constexpr int k_percent_decimals = 6;

// The first problem of a file; read_program turns it into `file:line:column: message`.
class FileProblem : public std::runtime_error {
public:
    FileProblem(toml::source_position at, const std::string& message) : std::runtime_error(message), m_at(at) {}
    toml::source_position at() const { return m_at; }

private:
    toml::source_position m_at;
};

[[noreturn]] void problem(toml::source_position at, const std::string& message) { throw FileProblem(at, message); }

// The file's own text of a value, for money and percentages. toml++ counts columns in code
// points from 1 (a byte-order mark is not one) and ends a region after its last one.
class SourceText {
public:
    explicit SourceText(std::string_view text) : m_text(text)
    {
        m_line_starts.push_back(text.starts_with("\xEF\xBB\xBF") ? 3 : 0);
        for (size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') m_line_starts.push_back(i + 1);
    }

    // Empty for a value that spans lines (no number does).
    std::string_view of(const toml::node& node) const
    {
        const toml::source_region& r = node.source();
        if (r.begin.line != r.end.line || r.begin.line == 0 || r.begin.line > m_line_starts.size()) return {};
        size_t line_start = m_line_starts[r.begin.line - 1];
        size_t line_end = r.begin.line < m_line_starts.size() ? m_line_starts[r.begin.line] : m_text.size();
        size_t begin = skip(line_start, line_end, r.begin.column - 1);
        size_t end = skip(begin, line_end, r.end.column - r.begin.column);
        return m_text.substr(begin, end - begin);
    }

private:
    size_t skip(size_t from, size_t limit, std::uint32_t code_points) const
    {
        for (; code_points > 0 && from < limit; --code_points) {
            ++from;
            while (from < limit && (static_cast<unsigned char>(m_text[from]) & 0xC0) == 0x80) ++from;
        }
        return from;
    }

    std::string_view m_text;
    std::vector<size_t> m_line_starts;
};

// A number as written: digits, `_` separators, an optional fraction; `decimals` as written.
struct Decimal {
    std::int64_t units = 0;
    int decimals = 0;
};

// Why a number's text is not a plain non-negative decimal, or the decimal.
std::pair<std::optional<Decimal>, std::string> exact_decimal(std::string_view text, std::string_view what)
{
    if (text.starts_with('+')) text.remove_prefix(1);
    if (text.starts_with('-')) return {std::nullopt, fmt::format("{} cannot be negative", what)};
    if (text.starts_with("inf") || text.starts_with("nan")) return {std::nullopt, fmt::format("{} must be a finite number", what)};
    if (text.starts_with("0x") || text.starts_with("0o") || text.starts_with("0b"))
        return {std::nullopt, fmt::format("write {} in decimal digits", what)};
    if (text.find_first_of("eE") != std::string_view::npos)
        return {std::nullopt, fmt::format("{} has no exponent: write the digits out", what)};
    Decimal d;
    bool point = false, any = false;
    for (char c : text) {
        if (c == '_') continue;
        if (c == '.' && !point) {
            point = true;
            continue;
        }
        if (c < '0' || c > '9') return {std::nullopt, fmt::format("{} must be a number", what)};
        if (d.units > (INT64_MAX - 9) / 10) return {std::nullopt, fmt::format("{} is too large", what)};
        d.units = d.units * 10 + (c - '0');
        d.decimals += point ? 1 : 0;
        any = true;
    }
    if (!any) return {std::nullopt, fmt::format("{} must be a number", what)};
    return {d, {}};
}

std::string_view type_name(const toml::node& node)
{
    switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "a whole number";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "true or false";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "a list";
    case toml::node_type::table: return "a table";
    default: return "nothing";
    }
}

template <typename Names>
std::string listed(const Names& names)
{
    std::vector<std::string> quoted;
    for (std::string_view n : names) quoted.push_back(std::string(n));
    return fmt::format("{}", fmt::join(quoted, ", "));
}

// A table's entries in the order the file wrote them (toml++ keeps them sorted by key), so
// that the problem reported is the first one in the file.
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& table)
{
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (auto&& [key, node] : table) entries.emplace_back(&key, &node);
    std::ranges::sort(entries, [](const auto& a, const auto& b) { return a.first->source().begin < b.first->source().begin; });
    return entries;
}

struct IntSetting {
    std::string_view key;
    int Program::*member;
    int min, max;
};

const IntSetting k_int_settings[] = {
    {"payout_delay_days", &Program::payout_delay_days, 0, k_max_days},
    {"contact_sla_days", &Program::contact_sla_days, 0, k_max_days},
    {"priority_fit_score", &Program::priority_fit_score, 0, 10},
    {"priority_contact_sla_days", &Program::priority_contact_sla_days, 0, k_max_days},
    {"attribution_days", &Program::attribution_days, 0, k_max_days},
    {"min_tenure_days", &Program::min_tenure_days, 0, k_max_days},
    {"ask_cadence_days", &Program::ask_cadence_days, 0, k_max_days},
    {"top_referrer_cadence_days", &Program::top_referrer_cadence_days, 0, k_max_days},
    {"max_unanswered_asks", &Program::max_unanswered_asks, 0, 1000},
    {"promoter_min_score", &Program::promoter_min_score, 0, 10},
    {"nps_window_days", &Program::nps_window_days, 0, k_max_days},
};

struct MoneySetting {
    std::string_view key;
    std::optional<Cents> Program::*member;
};

const MoneySetting k_money_settings[] = {
    {"referrer_cap_per_year", &Program::referrer_cap_per_year},
    {"min_payout", &Program::min_payout},
};

class ProgramReader {
public:
    explicit ProgramReader(std::string_view text) : m_source(text) {}

    Program read(const toml::table& file)
    {
        Program program = program_defaults();
        bool named = false;
        for (auto [key, node] : in_file_order(file)) {
            std::string_view k = key->str();
            if (k == "name") {
                program.name = text(*key, *node);
                named = true;
            } else if (k == "currency") {
                program.currency = currency(*key, *node);
            } else if (k == "rewards") {
                program.rewards = rewards(*key, *node);
            } else if (k == "targets") {
                targets(*key, *node, program.targets);
            } else if (!setting(*key, *node, program)) {
                problem(key->source().begin, fmt::format("unknown key \"{}\"", k));
            }
        }
        if (!named) problem({1, 1}, "missing key \"name\" (the program's name: name = \"2026 referral program\")");
        return program;
    }

private:
    // `key = value` as the file wrote it, for messages; the key alone for lists and tables.
    std::string written(const toml::key& key, const toml::node& node) const
    {
        std::string_view value = node.is_array() || node.is_table() ? std::string_view() : m_source.of(node);
        return value.empty() ? std::string(key.str()) : fmt::format("{} = {}", key.str(), value);
    }

    [[noreturn]] void bad_value(const toml::key& key, const toml::node& node, std::string_view why) const
    {
        problem(node.source().begin, fmt::format("{}: {}", written(key, node), why));
    }

    bool setting(const toml::key& key, const toml::node& node, Program& program) const
    {
        for (const IntSetting& s : k_int_settings)
            if (key.str() == s.key) {
                program.*s.member = whole_number(key, node, s.min, s.max);
                return true;
            }
        for (const MoneySetting& s : k_money_settings)
            if (key.str() == s.key) {
                program.*s.member = money(key, node);
                return true;
            }
        return false;
    }

    std::string text(const toml::key& key, const toml::node& node) const
    {
        const auto* s = node.as_string();
        if (!s) bad_value(key, node, fmt::format("must be a string in quotes, not {}", type_name(node)));
        if (s->get().find_first_not_of(" \t") == std::string::npos) bad_value(key, node, "must not be empty");
        return s->get();
    }

    std::string currency(const toml::key& key, const toml::node& node) const
    {
        std::string code = text(key, node);
        bool iso = code.size() == 3 && std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; });
        if (!iso) bad_value(key, node, "must be a three-letter ISO currency code such as \"USD\" or \"EUR\"");
        return code;
    }

    int whole_number(const toml::key& key, const toml::node& node, int min, int max) const
    {
        const auto* n = node.as_integer();
        if (!n || n->get() < min || n->get() > max)
            bad_value(key, node, fmt::format("must be a whole number from {} to {}", min, max));
        return static_cast<int>(n->get());
    }

    // Money from the file's text: `100.00` would be a double by the time toml++ hands it over.
    Cents money(const toml::key& key, const toml::node& node) const
    {
        if (!node.is_integer() && !node.is_floating_point())
            bad_value(key, node, fmt::format("must be an amount of money like 100.00, not {}", type_name(node)));
        auto [decimal, error] = exact_decimal(m_source.of(node), "money");
        if (!decimal) bad_value(key, node, error);
        if (decimal->decimals > k_money_decimals) bad_value(key, node, "money has at most 2 decimals");
        Cents cents = decimal->units;
        for (int i = decimal->decimals; i < k_money_decimals; ++i) {
            if (cents > k_max_money) break;
            cents *= 10;
        }
        if (cents > k_max_money) bad_value(key, node, "money is at most 999999999999.99");
        return cents;
    }

    Percent percent(const toml::key& key, const toml::node& node) const
    {
        if (!node.is_integer() && !node.is_floating_point())
            bad_value(key, node, fmt::format("must be a number like 10 or 7.5, not {}", type_name(node)));
        auto [decimal, error] = exact_decimal(m_source.of(node), "percent");
        if (!decimal) bad_value(key, node, error);
        if (decimal->decimals > k_percent_decimals) bad_value(key, node, "percent has at most 6 decimals");
        Percent p{decimal->units, decimal->decimals};
        std::int64_t hundred = 100;
        for (int i = 0; i < p.decimals; ++i) hundred *= 10;
        if (p.units == 0 || p.units > hundred) bad_value(key, node, "percent must be above 0 and at most 100");
        while (p.decimals > 0 && p.units % 10 == 0) { // 10.0 is 10
            p.units /= 10;
            --p.decimals;
        }
        return p;
    }

    template <typename T, typename Parse>
    T choice(const toml::key& key, const toml::node& node, Parse parse, std::string_view choices) const
    {
        const auto* s = node.as_string();
        std::optional<T> value;
        if (s) value = parse(s->get());
        if (!value) bad_value(key, node, fmt::format("must be one of {}", choices));
        return *value;
    }

    Status reached_status(const toml::key& key, const toml::node& node) const
    {
        const auto* s = node.as_string();
        if (s && s->get() == "lost")
            bad_value(key, node, "a reward is earned by reaching a stage of the pipeline, never by a loss "
                                 "(submitted, contacted, meeting, qualified, won)");
        return choice<Status>(key, node, parse_status, "submitted, contacted, meeting, qualified, won");
    }

    std::vector<std::string> person_kinds(const toml::key& key, const toml::node& node) const
    {
        const auto* list = node.as_array();
        if (!list) bad_value(key, node, fmt::format("must be a list like [\"client\", \"partner\"], not {}", type_name(node)));
        if (list->empty()) bad_value(key, node, "must not be empty (leave it out for every kind)");
        std::vector<std::string> kinds;
        for (const toml::node& item : *list) {
            const auto* s = item.as_string();
            if (!s || std::ranges::find(k_person_kinds, s->get()) == std::end(k_person_kinds))
                problem(item.source().begin,
                        fmt::format("{}: {} is not a person kind ({})", key.str(),
                                    s ? fmt::format("\"{}\"", s->get()) : std::string(type_name(item)), listed(k_person_kinds)));
            kinds.push_back(s->get());
        }
        return kinds;
    }

    std::vector<Tier> tiers(const toml::key& key, const toml::node& node) const
    {
        const auto* list = node.as_array();
        if (!list || list->empty())
            bad_value(key, node, "must be a list like [ { from = 1, amount = 500 }, { from = 2, amount = 750 } ]");
        std::vector<Tier> result;
        for (const toml::node& item : *list) {
            const auto* table = item.as_table();
            if (!table) problem(item.source().begin, fmt::format("a tier must be a table like {{ from = 1, amount = 500 }}, not {}", type_name(item)));
            Tier tier;
            bool has_from = false, has_amount = false;
            for (auto [k, v] : in_file_order(*table)) {
                if (k->str() == "from") {
                    tier.from = whole_number(*k, *v, 1, k_max_count);
                    has_from = true;
                } else if (k->str() == "amount") {
                    tier.amount = money(*k, *v);
                    has_amount = true;
                } else {
                    problem(k->source().begin, fmt::format("unknown key \"{}\" in a tier (from, amount)", k->str()));
                }
            }
            if (!has_from || !has_amount)
                problem(item.source().begin, fmt::format("missing key \"{}\" in a tier", has_from ? "amount" : "from"));
            if (!result.empty() && tier.from <= result.back().from)
                problem(item.source().begin, fmt::format("tiers go up: from = {} follows from = {}", tier.from, result.back().from));
            result.push_back(tier);
        }
        return result;
    }

    Reward reward(const toml::node& node) const;

    std::vector<Reward> rewards(const toml::key& key, const toml::node& node) const
    {
        const auto* list = node.as_array();
        if (!list) problem(key.source().begin, "rewards must be [[rewards]] tables");
        std::vector<Reward> result;
        std::map<std::string, std::uint32_t> lines; // name -> line, for duplicates
        for (const toml::node& item : *list) {
            Reward r = reward(item);
            const toml::node& name = *item.as_table()->get("name");
            if (auto [seen, fresh] = lines.emplace(r.name, name.source().begin.line); !fresh)
                problem(name.source().begin,
                        fmt::format("duplicate reward name \"{}\" (also on line {}): names must be unique", r.name, seen->second));
            result.push_back(std::move(r));
        }
        return result;
    }

    void targets(const toml::key& key, const toml::node& node, std::vector<Target>& targets) const
    {
        const auto* table = node.as_table();
        if (!table) bad_value(key, node, "must be a table: [targets] close_rate = { min = 0.4, max = 0.6 }");
        for (auto [k, v] : in_file_order(*table)) {
            auto known = std::ranges::find(targets, k->str(), &Target::metric);
            if (known == targets.end())
                problem(k->source().begin, fmt::format("unknown target metric \"{}\" in [targets] ({})", k->str(),
                                                       listed(k_target_metrics)));
            *known = target(*k, *v);
        }
    }

    Target target(const toml::key& key, const toml::node& node) const
    {
        const auto* table = node.as_table();
        if (!table) bad_value(key, node, fmt::format("must be a table like {{ min = 0.4, max = 0.6 }}, not {}", type_name(node)));
        Target t{std::string(key.str()), std::nullopt, std::nullopt};
        for (auto [k, v] : in_file_order(*table)) {
            if (k->str() != "min" && k->str() != "max")
                problem(k->source().begin, fmt::format("unknown key \"{}\" in [targets] {} (min, max)", k->str(), key.str()));
            std::optional<double> bound = v->is_integer() || v->is_floating_point() ? v->value<double>() : std::nullopt;
            if (!bound || !(*bound >= 0 && *bound <= 1))
                problem(v->source().begin, fmt::format("{}: {} must be a fraction from 0 to 1 (0.4 for 40%)", key.str(), written(*k, *v)));
            (k->str() == "min" ? t.min : t.max) = bound;
        }
        if (t.min && t.max && *t.min > *t.max)
            problem(node.source().begin, fmt::format("{}: min {} is above max {}", key.str(), *t.min, *t.max));
        return t;
    }

    SourceText m_source;
};

Reward ProgramReader::reward(const toml::node& node) const
{
    const auto* table = node.as_table();
    if (!table) problem(node.source().begin, "rewards must be [[rewards]] tables");
    Reward r;
    std::map<std::string_view, const toml::key*> given;
    for (auto [k, v] : in_file_order(*table)) {
        std::string_view key = k->str();
        given[key] = k;
        if (key == "name") r.name = text(*k, *v);
        else if (key == "on") r.on = reached_status(*k, *v);
        else if (key == "to") r.to = choice<Beneficiary>(*k, *v, parse_beneficiary, "referrer, referee");
        else if (key == "kind") r.kind = choice<RewardKind>(*k, *v, parse_reward_kind, listed(k_reward_kinds));
        else if (key == "amount") r.amount = money(*k, *v);
        else if (key == "percent") r.percent = percent(*k, *v);
        else if (key == "min") r.min = money(*k, *v);
        else if (key == "max") r.max = money(*k, *v);
        else if (key == "tiers") r.tiers = tiers(*k, *v);
        else if (key == "count_window") r.count_window = choice<CountWindow>(*k, *v, parse_count_window, "calendar-year, all-time");
        else if (key == "at_count") r.at_count = whole_number(*k, *v, 1, k_max_count);
        else if (key == "referrer_kinds") r.referrer_kinds = person_kinds(*k, *v);
        else problem(k->source().begin, fmt::format("unknown key \"{}\" in [[rewards]]", key));
    }
    auto at = [&](std::string_view key) { return given.at(key)->source().begin; };
    std::string label = r.name.empty() ? std::string("[[rewards]]") : fmt::format("reward \"{}\"", r.name);
    if (!given.contains("name")) problem(node.source().begin, "missing key \"name\" in [[rewards]]");
    if (!given.contains("on"))
        problem(node.source().begin, fmt::format("{}: missing key \"on\" (the stage whose reaching earns it)", label));
    std::vector<std::string_view> forms;
    for (std::string_view form : {"amount", "percent", "tiers"})
        if (given.contains(form)) forms.push_back(form);
    std::ranges::sort(forms, [&](std::string_view a, std::string_view b) { return at(a) < at(b); });
    if (forms.empty()) problem(node.source().begin, fmt::format("{}: needs one of \"amount\", \"percent\", \"tiers\"", label));
    if (forms.size() > 1)
        problem(at(forms[1]), fmt::format("{}: has both \"{}\" and \"{}\"; give exactly one of amount, percent, tiers",
                                          label, forms[0], forms[1]));
    for (std::string_view bound : {"min", "max"})
        if (given.contains(bound) && !r.percent)
            problem(at(bound), fmt::format("{}: \"{}\" clamps a percent; it needs \"percent\"", label, bound));
    if (r.min && r.max && *r.min > *r.max)
        problem(at("max"), fmt::format("{}: max {} is below min {}", label, format_decimal(*r.max), format_decimal(*r.min)));
    for (std::string_view counted : {"tiers", "at_count"})
        if (given.contains(counted) && r.on != Status::won)
            problem(at(counted), fmt::format("{}: \"{}\" counts won referrals; it needs on = \"won\"", label, counted));
    if (given.contains("count_window") && r.tiers.empty() && !r.at_count)
        problem(at("count_window"), fmt::format("{}: \"count_window\" counts for tiers or at_count only", label));
    return r;
}

std::string located(std::string_view file_name, toml::source_position at, std::string_view message)
{
    return fmt::format("{}:{}:{}: {}", file_name, at.line, at.column, message);
}

// toml++ says `Error while parsing key-value pair: ...`.
std::string syntax_message(std::string_view description)
{
    constexpr std::string_view prefix = "Error while parsing ";
    if (description.starts_with(prefix)) return fmt::format("TOML syntax error in {}", description.substr(prefix.size()));
    return fmt::format("TOML syntax error: {}", description);
}

std::string toml_string(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') out += '\\', out += c;
        else if (u < 0x20 || u == 0x7f) out += fmt::format("\\u{:04X}", u);
        else out += c;
    }
    return out + "\"";
}

std::string toml_list(const std::vector<std::string>& items)
{
    std::vector<std::string> quoted;
    for (const std::string& item : items) quoted.push_back(toml_string(item));
    return fmt::format("[{}]", fmt::join(quoted, ", "));
}

std::string reward_toml(const Reward& r)
{
    std::string out = fmt::format("\n[[rewards]]\nname = {}\non = \"{}\"\nto = \"{}\"\nkind = \"{}\"\n", toml_string(r.name),
                                  to_string(r.on), to_string(r.to), to_string(r.kind));
    if (r.amount) out += fmt::format("amount = {}\n", format_decimal(*r.amount));
    if (r.percent) out += fmt::format("percent = {}\n", to_string(*r.percent));
    if (r.min) out += fmt::format("min = {}\n", format_decimal(*r.min));
    if (r.max) out += fmt::format("max = {}\n", format_decimal(*r.max));
    if (!r.tiers.empty()) {
        std::vector<std::string> tiers;
        for (const Tier& t : r.tiers) tiers.push_back(fmt::format("{{ from = {}, amount = {} }}", t.from, format_decimal(t.amount)));
        out += fmt::format("tiers = [ {} ]\n", fmt::join(tiers, ", "));
    }
    if (!r.tiers.empty() || r.at_count) out += fmt::format("count_window = \"{}\"\n", to_string(r.count_window));
    if (r.at_count) out += fmt::format("at_count = {}\n", *r.at_count);
    if (!r.referrer_kinds.empty()) out += fmt::format("referrer_kinds = {}\n", toml_list(r.referrer_kinds));
    return out;
}

std::string target_toml(const Target& t)
{
    std::vector<std::string> bounds;
    if (t.min) bounds.push_back(fmt::format("min = {}", *t.min));
    if (t.max) bounds.push_back(fmt::format("max = {}", *t.max));
    return bounds.empty() ? fmt::format("{} = {{}}\n", t.metric)
                          : fmt::format("{} = {{ {} }}\n", t.metric, fmt::join(bounds, ", "));
}

} // namespace

ProgramParse read_program(std::string_view text, std::string_view file_name)
{
    try {
        toml::table file = toml::parse(text, std::string(file_name));
        return {ProgramReader(text).read(file), {}};
    } catch (const toml::parse_error& e) {
        return {std::nullopt, located(file_name, e.source().begin, syntax_message(e.description()))};
    } catch (const FileProblem& e) {
        return {std::nullopt, located(file_name, e.at(), e.what())};
    }
}

std::string to_toml(const Program& program)
{
    std::string out = fmt::format("name = {}\ncurrency = {}\n", toml_string(program.name), toml_string(program.currency));
    for (const IntSetting& s : k_int_settings) out += fmt::format("{} = {}\n", s.key, program.*s.member);
    for (const MoneySetting& s : k_money_settings)
        if (program.*s.member) out += fmt::format("{} = {}\n", s.key, format_decimal(*(program.*s.member)));
    for (const Reward& r : program.rewards) out += reward_toml(r);
    if (!program.targets.empty()) out += "\n[targets]\n";
    for (const Target& t : program.targets) out += target_toml(t);
    return out;
}

} // namespace refer
