// The snapshot's hash (src/io/detail/block_hash.hpp): its definition, and the three ways to compute
// it (streamed by the writer, on threads over memory, on threads over a file) agreeing on it.
#include "io/detail/block_hash.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <fstream>
#include <string>
#include <vector>

#include <xxhash.h>

using namespace actorgraph;
using namespace actorgraph::detail;
using actorgraph::test::TempDataset;

namespace {

std::string bytes_of(std::size_t n) {
  std::string out(n, '\0');
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (auto& c : out) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    c = static_cast<char>(x);
  }
  return out;
}

// The definition, written out: XXH3-64 of the blocks' XXH3-64 digests.
std::uint64_t by_definition(const std::string& bytes, std::size_t block) {
  std::vector<std::uint64_t> digests;
  for (std::size_t at = 0; at < bytes.size(); at += block) digests.push_back(XXH3_64bits(bytes.data() + at, std::min(block, bytes.size() - at)));
  return XXH3_64bits(digests.data(), digests.size() * 8);
}

}  // namespace

TEST_CASE("The block hash is XXH3 of the blocks' XXH3 digests, however it is computed", "[io][snapshot]") {
  const std::size_t block = 1000;
  const TempDataset dir({});
  for (const std::size_t size : {0, 1, 999, 1000, 1001, 2000, 4567, 65536}) {
    INFO(size << " bytes");
    const std::string bytes = bytes_of(size);
    const std::uint64_t expected = by_definition(bytes, block);
    for (const unsigned threads : {1u, 2u, 4u}) {
      INFO(threads << " threads");
      CHECK(block_hash(bytes.data(), bytes.size(), threads, block) == expected);
      const std::string path = dir.path() + "/file";
      std::ofstream(path, std::ios::binary) << bytes;
      std::uint64_t read = 99;
      CHECK(block_hash_file(path, read, threads, block) == expected);
      CHECK(read == size);
      // Mapped, where the command-line tool's SIGBUS handler guards the mapping.
      const actorgraph::test::MappingFiles mapping;
      read = 99;
      CHECK(block_hash_file(path, read, threads, block) == expected);
      CHECK(read == size);
    }
    // The writer's stream, in pieces that cross the blocks' boundaries anywhere.
    for (const std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{1000}, std::size_t{1777}}) {
      BlockHash stream(block);
      for (std::size_t at = 0; at < size; at += piece) stream.update(bytes.data() + at, std::min(piece, size - at));
      CHECK(stream.digest() == expected);
    }
  }
  // One block is not XXH3 of the bytes themselves: the digest is hashed again.
  const std::string small = bytes_of(10);
  CHECK(block_hash(small.data(), small.size(), 1, block) != XXH3_64bits(small.data(), small.size()));
  CHECK(block_hash(nullptr, 0) == XXH3_64bits(nullptr, 0));
}

TEST_CASE("The block hash reports each block once it is hashed, and a missing file is an IoError", "[io][snapshot]") {
  const std::string bytes = bytes_of(2500);
  std::vector<std::pair<std::size_t, std::size_t>> done;
  std::mutex mutex;
  block_hash(bytes.data(), bytes.size(), 2, 1000, [&](std::size_t offset, std::size_t length) {
    std::lock_guard lock(mutex);
    done.emplace_back(offset, length);
  });
  std::sort(done.begin(), done.end());
  CHECK(done == std::vector<std::pair<std::size_t, std::size_t>>{{0, 1000}, {1000, 1000}, {2000, 500}});
  std::uint64_t size = 0;
  CHECK_THROWS_WITH(block_hash_file("/nonexistent/file", size), "/nonexistent/file: cannot read: No such file or directory");
}
