// Centrality measures on a Network, matching NetworkX's definitions (docs/ANALYSES.md gives each
// formula; tests/data/reference holds NetworkX's values for five reference networks).
//
// Common conventions:
// - Direction: on a directed network, measures follow link direction as NetworkX does on a DiGraph
//   (an undirected relation there is a pair of opposite links). On an undirected network they are
//   NetworkX's Graph measures.
// - Weights (CentralityOptions::weighted): link weights are merged from parallel relations (see
//   Network). Degree, PageRank, eigenvector and Katz use them as strengths; betweenness and
//   closeness as lengths (NetworkX's convention). WeightAs::strength says the weights are strengths
//   everywhere (path measures then use 1/w as length); WeightAs::length says they are lengths
//   everywhere (strength measures then use 1/w).
// - Disconnected networks and isolated actors: see each measure.
// - Ranking ties are broken by actor number (the order of actors.csv), so results are deterministic.
// - Algorithms: closeness and harmonic closeness run BGL's breadth-first search and Dijkstra on the
//   Network (analysis/network_graph.hpp). Betweenness is our own Brandes, because BGL's
//   brandes_betweenness_centrality has no way to sample sources, to run sources on several threads
//   or to settle Dijkstra's ties in networkx's order (which decides sigma on weighted networks), and
//   counts parallel links as separate paths. PageRank (weighted, with a tolerance and networkx's
//   dangling policy), eigenvector and Katz centrality are our own power iterations: BGL's page_rank
//   is unweighted, drops the dangling nodes' mass and stops after a fixed count; BGL has no
//   eigenvector or Katz centrality.
#pragma once

#include "actorgraph/analysis/network.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

enum class WeightAs { measure_default, strength, length };
enum class DegreeMode { total, in, out };

// Called now and then by long computations with (work done, total work); may be empty.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

struct CentralityOptions {
  bool weighted = false;
  WeightAs weight_as = WeightAs::measure_default;
  bool normalized = true;
  // PageRank: damping factor; personalisation vertices, i.e. actors (empty: uniform teleport).
  double damping = 0.85;
  std::vector<Vertex> seeds;
  // Katz: attenuation alpha and exogenous term beta.
  double katz_alpha = 0.1;
  double katz_beta = 1.0;
  // Iterative measures (PageRank, eigenvector, Katz) stop when the L1 change is below
  // tolerance·n, as NetworkX does; past max_iterations they throw ConvergenceError.
  double tolerance = 1e-12;
  std::size_t max_iterations = 10000;
  // Betweenness and closeness: worker threads (0: all cores) and, when samples > 0, the number of
  // source vertices drawn (without replacement, seeded) to approximate the exact value.
  unsigned threads = 0;
  std::size_t samples = 0;
  std::uint64_t random_seed = 1;
  Progress progress;
};

// Scores of the vertices of a Network.
struct Scores {
  // By vertex (= actor number): an entry per actor of the dataset, NaN for an actor that is not a
  // vertex of the network (outside the slice, or collapsed into another).
  std::vector<double> value;
  // The network's vertices, in actor order: the entries of `value` that are scores.
  std::vector<Vertex> vertices;
  // Vertices by decreasing score, ties by vertex number (= actor order); at most k (0: all).
  std::vector<Vertex> ranking(std::size_t k = 0) const;
};

// An iterative measure that did not converge within max_iterations.
class ConvergenceError : public Error {
 public:
  using Error::Error;
};

// Degree (number of links) or, weighted, strength (sum of link weights). Normalised: divided by
// n − 1 (networkx.degree_centrality; in a directed network total degree = in + out, so it can exceed 1).
Scores degree_centrality(const Network& network, DegreeMode mode, const CentralityOptions& options = {});

// Brandes betweenness. Raw: the number of shortest paths through v summed over ordered pairs
// (directed) or unordered pairs (undirected), each pair's paths sharing one unit. Normalised: divided
// by (n−1)(n−2) (directed) or (n−1)(n−2)/2 (undirected), as networkx.betweenness_centrality.
// With samples = k (0 < k < n), the sums over k seeded sources are scaled by (n − 1)/k, or
// (n − 1)/(k − 1) for a vertex that is itself one of the sources (it never lies inside its own
// paths), as networkx's k= does; samples = n is the exact value; samples > n throws UsageError.
Scores betweenness_centrality(const Network& network, const CentralityOptions& options = {});

// Closeness, networkx.closeness_centrality with wf_improved=True: for v reaching r other vertices
// (incoming distances on a directed network, as networkx), (r / Σd) · (r / (n−1)); 0 when r = 0.
// It is normalised by definition: options.normalized does not apply.
Scores closeness_centrality(const Network& network, const CentralityOptions& options = {});

// Harmonic closeness, networkx.harmonic_centrality: Σ 1/d(u, v) over the others u (directed: the
// direction networkx uses, documented in docs/ANALYSES.md). Normalised: divided by n − 1.
Scores harmonic_centrality(const Network& network, const CentralityOptions& options = {});

// Eigenvector centrality, networkx.eigenvector_centrality: power iteration on (A + I) using
// in-links on a directed network; always unit Euclidean norm (options.normalized does not apply).
Scores eigenvector_centrality(const Network& network, const CentralityOptions& options = {});

// PageRank, networkx.pagerank: weighted by link weight when weighted; dangling vertices' rank is
// spread by the personalisation vector (uniform when there are no seeds); sums to 1.
Scores pagerank(const Network& network, const CentralityOptions& options = {});

// Katz centrality, networkx.katz_centrality: x = α Aᵀ x + β, normalised to unit Euclidean norm when
// options.normalized.
Scores katz_centrality(const Network& network, const CentralityOptions& options = {});

// The measures by name, for callers that choose one at run time (the CLI's --measure, --by,
// --size-by): degree, in_degree, out_degree, betweenness, closeness, harmonic, eigenvector,
// pagerank, katz, clustering.
const std::vector<std::string>& centrality_measures();

// The measure named `measure` (one of centrality_measures()); UsageError for any other name.
Scores centrality(const Network& network, std::string_view measure, const CentralityOptions& options = {});

// Local clustering coefficient, networkx.clustering (unweighted; on a directed network, the directed
// clustering of Fagiolo 2007 as networkx computes it).
Scores clustering_coefficient(const Network& network);

}  // namespace actorgraph
