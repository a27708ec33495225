// What the GraphML (XML) and JSON readers share: the text and its name for messages, the read
// position, the start of a parse (UTF-8 check, byte-order mark) and failing at a byte offset with
// file:line:column.
#pragma once

#include "actorgraph/error.hpp"
#include "actorgraph/io/csv.hpp"
#include "actorgraph/model/text.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace actorgraph::detail {

class TextParser {
 public:
  TextParser(std::string_view text, std::string file) : text_(text), file_(std::move(file)), lines_(text) {}

  [[noreturn]] void fail(std::uint64_t offset, const std::string& message) {
    std::uint64_t line = 0, column = 0;
    lines_.locate(offset, line, column);
    throw ParseError(file_, line, column, message);
  }

  // The 1-based line and column (code points) of a byte offset.
  void locate(std::uint64_t offset, std::uint64_t& line, std::uint64_t& column) { lines_.locate(offset, line, column); }

  // The 1-based line of a byte offset.
  std::uint64_t line_of(std::uint64_t offset) {
    std::uint64_t line = 0, column = 0;
    lines_.locate(offset, line, column);
    return line;
  }

 protected:
  static constexpr int max_depth = 256;  // deeper nesting is refused rather than risking the stack

  // Two upper-case hex digits of a byte.
  static std::string hex(unsigned byte) {
    static constexpr char digits[] = "0123456789ABCDEF";
    return {digits[(byte >> 4) & 15], digits[byte & 15]};
  }

  // Fails at the first byte that is not valid UTF-8, then skips a byte-order mark.
  void start() {
    if (const std::size_t bad = find_invalid_utf8(text_); bad != std::string_view::npos)
      fail(bad, "invalid UTF-8 (byte 0x" + hex(static_cast<unsigned char>(text_[bad])) + "); save the file as UTF-8");
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  std::string_view text_;
  std::string file_;
  LineIndex lines_;  // built lazily on the first failure
  std::size_t pos_ = 0;
};

}  // namespace actorgraph::detail
