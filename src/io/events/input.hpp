// Event files as streams of lines: plain text, gzip (one or more members) and zip archives (every
// entry, stored or deflated, read through its local headers, so a zip streams from a pipe too),
// detected from their first bytes; "-" is standard input. Memory is one buffer, whatever the size.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace actorgraph::detail::events {

// Decompressed bytes of one input, in order. For a zip, entry() names the entry being read.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Up to `size` bytes into `out`; 0 at the end of the current part (the file, or one zip entry).
  // Throws IoError naming the file.
  virtual std::size_t read(char* out, std::size_t size) = 0;
  // Moves to the next zip entry; false when there is none (always false for other inputs).
  virtual bool next_part() { return false; }
  // Whether the input is an archive of parts (a zip): read them with next_part().
  virtual bool is_archive() const { return false; }
  // The name of the current zip entry ("" for other inputs).
  virtual std::string part_name() const { return {}; }
  // Bytes consumed from the underlying file so far (for progress).
  virtual std::uint64_t bytes_in() const = 0;
};

// Opens `path` ("-": standard input) and picks the decoder from its first bytes. Throws IoError.
std::unique_ptr<ByteStream> open_event_input(const std::string& path);

// Splits a stream into lines (LF; a CR before it is dropped). A line longer than `max_line` bytes is
// returned cut, with `too_long` set, and the rest of it skipped.
class LineReader {
 public:
  explicit LineReader(ByteStream& stream, std::size_t max_line = 1 << 20);
  // The next line of the current part, without its line ending; false at the end of the part.
  bool next(std::string_view& line, bool& too_long);
  std::uint64_t line_number() const noexcept { return line_; }
  void restart() noexcept { line_ = 0; }

 private:
  bool fill();
  ByteStream& stream_;
  std::string buffer_;
  std::size_t begin_ = 0, end_ = 0;
  std::size_t max_line_;
  std::uint64_t line_ = 0;
  bool eof_ = false;
};

}  // namespace actorgraph::detail::events
