#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/graph.hpp"

#include <boost/range/iterator_range.hpp>

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
