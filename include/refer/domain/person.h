#pragma once
// A person in the ledger: a client, partner, employee or advisor (all "clients" in the schema).
#include "refer/domain/date.h"
#include "refer/domain/money.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refer {

inline constexpr std::string_view k_person_kinds[] = {"client", "partner", "employee", "advisor"};
inline constexpr std::string_view k_person_sources[] = {"referral", "outbound", "inbound", "partner", "event", "other"};

struct Person {
    std::optional<std::string> email; // normalised: trimmed, lowercase
    std::optional<std::string> name;
    std::optional<std::string> company;
    std::optional<std::string> industry;
    std::optional<std::string> kind;
    std::optional<Cents> annual_value;
    std::optional<Date> started_on;
    std::optional<Date> ended_on;
    std::optional<std::string> source;
    std::optional<long long> referred_by;
    std::optional<std::string> external_id;
    std::optional<Date> opened_on;
    std::vector<std::string> tags;
    bool operator==(const Person&) const = default;
};

// A person in the ledger, with the id that referrals, NPS responses and payouts name.
struct StoredPerson {
    long long id = 0;
    Person person; // tags filled only where a query says so
};

// A success a person had (go-live, renewal, award): the moment to ask for a referral.
struct Milestone {
    long long person_id = 0;
    Date on;
    std::string description;
};

// A referral request made to a person (SPEC 9).
struct Ask {
    long long person_id = 0;
    Date asked_on;
    std::optional<std::string> reason;
};

// The fields of Person an import may set, in schema order.
enum class PersonField {
    email, name, company, industry, kind, annual_value, started_on, ended_on, source,
    external_id, opened_on, tags,
};

// How a person is named on the command line and in messages: email, else `ext:ID`.
std::string person_handle(const Person& person);

// Trimmed and lowercased (ASCII letters only: internationalised local parts keep their case).
std::string normalize_email(std::string_view text);

// A usable address: one `@`, a non-empty local part, a domain with a dot, no spaces.
// Non-ASCII (internationalised) addresses are valid.
bool is_valid_email(std::string_view email);

// What makes a person impossible, whatever set their fields (an import row, refer add, refer
// edit): `ended_on 2026-01-31 is before started_on 2026-02-01`; nullopt when none.
std::optional<std::string> person_dates_problem(const Person& person);

bool is_person_kind(std::string_view kind);
bool is_person_source(std::string_view source);

// Tags are lowercase words; `;` or `,` separate them inside one cell.
std::vector<std::string> split_tags(std::string_view cell);
bool is_valid_tag(std::string_view tag);

struct LeadSource {
    std::string source; // one of k_person_sources
    bool recognised;    // false when the value fell through to `other`
};

// Maps a CRM lead-source value onto the source vocabulary (SPEC 5, first rule wins).
LeadSource map_lead_source(std::string_view crm_value);

// Whether a CRM lifecycle stage makes a contact a client: Customer or Evangelist (HubSpot's
// labels and internal values, any case). Leads, subscribers and opportunities are not, nor is
// an empty stage (SPEC 5).
bool is_client_stage(std::string_view stage);

// Rows left out by lifecycle stage, counted per stage for one line on stderr.
class StageTally {
public:
    void add(std::string_view stage);
    std::uint64_t total() const { return m_total; }
    // `lead 7, opportunity 5`: most first, then by name; an empty stage is `(none)`.
    std::string describe() const;

private:
    std::vector<std::pair<std::string, std::uint64_t>> m_counts; // few stages: a vector will do
    std::uint64_t m_total = 0;
};

// Which rows of one file are the same person: the email (normalised), else the external id.
// Empty when the person has neither.
std::string person_key(const Person& person);

} // namespace refer
