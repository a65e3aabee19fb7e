#pragma once
// Plain text helpers that know nothing of the product.
#include <cstdint>
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

// `1,000,000`
std::string with_thousands(std::uint64_t n);

// A file size as people read it: `512 B`, `3.4 KiB`, `12.3 MiB`, `1.2 GiB` (one decimal,
// powers of 1024).
std::string binary_size(std::uint64_t bytes);

// How many single-letter edits (insert, delete, replace, swap two neighbours) turn one word
// into the other: how near a mistyped name is to a real one.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Is `text` well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF)?
bool is_valid_utf8(std::string_view text);
// `text` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// The words as strings, for interfaces that want them so (CLI11's IsMember).
std::vector<std::string> to_strings(std::span<const std::string_view> words);

} // namespace refer
