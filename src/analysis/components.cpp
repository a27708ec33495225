#include "actorgraph/analysis/components.hpp"

#include "actorgraph/model/slice_graph.hpp"

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
  // BGL's disjoint sets (union by rank, path compression): the union of the two ends of every
  // relation in the slice, direction ignored. Read from the relations' actor columns rather than
  // the graph's arcs: one union per relation (the graph has an arc each way for an undirected one),
  // and a dataset read from a snapshot does not copy its mapped graph into BGL's arrays (at 10
  // million relations, 210 MB of fresh memory). A relation in the slice has both ends in it.
  const std::size_t n = d.actor_count();
  std::vector<std::uint32_t> rank(n, 0), parent(n, 0);
  using Map = boost::iterator_property_map<std::vector<std::uint32_t>::iterator, boost::typed_identity_property_map<std::uint32_t>>;
  boost::disjoint_sets<Map, Map> sets{Map(rank.begin()), Map(parent.begin())};
  for (ActorId a = 0; a < n; ++a) sets.make_set(a);
  for (RelationId r = 0; r < d.relation_count(); ++r)
    if (slice.has_relation(r)) sets.union_set(d.relation_source(r), d.relation_target(r));
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
