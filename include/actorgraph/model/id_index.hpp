// An index from id text to row, for the id column of a dataset's tables (actors, relations,
// sources).
//
// The ids are not copied: the index holds only slots, and reads the ids from the TextColumn that
// every call passes, always the same one (a table's id column, which moves with the Dataset).
// Open addressing with linear probing over a power-of-two array of 8-byte slots (the row and 32
// bits of the id's hash, so that a probe compares text only when the hashes agree), kept at most
// three quarters full (a lookup then reads 2.5 slots on average, 8.5 for an absent id; at half full
// 1.5 and 2.5, but the relations' index of 10 million ids would take 256 MB instead of 128): one
// allocation, none per id, where a std::unordered_map allocates a node per id and
// hashes byte by byte. The hash is a fixed multiply-xorshift over 8-byte words, so the layout, and
// any order derived from it, is the same on every run; a snapshot stores the slots as they are and
// reads them in place (no pass, no hashing). A probe stops after visiting every slot and skips rows
// past the column, so even slots from a corrupted snapshot cannot make it loop or read out of bounds.
//
// Complexity: insert and find O(1) expected, O(length of the id) to hash it. Memory: 8 bytes per
// slot, from 4/3 to 8/3 slots per id (the slot count is a power of two).
#pragma once

#include "actorgraph/model/column.hpp"
#include "actorgraph/model/text.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace actorgraph {

namespace detail {
class SnapshotCodec;  // src/io/snapshot.cpp: stores and restores the members (io/snapshot.hpp)
}  // namespace detail

class IdIndex {
 public:
  // Room for `count` ids without growing.
  void reserve(const TextColumn& ids, std::size_t count);

  // Adds row `row` of `ids` (its id is ids[row]) and returns nullopt; when an equal id is present
  // already, adds nothing and returns that id's row.
  std::optional<std::uint32_t> insert(const TextColumn& ids, std::uint32_t row);

  // The row of `id` in `ids`, or nullopt.
  std::optional<std::uint32_t> find(const TextColumn& ids, std::string_view id) const noexcept;

  // rows[i] = find(ids, keys[i]) for every key (`rows` as long as `keys`). The same answers, faster
  // on an index larger than the cache: each lookup waits for three memory reads in turn (its slot,
  // then the row's end in the id column, then the id's text), and here those of a group of keys are
  // requested together (prefetched), so that their waits overlap instead of adding up.
  void find_many(const TextColumn& ids, std::span<const std::string_view> keys, std::span<std::optional<std::uint32_t>> rows) const noexcept;

  // Inserts rows [begin, end) of `ids` in order, as insert(ids, row) would one by one, and calls
  // `repeat(row, first)` for each row whose id is present already (at row `first`). Empty ids are
  // skipped. The slots of the rows ahead are prefetched (see find_many).
  template <class Repeat>
  void insert_rows(const TextColumn& ids, std::uint32_t begin, std::uint32_t end, Repeat&& repeat);

  std::size_t size() const noexcept { return size_; }

  // The hash the index uses (64 bits; exposed for tests).
  static std::uint64_t hash(std::string_view text) noexcept;

 private:
  friend class detail::SnapshotCodec;
  struct Slot {
    std::uint32_t row = 0;   // row + 1; 0: empty
    std::uint32_t hash = 0;  // the high 32 bits of the id's hash
  };
  static constexpr std::size_t none = ~std::size_t{0};
  // The slot where `id` is, or the empty slot where it would go; `none` when every slot is taken
  // by another id (only in a corrupted snapshot: the index is kept at most three quarters full).
  std::size_t probe(const TextColumn& ids, std::string_view id, std::uint64_t h) const noexcept;
  void grow(const TextColumn& ids, std::size_t slots);
  // Asks the memory for the slot where a probe for hash `h` starts.
  void prefetch_slot(std::uint64_t h) const noexcept { __builtin_prefetch(slots_.data() + (h & (slots_.size() - 1))); }
  // `ids` ids in `slots` slots would fill more than three quarters of them.
  static bool over_load(std::size_t ids, std::size_t slots) noexcept { return 4 * ids > 3 * slots; }

  std::optional<std::uint32_t> insert_hashed(const TextColumn& ids, std::uint32_t row, std::string_view id, std::uint64_t h);

  Column<Slot> slots_;  // size 0 or a power of two, at most three quarters full
  std::size_t size_ = 0;
};

template <class Repeat>
void IdIndex::insert_rows(const TextColumn& ids, std::uint32_t begin, std::uint32_t end, Repeat&& repeat) {
  if (begin >= end) return;
  reserve(ids, size_ + (end - begin));
  // The hashes of the next `ahead` rows, their slots requested as each is computed.
  constexpr std::uint32_t ahead = 16;
  std::uint64_t hashes[ahead];
  const auto start = [&](std::uint32_t row) {
    hashes[row % ahead] = hash(ids[row]);
    prefetch_slot(hashes[row % ahead]);
  };
  for (std::uint32_t row = begin; row < end && row - begin < ahead; ++row) start(row);
  for (std::uint32_t row = begin; row < end; ++row) {
    const std::uint64_t h = hashes[row % ahead];
    if (row + ahead < end) start(row + ahead);
    const std::string_view id = ids[row];
    if (id.empty()) continue;
    if (const auto first = insert_hashed(ids, row, id, h)) repeat(row, *first);
  }
}

}  // namespace actorgraph
