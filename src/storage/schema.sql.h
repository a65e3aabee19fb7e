#pragma once
// Schema migrations, in order: migration i brings user_version from i to i+1.
// Never edit a released migration; append a new one. CHECKs use OR chains, not IN lists:
// SQLite builds an ephemeral b-tree per row for IN (...), which halves insert speed.
#include <string_view>

namespace refer::schema {

inline constexpr std::string_view k_migrations[] = {
R"sql(
CREATE TABLE clients (
    id           INTEGER PRIMARY KEY,
    email        TEXT COLLATE NOCASE UNIQUE,
    name         TEXT,
    company      TEXT,
    industry     TEXT,
    kind         TEXT NOT NULL DEFAULT 'client'
                 CHECK (kind = 'client' OR kind = 'partner' OR kind = 'employee' OR kind = 'advisor'),
    annual_value INTEGER CHECK (annual_value >= 0),
    started_on   TEXT,
    ended_on     TEXT,
    source       TEXT CHECK (source IS NULL OR source = 'referral' OR source = 'outbound' OR source = 'inbound' OR source = 'partner' OR source = 'event' OR source = 'other'),
    referred_by  INTEGER REFERENCES referrals(id),
    external_id  TEXT,
    opened_on    TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (email IS NOT NULL OR external_id IS NOT NULL)
);
-- Partial: most people have no CRM id, and NULLs need no index entry.
CREATE UNIQUE INDEX clients_by_external_id ON clients(external_id) WHERE external_id IS NOT NULL;
CREATE TABLE tags (
    client_id INTEGER NOT NULL REFERENCES clients(id),
    tag       TEXT NOT NULL,
    PRIMARY KEY (client_id, tag)
) WITHOUT ROWID;
CREATE INDEX tags_by_tag ON tags(tag);
CREATE TABLE nps_responses (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients(id),
    score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    responded_on TEXT NOT NULL,
    comment      TEXT,
    UNIQUE (client_id, responded_on)
);
CREATE TABLE milestones (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients(id),
    on_date     TEXT NOT NULL,
    description TEXT NOT NULL
);
CREATE INDEX milestones_by_client ON milestones(client_id, on_date);
CREATE TABLE referrals (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    referrer_id     INTEGER NOT NULL REFERENCES clients(id),
    referee_name    TEXT,
    referee_email   TEXT COLLATE NOCASE,
    referee_company TEXT,
    source          TEXT NOT NULL CHECK (source = 'client' OR source = 'partner' OR source = 'employee' OR source = 'advisor' OR source = 'other'),
    submitted_on    TEXT NOT NULL,
    status          TEXT NOT NULL
                    CHECK (status = 'submitted' OR status = 'contacted' OR status = 'meeting' OR status = 'qualified' OR status = 'won' OR status = 'lost'),
    status_on       TEXT NOT NULL,
    contacted_on    TEXT,
    meeting_on      TEXT,
    qualified_on    TEXT,
    won_on          TEXT,
    lost_on         TEXT,
    lost_reason     TEXT,
    deal_value      INTEGER CHECK (deal_value >= 0),
    consent         INTEGER NOT NULL DEFAULT 0 CHECK (consent = 0 OR consent = 1),
    note            TEXT
);
CREATE INDEX referrals_by_referee ON referrals(referee_email, submitted_on);
CREATE INDEX referrals_by_referrer ON referrals(referrer_id, status);
CREATE TABLE asks (
    id        INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id),
    asked_on  TEXT NOT NULL,
    reason    TEXT,
    UNIQUE (client_id, asked_on)
);
CREATE TABLE programs (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    effective_on TEXT,
    loaded_at    TEXT NOT NULL,
    source       TEXT NOT NULL
);
CREATE TABLE payouts (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals(id),
    beneficiary TEXT NOT NULL CHECK (beneficiary = 'referrer' OR beneficiary = 'referee'),
    email       TEXT COLLATE NOCASE,
    client_id   INTEGER REFERENCES clients(id),
    reward      TEXT NOT NULL,
    kind        TEXT NOT NULL
                CHECK (kind = 'cash' OR kind = 'credit' OR kind = 'discount' OR kind = 'donation' OR kind = 'gift' OR kind = 'recognition'),
    amount      INTEGER NOT NULL,
    earned_on   TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status = 'pending' OR status = 'paid' OR status = 'void'),
    paid_on     TEXT,
    reference   TEXT,
    program_id  INTEGER REFERENCES programs(id),
    explanation TEXT NOT NULL
);
CREATE INDEX payouts_by_referral ON payouts(referral_id, reward, beneficiary);
CREATE TABLE events (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    on_date   TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    what      TEXT NOT NULL,
    old       TEXT,
    new       TEXT,
    user      TEXT
);
CREATE INDEX events_by_entity ON events(entity, entity_id);
CREATE TRIGGER events_are_append_only_u BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_are_append_only_d BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
)sql",
// 1: `refer submit` warns about colleagues (same company or email domain) without a scan.
R"sql(
CREATE INDEX clients_by_company ON clients(company COLLATE NOCASE);
CREATE INDEX clients_by_domain ON clients(substr(email, instr(email, '@') + 1));
)sql",
// 2: programs keep a hash of their text (`program list` tells identical files apart,
// `program load` sees that a file changes nothing); payouts are found by person and by due date; a
// compute remembers what it judged, so that the next one judges only what changed since.
R"sql(
ALTER TABLE programs ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
CREATE INDEX payouts_by_client ON payouts(client_id) WHERE client_id IS NOT NULL;
CREATE INDEX payouts_by_email ON payouts(email) WHERE email IS NOT NULL;
CREATE INDEX payouts_pending_by_due ON payouts(due_on) WHERE status = 'pending';
CREATE TABLE payout_compute (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    event_id   INTEGER NOT NULL,
    program_id INTEGER NOT NULL,
    live       INTEGER NOT NULL DEFAULT 0
);
)sql",
// 3: the report reads only its period's rows (SPEC 8): covering indexes on the stage dates
// it counts by, on when people started, on payouts by date and on NPS answers by day. The
// stage-date indexes are partial: a date is set only once the stage is reached. Nudge
// (SPEC 9) starts from recent milestones and NPS answers, found by day.
R"sql(
CREATE INDEX referrals_by_submitted ON referrals(submitted_on, source, contacted_on, meeting_on, won_on, referrer_id);
CREATE INDEX referrals_by_won ON referrals(won_on, source, submitted_on, deal_value, referrer_id) WHERE won_on IS NOT NULL;
CREATE INDEX referrals_by_lost ON referrals(lost_on, source) WHERE lost_on IS NOT NULL;
CREATE INDEX referrals_open ON referrals(status, status_on, submitted_on) WHERE status <> 'won' AND status <> 'lost';
CREATE INDEX clients_by_started ON clients(started_on, kind, source, annual_value) WHERE started_on IS NOT NULL;
CREATE INDEX clients_by_kind ON clients(kind, started_on, ended_on);
CREATE INDEX payouts_by_earned ON payouts(earned_on, status, amount);
CREATE INDEX payouts_by_paid ON payouts(paid_on, amount) WHERE paid_on IS NOT NULL;
DROP INDEX payouts_pending_by_due;
CREATE INDEX payouts_pending_by_due ON payouts(due_on, amount) WHERE status = 'pending';
CREATE INDEX nps_by_day ON nps_responses(responded_on, score, client_id);
CREATE INDEX milestones_by_day ON milestones(on_date, client_id);
)sql",
// 4: referral fit (SPEC 4): the four parts of the rubric, each unset until scored. `due`
// (SPEC 9) reads every row it lists from the two small partial indexes alone: the open
// referrals' index covers the referee and the fit, the pending payouts' the beneficiary.
R"sql(
ALTER TABLE referrals ADD COLUMN fit_industry INTEGER CHECK (fit_industry BETWEEN 0 AND 3);
ALTER TABLE referrals ADD COLUMN fit_role INTEGER CHECK (fit_role BETWEEN 0 AND 3);
ALTER TABLE referrals ADD COLUMN fit_size INTEGER CHECK (fit_size BETWEEN 0 AND 2);
ALTER TABLE referrals ADD COLUMN fit_urgency INTEGER CHECK (fit_urgency IN (0, 1));
DROP INDEX referrals_open;
CREATE INDEX referrals_open ON referrals(status, status_on, submitted_on, referee_email, referee_name, fit_industry,
                                         fit_role, fit_size, fit_urgency) WHERE status <> 'won' AND status <> 'lost';
DROP INDEX payouts_pending_by_due;
CREATE INDEX payouts_pending_by_due ON payouts(due_on, amount, referral_id, email, client_id, status)
    WHERE status = 'pending';
)sql",
// 5: the report's `by_fit` (SPEC 4, 8) reads the fit of the referrals it counts by stage date
// from those indexes alone, and the submission day that decides each one's threshold.
R"sql(
DROP INDEX referrals_by_submitted;
CREATE INDEX referrals_by_submitted ON referrals(submitted_on, source, contacted_on, meeting_on, won_on, referrer_id,
                                                 fit_industry, fit_role, fit_size, fit_urgency);
DROP INDEX referrals_by_won;
CREATE INDEX referrals_by_won ON referrals(won_on, source, submitted_on, deal_value, referrer_id, fit_industry, fit_role,
                                           fit_size, fit_urgency) WHERE won_on IS NOT NULL;
DROP INDEX referrals_by_lost;
CREATE INDEX referrals_by_lost ON referrals(lost_on, source, submitted_on, fit_industry, fit_role, fit_size, fit_urgency)
    WHERE lost_on IS NOT NULL;
)sql",
};

} // namespace refer::schema
