// A slice of the graph core as a Boost.Graph view: a `boost::filtered_graph` over the dataset's
// graph (model/graph.hpp) that keeps the slice's actors and relations. Vertex numbers stay actor
// numbers, so results of different slices compare position by position; an algorithm that sizes a
// property map by num_vertices() gets one entry per actor of the dataset, and entries of actors
// outside the slice are left as it initialised them.
#pragma once

#include "actorgraph/model/graph.hpp"
#include "actorgraph/model/slice.hpp"

#include <boost/graph/filtered_graph.hpp>

namespace actorgraph {

struct RelationInSlice {
  const CoreGraph* graph = nullptr;
  const Slice* slice = nullptr;
  bool operator()(const CoreArc& arc) const { return slice->has_relation((*graph)[arc].relation); }
};

struct ActorInSlice {
  const Slice* slice = nullptr;
  bool operator()(CoreVertex v) const { return slice->has_actor(static_cast<ActorId>(v)); }
};

using SliceGraph = boost::filtered_graph<CoreGraph, RelationInSlice, ActorInSlice>;

// The view of `slice` over `dataset`'s graph; both must outlive it.
inline SliceGraph slice_graph(const Dataset& dataset, const Slice& slice) {
  const CoreGraph& g = dataset.graph().bgl();
  return SliceGraph(g, RelationInSlice{&g, &slice}, ActorInSlice{&slice});
}

}  // namespace actorgraph
