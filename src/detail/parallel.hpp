// Private: the one thread pool of the library, for the analyses and the loader. Work items (source
// vertices: one BFS or Dijkstra each; chunks of a file; rows of a table) are cut into blocks that
// depend only on their number, never on the thread count; each thread works on a block with its
// own state, then merges that state into the result under a lock strictly in block order. With one thread or many, the result is merged as
// ((block 0) + block 1) + block 2 ..., so floating-point sums come out bit for bit the same
// (addition is not associative: per-thread partial sums would change the last bits).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace actorgraph::detail {

// `requested`, or one thread per core when 0.
inline unsigned worker_threads(unsigned requested) {
  if (requested != 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}

// Runs items 0..total-1 in at most max_blocks blocks on `threads` threads (0: one per core). Each
// thread makes its state with make_state(), calls work(begin, end, state) for each block it takes, then
// merge(state) in block order (merge must leave the state ready for the next block). `progress`
// gets (items done, total) when the percentage changes, never concurrently, possibly from a worker
// thread. The first exception thrown by any call stops the work and is rethrown here.
template <class MakeState, class Work, class Merge>
void run_blocks(std::size_t total, unsigned threads, const std::function<void(std::size_t, std::size_t)>& progress, MakeState make_state,
                Work work, Merge merge, std::size_t max_blocks = 256) {
  const std::size_t blocks = std::min(total, max_blocks);
  if (blocks == 0) return;
  const auto block_begin = [&](std::size_t b) { return b * total / blocks; };

  std::mutex mutex;
  std::condition_variable merged_cv;
  std::size_t merged = 0;  // blocks merged so far
  std::size_t next = 0;    // next block to hand out (under mutex)
  bool failed = false;
  std::exception_ptr error;
  long shown = -1;

  auto body = [&] {
    try {
      auto state = make_state();
      for (;;) {
        std::size_t b;
        {
          std::lock_guard lock(mutex);
          if (failed || next == blocks) return;
          b = next++;
        }
        work(block_begin(b), block_begin(b + 1), state);
        std::unique_lock lock(mutex);
        merged_cv.wait(lock, [&] { return merged == b || failed; });
        if (failed) return;
        merge(state);
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
}

// Runs first() and second() at once, on two threads, when `threads` allows more than one (0: one per
// core), else one after the other. Both run to their end; then first()'s exception is rethrown if
// it threw, else second()'s, so that when both fail the error is the same whatever the timing (a
// snapshot's refusal reason, for one). For two pieces of work that write nothing the other reads.
template <class First, class Second>
void run_both(unsigned threads, First first, Second second) {
  std::exception_ptr errors[2];
  run_blocks(
      2, threads, {}, [] { return 0; },
      [&](std::size_t job, std::size_t, int&) {
        try {
          if (job == 0)
            first();
          else
            second();
        } catch (...) {
          errors[job] = std::current_exception();
        }
      },
      [](int&) {}, 2);
  for (const std::exception_ptr& error : errors)
    if (error) std::rethrow_exception(error);
}

// Sorts [first, last) as std::sort does, in parts sorted on `threads` threads (0: one per core) and
// then merged. For a strict total order (no two elements equivalent: e.g. ties broken by an index),
// the result is the same as std::sort's, whatever the number of threads. Short ranges are sorted
// on the calling thread. Merging takes a buffer of up to half the range.
template <class It, class Less = std::less<>>
void sort_on_threads(It first, It last, unsigned threads, Less less = {}) {
  constexpr std::size_t min_part = 1 << 16;
  const auto n = static_cast<std::size_t>(last - first);
  const std::size_t parts = std::min<std::size_t>({worker_threads(threads), n / min_part, 8});
  if (parts <= 1) {
    std::sort(first, last, less);
    return;
  }
  const auto at = [&](std::size_t part) { return first + static_cast<std::ptrdiff_t>(part * n / parts); };
  run_blocks(
      parts, threads, {}, [] { return 0; }, [&](std::size_t part, std::size_t, int&) { std::sort(at(part), at(part + 1), less); },
      [](int&) {}, parts);
  for (std::size_t width = 1; width < parts; width *= 2)
    for (std::size_t part = 0; part + width < parts; part += 2 * width)
      std::inplace_merge(at(part), at(part + width), at(std::min(part + 2 * width, parts)), less);
}

}  // namespace actorgraph::detail
