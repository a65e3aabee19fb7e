#pragma once
// Plain text helpers that know nothing of the product.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace refer {

// A-Z to a-z, every other byte as it is (SQLite's NOCASE folds the same letters).
std::string ascii_lower(std::string_view text);

// Without the ASCII blanks around it (space, \t, \n, \v, \f, \r: what std::isspace
// means in the C locale); bytes of UTF-8 text are never blanks.
std::string_view trim(std::string_view text);

// `a, b or c` (`last` joins the last two): how a message lists the words a value may be.
std::string spoken_list(std::span<const std::string_view> words, std::string_view last = "or");

// The words as strings, for interfaces that want them so (CLI11's IsMember).
std::vector<std::string> to_strings(std::span<const std::string_view> words);

} // namespace refer
