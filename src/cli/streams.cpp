#include "cli/streams.hpp"

#include "cli/common.hpp"

#include "actorgraph/io/output_file.hpp"
#include "actorgraph/model/text.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <streambuf>
#include <string>

#include <unistd.h>

namespace actorgraph::cli {

namespace {

// Standard output through a buffer that remembers the first failed write and why.
class CheckedOutput : public std::streambuf {
 public:
  CheckedOutput() : line_buffered_(::isatty(1) == 1) { setp(buffer_, buffer_ + sizeof buffer_); }
  int error() const noexcept { return error_; }
  bool failed() const noexcept { return failed_; }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  // On a terminal each line shows when it is complete, as with stdio.
  std::streamsize xsputn(const char* text, std::streamsize n) override {
    const std::streamsize written = std::streambuf::xsputn(text, n);
    if (line_buffered_ && std::char_traits<char>::find(text, static_cast<std::size_t>(n), '\n') != nullptr) sync();
    return written;
  }
  int sync() override {
    if (!failed_ && pptr() > pbase()) {
      error_ = write_to_descriptor(1, std::string_view(pbase(), static_cast<std::size_t>(pptr() - pbase())));
      failed_ = error_ != 0;
    }
    setp(buffer_, buffer_ + sizeof buffer_);  // after a failure the rest is dropped
    return failed_ ? -1 : 0;
  }

 private:
  char buffer_[1 << 16];
  bool line_buffered_;
  bool failed_ = false;
  int error_ = 0;
};

// Standard error, one line at a time through terminal_safe. A line is held until its end (or a
// carriage return, or a flush), so that a character is never split between two escapes.
class SafeErrors : public std::streambuf {
 public:
  ~SafeErrors() override { sync(); }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    if (ch == '\n' || ch == '\r') {
      emit(std::string_view(&ch, 1));
    } else {
      line_ += ch;
    }
    return c;
  }
  std::streamsize xsputn(const char* text, std::streamsize n) override {
    for (std::streamsize i = 0; i < n; ++i) overflow(traits_type::to_int_type(text[i]));
    return n;
  }
  int sync() override {
    emit({});
    return 0;
  }

 private:
  // Writes the pending line, made safe, then `end` (a line break or carriage return) as it is.
  void emit(std::string_view end) {
    const std::string text = terminal_safe(line_) + std::string(end);
    line_.clear();
    write_to_descriptor(2, text);  // nothing to report a failure of standard error to
  }
  std::string line_;
};

}  // namespace

struct StandardStreams::Buffers {
  CheckedOutput out;
  SafeErrors errors;
  std::streambuf* previous_out = nullptr;
  std::streambuf* previous_errors = nullptr;
};

StandardStreams::StandardStreams() : buffers_(std::make_unique<Buffers>()) {
  buffers_->previous_out = std::cout.rdbuf(&buffers_->out);
  buffers_->previous_errors = std::cerr.rdbuf(&buffers_->errors);
}

StandardStreams::~StandardStreams() {
  std::cout.flush();
  std::cerr.flush();
  std::cout.rdbuf(buffers_->previous_out);
  std::cerr.rdbuf(buffers_->previous_errors);
}

int StandardStreams::finish(int code) {
  std::cout.flush();
  int error = buffers_->out.error();
  bool failed = buffers_->out.failed() || !std::cout;
  if (!failed && ::close(1) != 0 && errno != EBADF) {
    failed = true;
    error = errno;
  }
  if (!failed) return code;
  std::cerr << "actorgraph: error: cannot write standard output" << (error ? ": " + std::string(std::strerror(error)) : "") << "\n";
  return code == exit_ok ? exit_data : code;
}

}  // namespace actorgraph::cli
