#include "refer/util/id_cache.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>

namespace refer {

static constexpr std::size_t k_block = std::size_t{1} << 20;

IdCache::IdCache(std::size_t capacity) : m_capacity(capacity), m_slots(std::bit_ceil(capacity * 2)) {}

static std::uint64_t hash_of(std::string_view key) { return std::hash<std::string_view>{}(key); }

std::string_view IdCache::key_of(const Slot& s) const
{
    return {m_blocks[s.offset / k_block].get() + s.offset % k_block, s.length};
}

// The slot holding `key`, else the empty slot where it would go.
IdCache::Slot* IdCache::locate(std::string_view key, std::uint64_t hash) const
{
    std::size_t mask = m_slots.size() - 1;
    auto check = static_cast<std::uint16_t>(hash >> 48);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& s = m_slots[i];
        if (s.id == 0 || (s.check == check && s.length == key.size() && key_of(s) == key))
            return const_cast<Slot*>(&s);
    }
}

std::optional<IdCache::Found> IdCache::find(std::string_view key) const
{
    if (key.size() > 255) return std::nullopt;
    const Slot* s = locate(key, hash_of(key));
    if (s->id == 0) return std::nullopt;
    return Found{s->id, s->tag};
}

void IdCache::put(std::string_view key, long long id, std::uint8_t tag)
{
    if (key.size() > 255 || id == 0) return;
    std::uint64_t hash = hash_of(key);
    Slot* s = locate(key, hash);
    if (s->id != 0) {
        s->id = id;
        s->tag = tag;
        return;
    }
    if (m_size >= m_capacity) {
        clear();
        s = locate(key, hash);
    }
    if (m_blocks.empty() || m_used + key.size() > k_block) {
        m_blocks.push_back(std::make_unique<char[]>(k_block));
        m_used = 0;
    }
    std::memcpy(m_blocks.back().get() + m_used, key.data(), key.size());
    *s = Slot{id, static_cast<std::uint32_t>((m_blocks.size() - 1) * k_block + m_used),
              static_cast<std::uint8_t>(key.size()), tag, static_cast<std::uint16_t>(hash >> 48)};
    m_used += key.size();
    ++m_size;
}

void IdCache::retag(std::string_view key, std::uint8_t tag)
{
    if (key.size() > 255) return;
    Slot* s = locate(key, hash_of(key));
    if (s->id != 0) s->tag = tag;
}

void IdCache::clear()
{
    std::fill(m_slots.begin(), m_slots.end(), Slot{});
    m_blocks.clear();
    m_used = 0;
    m_size = 0;
}

} // namespace refer
