#pragma once
// SQL that takes a current ledger back to an older schema version, for migration tests.
#include <string>

// Back from schema version 6 to 5: the report's stage-date indexes without the fit (migration 5).
inline const std::string k_migration_5_undone =
    "DROP INDEX referrals_by_submitted; CREATE INDEX referrals_by_submitted ON referrals(submitted_on, source, "
    "contacted_on, meeting_on, won_on, referrer_id); DROP INDEX referrals_by_won; CREATE INDEX referrals_by_won ON "
    "referrals(won_on, source, submitted_on, deal_value, referrer_id) WHERE won_on IS NOT NULL; "
    "DROP INDEX referrals_by_lost; CREATE INDEX referrals_by_lost ON referrals(lost_on, source) WHERE lost_on IS NOT NULL; "
    "PRAGMA user_version = 5";

// Back from schema version 6 to 4: also without the fit columns and covering due indexes of migration 4.
inline const std::string k_migration_4_undone =
    k_migration_5_undone +
    "; DROP INDEX referrals_open; CREATE INDEX referrals_open ON referrals(status, status_on, submitted_on) "
    "WHERE status <> 'won' AND status <> 'lost'; DROP INDEX payouts_pending_by_due; "
    "CREATE INDEX payouts_pending_by_due ON payouts(due_on, amount) WHERE status = 'pending'; "
    "ALTER TABLE referrals DROP COLUMN fit_industry; ALTER TABLE referrals DROP COLUMN fit_role; "
    "ALTER TABLE referrals DROP COLUMN fit_size; ALTER TABLE referrals DROP COLUMN fit_urgency; "
    "PRAGMA user_version = 4";

// Back from schema version 6 to 3: also without the report's indexes of migration 3.
inline const std::string k_migration_3_undone =
    k_migration_4_undone +
    "; DROP INDEX referrals_by_submitted; DROP INDEX referrals_by_won; DROP INDEX referrals_by_lost; "
    "DROP INDEX referrals_open; DROP INDEX clients_by_started; DROP INDEX clients_by_kind; "
    "DROP INDEX payouts_by_earned; DROP INDEX payouts_by_paid; DROP INDEX nps_by_day; DROP INDEX milestones_by_day; "
    "DROP INDEX payouts_pending_by_due; CREATE INDEX payouts_pending_by_due ON payouts(due_on) WHERE status = 'pending'; "
    "PRAGMA user_version = 3";
