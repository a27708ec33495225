// Network as a Boost.Graph graph: the graph_traits and free functions that make an analysis Network
// (analysis/network.hpp) a BGL BidirectionalGraph and VertexListGraph, so that BGL's searches
// (breadth_first_search, dijkstra_shortest_paths, reverse_graph, filtered_graph...) run on it
// without a copy. The same technique as BGL's own adaptors (LEDA, Stanford GraphBase): the Network
// keeps its compact CSR lists, and the adaptor only names them in BGL's terms.
//
// - Vertices are the Network's vertices (actor numbers); the vertex index is the identity, and
//   num_vertices is the index bound (the dataset's actor count), as for BGL's filtered_graph, so
//   property maps sized by it are indexed by actor. vertices() lists only the Network's vertices.
// - An edge is one link seen from one end: out_edges(v) are v's out-links, in_edges(v) its in-links.
//   A NetworkArc carries tail, head and the Link (its merged weight and link number), and two arcs
//   are equal when they are the same link between the same ends. In an undirected network each link
//   is an out-link and an in-link of both its ends, so a search follows it both ways, as networkx
//   does on a Graph.
// - The graph is directed in BGL's sense (directed_tag) in both cases, for that reason.
#pragma once

#include "actorgraph/analysis/network.hpp"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <boost/property_map/property_map.hpp>

#include <utility>
#include <vector>

namespace actorgraph {

struct NetworkArc {
  Vertex tail = Network::none, head = Network::none;
  const Link* link = nullptr;
  bool operator==(const NetworkArc& o) const noexcept { return tail == o.tail && head == o.head && link == o.link; }
  bool operator!=(const NetworkArc& o) const noexcept { return !(*this == o); }
};

namespace detail {

// Turns a Link of v's out-list (out = true) or in-list into the arc it stands for.
struct LinkToArc {
  Vertex v = 0;
  bool out = true;
  NetworkArc operator()(const Link& l) const noexcept { return out ? NetworkArc{v, l.other, &l} : NetworkArc{l.other, v, &l}; }
};

struct NetworkTraversal : boost::bidirectional_graph_tag, boost::vertex_list_graph_tag {};

}  // namespace detail

using NetworkArcIterator = boost::transform_iterator<detail::LinkToArc, const Link*, NetworkArc, NetworkArc>;

inline std::pair<NetworkArcIterator, NetworkArcIterator> out_edges(Vertex v, const Network& g) {
  const auto links = g.out_links(v);
  return {NetworkArcIterator(links.data(), {v, true}), NetworkArcIterator(links.data() + links.size(), {v, true})};
}
inline std::pair<NetworkArcIterator, NetworkArcIterator> in_edges(Vertex v, const Network& g) {
  const auto links = g.in_links(v);
  return {NetworkArcIterator(links.data(), {v, false}), NetworkArcIterator(links.data() + links.size(), {v, false})};
}
inline std::size_t out_degree(Vertex v, const Network& g) { return g.out_links(v).size(); }
inline std::size_t in_degree(Vertex v, const Network& g) { return g.in_links(v).size(); }
inline std::size_t degree(Vertex v, const Network& g) { return out_degree(v, g) + in_degree(v, g); }
inline Vertex source(const NetworkArc& e, const Network&) { return e.tail; }
inline Vertex target(const NetworkArc& e, const Network&) { return e.head; }
inline std::pair<const Vertex*, const Vertex*> vertices(const Network& g) {
  const auto v = g.vertices();
  return {v.data(), v.data() + v.size()};
}
inline std::size_t num_vertices(const Network& g) { return g.vertex_bound(); }
inline boost::typed_identity_property_map<Vertex> get(boost::vertex_index_t, const Network&) { return {}; }

// A breadth-first search's hop distances: dist(head) = dist(tail) + 1 on every tree edge (the
// caller sets the source's to 0); with `order`, the vertices in the order they were discovered (to
// reset only those before the next search). Works on the Network and on BGL's views of it.
template <class Distances>
struct HopVisitor : boost::default_bfs_visitor {
  Distances* dist = nullptr;
  std::vector<Vertex>* order = nullptr;
  template <class Graph>
  void discover_vertex(Vertex v, const Graph&) const {
    if (order) order->push_back(v);
  }
  template <class Edge, class Graph>
  void tree_edge(const Edge& e, const Graph& g) const {
    (*dist)[target(e, g)] = (*dist)[source(e, g)] + 1;
  }
};

}  // namespace actorgraph

namespace boost {

template <>
struct graph_traits<actorgraph::Network> {
  using vertex_descriptor = actorgraph::Vertex;
  using edge_descriptor = actorgraph::NetworkArc;
  using directed_category = directed_tag;
  using edge_parallel_category = disallow_parallel_edge_tag;
  using traversal_category = actorgraph::detail::NetworkTraversal;
  using out_edge_iterator = actorgraph::NetworkArcIterator;
  using in_edge_iterator = actorgraph::NetworkArcIterator;
  using vertex_iterator = const actorgraph::Vertex*;
  using degree_size_type = std::size_t;
  using vertices_size_type = std::size_t;
  using edges_size_type = std::size_t;
  using edge_iterator = void;
  using adjacency_iterator = void;
  static vertex_descriptor null_vertex() { return actorgraph::Network::none; }
};

template <>
struct property_map<actorgraph::Network, vertex_index_t> {
  using type = typed_identity_property_map<actorgraph::Vertex>;
  using const_type = type;
};

}  // namespace boost
