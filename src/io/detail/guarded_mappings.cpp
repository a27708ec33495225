#include "io/detail/guarded_mappings.hpp"

#include "actorgraph/io/text_file.hpp"
#include "io/detail/signal_exit.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string_view>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace actorgraph {

namespace {

// A fixed table that the handler reads without allocating or locking: a slot's range and path are
// written before `used` is set, and `used` is cleared before the slot is written again.
struct Guard {
  std::uintptr_t begin = 0, end = 0;
  std::array<char, PATH_MAX> path{};
  detail::MappedFile kind = detail::MappedFile::snapshot;
  std::atomic<bool> used{false};
};
std::array<Guard, 32> guards;
std::mutex registering;  // registrations only; never taken by the handler
struct sigaction previous_action {};
std::atomic_flag exiting = ATOMIC_FLAG_INIT;

constexpr std::string_view message_start = "actorgraph: error: ",
                           snapshot_end =
                               ": the snapshot was truncated by another program while this command read it; run the command again "
                               "(it reads the dataset's files and writes the snapshot anew)\n",
                           input_end = ": the file was truncated by another program while this command read it; run the command again\n";

// Ends the process for a fault in guarded mapping `g`: one thread only (several may fault at once,
// after one truncation), the message written whole, in one write.
[[noreturn]] void exit_for(const Guard& g) {
  if (exiting.test_and_set()) {
    for (;;) ::pause();  // another thread is on its way out
  }
  detail::remove_temporaries_now();
  const std::string_view end = g.kind == detail::MappedFile::snapshot ? snapshot_end : input_end;
  std::array<char, message_start.size() + PATH_MAX + std::max(snapshot_end.size(), input_end.size())> line{};
  char* at = std::copy(message_start.begin(), message_start.end(), line.data());
  at = std::copy(g.path.data(), g.path.data() + ::strnlen(g.path.data(), PATH_MAX), at);
  at = std::copy(end.begin(), end.end(), at);
  detail::write_to_stderr_now({line.data(), static_cast<std::size_t>(at - line.data())});
  ::_exit(1);
}

extern "C" void on_bus_error(int signal, siginfo_t* info, void* context) {
  // Only a fault has an address (si_code > 0); a SIGBUS sent by kill or raise carries a process id there.
  if (info != nullptr && info->si_code > 0) {
    const auto at = reinterpret_cast<std::uintptr_t>(info->si_addr);
    for (const Guard& g : guards)
      if (g.used.load(std::memory_order_acquire) && at >= g.begin && at < g.end) exit_for(g);
  }
  // Not a guarded mapping: whatever would have happened without this handler.
  const int saved = errno;
  ::sigaction(SIGBUS, &previous_action, nullptr);
  errno = saved;
  if (previous_action.sa_flags & SA_SIGINFO) return previous_action.sa_sigaction(signal, info, context);
  if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN) return previous_action.sa_handler(signal);
  // The default action: the signal is blocked while this handler runs, so it ends the process as
  // soon as the handler returns (a fault would also recur when the access is executed again).
  ::raise(signal);
}

}  // namespace

void exit_on_truncated_mapping() {
  const std::lock_guard lock(registering);
  struct sigaction current {};
  if (::sigaction(SIGBUS, nullptr, &current) != 0) return;
  if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == on_bus_error) return;
  struct sigaction action {};
  action.sa_sigaction = on_bus_error;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  previous_action = current;
  ::sigaction(SIGBUS, &action, nullptr);
}

namespace detail {

int register_mapping(const void* begin, std::size_t bytes, const std::string& path, MappedFile kind) noexcept {
  if (path.size() >= PATH_MAX) return -1;
  const std::lock_guard lock(registering);
  for (std::size_t i = 0; i < guards.size(); ++i) {
    Guard& g = guards[i];
    if (g.used.load(std::memory_order_relaxed)) continue;
    g.begin = reinterpret_cast<std::uintptr_t>(begin);
    g.end = g.begin + bytes;
    std::memcpy(g.path.data(), path.c_str(), path.size() + 1);
    g.kind = kind;
    g.used.store(true, std::memory_order_release);
    return static_cast<int>(i);
  }
  return -1;
}

bool mapping_faults_handled() noexcept {
  struct sigaction current {};
  return ::sigaction(SIGBUS, nullptr, &current) == 0 && (current.sa_flags & SA_SIGINFO) && current.sa_sigaction == on_bus_error;
}

void unregister_mapping(int slot) noexcept {
  if (slot >= 0) guards[static_cast<std::size_t>(slot)].used.store(false, std::memory_order_release);
}

std::variant<std::shared_ptr<const GuardedMapping>, GuardedMapping::Refusal> GuardedMapping::map(const std::string& path, MappedFile kind,
                                                                                                 Limits limits) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Refusal{Refusal::cannot_open, errno};
  std::shared_ptr<GuardedMapping> mapping(new GuardedMapping());
  mapping->fd_ = std::shared_ptr<const int>(new int(fd), [](const int* f) {
    ::close(*f);
    delete f;
  });
  if (::fstat(fd, &mapping->mapped_) != 0 || !S_ISREG(mapping->mapped_.st_mode)) return Refusal{Refusal::not_regular};
  const auto size = static_cast<std::uint64_t>(mapping->mapped_.st_size);
  if (size < std::max<std::uint64_t>(limits.min_bytes, 1)) return Refusal{Refusal::too_small, 0, size};
  if (size > limits.max_bytes) return Refusal{Refusal::too_large, 0, size};
  void* at = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ, MAP_PRIVATE, fd, 0);
  if (at == MAP_FAILED) return Refusal{Refusal::cannot_map, errno, size};
  mapping->at_ = static_cast<const char*>(at);
  mapping->size_ = static_cast<std::size_t>(size);
  mapping->guard_ = register_mapping(at, mapping->size_, path, kind);
  if (mapping->guard_ < 0 && limits.require_guard) return Refusal{Refusal::unguarded, 0, size};
  return std::shared_ptr<const GuardedMapping>(std::move(mapping));
}

GuardedMapping::~GuardedMapping() {
  unregister_mapping(guard_);
  if (at_) ::munmap(const_cast<char*>(at_), size_);
}

bool GuardedMapping::changed() const noexcept {
  struct stat now {};
  if (::fstat(*fd_, &now) != 0) return true;
  const auto same_time = [](const timespec& a, const timespec& b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; };
  return now.st_size != mapped_.st_size || !same_time(now.st_mtim, mapped_.st_mtim) || !same_time(now.st_ctim, mapped_.st_ctim);
}

}  // namespace detail

}  // namespace actorgraph
