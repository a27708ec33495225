// Private: the hash of snapshots and of the files they are keyed by (docs/SNAPSHOTS.md), in a form
// that two cores can compute at once.
//
// block_hash(bytes) = XXH3-64 of the sequence of XXH3-64 digests (8 bytes each, machine order) of
// the bytes' consecutive blocks of `block` bytes, the last one shorter; for no bytes, XXH3-64 of
// nothing. XXH3 alone is one sequential stream (about 0.3 s over a 2.9 GB snapshot on one core);
// blocks are hashed on every core, and the writer, which streams, gets the same value from
// BlockHash. The block size is part of the definition: snapshot_block_bytes in every real use,
// smaller ones in tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <xxhash.h>

namespace actorgraph::detail {

inline constexpr std::size_t snapshot_block_bytes = std::size_t{16} << 20;

// block_hash of bytes given in pieces of any size.
class BlockHash {
 public:
  explicit BlockHash(std::size_t block = snapshot_block_bytes);
  ~BlockHash();
  BlockHash(const BlockHash&) = delete;
  BlockHash& operator=(const BlockHash&) = delete;
  void update(const void* data, std::size_t size);
  std::uint64_t digest() const;

 private:
  std::size_t block_;
  std::size_t in_block_ = 0;  // bytes hashed into `state_` since the last full block
  XXH3_state_t* state_;
  std::vector<std::uint64_t> digests_;
};

// block_hash of `size` bytes at `data`, the blocks hashed on `threads` threads (0: one per core);
// `done(offset, length)` is called (from any thread, never twice at once for one block) for each
// block once it is hashed, e.g. to give its pages back.
std::uint64_t block_hash(const char* data, std::size_t size, unsigned threads = 0, std::size_t block = snapshot_block_bytes,
                         const std::function<void(std::size_t, std::size_t)>& done = {});

// block_hash of the file at `path`, read in blocks on `threads` threads; `size` gets the number of
// bytes read. Throws IoError when it cannot be read.
std::uint64_t block_hash_file(const std::string& path, std::uint64_t& size, unsigned threads = 0,
                              std::size_t block = snapshot_block_bytes);

}  // namespace actorgraph::detail
