#include "refer/storage/referrals.h"

#include "refer/storage/columns.h"
#include "refer/util/json_text.h"

#include <charconv>
#include <stdexcept>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace refer {

// The referrer's columns are renamed: the referral has an email of its own.
static constexpr const char* k_referral_select =
    "SELECT r.id, r.referrer_id, r.referee_name, r.referee_email, r.referee_company, r.source, r.submitted_on, "
    "r.status, r.status_on, r.contacted_on, r.meeting_on, r.qualified_on, r.won_on, r.lost_on, r.lost_reason, "
    "r.deal_value, r.consent, r.note, r.fit_industry, r.fit_role, r.fit_size, r.fit_urgency, c.email AS referrer_email, c.external_id AS referrer_external_id, "
    "c.kind AS referrer_kind "
    "FROM referrals r JOIN clients c ON c.id = r.referrer_id ";

ReferralColumns::ReferralColumns(const SQLite::Statement& q)
    : id(q.getColumnIndex("id")), referrer_id(q.getColumnIndex("referrer_id")),
      referee_name(q.getColumnIndex("referee_name")), referee_email(q.getColumnIndex("referee_email")),
      referee_company(q.getColumnIndex("referee_company")), source(q.getColumnIndex("source")),
      submitted_on(q.getColumnIndex("submitted_on")), status(q.getColumnIndex("status")),
      status_on(q.getColumnIndex("status_on")), contacted_on(q.getColumnIndex("contacted_on")),
      meeting_on(q.getColumnIndex("meeting_on")), qualified_on(q.getColumnIndex("qualified_on")),
      won_on(q.getColumnIndex("won_on")), lost_on(q.getColumnIndex("lost_on")),
      lost_reason(q.getColumnIndex("lost_reason")), deal_value(q.getColumnIndex("deal_value")),
      consent(q.getColumnIndex("consent")), note(q.getColumnIndex("note")),
      fit_industry(q.getColumnIndex("fit_industry")), fit_role(q.getColumnIndex("fit_role")),
      fit_size(q.getColumnIndex("fit_size")), fit_urgency(q.getColumnIndex("fit_urgency")),
      referrer_email(q.getColumnIndex("referrer_email")), referrer_external_id(q.getColumnIndex("referrer_external_id")),
      referrer_kind(q.getColumnIndex("referrer_kind"))
{
}

static StoredReferral referral_from_row(const SQLite::Statement& q, const ReferralColumns& c)
{
    StoredReferral s;
    s.id = q.getColumn(c.id).getInt64();
    Referral& r = s.referral;
    r.referrer_id = q.getColumn(c.referrer_id).getInt64();
    r.referee_name = opt_text(q.getColumn(c.referee_name));
    r.referee_email = opt_text(q.getColumn(c.referee_email));
    r.referee_company = opt_text(q.getColumn(c.referee_company));
    r.source = q.getColumn(c.source).getString();
    r.submitted_on = date_of(q.getColumn(c.submitted_on));
    r.status = parse_status(q.getColumn(c.status).getString()).value_or(Status::submitted);
    r.status_on = date_of(q.getColumn(c.status_on));
    r.contacted_on = opt_date(q.getColumn(c.contacted_on));
    r.meeting_on = opt_date(q.getColumn(c.meeting_on));
    r.qualified_on = opt_date(q.getColumn(c.qualified_on));
    r.won_on = opt_date(q.getColumn(c.won_on));
    r.lost_on = opt_date(q.getColumn(c.lost_on));
    r.lost_reason = opt_text(q.getColumn(c.lost_reason));
    if (!q.getColumn(c.deal_value).isNull()) r.deal_value = q.getColumn(c.deal_value).getInt64();
    r.consent = q.getColumn(c.consent).getInt() != 0;
    r.note = opt_text(q.getColumn(c.note));
    r.fit.industry = opt_int(q.getColumn(c.fit_industry));
    r.fit.role = opt_int(q.getColumn(c.fit_role));
    r.fit.size = opt_int(q.getColumn(c.fit_size));
    if (auto urgency = opt_int(q.getColumn(c.fit_urgency))) r.fit.urgency = *urgency != 0;
    s.referrer_email = opt_text(q.getColumn(c.referrer_email));
    s.referrer = s.referrer_email ? *s.referrer_email : "ext:" + q.getColumn(c.referrer_external_id).getString();
    s.referrer_kind = q.getColumn(c.referrer_kind).getString();
    return s;
}

// Every row of a statement prepared here and used once.
static std::vector<StoredReferral> all_referrals(SQLite::Statement& q)
{
    ReferralColumns columns(q);
    std::vector<StoredReferral> out;
    while (q.executeStep()) out.push_back(referral_from_row(q, columns));
    return out;
}

static std::optional<StoredReferral> first_row(SQLite::Statement& q)
{
    if (!q.executeStep()) return std::nullopt;
    return referral_from_row(q, ReferralColumns(q));
}

std::optional<StoredReferral> find_referral(SQLite::Database& db, long long id)
{
    SQLite::Statement q(db, std::string(k_referral_select) + "WHERE r.id = :id");
    q.bind(":id", static_cast<int64_t>(id));
    return first_row(q);
}

std::uint64_t highest_referral_id(SQLite::Database& db)
{
    return static_cast<std::uint64_t>(db.execAndGet("SELECT coalesce(max(id), 0) FROM referrals").getInt64());
}

std::optional<StoredReferral> find_referral_by_referee(SQLite::Database& db, const std::string& email)
{
    SQLite::Statement q(db, std::string(k_referral_select) +
                                "WHERE r.referee_email = :email ORDER BY r.submitted_on DESC, r.id DESC LIMIT 1");
    q.bind(":email", normalize_email(email));
    return first_row(q);
}

std::optional<StoredReferral> find_referral_ref(SQLite::Database& db, std::string_view ref)
{
    long long id = 0;
    auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
    if (!ref.empty() && ec == std::errc() && end == ref.data() + ref.size()) return find_referral(db, id);
    return find_referral_by_referee(db, std::string(ref));
}

std::vector<PriorReferral> referrals_of_referee(SQLite::Database& db, const std::string& email)
{
    SQLite::Statement q(db, "SELECT r.id AS id, coalesce(c.email, 'ext:' || c.external_id) AS referrer, "
                            "r.submitted_on AS submitted_on FROM referrals r JOIN clients c ON c.id = r.referrer_id "
                            "WHERE r.referee_email = :email ORDER BY r.submitted_on, r.id");
    q.bind(":email", email);
    const int id = q.getColumnIndex("id"), referrer = q.getColumnIndex("referrer"),
              submitted_on = q.getColumnIndex("submitted_on");
    std::vector<PriorReferral> prior;
    while (q.executeStep())
        prior.push_back({q.getColumn(id).getInt64(), q.getColumn(referrer).getString(), date_of(q.getColumn(submitted_on))});
    return prior;
}

// Without a copy: the text stays valid until the next step.
static std::string_view text_of(const SQLite::Column& c) { return {c.getText(), static_cast<size_t>(c.getBytes())}; }

void for_each_referee_email(SQLite::Database& db, const std::function<void(std::string_view)>& visit)
{
    SQLite::Statement q(db, "SELECT referee_email FROM referrals WHERE referee_email IS NOT NULL");
    const int email = q.getColumnIndex("referee_email");
    while (q.executeStep()) visit(text_of(q.getColumn(email)));
}

std::vector<StoredReferral> list_referrals(SQLite::Database& db, const ReferralFilter& filter)
{
    std::string sql = std::string(k_referral_select) + "WHERE 1";
    if (filter.referrer_id) sql += " AND r.referrer_id = :referrer";
    if (filter.status) sql += " AND r.status = :status";
    sql += " ORDER BY r.id";
    SQLite::Statement q(db, sql);
    if (filter.referrer_id) q.bind(":referrer", static_cast<int64_t>(*filter.referrer_id));
    if (filter.status) q.bind(":status", std::string(to_string(*filter.status)));
    return all_referrals(q);
}

std::optional<Colleague> find_colleague(SQLite::Database& db, const std::optional<std::string>& referee_email,
                                        const std::optional<std::string>& referee_company)
{
    // The expressions match the indexes a later migration may add on company and domain.
    std::string domain = referee_email ? email_domain(*referee_email) : std::string();
    if (is_free_mail_domain(domain)) domain.clear();
    if (domain.empty() && !referee_company) return std::nullopt;
    SQLite::Statement q(db, "SELECT id, email, name, company, kind, external_id FROM clients "
                            "WHERE company = :company COLLATE NOCASE UNION "
                            "SELECT id, email, name, company, kind, external_id FROM clients "
                            "WHERE substr(email, instr(email, '@') + 1) = :domain ORDER BY id LIMIT 5");
    if (referee_company) q.bind(":company", *referee_company); else q.bind(":company");
    if (!domain.empty()) q.bind(":domain", domain); else q.bind(":domain");
    const int id = q.getColumnIndex("id"), email = q.getColumnIndex("email"), name = q.getColumnIndex("name"),
              company = q.getColumnIndex("company"), kind = q.getColumnIndex("kind"),
              external_id = q.getColumnIndex("external_id");
    while (q.executeStep()) {
        StoredPerson s;
        s.id = q.getColumn(id).getInt64();
        s.person.email = opt_text(q.getColumn(email));
        s.person.name = opt_text(q.getColumn(name));
        s.person.company = opt_text(q.getColumn(company));
        s.person.kind = opt_text(q.getColumn(kind));
        s.person.external_id = opt_text(q.getColumn(external_id));
        if (referee_email && s.person.email == referee_email) continue;
        if (auto why = colleague_reason(referee_email, referee_company, s.person.email, s.person.company))
            return Colleague{std::move(s), *why};
    }
    return std::nullopt;
}

std::vector<StoredEvent> referral_events(SQLite::Database& db, long long id) { return events_of(db, "referral", id); }

std::vector<ReferralFieldText> referral_fields(const Referral& r)
{
    auto date = [](const std::optional<Date>& d) { return d ? std::optional(to_string(*d)) : std::nullopt; };
    auto number = [](const std::optional<int>& n) { return n ? std::optional(std::to_string(*n)) : std::nullopt; };
    return {
        {"referrer_id", std::to_string(r.referrer_id)},
        {"referee_name", r.referee_name},
        {"referee_email", r.referee_email},
        {"referee_company", r.referee_company},
        {"source", r.source},
        {"submitted_on", to_string(r.submitted_on)},
        {"status", std::string(to_string(r.status))},
        {"status_on", to_string(r.status_on)},
        {"contacted_on", date(r.contacted_on)},
        {"meeting_on", date(r.meeting_on)},
        {"qualified_on", date(r.qualified_on)},
        {"won_on", date(r.won_on)},
        {"lost_on", date(r.lost_on)},
        {"lost_reason", r.lost_reason},
        {"deal_value", r.deal_value ? std::optional(std::to_string(*r.deal_value)) : std::nullopt},
        {"consent", r.consent ? "true" : "false"},
        {"note", r.note},
        {"fit_industry", number(r.fit.industry)},
        {"fit_role", number(r.fit.role)},
        {"fit_size", number(r.fit.size)},
        {"fit_urgency", r.fit.urgency ? std::optional<std::string>(*r.fit.urgency ? "true" : "false") : std::nullopt},
    };
}

static constexpr const char* k_values =
    ":referrer_id, :referee_name, :referee_email, :referee_company, :source, :submitted_on, :status, :status_on, "
    ":contacted_on, :meeting_on, :qualified_on, :won_on, :lost_on, :lost_reason, :deal_value, :consent, :note, "
    ":fit_industry, :fit_role, :fit_size, :fit_urgency";

// The index of the parameter named after each field of referral_fields(), in its order.
static std::vector<int> field_parameters(const SQLite::Statement& s)
{
    std::vector<int> at;
    for (const auto& field : referral_fields(Referral{})) at.push_back(s.getIndex(fmt::format(":{}", field.name).c_str()));
    return at;
}

// `at` from field_parameters(); text without copies: `fields` outlive the statement's exec().
static void bind_referral(SQLite::Statement& s, const std::vector<int>& at, const std::vector<ReferralFieldText>& fields,
                          const Referral& r)
{
    for (size_t i = 0; i < fields.size(); ++i) {
        const auto& [name, value] = fields[i];
        if (name == "referrer_id") s.bind(at[i], static_cast<int64_t>(r.referrer_id));
        else if (name == "deal_value" && r.deal_value) s.bind(at[i], static_cast<int64_t>(*r.deal_value));
        else if (name == "consent") s.bind(at[i], r.consent ? 1 : 0);
        else if (name == "fit_urgency" && r.fit.urgency) s.bind(at[i], *r.fit.urgency ? 1 : 0);
        else if (name == "fit_industry" && r.fit.industry) s.bind(at[i], *r.fit.industry);
        else if (name == "fit_role" && r.fit.role) s.bind(at[i], *r.fit.role);
        else if (name == "fit_size" && r.fit.size) s.bind(at[i], *r.fit.size);
        else if (value) s.bindNoCopy(at[i], *value);
        else s.bind(at[i]);
    }
}

ReferralWriter::ReferralWriter(SQLite::Database& db, EventLog& events)
    : m_db(db), m_events(events),
      m_insert(db, fmt::format("INSERT INTO referrals (referrer_id, referee_name, referee_email, referee_company, "
                               "source, submitted_on, status, status_on, contacted_on, meeting_on, qualified_on, "
                               "won_on, lost_on, lost_reason, deal_value, consent, note, fit_industry, fit_role, fit_size, "
                               "fit_urgency) VALUES ({})",
                               k_values)),
      m_update(db, "UPDATE referrals SET referrer_id = :referrer_id, referee_name = :referee_name, "
                   "referee_email = :referee_email, referee_company = :referee_company, source = :source, "
                   "submitted_on = :submitted_on, status = :status, status_on = :status_on, "
                   "contacted_on = :contacted_on, meeting_on = :meeting_on, qualified_on = :qualified_on, "
                   "won_on = :won_on, lost_on = :lost_on, lost_reason = :lost_reason, deal_value = :deal_value, "
                   "consent = :consent, note = :note, fit_industry = :fit_industry, fit_role = :fit_role, "
                   "fit_size = :fit_size, fit_urgency = :fit_urgency WHERE id = :id"),
      m_by_referee(db, std::string(k_referral_select) + "WHERE r.referee_email = :email ORDER BY r.submitted_on, r.id"),
      m_insert_at(field_parameters(m_insert)), m_update_at(field_parameters(m_update)),
      m_update_id(m_update.getIndex(":id")), m_by_referee_email(m_by_referee.getIndex(":email")),
      m_by_referee_columns(m_by_referee)
{
}

std::vector<StoredReferral> ReferralWriter::by_referee(const std::string& email)
{
    m_by_referee.reset();
    m_by_referee.bind(m_by_referee_email, email);
    std::vector<StoredReferral> out;
    while (m_by_referee.executeStep()) out.push_back(referral_from_row(m_by_referee, m_by_referee_columns));
    m_by_referee.reset();
    return out;
}

bool make_referee_client(PeopleWriter& people, long long referral_id, const Referral& r)
{
    if (!r.referee_email) return false;
    auto as_client = [&](Person p) {
        p.email = r.referee_email;
        if (!p.name) p.name = r.referee_name;
        if (!p.company) p.company = r.referee_company;
        p.kind = "client";
        p.source = "referral";
        p.referred_by = referral_id;
        p.started_on = r.won_on;
        p.annual_value = r.deal_value;
        if (p.ended_on && p.started_on && *p.ended_on <= *p.started_on) p.ended_on.reset();
        return p;
    };
    // Most referees are new people: the insert itself finds out (the email is unique).
    if (people.insert_if_new(as_client(Person{}))) return true;
    auto existing = people.find_by_email(*r.referee_email);
    if (!existing) throw std::runtime_error(fmt::format("{} is neither new nor in the ledger", *r.referee_email));
    people.update(existing->id, existing->person, as_client(existing->person));
    return true;
}

long long ReferralWriter::insert(const Referral& referral)
{
    auto fields = referral_fields(referral);
    m_insert.reset();
    bind_referral(m_insert, m_insert_at, fields, referral);
    m_insert.exec();
    long long id = m_db.getLastInsertRowid();
    // The set fields as a JSON object, written by hand: imports do this per row.
    std::string created = "{";
    for (const auto& [name, value] : fields)
        if (value) {
            if (created.size() > 1) created += ',';
            append_json_string(created, name);
            created += ':';
            append_json_string(created, *value);
        }
    created += '}';
    m_events.record("referral", id, "created", std::nullopt, created);
    return id;
}

void ReferralWriter::update(long long id, const Referral& before, const Referral& after)
{
    auto old_fields = referral_fields(before), new_fields = referral_fields(after);
    m_update.reset();
    bind_referral(m_update, m_update_at, new_fields, after);
    m_update.bind(m_update_id, static_cast<int64_t>(id));
    m_update.exec();
    for (size_t i = 0; i < new_fields.size(); ++i)
        if (old_fields[i].value != new_fields[i].value)
            m_events.record("referral", id, new_fields[i].name, old_fields[i].value, new_fields[i].value);
}

static SQLite::Database& with_suspect_tables(SQLite::Database& db)
{
    db.exec("CREATE TEMP TABLE referee_suspects (email TEXT PRIMARY KEY COLLATE NOCASE) WITHOUT ROWID;"
            "CREATE TEMP TABLE suspect_referrals (email TEXT COLLATE NOCASE, id INTEGER, PRIMARY KEY (email, id)) "
            "WITHOUT ROWID");
    return db;
}

SuspectReferees::SuspectReferees(SQLite::Database& db)
    : m_db(with_suspect_tables(db)),
      m_add(db, "INSERT OR IGNORE INTO temp.referee_suspects (email) VALUES (:email)"),
      m_contains(db, "SELECT 1 FROM temp.referee_suspects WHERE email = :email"),
      m_referrals(db, std::string(k_referral_select) + "JOIN temp.suspect_referrals s ON s.id = r.id "
                                                       "WHERE s.email = :email ORDER BY r.submitted_on, r.id"),
      m_record(db, "INSERT OR IGNORE INTO temp.suspect_referrals (email, id) VALUES (:email, :id)"),
      m_add_email(m_add.getIndex(":email")), m_contains_email(m_contains.getIndex(":email")),
      m_referrals_email(m_referrals.getIndex(":email")), m_record_email(m_record.getIndex(":email")),
      m_record_id(m_record.getIndex(":id")), m_referrals_columns(m_referrals)
{
}

void SuspectReferees::add(const std::string& email)
{
    m_add.bindNoCopy(m_add_email, email);
    m_add.exec();
    m_add.reset();
}

void SuspectReferees::copy_ledger_referrals()
{
    // CROSS JOIN keeps the suspects outside: one referee-index probe each, no scan of referrals.
    m_db.exec("INSERT OR IGNORE INTO temp.suspect_referrals (email, id) "
              "SELECT s.email, r.id FROM temp.referee_suspects s CROSS JOIN referrals r "
              "ON r.referee_email = s.email");
}

bool SuspectReferees::contains(const std::string& email)
{
    m_contains.bindNoCopy(m_contains_email, email);
    bool found = m_contains.executeStep();
    m_contains.reset();
    return found;
}

void SuspectReferees::for_each_email(const std::function<void(std::string_view)>& visit)
{
    SQLite::Statement q(m_db, "SELECT email FROM temp.referee_suspects");
    const int email = q.getColumnIndex("email");
    while (q.executeStep()) visit(text_of(q.getColumn(email)));
}

std::vector<StoredReferral> SuspectReferees::referrals(const std::string& email)
{
    m_referrals.bindNoCopy(m_referrals_email, email);
    std::vector<StoredReferral> out;
    while (m_referrals.executeStep()) out.push_back(referral_from_row(m_referrals, m_referrals_columns));
    m_referrals.reset();
    return out;
}

void SuspectReferees::record(const std::string& email, long long id)
{
    m_record.bindNoCopy(m_record_email, email);
    m_record.bind(m_record_id, static_cast<int64_t>(id));
    m_record.exec();
    m_record.reset();
}

} // namespace refer

namespace refer {

std::vector<StoredReferral> referrals_in_range(SQLite::Database& db, long long first, long long last)
{
    SQLite::Statement q(db, std::string(k_referral_select) + "WHERE r.id BETWEEN :first AND :last ORDER BY r.id");
    q.bind(":first", static_cast<int64_t>(first));
    q.bind(":last", static_cast<int64_t>(last));
    return all_referrals(q);
}

std::vector<StoredReferral> referrals_of_referrers(SQLite::Database& db, std::span<const long long> referrer_ids)
{
    SQLite::Statement q(db, std::string(k_referral_select) +
                                "WHERE r.referrer_id IN (SELECT value FROM json_each(:ids)) ORDER BY r.id");
    q.bind(":ids", nlohmann::json(referrer_ids).dump());
    return all_referrals(q);
}

std::vector<long long> referrers_of_referees(SQLite::Database& db, std::span<const std::string> emails)
{
    SQLite::Statement q(db, "SELECT DISTINCT referrer_id FROM referrals "
                            "WHERE referee_email IN (SELECT value FROM json_each(:emails)) "
                            "UNION SELECT id FROM clients WHERE email IN (SELECT value FROM json_each(:emails)) "
                            "ORDER BY 1");
    q.bind(":emails", nlohmann::json(emails).dump());
    std::vector<long long> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
    return ids;
}

void add_deal_value_history(SQLite::Database& db, std::span<StoredReferral> referrals)
{
    SQLite::Statement q(db, "SELECT on_date, what, new FROM events INDEXED BY events_by_entity "
                            "WHERE entity = 'referral' AND entity_id = :id AND what IN ('created', 'deal_value') "
                            "ORDER BY on_date, id");
    auto cents = [](const std::string& text) -> std::optional<Cents> {
        Cents value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
        return value;
    };
    for (StoredReferral& s : referrals) {
        s.deal_values.clear();
        q.bind(":id", static_cast<int64_t>(s.id));
        while (q.executeStep()) {
            Date on = date_of(q.getColumn("on_date"));
            std::optional<std::string> text = opt_text(q.getColumn("new"));
            if (q.getColumn("what").getString() == "deal_value") {
                s.deal_values.push_back({on, text ? cents(*text) : std::nullopt});
                continue;
            }
            // created: the fields it set, as a JSON object of strings.
            auto fields = nlohmann::json::parse(text.value_or("{}"), nullptr, false);
            if (fields.is_object() && fields.contains("deal_value") && fields["deal_value"].is_string())
                s.deal_values.push_back({on, cents(fields["deal_value"].get<std::string>())});
        }
        q.reset();
    }
}

std::vector<long long> referrer_ids(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT DISTINCT referrer_id FROM referrals ORDER BY referrer_id");
    std::vector<long long> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
    return ids;
}

} // namespace refer
