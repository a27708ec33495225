// The thread pool's helpers (src/detail/parallel.hpp).
#include "detail/parallel.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

using namespace actorgraph;

TEST_CASE("run_both runs both to their end and rethrows the first one's error, whichever fails sooner", "[parallel]") {
  for (const unsigned threads : {1u, 2u}) {
    INFO("threads " << threads);
    std::atomic<int> ended{0};
    // The second fails at once, the first after it: the first one's error still wins.
    const auto late_first = [&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      ++ended;
      throw std::runtime_error("first");
    };
    const auto early_second = [&] {
      ++ended;
      throw std::runtime_error("second");
    };
    CHECK_THROWS_WITH(detail::run_both(threads, late_first, early_second), "first");
    CHECK(ended == 2);
    // Only the second fails: its error.
    CHECK_THROWS_WITH(detail::run_both(
                          threads, [] {}, early_second),
                      "second");
    // Neither fails: both ran.
    int a = 0, b = 0;
    detail::run_both(
        threads, [&] { a = 1; }, [&] { b = 2; });
    CHECK(a + b == 3);
  }
}
