#include "actorgraph/model/graph.hpp"

#include "actorgraph/error.hpp"
#include "detail/parallel.hpp"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace actorgraph {

namespace {

// Calls visit(u, v, relation) for each arc of the relations, in relation order: u -> v for a
// directed relation or a self-relation, u -> v then v -> u for an undirected one.
template <class Visit>
void each_arc(std::span<const std::uint32_t> source, std::span<const std::uint32_t> target, std::span<const std::uint8_t> directed,
              Visit&& visit) {
  for (std::size_t r = 0; r < source.size(); ++r) {
    const auto rel = static_cast<std::uint32_t>(r);
    visit(source[r], target[r], rel);
    if (!directed[r] && source[r] != target[r]) visit(target[r], source[r], rel);
  }
}

// Runs work(lo, hi) for `parts` ranges of vertices [lo, hi) that cover 0..vertex_count-1, on the
// threads. Every pass below writes only what belongs to the vertices of its range (their counts,
// cursors and arc slots), reading whatever it needs: the ranges share nothing they write, and the
// result is the same as one pass over all vertices.
template <class Work>
void by_vertex_range(std::size_t vertex_count, std::size_t parts, unsigned threads, Work&& work) {
  detail::run_blocks(
      parts, threads, {}, [] { return 0; },
      [&](std::size_t part, std::size_t, int&) {
        work(static_cast<std::uint32_t>(part * vertex_count / parts), static_cast<std::uint32_t>((part + 1) * vertex_count / parts));
      },
      [](int&) {}, parts);
}

}  // namespace

Graph Graph::build(std::size_t vertex_count, std::span<const std::uint32_t> source, std::span<const std::uint32_t> target,
                   std::span<const std::uint8_t> directed, unsigned threads) {
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
  //
  // Each pass is cut by the vertices it writes for (by_vertex_range): a part reads every arc but
  // keeps only those of its vertices, so the random writes, the slow part of a counting sort, are
  // shared among the threads, and each vertex's arcs come in the order one pass would give them.
  const std::size_t parts = std::min<std::size_t>(detail::worker_threads(threads), std::max<std::size_t>(vertex_count / 4096, 1));
  const auto each = [&](auto&& visit) { each_arc(source, target, directed, visit); };
  Graph g;
  auto& forward = g.graph_.m_forward;
  auto& backward = g.graph_.m_backward;
  std::vector<std::uint32_t> offsets(vertex_count + 1, 0);
  backward.m_rowstart.assign(vertex_count + 1, 0);
  by_vertex_range(vertex_count, parts, threads, [&](std::uint32_t lo, std::uint32_t hi) {
    each([&](std::uint32_t u, std::uint32_t v, std::uint32_t) {
      if (u >= lo && u < hi) ++offsets[u + 1];
      if (v >= lo && v < hi) ++backward.m_rowstart[v + 1];
    });
  });
  for (std::size_t v = 0; v < vertex_count; ++v) {
    offsets[v + 1] += offsets[v];
    backward.m_rowstart[v + 1] += backward.m_rowstart[v];
  }
  const auto& by_head = backward.m_rowstart;
  // Each array zeroed on a thread of its own: their first touch is most of a pass's time.
  detail::run_both(
      threads, [&] { backward.m_column.resize(arc_count); }, [&] { backward.m_edge_properties.resize(arc_count); });
  std::vector<std::uint32_t> cursor(by_head.begin(), by_head.end() - 1);
  by_vertex_range(vertex_count, parts, threads, [&](std::uint32_t lo, std::uint32_t hi) {
    each([&](std::uint32_t u, std::uint32_t v, std::uint32_t r) {
      if (v < lo || v >= hi) return;
      const std::uint32_t at = cursor[v]++;
      backward.m_column[at] = u;
      backward.m_edge_properties[at] = r;
    });
  });
  detail::run_both(
      threads, [&] { forward.m_column.resize(arc_count); }, [&] { forward.m_edge_properties.resize(arc_count); });
  std::copy(offsets.begin(), offsets.end() - 1, cursor.begin());
  by_vertex_range(vertex_count, parts, threads, [&](std::uint32_t lo, std::uint32_t hi) {  // by tail
    for (std::size_t v = 0; v < vertex_count; ++v)
      for (std::uint32_t i = by_head[v]; i < by_head[v + 1]; ++i) {
        const std::uint32_t u = backward.m_column[i];
        if (u < lo || u >= hi) continue;
        const std::uint32_t at = cursor[u]++;
        forward.m_column[at] = static_cast<std::uint32_t>(v);
        forward.m_edge_properties[at].relation = backward.m_edge_properties[i];
      }
  });
  // In-arcs: each head's arcs, taken in out-arc order, so in (tail, relation) order, with the
  // out-arc's number. Written over the first pass's, which are read no more.
  std::copy(by_head.begin(), by_head.end() - 1, cursor.begin());
  by_vertex_range(vertex_count, parts, threads, [&](std::uint32_t lo, std::uint32_t hi) {  // by head
    for (std::size_t u = 0; u < vertex_count; ++u)
      for (std::uint32_t i = offsets[u]; i < offsets[u + 1]; ++i) {
        const std::uint32_t v = forward.m_column[i];
        if (v < lo || v >= hi) continue;
        const std::uint32_t at = cursor[v]++;
        backward.m_column[at] = static_cast<std::uint32_t>(u);
        backward.m_edge_properties[at] = i;
      }
  });
  forward.m_rowstart = std::move(offsets);
  g.graph_.resize(static_cast<std::uint32_t>(vertex_count));  // the vertex properties (no_property): one per vertex
  return g;
}

}  // namespace actorgraph
