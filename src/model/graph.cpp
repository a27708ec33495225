#include "actorgraph/model/graph.hpp"

#include "actorgraph/error.hpp"

#include <algorithm>
#include <limits>

namespace actorgraph {

namespace {

// Counting sort of (tail, arc) pairs into CSR; within a vertex, arcs are then sorted by
// (other, relation) so that every traversal order is deterministic.
void fill_csr(std::size_t n, const std::vector<std::uint32_t>& tails, const std::vector<Arc>& arcs,
              std::vector<std::uint32_t>& offsets, std::vector<Arc>& out) {
  offsets.assign(n + 1, 0);
  for (std::uint32_t t : tails) ++offsets[t + 1];
  for (std::size_t v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
  out.resize(arcs.size());
  std::vector<std::uint32_t> cursor(offsets.begin(), offsets.end() - 1);
  for (std::size_t i = 0; i < arcs.size(); ++i) out[cursor[tails[i]]++] = arcs[i];
  for (std::size_t v = 0; v < n; ++v)
    std::sort(out.begin() + offsets[v], out.begin() + offsets[v + 1], [](const Arc& a, const Arc& b) {
      return a.other != b.other ? a.other < b.other : a.relation < b.relation;
    });
}

}  // namespace

Graph Graph::build(std::size_t vertex_count, std::span<const std::uint32_t> source,
                   std::span<const std::uint32_t> target, std::span<const std::uint8_t> directed) {
  std::size_t arc_count = 0;
  for (std::size_t r = 0; r < source.size(); ++r) arc_count += (directed[r] || source[r] == target[r]) ? 1 : 2;
  if (arc_count >= std::numeric_limits<std::uint32_t>::max() || vertex_count >= std::numeric_limits<std::uint32_t>::max())
    throw Error("the graph has more than 2^32 arcs or vertices");

  std::vector<std::uint32_t> tails, heads;
  std::vector<Arc> forward, backward;
  tails.reserve(arc_count);
  heads.reserve(arc_count);
  forward.reserve(arc_count);
  backward.reserve(arc_count);
  auto add = [&](std::uint32_t u, std::uint32_t v, std::uint32_t r) {
    tails.push_back(u);
    heads.push_back(v);
    forward.push_back({v, r});
    backward.push_back({u, r});
  };
  for (std::size_t r = 0; r < source.size(); ++r) {
    const auto rel = static_cast<std::uint32_t>(r);
    add(source[r], target[r], rel);
    if (!directed[r] && source[r] != target[r]) add(target[r], source[r], rel);
  }
  Graph g;
  fill_csr(vertex_count, tails, forward, g.out_offsets_, g.out_arcs_);
  fill_csr(vertex_count, heads, backward, g.in_offsets_, g.in_arcs_);
  return g;
}

}  // namespace actorgraph
