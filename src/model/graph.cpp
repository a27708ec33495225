#include "actorgraph/model/graph.hpp"

#include "actorgraph/error.hpp"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace actorgraph {

Graph Graph::build(std::size_t vertex_count, std::span<const std::uint32_t> source, std::span<const std::uint32_t> target,
                   std::span<const std::uint8_t> directed) {
  std::size_t arc_count = 0;
  for (std::size_t r = 0; r < source.size(); ++r) arc_count += (directed[r] || source[r] == target[r]) ? 1 : 2;
  if (arc_count >= std::numeric_limits<std::uint32_t>::max() || vertex_count >= std::numeric_limits<std::uint32_t>::max())
    throw Error("the graph has more than 2^32 arcs or vertices");

  // The CSR arrays are filled directly (BGL 1.74 keeps them in public members, as the snapshot
  // reader relies on too): no edge list and none of the constructor's temporaries, 16 bytes per
  // arc in all and no more at any time. Two stable counting sorts and no comparison sort: the arcs
  // grouped by head, in relation order (in the in-arc arrays, as tails and relations for now);
  // then, taken head by head, grouped by tail, which leaves each tail's arcs in (head, relation)
  // order; then the in-arcs again, from the out-arcs, in place.
  auto each_arc = [&](auto&& f) {
    for (std::size_t r = 0; r < source.size(); ++r) {
      const auto rel = static_cast<std::uint32_t>(r);
      f(source[r], target[r], rel);
      if (!directed[r] && source[r] != target[r]) f(target[r], source[r], rel);
    }
  };
  Graph g;
  auto& forward = g.graph_.m_forward;
  auto& backward = g.graph_.m_backward;
  std::vector<std::uint32_t> offsets(vertex_count + 1, 0);
  backward.m_rowstart.assign(vertex_count + 1, 0);
  each_arc([&](std::uint32_t u, std::uint32_t v, std::uint32_t) {
    ++offsets[u + 1];
    ++backward.m_rowstart[v + 1];
  });
  for (std::size_t v = 0; v < vertex_count; ++v) {
    offsets[v + 1] += offsets[v];
    backward.m_rowstart[v + 1] += backward.m_rowstart[v];
  }
  const auto& by_head = backward.m_rowstart;
  backward.m_column.resize(arc_count);
  backward.m_edge_properties.resize(arc_count);
  {
    std::vector<std::uint32_t> cursor(by_head.begin(), by_head.end() - 1);
    each_arc([&](std::uint32_t u, std::uint32_t v, std::uint32_t r) {
      const std::uint32_t at = cursor[v]++;
      backward.m_column[at] = u;
      backward.m_edge_properties[at] = r;
    });
  }
  forward.m_column.resize(arc_count);
  forward.m_edge_properties.resize(arc_count);
  {
    std::vector<std::uint32_t> cursor(offsets.begin(), offsets.end() - 1);
    for (std::size_t v = 0; v < vertex_count; ++v)
      for (std::uint32_t i = by_head[v]; i < by_head[v + 1]; ++i) {
        const std::uint32_t at = cursor[backward.m_column[i]]++;
        forward.m_column[at] = static_cast<std::uint32_t>(v);
        forward.m_edge_properties[at].relation = backward.m_edge_properties[i];
      }
  }
  // In-arcs: each head's arcs, taken in out-arc order, so in (tail, relation) order, with the
  // out-arc's number. Written over the first pass's, which are read no more.
  std::vector<std::uint32_t> cursor(by_head.begin(), by_head.end() - 1);
  for (std::size_t u = 0; u < vertex_count; ++u)
    for (std::uint32_t i = offsets[u]; i < offsets[u + 1]; ++i) {
      const std::uint32_t at = cursor[forward.m_column[i]]++;
      backward.m_column[at] = static_cast<std::uint32_t>(u);
      backward.m_edge_properties[at] = i;
    }
  forward.m_rowstart = std::move(offsets);
  g.graph_.resize(static_cast<std::uint32_t>(vertex_count));  // the vertex properties (no_property): one per vertex
  return g;
}

}  // namespace actorgraph
