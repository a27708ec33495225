// Private: items grouped into buckets by a counting sort, for the checks across rows that compare
// relations only within small groups (same hash, same actor): 4 bytes an item and a bucket, and no
// comparison sort of millions of items.
#pragma once

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

namespace actorgraph::detail {

// The items i in [0, n) for which keep(i) holds, grouped by bucket(i) (below `buckets`), each
// bucket's in ascending order (the counting sort is stable).
class Buckets {
 public:
  template <class Keep, class Bucket>
  Buckets(std::size_t n, std::size_t buckets, Keep keep, Bucket bucket) : starts_(buckets + 1, 0) {
    for (std::size_t i = 0; i < n; ++i)
      if (keep(i)) ++starts_[bucket(i) + 1];
    std::partial_sum(starts_.begin(), starts_.end(), starts_.begin());
    items_.resize(starts_.back());
    std::vector<std::uint32_t> cursor(starts_.begin(), starts_.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      if (keep(i)) items_[cursor[bucket(i)]++] = static_cast<std::uint32_t>(i);
  }
  std::size_t size() const noexcept { return starts_.size() - 1; }
  std::span<std::uint32_t> operator[](std::size_t b) noexcept { return std::span(items_).subspan(starts_[b], starts_[b + 1] - starts_[b]); }

 private:
  std::vector<std::uint32_t> starts_;
  std::vector<std::uint32_t> items_;
};

}  // namespace actorgraph::detail
