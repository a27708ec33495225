#include "actorgraph/model/id_index.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace actorgraph {

namespace {

constexpr std::uint64_t multiplier = 0x9E3779B97F4A7C15ull;  // 2^64 / golden ratio, odd

// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
std::uint64_t mix(std::uint64_t h) noexcept {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

}  // namespace

std::uint64_t IdIndex::hash(std::string_view text) noexcept {
  std::uint64_t h = text.size() * multiplier;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    h = (h ^ word) * multiplier;
    h ^= h >> 29;
  }
  if (i < text.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, text.size() - i);
    h = (h ^ word) * multiplier;
  }
  return mix(h);
}

void IdIndex::reserve(std::size_t ids) {
  entries_.reserve(ids);
  if (2 * ids > slots_.size()) grow(std::bit_ceil(std::max<std::size_t>(2 * ids, 16)));
}

std::size_t IdIndex::probe(std::string_view id, std::uint64_t h) const noexcept {
  const std::size_t mask = slots_.size() - 1;
  const auto high = static_cast<std::uint32_t>(h >> 32);
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.entry == 0) return i;
    if (s.hash != high) continue;
    const Entry& e = entries_[s.entry - 1];
    if (e.size == id.size() && std::memcmp(e.data, id.data(), id.size()) == 0) return i;
  }
}

void IdIndex::grow(std::size_t slots) {
  std::vector<Slot> old(slots, Slot{});
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.entry == 0) continue;
    const Entry& e = entries_[s.entry - 1];
    std::size_t i = hash({e.data, e.size}) & mask;
    while (slots_[i].entry != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::optional<std::uint32_t> IdIndex::insert(std::string_view id, std::uint32_t number) {
  if (2 * (entries_.size() + 1) > slots_.size()) grow(std::max<std::size_t>(16, 2 * slots_.size()));
  const std::uint64_t h = hash(id);
  Slot& s = slots_[probe(id, h)];
  if (s.entry != 0) return entries_[s.entry - 1].number;
  entries_.push_back({id.data(), static_cast<std::uint32_t>(id.size()), number});
  s = {static_cast<std::uint32_t>(entries_.size()), static_cast<std::uint32_t>(h >> 32)};
  return std::nullopt;
}

std::optional<std::uint32_t> IdIndex::find(std::string_view id) const noexcept {
  if (slots_.empty()) return std::nullopt;
  const Slot& s = slots_[probe(id, hash(id))];
  if (s.entry == 0) return std::nullopt;
  return entries_[s.entry - 1].number;
}

}  // namespace actorgraph
