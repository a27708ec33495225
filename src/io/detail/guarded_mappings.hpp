// The mappings of snapshot files and of dataset files, which another program might truncate while
// they are read (docs/SNAPSHOTS.md, "When a snapshot is used"; exit_on_truncated_mapping in
// io/text_file.hpp).
//
// A snapshot is read through a private read-only mapping of its file, and so is a dataset's CSV file
// when such faults are handled (map_or_read_file). actorgraph replaces a file only by a rename, which
// leaves a mapped file as it was; but if another program truncates the file in place, touching a
// page past its new end raises SIGBUS. Each mapping is registered here, so that the handler that
// exit_on_truncated_mapping installs can tell such a fault from any other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include <sys/stat.h>

namespace actorgraph::detail {

// What a mapped file is, for the message on its truncation.
enum class MappedFile { snapshot, input };

// Registers the mapping [begin, begin + bytes) of the file at `path`. Returns its slot for
// unregister_mapping, or -1 when the table is full or the path too long: a fault in that mapping
// then ends the process as any SIGBUS.
int register_mapping(const void* begin, std::size_t bytes, const std::string& path, MappedFile kind = MappedFile::snapshot) noexcept;

// Whether the handler of exit_on_truncated_mapping is the process's SIGBUS handler now: only then
// is an input file mapped rather than read (a fault in it is a message, not a crash).
bool mapping_faults_handled() noexcept;

// Forgets a registered mapping (before it is unmapped). -1 does nothing.
void unregister_mapping(int slot) noexcept;

// A private read-only mapping of a whole regular file, registered (register_mapping) for as long as
// it lives, with the file kept open: for changed(), and for reading its records again once the
// mapping is gone (descriptor()). The one place where a file is mapped: snapshots (read_snapshot)
// and input files (map_file in io/detail/file_text.hpp).
class GuardedMapping {
 public:
  // Why a file was not mapped; `error` is errno where there is one, `size` the file's size.
  struct Refusal {
    enum Reason { cannot_open, not_regular, too_small, too_large, cannot_map, unguarded } reason;
    int error = 0;
    std::uint64_t size = 0;
  };
  struct Limits {
    std::uint64_t min_bytes = 1;  // mmap refuses an empty mapping
    std::uint64_t max_bytes = std::numeric_limits<std::uint64_t>::max();
    bool require_guard = false;  // refuse (unguarded) when register_mapping finds no free slot
  };

  // Opens (non-blocking: a FIFO without a writer does not hang; it is refused as not_regular) and
  // maps the file at `path`, registered as `kind`.
  static std::variant<std::shared_ptr<const GuardedMapping>, Refusal> map(const std::string& path, MappedFile kind, Limits limits);

  GuardedMapping(const GuardedMapping&) = delete;
  GuardedMapping& operator=(const GuardedMapping&) = delete;
  ~GuardedMapping();

  std::string_view bytes() const noexcept { return {at_, size_}; }

  // Whether the file's size, modification or change time differ from when it was mapped (it was
  // written meanwhile). A rewrite that keeps the size within the same tick of the kernel's clock
  // for file times (a few milliseconds) is not seen.
  bool changed() const noexcept;

  // The open file, which outlives the mapping for as long as it is held.
  const std::shared_ptr<const int>& descriptor() const noexcept { return fd_; }

 private:
  GuardedMapping() = default;
  const char* at_ = nullptr;
  std::size_t size_ = 0;
  int guard_ = -1;
  std::shared_ptr<const int> fd_;
  struct stat mapped_ {};  // the file's status when it was mapped
};

}  // namespace actorgraph::detail
