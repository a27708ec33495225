// An index from id text to number, for the ids of a dataset's tables (actors, relations, sources).
//
// The ids are not copied: the index keeps views of text that the caller keeps alive and unchanged
// as long as the index (a column of a finished Table: its text is one buffer that moves with the
// Dataset). Open addressing with linear probing over a power-of-two array of 8-byte slots (the
// entry number and 32 bits of the id's hash, so that a probe compares text only when the hashes
// agree), kept at most half full: one allocation per array, none per id, where a
// std::unordered_map allocates a node per id and hashes byte by byte. The hash is a fixed
// multiply-xorshift over 8-byte words, so the layout, and any order derived from it, is the same
// on every run.
//
// Complexity: insert and find O(1) expected, O(length of the id) to hash it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace actorgraph {

namespace detail {
class SnapshotCodec;  // src/io/snapshot.cpp: stores and restores the members (io/snapshot.hpp)
}  // namespace detail

class IdIndex {
 public:
  // Room for `ids` ids without growing.
  void reserve(std::size_t ids);

  // Adds `id` -> `number` and returns nullopt; when `id` is present already, adds nothing and
  // returns the number it has. `id` must outlive the index (see above).
  std::optional<std::uint32_t> insert(std::string_view id, std::uint32_t number);

  // The number of `id`, or nullopt.
  std::optional<std::uint32_t> find(std::string_view id) const noexcept;

  std::size_t size() const noexcept { return entries_.size(); }

  // The hash the index uses (64 bits; exposed for tests).
  static std::uint64_t hash(std::string_view text) noexcept;

 private:
  friend class detail::SnapshotCodec;
  struct Entry {
    const char* data;
    std::uint32_t size;
    std::uint32_t number;
  };
  struct Slot {
    std::uint32_t entry = 0;  // entry index + 1; 0: empty
    std::uint32_t hash = 0;   // the high 32 bits of the id's hash
  };
  // The slot where `id` is, or the empty slot where it would go.
  std::size_t probe(std::string_view id, std::uint64_t h) const noexcept;
  void grow(std::size_t slots);

  std::vector<Entry> entries_;
  std::vector<Slot> slots_;  // size 0 or a power of two, at most half full
};

}  // namespace actorgraph
