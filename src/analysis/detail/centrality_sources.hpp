// Private: runs a per-source computation (one BFS or Dijkstra per source vertex) on the analyses'
// thread pool (parallel.hpp) and adds up what each source contributes, with results that do not
// depend on the thread count: a thread computes a block of sources into its own buffer, then adds
// the buffer to the total strictly in block order.
#pragma once

#include "actorgraph/analysis/centrality.hpp"
#include "detail/parallel.hpp"

#include <algorithm>
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace actorgraph::detail {

// Per-vertex sums: `arrays` arrays of n doubles.
using Sums = std::vector<std::vector<double>>;

// Calls make_worker() once per thread; the worker it returns is called as worker(source, sums) for
// each source of the thread's blocks and adds that source's contributions to `sums` (zeroed before
// each block). Returns the sums over all sources. `progress` as in run_blocks.
template <class MakeWorker>
Sums sum_over_sources(std::size_t n, std::size_t arrays, std::span<const Vertex> sources, unsigned threads,
                      const Progress& progress, MakeWorker make_worker) {
  Sums result(arrays, std::vector<double>(n, 0.0));
  run_blocks(
      sources.size(), threads, progress, [&] { return std::make_pair(make_worker(), Sums(arrays, std::vector<double>(n, 0.0))); },
      [&](std::size_t begin, std::size_t end, auto& state) {
        for (std::size_t i = begin; i < end; ++i) state.first(sources[i], state.second);
      },
      [&](auto& state) {
        for (std::size_t a = 0; a < arrays; ++a) {
          auto& to = result[a];
          auto& from = state.second[a];
          for (std::size_t v = 0; v < n; ++v) to[v] += from[v];
          std::fill(from.begin(), from.end(), 0.0);
        }
      });
  return result;
}

}  // namespace actorgraph::detail
