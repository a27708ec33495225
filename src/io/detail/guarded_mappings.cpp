#include "io/detail/guarded_mappings.hpp"

#include "io/detail/signal_exit.hpp"

#include <array>
#include <atomic>
#include <climits>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <mutex>

#include <unistd.h>

namespace actorgraph::detail {

namespace {

// A fixed table that the handler reads without allocating or locking: a slot's range and path are
// written before `used` is set, and `used` is cleared before the slot is written again.
struct Guard {
  std::uintptr_t begin = 0, end = 0;
  std::array<char, PATH_MAX> path{};
  std::atomic<bool> used{false};
};
std::array<Guard, 32> guards;
std::mutex registering;  // registrations only; never taken by the handler
struct sigaction previous_action {};

extern "C" void on_bus_error(int signal, siginfo_t* info, void* context) {
  const auto at = reinterpret_cast<std::uintptr_t>(info->si_addr);
  for (const Guard& g : guards)
    if (g.used.load(std::memory_order_acquire) && at >= g.begin && at < g.end) {
      remove_temporaries_now();
      write_to_stderr_now("actorgraph: error: ");
      write_to_stderr_now(g.path.data());
      write_to_stderr_now(
          ": the snapshot was truncated by another program while this command read it; run the command again (it reads the "
          "dataset's files and writes the snapshot anew)\n");
      ::_exit(1);
    }
  // Not a guarded mapping: whatever would have happened without this handler.
  ::sigaction(SIGBUS, &previous_action, nullptr);
  if (previous_action.sa_flags & SA_SIGINFO) return previous_action.sa_sigaction(signal, info, context);
  if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN) return previous_action.sa_handler(signal);
  // The default action: the signal is blocked while this handler runs, so it ends the process as
  // soon as the handler returns (a fault would also recur when the access is executed again).
  ::raise(signal);
}

// Installs the handler unless it is in place, chaining to what was there. Checked at every
// registration, since a host program may have set its own handler since the last one.
bool install_handler() {
  struct sigaction current {};
  if (::sigaction(SIGBUS, nullptr, &current) != 0) return false;
  if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == on_bus_error) return true;
  struct sigaction action {};
  action.sa_sigaction = on_bus_error;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  previous_action = current;
  return ::sigaction(SIGBUS, &action, nullptr) == 0;
}

}  // namespace

int register_mapping(const void* begin, std::size_t bytes, const std::string& path) noexcept {
  if (path.size() >= PATH_MAX) return -1;
  const std::lock_guard lock(registering);
  if (!install_handler()) return -1;
  for (std::size_t i = 0; i < guards.size(); ++i) {
    Guard& g = guards[i];
    if (g.used.load(std::memory_order_relaxed)) continue;
    g.begin = reinterpret_cast<std::uintptr_t>(begin);
    g.end = g.begin + bytes;
    std::memcpy(g.path.data(), path.c_str(), path.size() + 1);
    g.used.store(true, std::memory_order_release);
    return static_cast<int>(i);
  }
  return -1;
}

void unregister_mapping(int slot) noexcept {
  if (slot >= 0) guards[static_cast<std::size_t>(slot)].used.store(false, std::memory_order_release);
}

}  // namespace actorgraph::detail
