#pragma once
// The referral-fit options that `refer fit` and `refer submit` share (SPEC 4).
#include "refer/domain/referral.h"

#include <CLI/CLI.hpp>
#include <optional>

namespace refer {

struct FitOptions {
    std::optional<int> industry, role, size;
    bool urgency = false, no_urgency = false;

    bool any() const { return industry || role || size || urgency || no_urgency; }
    // `fit` with the parts given here changed; the others stay as they are.
    Fit applied_to(Fit fit) const;
};

// --industry 0-3, --role 0-3, --size 0-2, --urgency / --no-urgency; out of range is exit 2.
void add_fit_options(CLI::App& cmd, FitOptions& options);

} // namespace refer
