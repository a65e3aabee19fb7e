#pragma once
#include "refer/cli/app.h"
#include "refer/cli/import_file.h"
#include "refer/storage/events.h"

#include <SQLiteCpp/Database.h>

namespace refer {

void import_clients(const ImportOptions& options, const GlobalOptions& globals);
void import_nps(const ImportOptions& options, const GlobalOptions& globals);
void import_referrals(const ImportOptions& options, const GlobalOptions& globals);

// The NPS import in steps, for a command that imports inside its own transaction
// (`refer tag promoters --nps`): open the file with Passes::two (the rows are read twice: the
// last row for a response wins), read the header before opening the database, then the
// rows; unless file.failed() or a dry run the caller calls file.complete_rejects() and
// commits, then calls file.finish().
struct NpsLayout {
    ColumnMap columns;
    ValueFormat format;
    std::vector<std::string> header;
};
NpsLayout read_nps_header(ImportFile& file, const ImportOptions& options);
ImportCounts import_nps_rows(ImportFile& file, const NpsLayout& layout, SQLite::Database& db, EventLog& events);

} // namespace refer
