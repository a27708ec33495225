// Connected components of a slice.
//
// Weak components ignore direction: two actors are in one component when a chain of relations in the
// slice links them, whatever each relation's direction. Strong components follow direction:
// undirected relations count both ways. Actors outside the slice belong to no component; an actor in
// the slice with no relation is a component of its own.
#pragma once

#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/slice.hpp"

#include <cstdint>
#include <limits>
#include <vector>

namespace actorgraph {

struct Components {
  static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
  // Component number of each actor (none outside the slice). Components are numbered 0, 1, ... in
  // the order of their lowest-numbered actor, so the numbering is deterministic.
  std::vector<std::uint32_t> component;
  std::vector<std::size_t> sizes;  // actors in each component
  std::size_t count() const noexcept { return sizes.size(); }
  std::size_t largest() const noexcept;
};

// Union-find over the slice's relations (BGL's disjoint_sets: union by rank, path compression):
// O(m α(n)).
Components weak_components(const Dataset& dataset, const Slice& slice);

// BGL's strong_components, Tarjan's algorithm over a depth-first search without recursion (no depth
// limit): O(n + m).
Components strong_components(const Dataset& dataset, const Slice& slice);

}  // namespace actorgraph
