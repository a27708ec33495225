// Centrality measures (include/actorgraph/analysis/centrality.hpp). Each follows the NetworkX 3.6
// function it names step by step (starting vector, update, convergence test, rescaling), so that
// values agree to rounding; docs/ANALYSES.md gives the formulas.
#include "actorgraph/analysis/centrality.hpp"

#include "actorgraph/analysis/network_graph.hpp"
#include "actorgraph/format.hpp"
#include "analysis/detail/centrality_sources.hpp"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <string>

namespace actorgraph {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// One direction of the network as plain arrays, with each link's weight already turned into the
// number the measure needs (a strength or a length). Links of infinite length are left out.
struct Adjacency {
  std::vector<std::uint32_t> offsets;  // vertex_bound() + 1 (an actor outside the network has no links)
  std::vector<Vertex> heads;
  std::vector<double> values;          // empty when unweighted (every value 1)

  std::size_t size() const noexcept { return offsets.size() - 1; }
  bool weighted() const noexcept { return !values.empty(); }
};

// The in-links of each vertex with the strength each one carries (the power iterations: PageRank,
// eigenvector, Katz): the network's own lists when the strength is the link's weight as it is, or 1
// unweighted, so nothing is copied (at ten million links a copy took 126 MB of PageRank's peak);
// an Adjacency when weights are lengths and each strength is 1 / length.
class InStrengths {
 public:
  InStrengths(const Network& network, const CentralityOptions& o);
  // Calls visit(u, strength) for each in-link (u, v) of v.
  template <class Visit>
  void for_each(Vertex v, Visit&& visit) const {
    if (!converted_) {
      for (const Link& l : network_.in_links(v)) visit(l.other, weights_ ? l.weight : 1.0);
      return;
    }
    const Adjacency& a = *converted_;
    for (std::uint32_t i = a.offsets[v]; i < a.offsets[v + 1]; ++i) visit(a.heads[i], a.weighted() ? a.values[i] : 1.0);
  }

 private:
  const Network& network_;
  bool weights_;
  std::optional<Adjacency> converted_;
};

std::string link_name(const Network& network, Vertex u, Vertex v) {
  const Dataset& d = network.dataset();
  if (!network.directed() && v < u) std::swap(u, v);
  return "'" + std::string(d.actor_id(u)) + "' " + (network.directed() ? "->" : "--") + " '" + std::string(d.actor_id(v)) + "'";
}

// Link weight as a strength (degree, PageRank, eigenvector, Katz).
double strength(const Network& network, Vertex tail, Vertex head, double weight, WeightAs as) {
  if (as != WeightAs::length) return weight;
  if (weight == 0)
    throw UsageError("link " + link_name(network, tail, head) +
                     " has weight 0, which as a length means an infinite strength; give it a positive weight or "
                     "do not read weights as lengths");
  return 1 / weight;
}

// Link weight as a length (betweenness, closeness, harmonic). A zero strength is an infinite
// length: no shortest path uses the link.
double length(const Link& l, WeightAs as) {
  if (as != WeightAs::strength) return l.weight;
  return l.weight == 0 ? infinity : 1 / l.weight;
}

enum class Use { strength, length };

// in = true: each vertex's in-links (the tails of its links), else its out-links.
Adjacency adjacency(const Network& network, bool in, const CentralityOptions& o, Use use) {
  const std::size_t bound = network.vertex_bound();
  Adjacency a;
  a.offsets.reserve(bound + 1);
  a.offsets.push_back(0);
  // Reserved at once: grown by doubling, each array would be copied as it grows, and take up to
  // twice its size.
  const std::size_t entries = network.directed() ? network.link_count() : 2 * network.link_count();  // list entries
  a.heads.reserve(entries);
  if (o.weighted) a.values.reserve(entries);
  for (Vertex v = 0; v < bound; ++v) {
    for (const Link& l : in ? network.in_links(v) : network.out_links(v)) {
      if (o.weighted) {
        const double x = use == Use::strength ? strength(network, in ? l.other : v, in ? v : l.other, l.weight, o.weight_as)
                                              : length(l, o.weight_as);
        if (x == infinity) continue;
        a.values.push_back(x);
      }
      a.heads.push_back(l.other);
    }
    a.offsets.push_back(static_cast<std::uint32_t>(a.heads.size()));
  }
  return a;
}

InStrengths::InStrengths(const Network& network, const CentralityOptions& o) : network_(network), weights_(o.weighted) {
  if (o.weighted && o.weight_as == WeightAs::length) converted_ = adjacency(network, true, o, Use::strength);
}

std::vector<Vertex> all_vertices(const Network& network) { return {network.vertices().begin(), network.vertices().end()}; }

// `samples` distinct vertices of the network, drawn with a partial Fisher–Yates shuffle of the
// vertex list (in actor order) driven by mt19937_64 (the draw uses `engine() % range` rather than
// std::uniform_int_distribution, whose algorithm differs between standard libraries), in
// increasing order.
std::vector<Vertex> sample_sources(const Network& network, std::size_t samples, std::uint64_t seed) {
  std::vector<Vertex> v = all_vertices(network);
  const std::size_t n = v.size();
  std::mt19937_64 engine(seed);
  for (std::size_t i = 0; i < samples; ++i) std::swap(v[i], v[i + engine() % (n - i)]);
  v.resize(samples);
  std::sort(v.begin(), v.end());
  return v;
}

void check_samples(std::size_t n, std::size_t samples, const char* measure) {
  if (samples > n)
    throw UsageError(std::string(measure) + ": cannot sample " + std::to_string(samples) + " source actors from a network of " +
                     std::to_string(n) + "; use at most " + std::to_string(n) + " (or 0 for the exact value)");
}

// Scores over the network's vertices: `value` has an entry per actor, NaN for actors outside the
// network, `fill` for its vertices.
Scores make_scores(const Network& network, double fill) {
  Scores s;
  s.vertices = all_vertices(network);
  s.value.assign(network.vertex_bound(), std::numeric_limits<double>::quiet_NaN());
  for (const Vertex v : s.vertices) s.value[v] = fill;
  return s;
}

// Scores whose values for the network's vertices are in `values` (an entry per actor; the others
// are set to NaN).
Scores make_scores(const Network& network, std::vector<double> values) {
  Scores s;
  s.vertices = all_vertices(network);
  std::vector<std::uint8_t> keep(network.vertex_bound(), 0);
  for (const Vertex v : s.vertices) keep[v] = 1;
  for (std::size_t a = 0; a < values.size(); ++a)
    if (!keep[a]) values[a] = std::numeric_limits<double>::quiet_NaN();
  s.value = std::move(values);
  return s;
}

// A vector indexed by actor: `fill` for the network's vertices, 0 for the other actors. The power
// iterations keep those at 0, so they change no sum or norm: the results are those of the vertices
// alone.
std::vector<double> vertex_vector(const Network& network, double fill) {
  std::vector<double> x(network.vertex_bound(), 0.0);
  for (const Vertex v : network.vertices()) x[v] = fill;
  return x;
}

// ---------------------------------------------------------------------------------------------
// Brandes betweenness: one shortest-path search per source, then dependencies accumulated back
// along the search order (networkx _single_source_shortest_path_basic / _dijkstra_path_basic and
// _accumulate_basic).

class Brandes {
 public:
  Brandes(const Adjacency& out, const std::vector<std::uint32_t>& pred_offsets, bool weighted)
      : out_(out), pred_offsets_(pred_offsets), weighted_(weighted) {
    const std::size_t n = out.size();
    sigma_.assign(n, 0.0);
    delta_.assign(n, 0.0);
    hops_.assign(n, -1);
    dist_.assign(n, infinity);
    settled_.assign(n, 0);
    pred_count_.assign(n, 0);
    preds_.resize(pred_offsets.back());
    order_.reserve(n);
    if (weighted) {
      via_.assign(n, 0);
      pos_.assign(n, none);
      stamp_.assign(n, 0);
      heap_.reserve(n);
    }
  }

  void operator()(Vertex s, detail::Sums& sums) {
    if (weighted_) dijkstra(s); else bfs(s);
    auto& bc = sums[0];
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
      const Vertex w = *it;
      const double coeff = (1 + delta_[w]) / sigma_[w];
      const Vertex* p = preds_.data() + pred_offsets_[w];
      for (std::uint32_t i = 0; i < pred_count_[w]; ++i) delta_[p[i]] += sigma_[p[i]] * coeff;
      if (w != s) bc[w] += delta_[w];
    }
    for (const Vertex v : order_) {
      sigma_[v] = delta_[v] = 0;
      hops_[v] = -1;
      dist_[v] = infinity;
      settled_[v] = 0;
      pred_count_[v] = 0;
    }
    order_.clear();
  }

 private:
  void add_pred(Vertex w, Vertex v) { preds_[pred_offsets_[w] + pred_count_[w]++] = v; }

  void bfs(Vertex s) {
    sigma_[s] = 1;
    hops_[s] = 0;
    order_.push_back(s);
    for (std::size_t head = 0; head < order_.size(); ++head) {
      const Vertex v = order_[head];
      const std::int32_t next = hops_[v] + 1;
      for (std::uint32_t i = out_.offsets[v]; i < out_.offsets[v + 1]; ++i) {
        const Vertex w = out_.heads[i];
        if (hops_[w] < 0) {
          hops_[w] = next;
          order_.push_back(w);
        }
        if (hops_[w] == next) {
          sigma_[w] += sigma_[v];
          add_pred(w, v);
        }
      }
    }
  }

  // networkx's Dijkstra: a vertex is settled in order of (distance, time of its last improvement),
  // its sigma is completed from the predecessor of that improvement when it is settled, and a tie is
  // an exact floating-point equality. networkx keeps stale heap entries and skips them; an indexed
  // heap with decrease-key settles the vertices in the same order. (networkx's sigma[s] comes out
  // doubled, and so does every sigma; the ratios the accumulation uses do not change.)
  void dijkstra(Vertex s) {
    std::uint64_t clock = 0;
    sigma_[s] = 1;
    dist_[s] = 0;
    improve(s, s, clock++);
    while (!heap_.empty()) {
      const Vertex v = pop();
      const double dv = dist_[v];
      sigma_[v] += sigma_[via_[v]];
      order_.push_back(v);
      settled_[v] = 1;
      for (std::uint32_t i = out_.offsets[v]; i < out_.offsets[v + 1]; ++i) {
        const Vertex w = out_.heads[i];
        const double d = dv + out_.values[i];
        if (!settled_[w] && d < dist_[w]) {
          dist_[w] = d;
          improve(w, v, clock++);
          sigma_[w] = 0;
          pred_count_[w] = 0;
          add_pred(w, v);
        } else if (d == dist_[w]) {
          sigma_[w] += sigma_[v];
          add_pred(w, v);
        }
      }
    }
  }

  // 4-ary min-heap of vertices keyed by (dist_, stamp_), positions in pos_ (none: not in the heap).
  static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
  bool less(Vertex a, Vertex b) const noexcept {
    return dist_[a] != dist_[b] ? dist_[a] < dist_[b] : stamp_[a] < stamp_[b];
  }
  void place(std::uint32_t i, Vertex v) {
    heap_[i] = v;
    pos_[v] = i;
  }
  // dist_[w] has just decreased (or w is new): record the improvement and restore the heap.
  void improve(Vertex w, Vertex via, std::uint64_t stamp) {
    via_[w] = via;
    stamp_[w] = stamp;
    std::uint32_t i = pos_[w];
    if (i == none) {
      i = static_cast<std::uint32_t>(heap_.size());
      heap_.push_back(w);
    }
    while (i > 0) {
      const std::uint32_t parent = (i - 1) / 4;
      if (!less(w, heap_[parent])) break;
      place(i, heap_[parent]);
      i = parent;
    }
    place(i, w);
  }
  Vertex pop() {
    const Vertex top = heap_.front();
    pos_[top] = none;
    const Vertex last = heap_.back();
    heap_.pop_back();
    if (heap_.empty()) return top;
    const auto size = static_cast<std::uint32_t>(heap_.size());
    std::uint32_t i = 0;
    for (;;) {
      const std::uint32_t first = 4 * i + 1;
      if (first >= size) break;
      std::uint32_t best = first;
      for (std::uint32_t c = first + 1; c < std::min(first + 4, size); ++c)
        if (less(heap_[c], heap_[best])) best = c;
      if (!less(heap_[best], last)) break;
      place(i, heap_[best]);
      i = best;
    }
    place(i, last);
    return top;
  }

  const Adjacency& out_;
  const std::vector<std::uint32_t>& pred_offsets_;
  bool weighted_;
  std::vector<double> sigma_, delta_, dist_;
  std::vector<std::int32_t> hops_;
  std::vector<std::uint8_t> settled_;
  std::vector<std::uint32_t> pred_count_;
  std::vector<Vertex> preds_;
  std::vector<Vertex> order_;
  std::vector<Vertex> heap_, via_;
  std::vector<std::uint32_t> pos_;
  std::vector<std::uint64_t> stamp_;
};

// Room for each vertex's predecessors: at most one per in-link.
std::vector<std::uint32_t> in_degree_offsets(const Adjacency& out) {
  std::vector<std::uint32_t> offsets(out.size() + 1, 0);
  for (const Vertex h : out.heads) ++offsets[h + 1];
  for (std::size_t v = 0; v < out.size(); ++v) offsets[v + 1] += offsets[v];
  return offsets;
}

// ---------------------------------------------------------------------------------------------
// Closeness and harmonic closeness: a search from each source u gives d(u, v) for every v it
// reaches, that is, v's incoming distances, which both measures use. The searches are BGL's
// breadth-first search (unweighted) and Dijkstra (weighted: lengths as `length` reads them) on the
// network without its links of infinite length. Dijkstra's distances do not depend on the order it
// settles ties in: each is the least rounded sum over the vertex's in-links, a unique fixed point.

// Links a search may take: those of finite length (a zero weight read as a strength has none).
struct FiniteLength {
  bool weighted = false;
  WeightAs as = WeightAs::measure_default;
  bool operator()(const NetworkArc& e) const { return !weighted || length(*e.link, as) != infinity; }
};

// Records the vertices Dijkstra discovers, to reset only those (breadth-first: HopVisitor).
struct DiscoveredByDijkstra : boost::default_dijkstra_visitor {
  std::vector<Vertex>* order;
  template <class Graph>
  void discover_vertex(Vertex v, const Graph&) const { order->push_back(v); }
};

class IncomingDistances {
 public:
  IncomingDistances(const Network& network, const CentralityOptions& o)
      : network_(network), finite_(network, FiniteLength{o.weighted, o.weight_as}), weighted_(o.weighted), as_(o.weight_as) {
    dist_.assign(network.vertex_bound(), infinity);
    color_.assign(network.vertex_bound(), boost::white_color);
    order_.reserve(network.vertex_count());
  }

  // sums[0][v] += 1 (u reaches v), sums[1][v] += d(u, v), sums[2][v] += 1 / d(u, v) (0 when d = 0,
  // as networkx skips zero distances), for every v ≠ u that u reaches. The searches start from the
  // arrays as the last one left them, reset where it went: O(what u reaches), not O(V).
  void operator()(Vertex u, detail::Sums& sums) {
    const auto index = boost::typed_identity_property_map<Vertex>();
    const auto dist = boost::make_iterator_property_map(dist_.begin(), index);
    dist_[u] = 0;
    if (weighted_) {
      const WeightAs as = as_;
      const auto lengths = boost::make_function_property_map<NetworkArc, double>([as](const NetworkArc& e) { return length(*e.link, as); });
      boost::dijkstra_shortest_paths_no_color_map_no_init(finite_, u, boost::dummy_property_map(), dist, lengths, index, std::less<double>(),
                                                          boost::closed_plus<double>(infinity), infinity, 0.0,
                                                          DiscoveredByDijkstra{{}, &order_});
    } else {
      boost::queue<Vertex> queue;
      boost::breadth_first_visit(network_, u, queue, HopVisitor<std::vector<double>>{{}, &dist_, &order_},
                                 boost::make_iterator_property_map(color_.begin(), index));
    }
    for (const Vertex v : order_) {
      const double d = dist_[v];
      dist_[v] = infinity;
      color_[v] = boost::white_color;
      if (v == u) continue;
      sums[0][v] += 1;
      sums[1][v] += d;
      if (d != 0) sums[2][v] += 1 / d;
    }
    order_.clear();
  }

 private:
  const Network& network_;
  boost::filtered_graph<Network, FiniteLength> finite_;
  bool weighted_;
  WeightAs as_;
  std::vector<double> dist_;
  std::vector<boost::default_color_type> color_;
  std::vector<Vertex> order_;
};

// Per vertex: number of others reaching it, sum of their distances, sum of inverse distances,
// with the sampling estimate applied (see docs/ANALYSES.md): a vertex's sums over k sampled sources
// (k − 1 when it is one of them) are scaled by (n − 1)/k to stand for all n − 1 others.
detail::Sums incoming_distance_sums(const Network& network, const CentralityOptions& o, const char* measure) {
  const std::size_t n = network.vertex_count();
  check_samples(n, o.samples, measure);
  const bool sampled = o.samples > 0 && o.samples < n;
  const std::vector<Vertex> sources = sampled ? sample_sources(network, o.samples, o.random_seed) : all_vertices(network);
  detail::Sums sums =
      detail::sum_over_sources(network.vertex_bound(), 3, sources, o.threads, o.progress, [&] { return IncomingDistances(network, o); });
  if (sampled) {
    std::vector<std::uint8_t> is_source(network.vertex_bound(), 0);
    for (const Vertex s : sources) is_source[s] = 1;
    const double k = static_cast<double>(sources.size());
    for (const Vertex v : network.vertices()) {
      const double scale = static_cast<double>(n - 1) / (is_source[v] ? k - 1 : k);
      for (auto& a : sums) a[v] *= scale;
    }
  }
  return sums;
}

// ---------------------------------------------------------------------------------------------
// Power iterations.

[[noreturn]] void not_converged(const std::string& measure, std::size_t iterations, double change, double needed,
                                const std::string& hint) {
  throw ConvergenceError(measure + " did not converge in " + std::to_string(iterations) +
                         (iterations == 1 ? " iteration" : " iterations") + ": the last change was " + significant_number(change, 3) +
                         ", it must fall below tolerance x actors = " + significant_number(needed, 3) + "; raise max_iterations or the tolerance" +
                         hint);
}

double l1_change(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += std::abs(a[i] - b[i]);
  return s;
}

double euclidean_norm(const std::vector<double>& x) {
  double s = 0;
  for (const double v : x) s += v * v;
  return std::sqrt(s);
}

// Σ over the in-links (u, v) of x[u] · strength (1 when unweighted).
double pull(const InStrengths& in, const std::vector<double>& x, Vertex v) {
  double s = 0;
  in.for_each(v, [&](Vertex u, double strength) { s += x[u] * strength; });
  return s;
}

}  // namespace

std::vector<Vertex> Scores::ranking(std::size_t k) const {
  std::vector<Vertex> order = vertices;
  // NaN (a sampled estimate networkx also leaves undefined) goes last.
  const auto before = [this](Vertex a, Vertex b) {
    const double x = value[a], y = value[b];
    const bool xn = std::isnan(x), yn = std::isnan(y);
    if (xn != yn) return yn;
    if (!xn && x != y) return x > y;
    return a < b;
  };
  if (k == 0 || k >= order.size()) {
    std::sort(order.begin(), order.end(), before);
  } else {
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), before);
    order.resize(k);
  }
  return order;
}

Scores degree_centrality(const Network& network, DegreeMode mode, const CentralityOptions& o) {
  const std::size_t n = network.vertex_count();
  Scores s = make_scores(network, 0.0);
  const auto add = [&](Vertex v, std::span<const Link> links, bool in) {
    for (const Link& l : links)
      s.value[v] += o.weighted ? strength(network, in ? l.other : v, in ? v : l.other, l.weight, o.weight_as) : 1.0;
  };
  for (const Vertex v : network.vertices()) {
    if (!network.directed() || mode != DegreeMode::in) add(v, network.out_links(v), false);
    if (network.directed() && mode != DegreeMode::out) add(v, network.in_links(v), true);
  }
  if (o.normalized) {
    if (n <= 1) {
      for (const Vertex v : s.vertices) s.value[v] = 1.0;  // networkx's convention for a single actor
    } else {
      const double scale = 1.0 / (static_cast<double>(n) - 1.0);
      for (const Vertex v : s.vertices) s.value[v] *= scale;
    }
  }
  return s;
}

Scores betweenness_centrality(const Network& network, const CentralityOptions& o) {
  const std::size_t n = network.vertex_count();
  check_samples(n, o.samples, "betweenness");
  const Adjacency out = adjacency(network, false, o, Use::length);
  const std::vector<std::uint32_t> pred_offsets = in_degree_offsets(out);
  const bool sampled = o.samples > 0 && o.samples < n;  // networkx: k == n is the exact computation
  const std::vector<Vertex> sources = sampled ? sample_sources(network, o.samples, o.random_seed) : all_vertices(network);
  Scores s = make_scores(network, std::move(detail::sum_over_sources(network.vertex_bound(), 1, sources, o.threads, o.progress,
                                                                     [&] { return Brandes(out, pred_offsets, o.weighted); })[0]));

  // networkx _rescale with endpoints=False: N = n − 1 possible sources per vertex (it is never an
  // inner vertex of its own paths); of k sampled sources, a sampled vertex saw only k − 1.
  if (n < 3) return s;
  const double big_n = static_cast<double>(n - 1);
  const double k = static_cast<double>(sources.size());
  const double correction = network.directed() ? 1.0 : 2.0;
  const auto scale = [&](double sources_seen) {
    if (sources_seen == 0) return std::numeric_limits<double>::quiet_NaN();
    return o.normalized ? 1 / (sources_seen * (big_n - 1)) : big_n / (sources_seen * correction);
  };
  if (!sampled) {
    const double f = scale(big_n);
    if (f != 1)
      for (const Vertex v : s.vertices) s.value[v] *= f;
    return s;
  }
  std::vector<std::uint8_t> is_source(network.vertex_bound(), 0);
  for (const Vertex v : sources) is_source[v] = 1;
  const double f_source = scale(k - 1), f_other = scale(k);
  for (const Vertex v : s.vertices) s.value[v] *= is_source[v] ? f_source : f_other;
  return s;
}

Scores closeness_centrality(const Network& network, const CentralityOptions& o) {
  const std::size_t n = network.vertex_count();
  const detail::Sums sums = incoming_distance_sums(network, o, "closeness");
  Scores s = make_scores(network, 0.0);
  for (const Vertex v : s.vertices) {
    const double r = sums[0][v], total = sums[1][v];
    if (total > 0 && n > 1) s.value[v] = (r / total) * (r / (static_cast<double>(n) - 1));
  }
  return s;
}

Scores harmonic_centrality(const Network& network, const CentralityOptions& o) {
  const std::size_t n = network.vertex_count();
  detail::Sums sums = incoming_distance_sums(network, o, "harmonic");
  Scores s = make_scores(network, std::move(sums[2]));
  if (o.normalized && n > 1)
    for (const Vertex v : s.vertices) s.value[v] /= static_cast<double>(n) - 1;
  return s;
}

Scores eigenvector_centrality(const Network& network, const CentralityOptions& o) {
  const std::size_t n = network.vertex_count();
  if (n == 0) return make_scores(network, 0.0);
  const InStrengths in(network, o);
  const double needed = static_cast<double>(n) * o.tolerance;
  std::vector<double> x = vertex_vector(network, 1.0 / static_cast<double>(n)), next(network.vertex_bound(), 0.0);
  double change = 0;
  for (std::size_t it = 0; it < o.max_iterations; ++it) {
    for (const Vertex v : network.vertices()) next[v] = x[v] + pull(in, x, v);  // (A + I)ᵀ x
    double norm = euclidean_norm(next);
    if (norm == 0) norm = 1;
    for (double& v : next) v /= norm;
    change = l1_change(next, x);
    std::swap(x, next);
    if (change < needed) return make_scores(network, std::move(x));
  }
  not_converged("eigenvector centrality", o.max_iterations, change, needed, "");
}

Scores pagerank(const Network& network, const CentralityOptions& o) {
  const std::size_t n = network.vertex_count();
  if (n == 0) return make_scores(network, 0.0);
  for (const Vertex v : o.seeds)
    if (!network.contains(v))
      throw UsageError("pagerank: seed actor " + std::to_string(v) + " is not in the network of " + std::to_string(n) + " actors");

  const InStrengths in(network, o);
  // Out-strength of every vertex; 0 marks a dangling vertex.
  const std::size_t bound = network.vertex_bound();
  std::vector<double> out_strength(bound, 0.0);
  for (const Vertex v : network.vertices()) in.for_each(v, [&](Vertex u, double strength) { out_strength[u] += strength; });
  std::vector<double> inverse(bound, 0.0);  // networkx scales each row by 1/strength, then multiplies
  std::vector<Vertex> dangling;
  for (const Vertex v : network.vertices()) {
    if (out_strength[v] != 0) inverse[v] = 1 / out_strength[v];
    else dangling.push_back(v);
  }

  std::vector<double> p = vertex_vector(network, 1.0 / static_cast<double>(n));
  if (!o.seeds.empty()) {
    std::fill(p.begin(), p.end(), 0.0);
    for (const Vertex v : o.seeds) p[v] = 1;
    const double count = std::accumulate(p.begin(), p.end(), 0.0);
    for (double& x : p) x /= count;
  }

  const double alpha = o.damping, needed = static_cast<double>(n) * o.tolerance;
  std::vector<double> x = vertex_vector(network, 1.0 / static_cast<double>(n)), next(bound, 0.0);
  double change = 0;
  for (std::size_t it = 0; it < o.max_iterations; ++it) {
    double dangling_sum = 0;
    for (const Vertex v : dangling) dangling_sum += x[v];
    for (const Vertex v : network.vertices()) {
      double flow = 0;
      in.for_each(v, [&](Vertex u, double strength) { flow += x[u] * (strength * inverse[u]); });
      next[v] = alpha * (flow + dangling_sum * p[v]) + (1 - alpha) * p[v];
    }
    change = l1_change(next, x);
    std::swap(x, next);
    if (change < needed) return make_scores(network, std::move(x));
  }
  not_converged("pagerank", o.max_iterations, change, needed, "");
}

Scores katz_centrality(const Network& network, const CentralityOptions& o) {
  const std::size_t n = network.vertex_count();
  if (n == 0) return make_scores(network, 0.0);
  const InStrengths in(network, o);
  const double needed = static_cast<double>(n) * o.tolerance;
  std::vector<double> x = vertex_vector(network, 0.0), next = x;
  double change = 0, first_change = 0;
  for (std::size_t it = 0; it < o.max_iterations; ++it) {
    for (const Vertex v : network.vertices()) next[v] = o.katz_alpha * pull(in, x, v) + o.katz_beta;
    change = l1_change(next, x);
    std::swap(x, next);
    // The first change is n·β; a convergent series' changes shrink geometrically after a transient,
    // so a change 1e20 times the first means the series diverges: no need to wait for overflow.
    if (it == 0) first_change = change;
    if (!std::isfinite(change) || change > 1e20 * first_change)
      not_converged("katz centrality", it + 1, change, needed,
                    " (the series diverges: alpha must be below 1 / the largest eigenvalue of the adjacency matrix)");
    if (change < needed) {
      if (o.normalized) {
        const double norm = euclidean_norm(x);
        if (norm != 0)
          for (double& v : x) v /= norm;
      }
      return make_scores(network, std::move(x));
    }
  }
  not_converged("katz centrality", o.max_iterations, change, needed,
                " (the series diverges unless alpha is below 1 / the largest eigenvalue of the adjacency matrix)");
}

Scores clustering_coefficient(const Network& network) {
  Scores s = make_scores(network, 0.0);
  // mark_in[k] == v + 1: k → v is a link; mark_out[k] == v + 1: v → k is a link.
  std::vector<Vertex> mark_in(network.vertex_bound(), 0), mark_out(network.vertex_bound(), 0);
  for (const Vertex v : s.vertices) {
    const Vertex stamp = v + 1;
    if (!network.directed()) {
      // networkx: Σ over neighbours w of |N(v) ∩ N(w)| = twice the triangles, over d(d − 1).
      const auto links = network.out_links(v);
      for (const Link& l : links) mark_out[l.other] = stamp;
      std::uint64_t t = 0;
      for (const Link& l : links)
        for (const Link& m : network.out_links(l.other)) t += mark_out[m.other] == stamp;
      const double d = static_cast<double>(links.size());
      if (t != 0) s.value[v] = static_cast<double>(t) / (d * (d - 1));
      continue;
    }
    // Fagiolo's directed clustering as networkx counts it: for each in- or out-neighbour j (twice
    // when both), the neighbours k of j in either direction that are also neighbours of v, counted
    // once per (direction v–k, direction j–k) pair that exists.
    const auto ins = network.in_links(v), outs = network.out_links(v);
    for (const Link& l : ins) mark_in[l.other] = stamp;
    for (const Link& l : outs) mark_out[l.other] = stamp;
    std::uint64_t t = 0, bidirectional = 0;
    const auto count = [&](Vertex j) {
      for (const Link& m : network.in_links(j)) t += (mark_in[m.other] == stamp) + (mark_out[m.other] == stamp);
      for (const Link& m : network.out_links(j)) t += (mark_in[m.other] == stamp) + (mark_out[m.other] == stamp);
    };
    for (const Link& l : ins) count(l.other);
    for (const Link& l : outs) {
      count(l.other);
      bidirectional += mark_in[l.other] == stamp;
    }
    const double dt = static_cast<double>(ins.size() + outs.size()), db = static_cast<double>(bidirectional);
    if (t != 0) s.value[v] = static_cast<double>(t) / ((dt * (dt - 1) - 2 * db) * 2);
  }
  return s;
}

const std::vector<std::string>& centrality_measures() {
  static const std::vector<std::string> names = {"degree",   "in_degree",   "out_degree", "betweenness", "closeness",
                                                 "harmonic", "eigenvector", "pagerank",   "katz",        "clustering"};
  return names;
}

Scores centrality(const Network& network, std::string_view measure, const CentralityOptions& options) {
  if (measure == "degree") return degree_centrality(network, DegreeMode::total, options);
  if (measure == "in_degree") return degree_centrality(network, DegreeMode::in, options);
  if (measure == "out_degree") return degree_centrality(network, DegreeMode::out, options);
  if (measure == "betweenness") return betweenness_centrality(network, options);
  if (measure == "closeness") return closeness_centrality(network, options);
  if (measure == "harmonic") return harmonic_centrality(network, options);
  if (measure == "eigenvector") return eigenvector_centrality(network, options);
  if (measure == "pagerank") return pagerank(network, options);
  if (measure == "katz") return katz_centrality(network, options);
  if (measure == "clustering") return clustering_coefficient(network);
  throw UsageError("unknown centrality measure '" + std::string(measure) + "'");
}

}  // namespace actorgraph
