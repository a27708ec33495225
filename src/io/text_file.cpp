#include "actorgraph/io/text_file.hpp"

#include "actorgraph/error.hpp"
#include "detail/huge_pages.hpp"
#include "detail/parallel.hpp"
#include "io/detail/file_text.hpp"
#include "io/detail/guarded_mappings.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <variant>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace actorgraph {

namespace {

constexpr std::uint64_t default_limit = std::uint64_t{4} << 30;

// Closes the descriptor on every path out of try_read_file.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  std::string_view suffix(end, static_cast<std::size_t>(text.data() + text.size() - end));
  unsigned shift = 0;
  if (suffix == "K" || suffix == "k") shift = 10;
  else if (suffix == "M" || suffix == "m") shift = 20;
  else if (suffix == "G" || suffix == "g") shift = 30;
  else if (!suffix.empty()) return std::nullopt;
  if (value == 0 || (shift && value > (std::uint64_t{1} << (63 - shift)))) return std::nullopt;
  return value << shift;
}

std::uint64_t max_input_file_bytes() {
  static const std::uint64_t limit = [] {
    const char* text = std::getenv("ACTORGRAPH_MAX_FILE_SIZE");
    if (text == nullptr) return default_limit;
    return parse_byte_size(text).value_or(default_limit);
  }();
  return limit;
}

std::string describe_bytes(std::uint64_t bytes) {
  static constexpr struct {
    unsigned shift;
    const char* unit;
  } units[] = {{30, " GiB"}, {20, " MiB"}, {10, " KiB"}};
  for (const auto& u : units)
    if (bytes >= (std::uint64_t{1} << u.shift) && bytes % (std::uint64_t{1} << u.shift) == 0)
      return std::to_string(bytes >> u.shift) + u.unit;
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::string describe_size(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  const auto tenths = [bytes](unsigned shift) {
    return std::round(static_cast<double>(bytes) * 10 / static_cast<double>(std::uint64_t{1} << shift));
  };
  // The largest unit the size reaches, or would reach in the unit below once rounded (1 GiB less a
  // byte is "1.0 GiB", not "1024.0 MiB").
  for (const auto& [shift, unit] : {std::pair{30u, " GiB"}, std::pair{20u, " MiB"}, std::pair{10u, " KiB"}}) {
    if (bytes < (std::uint64_t{1} << shift) && (shift == 10 || tenths(shift - 10) < 10240)) continue;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%s", tenths(shift) / 10, unit);
    return text;
  }
  return {};  // not reached: 1024 bytes or more reach KiB
}

namespace {

// A regular file this large is read in two halves at once (when threads allow).
constexpr std::uint64_t read_in_halves_from = std::uint64_t{16} << 20;

// Reads up to `count` bytes at `offset`: the number read (fewer at the end of the file), or -1 with
// errno set.
ssize_t read_at(int fd, char* to, std::size_t count, std::uint64_t offset) {
  std::size_t done = 0;
  while (done < count) {
    const ssize_t n = ::pread(fd, to + done, count - done, static_cast<off_t>(offset + done));
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    done += static_cast<std::size_t>(n);
  }
  return static_cast<ssize_t>(done);
}

// Fills `bytes` with the first `size` bytes of a regular file, each half on a thread of its own:
// the halves' pages are first made present at once (MADV_POPULATE_WRITE, a hint that kernels before
// 5.14 ignore: one call instead of a fault per page, and on a virtual machine a page's first touch is
// most of what reading a file in the page cache costs), and then read. Leaves `bytes` shorter when the
// file was (it shrank meanwhile). At L (an 851 MiB relations.csv) 0.9-1.0 s against 1.6-1.8 s for
// one read loop. False with `why` set on a read error.
bool read_halves(int fd, std::size_t size, unsigned threads, std::string& bytes, std::string& why) {
  bytes.reserve(size);
  detail::advise_huge_pages(bytes.data(), size);
  const std::size_t half = size / 2;
  const auto populate = [&](std::size_t from, std::size_t to) {
    detail::advise_whole_pages(bytes.data() + from, bytes.data() + to, detail::system_page_size(), MADV_POPULATE_WRITE);
  };
  detail::run_both(
      threads, [&] { populate(0, half); }, [&] { populate(half, size); });
  bytes.resize(size);
  std::array<ssize_t, 2> got{};
  std::array<int, 2> error{};
  const auto read_half = [&](int k, std::size_t from, std::size_t to) {
    got[k] = read_at(fd, bytes.data() + from, to - from, from);
    error[k] = got[k] < 0 ? errno : 0;
  };
  detail::run_both(
      threads, [&] { read_half(0, 0, half); }, [&] { read_half(1, half, size); });
  for (const int e : error)
    if (e != 0) {
      why = std::strerror(e);
      return false;
    }
  if (static_cast<std::size_t>(got[0]) < half)
    bytes.resize(static_cast<std::size_t>(got[0]));
  else
    bytes.resize(half + static_cast<std::size_t>(got[1]));
  return true;
}

}  // namespace

std::optional<std::string> try_read_file(const std::string& path, std::string& why, unsigned threads) {
  const std::uint64_t limit = max_input_file_bytes();
  const std::string over = "larger than the limit of " + describe_bytes(limit) +
                           " per file (set ACTORGRAPH_MAX_FILE_SIZE to raise it, e.g. ACTORGRAPH_MAX_FILE_SIZE=16G)";
  // O_NONBLOCK so that opening a FIFO without a writer does not hang; cleared before reading.
  Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (file.fd < 0) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(info.st_mode)) {
    why = "is a folder, not a file";
    return std::nullopt;
  }
  ::fcntl(file.fd, F_SETFL, ::fcntl(file.fd, F_GETFL) & ~O_NONBLOCK);
  std::string bytes;
  if (S_ISREG(info.st_mode)) {
    const auto size = static_cast<std::uint64_t>(info.st_size);
    if (size > limit) {
      why = "the file is " + over;
      return std::nullopt;
    }
    if (size >= read_in_halves_from) {
      if (!read_halves(file.fd, static_cast<std::size_t>(size), threads, bytes, why)) return std::nullopt;
      // Whatever the file gained meanwhile is read on by the loop below, as from any file.
      if (::lseek(file.fd, static_cast<off_t>(bytes.size()), SEEK_SET) < 0) {
        why = std::strerror(errno);
        return std::nullopt;
      }
    } else {
      bytes.reserve(static_cast<std::size_t>(size));
      detail::advise_huge_pages(bytes.data(), bytes.capacity());
    }
  }
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      why = std::strerror(errno);
      return std::nullopt;
    }
    if (bytes.size() + static_cast<std::size_t>(n) > limit) {
      why = "the input is " + over;
      return std::nullopt;
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return bytes;
}

std::string read_text_file(const std::string& path, std::string_view what) {
  std::string why;
  auto bytes = try_read_file(path, why);
  if (!bytes) throw IoError(path + ": cannot read " + std::string(what) + ": " + why);
  return std::move(*bytes);
}

namespace detail {

FileText::FileText(std::string text) : text_(std::make_shared<const std::string>(std::move(text))) { bytes_ = *text_; }

bool FileText::changed() const noexcept { return mapping_ && mapping_->changed(); }

std::optional<FileText> map_file(const std::string& path) {
  if (!mapping_faults_handled()) return std::nullopt;
  auto mapped = GuardedMapping::map(path, MappedFile::input, {.min_bytes = 1, .max_bytes = max_input_file_bytes(), .require_guard = true});
  auto* mapping = std::get_if<std::shared_ptr<const GuardedMapping>>(&mapped);
  if (!mapping) return std::nullopt;
  FileText text;
  text.bytes_ = (*mapping)->bytes();
  text.mapping_ = std::move(*mapping);
  return text;
}

std::optional<FileText> map_or_read_file(const std::string& path, std::string& why, unsigned threads) {
  if (std::optional<FileText> mapped = map_file(path)) return mapped;
  // Anything else (no such file, a folder, a FIFO, an empty file, one over the limit, no mapping):
  // read, which gives the same answer or message as without mapping.
  std::optional<std::string> bytes = try_read_file(path, why, threads);
  if (!bytes) return std::nullopt;
  return FileText(std::move(*bytes));
}

}  // namespace detail

}  // namespace actorgraph
