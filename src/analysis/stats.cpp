#include "actorgraph/analysis/stats.hpp"

#include "actorgraph/analysis/components.hpp"
#include "actorgraph/model/slice_graph.hpp"

#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <map>

namespace actorgraph {

namespace {

std::vector<std::pair<std::string, std::size_t>> by_count(const std::map<std::string, std::size_t>& counts) {
  std::vector<std::pair<std::string, std::size_t>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace

Stats compute_stats(const Dataset& d, const Slice& slice) {
  Stats s;
  s.actors = slice.actor_count();
  s.relations = slice.relation_count();
  s.sources_total = d.source_count();

  std::map<std::string, std::size_t> kinds, types;
  for (ActorId a = 0; a < d.actor_count(); ++a)
    if (slice.has_actor(a)) ++kinds[d.kind_name(d.actor_kind(a))];
  std::vector<std::uint8_t> cited(d.source_count(), 0);
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    if (!slice.has_relation(r)) continue;
    ++types[d.types()[d.relation_type(r)].id];
    if (d.relation_directed(r)) ++s.directed_relations;
    if (d.relation_source(r) == d.relation_target(r)) ++s.self_relations;
    for (SourceId src : d.relation_sources(r)) cited[src] = 1;
    const auto& start = d.relation_start(r);
    if (start.empty()) {
      ++s.undated_relations;
      continue;
    }
    if (!s.earliest || start < *s.earliest) s.earliest = start;
    const auto& end = d.relation_end(r);
    const PartialDate& last = end.empty() ? start : end;
    if (!s.latest || s.latest->last_day() < last.last_day()) s.latest = last;
    if (d.relation_extent(r).last == Extent::open) ++s.ongoing_relations;
  }
  s.actors_by_kind = by_count(kinds);
  s.relations_by_type = by_count(types);
  s.sources_cited = static_cast<std::size_t>(std::count(cited.begin(), cited.end(), 1));

  // Linked pairs: each actor's distinct neighbours (either direction) of higher number.
  const SliceGraph g = slice_graph(d, slice);
  std::vector<ActorId> seen(d.actor_count(), static_cast<ActorId>(-1));
  auto visit = [&](ActorId a, ActorId other, bool& linked) {
    if (other == a) return;
    linked = true;
    if (other > a && seen[other] != a) {
      seen[other] = a;
      ++s.linked_pairs;
    }
  };
  for (ActorId a = 0; a < d.actor_count(); ++a) {
    if (!slice.has_actor(a)) continue;
    bool linked = false;
    for (const auto& arc : boost::make_iterator_range(out_edges(a, g))) visit(a, static_cast<ActorId>(target(arc, g)), linked);
    for (const auto& arc : boost::make_iterator_range(in_edges(a, g))) visit(a, static_cast<ActorId>(source(arc, g)), linked);
    if (!linked) ++s.isolated_actors;
  }
  const double n = static_cast<double>(s.actors);
  s.density = s.actors < 2 ? 0.0 : 2.0 * static_cast<double>(s.linked_pairs) / (n * (n - 1));

  const Components weak = weak_components(d, slice);
  s.weak_components = weak.count();
  s.largest_weak_component = weak.largest();
  s.strong_components = strong_components(d, slice).count();
  return s;
}

}  // namespace actorgraph
