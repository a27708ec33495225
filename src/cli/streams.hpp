// The CLI's standard streams: output that cannot be lost in silence, errors that cannot drive the
// terminal.
#pragma once

#include <memory>

namespace actorgraph::cli {

// For the life of the object, std::cout writes through a checked buffer to file descriptor 1, and
// std::cerr through a filter to descriptor 2.
// - Standard output: every write(2) is checked and the first failure remembered with its reason; on
//   a terminal each complete line shows at once, elsewhere 64 KiB at a time. finish() flushes and
//   closes it, so that `actorgraph stats > /dev/full` fails instead of reporting success.
// - Standard error: messages echo what the user's data holds (ids, labels, quotes), so each line is
//   passed through terminal_safe (model/text.hpp): control characters, bidirectional overrides and
//   invalid UTF-8 show as visible escapes. Line breaks stay, and so does a carriage return (progress
//   lines redraw themselves with it).
class StandardStreams {
 public:
  StandardStreams();
  ~StandardStreams();
  StandardStreams(const StandardStreams&) = delete;
  StandardStreams& operator=(const StandardStreams&) = delete;

  // Flushes and closes standard output. Returns `code`, or exit code 1 (with a message on standard
  // error naming the reason) when a write to standard output failed and `code` was 0.
  int finish(int code);

 private:
  struct Buffers;
  std::unique_ptr<Buffers> buffers_;
};

}  // namespace actorgraph::cli
