// A slice: the part of a dataset an analysis looks at, as masks over actors and relations.
//
// Slicing never copies the dataset: it marks which actors and relations take part, so actor and
// relation numbers stay the same in every slice and results of different slices can be compared.
// Every analysis takes a slice; the whole dataset is the slice with no options.
#pragma once

#include "actorgraph/model/dataset.hpp"

#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace actorgraph {

struct SliceOptions {
  std::vector<std::string> types;          // keep only relations of these types (empty: every type)
  std::vector<std::string> exclude_types;  // drop relations of these types
  std::vector<std::string> kinds;          // keep only actors of these kinds, and relations among them
  // Keep relations active at some time in [from, to] (first day of `from`, last day of `to`);
  // either end may be left open.
  std::optional<PartialDate> from, to;
  // Keep relations active at some time during the period `at` names ("2005" is all of 2005).
  std::optional<PartialDate> at;
};

class Slice {
 public:
  // The whole dataset.
  explicit Slice(const Dataset& dataset);
  // Throws UsageError for an unknown type or kind (with suggestions) or an empty date window. The
  // relations are gone through on `threads` threads (0: one per core); the slice is the same on any
  // number.
  Slice(const Dataset& dataset, const SliceOptions& options, unsigned threads = 0);

  bool has_actor(ActorId a) const noexcept { return actor_mask_[a] != 0; }
  bool has_relation(RelationId r) const noexcept { return relation_mask_[r] != 0; }
  // One byte per actor and per relation, 1 when it takes part: what a network snapshot of the slice
  // is identified by (io/snapshot.hpp).
  std::span<const std::uint8_t> actor_mask() const noexcept { return actor_mask_; }
  std::span<const std::uint8_t> relation_mask() const noexcept { return relation_mask_; }
  std::size_t actor_count() const noexcept { return actor_count_; }
  std::size_t relation_count() const noexcept { return relation_count_; }
  // Relations left out only because they are undated while the slice has a date window.
  std::size_t undated_excluded() const noexcept { return undated_excluded_; }
  // The date window as day numbers; without one, [INT32_MIN, INT32_MAX] and windowed() is false.
  bool windowed() const noexcept { return windowed_; }
  std::int32_t first_day() const noexcept { return from_; }
  std::int32_t last_day() const noexcept { return to_; }
  // One line for titles and report headers, e.g. "types: visit, meeting; active 2001..2005".
  // "whole dataset" when nothing is sliced.
  const std::string& description() const noexcept { return description_; }

 private:
  std::vector<std::uint8_t> actor_mask_, relation_mask_;
  std::size_t actor_count_ = 0, relation_count_ = 0, undated_excluded_ = 0;
  bool windowed_ = false;
  std::int32_t from_ = std::numeric_limits<std::int32_t>::min(), to_ = std::numeric_limits<std::int32_t>::max();
  std::string description_;
};

}  // namespace actorgraph
