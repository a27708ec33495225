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

// The n bytes at p (1 to 7) as a word in machine order, zeros above them: the value that
// std::memcpy(&word, p, n) gives a zeroed word, but without a call to the library's memcpy, which a
// length known only at run time costs (most ids end in such a tail: "r00000001", "s00230", a date).
// Little-endian: two overlapping 4-byte loads, or three single bytes for 1 to 3 (the middle one
// repeats the first or the last where they coincide, which ORs a byte with itself).
std::uint64_t load_tail(const char* p, std::size_t n) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    if (n >= 4) {
      std::uint32_t low, high;
      std::memcpy(&low, p, 4);
      std::memcpy(&high, p + n - 4, 4);
      return low | std::uint64_t{high} << (8 * (n - 4));
    }
    const auto byte = [p](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
    return byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n - 1) << (8 * (n - 1));
  } else {
    std::uint64_t word = 0;
    std::memcpy(&word, p, n);
    return word;
  }
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
  if (i < text.size()) h = (h ^ load_tail(text.data() + i, text.size() - i)) * multiplier;
  return mix(h);
}

void IdIndex::reserve(const TextColumn& ids, std::size_t count) {
  if (over_load(count, slots_.size())) grow(ids, std::bit_ceil(std::max<std::size_t>((4 * count + 2) / 3, 16)));
}

std::size_t IdIndex::probe(const TextColumn& ids, std::string_view id, std::uint64_t h) const noexcept {
  const std::size_t mask = slots_.size() - 1;
  const auto high = static_cast<std::uint32_t>(h >> 32);
  std::size_t i = h & mask;
  for (std::size_t visited = 0; visited < slots_.size(); ++visited, i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.row == 0) return i;
    if (s.hash == high && s.row <= ids.size() && same_text(ids[s.row - 1], id)) return i;
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
  const std::string_view id = ids[row];
  return insert_hashed(ids, row, id, hash(id));
}

std::optional<std::uint32_t> IdIndex::insert_hashed(const TextColumn& ids, std::uint32_t row, std::string_view id, std::uint64_t h) {
  if (over_load(size_ + 1, slots_.size())) grow(ids, std::max<std::size_t>(16, 2 * slots_.size()));
  const std::size_t at = probe(ids, id, h);  // never `none`: the index has empty slots
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

void IdIndex::find_many(const TextColumn& ids, std::span<const std::string_view> keys,
                        std::span<std::optional<std::uint32_t>> rows) const noexcept {
  if (slots_.empty()) {
    std::fill(rows.begin(), rows.end(), std::nullopt);
    return;
  }
  // Four steps per key, each `lag` keys behind the one before, so that what a step asked the
  // memory for has arrived when the next step of that key needs it: (1) hash the key and request
  // its first slot; (2) request the row end of the id that slot holds, the likely match; (3) request
  // that id's text; (4) probe as find does, now mostly from the cache. Steps 2 and 3 are only
  // requests: a wrong guess costs time, never an answer.
  constexpr std::size_t lag = 8, ring = 32;  // ring > 3 * lag: a key's hash and guess live that long
  const std::size_t mask = slots_.size() - 1, n = keys.size();
  std::uint64_t hashes[ring];
  std::uint32_t guess[ring];  // row + 1, or 0
  for (std::size_t i = 0; i < n + 3 * lag; ++i) {
    if (i < n) {
      hashes[i % ring] = hash(keys[i]);
      prefetch_slot(hashes[i % ring]);
    }
    if (const std::size_t k = i - lag; i >= lag && k < n) {
      std::uint32_t& g = guess[k % ring];
      g = slots_[hashes[k % ring] & mask].row;
      if (g > ids.size()) g = 0;
      if (g) ids.prefetch_end(g - 1);
    }
    if (const std::size_t k = i - 2 * lag; i >= 2 * lag && k < n && guess[k % ring]) ids.prefetch_text(guess[k % ring] - 1);
    if (const std::size_t k = i - 3 * lag; i >= 3 * lag && k < n) {
      const std::size_t at = probe(ids, keys[k], hashes[k % ring]);
      rows[k] = at == none || slots_[at].row == 0 ? std::nullopt : std::optional<std::uint32_t>(slots_[at].row - 1);
    }
  }
}

}  // namespace actorgraph
