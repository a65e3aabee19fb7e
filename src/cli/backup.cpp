// refer backup FILE: a consistent copy of the ledger taken while other commands may be
// writing it (SPEC 11), with SQLite's online backup.
#include "refer/cli/app.h"
#include "refer/error.h"
#include "refer/storage/backup.h"
#include "refer/storage/database.h"
#include "refer/util/text.h"

#include <fmt/format.h>
#include <memory>

namespace refer {

namespace fs = std::filesystem;

struct BackupOptions {
    std::string file;
    bool force = false;
};

static std::string counted(long long n, std::string_view one, std::string_view many)
{
    return fmt::format("{} {}", with_thousands(static_cast<std::uint64_t>(n)), n == 1 ? one : many);
}

static void run_backup(const BackupOptions& o, const GlobalOptions& g)
{
    Terminal terminal(g);
    std::vector<ProtectedFile> ledger = ledger_files(g.db_path());
    check_output_target(o.file, ledger); // before --force: the ledger is never replaced
    std::error_code ec;
    if (!o.force && fs::exists(fs::symlink_status(o.file, ec)))
        throw failure(fmt::format("{}: already exists (--force replaces it)", o.file));
    // As it is: a ledger an older refer wrote is copied with its schema, not upgraded first.
    auto db = open_database_as_is(g.db_path());
    BackupContents c = back_up(*db, o.file, ledger);
    terminal.summary(fmt::format("backed up {}, {}, {} to {} ({})", counted(c.people, "person", "people"),
                                 counted(c.referrals, "referral", "referrals"), counted(c.payouts, "payout", "payouts"),
                                 o.file, binary_size(c.bytes)));
}

void setup_backup(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<BackupOptions>();
    CLI::App* cmd = app.add_subcommand("backup", "Copy the ledger to FILE, consistently, while other commands may write it");
    cmd->add_option("FILE", o->file, "Where the copy goes (a new file, unless --force)")->required();
    cmd->add_flag("--force", o->force, "Replace FILE if it exists");
    cmd->footer("Example: refer backup ~/backups/refer-2026-11-30.db");
    cmd->callback([o, &globals, &selected] { selected = [o, &globals] { run_backup(*o, globals); }; });
}

} // namespace refer
