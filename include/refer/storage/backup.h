#pragma once
// `refer backup`: a consistent copy of the ledger taken while other commands may be writing
// it, one standalone file that appears whole, checked, or not at all.
#include "refer/util/output_file.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <filesystem>
#include <span>

namespace refer {

// What a copy holds, for the summary.
struct BackupContents {
    long long people = 0, referrals = 0, payouts = 0;
    std::uintmax_t bytes = 0;
};

// Copies `source` to `target` with SQLite's online backup, as the ledger was at one moment:
// a temporary beside `target`, mode 0600, in rollback-journal mode (it needs no -wal file),
// checked (PRAGMA integrity_check, and it opens as a refer ledger) and synced, then renamed
// onto `target`, which it replaces. On any error nothing is left at `target` but what was
// there. Throws failure when `target` is one of `protected_files`, not a regular file or
// cannot be written, or when the copy fails its check; a SQLite::Exception SQLITE_BUSY when
// the source stays locked past its busy timeout.
BackupContents back_up(SQLite::Database& source, const std::filesystem::path& target,
                       std::span<const ProtectedFile> protected_files);

} // namespace refer
