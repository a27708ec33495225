#include "actorgraph/io/output_file.hpp"

#include "actorgraph/error.hpp"
#include "io/detail/signal_exit.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace actorgraph {

namespace fs = std::filesystem;

namespace {

// ---- Temporaries removed when a signal ends the process ----------------------------------------
//
// A fixed table that the signal handler can read without allocating: each slot holds the path of a
// temporary file or folder while it exists. The handler removes them with system calls only, then
// lets the signal end the process as it would have.

struct Slot {
  std::array<char, PATH_MAX> path{};
  volatile std::sig_atomic_t used = 0;
  bool folder = false;
};
std::array<Slot, 16> slots;

// Removes the folder's contents and the folder, with async-signal-safe calls only (getdents64 via
// syscall, unlinkat, openat, close).
void remove_tree_at(int parent, const char* name, int depth) {
  if (::unlinkat(parent, name, 0) == 0 || errno != EISDIR || depth > 64) return;
  const int fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  alignas(8) char buffer[4096];
  for (;;) {
    const long n = ::syscall(SYS_getdents64, fd, buffer, sizeof buffer);
    if (n <= 0) break;
    for (long at = 0; at < n;) {
      const auto* entry = reinterpret_cast<const struct dirent64*>(buffer + at);
      const char* child = entry->d_name;
      if (!(child[0] == '.' && (child[1] == 0 || (child[1] == '.' && child[2] == 0)))) remove_tree_at(fd, child, depth + 1);
      at += entry->d_reclen;
    }
  }
  ::close(fd);
  ::unlinkat(parent, name, AT_REMOVEDIR);
}

constexpr int handled_signals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction previous_actions[3];

extern "C" void remove_temporaries_and_reraise(int signal, siginfo_t* info, void* context) {
  detail::remove_temporaries_now();
  // Then whatever would have happened without us: the previous handler, or the default action.
  for (int i = 0; i < 3; ++i) {
    if (handled_signals[i] != signal) continue;
    const struct sigaction& previous = previous_actions[i];
    ::sigaction(signal, &previous, nullptr);
    if (previous.sa_flags & SA_SIGINFO) return previous.sa_sigaction(signal, info, context);
    if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) return previous.sa_handler(signal);
  }
  ::raise(signal);
}

// Installs the handler for each signal whose disposition is not already it, chaining to what was
// there; a signal that is ignored stays ignored. Checked at every registration, since a host
// program may have set its own handlers since the last one.
void install_handlers() {
  for (int i = 0; i < 3; ++i) {
    struct sigaction current {};
    if (::sigaction(handled_signals[i], nullptr, &current) != 0) continue;
    if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == remove_temporaries_and_reraise) continue;
    if (!(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_IGN) continue;
    struct sigaction action {};
    action.sa_sigaction = remove_temporaries_and_reraise;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    if (::sigaction(handled_signals[i], &action, &previous_actions[i]) != 0) previous_actions[i] = current;
  }
}

// Registers a temporary for removal on a signal; returns its slot, or -1 when the table is full or
// the path too long (the temporary is then still removed on every ordinary failure path).
int register_temporary(const std::string& path, bool folder) {
  install_handlers();
  if (path.size() >= PATH_MAX) return -1;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].used) continue;
    std::memcpy(slots[i].path.data(), path.c_str(), path.size() + 1);
    slots[i].folder = folder;
    slots[i].used = 1;
    return static_cast<int>(i);
  }
  return -1;
}

void unregister_temporary(int slot) {
  if (slot >= 0) slots[static_cast<std::size_t>(slot)].used = 0;
}

// ---- Checked writing ----------------------------------------------------------------------------

std::string reason(int error) { return std::strerror(error); }

// A producer that writes `bytes` as one piece (the form of write_file and FolderWriter that takes
// the whole file).
std::function<void(const WritePiece&)> whole(std::string_view bytes) {
  return [bytes](const WritePiece& write) { write(bytes); };
}

// Writes what `produce` gives to `fd`; returns 0 or the errno of the first failed write. An exception
// from `produce` closes the descriptor and goes on to the caller.
int write_produced(int fd, const std::function<void(const WritePiece&)>& produce) {
  int error = 0;
  try {
    produce([&](std::string_view piece) {
      if (error == 0) error = write_to_descriptor(fd, piece);
      return error == 0;
    });
  } catch (...) {
    ::close(fd);
    throw;
  }
  return error;
}

// Writes what `produce` gives, flushes to disk and closes a new file; returns 0 or the errno of the
// first failure. The descriptor is closed in every case, an exception from `produce` included.
int finish_file(int fd, const std::function<void(const WritePiece&)>& produce, mode_t mode) {
  int error = write_produced(fd, produce);
  if (error == 0 && ::fchmod(fd, mode) != 0) error = errno;
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  return error;
}

mode_t current_umask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}
mode_t default_file_mode() { return 0666 & ~current_umask(); }
mode_t default_folder_mode() { return 0777 & ~current_umask(); }

// Holds off SIGINT, SIGTERM and SIGHUP while a folder is being swapped, so that the handler never
// runs between two renames.
struct SignalsHeld {
  sigset_t old{};
  SignalsHeld() {
    sigset_t set;
    sigemptyset(&set);
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, signal);
    ::sigprocmask(SIG_BLOCK, &set, &old);
  }
  ~SignalsHeld() { ::sigprocmask(SIG_SETMASK, &old, nullptr); }
};

std::string parent_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// A special file (FIFO, device, socket), or a file reached through a descriptor link, is written in
// place: renaming over it would destroy it. O_TRUNC empties a regular file and does nothing to the rest.
void write_in_place(const std::string& path, const std::function<void(const WritePiece&)>& produce) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) throw IoError(path + ": cannot write: " + reason(errno));
  int error = write_produced(fd, produce);
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error) throw IoError(path + ": cannot write: " + reason(error));
}

}  // namespace

namespace {

// Follows the chain of symlinks from `path`. `through_descriptor` is set when a hop is one of the
// kernel's links to an open file (/proc/PID/fd/N, /dev/fd/N, /dev/stdout): what it names may be a
// pipe or a terminal with no path of its own, so only opening the link reaches it.
std::string resolve_chain(const std::string& path, bool& through_descriptor) {
  const auto is_descriptor_link = [](const std::string& p) {
    return p.rfind("/proc/", 0) == 0 || p.rfind("/dev/fd/", 0) == 0 || p == "/dev/stdout" || p == "/dev/stderr";
  };
  through_descriptor = false;
  std::string current = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat info {};
    if (::lstat(current.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return current;
    through_descriptor = through_descriptor || is_descriptor_link(current);
    std::error_code ec;
    const fs::path link = fs::read_symlink(current, ec);
    if (ec) throw IoError(path + ": cannot follow the symlink: " + ec.message());
    current = link.is_absolute() ? link.string() : (fs::path(current).parent_path() / link).string();
  }
  throw IoError(path + ": cannot write: too many levels of symbolic links");
}

}  // namespace

int write_to_descriptor(int fd, std::string_view bytes) noexcept {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    written += static_cast<std::size_t>(n);
  }
  return 0;
}

std::string resolve_output_path(const std::string& path) {
  bool through_descriptor = false;
  return resolve_chain(path, through_descriptor);
}

void write_file(const std::string& path, std::string_view bytes) {
  write_file(path, whole(bytes));
}

void write_file(const std::string& path, const std::function<void(const WritePiece&)>& produce) {
  // What the path finally names, as the kernel sees it (this follows /proc's links to pipes too).
  struct stat info {};
  const bool exists = ::stat(path.c_str(), &info) == 0;
  if (exists && S_ISDIR(info.st_mode)) throw IoError(path + ": cannot write: it is a folder");
  if (exists && !S_ISREG(info.st_mode)) return write_in_place(path, produce);
  bool through_descriptor = false;
  const std::string target = resolve_chain(path, through_descriptor);
  if (through_descriptor) return write_in_place(path, produce);  // -o /dev/stdout into a file

  std::string temporary = parent_of(target) + "/." + fs::path(target).filename().string() + ".tmp-XXXXXX";
  const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (fd < 0) throw IoError(path + ": cannot write: " + reason(errno));
  const int slot = register_temporary(temporary, false);
  int error = 0;
  try {
    error = finish_file(fd, produce, exists ? (info.st_mode & 07777) : default_file_mode());
  } catch (...) {
    ::unlink(temporary.c_str());
    unregister_temporary(slot);
    throw;
  }
  if (error == 0 && std::rename(temporary.c_str(), target.c_str()) != 0) error = errno;
  if (error) ::unlink(temporary.c_str());
  unregister_temporary(slot);
  if (error) throw IoError(path + ": cannot write: " + reason(error));
}

// ---- Folders ------------------------------------------------------------------------------------

struct FolderWriter::State {
  std::string shown;      // the target as the caller gave it, for messages
  std::string target;     // symlinks resolved
  std::string temporary;  // the new folder while it is assembled
  bool target_exists = false;
  bool committed = false;
  int slot = -1;
  std::set<std::string, std::less<>> added;
};

FolderWriter::FolderWriter(const std::string& target) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.shown = target;
  s.target = resolve_output_path(target);
  while (s.target.size() > 1 && s.target.back() == '/') s.target.pop_back();
  struct stat info {};
  s.target_exists = ::stat(s.target.c_str(), &info) == 0;
  if (s.target_exists && !S_ISDIR(info.st_mode)) throw IoError(target + ": cannot write the folder: a file of that name exists");
  std::error_code ec;
  const std::string parent = parent_of(s.target);
  fs::create_directories(parent, ec);
  if (ec) throw IoError(target + ": cannot create the folder: " + ec.message());
  s.temporary = parent + "/." + fs::path(s.target).filename().string() + ".tmp-XXXXXX";
  if (::mkdtemp(s.temporary.data()) == nullptr) throw IoError(target + ": cannot write the folder: " + reason(errno));
  s.slot = register_temporary(s.temporary, true);
  const mode_t mode = s.target_exists ? (info.st_mode & 07777) : default_folder_mode();
  if (::chmod(s.temporary.c_str(), mode) != 0) throw IoError(target + ": cannot write the folder: " + reason(errno));
}

FolderWriter::~FolderWriter() {
  if (!state_ || state_->committed) return;
  std::error_code ec;
  fs::remove_all(state_->temporary, ec);
  unregister_temporary(state_->slot);
}

const std::string& FolderWriter::target() const noexcept { return state_->target; }

void FolderWriter::add_file(std::string_view name, std::string_view bytes) {
  State& s = *state_;
  const std::string path = s.temporary + "/" + std::string(name);
  struct stat old {};
  const bool replaces = s.target_exists && ::stat((s.target + "/" + std::string(name)).c_str(), &old) == 0 && S_ISREG(old.st_mode);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  const std::string shown = s.shown + "/" + std::string(name);
  if (fd < 0) throw IoError(shown + ": cannot write: " + reason(errno));
  if (const int error = finish_file(fd, whole(bytes), replaces ? (old.st_mode & 07777) : default_file_mode()))
    throw IoError(shown + ": cannot write: " + reason(error));
  s.added.emplace(name);
}

void FolderWriter::carry_over(const std::function<bool(std::string_view name)>& keep) {
  State& s = *state_;
  if (!s.target_exists) return;
  std::error_code ec;
  for (fs::directory_iterator it(s.target, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (s.added.count(name) || !keep(name)) continue;
    const std::string from = s.target + "/" + name, to = s.temporary + "/" + name;
    const std::string shown = s.shown + "/" + name;
    struct stat info {};
    if (::lstat(from.c_str(), &info) != 0) throw IoError(shown + ": cannot carry it into the new folder: " + reason(errno));
    std::error_code copy_ec;
    if (S_ISREG(info.st_mode)) {
      if (::link(from.c_str(), to.c_str()) != 0) fs::copy_file(from, to, copy_ec);
    } else if (S_ISDIR(info.st_mode)) {
      fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks, copy_ec);
    } else if (S_ISLNK(info.st_mode)) {
      fs::copy_symlink(from, to, copy_ec);
    } else {
      throw IoError(shown + ": cannot carry it into the rewritten folder: it is a FIFO, device or socket; move it out first");
    }
    if (copy_ec) throw IoError(shown + ": cannot carry it into the new folder: " + copy_ec.message());
  }
  if (ec) throw IoError(s.shown + ": cannot list the folder: " + ec.message());
}

void FolderWriter::commit() {
  State& s = *state_;
  // The new folder's entries on disk before it replaces the old one.
  if (const int fd = ::open(s.temporary.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
    const bool synced = ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    if (!synced) throw IoError(s.shown + ": cannot write the folder: " + reason(error));
  }
  const SignalsHeld held;
  if (!s.target_exists) {
    if (std::rename(s.temporary.c_str(), s.target.c_str()) != 0) throw IoError(s.shown + ": cannot write the folder: " + reason(errno));
  } else if (::renameat2(AT_FDCWD, s.temporary.c_str(), AT_FDCWD, s.target.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) throw IoError(s.shown + ": cannot replace the folder: " + reason(errno));
    // No atomic exchange on this file system: move the old folder aside, the new one in, and back on failure.
    std::string aside = parent_of(s.target) + "/." + fs::path(s.target).filename().string() + ".old-XXXXXX";
    if (::mkdtemp(aside.data()) == nullptr || ::rmdir(aside.c_str()) != 0 || std::rename(s.target.c_str(), aside.c_str()) != 0)
      throw IoError(s.shown + ": cannot replace the folder: " + reason(errno));
    if (std::rename(s.temporary.c_str(), s.target.c_str()) != 0) {
      const int error = errno;
      std::rename(aside.c_str(), s.target.c_str());
      throw IoError(s.shown + ": cannot replace the folder: " + reason(error));
    }
    std::rename(aside.c_str(), s.temporary.c_str());  // so that the old folder is removed below
  }
  s.committed = true;
  std::error_code ec;
  if (s.target_exists) fs::remove_all(s.temporary, ec);  // now the old folder
  unregister_temporary(s.slot);
}

namespace detail {

void remove_temporaries_now() noexcept {
  for (auto it = slots.rbegin(); it != slots.rend(); ++it)
    if (it->used) it->folder ? remove_tree_at(AT_FDCWD, it->path.data(), 0) : static_cast<void>(::unlink(it->path.data()));
}

void write_to_stderr_now(std::string_view text) noexcept {
  while (!text.empty()) {
    const ssize_t n = ::write(2, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace detail

}  // namespace actorgraph
