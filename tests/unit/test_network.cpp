#include "actorgraph/analysis/network.hpp"
#include "actorgraph/analysis/centrality.hpp"
#include "actorgraph/io/dataset_reader.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace actorgraph;
using actorgraph::test::TempDataset;

namespace {

// Out-links of an actor as (neighbour actor id, weight, number of relations merged).
std::vector<std::tuple<std::string, double, std::size_t>> out(const Network& n, std::string_view id) {
  std::vector<std::tuple<std::string, double, std::size_t>> result;
  const Dataset& d = n.dataset();
  const Vertex v = *d.find_actor(id);
  for (const Link& l : n.out_links(v)) result.emplace_back(d.actor_id(l.other), l.weight, n.evidence(l.id).size());
  return result;
}

using Links = std::vector<std::tuple<std::string, double, std::size_t>>;

// state_a <-visit(w 2)- state_b, state_a -visit(w 3)-> state_b, state_a -meeting- state_c
// official (person) -affiliation-> ministry (agency) -affiliation-> state_a
// official -visit-> state_b;  ministry -training-> state_c;  state_c -self statement-> state_c
const char* kActors =
    "id,label,kind\nstate_a,A,state\nstate_b,B,state\nstate_c,C,state\nofficial,O,person\nministry,M,agency\n";
const char* kRelations =
    "id,source,target,type,start,end,weight\n"
    "r1,state_b,state_a,visit,2001,,2\n"
    "r2,state_a,state_b,visit,2002,,3\n"
    "r3,state_a,state_c,meeting,2003,,\n"
    "r4,official,ministry,affiliation,2000,,\n"
    "r5,ministry,state_a,affiliation,1995,,\n"
    "r6,official,state_b,visit,2004,,\n"
    "r7,ministry,state_c,training,2005,,\n"
    "r8,state_c,state_c,statement,2006,,\n";

}  // namespace

TEST_CASE("A network merges parallel relations into one link with evidence", "[analysis][network]") {
  TempDataset t({{"actors.csv", kActors}, {"relations.csv", kRelations}});
  const Dataset d = load_dataset(t.path());
  const Network n(d, Slice(d));
  CHECK(n.directed());
  CHECK(n.vertex_count() == 5);
  // The undirected meeting gives links both ways; the self-statement none.
  CHECK(out(n, "state_a") == Links{{"state_b", 1, 1}, {"state_c", 1, 1}});
  CHECK(out(n, "state_b") == Links{{"state_a", 1, 1}});
  CHECK(out(n, "state_c") == Links{{"state_a", 1, 1}});

  NetworkOptions o;
  o.undirected = true;
  const Network u(d, Slice(d), o);
  CHECK_FALSE(u.directed());
  CHECK(out(u, "state_a") == Links{{"state_b", 2, 2}, {"state_c", 1, 1}, {"ministry", 1, 1}});
  CHECK(u.link_count() == 6);  // a-b, a-c, a-ministry, official-ministry, official-b, ministry-c

  o.merge = Merge::sum;
  CHECK(std::get<1>(out(Network(d, Slice(d), o), "state_a")[0]) == 5);
  o.merge = Merge::max;
  CHECK(std::get<1>(out(Network(d, Slice(d), o), "state_a")[0]) == 3);
}

TEST_CASE("Collapse rolls officials and agencies up to their state", "[analysis][network]") {
  TempDataset t({{"actors.csv", kActors}, {"relations.csv", kRelations}});
  const Dataset d = load_dataset(t.path());
  NetworkOptions o;
  o.collapse = true;
  const Network n(d, Slice(d), o);
  CHECK(n.vertex_count() == 3);
  CHECK_FALSE(n.contains(*d.find_actor("official")));
  CHECK(d.actor_id(n.representative(*d.find_actor("official"))) == "state_a");
  // The official's visit to B and the ministry's training of C now count for A.
  CHECK(out(n, "state_a") == Links{{"state_b", 2, 2}, {"state_c", 2, 2}});
}

TEST_CASE("Collapse follows only affiliations active in the date window", "[analysis][network]") {
  TempDataset t({{"actors.csv", kActors}, {"relations.csv", kRelations}});
  const Dataset d = load_dataset(t.path());
  SliceOptions window;
  window.from = *PartialDate::parse("2004");
  window.types = {"visit", "training"};  // type filters do not stop the roll-up
  NetworkOptions o;
  o.collapse = true;
  const Network n(d, Slice(d, window), o);
  CHECK(out(n, "state_a") == Links{{"state_b", 1, 1}, {"state_c", 1, 1}});
}

TEST_CASE("A network of undirected relations only is undirected", "[analysis][network]") {
  TempDataset t({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\nc,C,state\n"},
                 {"relations.csv", "id,source,target,type\nr1,a,b,meeting\nr2,b,a,meeting\nr3,c,b,exercise\n"}});
  const Dataset d = load_dataset(t.path());
  const Network n(d, Slice(d));
  CHECK_FALSE(n.directed());
  CHECK(n.link_count() == 2);
  CHECK(out(n, "b") == Links{{"a", 2, 2}, {"c", 1, 1}});
  CHECK(n.in_links(1).size() == 2);
}

TEST_CASE("Actors outside the slice are not vertices", "[analysis][network]") {
  TempDataset t({{"actors.csv", kActors}, {"relations.csv", kRelations}});
  const Dataset d = load_dataset(t.path());
  SliceOptions o;
  o.kinds = {"state"};
  const Network n(d, Slice(d, o));
  CHECK(n.vertex_count() == 3);
  CHECK_FALSE(n.contains(*d.find_actor("ministry")));
  // Vertices keep their actor numbers: a slice is a mask, not a renumbering.
  const std::vector<Vertex> states{*d.find_actor("state_a"), *d.find_actor("state_b"), *d.find_actor("state_c")};
  CHECK(std::vector<Vertex>(n.vertices().begin(), n.vertices().end()) == states);
  CHECK(n.vertex_bound() == d.actor_count());
  CHECK(n.out_links(*d.find_actor("ministry")).empty());
}

TEST_CASE("Scores of a slice are indexed by actor and compare across slices", "[analysis][network][centrality]") {
  TempDataset t({{"actors.csv", kActors}, {"relations.csv", kRelations}});
  const Dataset d = load_dataset(t.path());
  SliceOptions o;
  o.kinds = {"state"};
  const Network states(d, Slice(d, o));
  const Network all(d, Slice(d));
  const ActorId a = *d.find_actor("state_a"), b = *d.find_actor("state_b"), c = *d.find_actor("state_c");
  const ActorId ministry = *d.find_actor("ministry");
  CentralityOptions raw;
  raw.normalized = false;
  const Scores s = degree_centrality(states, DegreeMode::total, raw);
  const Scores whole = degree_centrality(all, DegreeMode::total, raw);
  REQUIRE(s.value.size() == d.actor_count());
  // Among states: a -> b, b -> a (merged links), a -- c (both ways): a has out 2 + in 2.
  CHECK(s.value[a] == 4);
  CHECK(s.value[b] == 2);
  CHECK(s.value[c] == 2);
  CHECK(std::isnan(s.value[ministry]));  // not a vertex of the states' network
  CHECK(s.ranking() == std::vector<Vertex>{a, b, c});
  // The same actor number in the whole network: the ministry's affiliation and training links count.
  CHECK(whole.value[a] == 5);
  CHECK(whole.value[ministry] == 3);
}

namespace {

// The links of a network as the header defines them, computed the slow way: every relation of the
// slice as pairs (both ways for an undirected relation in a directed network; once, low actor
// first, in an undirected one), sorted, and equal pairs merged. Per actor: (neighbour, relations)
// of its out-links and of its in-links, in neighbour order.
using LinkList = std::vector<std::pair<Vertex, std::vector<RelationId>>>;
std::pair<std::vector<LinkList>, std::vector<LinkList>> reference_links(const Dataset& d, const Slice& slice, bool directed) {
  std::vector<std::tuple<Vertex, Vertex, RelationId>> pairs;
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    Vertex u = d.relation_source(r), v = d.relation_target(r);
    if (!slice.has_relation(r) || u == v || !slice.has_actor(u) || !slice.has_actor(v)) continue;
    if (!directed && v < u) std::swap(u, v);
    pairs.emplace_back(u, v, r);
    if (directed && !d.relation_directed(r)) pairs.emplace_back(v, u, r);
  }
  std::sort(pairs.begin(), pairs.end());
  std::vector<LinkList> outs(d.actor_count()), ins(d.actor_count());
  for (std::size_t i = 0; i < pairs.size();) {
    const auto [u, v, r] = pairs[i];
    std::vector<RelationId> evidence;
    for (; i < pairs.size() && std::get<0>(pairs[i]) == u && std::get<1>(pairs[i]) == v; ++i) evidence.push_back(std::get<2>(pairs[i]));
    outs[u].emplace_back(v, evidence);
    (directed ? ins : outs)[v].emplace_back(u, evidence);
  }
  for (auto* lists : {&outs, &ins})
    for (auto& l : *lists) std::sort(l.begin(), l.end());
  if (!directed) ins = outs;
  return {outs, ins};
}

LinkList links_of(const Network& n, std::span<const Link> links) {
  LinkList out;
  for (const Link& l : links) out.emplace_back(l.other, std::vector<RelationId>(n.evidence(l.id).begin(), n.evidence(l.id).end()));
  return out;
}

}  // namespace

TEST_CASE("A network's links and evidence are the slice's relations merged per pair, on random data", "[analysis][network]") {
  // 40 actors, 900 relations: parallel relations, self-relations, directed and undirected ones.
  const std::string actors = actorgraph::test::numbered_actors_csv(40, 4);
  std::string relations = "id,source,target,type,start,end,directed\n";
  actorgraph::test::Lcg random(12345);
  const auto next = [&](std::uint32_t n) { return random.next(n); };
  const char* types[] = {"visit", "meeting", "cooperation", "funding"};
  const char* directed[] = {"", "true", "false"};
  for (int r = 0; r < 900; ++r)
    relations += "r" + std::to_string(r) + ",a" + std::to_string(next(40)) + ",a" + std::to_string(next(40)) + "," + types[next(4)] + "," +
                 std::to_string(2000 + next(10)) + ",," + directed[next(3)] + "\n";
  TempDataset dir({{"actors.csv", actors}, {"relations.csv", relations}});
  const Dataset d = load_dataset(dir.path());
  SliceOptions some, few;
  some.types = {"visit", "meeting"};
  some.kinds = {"state"};
  few.types = {"funding"};  // under a quarter of the relations: built from the slice's relations
  few.from = PartialDate::parse("2005");
  const Slice sparse(d, few);
  REQUIRE(sparse.relation_count() > 0);
  REQUIRE(sparse.relation_count() < d.relation_count() / 4);
  REQUIRE(Slice(d, some).relation_count() >= d.relation_count() / 4);  // built from the graph's arcs
  // On any number of threads: the vertices are cut into blocks and the lists into ranges by it.
  for (const Slice& slice : {Slice(d), Slice(d, some), sparse}) {
    for (const bool undirected : {false, true})
      for (const unsigned threads : {1u, 2u, 3u, 8u}) {
        INFO("slice " << slice.description() << ", undirected " << undirected << ", " << threads << " threads");
        const Network n(d, slice, {undirected, false, Merge::count, threads});
        const auto [outs, ins] = reference_links(d, slice, n.directed());
        CHECK(n.directed() == !undirected);  // some relation is directed
        for (Vertex v = 0; v < d.actor_count(); ++v) {
          REQUIRE(links_of(n, n.out_links(v)) == outs[v]);
          REQUIRE(links_of(n, n.in_links(v)) == ins[v]);
          for (const auto list : {n.out_links(v), n.in_links(v)})
            for (const Link& l : list) REQUIRE(l.weight == static_cast<double>(n.evidence(l.id).size()));  // Merge::count
        }
      }
  }
}
