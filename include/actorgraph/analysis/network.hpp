// The network an analysis runs on: a simple weighted graph projected from a slice of a dataset.
//
// Datasets are multigraphs (several relations between two actors, of different types and dates);
// the field's standard measures are defined on simple graphs. A Network merges the slice's
// relations between each pair of actors into one link, whose weight follows a merge policy and which
// remembers the relations it merges (the evidence behind every path and score).
//
// Vertices are numbered 0..n-1 over the actors that take part (in actor order), so that algorithms
// work on dense arrays; actor(v) and vertex(a) convert. Conventions:
// - Direction: the network is directed when any relation in the slice is directed (unless
//   `undirected` is set). An undirected relation then gives links both ways, as in a networkx
//   DiGraph with both arcs. When every relation is undirected, the network is undirected (a networkx
//   Graph): each link is stored once per endpoint.
// - Parallel relations: merged (Merge::count: weight = number of relations; sum: sum of their
//   weights; max: the largest weight).
// - Self-relations are dropped: no standard measure uses loops.
// - Collapse: persons, agencies and units roll up to the actor they belong to through affiliation
//   relations (followed upwards until an actor with no affiliation); their relations count for that
//   actor, and relations that become internal are dropped. An actor with several parents goes to the
//   one with the latest start (ties: the lowest actor number).
#pragma once

#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/slice.hpp"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace actorgraph {

enum class Merge { count, sum, max };

struct NetworkOptions {
  bool undirected = false;  // ignore the direction of every relation
  bool collapse = false;    // roll actors up through affiliation relations
  Merge merge = Merge::count;
};

using Vertex = std::uint32_t;

struct Link {
  Vertex other;        // the head of an out-link, the tail of an in-link
  double weight;       // merged weight (see Merge)
  std::uint32_t id;    // link number, for evidence()
};

class Network {
 public:
  static constexpr Vertex none = std::numeric_limits<Vertex>::max();

  Network(const Dataset& dataset, const Slice& slice, const NetworkOptions& options = {});

  const Dataset& dataset() const noexcept { return *dataset_; }
  bool directed() const noexcept { return directed_; }
  std::size_t vertex_count() const noexcept { return actors_.size(); }
  // Links: arcs when directed, edges when undirected.
  std::size_t link_count() const noexcept { return evidence_offsets_.size() - 1; }

  ActorId actor(Vertex v) const noexcept { return actors_[v]; }
  // The vertex of an actor, or none when the actor is outside the slice or collapsed into another.
  Vertex vertex(ActorId a) const noexcept { return vertex_of_[a]; }
  // With collapse: the actor `a` rolls up to (itself when it has no affiliation).
  ActorId representative(ActorId a) const noexcept { return representative_[a]; }

  // Out-links and in-links, sorted by neighbour. Undirected: both are the incident edges.
  std::span<const Link> out_links(Vertex v) const noexcept {
    return {out_.data() + out_offsets_[v], out_offsets_[v + 1] - out_offsets_[v]};
  }
  std::span<const Link> in_links(Vertex v) const noexcept {
    return {in_.data() + in_offsets_[v], in_offsets_[v + 1] - in_offsets_[v]};
  }
  // The relations a link merges, in relation order.
  std::span<const RelationId> evidence(std::uint32_t link) const noexcept {
    return {evidence_.data() + evidence_offsets_[link], evidence_offsets_[link + 1] - evidence_offsets_[link]};
  }

 private:
  const Dataset* dataset_;
  bool directed_ = false;
  std::vector<ActorId> actors_;
  std::vector<Vertex> vertex_of_;
  std::vector<ActorId> representative_;
  std::vector<std::uint32_t> out_offsets_, in_offsets_;
  std::vector<Link> out_, in_;
  std::vector<std::uint32_t> evidence_offsets_;
  std::vector<RelationId> evidence_;
};

}  // namespace actorgraph
