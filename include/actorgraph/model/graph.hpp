// The graph core: every relation of a dataset as arcs of one Boost.Graph compressed sparse row
// graph, built once when the dataset loads.
//
// Vertices are actor numbers (dataset order), so vertex numbers are the same in every slice; a slice
// is a view that hides actors and relations (model/slice_graph.hpp), never a renumbering. A directed
// relation u -> v gives one arc u -> v; an undirected relation gives two arcs, u -> v and v -> u, so
// that it can be followed both ways; a self-relation gives one arc. Each arc carries its relation
// number, so analyses read types, dates and weights from the dataset's columns.
//
// The type is BGL's `compressed_sparse_row_graph<bidirectionalS>` with 32-bit vertex and edge
// indices: every BGL algorithm that takes a BidirectionalGraph, IncidenceGraph, VertexListGraph or
// EdgeListGraph runs on it (breadth-first and depth-first search, Dijkstra, strong components...).
// Out-arcs of a vertex are in (head, relation) order and in-arcs in (tail, relation) order, so every
// traversal is deterministic. Memory: 16 bytes per arc (targets, relation numbers, and the in-arc
// index: sources and edge numbers) and 8 bytes per vertex.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <span>

namespace actorgraph {

// The bundled property of an arc: the relation it comes from.
struct ArcRelation {
  std::uint32_t relation = 0;
};

using CoreGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, ArcRelation, boost::no_property,
                                                     std::uint32_t, std::uint32_t>;
using CoreVertex = boost::graph_traits<CoreGraph>::vertex_descriptor;
using CoreArc = boost::graph_traits<CoreGraph>::edge_descriptor;

namespace detail {
class SnapshotCodec;  // src/io/snapshot.cpp: stores and restores the members (io/snapshot.hpp)
}  // namespace detail

// The graph's arrays as compressed_sparse_row_graph lays them out (the public members m_forward and
// m_backward, Boost 1.74), for loops that walk many vertices' arcs without BGL's iterators, and for
// a dataset read from a snapshot, where they lie in the mapping and no graph need be made
// (Dataset::graph_arrays). Arc i, 0 <= i < arc_count, is an out-arc: vertex u's out-arcs are
// [out_starts[u], out_starts[u + 1]), in (head, relation) order; its head is heads[i], its relation
// relations[i]. Vertex v's in-arcs are the entries [in_starts[v], in_starts[v + 1]), in (tail,
// relation) order: entry j is the arc in_arcs[j], whose tail is tails[j].
struct GraphArrays {
  std::span<const std::uint32_t> out_starts, heads;          // vertex_count + 1; arc_count
  std::span<const ArcRelation> relations;                    // arc_count
  std::span<const std::uint32_t> in_starts, tails, in_arcs;  // vertex_count + 1; arc_count; arc_count
};

class Graph {
 public:
  Graph() = default;

  // `source`, `target` and `directed` are indexed by relation; vertices are 0..vertex_count-1.
  // Throws Error when the arcs do not fit 32-bit indices. On `threads` threads (0: one per core):
  // the same graph on any number.
  static Graph build(std::size_t vertex_count, std::span<const std::uint32_t> source, std::span<const std::uint32_t> target,
                     std::span<const std::uint8_t> directed, unsigned threads = 1);

  // The Boost.Graph graph the algorithms take.
  const CoreGraph& bgl() const noexcept { return graph_; }
  std::size_t vertex_count() const noexcept { return num_vertices(graph_); }
  std::size_t arc_count() const noexcept { return num_edges(graph_); }
  // The relation of an arc.
  std::uint32_t relation(const CoreArc& arc) const noexcept { return graph_[arc].relation; }
  // Views of the graph's arrays (valid while the graph lives and is not changed).
  GraphArrays arrays() const noexcept {
    return {graph_.m_forward.m_rowstart,  graph_.m_forward.m_column,  graph_.m_forward.m_edge_properties,
            graph_.m_backward.m_rowstart, graph_.m_backward.m_column, graph_.m_backward.m_edge_properties};
  }

 private:
  friend class detail::SnapshotCodec;
  CoreGraph graph_;
};

}  // namespace actorgraph
