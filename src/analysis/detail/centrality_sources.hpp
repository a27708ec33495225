// Private: runs a per-source computation (one BFS or Dijkstra per source vertex) on several threads
// and adds up what each source contributes, with results that do not depend on the thread count.
//
// Floating-point addition is not associative, so per-thread partial sums would change in the last
// bits with the number of threads. Instead the sources are cut into blocks that depend only on the
// number of sources; a thread computes a block into its own buffer, then adds the buffer to the total
// strictly in block order. With one thread or many, the total is
// ((block 0) + block 1) + block 2 ..., bit for bit.
#pragma once

#include "actorgraph/analysis/centrality.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <span>
#include <system_error>
#include <thread>
#include <vector>

namespace actorgraph::detail {

// Per-vertex sums: `arrays` arrays of n doubles.
using Sums = std::vector<std::vector<double>>;

inline unsigned worker_threads(unsigned requested) {
  if (requested != 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}

// Calls make_worker() once per thread; the worker it returns is called as worker(source, sums) for
// each source of the thread's blocks and adds that source's contributions to `sums` (zeroed before
// each block). Returns the sums over all sources. `progress` gets (sources done, total), at most
// about 100 times, never concurrently, possibly from a worker thread.
template <class MakeWorker>
Sums sum_over_sources(std::size_t n, std::size_t arrays, std::span<const Vertex> sources, unsigned threads,
                      const Progress& progress, MakeWorker make_worker) {
  constexpr std::size_t max_blocks = 256;
  const std::size_t total = sources.size();
  const std::size_t blocks = std::min(total, max_blocks);
  const auto block_begin = [&](std::size_t b) { return b * total / blocks; };

  Sums result(arrays, std::vector<double>(n, 0.0));
  if (blocks == 0) return result;

  std::mutex mutex;
  std::condition_variable merged_cv;
  std::size_t merged = 0;     // blocks added to `result` so far
  std::size_t next = 0;       // next block to hand out (under mutex)
  bool failed = false;
  std::exception_ptr error;
  long shown = -1;

  auto body = [&] {
    try {
      auto worker = make_worker();
      Sums partial(arrays, std::vector<double>(n, 0.0));
      for (;;) {
        std::size_t b;
        {
          std::lock_guard lock(mutex);
          if (failed || next == blocks) return;
          b = next++;
        }
        for (std::size_t i = block_begin(b); i < block_begin(b + 1); ++i) worker(sources[i], partial);
        std::unique_lock lock(mutex);
        merged_cv.wait(lock, [&] { return merged == b || failed; });
        if (failed) return;
        for (std::size_t a = 0; a < arrays; ++a) {
          auto& to = result[a];
          auto& from = partial[a];
          for (std::size_t v = 0; v < n; ++v) to[v] += from[v];
          std::fill(from.begin(), from.end(), 0.0);
        }
        ++merged;
        const std::size_t done = block_begin(merged);
        const long percent = static_cast<long>(100 * done / total);
        if (progress && percent != shown) {
          shown = percent;
          progress(done, total);
        }
        merged_cv.notify_all();
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failed) error = std::current_exception();
      failed = true;
      merged_cv.notify_all();
    }
  };

  const unsigned count = static_cast<unsigned>(std::min<std::size_t>(worker_threads(threads), blocks));
  if (count <= 1) {
    body();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(count);
    // When the system refuses more threads, the ones already running do all the blocks.
    try {
      for (unsigned t = 0; t < count; ++t) pool.emplace_back(body);
    } catch (const std::system_error&) {
      if (pool.empty()) body();
    }
    for (auto& t : pool) t.join();
  }
  if (error) std::rethrow_exception(error);
  return result;
}

}  // namespace actorgraph::detail
