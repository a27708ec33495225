// Summary statistics of a slice: what `actorgraph stats` prints.
#pragma once

#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/slice.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace actorgraph {

struct Stats {
  std::size_t actors = 0;     // actors in the slice, isolated ones included
  std::size_t relations = 0;  // relations in the slice, parallel ones counted separately
  std::size_t directed_relations = 0;
  std::size_t undated_relations = 0;
  std::size_t self_relations = 0;
  std::vector<std::pair<std::string, std::size_t>> actors_by_kind;     // most first, then by name
  std::vector<std::pair<std::string, std::size_t>> relations_by_type;  // most first, then by name
  std::optional<PartialDate> earliest;  // the earliest start among dated relations
  std::optional<PartialDate> latest;    // the latest start or end among dated relations
  std::size_t ongoing_relations = 0;    // dated relations with an open end
  std::size_t sources_cited = 0;        // distinct sources cited by the slice's relations
  std::size_t sources_total = 0;        // rows of sources.csv
  std::size_t linked_pairs = 0;         // unordered pairs of distinct actors with at least one relation
  // Density of the simple undirected graph of linked pairs: 2·linked_pairs / (n(n−1)), 0 when n < 2.
  // The same as networkx.density on the undirected projection (parallel relations and direction
  // ignored, self-relations not counted).
  double density = 0;
  std::size_t weak_components = 0;
  std::size_t largest_weak_component = 0;
  std::size_t strong_components = 0;
  std::size_t isolated_actors = 0;  // actors in the slice with no relation in it (self-relations aside)
};

Stats compute_stats(const Dataset& dataset, const Slice& slice);

}  // namespace actorgraph
