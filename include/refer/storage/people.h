#pragma once
// Typed queries on people (table `clients`) and their tags; every change is an event.
#include "refer/domain/person.h"
#include "refer/storage/events.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <optional>
#include <string>
#include <vector>

namespace refer {

// Where each field of a person sits in a statement that selects people, resolved once by
// name after prepare: rows are then read without a lookup.
struct PersonColumns {
    explicit PersonColumns(const SQLite::Statement& q);
    int id, email, name, company, industry, kind, annual_value, started_on, ended_on, source, referred_by,
        external_id, opened_on;
};

// Read-only queries.
std::optional<StoredPerson> find_person(SQLite::Database& db, std::string_view handle); // email or ext:ID
// The same, for a command about someone who must exist: exit 1 `unknown person "X"` otherwise.
StoredPerson require_person(SQLite::Database& db, std::string_view handle);
// By the id referrals and events name (without tags).
std::optional<StoredPerson> find_person_by_id(SQLite::Database& db, long long id);
std::vector<std::string> tags_of(SQLite::Database& db, long long person_id);
// The highest person id: how big the ledger is, roughly, at no cost.
std::uint64_t highest_person_id(SQLite::Database& db);

struct PeopleFilter {
    std::optional<std::string> tag;
    std::optional<std::string> kind;
};
// Ordered by id, with tags.
std::vector<StoredPerson> list_people(SQLite::Database& db, const PeopleFilter& filter);

// A value as stored and shown in events: dates ISO, money in cents, absent as nullopt.
std::optional<std::string> field_text(const Person& person, PersonField field);
std::string_view field_name(PersonField field);
// The stored fields (not tags, not referred_by) whose text differs: one event each on update.
std::vector<PersonField> changed_fields(const Person& before, const Person& after);

// Writes with prepared statements reused across calls (imports call these per row).
class PeopleWriter {
public:
    PeopleWriter(SQLite::Database& db, EventLog& events);

    std::optional<StoredPerson> find_by_email(const std::string& email);
    std::optional<StoredPerson> find_by_external_id(const std::string& external_id);
    // The id alone, from the unique index without reading the row: what bulk imports need.
    std::optional<long long> find_id_by_email(const std::string& email);
    std::optional<std::string> kind_of(long long id);

    long long insert(const Person& person);
    // Inserts unless the email or external id is taken (then nothing is written).
    std::optional<long long> insert_if_new(const Person& person);
    // Writes `changed` over `stored` (id given); records one event per changed field.
    void update(long long id, const Person& before, const Person& after);
    // Adds the tags the person lacks; returns how many were added.
    int add_tags(long long id, const std::vector<std::string>& tags);
    int remove_tags(long long id, const std::vector<std::string>& tags);

private:
    // Where bind_person() puts each value in m_insert or m_update, resolved once by name.
    struct PersonParameters {
        explicit PersonParameters(const SQLite::Statement& s);
        int email, name, company, industry, kind, annual_value, started_on, ended_on, source, external_id,
            opened_on, referred_by, at;
    };

    std::optional<StoredPerson> read_one(SQLite::Statement& query, const PersonColumns& columns);
    void bind_person(SQLite::Statement& s, const PersonParameters& at, const Person& p);
    bool insert_tag(long long id, const std::string& tag);

    SQLite::Database& m_db;
    EventLog& m_events;
    std::string m_scratch;
    std::string m_dates[3];
    SQLite::Statement m_by_email, m_by_external_id, m_id_by_email, m_kind, m_insert, m_update, m_add_tag, m_remove_tag;
    // Column and parameter indexes, resolved once by name: imports use these statements per row.
    PersonColumns m_by_email_columns, m_by_external_id_columns;
    PersonParameters m_insert_at, m_update_at;
    int m_by_email_at, m_by_external_id_at, m_id_by_email_at, m_id_by_email_id, m_kind_id, m_kind_kind, m_update_id,
        m_add_tag_person, m_add_tag_tag, m_remove_tag_person, m_remove_tag_tag;
};

} // namespace refer
