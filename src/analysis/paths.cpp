// Paths between actors (include/actorgraph/analysis/paths.hpp).
//
// Every search here reads the Network's CSR lists, which are sorted by neighbour: visiting them in
// order is what makes the results deterministic. Shortest paths are found in two passes: distances
// *to* the target over in-links (BGL's breadth_first_search or Dijkstra on the reversed network,
// analysis/network_graph.hpp), then a forward walk from the source that takes,
// at each step, the smallest-numbered neighbour that stays on a shortest path. That walk yields the
// lexicographically smallest shortest path, which a parent-pointer search does not (a BFS that keeps
// the first parent found builds smallest-*suffix* chains, not smallest prefixes).
#include "actorgraph/analysis/paths.hpp"

#include "actorgraph/analysis/network_graph.hpp"

#include "actorgraph/error.hpp"
#include "detail/parallel.hpp"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/property_map/function_property_map.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <tuple>
#include <utility>

namespace actorgraph {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// Weighted lengths are sums of doubles, added in different orders by different searches: two paths
// whose lengths differ by less than this (relative) are equally short.
constexpr double relative_tolerance = 1e-12;

bool equally_long(double a, double b) noexcept {
  return std::abs(a - b) <= relative_tolerance * std::max(std::abs(a), std::abs(b));
}

// (length, then vertex sequence) order of paths. Lengths are compared with the tolerance, so this is
// used only to pick a minimum by linear scan, never as a std::sort comparator.
bool comes_before(const Path& a, const Path& b) {
  if (!equally_long(a.length, b.length)) return a.length < b.length;
  return a.vertices < b.vertices;
}

// The length of a link along a path. Unweighted: 1 (paths count hops). Weighted: the merged weight
// (WeightAs::measure_default and WeightAs::length: path measures read weights as lengths, as in
// centrality.hpp), or its inverse with WeightAs::strength. A zero weight read as a strength is no tie
// at all: its length is infinite, and every search skips the link. A zero weight read as a length is
// a link of length 0 (see Searcher::walk for what that does to tie-breaking).
struct LinkLength {
  bool weighted = false;
  bool inverse = false;
  double operator()(const Link& l) const noexcept {
    if (!weighted) return 1;
    if (!inverse) return l.weight;
    return l.weight > 0 ? 1 / l.weight : infinity;
  }
};

LinkLength link_length(const PathOptions& o) noexcept { return {o.weighted, o.weight_as == WeightAs::strength}; }

void check_vertex(const Network& n, Vertex v, const char* what) {
  if (!n.contains(v))
    throw UsageError(std::string("the ") + what + " vertex, actor " + std::to_string(v) +
                     ", is not in the network (it is outside the slice or collapsed into another actor)");
}

// What a restricted search may not use: Yen's spur searches remove the root path's vertices and
// the links that earlier paths took from the spur vertex. Empty vectors remove nothing.
struct Mask {
  std::vector<std::uint8_t> vertex, link;
  bool removed_vertex(Vertex v) const noexcept { return !vertex.empty() && vertex[v] != 0; }
  bool removed_link(std::uint32_t id) const noexcept { return !link.empty() && link[id] != 0; }
};

// The network as a search may use it: without the mask's vertices and links, and without links of
// infinite length (a zero weight read as a strength). A BGL filtered_graph view, no copy.
struct UsableLink {
  const Mask* mask = nullptr;
  LinkLength length;
  bool operator()(const NetworkArc& e) const { return !mask->removed_link(e.link->id) && length(*e.link) != infinity; }
};
struct KeptVertex {
  const Mask* mask = nullptr;
  bool operator()(Vertex v) const { return !mask->removed_vertex(v); }
};
using UsableNetwork = boost::filtered_graph<Network, UsableLink, KeptVertex>;


// Shortest paths from any vertex to one target, reusing its arrays between searches (Yen runs one
// search per spur vertex).
class Searcher {
 public:
  Searcher(const Network& network, LinkLength length)
      : network_(network),
        length_(length),
        dist_(network.vertex_bound(), infinity),
        mark_(network.vertex_bound(), 0),
        color_(network.vertex_bound()) {}

  // The lexicographically smallest shortest path from `from` to `to` avoiding `mask`, or nullopt.
  // `from` and `to` must not be removed.
  std::optional<Path> shortest(Vertex from, Vertex to, const Mask& mask) {
    reset();
    if (length_.weighted)
      dijkstra_to(to, mask);
    else
      bfs_to(to, mask);
    if (dist_[from] == infinity) return std::nullopt;
    return walk(from, to, mask);
  }

 private:
  bool usable(const Link& l, const Mask& mask) const noexcept {
    return !mask.removed_link(l.id) && !mask.removed_vertex(l.other) && length_(l) != infinity;
  }

  // x -> y is on a shortest path to the target: d(y) + len <= d(x), up to the tolerance. Reverse
  // Dijkstra set d(x) = d(y) + len for the link it came through, so every vertex other than the
  // target with a finite distance has at least one tight out-link.
  bool tight(Vertex x, Vertex y, double len) const noexcept {
    return dist_[y] + len <= dist_[x] + relative_tolerance * dist_[x];
  }

  void reset() {
    std::fill(dist_.begin(), dist_.end(), infinity);
    std::fill(mark_.begin(), mark_.end(), std::uint8_t{0});
  }

  // Hops to `to` over in-links: BGL's breadth-first search on the reversed usable network. O(V + E).
  void bfs_to(Vertex to, const Mask& mask) {
    const UsableNetwork usable(network_, UsableLink{&mask, length_}, KeptVertex{&mask});
    const auto reversed = boost::make_reverse_graph(usable);
    dist_[to] = 0;
    boost::breadth_first_search(reversed, to, boost::visitor(HopVisitor<std::vector<double>>{{}, &dist_, nullptr}).color_map(color_map()));
  }

  // Lengths to `to` over in-links: BGL's Dijkstra on the reversed usable network. O((V + E) log V).
  void dijkstra_to(Vertex to, const Mask& mask) {
    const UsableNetwork usable(network_, UsableLink{&mask, length_}, KeptVertex{&mask});
    const auto reversed = boost::make_reverse_graph(usable);
    using ReversedArc = boost::graph_traits<decltype(reversed)>::edge_descriptor;
    const LinkLength length = length_;
    const auto link_of = get(boost::edge_underlying, reversed);
    const auto lengths =
        boost::make_function_property_map<ReversedArc, double>([&](const ReversedArc& e) { return length(*get(link_of, e).link); });
    boost::dijkstra_shortest_paths_no_color_map(
        reversed, to,
        boost::distance_map(boost::make_iterator_property_map(dist_.begin(), get(boost::vertex_index, network_)))
            .weight_map(lengths)
            .distance_inf(infinity)
            .distance_zero(0.0));
  }

  boost::iterator_property_map<std::vector<boost::default_color_type>::iterator, boost::typed_identity_property_map<Vertex>> color_map() {
    std::fill(color_.begin(), color_.end(), boost::white_color);
    return boost::make_iterator_property_map(color_.begin(), boost::typed_identity_property_map<Vertex>());
  }

  // Whether some tight link x -> y has d(y) >= d(x): links of length 0 (or below the tolerance)
  // make the graph of tight links cyclic, and a greedy walk could enter a vertex from which every
  // continuation revisits the path. Without such links tight links strictly decrease the distance,
  // so the walk never revisits a vertex and never gets stuck. O(E).
  bool has_plateaus(const Mask& mask) const {
    if (!length_.weighted) return false;
    for (const Vertex x : network_.vertices())
      if (dist_[x] != infinity)
        for (const Link& l : network_.out_links(x))
        if (usable(l, mask) && dist_[l.other] >= dist_[x] && tight(x, l.other, length_(l))) return true;
    return false;
  }

  // Whether `to` can be reached from v over tight links without entering the path so far
  // (mark_ == 1). Vertices found unable to (mark_ == 2) stay unable: the path only grows. O(E).
  bool can_finish(Vertex v, Vertex to, const Mask& mask) {
    if (mark_[v] == 2) return false;
    std::vector<Vertex> stack{v};
    std::vector<std::uint8_t> was(network_.vertex_bound(), 0);
    was[v] = 1;
    while (!stack.empty()) {
      const Vertex x = stack.back();
      stack.pop_back();
      if (x == to) return true;
      for (const Link& l : network_.out_links(x)) {
        const Vertex y = l.other;
        if (!usable(l, mask) || was[y] || mark_[y] != 0 || dist_[y] == infinity || !tight(x, y, length_(l))) continue;
        was[y] = 1;
        stack.push_back(y);
      }
    }
    mark_[v] = 2;
    return false;
  }

  // From `from`, the smallest next vertex on a shortest path, until `to`: the lexicographically
  // smallest shortest path. With plateaus (zero-length links) each candidate is first checked to
  // reach `to` without revisiting the path, which keeps the greedy choice exact: O(V · E) then,
  // O(E) otherwise. The length is summed along the path, from `from`, as Yen's candidates are.
  Path walk(Vertex from, Vertex to, const Mask& mask) {
    const bool plateaus = has_plateaus(mask);
    Path p;
    p.vertices.push_back(from);
    if (plateaus) mark_[from] = 1;
    for (Vertex x = from; x != to;) {
      const Link* next = nullptr;
      for (const Link& l : network_.out_links(x)) {
        const Vertex y = l.other;
        if (!usable(l, mask) || dist_[y] == infinity || !tight(x, y, length_(l))) continue;
        if (plateaus && y != to && (mark_[y] != 0 || !can_finish(y, to, mask))) continue;
        next = &l;
        break;
      }
      if (next == nullptr) throw Error("internal error: the shortest-path walk found no next vertex");
      p.vertices.push_back(next->other);
      p.links.push_back(next->id);
      p.length += length_(*next);
      x = next->other;
      if (plateaus) mark_[x] = 1;
    }
    return p;
  }

  const Network& network_;
  LinkLength length_;
  std::vector<double> dist_;
  std::vector<std::uint8_t> mark_;  // walk with plateaus: 1 on the path, 2 cannot finish
  std::vector<boost::default_color_type> color_;  // the breadth-first search's
};

// Hops from `to` backwards (in-links): the fewest links from each vertex to `to`, by BGL's
// breadth-first search on the reversed network. O(V + E).
std::vector<std::size_t> hops_to(const Network& n, Vertex to) {
  constexpr std::size_t unreached = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> hops(n.vertex_bound(), unreached);
  hops[to] = 0;
  boost::breadth_first_search(boost::make_reverse_graph(n), to, boost::visitor(HopVisitor<std::vector<std::size_t>>{{}, &hops, nullptr}));
  return hops;
}

std::string plural(std::size_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

}  // namespace

// Reverse BFS or Dijkstra from `to`, then a greedy forward walk (see Searcher).
// O(V + E) unweighted, O((V + E) log V) weighted.
std::optional<Path> shortest_path(const Network& network, Vertex from, Vertex to, const PathOptions& options) {
  check_vertex(network, from, "first");
  check_vertex(network, to, "last");
  Searcher searcher(network, link_length(options));
  return searcher.shortest(from, to, Mask{});
}

// Yen (1971): the (i+1)-th path deviates from one of the first i at some spur vertex; for each
// vertex of the last path found, search the best path from it that avoids the root path before it
// and the links that earlier paths with the same root took next. Candidates are kept once each;
// the next path is the candidate first in (length, vertex sequence) order. Because the spur search
// returns the best path in that same order, and the order of two paths with a common root is the
// order of their remainders, the result is the first k simple paths in that order.
// O(k · V · S) where S is one shortest-path search (O((V + E) log V) weighted).
std::vector<Path> k_shortest_paths(const Network& network, Vertex from, Vertex to, std::size_t k,
                                   const PathOptions& options) {
  check_vertex(network, from, "first");
  check_vertex(network, to, "last");
  std::vector<Path> found;
  if (k == 0) return found;
  const LinkLength length = link_length(options);
  Searcher searcher(network, length);
  Mask mask;
  mask.vertex.assign(network.vertex_bound(), 0);
  mask.link.assign(network.link_count(), 0);
  auto first = searcher.shortest(from, to, mask);
  if (!first) return found;
  found.push_back(std::move(*first));

  std::set<std::vector<Vertex>> known{found.front().vertices};
  std::vector<Path> candidates;
  // Link lengths by id, to sum a candidate's length from its first link on.
  std::vector<double> link_length_of(network.link_count(), infinity);
  for (const Vertex v : network.vertices())
    for (const Link& l : network.out_links(v)) link_length_of[l.id] = length(l);

  while (found.size() < k) {
    const Path last = found.back();
    for (std::size_t i = 0; i + 1 < last.vertices.size(); ++i) {
      const Vertex spur = last.vertices[i];
      std::vector<std::uint32_t> removed_links;
      for (const Path& p : found)
        if (p.vertices.size() > i + 1 && std::equal(last.vertices.begin(), last.vertices.begin() + static_cast<std::ptrdiff_t>(i) + 1, p.vertices.begin()))
          removed_links.push_back(p.links[i]);
      for (const std::uint32_t id : removed_links) mask.link[id] = 1;
      for (std::size_t j = 0; j < i; ++j) mask.vertex[last.vertices[j]] = 1;

      if (auto spur_path = searcher.shortest(spur, to, mask)) {
        Path candidate;
        candidate.vertices.assign(last.vertices.begin(), last.vertices.begin() + static_cast<std::ptrdiff_t>(i));
        candidate.vertices.insert(candidate.vertices.end(), spur_path->vertices.begin(), spur_path->vertices.end());
        candidate.links.assign(last.links.begin(), last.links.begin() + static_cast<std::ptrdiff_t>(i));
        candidate.links.insert(candidate.links.end(), spur_path->links.begin(), spur_path->links.end());
        for (const std::uint32_t id : candidate.links) candidate.length += link_length_of[id];
        if (known.insert(candidate.vertices).second) candidates.push_back(std::move(candidate));
      }

      for (const std::uint32_t id : removed_links) mask.link[id] = 0;
      for (std::size_t j = 0; j < i; ++j) mask.vertex[last.vertices[j]] = 0;
    }
    if (candidates.empty()) break;
    std::size_t best = 0;
    for (std::size_t c = 1; c < candidates.size(); ++c)
      if (comes_before(candidates[c], candidates[best])) best = c;
    found.push_back(std::move(candidates[best]));
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(best));
  }
  return found;
}

// Depth-first search in neighbour order, pruned by the hop distance to `to` (a branch that cannot
// reach `to` within the hops left is not entered), so every branch explored ends in a path unless it
// is blocked by its own vertices. Paths come out in lexicographic order; a stable sort by hops then
// gives (hops, lexicographic). O(V + E) for the pruning BFS plus, in the worst case, O(Δ^max_hops)
// for the search (Δ the largest out-degree); it stops as soon as `limit` is exceeded.
std::vector<Path> all_simple_paths(const Network& network, Vertex from, Vertex to, std::size_t max_hops,
                                   std::size_t limit) {
  check_vertex(network, from, "first");
  check_vertex(network, to, "last");
  std::vector<Path> paths;
  const auto hops = hops_to(network, to);
  if (hops[from] > max_hops) return paths;

  std::vector<std::uint8_t> on_path(network.vertex_bound(), 0);
  Path current;
  current.vertices.push_back(from);
  on_path[from] = 1;
  const auto too_many = [&] {
    return UsageError("more than " + plural(limit, "simple path", "simple paths") + " of at most " +
                      plural(max_hops, "hop", "hops") +
                      " between the two actors; lower --max-hops or slice the network");
  };
  const auto record = [&] {
    if (paths.size() == limit) throw too_many();
    Path p = current;
    p.length = static_cast<double>(p.links.size());
    paths.push_back(std::move(p));
  };

  if (from == to) {
    record();
    return paths;
  }
  // Explicit stack of (vertex, position in its out-links) so that deep searches cannot overflow.
  std::vector<std::pair<Vertex, std::size_t>> stack{{from, 0}};
  while (!stack.empty()) {
    auto& [x, position] = stack.back();
    const auto links = network.out_links(x);
    if (position == links.size()) {
      on_path[x] = 0;
      stack.pop_back();
      if (!current.links.empty()) current.links.pop_back();
      current.vertices.pop_back();
      continue;
    }
    const Link& l = links[position++];
    const Vertex y = l.other;
    const std::size_t depth = current.links.size() + 1;  // hops once y is added
    if (on_path[y] || hops[y] > max_hops || depth + hops[y] > max_hops) continue;
    current.vertices.push_back(y);
    current.links.push_back(l.id);
    if (y == to) {
      record();
      current.vertices.pop_back();
      current.links.pop_back();
      continue;
    }
    on_path[y] = 1;
    stack.emplace_back(y, 0);
  }
  std::stable_sort(paths.begin(), paths.end(), [](const Path& a, const Path& b) { return a.links.size() < b.links.size(); });
  return paths;
}

// BFS from the centre up to `depth`, then for each vertex reached, its links from the previous
// level (in-links; with either_way also out-links, i.e. links followed against their direction).
// On an undirected network in-links and out-links are the same edges: duplicates are removed.
// O(V + E) at most, and only what lies within `depth`: our own loop, because BGL's
// breadth_first_search has no depth limit and would visit everything reachable.
namespace {

constexpr std::size_t unreached = std::numeric_limits<std::size_t>::max();

// The breadth-first search of a neighbourhood: the vertices within `depth` hops of `centre` in the
// order found, the centre first; `dist` (sized to the vertex bound) gets each one's hops, and
// `unreached` for the others.
std::vector<Vertex> ring_search(const Network& network, Vertex centre, std::size_t depth, bool either_way, std::vector<std::size_t>& dist) {
  check_vertex(network, centre, "centre");
  dist.assign(network.vertex_bound(), unreached);
  std::vector<Vertex> queue{centre};
  dist[centre] = 0;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const Vertex x = queue[head];
    if (dist[x] == depth) break;
    const auto visit = [&](std::span<const Link> links) {
      for (const Link& l : links)
        if (dist[l.other] == unreached) {
          dist[l.other] = dist[x] + 1;
          queue.push_back(l.other);
        }
    };
    visit(network.out_links(x));
    if (either_way && network.directed()) visit(network.in_links(x));
  }
  return queue;
}

}  // namespace

std::vector<std::size_t> ring_sizes(const Network& network, Vertex centre, std::size_t depth, bool either_way) {
  std::vector<std::size_t> dist;
  const std::vector<Vertex> found = ring_search(network, centre, depth, either_way, dist);
  std::vector<std::size_t> sizes(dist[found.back()] + 1, 0);  // breadth-first: the last is the farthest
  for (const Vertex v : found) ++sizes[dist[v]];
  return sizes;
}

std::vector<Neighbour> neighbourhood(const Network& network, Vertex centre, std::size_t depth, bool either_way) {
  std::vector<std::size_t> dist;
  const std::vector<Vertex> queue = ring_search(network, centre, depth, either_way, dist);

  std::vector<Neighbour> result;
  result.reserve(queue.size() > 0 ? queue.size() - 1 : 0);
  for (std::size_t i = 1; i < queue.size(); ++i) {
    const Vertex v = queue[i];
    Neighbour nb{v, dist[v], {}};
    const auto collect = [&](std::span<const Link> links) {
      for (const Link& l : links)
        if (dist[l.other] != unreached && dist[l.other] + 1 == dist[v]) nb.links.push_back(l.id);
    };
    collect(network.in_links(v));
    if (either_way && network.directed()) collect(network.out_links(v));
    std::sort(nb.links.begin(), nb.links.end());
    nb.links.erase(std::unique(nb.links.begin(), nb.links.end()), nb.links.end());
    result.push_back(std::move(nb));
  }
  std::sort(result.begin(), result.end(),
            [](const Neighbour& a, const Neighbour& b) { return std::tie(a.distance, a.vertex) < std::tie(b.distance, b.vertex); });
  return result;
}

namespace {

// Records each vertex's predecessor and link on the search tree, and the order in which vertices
// are final: discovered (breadth-first) or settled (Dijkstra), so that a vertex comes after its
// predecessor.
struct TreeRecorder {
  std::vector<Vertex>* predecessor;
  std::vector<std::uint32_t>* link;
  std::vector<Vertex>* order;
  void record(const NetworkArc& e) const {
    (*predecessor)[e.head] = e.tail;
    (*link)[e.head] = e.link->id;
  }
};

struct BfsTree : boost::default_bfs_visitor, TreeRecorder {
  std::vector<double>* dist;
  template <class Graph>
  void discover_vertex(Vertex v, const Graph&) const { order->push_back(v); }
  template <class Graph>
  void tree_edge(const NetworkArc& e, const Graph&) const {
    (*dist)[e.head] = (*dist)[e.tail] + 1;
    record(e);
  }
};

struct DijkstraTree : boost::default_dijkstra_visitor, TreeRecorder {
  template <class Graph>
  void examine_vertex(Vertex v, const Graph&) const { order->push_back(v); }
  template <class Graph>
  void edge_relaxed(const NetworkArc& e, const Graph&) const { record(e); }
};

}  // namespace

std::vector<Reached> single_source_distances(const Network& network, Vertex source, const PathOptions& options, std::size_t max_hops) {
  check_vertex(network, source, "source");
  const std::size_t n = network.vertex_bound();  // arrays are indexed by actor
  const LinkLength length = link_length(options);
  std::vector<double> dist(n, infinity);
  std::vector<Vertex> predecessor(n, Network::none), order;
  std::vector<std::uint32_t> link(n, 0);
  const auto index = boost::typed_identity_property_map<Vertex>();
  dist[source] = 0;
  if (options.weighted) {
    const Mask none;  // links of infinite length are not taken
    const UsableNetwork usable(network, UsableLink{&none, length}, KeptVertex{&none});
    const auto lengths = boost::make_function_property_map<NetworkArc, double>([&](const NetworkArc& e) { return length(*e.link); });
    boost::dijkstra_shortest_paths_no_color_map(
        usable, source,
        boost::distance_map(boost::make_iterator_property_map(dist.begin(), index))
            .weight_map(lengths)
            .distance_inf(infinity)
            .distance_zero(0.0)
            .visitor(DijkstraTree{{}, {&predecessor, &link, &order}}));
  } else {
    std::vector<boost::default_color_type> color(n);
    BfsTree visitor;
    visitor.predecessor = &predecessor;
    visitor.link = &link;
    visitor.order = &order;
    visitor.dist = &dist;
    // Unweighted, every link is usable (length 1, nothing masked): the search runs on the network
    // itself, without the filtered view's test of every arc.
    boost::breadth_first_search(network, source,
                                boost::visitor(visitor).color_map(boost::make_iterator_property_map(color.begin(), index)));
  }
  // Hops along the tree, in the order vertices became final (a predecessor does before).
  std::vector<std::size_t> hops(n, 0);
  std::vector<Vertex> kept;
  kept.reserve(order.size());
  for (const Vertex v : order) {
    if (v != source) hops[v] = hops[predecessor[v]] + 1;
    if (max_hops == 0 || hops[v] <= max_hops) kept.push_back(v);
  }
  // Nearest first, then by vertex number. Breadth-first, the vertices were discovered level by
  // level (their distances, whole numbers, never decrease along `order`), so only the vertex numbers
  // of each level are sorted; Dijkstra's settled order has ties in any order, so all are sorted.
  if (options.weighted) {
    std::sort(kept.begin(), kept.end(), [&](Vertex a, Vertex b) { return std::tie(dist[a], a) < std::tie(dist[b], b); });
  } else {
    for (auto level = kept.begin(); level != kept.end();) {
      const auto next = std::find_if(level, kept.end(), [&](Vertex v) { return dist[v] != dist[*level]; });
      std::sort(level, next);
      level = next;
    }
  }
  std::vector<Reached> out;
  out.reserve(kept.size());
  for (const Vertex v : kept) out.push_back({v, dist[v], hops[v], predecessor[v], link[v]});
  return out;
}

// One BGL breadth-first search per source over out-links: O(V · (V + E)) time, O(V) memory per
// thread. Above 2000 vertices the sources run on the analyses' thread pool (detail/parallel.hpp);
// the totals are integers, so the result does not depend on the number of threads.
DistanceStats distance_stats(const Network& network, const Progress& progress) {
  const std::size_t n = network.vertex_count();
  DistanceStats stats;
  stats.connected = true;
  if (n <= 1) {
    if (progress) progress(n, n);
    return stats;
  }
  struct Totals {
    std::uint64_t pairs = 0, sum = 0;
    std::size_t diameter = 0;
  };
  constexpr std::uint32_t unreached = std::numeric_limits<std::uint32_t>::max();
  struct State {
    std::vector<std::uint32_t> dist;
    std::vector<boost::default_color_type> color;
    std::vector<Vertex> order;  // what the last search reached: only that is reset
    Totals partial;
  };
  Totals total;
  const auto work = [&](std::size_t begin, std::size_t end, State& st) {
    const auto colors = boost::make_iterator_property_map(st.color.begin(), get(boost::vertex_index, network));
    for (std::size_t i = begin; i < end; ++i) {
      const Vertex s = network.vertices()[i];
      st.dist[s] = 0;
      boost::queue<Vertex> queue;
      boost::breadth_first_visit(network, s, queue, HopVisitor<std::vector<std::uint32_t>>{{}, &st.dist, &st.order},
                                 colors);
      st.partial.pairs += st.order.size() - 1;
      for (const Vertex v : st.order) {
        st.partial.sum += st.dist[v];
        st.partial.diameter = std::max<std::size_t>(st.partial.diameter, st.dist[v]);
        st.dist[v] = unreached;
        st.color[v] = boost::white_color;
      }
      st.order.clear();
    }
  };
  const auto merge = [&](State& st) {
    total.pairs += st.partial.pairs;
    total.sum += st.partial.sum;
    total.diameter = std::max(total.diameter, st.partial.diameter);
    st.partial = {};
  };
  detail::run_blocks(
      n, n > 2000 ? 0 : 1, progress,
      [&] {
        const std::size_t bound = network.vertex_bound();  // arrays are indexed by actor
        return State{std::vector<std::uint32_t>(bound, unreached), std::vector<boost::default_color_type>(bound, boost::white_color), {}, {}};
      },
      work, merge);

  stats.reachable_pairs = static_cast<std::size_t>(total.pairs);
  stats.diameter = total.diameter;
  stats.average_path_length = total.pairs == 0 ? 0.0 : static_cast<double>(total.sum) / static_cast<double>(total.pairs);
  stats.connected = total.pairs == static_cast<std::uint64_t>(n) * (n - 1);
  return stats;
}

}  // namespace actorgraph
