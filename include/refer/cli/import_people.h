#pragma once
#include "refer/cli/app.h"
#include "refer/cli/import_file.h"

namespace refer {

void import_clients(const ImportOptions& options, const GlobalOptions& globals);
void import_nps(const ImportOptions& options, const GlobalOptions& globals);

} // namespace refer
