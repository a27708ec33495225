// The network an analysis runs on: a simple weighted graph projected from a slice of a dataset.
//
// Datasets are multigraphs (several relations between two actors, of different types and dates);
// the field's standard measures are defined on simple graphs. A Network merges the slice's
// relations between each pair of actors into one link, whose weight follows a merge policy and which
// remembers the relations it merges (the evidence behind every path and score).
//
// Vertices are actor numbers: vertex a is actor a of the dataset, in every slice and every network
// of the same dataset, so that results of two slices or two options compare directly (a slice is a
// mask, never a renumbering). The network's vertices are the actors that take part (vertices(),
// vertex_count() of them: the n of every formula); arrays indexed by vertex have vertex_bound() =
// the dataset's actor count entries, as BGL's filtered_graph keeps num_vertices of the graph it
// filters. Conventions:
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

#include "actorgraph/model/column.hpp"
#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/slice.hpp"

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace actorgraph {

enum class Merge { count, sum, max };

struct NetworkOptions {
  bool undirected = false;  // ignore the direction of every relation
  bool collapse = false;    // roll actors up through affiliation relations
  Merge merge = Merge::count;
  // Threads that build the network (0: one per core). The network is the same on any number.
  unsigned threads = 0;
};

// A vertex of a Network: an actor number (ActorId).
using Vertex = ActorId;

// 16 bytes, the weight first: an out-list and an in-list hold every link, so at ten million links
// the lists take 320 MB (24-byte links, with the padding a leading 4-byte field forces, took 480).
struct Link {
  double weight;       // merged weight (see Merge)
  Vertex other;        // the head of an out-link, the tail of an in-link
  std::uint32_t id;    // link number, for evidence()
};
static_assert(sizeof(Link) == 16);

namespace detail {
class SnapshotCodec;
}

class Network {
 public:
  static constexpr Vertex none = std::numeric_limits<Vertex>::max();

  Network(const Dataset& dataset, const Slice& slice, const NetworkOptions& options = {});

  const Dataset& dataset() const noexcept { return *dataset_; }
  bool directed() const noexcept { return directed_; }
  // The vertices, in actor order, and their number (the n of the measures' formulas).
  std::span<const Vertex> vertices() const noexcept { return vertices_; }
  std::size_t vertex_count() const noexcept { return vertices_.size(); }
  // One more than the largest possible vertex: the dataset's actor count. Arrays indexed by vertex
  // have this size.
  std::size_t vertex_bound() const noexcept { return member_.size(); }
  // Whether actor `v` is a vertex: false when it is outside the slice or collapsed into another.
  bool contains(Vertex v) const noexcept { return v < member_.size() && member_[v] != 0; }
  // Links: arcs when directed, edges when undirected.
  std::size_t link_count() const noexcept { return evidence_offsets_.size() - 1; }

  // With collapse: the actor `a` rolls up to (itself when it has no affiliation).
  ActorId representative(ActorId a) const noexcept { return representative_[a]; }

  // Out-links and in-links, sorted by neighbour. Undirected: both are the incident edges. Empty for
  // an actor that is not a vertex.
  std::span<const Link> out_links(Vertex v) const noexcept {
    return {out_.data() + out_offsets_[v], out_offsets_[v + 1] - out_offsets_[v]};
  }
  std::span<const Link> in_links(Vertex v) const noexcept {
    if (!directed_) return out_links(v);  // undirected: one list of incident edges, not a copy
    return {in_.data() + in_offsets_[v], in_offsets_[v + 1] - in_offsets_[v]};
  }
  // The relations a link merges, in relation order.
  std::span<const RelationId> evidence(std::uint32_t link) const noexcept {
    return {evidence_.data() + evidence_offsets_[link], evidence_offsets_[link + 1] - evidence_offsets_[link]};
  }

 private:
  friend class detail::SnapshotCodec;  // stores and restores the members (io/snapshot.hpp)
  Network() = default;

  const Dataset* dataset_ = nullptr;
  bool directed_ = false;
  std::vector<Vertex> vertices_;
  std::vector<std::uint8_t> member_;
  std::vector<ActorId> representative_;
  std::vector<std::uint32_t> out_offsets_, in_offsets_;  // in_offsets_ and in_ empty when undirected
  // Columns, not vectors: filled on the threads in place, with no zeroing first (network.cpp).
  Column<Link> out_, in_;
  Column<std::uint32_t> evidence_offsets_;
  Column<RelationId> evidence_;
};

// An actor named by a user (id, label or alias: Dataset::resolve_actor) as a vertex of `network`;
// UsageError when it is unknown, outside the slice, or collapsed into another actor (naming it).
Vertex network_vertex(const Network& network, const std::string& name);

}  // namespace actorgraph
