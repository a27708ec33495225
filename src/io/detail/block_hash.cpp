#include "io/detail/block_hash.hpp"

#include "actorgraph/error.hpp"
#include "detail/huge_pages.hpp"
#include "detail/parallel.hpp"
#include "io/detail/file_text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <new>

// On x86-64, XXH3 through the library's run-time dispatch (xxh_x86dispatch.h: XXH3_64bits and
// XXH3_64bits_update become their _dispatch forms, which use AVX2 or AVX-512 where the processor
// has them; Debian builds the library for baseline x86-64, SSE2). The values are the same by
// XXH3's definition; the unit test compares them with the plain functions.
#if defined(__x86_64__)
#include <xxh_x86dispatch.h>
#endif

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace actorgraph::detail {

namespace {

using State = std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)>;

State new_state() {
  State state(XXH3_createState(), XXH3_freeState);
  if (!state || XXH3_64bits_reset(state.get()) != XXH_OK) throw std::bad_alloc();
  return state;
}

std::uint64_t combine(const std::vector<std::uint64_t>& digests) {
  return XXH3_64bits(digests.data(), digests.size() * sizeof(std::uint64_t));
}

std::size_t block_count(std::size_t size, std::size_t block) { return size / block + (size % block != 0); }

// A file descriptor closed on every path.
struct File {
  int fd;
  ~File() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

BlockHash::BlockHash(std::size_t block) : block_(std::max<std::size_t>(block, 1)), state_(XXH3_createState()) {
  if (!state_ || XXH3_64bits_reset(state_) != XXH_OK) {
    XXH3_freeState(state_);
    throw std::bad_alloc();
  }
}

BlockHash::~BlockHash() { XXH3_freeState(state_); }

void BlockHash::update(const void* data, std::size_t size) {
  const auto* at = static_cast<const char*>(data);
  while (size > 0) {
    const std::size_t n = std::min(size, block_ - in_block_);
    XXH3_64bits_update(state_, at, n);
    at += n;
    size -= n;
    in_block_ += n;
    if (in_block_ == block_) {
      digests_.push_back(XXH3_64bits_digest(state_));
      XXH3_64bits_reset(state_);
      in_block_ = 0;
    }
  }
}

std::uint64_t BlockHash::digest() const {
  if (in_block_ == 0) return combine(digests_);
  std::vector<std::uint64_t> all = digests_;
  all.push_back(XXH3_64bits_digest(state_));
  return combine(all);
}

std::uint64_t block_hash(const char* data, std::size_t size, unsigned threads, std::size_t block,
                         const std::function<void(std::size_t, std::size_t)>& done) {
  block = std::max<std::size_t>(block, 1);
  std::vector<std::uint64_t> digests(block_count(size, block));
  run_blocks(
      digests.size(), threads, {}, [] { return 0; },
      [&](std::size_t begin, std::size_t end, int&) {
        for (std::size_t b = begin; b < end; ++b) {
          const std::size_t offset = b * block, length = std::min(block, size - offset);
          digests[b] = XXH3_64bits(data + offset, length);
          if (done) done(offset, length);
        }
      },
      [](int&) {}, digests.size());
  return combine(digests);
}

std::uint64_t block_hash_file(const std::string& path, std::uint64_t& size, unsigned threads, std::size_t block) {
  block = std::max<std::size_t>(block, 1);
  // Mapped where that is guarded (map_file): the page cache's pages are hashed where they are, not
  // copied (at L, 40% of a query's time from a snapshot was the copy of the 900 MB of CSV files), and
  // each block's pages are given back once hashed, so that they do not add to the peak memory.
  if (const std::optional<FileText> mapped = map_file(path)) {
    const std::string_view bytes = mapped->bytes();
    size = bytes.size();
    return block_hash(bytes.data(), bytes.size(), threads, block, [&](std::size_t offset, std::size_t length) {
      advise_whole_pages(bytes.data() + offset, bytes.data() + offset + length, system_page_size(), MADV_DONTNEED);
    });
  }
  const File file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  struct stat info {};
  if (file.fd < 0 || ::fstat(file.fd, &info) != 0) throw IoError(path + ": cannot read: " + std::strerror(errno));
  const auto stated = static_cast<std::size_t>(info.st_size);
  std::vector<std::uint64_t> digests(block_count(stated, block));
  std::vector<std::uint64_t> lengths(digests.size());
  // Each block is read in pieces of at most 1 MiB into the thread's own buffer, hashed while it
  // is in cache.
  struct Reader {
    std::vector<char> buffer = std::vector<char>(std::size_t{1} << 20);
    State state = new_state();
  };
  run_blocks(
      digests.size(), threads, {}, [] { return std::make_unique<Reader>(); },
      [&](std::size_t begin, std::size_t end, std::unique_ptr<Reader>& reader) {
        for (std::size_t b = begin; b < end; ++b) {
          XXH3_64bits_reset(reader->state.get());
          const std::size_t offset = b * block, length = std::min(block, stated - offset);
          std::size_t got = 0;
          while (got < length) {
            const ssize_t n = ::pread(file.fd, reader->buffer.data(), std::min(reader->buffer.size(), length - got),
                                      static_cast<off_t>(offset + got));
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw IoError(path + ": cannot read: " + std::strerror(errno));
            if (n == 0) break;  // the file shrank: the caller sees a size that differs
            XXH3_64bits_update(reader->state.get(), reader->buffer.data(), static_cast<std::size_t>(n));
            got += static_cast<std::size_t>(n);
          }
          digests[b] = XXH3_64bits_digest(reader->state.get());
          lengths[b] = got;
        }
      },
      [](std::unique_ptr<Reader>&) {}, digests.size());
  size = 0;
  for (const std::uint64_t n : lengths) size += n;
  return combine(digests);
}

}  // namespace actorgraph::detail
