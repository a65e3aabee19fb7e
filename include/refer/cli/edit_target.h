#pragma once
// What `refer edit WHAT` corrects: a referral or a person. WHAT is addressed as for `refer
// show` (SPEC 2): a bare integer is a referral id, `ext:ID` a person, an email the person who
// has it, else the referral of that referee. Options only one of them has decide an email.
#include <string>
#include <string_view>
#include <vector>

namespace refer {

enum class EditTarget {
    referral,             // a referral id, or an email with options only a referral has
    person,               // ext:ID, or an email with options only a person has
    person_else_referral, // an email with options both have (--name, --email, --company) or none
};

// `referral_only`, `person_only`: the options given that only a referral (--value, --note,
// --consent, --no-consent) or only a person (--kind, --industry ...) has. Options of both, or
// options of the other kind of thing than WHAT names, are a usage error (exit 2).
EditTarget edit_target(std::string_view what, const std::vector<std::string>& referral_only,
                       const std::vector<std::string>& person_only);

} // namespace refer
