#include "actorgraph/analysis/paths.hpp"
#include "actorgraph/io/dataset_reader.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace actorgraph;
using actorgraph::test::TempDataset;

namespace {

// A tiny network written as text: actors "a b c" (vertex numbers follow this order), relations
// "a-b" (undirected meeting), "a>b" (directed visit), optionally weighted "a-b:2.5". Relation ids
// are r1, r2, ... in the order given. Weights are read as written (Merge::sum) unless told.
class Tiny {
 public:
  Tiny(const std::string& actors, const std::string& relations, NetworkOptions o = sum())
      : files_({{"actors.csv", actors_csv(actors)}, {"relations.csv", relations_csv(relations)}}),
        dataset_(load_dataset(files_.path())),
        network_(dataset_, Slice(dataset_), o) {}

  static NetworkOptions sum() {
    NetworkOptions o;
    o.merge = Merge::sum;
    return o;
  }

  const Network& network() const { return network_; }
  Vertex operator[](std::string_view id) const { return *dataset_.find_actor(id); }
  std::string ids(const std::vector<Vertex>& vs) const {
    std::string r;
    for (const Vertex v : vs) r.append(r.empty() ? "" : " ").append(dataset_.actor_id(v));
    return r;
  }
  // The relations behind a link, "r1|r2".
  std::string evidence(std::uint32_t link) const {
    std::string r;
    for (const RelationId id : network_.evidence(link)) r.append(r.empty() ? "" : "|").append(dataset_.relation_id(id));
    return r;
  }
  std::string evidence(const std::vector<std::uint32_t>& links) const {
    std::string r;
    for (const std::uint32_t l : links) r.append(r.empty() ? "" : " ").append(evidence(l));
    return r;
  }

 private:
  static std::string actors_csv(const std::string& actors) {
    std::istringstream in(actors);
    std::string csv = "id,label,kind\n", id;
    while (in >> id) csv += id + ",," + "state\n";
    return csv;
  }
  static std::string relations_csv(const std::string& relations) {
    std::istringstream in(relations);
    std::string csv = "id,source,target,type,weight\n", r;
    for (int i = 1; in >> r; ++i) {
      std::string weight;
      if (const auto colon = r.find(':'); colon != std::string::npos) {
        weight = r.substr(colon + 1);
        r.resize(colon);
      }
      const auto op = r.find_first_of("->");
      csv += "r" + std::to_string(i) + "," + r.substr(0, op) + "," + r.substr(op + 1) + "," +
             (r[op] == '-' ? "meeting" : "visit") + "," + weight + "\n";
    }
    return csv;
  }

  TempDataset files_;
  Dataset dataset_;
  Network network_;
};

PathOptions weighted(WeightAs as = WeightAs::measure_default) {
  PathOptions o;
  o.weighted = true;
  o.weight_as = as;
  return o;
}

// Every path as "ids (length)", one per element, for readable failure messages.
std::vector<std::string> describe(const Tiny& t, const std::vector<Path>& paths) {
  std::vector<std::string> r;
  for (const Path& p : paths) {
    std::ostringstream s;
    s << t.ids(p.vertices) << " (" << p.length << ")";
    r.push_back(s.str());
  }
  return r;
}

// Consistency every path must have: links join consecutive vertices, length is their sum.
void check_well_formed(const Network& n, const Path& p, bool weighted_lengths) {
  REQUIRE(p.links.size() + 1 == p.vertices.size());
  double length = 0;
  for (std::size_t h = 0; h < p.links.size(); ++h) {
    const auto out = n.out_links(p.vertices[h]);
    const auto it = std::find_if(out.begin(), out.end(), [&](const Link& l) { return l.other == p.vertices[h + 1]; });
    REQUIRE(it != out.end());
    CHECK(it->id == p.links[h]);
    length += weighted_lengths ? it->weight : 1.0;
  }
  CHECK(p.length == Approx(length));
  std::vector<Vertex> sorted = p.vertices;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());  // simple
}

}  // namespace

TEST_CASE("The shortest path is the lexicographically smallest of the equally short ones", "[analysis][paths]") {
  //        x3 ---- x1
  //       /          \       two paths of 3 hops: s x2 x4 t is smaller than s x3 x1 t,
  //      s            t      although t's smallest neighbour (x1) is on the other one
  //       \          /
  //        x2 ---- x4
  const Tiny t("s x1 x2 x3 x4 t", "s-x3 x3-x1 x1-t s-x2 x2-x4 x4-t");
  const auto p = shortest_path(t.network(), t["s"], t["t"]);
  REQUIRE(p);
  CHECK(t.ids(p->vertices) == "s x2 x4 t");
  CHECK(p->length == 3);
  CHECK(t.evidence(p->links) == "r4 r5 r6");
  check_well_formed(t.network(), *p, false);
  // The other way round the smallest sequence starts with t's smallest neighbour.
  CHECK(t.ids(shortest_path(t.network(), t["t"], t["s"])->vertices) == "t x1 x3 s");
}

TEST_CASE("A path from an actor to itself is that actor alone", "[analysis][paths]") {
  const Tiny t("a b", "a-b");
  const auto p = shortest_path(t.network(), t["a"], t["a"]);
  REQUIRE(p);
  CHECK(p->vertices == std::vector<Vertex>{t["a"]});
  CHECK(p->links.empty());
  CHECK(p->length == 0);
  CHECK(k_shortest_paths(t.network(), t["a"], t["a"], 3).size() == 1);
  CHECK(all_simple_paths(t.network(), t["a"], t["a"], 2).size() == 1);
}

TEST_CASE("Directed paths follow link direction and may not exist the other way", "[analysis][paths]") {
  //  a --> b --> c
  const Tiny t("a b c", "a>b b>c");
  REQUIRE(t.network().directed());
  const auto forward = shortest_path(t.network(), t["a"], t["c"]);
  REQUIRE(forward);
  CHECK(t.ids(forward->vertices) == "a b c");
  CHECK(forward->length == 2);
  CHECK_FALSE(shortest_path(t.network(), t["c"], t["a"]));
  CHECK(k_shortest_paths(t.network(), t["c"], t["a"], 2).empty());
  CHECK(all_simple_paths(t.network(), t["c"], t["a"], 5).empty());
}

TEST_CASE("An undirected relation in a directed network can be followed both ways", "[analysis][paths]") {
  //  a --> b --- c      (a visits b; b and c meet)
  const Tiny t("a b c", "a>b b-c");
  REQUIRE(t.network().directed());
  const auto ac = shortest_path(t.network(), t["a"], t["c"]);
  REQUIRE(ac);
  CHECK(t.ids(ac->vertices) == "a b c");
  CHECK(t.evidence(ac->links) == "r1 r2");
  const auto cb = shortest_path(t.network(), t["c"], t["b"]);
  REQUIRE(cb);
  CHECK(t.evidence(cb->links) == "r2");
  CHECK_FALSE(shortest_path(t.network(), t["c"], t["a"]));
}

TEST_CASE("Weighted shortest paths may take more hops for a smaller total length", "[analysis][paths]") {
  //      a ----10---- b
  //      |            |        unweighted: a b (1 hop)
  //      1            1        weighted (lengths): a c d b (3 hops, length 3)
  //      |            |
  //      c ----1----- d
  const Tiny t("a b c d", "a-b:10 a-c:1 c-d:1 d-b:1");
  const auto hops = shortest_path(t.network(), t["a"], t["b"]);
  REQUIRE(hops);
  CHECK(t.ids(hops->vertices) == "a b");
  CHECK(hops->length == 1);

  for (const auto as : {WeightAs::measure_default, WeightAs::length}) {
    const auto p = shortest_path(t.network(), t["a"], t["b"], weighted(as));
    REQUIRE(p);
    CHECK(t.ids(p->vertices) == "a c d b");
    CHECK(p->length == 3);
    check_well_formed(t.network(), *p, true);
  }
}

TEST_CASE("Weights read as strengths become lengths 1 over w", "[analysis][paths]") {
  // The same square: as strengths, the heavy a-b tie is short (1/10) and the others long (1 each).
  const Tiny t("a b c d", "a-b:10 a-c:1 c-d:1 d-b:1");
  const auto p = shortest_path(t.network(), t["a"], t["d"], weighted(WeightAs::strength));
  REQUIRE(p);
  CHECK(t.ids(p->vertices) == "a b d");
  CHECK(p->length == Approx(1.1));
  // As lengths the same pair goes a c d (length 2 < 11).
  CHECK(t.ids(shortest_path(t.network(), t["a"], t["d"], weighted())->vertices) == "a c d");
}

TEST_CASE("A zero weight read as a strength is no link at all", "[analysis][paths]") {
  //  a --0-- b --1-- c
  const Tiny t("a b c", "a-b:0 b-c:1");
  CHECK_FALSE(shortest_path(t.network(), t["a"], t["c"], weighted(WeightAs::strength)));
  CHECK(k_shortest_paths(t.network(), t["a"], t["c"], 2, weighted(WeightAs::strength)).empty());
  // Read as a length it is free.
  const auto p = shortest_path(t.network(), t["a"], t["c"], weighted());
  REQUIRE(p);
  CHECK(p->length == 1);
}

TEST_CASE("Zero-length links do not trap the tie-breaking walk", "[analysis][paths]") {
  //  x --0-- s --1-- t     x is as far from t as s is, and smaller than t, but a dead end
  const Tiny dead_end("s x t", "s-x:0 s-t:1");
  const auto p = shortest_path(dead_end.network(), dead_end["s"], dead_end["t"], weighted());
  REQUIRE(p);
  CHECK(dead_end.ids(p->vertices) == "s t");

  //  a --0-- b           every path from a to d has length 1; the smallest sequence is a b c d
  //  |  \    |
  //  0    0  1
  //  |     \ |
  //  c --1-- d
  const Tiny zero("a b c d", "a-b:0 a-c:0 b-c:0 b-d:1 c-d:1");
  const auto q = shortest_path(zero.network(), zero["a"], zero["d"], weighted());
  REQUIRE(q);
  CHECK(zero.ids(q->vertices) == "a b c d");
  CHECK(q->length == 1);
}

TEST_CASE("Parallel relations are one link whose evidence lists each of them", "[analysis][paths]") {
  //  a ==(r1, r2)== b --- c
  const Tiny t("a b c", "a-b b-a b-c", NetworkOptions{});  // Merge::count: the a-b link weighs 2
  const auto p = shortest_path(t.network(), t["a"], t["c"]);
  REQUIRE(p);
  CHECK(p->links.size() == 2);
  CHECK(t.evidence(p->links[0]) == "r1|r2");
  CHECK(t.evidence(p->links[1]) == "r3");
  // Counted relations as strengths: 1/2 + 1/1.
  CHECK(shortest_path(t.network(), t["a"], t["c"], weighted(WeightAs::strength))->length == Approx(1.5));
}

TEST_CASE("Yen's algorithm finds the k shortest simple paths, ties by vertex sequence", "[analysis][paths]") {
  // Yen's example (Wikipedia), directed, weights as lengths:
  //
  //        D ----4----> F ----1----> H
  //       ^ ^          ^ |          ^
  //      3   1        2  2         2
  //     /     \      /   v        /
  //    C --2--> E --+--3--> G ---+
  //
  // C->D 3, C->E 2, D->F 4, E->D 1, E->F 2, E->G 3, F->G 2, F->H 1, G->H 2. Every path C to H:
  //   5  C E F H
  //   7  C E G H
  //   8  C D F H, C E D F H, C E F G H   (tied: by vertex sequence, C=0 D=1 E=2 F=3 G=4 H=5)
  //  11  C D F G H, C E D F G H
  const Tiny t("C D E F G H", "C>D:3 C>E:2 D>F:4 E>D:1 E>F:2 E>G:3 F>G:2 F>H:1 G>H:2");
  const auto three = k_shortest_paths(t.network(), t["C"], t["H"], 3, weighted());
  CHECK(describe(t, three) == std::vector<std::string>{"C E F H (5)", "C E G H (7)", "C D F H (8)"});
  for (const Path& p : three) check_well_formed(t.network(), p, true);

  const auto all = k_shortest_paths(t.network(), t["C"], t["H"], 100, weighted());
  CHECK(describe(t, all) == std::vector<std::string>{"C E F H (5)", "C E G H (7)", "C D F H (8)", "C E D F H (8)",
                                                     "C E F G H (8)", "C D F G H (11)", "C E D F G H (11)"});
  CHECK(k_shortest_paths(t.network(), t["C"], t["H"], 0, weighted()).empty());

  // Unweighted: by hops, then sequence.
  CHECK(describe(t, k_shortest_paths(t.network(), t["C"], t["H"], 4)) ==
        std::vector<std::string>{"C D F H (3)", "C E F H (3)", "C E G H (3)", "C D F G H (4)"});
}

TEST_CASE("Yen's algorithm agrees with sorting every simple path", "[analysis][paths]") {
  // Naive oracle: on random small networks, all_simple_paths sorted by (length, sequence) must
  // start with exactly the paths Yen returns. Integer weights keep the sums exact; weights of 0
  // make ties and zero-length cycles common.
  std::mt19937 random(12345);
  std::size_t compared = 0;
  for (int round = 0; round < 40; ++round) {
    const bool directed = round % 2 == 0;
    const unsigned n = 6 + static_cast<unsigned>(random() % 3);
    std::string actors, relations;
    for (unsigned v = 0; v < n; ++v) actors += "v" + std::to_string(v) + " ";
    for (unsigned u = 0; u < n; ++u)
      for (unsigned v = directed ? 0 : u + 1; v < n; ++v)
        if (u != v && random() % 100 < 35)
          relations += "v" + std::to_string(u) + (directed ? ">" : "-") + "v" + std::to_string(v) + ":" +
                       std::to_string(random() % 4) + " ";
    if (relations.empty()) continue;
    const Tiny t(actors, relations);
    const Network& net = t.network();
    if (net.vertex_count() < 2) continue;
    const Vertex from = net.vertices()[random() % net.vertex_count()];
    const Vertex to = net.vertices()[random() % net.vertex_count()];
    INFO("round " << round << ": " << relations << " from v" << from << " to v" << to);

    for (const bool weights : {false, true}) {
      auto every = all_simple_paths(net, from, to, net.vertex_count());
      for (Path& p : every) {
        p.length = 0;
        for (std::size_t h = 0; h < p.links.size(); ++h)
          for (const Link& l : net.out_links(p.vertices[h]))
            if (l.other == p.vertices[h + 1]) p.length += weights ? l.weight : 1.0;
      }
      std::stable_sort(every.begin(), every.end(), [](const Path& a, const Path& b) {
        return a.length != b.length ? a.length < b.length : a.vertices < b.vertices;
      });
      const PathOptions o = weights ? weighted() : PathOptions{};
      const auto yen = k_shortest_paths(net, from, to, every.size() + 2, o);
      CHECK(describe(t, yen) == describe(t, every));
      compared += every.size();
      const auto first = shortest_path(net, from, to, o);
      CHECK(first.has_value() == !every.empty());
      if (first && !every.empty()) CHECK(first->vertices == every.front().vertices);
      const auto some = k_shortest_paths(net, from, to, 3, o);
      CHECK(some.size() == std::min<std::size_t>(3, every.size()));
    }
  }
  CHECK(compared > 200);
}

TEST_CASE("Every simple path up to a number of hops, by hops then sequence", "[analysis][paths]") {
  // Yen's example graph, unweighted (see above).
  const Tiny t("C D E F G H", "C>D:3 C>E:2 D>F:4 E>D:1 E>F:2 E>G:3 F>G:2 F>H:1 G>H:2");
  CHECK(describe(t, all_simple_paths(t.network(), t["C"], t["H"], 2)).empty());
  CHECK(describe(t, all_simple_paths(t.network(), t["C"], t["H"], 3)) ==
        std::vector<std::string>{"C D F H (3)", "C E F H (3)", "C E G H (3)"});
  const auto four = all_simple_paths(t.network(), t["C"], t["H"], 4);
  CHECK(describe(t, four) == std::vector<std::string>{"C D F H (3)", "C E F H (3)", "C E G H (3)", "C D F G H (4)",
                                                      "C E D F H (4)", "C E F G H (4)"});
  for (const Path& p : four) check_well_formed(t.network(), p, false);
  CHECK(all_simple_paths(t.network(), t["C"], t["H"], 20).size() == 7);
  CHECK(all_simple_paths(t.network(), t["C"], t["H"], 3, 3).size() == 3);  // exactly the limit is fine
}

TEST_CASE("Too many simple paths is an error that says how to narrow the search", "[analysis][paths]") {
  const Tiny t("C D E F G H", "C>D:3 C>E:2 D>F:4 E>D:1 E>F:2 E>G:3 F>G:2 F>H:1 G>H:2");
  CHECK_THROWS_MATCHES(all_simple_paths(t.network(), t["C"], t["H"], 3, 2), UsageError,
                       Catch::Message("more than 2 simple paths of at most 3 hops between the two actors; "
                                      "lower --max-hops or slice the network"));
  CHECK_THROWS_MATCHES(all_simple_paths(t.network(), t["C"], t["D"], 1, 0), UsageError,
                       Catch::Message("more than 0 simple paths of at most 1 hop between the two actors; "
                                      "lower --max-hops or slice the network"));
}

TEST_CASE("A vertex outside the network is a usage error", "[analysis][paths]") {
  const Tiny t("a b", "a-b");
  CHECK_THROWS_MATCHES(shortest_path(t.network(), 0, 7), UsageError,
                       Catch::Message("the last vertex, actor 7, is not in the network (it is outside the slice or collapsed into another actor)"));
  CHECK_THROWS_AS(k_shortest_paths(t.network(), 9, 0, 2), UsageError);
  CHECK_THROWS_AS(all_simple_paths(t.network(), 9, 0, 2), UsageError);
  CHECK_THROWS_AS(neighbourhood(t.network(), 2, 1), UsageError);
}

TEST_CASE("A neighbourhood lists actors by distance with the links that reach them", "[analysis][paths]") {
  //   d --> a --> b --> e
  //          \         ^
  //           +-> c ---+        plus c --- f (undirected)
  const Tiny t("a b c d e f", "d>a a>b a>c b>e c>e c-f");
  REQUIRE(t.network().directed());
  const auto describe_nb = [&](const std::vector<Neighbour>& nbs) {
    std::vector<std::string> r;
    for (const Neighbour& nb : nbs) r.push_back(t.ids({nb.vertex}) + " " + std::to_string(nb.distance) + " " + t.evidence(nb.links));
    return r;
  };
  CHECK(neighbourhood(t.network(), t["a"], 0).empty());
  CHECK(describe_nb(neighbourhood(t.network(), t["a"], 1)) == std::vector<std::string>{"b 1 r2", "c 1 r3"});
  // e is reached from both b and c: both links are listed.
  CHECK(describe_nb(neighbourhood(t.network(), t["a"], 2)) ==
        std::vector<std::string>{"b 1 r2", "c 1 r3", "e 2 r4 r5", "f 2 r6"});
  CHECK(describe_nb(neighbourhood(t.network(), t["a"], 5)).size() == 4);  // d only reaches a
  // Either way, d is a neighbour too (through a link followed backwards).
  CHECK(describe_nb(neighbourhood(t.network(), t["a"], 1, true)) ==
        std::vector<std::string>{"b 1 r2", "c 1 r3", "d 1 r1"});
  // The undirected c-f relation is two links in a directed network (c->f and f->c); either way,
  // f is joined to c by both, and both are listed.
  CHECK(describe_nb(neighbourhood(t.network(), t["e"], 2, true)) ==
        std::vector<std::string>{"b 1 r4", "c 1 r5", "a 2 r2 r3", "f 2 r6 r6"});
  CHECK(neighbourhood(t.network(), t["e"], 3).empty());  // e is a sink

  // ring_sizes counts what neighbourhood lists, the centre at distance 0.
  using Sizes = std::vector<std::size_t>;
  CHECK(ring_sizes(t.network(), t["a"], 0) == Sizes{1});
  CHECK(ring_sizes(t.network(), t["a"], 2) == Sizes{1, 2, 2});
  CHECK(ring_sizes(t.network(), t["a"], 5) == Sizes{1, 2, 2});  // nothing farther
  CHECK(ring_sizes(t.network(), t["a"], 1, true) == Sizes{1, 3});
  CHECK(ring_sizes(t.network(), t["e"], 2, true) == Sizes{1, 2, 2});
  CHECK(ring_sizes(t.network(), t["e"], 3) == Sizes{1});
}

TEST_CASE("A neighbourhood in an undirected network lists each link once", "[analysis][paths]") {
  //  a --- b --- d
  //   \         /
  //    +-- c --+
  const Tiny t("a b c d", "a-b a-c b-d c-d");
  REQUIRE_FALSE(t.network().directed());
  for (const bool either_way : {false, true}) {
    const auto nbs = neighbourhood(t.network(), t["a"], 2, either_way);
    REQUIRE(nbs.size() == 3);
    CHECK(t.ids({nbs[2].vertex}) == "d");
    CHECK(nbs[2].distance == 2);
    CHECK(t.evidence(nbs[2].links) == "r3 r4");
  }
}

TEST_CASE("Single-source distances: hops by breadth-first search, lengths by Dijkstra, with the last hop", "[analysis][paths]") {
  //      a ----10---- b
  //      |            |
  //      1            1
  //      |            |
  //      c ----1----- d
  const Tiny t("a b c d", "a-b:10 a-c:1 c-d:1 d-b:1");
  const auto listed_in = [](const Tiny& in, const std::vector<Reached>& reached) {
    std::string out;
    for (const Reached& r : reached)
      out.append(out.empty() ? "" : " ")
          .append(in.ids({r.vertex}))
          .append("=")
          .append(std::to_string(static_cast<int>(r.distance)))
          .append("/")
          .append(std::to_string(r.hops))
          .append(r.predecessor == Network::none ? std::string() : "<" + in.ids({r.predecessor}) + ":" + in.evidence(r.link));
    return out;
  };
  const auto listed = [&](const std::vector<Reached>& reached) { return listed_in(t, reached); };
  // Unweighted: b and c are one hop away, reached from a; d two, first reached from b (b's links
  // are visited before c's, in neighbour order).
  CHECK(listed(single_source_distances(t.network(), t["a"])) == "a=0/0 b=1/1<a:r1 c=1/1<a:r2 d=2/2<b:r4");
  // Each level listed by vertex number, not in the order the search found it: e (from b) is found
  // before d (from c).
  const Tiny levels("a b c d e", "a-b a-c b-e c-d");
  CHECK(listed_in(levels, single_source_distances(levels.network(), levels["a"])) == "a=0/0 b=1/1<a:r1 c=1/1<a:r2 d=2/2<c:r4 e=2/2<b:r3");
  // Weighted (lengths): b is 3 away over c and d, 3 hops.
  CHECK(listed(single_source_distances(t.network(), t["a"], weighted())) == "a=0/0 c=1/1<a:r2 d=2/2<c:r3 b=3/3<d:r4");
  // --max-hops keeps the actors whose path found has at most that many links.
  CHECK(listed(single_source_distances(t.network(), t["a"], weighted(), 2)) == "a=0/0 c=1/1<a:r2 d=2/2<c:r3");
  // Directed links are followed one way; a zero weight read as a strength is no link.
  const Tiny chain("a b c", "a>b b>c");
  CHECK(listed(single_source_distances(chain.network(), chain["c"])) == "c=0/0");
  const Tiny zero("a b c", "a-b:0 b-c:1");
  CHECK(single_source_distances(zero.network(), zero["a"], weighted(WeightAs::strength)).size() == 1);
  CHECK_THROWS_AS(single_source_distances(t.network(), 99), UsageError);
}

TEST_CASE("Single-source distances add up to NetworkX's average shortest path length", "[analysis][paths]") {
  for (const char* name : {"florentine", "karate", "lesmis"}) {
    INFO(name);
    const std::string folder = actorgraph::test::data_path(std::string("reference/") + name);
    auto values = actorgraph::test::reference_info(name);
    REQUIRE(values.count("average_shortest_path_length") == 1);
    const Dataset d = load_dataset(folder);
    const Network net(d, Slice(d));
    const double n = static_cast<double>(net.vertex_count());
    double sum = 0;
    for (const Vertex s : net.vertices())
      for (const Reached& r : single_source_distances(net, s)) sum += r.distance;
    CHECK(sum / (n * (n - 1)) == Approx(std::stod(values["average_shortest_path_length"])).epsilon(1e-12));
  }
}

TEST_CASE("Distance statistics of a path of four actors", "[analysis][paths]") {
  //  a --- b --- c --- d
  // Ordered pairs: 12, distances 1 2 3 1 2 1 each way: sum 20, mean 20/12, diameter 3.
  const Tiny t("a b c d", "a-b b-c c-d");
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  const auto s = distance_stats(t.network(), [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); });
  CHECK(s.reachable_pairs == 12);
  CHECK(s.diameter == 3);
  CHECK(s.average_path_length == Approx(20.0 / 12));
  CHECK(s.connected);
  REQUIRE_FALSE(calls.empty());
  CHECK(calls.back() == std::pair<std::size_t, std::size_t>{4, 4});
}

TEST_CASE("Distance statistics of a disconnected network count the reachable pairs only", "[analysis][paths]") {
  //  a --- b      c --- d --- e
  // Pairs: a-b (1) and c-d, d-e (1), c-e (2), each both ways: 8 pairs, sum 2 + 8 = 10.
  const Tiny t("a b c d e", "a-b c-d d-e");
  const auto s = distance_stats(t.network());
  CHECK(s.reachable_pairs == 8);
  CHECK(s.diameter == 2);
  CHECK(s.average_path_length == Approx(10.0 / 8));
  CHECK_FALSE(s.connected);
}

TEST_CASE("Distance statistics follow direction", "[analysis][paths]") {
  //  a --> b --> c --> a    every actor reaches the others at 1 and 2: 6 pairs, sum 9
  const Tiny cycle("a b c", "a>b b>c c>a");
  const auto s = distance_stats(cycle.network());
  CHECK(s.reachable_pairs == 6);
  CHECK(s.diameter == 2);
  CHECK(s.average_path_length == Approx(1.5));
  CHECK(s.connected);

  //  a --> b --> c          a reaches b (1), c (2); b reaches c (1): weakly but not strongly connected
  const Tiny line("a b c", "a>b b>c");
  const auto l = distance_stats(line.network());
  CHECK(l.reachable_pairs == 3);
  CHECK(l.diameter == 2);
  CHECK(l.average_path_length == Approx(4.0 / 3));
  CHECK_FALSE(l.connected);
}

TEST_CASE("Distance statistics of one actor or none", "[analysis][paths]") {
  // A relation to itself is dropped: one vertex, no link.
  const Tiny t("a", "a-a");
  const auto s = distance_stats(t.network());
  CHECK(t.network().vertex_count() == 1);
  CHECK(s.reachable_pairs == 0);
  CHECK(s.diameter == 0);
  CHECK(s.average_path_length == 0);
  CHECK(s.connected);
}

TEST_CASE("Distance statistics of a long path are the same on several threads", "[analysis][paths]") {
  // A path of n = 2100 actors (above the threading threshold): the sum of distances over ordered
  // pairs is 2 Σ_{d=1}^{n-1} d (n − d) = n (n² − 1) / 3, so the mean is (n + 1) / 3.
  const std::size_t n = 2100;
  std::string actors = "id,label,kind\n", relations = "id,source,target,type\n";
  for (std::size_t v = 0; v < n; ++v) actors += "v" + std::to_string(v) + ",,state\n";
  for (std::size_t v = 0; v + 1 < n; ++v)
    relations += "r" + std::to_string(v) + ",v" + std::to_string(v) + ",v" + std::to_string(v + 1) + ",meeting\n";
  TempDataset files({{"actors.csv", actors}, {"relations.csv", relations}});
  const Dataset d = load_dataset(files.path());
  const Network net(d, Slice(d));
  std::size_t calls = 0, last = 0;
  bool increasing = true;
  const auto s = distance_stats(net, [&](std::size_t done, std::size_t total) {
    ++calls;
    increasing = increasing && done > last && total == n;
    last = done;
  });
  CHECK(s.reachable_pairs == n * (n - 1));
  CHECK(s.diameter == n - 1);
  CHECK(s.average_path_length == Approx((n + 1) / 3.0).epsilon(1e-12));
  CHECK(s.connected);
  CHECK(increasing);
  CHECK(last == n);
  CHECK(calls <= 101);
}

TEST_CASE("Distance statistics match NetworkX on the reference networks", "[analysis][paths]") {
  for (const char* name : {"florentine", "karate", "lesmis"}) {
    INFO(name);
    const std::string folder = actorgraph::test::data_path(std::string("reference/") + name);
    auto values = actorgraph::test::reference_info(name);
    REQUIRE(values.count("diameter") == 1);
    const Dataset d = load_dataset(folder);
    const Network net(d, Slice(d));
    REQUIRE_FALSE(net.directed());
    const auto s = distance_stats(net);
    CHECK(s.connected);
    CHECK(s.diameter == std::stoul(values["diameter"]));
    CHECK(s.average_path_length == Approx(std::stod(values["average_shortest_path_length"])).epsilon(1e-12));
  }
}
