#pragma once
// Plain text helpers that know nothing of the product.
#include <string>
#include <string_view>

namespace refer {

// A-Z to a-z, every other byte as it is (SQLite's NOCASE folds the same letters).
std::string ascii_lower(std::string_view text);

// Without the ASCII blanks around it (space, \t, \n, \v, \f, \r: what std::isspace
// means in the C locale); bytes of UTF-8 text are never blanks.
std::string_view trim(std::string_view text);

} // namespace refer
