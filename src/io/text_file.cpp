#include "actorgraph/io/text_file.hpp"

#include "actorgraph/error.hpp"
#include "detail/huge_pages.hpp"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace actorgraph {

namespace {

constexpr std::uint64_t default_limit = std::uint64_t{4} << 30;

std::optional<std::uint64_t> parse_size(std::string_view text) {
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

// Closes the descriptor on every path out of try_read_file.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::uint64_t max_input_file_bytes() {
  static const std::uint64_t limit = [] {
    const char* text = std::getenv("ACTORGRAPH_MAX_FILE_SIZE");
    if (text == nullptr) return default_limit;
    return parse_size(text).value_or(default_limit);
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

std::optional<std::string> try_read_file(const std::string& path, std::string& why) {
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
    if (static_cast<std::uint64_t>(info.st_size) > limit) {
      why = "the file is " + over;
      return std::nullopt;
    }
    bytes.reserve(static_cast<std::size_t>(info.st_size));
    detail::advise_huge_pages(bytes.data(), bytes.capacity());
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

}  // namespace actorgraph
