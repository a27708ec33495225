#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/graph.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace actorgraph;

namespace {

std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs(std::span<const Arc> span) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (const Arc& a : span) out.emplace_back(a.other, a.relation);
  return out;
}

using Pairs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

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
  CHECK(arcs(g.out_arcs(0)) == Pairs{{1, 0}, {1, 2}});
  CHECK(arcs(g.out_arcs(1)) == Pairs{{2, 1}});
  CHECK(arcs(g.out_arcs(2)) == Pairs{{1, 1}, {2, 3}});
  CHECK(arcs(g.in_arcs(1)) == Pairs{{0, 0}, {0, 2}, {2, 1}});
  CHECK(arcs(g.in_arcs(2)) == Pairs{{1, 1}, {2, 3}});
  CHECK(g.out_arcs(3).empty());
  CHECK(g.in_arcs(3).empty());
}

TEST_CASE("The dataset's graph follows its relations", "[model][graph]") {
  const Dataset d = load_dataset(test::data_path("small"));
  const Graph& g = d.graph();
  CHECK(g.vertex_count() == d.actor_count());
  const ActorId tj = *d.find_actor("tajikistan");
  // Into Tajikistan: troop presence, affiliations, visit, the undirected consultation and meeting.
  std::size_t in = 0;
  for (const Arc& a : g.in_arcs(tj)) {
    CHECK(d.relation_target(a.relation) + d.relation_source(a.relation) == tj + a.other);
    ++in;
  }
  CHECK(in == 6);
  CHECK(g.out_arcs(tj).size() == 4);  // 2 memberships, and the two undirected relations
}
