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

 private:
  friend class detail::SnapshotCodec;
  CoreGraph graph_;
};

}  // namespace actorgraph
