// Private: where a Dataset keeps its graph (Dataset::graph, model/dataset.hpp).
#pragma once

#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/graph.hpp"

#include <functional>
#include <memory>
#include <mutex>

namespace actorgraph {

// The graph, or what makes it on first use. The loader builds the graph with the dataset; a dataset
// read from a snapshot keeps the stored arrays where they lie in the mapping and copies them into
// BGL's vectors (compressed_sparse_row_graph owns std::vectors: it cannot view them) only when
// something asks for the graph. At L that is 170 MB of fresh memory (on the project's machine the
// first touch of fresh memory costs 0.5-1.5 s per GiB), which a command that never walks the graph
// (`types`, or a query on a stored network) does not spend.
//
// The graph's arrays (Dataset::graph_arrays) are there from the start, either the built graph's or
// the stored ones in the mapping, so that the network build (analysis/network.cpp), which reads
// them directly, never makes the graph: only the BGL algorithms on a slice (model/slice_graph.hpp)
// do. The stored arrays are held by `make`, which is kept after the graph is made, as `arrays` may
// still be read on other threads: views of the mapping, which cost no memory (a snapshot decoded
// from bytes, not mapped, holds copies, which stay too).
struct Dataset::GraphSlot {
  GraphSlot() : GraphSlot(Graph{}) {}
  explicit GraphSlot(Graph built) : graph(std::make_unique<const Graph>(std::move(built))), arrays(graph->arrays()) {}
  GraphSlot(GraphArrays stored, std::function<Graph()> later) : make(std::move(later)), arrays(stored) {}

  // The graph, made on the first call (on one thread; the others wait).
  const Graph& get() {
    std::call_once(once, [this] {
      if (!graph) graph = std::make_unique<const Graph>(make());
    });
    return *graph;
  }

  std::once_flag once;
  std::function<Graph()> make;  // what makes the graph and keeps `arrays` alive, when stored
  std::unique_ptr<const Graph> graph;
  const GraphArrays arrays;
};

}  // namespace actorgraph
