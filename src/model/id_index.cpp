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

void IdIndex::reserve(const TextColumn& ids, std::size_t count) {
  if (2 * count > slots_.size()) grow(ids, std::bit_ceil(std::max<std::size_t>(2 * count, 16)));
}

std::size_t IdIndex::probe(const TextColumn& ids, std::string_view id, std::uint64_t h) const noexcept {
  const std::size_t mask = slots_.size() - 1;
  const auto high = static_cast<std::uint32_t>(h >> 32);
  std::size_t i = h & mask;
  for (std::size_t visited = 0; visited < slots_.size(); ++visited, i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.row == 0) return i;
    if (s.hash == high && s.row <= ids.size() && ids[s.row - 1] == id) return i;
  }
  return none;
}

void IdIndex::grow(const TextColumn& ids, std::size_t slots) {
  std::vector<Slot> grown(slots, Slot{});
  const std::size_t mask = slots - 1;
  for (const Slot& s : slots_) {
    if (s.row == 0) continue;
    std::size_t i = hash(ids[s.row - 1]) & mask;
    while (grown[i].row != 0) i = (i + 1) & mask;
    grown[i] = s;
  }
  slots_ = Column<Slot>(std::move(grown));
}

std::optional<std::uint32_t> IdIndex::insert(const TextColumn& ids, std::uint32_t row) {
  if (2 * (size_ + 1) > slots_.size()) grow(ids, std::max<std::size_t>(16, 2 * slots_.size()));
  const std::string_view id = ids[row];
  const std::uint64_t h = hash(id);
  const std::size_t at = probe(ids, id, h);  // never `none`: the index is at most half full
  Slot& s = slots_.edit()[at];
  if (s.row != 0) return s.row - 1;
  s = {row + 1, static_cast<std::uint32_t>(h >> 32)};
  ++size_;
  return std::nullopt;
}

std::optional<std::uint32_t> IdIndex::find(const TextColumn& ids, std::string_view id) const noexcept {
  if (slots_.empty()) return std::nullopt;
  const std::size_t at = probe(ids, id, hash(id));
  if (at == none || slots_[at].row == 0) return std::nullopt;
  return slots_[at].row - 1;
}

}  // namespace actorgraph
