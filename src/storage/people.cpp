#include "refer/storage/people.h"

#include "refer/error.h"
#include "refer/storage/columns.h"
#include "refer/util/json_text.h"


#include <fmt/format.h>

namespace refer {

static constexpr const char* k_person_columns =
    "id, email, name, company, industry, kind, annual_value, started_on, ended_on, source, "
    "referred_by, external_id, opened_on";

PersonColumns::PersonColumns(const SQLite::Statement& q)
    : id(q.getColumnIndex("id")), email(q.getColumnIndex("email")), name(q.getColumnIndex("name")),
      company(q.getColumnIndex("company")), industry(q.getColumnIndex("industry")), kind(q.getColumnIndex("kind")),
      annual_value(q.getColumnIndex("annual_value")), started_on(q.getColumnIndex("started_on")),
      ended_on(q.getColumnIndex("ended_on")), source(q.getColumnIndex("source")),
      referred_by(q.getColumnIndex("referred_by")), external_id(q.getColumnIndex("external_id")),
      opened_on(q.getColumnIndex("opened_on"))
{
}

static StoredPerson person_from_row(const SQLite::Statement& q, const PersonColumns& c)
{
    StoredPerson s;
    s.id = q.getColumn(c.id).getInt64();
    Person& p = s.person;
    p.email = opt_text(q.getColumn(c.email));
    p.name = opt_text(q.getColumn(c.name));
    p.company = opt_text(q.getColumn(c.company));
    p.industry = opt_text(q.getColumn(c.industry));
    p.kind = opt_text(q.getColumn(c.kind));
    if (!q.getColumn(c.annual_value).isNull()) p.annual_value = q.getColumn(c.annual_value).getInt64();
    p.started_on = opt_date(q.getColumn(c.started_on));
    p.ended_on = opt_date(q.getColumn(c.ended_on));
    p.source = opt_text(q.getColumn(c.source));
    if (!q.getColumn(c.referred_by).isNull()) p.referred_by = q.getColumn(c.referred_by).getInt64();
    p.external_id = opt_text(q.getColumn(c.external_id));
    p.opened_on = opt_date(q.getColumn(c.opened_on));
    return s;
}

std::optional<StoredPerson> find_person(SQLite::Database& db, std::string_view handle)
{
    bool by_external = handle.starts_with("ext:");
    SQLite::Statement q(db, fmt::format("SELECT {} FROM clients WHERE {} = :handle", k_person_columns,
                                        by_external ? "external_id" : "email"));
    q.bind(":handle", by_external ? std::string(handle.substr(4)) : normalize_email(handle));
    if (!q.executeStep()) return std::nullopt;
    StoredPerson s = person_from_row(q, PersonColumns(q));
    s.person.tags = tags_of(db, s.id);
    return s;
}

std::optional<StoredPerson> find_person_by_id(SQLite::Database& db, long long id)
{
    SQLite::Statement q(db, fmt::format("SELECT {} FROM clients WHERE id = :id", k_person_columns));
    q.bind(":id", static_cast<int64_t>(id));
    if (!q.executeStep()) return std::nullopt;
    return person_from_row(q, PersonColumns(q));
}

StoredPerson require_person(SQLite::Database& db, std::string_view handle)
{
    auto person = find_person(db, handle);
    if (!person) throw failure(fmt::format("unknown person \"{}\"", handle));
    return std::move(*person);
}

std::uint64_t highest_person_id(SQLite::Database& db)
{
    return static_cast<std::uint64_t>(db.execAndGet("SELECT coalesce(max(id), 0) FROM clients").getInt64());
}

std::vector<std::string> tags_of(SQLite::Database& db, long long person_id)
{
    SQLite::Statement q(db, "SELECT tag FROM tags WHERE client_id = :person ORDER BY tag");
    q.bind(":person", static_cast<int64_t>(person_id));
    const int tag = q.getColumnIndex("tag");
    std::vector<std::string> tags;
    while (q.executeStep()) tags.push_back(q.getColumn(tag).getString());
    return tags;
}

std::vector<StoredPerson> list_people(SQLite::Database& db, const PeopleFilter& filter)
{
    std::string sql = fmt::format("SELECT {}, (SELECT group_concat(tag, ';') FROM "
                                  "(SELECT tag FROM tags t WHERE t.client_id = c.id ORDER BY tag)) AS tags "
                                  "FROM clients c WHERE 1", k_person_columns);
    if (filter.tag) sql += " AND EXISTS (SELECT 1 FROM tags t WHERE t.client_id = c.id AND t.tag = :tag)";
    if (filter.kind) sql += " AND kind = :kind";
    sql += " ORDER BY id";
    SQLite::Statement q(db, sql);
    if (filter.tag) q.bind(":tag", *filter.tag);
    if (filter.kind) q.bind(":kind", *filter.kind);
    const PersonColumns columns(q);
    const int tags = q.getColumnIndex("tags");
    std::vector<StoredPerson> people;
    while (q.executeStep()) {
        StoredPerson s = person_from_row(q, columns);
        if (!q.getColumn(tags).isNull()) s.person.tags = split_tags(q.getColumn(tags).getString());
        people.push_back(std::move(s));
    }
    return people;
}

std::string_view field_name(PersonField field)
{
    switch (field) {
    case PersonField::email: return "email";
    case PersonField::name: return "name";
    case PersonField::company: return "company";
    case PersonField::industry: return "industry";
    case PersonField::kind: return "kind";
    case PersonField::annual_value: return "annual_value";
    case PersonField::started_on: return "started_on";
    case PersonField::ended_on: return "ended_on";
    case PersonField::source: return "source";
    case PersonField::external_id: return "external_id";
    case PersonField::opened_on: return "opened_on";
    case PersonField::tags: return "tags";
    }
    return "?";
}

std::optional<std::string> field_text(const Person& p, PersonField field)
{
    auto date = [](const std::optional<Date>& d) -> std::optional<std::string> {
        if (!d) return std::nullopt;
        return to_string(*d);
    };
    switch (field) {
    case PersonField::email: return p.email;
    case PersonField::name: return p.name;
    case PersonField::company: return p.company;
    case PersonField::industry: return p.industry;
    case PersonField::kind: return p.kind;
    case PersonField::annual_value:
        if (!p.annual_value) return std::nullopt;
        return std::to_string(*p.annual_value);
    case PersonField::started_on: return date(p.started_on);
    case PersonField::ended_on: return date(p.ended_on);
    case PersonField::source: return p.source;
    case PersonField::external_id: return p.external_id;
    case PersonField::opened_on: return date(p.opened_on);
    case PersonField::tags: break;
    }
    return std::nullopt;
}

static constexpr PersonField k_stored_fields[] = {
    PersonField::email, PersonField::name, PersonField::company, PersonField::industry,
    PersonField::kind, PersonField::annual_value, PersonField::started_on, PersonField::ended_on,
    PersonField::source, PersonField::external_id, PersonField::opened_on,
};

std::vector<PersonField> changed_fields(const Person& before, const Person& after)
{
    std::vector<PersonField> changed;
    for (PersonField f : k_stored_fields)
        if (field_text(before, f) != field_text(after, f)) changed.push_back(f);
    return changed;
}

PeopleWriter::PeopleWriter(SQLite::Database& db, EventLog& events)
    : m_db(db), m_events(events),
      m_by_email(db, fmt::format("SELECT {} FROM clients WHERE email = :email", k_person_columns)),
      m_by_external_id(db, fmt::format("SELECT {} FROM clients WHERE external_id = :external_id", k_person_columns)),
      m_id_by_email(db, "SELECT id FROM clients WHERE email = :email"),
      m_kind(db, "SELECT kind FROM clients WHERE id = :id"),
      m_insert(db, "INSERT INTO clients (email, name, company, industry, kind, annual_value, started_on, "
                   "ended_on, source, external_id, opened_on, referred_by, created_at, updated_at) "
                   "VALUES (:email, :name, :company, :industry, :kind, :annual_value, :started_on, :ended_on, "
                   ":source, :external_id, :opened_on, :referred_by, :at, :at) ON CONFLICT DO NOTHING"),
      m_update(db, "UPDATE clients SET email = :email, name = :name, company = :company, industry = :industry, "
                   "kind = :kind, annual_value = :annual_value, started_on = :started_on, ended_on = :ended_on, "
                   "source = :source, external_id = :external_id, opened_on = :opened_on, "
                   "referred_by = :referred_by, updated_at = :at WHERE id = :id"),
      m_add_tag(db, "INSERT OR IGNORE INTO tags (client_id, tag) VALUES (:person, :tag)"),
      m_remove_tag(db, "DELETE FROM tags WHERE client_id = :person AND tag = :tag"),
      m_by_email_columns(m_by_email), m_by_external_id_columns(m_by_external_id), m_insert_at(m_insert),
      m_update_at(m_update), m_by_email_at(m_by_email.getIndex(":email")),
      m_by_external_id_at(m_by_external_id.getIndex(":external_id")), m_id_by_email_at(m_id_by_email.getIndex(":email")),
      m_id_by_email_id(m_id_by_email.getColumnIndex("id")), m_kind_id(m_kind.getIndex(":id")),
      m_kind_kind(m_kind.getColumnIndex("kind")), m_update_id(m_update.getIndex(":id")),
      m_add_tag_person(m_add_tag.getIndex(":person")), m_add_tag_tag(m_add_tag.getIndex(":tag")),
      m_remove_tag_person(m_remove_tag.getIndex(":person")), m_remove_tag_tag(m_remove_tag.getIndex(":tag"))
{
}

std::optional<StoredPerson> PeopleWriter::read_one(SQLite::Statement& query, const PersonColumns& columns)
{
    std::optional<StoredPerson> found;
    if (query.executeStep()) found = person_from_row(query, columns);
    query.reset();
    return found;
}

std::optional<StoredPerson> PeopleWriter::find_by_email(const std::string& email)
{
    m_by_email.bind(m_by_email_at, email);
    return read_one(m_by_email, m_by_email_columns);
}

std::optional<StoredPerson> PeopleWriter::find_by_external_id(const std::string& external_id)
{
    m_by_external_id.bind(m_by_external_id_at, external_id);
    return read_one(m_by_external_id, m_by_external_id_columns);
}

std::optional<long long> PeopleWriter::find_id_by_email(const std::string& email)
{
    m_id_by_email.bindNoCopy(m_id_by_email_at, email);
    std::optional<long long> id;
    if (m_id_by_email.executeStep()) id = m_id_by_email.getColumn(m_id_by_email_id).getInt64();
    m_id_by_email.reset();
    return id;
}

std::optional<std::string> PeopleWriter::kind_of(long long id)
{
    m_kind.bind(m_kind_id, static_cast<int64_t>(id));
    std::optional<std::string> kind;
    if (m_kind.executeStep()) kind = opt_text(m_kind.getColumn(m_kind_kind));
    m_kind.reset();
    return kind;
}

PeopleWriter::PersonParameters::PersonParameters(const SQLite::Statement& s)
    : email(s.getIndex(":email")), name(s.getIndex(":name")), company(s.getIndex(":company")),
      industry(s.getIndex(":industry")), kind(s.getIndex(":kind")), annual_value(s.getIndex(":annual_value")),
      started_on(s.getIndex(":started_on")), ended_on(s.getIndex(":ended_on")), source(s.getIndex(":source")),
      external_id(s.getIndex(":external_id")), opened_on(s.getIndex(":opened_on")),
      referred_by(s.getIndex(":referred_by")), at(s.getIndex(":at"))
{
}

// Binds without copying: the person and m_dates outlive the statement's exec().
void PeopleWriter::bind_person(SQLite::Statement& s, const PersonParameters& at, const Person& p)
{
    static const std::string k_client = "client";
    auto text = [&](int i, const std::optional<std::string>& v) {
        if (v) s.bindNoCopy(i, *v); else s.bind(i);
    };
    auto date = [&](int i, const std::optional<Date>& d, std::string& scratch) {
        if (!d) return s.bind(i);
        scratch = to_string(*d);
        s.bindNoCopy(i, scratch);
    };
    text(at.email, p.email);
    text(at.name, p.name);
    text(at.company, p.company);
    text(at.industry, p.industry);
    s.bindNoCopy(at.kind, p.kind ? *p.kind : k_client);
    if (p.annual_value) s.bind(at.annual_value, static_cast<int64_t>(*p.annual_value)); else s.bind(at.annual_value);
    date(at.started_on, p.started_on, m_dates[0]);
    date(at.ended_on, p.ended_on, m_dates[1]);
    text(at.source, p.source);
    text(at.external_id, p.external_id);
    date(at.opened_on, p.opened_on, m_dates[2]);
    if (p.referred_by) s.bind(at.referred_by, static_cast<int64_t>(*p.referred_by)); else s.bind(at.referred_by);
    s.bindNoCopy(at.at, m_events.actor().at);
}

long long PeopleWriter::insert(const Person& person)
{
    auto id = insert_if_new(person);
    if (!id) throw std::runtime_error(fmt::format("{} is already in the ledger", person_handle(person)));
    return *id;
}

std::optional<long long> PeopleWriter::insert_if_new(const Person& person)
{
    m_insert.reset();
    bind_person(m_insert, m_insert_at, person);
    if (m_insert.exec() == 0) return std::nullopt; // the email or external id is taken
    long long id = m_db.getLastInsertRowid();
    // The new person as a JSON object of its set fields (written by hand: imports do this per row).
    std::string& created = m_scratch;
    created.clear();
    created += '{';
    for (PersonField f : k_stored_fields)
        if (auto text = field_text(person, f)) {
            if (created.size() > 1) created += ',';
            append_json_string(created, field_name(f));
            created += ':';
            append_json_string(created, *text);
        }
    if (person.referred_by) { // who referred whom: the referral that brought them
        if (created.size() > 1) created += ',';
        append_json_string(created, "referred_by");
        created += ':';
        append_json_string(created, std::to_string(*person.referred_by));
    }
    if (!person.tags.empty()) {
        if (created.size() > 1) created += ',';
        created += "\"tags\":[";
        for (size_t i = 0; i < person.tags.size(); ++i) {
            if (i) created += ',';
            append_json_string(created, person.tags[i]);
        }
        created += ']';
    }
    created += '}';
    m_events.record("client", id, "created", std::nullopt, created);
    for (const std::string& tag : person.tags) insert_tag(id, tag); // recorded in "created"
    return id;
}

void PeopleWriter::update(long long id, const Person& before, const Person& after)
{
    m_update.reset();
    bind_person(m_update, m_update_at, after);
    m_update.bind(m_update_id, static_cast<int64_t>(id));
    m_update.exec();
    for (PersonField f : changed_fields(before, after))
        m_events.record("client", id, field_name(f), field_text(before, f), field_text(after, f));
    if (before.referred_by != after.referred_by)
        m_events.record("client", id, "referred_by",
                        before.referred_by ? std::optional(std::to_string(*before.referred_by)) : std::nullopt,
                        after.referred_by ? std::optional(std::to_string(*after.referred_by)) : std::nullopt);
}

bool PeopleWriter::insert_tag(long long id, const std::string& tag)
{
    m_add_tag.reset();
    m_add_tag.bind(m_add_tag_person, static_cast<int64_t>(id));
    m_add_tag.bind(m_add_tag_tag, tag);
    return m_add_tag.exec() > 0;
}

int PeopleWriter::add_tags(long long id, const std::vector<std::string>& tags)
{
    int added = 0;
    for (const std::string& tag : tags) {
        if (insert_tag(id, tag)) {
            m_events.record("client", id, "tag added", std::nullopt, tag);
            ++added;
        }
    }
    return added;
}

int PeopleWriter::remove_tags(long long id, const std::vector<std::string>& tags)
{
    int removed = 0;
    for (const std::string& tag : tags) {
        m_remove_tag.reset();
        m_remove_tag.bind(m_remove_tag_person, static_cast<int64_t>(id));
        m_remove_tag.bind(m_remove_tag_tag, tag);
        if (m_remove_tag.exec() > 0) {
            m_events.record("client", id, "tag removed", tag, std::nullopt);
            ++removed;
        }
    }
    return removed;
}

} // namespace refer
