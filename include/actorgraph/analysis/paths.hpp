// Paths between actors: shortest paths, the k shortest simple paths (Yen), every simple path up to a
// number of hops, single-source distances, neighbourhoods, and the distance statistics of a network.
//
// Paths follow link direction on a directed network and either way on an undirected one. Unweighted,
// a path's length is its number of links; weighted, the sum of link lengths (link weights, or their
// inverses with WeightAs::strength, as in centrality.hpp). Every path keeps its links, so callers
// can print the relations (evidence) behind each hop. Ties between equally short paths are broken
// by comparing vertex sequences lexicographically, so results are deterministic.
#pragma once

#include "actorgraph/analysis/centrality.hpp"
#include "actorgraph/analysis/network.hpp"

#include <optional>
#include <vector>

namespace actorgraph {

struct PathOptions {
  bool weighted = false;
  WeightAs weight_as = WeightAs::measure_default;
};

struct Path {
  std::vector<Vertex> vertices;     // from the first to the last, at least one
  std::vector<std::uint32_t> links;  // link numbers (Network::evidence), one fewer than vertices
  double length = 0;                 // hops, or the sum of link lengths when weighted
};

// The shortest path, or nullopt when `to` cannot be reached. BFS unweighted, Dijkstra weighted.
std::optional<Path> shortest_path(const Network& network, Vertex from, Vertex to, const PathOptions& options = {});

// Yen's k shortest simple paths, shortest first (fewer when fewer exist).
std::vector<Path> k_shortest_paths(const Network& network, Vertex from, Vertex to, std::size_t k,
                                   const PathOptions& options = {});

// Every simple path of at most max_hops links, shortest first then lexicographic. Throws UsageError
// when there are more than `limit` of them (say how to narrow the search).
std::vector<Path> all_simple_paths(const Network& network, Vertex from, Vertex to, std::size_t max_hops,
                                   std::size_t limit = 100000);

struct Neighbour {
  Vertex vertex;
  std::size_t distance;               // hops from the centre (1..depth)
  std::vector<std::uint32_t> links;   // links from vertices at distance − 1 to this one
};

// The vertices within `depth` hops of `centre` (following direction unless `either_way`), by
// distance then vertex number; the centre itself is not included.
std::vector<Neighbour> neighbourhood(const Network& network, Vertex centre, std::size_t depth, bool either_way = false);

// How many vertices neighbourhood() finds at each distance: entry k for distance k (entry 0 is 1,
// the centre), up to the farthest distance reached (at most `depth`). The same search without the
// links, so O(vertices and links within depth − 1 hops) with no allocation per vertex.
std::vector<std::size_t> ring_sizes(const Network& network, Vertex centre, std::size_t depth, bool either_way = false);

// One actor reached from a source: its distance, the number of links on the shortest path found,
// and the last hop of that path (the predecessor and the link from it).
struct Reached {
  Vertex vertex;
  double distance;              // hops, or the sum of link lengths when weighted
  std::size_t hops;             // links on the path found (= distance when unweighted)
  Vertex predecessor;           // Network::none for the source itself
  std::uint32_t link;           // the link predecessor -> vertex (Network::evidence); unused for the source
};

// Single-source distances (networkx.single_source_shortest_path_length, or
// single_source_dijkstra_path_length when weighted): every vertex `source` reaches, following
// direction, nearest first (distance, then vertex number), the source itself first at distance 0.
// Unweighted: BGL's breadth-first search; the predecessor is the vertex the search reached it from
// first (the smallest-numbered one of the previous level that links to it, as links are visited in
// neighbour order). Weighted: BGL's Dijkstra over link lengths as in PathOptions (links of infinite
// length are not taken); the predecessor is the one whose link gave the final distance first. The
// predecessors form a tree, so following them gives a shortest path. max_hops > 0 keeps the vertices
// whose path found has at most that many links (weighted: it does not search for a longer but
// shorter-hopped path).
std::vector<Reached> single_source_distances(const Network& network, Vertex source, const PathOptions& options = {},
                                             std::size_t max_hops = 0);

struct DistanceStats {
  // Over ordered pairs (u, v), u ≠ v, where v is reachable from u (unweighted hops).
  std::size_t reachable_pairs = 0;
  std::size_t diameter = 0;            // the longest such distance (networkx.diameter when connected)
  double average_path_length = 0;      // their mean (networkx.average_shortest_path_length when connected)
  bool connected = false;              // every ordered pair reachable (strongly connected if directed)
};

DistanceStats distance_stats(const Network& network, const Progress& progress = {});

}  // namespace actorgraph
