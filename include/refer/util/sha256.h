#pragma once
// SHA-256 (FIPS 180-4), for fingerprints of stored texts. No Debian crypto library is a
// dependency, and a fingerprint needs no more than this.
#include <string>
#include <string_view>

namespace refer {

// The digest of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

} // namespace refer
