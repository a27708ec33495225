// The graph core: an immutable, integer-indexed directed multigraph in compressed sparse row form.
//
// Vertices are actor numbers, and every relation is an edge. A directed relation u -> v gives one
// arc u -> v; an undirected relation gives two arcs, u -> v and v -> u, so that it can be followed
// both ways; a self-relation gives one arc. Each arc remembers its relation, so analyses read types,
// dates and weights from the dataset's columns by relation number. Out-arcs and in-arcs are both
// stored (two CSR arrays), each vertex's arcs sorted by (neighbour, relation).
//
// Memory: 8 bytes per arc in each direction plus 4 bytes per vertex and direction; a million
// directed relations take 16 MB.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace actorgraph {

struct Arc {
  std::uint32_t other;     // the head of an out-arc, the tail of an in-arc
  std::uint32_t relation;  // the relation this arc comes from
};

class Graph {
 public:
  Graph() = default;

  // `source`, `target` and `directed` are indexed by relation; vertices are 0..vertex_count-1.
  // Throws Error when the arcs do not fit 32-bit indices.
  static Graph build(std::size_t vertex_count, std::span<const std::uint32_t> source,
                     std::span<const std::uint32_t> target, std::span<const std::uint8_t> directed);

  std::size_t vertex_count() const noexcept { return out_offsets_.empty() ? 0 : out_offsets_.size() - 1; }
  std::size_t arc_count() const noexcept { return out_arcs_.size(); }

  std::span<const Arc> out_arcs(std::uint32_t v) const noexcept {
    return {out_arcs_.data() + out_offsets_[v], out_offsets_[v + 1] - out_offsets_[v]};
  }
  std::span<const Arc> in_arcs(std::uint32_t v) const noexcept {
    return {in_arcs_.data() + in_offsets_[v], in_offsets_[v + 1] - in_offsets_[v]};
  }

 private:
  std::vector<std::uint32_t> out_offsets_, in_offsets_;
  std::vector<Arc> out_arcs_, in_arcs_;
};

}  // namespace actorgraph
