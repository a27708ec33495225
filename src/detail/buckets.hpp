// Private: items grouped into buckets by a counting sort, for the checks across rows that compare
// relations only within small groups (same hash, same actor): 4 bytes an item and a bucket, and no
// comparison sort of millions of items.
#pragma once

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace actorgraph::detail {

// The items i in [0, n) for which keep(i) holds, grouped by bucket(i) (below `buckets`), each
// bucket's in ascending order (the counting sort is stable). Made with a `key` as well, each item
// carries key(i) (64 bits, in keys(b) beside operator[](b)), computed in the pass that places it:
// the items are visited in order there, so a key read from columns indexed by item is read in
// order, where work within a bucket, which sees its items scattered over the columns, would read
// it at random (at ten million relations, several cache misses an item). 8 more bytes an item.
class Buckets {
 public:
  template <class Keep, class Bucket>
  Buckets(std::size_t n, std::size_t buckets, Keep keep, Bucket bucket) : Buckets(n, buckets, keep, bucket, NoKey{}) {}

  template <class Keep, class Bucket, class Key>
  Buckets(std::size_t n, std::size_t buckets, Keep keep, Bucket bucket, Key key) : starts_(buckets + 1, 0) {
    constexpr bool keyed = !std::is_same_v<Key, NoKey>;
    for (std::size_t i = 0; i < n; ++i)
      if (keep(i)) ++starts_[bucket(i) + 1];
    std::partial_sum(starts_.begin(), starts_.end(), starts_.begin());
    items_.resize(starts_.back());
    if constexpr (keyed) keys_.resize(starts_.back());
    std::vector<std::uint32_t> cursor(starts_.begin(), starts_.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
      if (!keep(i)) continue;
      const std::uint32_t at = cursor[bucket(i)]++;
      items_[at] = static_cast<std::uint32_t>(i);
      if constexpr (keyed) keys_[at] = key(i);
    }
  }
  std::size_t size() const noexcept { return starts_.size() - 1; }
  std::span<std::uint32_t> operator[](std::size_t b) noexcept { return std::span(items_).subspan(starts_[b], starts_[b + 1] - starts_[b]); }
  // The keys of bucket b's items, in the same order (made with a key only; else empty).
  std::span<const std::uint64_t> keys(std::size_t b) const noexcept {
    return keys_.empty() ? std::span<const std::uint64_t>() : std::span(keys_).subspan(starts_[b], starts_[b + 1] - starts_[b]);
  }
  // Bucket b's (key, item) pairs, into `out` (made with a key).
  void keyed(std::size_t b, std::vector<std::pair<std::uint64_t, std::uint32_t>>& out) const {
    out.clear();
    for (std::uint32_t i = starts_[b]; i < starts_[b + 1]; ++i) out.emplace_back(keys_[i], items_[i]);
  }

 private:
  struct NoKey {};
  std::vector<std::uint32_t> starts_;
  std::vector<std::uint32_t> items_;
  std::vector<std::uint64_t> keys_;
};

}  // namespace actorgraph::detail
