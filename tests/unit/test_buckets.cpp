// detail::Buckets: the counting sort the checks across rows group relations with.
#include "detail/buckets.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>
#include <vector>

using actorgraph::detail::Buckets;

namespace {

std::vector<std::uint32_t> items(Buckets& b, std::size_t k) { return {b[k].begin(), b[k].end()}; }
std::vector<std::uint64_t> keys(const Buckets& b, std::size_t k) { return {b.keys(k).begin(), b.keys(k).end()}; }

}  // namespace

TEST_CASE("Buckets group the kept items by bucket, each in ascending order", "[buckets]") {
  // Items 0..9 in bucket i % 3, item 4 not kept.
  Buckets b(
      10, 4, [](std::size_t i) { return i != 4; }, [](std::size_t i) { return i % 3; });
  REQUIRE(b.size() == 4);
  CHECK(items(b, 0) == std::vector<std::uint32_t>{0, 3, 6, 9});
  CHECK(items(b, 1) == std::vector<std::uint32_t>{1, 7});
  CHECK(items(b, 2) == std::vector<std::uint32_t>{2, 5, 8});
  CHECK(items(b, 3).empty());
  CHECK(b.keys(0).empty());  // made without a key
}

TEST_CASE("Buckets made with a key give each item its key, in the items' order", "[buckets]") {
  std::vector<std::size_t> asked;
  Buckets b(
      8, 2, [](std::size_t i) { return i != 2; }, [](std::size_t i) { return i < 5 ? 1 : 0; },
      [&](std::size_t i) {
        asked.push_back(i);
        return std::uint64_t{100} + i * i;
      });
  CHECK(items(b, 0) == std::vector<std::uint32_t>{5, 6, 7});
  CHECK(keys(b, 0) == std::vector<std::uint64_t>{125, 136, 149});
  CHECK(items(b, 1) == std::vector<std::uint32_t>{0, 1, 3, 4});
  CHECK(keys(b, 1) == std::vector<std::uint64_t>{100, 101, 109, 116});
  std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs{{7, 7}};  // replaced, not appended to
  b.keyed(0, pairs);
  CHECK(pairs == std::vector<std::pair<std::uint64_t, std::uint32_t>>{{125, 5}, {136, 6}, {149, 7}});
  // Each kept item's key is computed once, in item order (a column read in order, not at random).
  CHECK(asked == std::vector<std::size_t>{0, 1, 3, 4, 5, 6, 7});
}

TEST_CASE("Buckets of nothing", "[buckets]") {
  Buckets none(
      0, 3, [](std::size_t) { return true; }, [](std::size_t) { return 0; }, [](std::size_t) { return std::uint64_t{1}; });
  CHECK(none.size() == 3);
  for (std::size_t k = 0; k < 3; ++k) {
    CHECK(none[k].empty());
    CHECK(none.keys(k).empty());
  }
}
