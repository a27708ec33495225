#include "io/events/input.hpp"

#include "actorgraph/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace actorgraph::detail::events {

namespace {

// Moves the unread bytes [begin, end) of `buffer` to its start, and doubles it when they fill it,
// so that a read can append after them.
template <class Buffer>  // std::string or std::vector<char>
void make_room(Buffer& buffer, std::size_t& begin, std::size_t& end) {
  if (begin > 0) {
    std::memmove(buffer.data(), buffer.data() + begin, end - begin);
    end -= begin;
    begin = 0;
  }
  if (end == buffer.size()) buffer.resize(buffer.size() * 2);
}

constexpr std::size_t raw_buffer_size = 1 << 18;

// The file's bytes as read, with a window that decoders peek into and consume.
class RawInput {
 public:
  explicit RawInput(const std::string& path) : path_(path), buffer_(raw_buffer_size) {
    if (path == "-") {
      fd_ = 0;
      name_ = "standard input";
    } else {
      fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd_ < 0) throw IoError(path + ": cannot read the event file: " + std::strerror(errno));
      owned_ = true;
      struct stat st {};
      if (::fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd_);
        owned_ = false;
        throw IoError(path + ": cannot read the event file: is a folder, not a file");
      }
    }
  }
  ~RawInput() {
    if (owned_) ::close(fd_);
  }
  RawInput(const RawInput&) = delete;
  RawInput& operator=(const RawInput&) = delete;

  const std::string& path() const noexcept { return path_; }
  const char* data() const noexcept { return buffer_.data() + begin_; }
  std::size_t available() const noexcept { return end_ - begin_; }
  void consume(std::size_t n) noexcept {
    begin_ += n;
    consumed_ += n;
  }
  std::uint64_t consumed() const noexcept { return consumed_; }

  // Reads more bytes, keeping the unconsumed ones; false at the end of the file.
  bool fill() {
    if (eof_) return false;
    make_room(buffer_, begin_, end_);
    for (;;) {
      const ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw IoError(path_ + ": cannot read the event file: " + std::strerror(errno));
      if (n == 0) {
        eof_ = true;
        return false;
      }
      end_ += static_cast<std::size_t>(n);
      return true;
    }
  }
  // Makes at least `n` bytes available; false when the file ends first.
  bool want(std::size_t n) {
    while (available() < n)
      if (!fill()) return false;
    return true;
  }

 private:
  std::string path_, name_;
  int fd_ = -1;
  bool owned_ = false;
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0;
  std::uint64_t consumed_ = 0;
  bool eof_ = false;
};

class PlainStream : public ByteStream {
 public:
  explicit PlainStream(std::unique_ptr<RawInput> in) : in_(std::move(in)) {}
  std::size_t read(char* out, std::size_t size) override {
    if (in_->available() == 0 && !in_->fill()) return 0;
    const std::size_t n = std::min(size, in_->available());
    std::memcpy(out, in_->data(), n);
    in_->consume(n);
    return n;
  }
  std::uint64_t bytes_in() const override { return in_->consumed(); }

 private:
  std::unique_ptr<RawInput> in_;
};

// zlib's inflate over the raw input: gzip members (window bits 15 + 32: gzip or zlib header) or raw
// deflate data (-15, as in zip entries).
class Inflater {
 public:
  Inflater(RawInput& in, int window_bits) : in_(in) {
    if (inflateInit2(&z_, window_bits) != Z_OK) throw IoError(in.path() + ": cannot start decompressing");
  }
  ~Inflater() { inflateEnd(&z_); }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Decompresses into `out`; sets `ended` at the end of the compressed stream.
  std::size_t inflate_some(char* out, std::size_t size, bool& ended, const char* what) {
    ended = false;
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
    while (z_.avail_out > 0) {
      if (in_.available() == 0 && !in_.fill())
        throw IoError(in_.path() + ": cannot read the event file: the " + what + " data ends before its end (truncated file?)");
      z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in_.data()));
      z_.avail_in = static_cast<uInt>(std::min<std::size_t>(in_.available(), 1u << 30));
      const uInt before = z_.avail_in;
      const int rc = ::inflate(&z_, Z_NO_FLUSH);
      in_.consume(before - z_.avail_in);
      if (rc == Z_STREAM_END) {
        ended = true;
        break;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR)
        throw IoError(in_.path() + ": cannot read the event file: invalid " + what + " data" + (z_.msg ? std::string(" (") + z_.msg + ")" : ""));
      if (z_.avail_out < size) break;  // return what we have
    }
    return size - z_.avail_out;
  }
  void reset() { inflateReset(&z_); }

 private:
  RawInput& in_;
  z_stream z_{};
};

class GzipStream : public ByteStream {
 public:
  explicit GzipStream(std::unique_ptr<RawInput> in) : in_(std::move(in)), inflater_(*in_, 15 + 32) {}
  std::size_t read(char* out, std::size_t size) override {
    while (!done_) {
      bool ended = false;
      const std::size_t n = inflater_.inflate_some(out, size, ended, "gzip");
      if (ended) {
        // Another member may follow (concatenated gzip files read as one).
        if (in_->want(2) && static_cast<unsigned char>(in_->data()[0]) == 0x1f && static_cast<unsigned char>(in_->data()[1]) == 0x8b)
          inflater_.reset();
        else
          done_ = true;
      }
      if (n > 0) return n;
    }
    return 0;
  }
  std::uint64_t bytes_in() const override { return in_->consumed(); }

 private:
  std::unique_ptr<RawInput> in_;
  Inflater inflater_;
  bool done_ = false;
};

std::uint32_t le16(const char* p) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(p[0])) | static_cast<std::uint32_t>(static_cast<unsigned char>(p[1])) << 8;
}
std::uint32_t le32(const char* p) { return le16(p) | le16(p + 2) << 16; }

// A zip archive read entry by entry through its local headers (the central directory at the end is
// not needed, so a zip can come from a pipe).
class ZipStream : public ByteStream {
 public:
  explicit ZipStream(std::unique_ptr<RawInput> in) : in_(std::move(in)), inflater_(*in_, -15) {}

  bool next_part() override {
    if (in_entry_) skip_rest_of_entry();
    if (!in_->want(4)) return false;
    const std::uint32_t signature = le32(in_->data());
    if (signature != 0x04034b50) return false;  // central directory or end record: no more entries
    if (!in_->want(30)) throw truncated();
    const char* h = in_->data();
    flags_ = le16(h + 6);
    method_ = le16(h + 8);
    remaining_ = le32(h + 18);
    const std::size_t name_length = le16(h + 26), extra_length = le16(h + 28);
    if (!in_->want(30 + name_length + extra_length)) throw truncated();
    name_.assign(in_->data() + 30, name_length);
    in_->consume(30 + name_length + extra_length);
    if (flags_ & 1) throw IoError(in_->path() + ": cannot read zip entry " + name_ + ": it is encrypted");
    if (method_ != 0 && method_ != 8)
      throw IoError(in_->path() + ": cannot read zip entry " + name_ + ": compression method " + std::to_string(method_) +
                    " (only stored and deflated entries are read)");
    if (method_ == 0 && (flags_ & 8)) throw IoError(in_->path() + ": cannot read zip entry " + name_ + ": stored entry of unknown size");
    if (method_ == 8) inflater_.reset();
    in_entry_ = true;
    entry_done_ = false;
    return true;
  }
  std::string part_name() const override { return name_; }
  bool is_archive() const override { return true; }

  std::size_t read(char* out, std::size_t size) override {
    if (!in_entry_ || entry_done_) return 0;
    if (method_ == 0) {
      if (remaining_ == 0) {
        entry_done_ = true;
        return 0;
      }
      if (in_->available() == 0 && !in_->fill()) throw truncated();
      const std::size_t n = std::min<std::size_t>({size, in_->available(), remaining_});
      std::memcpy(out, in_->data(), n);
      in_->consume(n);
      remaining_ -= n;
      return n;
    }
    for (;;) {
      bool ended = false;
      const std::size_t n = inflater_.inflate_some(out, size, ended, "zip");
      if (ended) entry_done_ = true;
      if (n > 0 || ended) return n;
    }
  }
  std::uint64_t bytes_in() const override { return in_->consumed(); }

 private:
  IoError truncated() const { return IoError(in_->path() + ": cannot read the event file: the zip archive is truncated"); }

  void skip_rest_of_entry() {
    char sink[1 << 14];
    while (read(sink, sizeof sink) > 0) {
    }
    in_entry_ = false;
    if (flags_ & 8) {  // a data descriptor follows: optional signature, CRC, sizes (4 or 8 bytes each)
      if (in_->want(4) && le32(in_->data()) == 0x08074b50) in_->consume(4);
      std::size_t skip = 12;
      if (in_->want(24)) {
        const std::uint32_t after12 = le32(in_->data() + 12);
        if (after12 != 0x04034b50 && after12 != 0x02014b50 && after12 != 0x06054b50) skip = 20;  // zip64 sizes
      }
      if (!in_->want(skip)) throw truncated();
      in_->consume(skip);
    }
  }

  std::unique_ptr<RawInput> in_;
  Inflater inflater_;
  std::string name_;
  std::uint32_t flags_ = 0, method_ = 0;
  std::uint64_t remaining_ = 0;
  bool in_entry_ = false, entry_done_ = false;
};

}  // namespace

std::unique_ptr<ByteStream> open_event_input(const std::string& path) {
  auto in = std::make_unique<RawInput>(path);
  in->want(4);
  const auto* p = reinterpret_cast<const unsigned char*>(in->data());
  if (in->available() >= 2 && p[0] == 0x1f && p[1] == 0x8b) return std::make_unique<GzipStream>(std::move(in));
  if (in->available() >= 4 && p[0] == 'P' && p[1] == 'K' && (p[2] == 3 || p[2] == 5) && (p[3] == 4 || p[3] == 6)) {
    auto zip = std::make_unique<ZipStream>(std::move(in));
    return zip;
  }
  return std::make_unique<PlainStream>(std::move(in));
}

LineReader::LineReader(ByteStream& stream, std::size_t max_line) : stream_(stream), buffer_(1 << 20, '\0'), max_line_(max_line) {}

bool LineReader::fill() {
  if (eof_) return false;
  make_room(buffer_, begin_, end_);
  const std::size_t n = stream_.read(buffer_.data() + end_, buffer_.size() - end_);
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += n;
  return true;
}

bool LineReader::next(std::string_view& line, bool& too_long) {
  too_long = false;
  std::size_t scanned = 0;
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const void* nl = std::memchr(start + scanned, '\n', end_ - begin_ - scanned);
    if (nl != nullptr) {
      const std::size_t length = static_cast<const char*>(nl) - start;
      std::size_t content = length;
      if (content > 0 && start[content - 1] == '\r') --content;
      line = std::string_view(start, std::min(content, max_line_));
      too_long = content > max_line_;
      begin_ += length + 1;
      ++line_;
      return true;
    }
    scanned = end_ - begin_;
    if (scanned > max_line_) {
      // Skip the rest of an overlong line, keeping its start for the message.
      line = std::string_view(buffer_.data() + begin_, 0);
      too_long = true;
      ++line_;
      for (;;) {
        begin_ = end_;
        if (!fill()) break;
        const void* end = std::memchr(buffer_.data() + begin_, '\n', end_ - begin_);
        if (end != nullptr) {
          begin_ = static_cast<const char*>(end) - buffer_.data() + 1;
          break;
        }
      }
      return true;
    }
    if (!fill()) {
      if (begin_ == end_) {
        eof_ = false;  // the next part (zip entry) may follow
        return false;
      }
      std::size_t content = end_ - begin_;
      start = buffer_.data() + begin_;
      if (content > 0 && start[content - 1] == '\r') --content;
      line = std::string_view(start, content);
      begin_ = end_;
      ++line_;
      return true;
    }
  }
}

}  // namespace actorgraph::detail::events
