#include "actorgraph/analysis/components.hpp"
#include "actorgraph/analysis/stats.hpp"
#include "actorgraph/io/dataset_reader.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace actorgraph;
using actorgraph::test::TempDataset;

//   a -> b -> c -> a   (a directed cycle: one strong component)
//   c -> d             (d: a strong component of its own)
//   e -- f             (undirected: e and f reach each other)
//   g                  (isolated)
//   a -> b again       (parallel relation)
static const char* kActors = "id,label,kind\na,A,state\nb,B,state\nc,C,person\nd,D,state\ne,E,state\nf,F,state\ng,G,state\n";
static const char* kRelations =
    "id,source,target,type,start,end\n"
    "r1,a,b,visit,2001,\nr2,b,c,visit,2002,\nr3,c,a,visit,2003,\nr4,c,d,visit,2004,\n"
    "r5,e,f,meeting,,\nr6,a,b,funding,1999,2008\n";

TEST_CASE("Strong components of a 50,000-actor chain and cycle: no recursion limit", "[analysis][components]") {
  // a0 -> a1 -> ... -> a49999: every actor its own strong component, one weak component; closing
  // the chain (a49999 -> a0) makes one strong component. BGL's depth-first search has no recursion.
  const int n = 50000;
  std::string actors = "id,label,kind\n", relations = "id,source,target,type\n";
  for (int i = 0; i < n; ++i) actors += "a" + std::to_string(i) + ",,state\n";
  for (int i = 0; i + 1 < n; ++i) relations += "r" + std::to_string(i) + ",a" + std::to_string(i) + ",a" + std::to_string(i + 1) + ",visit\n";
  TempDataset chain({{"actors.csv", actors}, {"relations.csv", relations}});
  const Dataset d = load_dataset(chain.path());
  CHECK(strong_components(d, Slice(d)).count() == static_cast<std::size_t>(n));
  CHECK(weak_components(d, Slice(d)).count() == 1);
  TempDataset cycle({{"actors.csv", actors}, {"relations.csv", relations + "back,a" + std::to_string(n - 1) + ",a0,visit\n"}});
  const Dataset c = load_dataset(cycle.path());
  const Components strong = strong_components(c, Slice(c));
  CHECK(strong.count() == 1);
  CHECK(strong.largest() == static_cast<std::size_t>(n));
}

TEST_CASE("Weak and strong components, numbered by their first actor", "[analysis][components]") {
  TempDataset t({{"actors.csv", kActors}, {"relations.csv", kRelations}});
  const Dataset d = load_dataset(t.path());
  const Slice all(d);
  const Components weak = weak_components(d, all);
  CHECK(weak.component == std::vector<std::uint32_t>{0, 0, 0, 0, 1, 1, 2});
  CHECK(weak.sizes == std::vector<std::size_t>{4, 2, 1});
  CHECK(weak.largest() == 4);
  const Components strong = strong_components(d, all);
  CHECK(strong.component == std::vector<std::uint32_t>{0, 0, 0, 1, 2, 2, 3});
  CHECK(strong.count() == 4);

  SliceOptions o;
  o.kinds = {"state"};
  const Components states = weak_components(d, Slice(d, o));
  CHECK(states.component[2] == Components::none);
  CHECK(states.count() == 4);  // {a, b}, {d}, {e, f}, {g}
}

TEST_CASE("Weak components of random slices are those a breadth-first search finds", "[analysis][components]") {
  // 300 actors, 400 relations of both directions (self-relations among them) in three slices: the
  // components of a search over the slice's relations both ways, numbered by their first actor.
  test::Lcg random(99);
  std::string relations = "id,source,target,type\n";
  const char* types[] = {"visit", "meeting", "membership"};
  for (int r = 0; r < 400; ++r)
    relations += "r" + std::to_string(r) + ",a" + std::to_string(random.next(300)) + ",a" + std::to_string(random.next(300)) + "," +
                 types[random.next(3)] + "\n";
  TempDataset t({{"actors.csv", test::numbered_actors_csv(300, 3)}, {"relations.csv", relations}});
  const Dataset d = load_dataset(t.path());
  SliceOptions whole, meetings, states;
  meetings.types = {"meeting", "membership"};
  states.kinds = {"state"};
  for (const SliceOptions& o : {whole, meetings, states}) {
    const Slice slice(d, o);
    INFO(slice.description());
    std::vector<std::vector<ActorId>> adjacent(d.actor_count());
    for (RelationId r = 0; r < d.relation_count(); ++r)
      if (slice.has_relation(r)) {
        adjacent[d.relation_source(r)].push_back(d.relation_target(r));
        adjacent[d.relation_target(r)].push_back(d.relation_source(r));
      }
    std::vector<std::uint32_t> want(d.actor_count(), Components::none);
    std::uint32_t count = 0;
    for (ActorId a = 0; a < d.actor_count(); ++a) {
      if (!slice.has_actor(a) || want[a] != Components::none) continue;
      std::vector<ActorId> queue{a};
      want[a] = count;
      for (std::size_t i = 0; i < queue.size(); ++i)
        for (const ActorId b : adjacent[queue[i]])
          if (want[b] == Components::none) {
            want[b] = count;
            queue.push_back(b);
          }
      ++count;
    }
    const Components weak = weak_components(d, slice);
    CHECK(weak.component == want);
    CHECK(weak.count() == count);
    CHECK(count > 10);
  }
}

TEST_CASE("Stats count kinds, types, dates, pairs and density", "[analysis][stats]") {
  TempDataset t({{"actors.csv", kActors}, {"relations.csv", kRelations}});
  const Dataset d = load_dataset(t.path());
  const Stats s = compute_stats(d, Slice(d));
  CHECK(s.actors == 7);
  CHECK(s.relations == 6);
  CHECK(s.directed_relations == 5);
  CHECK(s.undated_relations == 1);
  CHECK(s.actors_by_kind == std::vector<std::pair<std::string, std::size_t>>{{"state", 6}, {"person", 1}});
  CHECK(s.relations_by_type == std::vector<std::pair<std::string, std::size_t>>{{"visit", 4}, {"funding", 1}, {"meeting", 1}});
  CHECK(s.earliest->str() == "1999");
  CHECK(s.latest->str() == "2008");
  CHECK(s.linked_pairs == 5);  // a-b (twice), b-c, c-a, c-d, e-f
  CHECK(s.density == Approx(2.0 * 5 / (7 * 6)).epsilon(1e-15));
  CHECK(s.weak_components == 3);
  CHECK(s.largest_weak_component == 4);
  CHECK(s.strong_components == 4);
  CHECK(s.isolated_actors == 1);
}

TEST_CASE("Stats of a slice see only the slice", "[analysis][stats]") {
  TempDataset t({{"actors.csv", kActors}, {"relations.csv", kRelations}});
  const Dataset d = load_dataset(t.path());
  SliceOptions o;
  o.at = *PartialDate::parse("2002");
  const Stats s = compute_stats(d, Slice(d, o));
  CHECK(s.relations == 2);  // r2 (a 2002 visit) and r6 (funding 1999..2008); the 2001 visit is over
  CHECK(s.undated_relations == 0);  // r5 is left out of a date slice, not counted as undated in it
  CHECK(s.linked_pairs == 2);
  CHECK(s.isolated_actors == 4);  // d, e, f, g
  CHECK(s.weak_components == 5);
}
