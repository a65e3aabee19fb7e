#pragma once
// A Bloom filter of text keys (emails): "no" is certain, "maybe" needs a look.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace refer {

// Fixed size (16 MiB) whatever the file size.
class EmailFilter {
public:
    EmailFilter() : m_bits(k_bits / 64, 0) {}
    void clear() { std::fill(m_bits.begin(), m_bits.end(), 0); }
    void add(std::string_view email)
    {
        std::uint64_t h = std::hash<std::string_view>{}(email);
        for (int i = 0; i < 3; ++i, h = h * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull)
            m_bits[(h >> 7) % k_bits / 64] |= std::uint64_t{1} << ((h >> 7) % k_bits % 64);
    }
    bool may_contain(std::string_view email) const
    {
        std::uint64_t h = std::hash<std::string_view>{}(email);
        for (int i = 0; i < 3; ++i, h = h * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull)
            if (!(m_bits[(h >> 7) % k_bits / 64] & (std::uint64_t{1} << ((h >> 7) % k_bits % 64)))) return false;
        return true;
    }

private:
    static constexpr std::uint64_t k_bits = std::uint64_t{1} << 27;
    std::vector<std::uint64_t> m_bits;
};

} // namespace refer
