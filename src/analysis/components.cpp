#include "actorgraph/analysis/components.hpp"

#include "actorgraph/model/slice_graph.hpp"

#include <boost/graph/incremental_components.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/pending/disjoint_sets.hpp>

#include <algorithm>

namespace actorgraph {

std::size_t Components::largest() const noexcept {
  return sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
}

namespace {

// Renumbers arbitrary labels (one per actor in the slice) by first appearance in actor order.
Components renumber(const Slice& slice, const std::vector<std::uint32_t>& label) {
  Components c;
  c.component.assign(label.size(), Components::none);
  std::vector<std::uint32_t> number(label.size(), Components::none);
  for (std::size_t a = 0; a < label.size(); ++a) {
    if (!slice.has_actor(static_cast<ActorId>(a))) continue;
    auto& n = number[label[a]];
    if (n == Components::none) {
      n = static_cast<std::uint32_t>(c.sizes.size());
      c.sizes.push_back(0);
    }
    c.component[a] = n;
    ++c.sizes[n];
  }
  return c;
}

}  // namespace

Components weak_components(const Dataset& d, const Slice& slice) {
  // BGL's incremental components: a union of the two ends of every arc in the slice, direction
  // ignored (connected_components would need an undirected graph).
  const SliceGraph g = slice_graph(d, slice);
  const std::size_t n = d.actor_count();
  std::vector<std::uint32_t> rank(n, 0), parent(n, 0);
  using Map = boost::iterator_property_map<std::vector<std::uint32_t>::iterator, boost::typed_identity_property_map<std::uint32_t>>;
  boost::disjoint_sets<Map, Map> sets{Map(rank.begin()), Map(parent.begin())};
  boost::initialize_incremental_components(g, sets);
  boost::incremental_components(g, sets);
  std::vector<std::uint32_t> label(n, 0);
  for (ActorId a = 0; a < n; ++a)
    if (slice.has_actor(a)) label[a] = sets.find_set(a);
  return renumber(slice, label);
}

Components strong_components(const Dataset& d, const Slice& slice) {
  // BGL's strong_components (Tarjan's algorithm over its non-recursive depth-first search).
  const SliceGraph g = slice_graph(d, slice);
  std::vector<std::uint32_t> label(d.actor_count(), 0);
  boost::strong_components(g, boost::make_iterator_property_map(label.begin(), get(boost::vertex_index, g)));
  return renumber(slice, label);
}

}  // namespace actorgraph
