#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/graph.hpp"

#include <boost/range/iterator_range.hpp>

#include <array>
#include <vector>

#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace actorgraph;

namespace {

using Pairs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// (head, relation) of each out-arc, (tail, relation) of each in-arc, in the graph's order.
Pairs out_arcs(const Graph& g, std::uint32_t v) {
  Pairs out;
  for (const auto& e : boost::make_iterator_range(out_edges(v, g.bgl()))) out.emplace_back(target(e, g.bgl()), g.relation(e));
  return out;
}
Pairs in_arcs(const Graph& g, std::uint32_t v) {
  Pairs out;
  for (const auto& e : boost::make_iterator_range(in_edges(v, g.bgl()))) out.emplace_back(source(e, g.bgl()), g.relation(e));
  return out;
}

}  // namespace

//   relation 0: 0 -> 1 (directed)
//   relation 1: 1 -- 2 (undirected: arcs both ways)
//   relation 2: 0 -> 1 (parallel to relation 0)
//   relation 3: 2 -- 2 (undirected self-relation: one arc)
//   vertex 3: isolated
TEST_CASE("The CSR graph has one arc per directed relation and two per undirected one", "[model][graph]") {
  const std::vector<std::uint32_t> source{0, 1, 0, 2}, target{1, 2, 1, 2};
  const std::vector<std::uint8_t> directed{1, 0, 1, 0};
  const Graph g = Graph::build(4, source, target, directed);
  CHECK(g.vertex_count() == 4);
  CHECK(g.arc_count() == 5);
  CHECK(out_arcs(g, 0) == Pairs{{1, 0}, {1, 2}});
  CHECK(out_arcs(g, 1) == Pairs{{2, 1}});
  CHECK(out_arcs(g, 2) == Pairs{{1, 1}, {2, 3}});
  CHECK(in_arcs(g, 1) == Pairs{{0, 0}, {0, 2}, {2, 1}});
  CHECK(in_arcs(g, 2) == Pairs{{1, 1}, {2, 3}});
  CHECK(out_arcs(g, 3).empty());
  CHECK(in_arcs(g, 3).empty());
}

TEST_CASE("The dataset's graph follows its relations", "[model][graph]") {
  const Dataset d = load_dataset(test::data_path("small"));
  const Graph& g = d.graph();
  CHECK(g.vertex_count() == d.actor_count());
  const ActorId tj = *d.find_actor("tajikistan");
  // Into Tajikistan: troop presence, affiliations, visit, the undirected consultation and meeting.
  std::size_t in = 0;
  for (const auto& [other, relation] : in_arcs(g, tj)) {
    CHECK(d.relation_target(relation) + d.relation_source(relation) == tj + other);
    ++in;
  }
  CHECK(in == 6);
  CHECK(out_arcs(g, tj).size() == 4);  // 2 memberships, and the two undirected relations
}

// The passes of Graph::build are cut by ranges of vertices (one per thread, of at least 4096): the
// graph must come out the same, arc for arc and in the same order, on any number of threads.
TEST_CASE("The CSR graph is the same built on any number of threads", "[model][graph]") {
  constexpr std::uint32_t n = 20000, m = 120000;
  std::vector<std::uint32_t> source(m), target(m);
  std::vector<std::uint8_t> directed(m);
  std::uint64_t state = 12345;
  const auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(state >> 33);
  };
  for (std::uint32_t r = 0; r < m; ++r) {
    source[r] = next() % n;
    // Some self-relations, and hubs with many parallel relations, across the threads' ranges.
    target[r] = r % 97 == 0 ? source[r] : r % 5 == 0 ? (r % 3) * (n / 3) : next() % n;
    directed[r] = next() % 2;
  }
  // Every arc as (tail, head, relation, arc number), in the graph's order: out-arcs, then in-arcs.
  const auto arcs = [](const Graph& g) {
    std::vector<std::array<std::uint32_t, 4>> all;
    for (std::uint32_t v = 0; v < g.vertex_count(); ++v) {
      for (const auto& e : boost::make_iterator_range(out_edges(v, g.bgl())))
        all.push_back({v, boost::target(e, g.bgl()), g.relation(e), static_cast<std::uint32_t>(e.idx)});
      for (const auto& e : boost::make_iterator_range(in_edges(v, g.bgl())))
        all.push_back({boost::source(e, g.bgl()), v, g.relation(e), static_cast<std::uint32_t>(e.idx)});
    }
    return all;
  };
  const Graph one = Graph::build(n, source, target, directed, 1);
  const auto expected = arcs(one);
  REQUIRE(one.arc_count() > m);
  REQUIRE(expected.size() == 2 * one.arc_count());
  for (const unsigned threads : {2u, 3u, 4u}) {
    INFO(threads << " threads");
    const Graph g = Graph::build(n, source, target, directed, threads);
    CHECK(g.arc_count() == one.arc_count());
    CHECK(arcs(g) == expected);
  }
}
