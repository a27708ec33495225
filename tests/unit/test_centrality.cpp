#include "actorgraph/analysis/centrality.hpp"
#include "actorgraph/io/dataset_reader.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

using namespace actorgraph;
using actorgraph::test::TempDataset;

namespace {

// A tiny network written as text: actors "a b c", relations "a-b" (undirected meeting), "a>b"
// (directed visit), optionally with a weight "a-b:2.5".
class Tiny {
 public:
  Tiny(const std::string& actors, const std::string& relations, NetworkOptions o = {})
      : files_({{"actors.csv", actors_csv(actors)}, {"relations.csv", relations_csv(relations)}}),
        dataset_(load_dataset(files_.path())),
        network_(dataset_, Slice(dataset_), o) {}

  const Network& network() const { return network_; }
  Vertex vertex(std::string_view id) const { return *dataset_.find_actor(id); }
  double operator()(const Scores& s, std::string_view id) const { return s.value.at(vertex(id)); }
  std::vector<std::string> ids(const std::vector<Vertex>& vs) const {
    std::vector<std::string> r;
    for (const Vertex v : vs) r.emplace_back(dataset_.actor_id(v));
    return r;
  }

 private:
  static std::string actors_csv(const std::string& actors) {
    std::istringstream in(actors);
    std::string csv = "id,label,kind\n", id;
    while (in >> id) csv += id + ",,state\n";
    return csv;
  }
  static std::string relations_csv(const std::string& relations) {
    std::istringstream in(relations);
    std::string csv = "id,source,target,type,weight\n", r;
    int number = 0;
    while (in >> r) {
      std::string weight;
      if (const auto colon = r.find(':'); colon != std::string::npos) {
        weight = r.substr(colon + 1);
        r.resize(colon);
      }
      const auto sep = r.find_first_of("->");
      const bool directed = r[sep] == '>';
      csv += "r" + std::to_string(++number) + "," + r.substr(0, sep) + "," + r.substr(sep + 1) + "," +
             (directed ? "visit" : "meeting") + "," + weight + "\n";
    }
    return csv;
  }

  TempDataset files_;
  Dataset dataset_;
  Network network_;
};

NetworkOptions summed() {
  NetworkOptions o;
  o.merge = Merge::sum;
  return o;
}

CentralityOptions raw() {
  CentralityOptions o;
  o.normalized = false;
  return o;
}

Approx near(double x) { return Approx(x).epsilon(1e-9).margin(1e-12); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Hand-computed values

//   a --- b --- c
TEST_CASE("On a path the middle actor lies on the one shortest path between the ends", "[analysis][centrality]") {
  const Tiny g("a b c", "a-b b-c");
  const Scores raw_bc = betweenness_centrality(g.network(), raw());
  CHECK(g(raw_bc, "b") == 1);  // the unordered pair {a, c}, counted once
  CHECK(g(raw_bc, "a") == 0);
  CHECK(g(betweenness_centrality(g.network()), "b") == 1);  // divided by (n-1)(n-2)/2 = 1

  const Scores degree = degree_centrality(g.network(), DegreeMode::total);
  CHECK(g(degree, "b") == 1);
  CHECK(g(degree, "a") == 0.5);
  const Scores closeness = closeness_centrality(g.network());
  CHECK(g(closeness, "b") == near(1.0));
  CHECK(g(closeness, "a") == near(2.0 / 3));  // 2 reached at total distance 3
  const Scores harmonic = harmonic_centrality(g.network(), raw());
  CHECK(g(harmonic, "b") == near(2.0));
  CHECK(g(harmonic, "a") == near(1.5));
  CHECK(g(harmonic_centrality(g.network()), "a") == near(0.75));  // divided by n - 1
  CHECK(g(clustering_coefficient(g.network()), "b") == 0);
}

//        l1
//        |
//   l4 - h - l2
//        |
//        l3
TEST_CASE("The hub of a star carries every path between leaves", "[analysis][centrality]") {
  const Tiny g("h l1 l2 l3 l4", "h-l1 h-l2 h-l3 h-l4");
  CHECK(g(betweenness_centrality(g.network(), raw()), "h") == 6);  // C(4, 2) pairs of leaves
  CHECK(g(betweenness_centrality(g.network()), "h") == near(1.0));
  CHECK(g(closeness_centrality(g.network()), "l1") == near(4.0 / 7));

  CentralityOptions o;
  o.tolerance = 1e-14;
  // Adjacency eigenvalue 2: hub 2, leaves 1, then unit length.
  const Scores eigen = eigenvector_centrality(g.network(), o);
  CHECK(g(eigen, "h") == near(1 / std::sqrt(2.0)));
  CHECK(g(eigen, "l3") == near(1 / (2 * std::sqrt(2.0))));
  // PageRank: h = 0.15/5 + 0.85 * 4 l, l = 0.15/5 + 0.85 h / 4, so h = 0.132 / 0.2775.
  const Scores pr = pagerank(g.network(), o);
  CHECK(g(pr, "h") == near(0.132 / 0.2775));
  CHECK(g(pr, "l2") == near((1 - 0.132 / 0.2775) / 4));
  // Katz, alpha 0.1, beta 1: h = 0.4 l + 1, l = 0.1 h + 1, so h = 1.4 / 0.96.
  o.normalized = false;
  const Scores katz = katz_centrality(g.network(), o);
  CHECK(g(katz, "h") == near(1.4 / 0.96));
  CHECK(g(katz, "l4") == near(0.1 * 1.4 / 0.96 + 1));
  CHECK(g.ids(pr.ranking(2)) == std::vector<std::string>{"h", "l1"});  // leaves tie: actor order
}

//      +--> 1 --+
//   0 -|        |--> 3
//      +--> 2 --+
TEST_CASE("Tied shortest paths in a directed diamond share the pair's unit", "[analysis][centrality]") {
  const Tiny g("v0 v1 v2 v3", "v0>v1 v0>v2 v1>v3 v2>v3");
  REQUIRE(g.network().directed());
  const Scores bc = betweenness_centrality(g.network(), raw());
  CHECK(g(bc, "v1") == 0.5);
  CHECK(g(bc, "v2") == 0.5);
  CHECK(g(bc, "v0") == 0);
  CHECK(g(betweenness_centrality(g.network()), "v1") == near(0.5 / 6));  // (n-1)(n-2) ordered pairs

  // Directed closeness and harmonic use incoming distances: v3 is reached by all, v0 by none.
  const Scores closeness = closeness_centrality(g.network());
  CHECK(g(closeness, "v0") == 0);
  CHECK(g(closeness, "v3") == near((3.0 / 4) * (3.0 / 3)));
  CHECK(g(harmonic_centrality(g.network(), raw()), "v3") == near(2.5));

  CHECK(g(degree_centrality(g.network(), DegreeMode::in, raw()), "v3") == 2);
  CHECK(g(degree_centrality(g.network(), DegreeMode::out, raw()), "v3") == 0);
  CHECK(g(degree_centrality(g.network(), DegreeMode::total, raw()), "v1") == 2);
}

//      +==> 1 --+       two relations 0 -> 1 (a visit twice), merged into one link
//   0 -|        |--> 3
//      +--> 2 --+
TEST_CASE("Parallel relations do not inflate betweenness", "[analysis][centrality]") {
  const Tiny g("v0 v1 v2 v3", "v0>v1 v0>v1 v0>v2 v1>v3 v2>v3");
  const Scores bc = betweenness_centrality(g.network(), raw());
  CHECK(g(bc, "v1") == 0.5);
  CHECK(g(bc, "v2") == 0.5);
  CHECK(g(degree_centrality(g.network(), DegreeMode::out, raw()), "v0") == 2);

  // Weighted with Merge::count the doubled link is length 2, so only the path through v2 is shortest.
  CentralityOptions o = raw();
  o.weighted = true;
  const Scores weighted = betweenness_centrality(g.network(), o);
  CHECK(g(weighted, "v1") == 0);
  CHECK(g(weighted, "v2") == 1);
  CHECK(g(degree_centrality(g.network(), DegreeMode::out, o), "v0") == 3);
  // As strengths, the doubled link is length 1/2: the path through v1 wins.
  o.weight_as = WeightAs::strength;
  CHECK(g(betweenness_centrality(g.network(), o), "v1") == 1);
}

//   a --> b      b has no out-link: its rank is spread by the personalisation vector
TEST_CASE("A dangling actor's PageRank is spread by the personalisation vector", "[analysis][centrality]") {
  const Tiny g("a b", "a>b");
  CentralityOptions o;
  o.tolerance = 1e-14;
  // a = 0.85 b/2 + 0.075, a + b = 1: a = 0.5/1.425.
  const Scores pr = pagerank(g.network(), o);
  CHECK(g(pr, "a") == near(0.5 / 1.425));
  CHECK(g(pr, "b") == near(0.925 / 1.425));
  // Seeded on a: teleport and dangling mass go to a. a = 0.85 b + 0.15, b = 0.85 a.
  o.seeds = {g.vertex("a")};
  const Scores personal = pagerank(g.network(), o);
  CHECK(g(personal, "a") == near(0.15 / 0.2775));
  CHECK(g(personal, "b") == near(0.85 * 0.15 / 0.2775));
}

//   a --- b --- c        e (no relation)
TEST_CASE("An isolated actor scores zero and the rest keep their component's values", "[analysis][centrality]") {
  const Tiny g("a b c e", "a-b b-c");
  REQUIRE(g.network().vertex_count() == 4);
  CHECK(g(betweenness_centrality(g.network()), "b") == near(1.0 / 3));  // 2 * 1 / ((n-1)(n-2))
  const Scores closeness = closeness_centrality(g.network());
  CHECK(g(closeness, "b") == near(2.0 / 3));        // (2/2) * (2/3)
  CHECK(g(closeness, "a") == near(4.0 / 9));        // (2/3) * (2/3)
  CHECK(g(closeness, "e") == 0);
  CHECK(g(harmonic_centrality(g.network()), "e") == 0);
  CHECK(g(degree_centrality(g.network(), DegreeMode::total), "e") == 0);
  CHECK(g(clustering_coefficient(g.network()), "e") == 0);
  CentralityOptions o;
  o.tolerance = 1e-14;
  const Scores pr = pagerank(g.network(), o);
  double sum = 0;
  for (const double x : pr.value) sum += x;
  CHECK(sum == near(1.0));
  CHECK(g(pr, "a") == near(g(pr, "c")));
  CHECK(g(pr, "e") < g(pr, "a"));
}

//   a --- b          a directed cycle:  x --> y
//    \   /                               ^   /
//     \ /                                 \ v
//      c --- d                             z
TEST_CASE("Clustering counts the triangles among an actor's neighbours", "[analysis][centrality]") {
  const Tiny g("a b c d", "a-b b-c c-a c-d");
  const Scores c = clustering_coefficient(g.network());
  CHECK(g(c, "a") == 1);
  CHECK(g(c, "c") == near(1.0 / 3));
  CHECK(g(c, "d") == 0);
  // Fagiolo: the cycle is one of the two directed triangles a pair of opposite links could close.
  const Tiny cycle("x y z", "x>y y>z z>x");
  CHECK(cycle(clustering_coefficient(cycle.network()), "x") == 0.5);
}

TEST_CASE("Degree of a single actor is 1 as in networkx and an empty network gives no scores", "[analysis][centrality]") {
  const Tiny one("a", "");
  CHECK(degree_centrality(one.network(), DegreeMode::total).value == std::vector<double>{1.0});
  CHECK(betweenness_centrality(one.network()).value == std::vector<double>{0.0});
  CHECK(closeness_centrality(one.network()).value == std::vector<double>{0.0});

  const Tiny nobody("", "");
  const Network& empty = nobody.network();
  REQUIRE(empty.vertex_count() == 0);
  CHECK(eigenvector_centrality(empty).value.empty());
  CHECK(pagerank(empty).value.empty());
  CHECK(katz_centrality(empty).value.empty());
  CHECK(betweenness_centrality(empty).value.empty());
}

TEST_CASE("Ranking sorts by decreasing score with ties by actor order", "[analysis][centrality]") {
  Scores s;
  s.value = {0.5, 2.0, 0.5, std::nan(""), 3.0};
  s.vertices = {0, 1, 2, 3, 4};
  CHECK(s.ranking() == std::vector<Vertex>{4, 1, 0, 2, 3});
  CHECK(s.ranking(3) == std::vector<Vertex>{4, 1, 0});
  CHECK(s.ranking(9).size() == 5);
  // Only the network's vertices are ranked.
  s.vertices = {0, 2, 4};
  CHECK(s.ranking() == std::vector<Vertex>{4, 0, 2});
}

TEST_CASE("Weights read as lengths make strength measures use their inverse", "[analysis][centrality]") {
  const Tiny g("a b c", "a-b:2 b-c:4", summed());
  CentralityOptions o = raw();
  o.weighted = true;
  CHECK(g(degree_centrality(g.network(), DegreeMode::total, o), "b") == 6);
  o.weight_as = WeightAs::length;
  CHECK(g(degree_centrality(g.network(), DegreeMode::total, o), "b") == near(0.75));
  // Weighted closeness uses the weights as lengths: b reaches a at 2 and c at 4.
  o.weight_as = WeightAs::measure_default;
  CHECK(g(closeness_centrality(g.network(), o), "b") == near(2.0 / 6));
  o.weight_as = WeightAs::strength;
  CHECK(g(closeness_centrality(g.network(), o), "b") == near(2.0 / 0.75));
}

// ---------------------------------------------------------------------------------------------
// NetworkX reference values (tests/data/reference/README.md says how each column was computed)

namespace {

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) fields.push_back(field);
  if (!line.empty() && line.back() == sep) fields.emplace_back();
  return fields;
}

// A CSV file without quoted fields: header, then rows.
std::vector<std::vector<std::string>> read_plain_csv(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) rows.push_back(split(line, ','));
  return rows;
}

}  // namespace

TEST_CASE("Every measure matches NetworkX on the reference networks", "[analysis][centrality]") {
  const std::string name = GENERATE(as<std::string>{}, "florentine", "karate", "lesmis", "directed_random", "disconnected");
  const std::string folder = test::data_path("reference/" + name);
  INFO("reference network " << name);
  const Dataset d = load_dataset(folder);
  NetworkOptions no;
  no.merge = Merge::sum;
  const Network network(d, Slice(d), no);

  const auto info = test::reference_info(name);
  REQUIRE(network.directed() == (info.at("directed") == "true"));
  REQUIRE(network.vertex_count() == std::stoul(info.at("actors")));
  REQUIRE(network.link_count() == std::stoul(info.at("links")));

  CentralityOptions exact;
  exact.tolerance = std::stod(info.at("tolerance"));
  CentralityOptions raw_exact = exact;
  raw_exact.normalized = false;
  const auto weighted = [](CentralityOptions o) {
    o.weighted = true;
    return o;
  };
  const auto katz = [&](CentralityOptions o, const std::string& key) {
    o.katz_alpha = std::stod(info.at(key));
    return o;
  };
  CentralityOptions seeded = exact;
  for (const auto& id : split(info.at("seeds"), '|')) seeded.seeds.push_back(*d.find_actor(id));

  // expected.csv column -> our call with the options matching its NetworkX call.
  const Network& n = network;
  const std::map<std::string, std::function<Scores()>> calls = {
      {"degree", [&] { return degree_centrality(n, DegreeMode::total, exact); }},
      {"in_degree", [&] { return degree_centrality(n, DegreeMode::in, exact); }},
      {"out_degree", [&] { return degree_centrality(n, DegreeMode::out, exact); }},
      {"betweenness", [&] { return betweenness_centrality(n, exact); }},
      {"betweenness_raw", [&] { return betweenness_centrality(n, raw_exact); }},
      {"closeness", [&] { return closeness_centrality(n, exact); }},
      {"harmonic_raw", [&] { return harmonic_centrality(n, raw_exact); }},
      {"eigenvector", [&] { return eigenvector_centrality(n, exact); }},
      {"pagerank", [&] { return pagerank(n, exact); }},
      {"pagerank_seeded", [&] { return pagerank(n, seeded); }},
      {"katz", [&] { return katz_centrality(n, katz(exact, "katz_alpha")); }},
      {"katz_raw", [&] { return katz_centrality(n, katz(raw_exact, "katz_alpha")); }},
      {"clustering", [&] { return clustering_coefficient(n); }},
      {"strength", [&] { return degree_centrality(n, DegreeMode::total, weighted(exact)); }},
      {"betweenness_weighted", [&] { return betweenness_centrality(n, weighted(exact)); }},
      {"betweenness_weighted_raw", [&] { return betweenness_centrality(n, weighted(raw_exact)); }},
      {"closeness_weighted", [&] { return closeness_centrality(n, weighted(exact)); }},
      {"harmonic_weighted_raw", [&] { return harmonic_centrality(n, weighted(raw_exact)); }},
      {"eigenvector_weighted", [&] { return eigenvector_centrality(n, weighted(exact)); }},
      {"pagerank_weighted", [&] { return pagerank(n, weighted(exact)); }},
      {"katz_weighted", [&] { return katz_centrality(n, katz(weighted(exact), "katz_alpha_weighted")); }},
  };

  const auto expected = read_plain_csv(folder + "/expected.csv");
  const auto& header = expected.at(0);
  REQUIRE(expected.size() == network.vertex_count() + 1);
  for (std::size_t c = 1; c < header.size(); ++c) {
    INFO("column " << header[c]);
    REQUIRE(calls.count(header[c]) == 1);
    const Scores scores = calls.at(header[c])();
    REQUIRE(scores.value.size() == network.vertex_bound());
    for (std::size_t r = 1; r < expected.size(); ++r) {
      const auto& row = expected[r];
      INFO("actor " << row.at(0));
      CHECK(scores.value.at(*d.find_actor(row.at(0))) == near(std::stod(row.at(c))));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Threads and sampling

namespace {

// A deterministic pseudo-random directed network with weights, big enough for many source blocks.
std::unique_ptr<Tiny> random_network(int n, int m, unsigned seed) {
  std::string actors, relations;
  for (int i = 0; i < n; ++i) actors += "n" + std::to_string(i) + " ";
  std::uint64_t x = seed;
  const auto next = [&] { return x = x * 6364136223846793005ULL + 1442695040888963407ULL, x >> 33; };
  for (int e = 0; e < m; ++e) {
    const auto u = next() % n, v = next() % n;
    if (u == v) continue;
    relations += "n" + std::to_string(u) + (next() % 4 == 0 ? "-" : ">") + "n" + std::to_string(v) + ":" +
                 std::to_string(1 + next() % 5) + " ";
  }
  return std::make_unique<Tiny>(actors, relations, summed());
}

}  // namespace

TEST_CASE("Betweenness and closeness are bit-identical with one thread or four", "[analysis][centrality]") {
  const auto g = random_network(400, 1600, 7);
  for (const bool weighted : {false, true}) {
    CentralityOptions o;
    o.weighted = weighted;
    o.threads = 1;
    const Scores bc1 = betweenness_centrality(g->network(), o);
    const Scores cl1 = closeness_centrality(g->network(), o);
    o.threads = 4;
    CHECK(betweenness_centrality(g->network(), o).value == bc1.value);
    CHECK(closeness_centrality(g->network(), o).value == cl1.value);
    o.samples = 50;
    const Scores sampled4 = betweenness_centrality(g->network(), o);
    o.threads = 3;
    CHECK(betweenness_centrality(g->network(), o).value == sampled4.value);
  }
}

TEST_CASE("Sampling every actor is the exact computation and fewer samples estimate it", "[analysis][centrality]") {
  const auto g = random_network(300, 1500, 11);
  const std::size_t n = g->network().vertex_count();
  CentralityOptions o;
  const Scores exact = betweenness_centrality(g->network(), o);
  const Scores exact_harmonic = harmonic_centrality(g->network(), o);
  o.samples = n;
  CHECK(betweenness_centrality(g->network(), o).value == exact.value);
  CHECK(harmonic_centrality(g->network(), o).value == exact_harmonic.value);

  // Half the sources: a fair estimate, the same for the same seed, different for another seed.
  o.samples = n / 2;
  const Scores half = betweenness_centrality(g->network(), o);
  CHECK(betweenness_centrality(g->network(), o).value == half.value);
  double sum_exact = 0, sum_half = 0;
  for (std::size_t v = 0; v < n; ++v) sum_exact += exact.value[v], sum_half += half.value[v];
  CHECK(sum_half == Approx(sum_exact).epsilon(0.1));
  o.random_seed = 2;
  CHECK(betweenness_centrality(g->network(), o).value != half.value);

  o.samples = n + 1;
  CHECK_THROWS_WITH(betweenness_centrality(g->network(), o),
                    "betweenness: cannot sample 301 source actors from a network of 300; use at most 300 (or 0 for the exact value)");
}

TEST_CASE("Progress is reported in order and ends at the total", "[analysis][centrality]") {
  const auto g = random_network(500, 1000, 3);
  std::vector<std::size_t> seen;
  CentralityOptions o;
  o.threads = 4;
  o.progress = [&](std::size_t done, std::size_t total) {
    CHECK(total == 500);
    seen.push_back(done);
  };
  betweenness_centrality(g->network(), o);
  REQUIRE(!seen.empty());
  CHECK(seen.size() <= 101);
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(seen.back() == 500);
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST_CASE("An iterative measure that does not converge says so and how to fix it", "[analysis][centrality]") {
  const Tiny g("a b c", "a>b b>c");
  CentralityOptions o;
  o.max_iterations = 1;
  CHECK_THROWS_AS(pagerank(g.network(), o), ConvergenceError);
  CHECK_THROWS_WITH(pagerank(g.network(), o),
                    "pagerank did not converge in 1 iteration: the last change was 0.378, it must fall below "
                    "tolerance x actors = 3e-12; raise max_iterations or the tolerance");
  CHECK_THROWS_WITH(katz_centrality(g.network(), o),
                    "katz centrality did not converge in 1 iteration: the last change was 3, it must fall below "
                    "tolerance x actors = 3e-12; raise max_iterations or the tolerance (the series diverges unless alpha "
                    "is below 1 / the largest eigenvalue of the adjacency matrix)");
  o.max_iterations = 2;
  CHECK_THROWS_WITH(eigenvector_centrality(g.network(), o),
                    Catch::StartsWith("eigenvector centrality did not converge in 2 iterations: the last change was "));
  // A diverging Katz series stops as soon as it overflows, not after max_iterations.
  const Tiny k("a b", "a-b");
  CentralityOptions diverging;
  diverging.katz_alpha = 2;  // above 1 / λmax = 1
  CHECK_THROWS_WITH(katz_centrality(k.network(), diverging),
                    Catch::StartsWith("katz centrality did not converge in 68 iterations: ") &&
                        Catch::EndsWith("(the series diverges: alpha must be below 1 / the largest eigenvalue of the adjacency matrix)"));
}

TEST_CASE("Power iterations read a length as its inverse strength, and strengths as the links' weights", "[analysis][centrality]") {
  // The same network twice: weights read as lengths, and their inverses read as strengths. The
  // first converts every link (an Adjacency); the second reads the network's own lists.
  const Tiny lengths("a b c d", "a>b:2 b>c:4 c>a:0.5 c>d:1 d>a:8 b>d:0.25", summed());
  const Tiny strengths("a b c d", "a>b:0.5 b>c:0.25 c>a:2 c>d:1 d>a:0.125 b>d:4", summed());
  CentralityOptions as_length, as_strength;
  as_length.weighted = as_strength.weighted = true;
  as_length.weight_as = WeightAs::length;
  as_strength.weight_as = WeightAs::strength;
  as_length.katz_alpha = as_strength.katz_alpha = 0.05;
  for (const std::string measure : {"pagerank", "eigenvector", "katz"}) {
    INFO(measure);
    const Scores by_length = centrality(lengths.network(), measure, as_length);
    const Scores by_strength = centrality(strengths.network(), measure, as_strength);
    for (const std::string id : {"a", "b", "c", "d"}) CHECK(lengths(by_length, id) == Approx(strengths(by_strength, id)).epsilon(1e-12));
    // And the weights matter: unweighted, the scores differ.
    CHECK(lengths(centrality(lengths.network(), measure), "d") != Approx(lengths(by_length, "d")).epsilon(1e-6));
  }
}

TEST_CASE("A zero weight cannot be read as a length for strength measures", "[analysis][centrality]") {
  const Tiny g("a b c", "a-b:0 b-c:1", summed());
  CentralityOptions o;
  o.weighted = true;
  o.weight_as = WeightAs::length;
  CHECK_THROWS_WITH(pagerank(g.network(), o),
                    "link 'a' -- 'b' has weight 0, which as a length means an infinite strength; give it a positive "
                    "weight or do not read weights as lengths");
  // As a strength, 0 is no tie at all: no shortest path crosses it.
  o.weight_as = WeightAs::strength;
  CHECK(g(closeness_centrality(g.network(), o), "a") == 0);
}

TEST_CASE("A measure chosen by name is the same function", "[analysis][centrality]") {
  const Tiny g("a b c d", "a>b b>c c>a c>d");
  for (const auto& name : centrality_measures()) {
    INFO(name);
    const Scores by_name = centrality(g.network(), name);
    const Scores direct = name == "degree"        ? degree_centrality(g.network(), DegreeMode::total)
                          : name == "in_degree"   ? degree_centrality(g.network(), DegreeMode::in)
                          : name == "out_degree"  ? degree_centrality(g.network(), DegreeMode::out)
                          : name == "betweenness" ? betweenness_centrality(g.network())
                          : name == "closeness"   ? closeness_centrality(g.network())
                          : name == "harmonic"    ? harmonic_centrality(g.network())
                          : name == "eigenvector" ? eigenvector_centrality(g.network())
                          : name == "pagerank"    ? pagerank(g.network())
                          : name == "katz"        ? katz_centrality(g.network())
                                                  : clustering_coefficient(g.network());
    CHECK(by_name.value == direct.value);
  }
  CHECK(centrality_measures().size() == 10);
  CHECK_THROWS_WITH(centrality(g.network(), "fame"), "unknown centrality measure 'fame'");
}
