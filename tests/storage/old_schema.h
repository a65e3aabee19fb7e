#pragma once
// SQL that takes a current ledger back to an older schema version, for migration tests.
#include <string_view>

// Back from schema version 4 to 3: without the report's indexes of migration 3.
inline constexpr std::string_view k_migration_3_undone =
    "DROP INDEX referrals_by_submitted; DROP INDEX referrals_by_won; DROP INDEX referrals_by_lost; "
    "DROP INDEX referrals_open; DROP INDEX clients_by_started; DROP INDEX clients_by_kind; "
    "DROP INDEX payouts_by_earned; DROP INDEX payouts_by_paid; DROP INDEX nps_by_day; DROP INDEX milestones_by_day; "
    "DROP INDEX payouts_pending_by_due; CREATE INDEX payouts_pending_by_due ON payouts(due_on) WHERE status = 'pending'; "
    "PRAGMA user_version = 3";
