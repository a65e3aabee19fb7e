#pragma once
// A bounded map from text keys (emails) to ids with one small tag each, packed for millions of
// keys: open addressing over 16-byte slots, the keys in 1 MiB arena blocks. About 60 MiB at
// the default capacity of 2^20 keys; emptied when full, so memory stays flat.
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace refer {

class IdCache {
public:
    struct Found {
        long long id;
        std::uint8_t tag;
    };

    explicit IdCache(std::size_t capacity = std::size_t{1} << 20);

    std::optional<Found> find(std::string_view key) const;
    // Adds or replaces. Keys longer than 255 bytes are not kept. Ids must not be 0.
    void put(std::string_view key, long long id, std::uint8_t tag);
    // Changes the tag of a key present; nothing when absent.
    void retag(std::string_view key, std::uint8_t tag);
    std::size_t size() const { return m_size; }

private:
    struct Slot {
        long long id = 0; // 0: empty
        std::uint32_t offset = 0;
        std::uint8_t length = 0, tag = 0;
        std::uint16_t check = 0; // more bits of the hash, to skip most key comparisons
    };
    Slot* locate(std::string_view key, std::uint64_t hash) const;
    std::string_view key_of(const Slot& s) const;
    void clear();

    std::size_t m_capacity, m_size = 0;
    std::vector<Slot> m_slots;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_used = 0; // bytes used in the last block
};

} // namespace refer
