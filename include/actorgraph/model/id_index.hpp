// An index from id text to row, for the id column of a dataset's tables (actors, relations,
// sources).
//
// The ids are not copied: the index holds only slots, and reads the ids from the TextColumn that
// every call passes, always the same one (a table's id column, which moves with the Dataset).
// Open addressing with linear probing over a power-of-two array of 8-byte slots (the row and 32
// bits of the id's hash, so that a probe compares text only when the hashes agree), kept at most
// half full: one allocation, none per id, where a std::unordered_map allocates a node per id and
// hashes byte by byte. The hash is a fixed multiply-xorshift over 8-byte words, so the layout, and
// any order derived from it, is the same on every run; a snapshot stores the slots as they are and
// reads them in place (no pass, no hashing). A probe stops after visiting every slot and skips rows
// past the column, so even slots from a corrupted snapshot cannot make it loop or read out of bounds.
//
// Complexity: insert and find O(1) expected, O(length of the id) to hash it. Memory: 16 bytes per
// id at most (8 per slot, at least two slots per id).
#pragma once

#include "actorgraph/model/column.hpp"
#include "actorgraph/model/text.hpp"

#include <cstdint>
#include <optional>
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
  // by another id (only in a corrupted snapshot: the index is kept half full).
  std::size_t probe(const TextColumn& ids, std::string_view id, std::uint64_t h) const noexcept;
  void grow(const TextColumn& ids, std::size_t slots);

  Column<Slot> slots_;  // size 0 or a power of two, at most half full
  std::size_t size_ = 0;
};

}  // namespace actorgraph
