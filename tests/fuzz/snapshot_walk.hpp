// Walks every accessor of a dataset, and of its networks, that follows stored offsets: shared by the
// snapshot fuzz target and the unit tests that change snapshot bytes (tests/unit/test_snapshot.cpp).
// Run under the sanitizers, a read out of bounds in a snapshot the checks let through fails them.
#pragma once

#include "actorgraph/analysis/network.hpp"
#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/graph.hpp"
#include "actorgraph/model/slice.hpp"

#include <boost/range/iterator_range.hpp>

namespace actorgraph::fuzz {

inline void walk(const Network& n) {
  for (Vertex v = 0; v < n.vertex_bound(); ++v) {
    (void)n.contains(v);
    (void)n.representative(v);
    for (const Link& l : n.out_links(v))
      for (const RelationId r : n.evidence(l.id)) (void)n.dataset().relation_source(r), (void)n.contains(l.other);
    for (const Link& l : n.in_links(v))
      for (const RelationId r : n.evidence(l.id)) (void)n.dataset().relation_target(r), (void)n.contains(l.other);
  }
}

inline void walk(const Dataset& d) {
  for (ActorId a = 0; a < d.actor_count(); ++a) {
    (void)d.actor_label(a);
    (void)d.actor_aliases(a);
    (void)d.find_actor(d.actor_id(a));
    (void)d.match_actor(d.actor_label(a));
    (void)d.kind_name(d.actor_kind(a));
  }
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    (void)d.relation_sources(r);
    (void)d.relation_disputes(r);
    (void)d.find_relation(d.relation_id(r));
    (void)d.types()[d.relation_type(r)];
    (void)d.relation_part_of(r);
    (void)relation_dates(d, r);
    (void)d.relation_attested(r).str();
  }
  for (SourceId s = 0; s < d.source_count(); ++s) (void)d.source_date(s).str();
  const CoreGraph& g = d.graph().bgl();
  for (CoreVertex v = 0; v < d.graph().vertex_count(); ++v) {
    for (const auto& e : boost::make_iterator_range(out_edges(v, g))) (void)d.relation_source(d.graph().relation(e)), (void)target(e, g);
    for (const auto& e : boost::make_iterator_range(in_edges(v, g))) (void)d.relation_target(d.graph().relation(e)), (void)source(e, g);
  }
  // The network build walks the stored graph arrays (Dataset::graph_arrays) on its own.
  for (const bool undirected : {false, true}) walk(Network(d, Slice(d), NetworkOptions{undirected, false, Merge::sum, 1}));
}

}  // namespace actorgraph::fuzz
