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

  // Arcs grouped by tail with a counting sort, then each tail's arcs sorted by (head, relation).
  // BGL's unsorted constructor places them stably, so the out-arcs keep this order and the in-arcs
  // come out in (tail, relation) order.
  std::vector<std::uint32_t> offsets(vertex_count + 1, 0);
  auto each_arc = [&](auto&& f) {
    for (std::size_t r = 0; r < source.size(); ++r) {
      const auto rel = static_cast<std::uint32_t>(r);
      f(source[r], target[r], rel);
      if (!directed[r] && source[r] != target[r]) f(target[r], source[r], rel);
    }
  };
  each_arc([&](std::uint32_t u, std::uint32_t, std::uint32_t) { ++offsets[u + 1]; });
  for (std::size_t v = 0; v < vertex_count; ++v) offsets[v + 1] += offsets[v];
  struct Entry {
    std::uint32_t head, relation;
  };
  std::vector<Entry> arcs(arc_count);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ends(arc_count);
  {
    std::vector<std::uint32_t> cursor(offsets.begin(), offsets.end() - 1);
    each_arc([&](std::uint32_t u, std::uint32_t v, std::uint32_t r) { arcs[cursor[u]++] = {v, r}; });
  }
  std::vector<ArcRelation> relations(arc_count);
  for (std::size_t u = 0; u < vertex_count; ++u) {
    std::sort(arcs.begin() + offsets[u], arcs.begin() + offsets[u + 1],
              [](const Entry& a, const Entry& b) { return a.head != b.head ? a.head < b.head : a.relation < b.relation; });
    for (std::uint32_t i = offsets[u]; i < offsets[u + 1]; ++i) {
      ends[i] = {static_cast<std::uint32_t>(u), arcs[i].head};
      relations[i].relation = arcs[i].relation;
    }
  }
  arcs = {};
  Graph g;
  g.graph_ = CoreGraph(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), relations.begin(),
                       static_cast<std::uint32_t>(vertex_count));
  return g;
}

}  // namespace actorgraph
