// The one exception hierarchy of actorgraph, and the diagnostics that validation reports.
//
// Every failure the library can detect is an actorgraph::Error. The CLI maps the subclasses to its
// documented exit codes (docs/CLI.md): DataError and IoError to 1, UsageError to 2.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace actorgraph {

enum class Severity { error, warning };

// One problem found in a dataset. `line` and `column` are 1-based; 0 means "not applicable"
// (a missing file has no line). `column` counts Unicode code points from the start of the line.
struct Diagnostic {
  std::string file;
  std::uint64_t line = 0;
  std::uint64_t column = 0;
  Severity severity = Severity::error;
  std::string message;
  // How many problems this line stands for: 1, or for a summary line ("1200 further errors not
  // listed") the number it summarises, so that totals count problems, not lines.
  std::uint64_t count = 1;

  // "file:line:column: error: message", the format compilers use, so editors can jump to it.
  std::string str() const;
};

// Diagnostics in the order they should be shown: by file, then by position.
using Diagnostics = std::vector<Diagnostic>;

// The number of errors and of warnings, summary lines counted for what they summarise.
std::size_t count_errors(const Diagnostics& diagnostics);
std::size_t count_warnings(const Diagnostics& diagnostics);

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A dataset that cannot be used: every problem found, errors and warnings. what() holds them all,
// one per line.
class DataError : public Error {
 public:
  explicit DataError(Diagnostics diagnostics);
  const Diagnostics& diagnostics() const noexcept { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

// One malformed piece of text at a known position, e.g. a DOT file cgraph refused.
class ParseError : public Error {
 public:
  ParseError(std::string file, std::uint64_t line, std::uint64_t column, const std::string& message);
  const std::string& file() const noexcept { return file_; }
  std::uint64_t line() const noexcept { return line_; }
  std::uint64_t column() const noexcept { return column_; }

 private:
  std::string file_;
  std::uint64_t line_;
  std::uint64_t column_;
};

// A request the caller got wrong: an unknown actor or type name, an empty date range, a bad option
// value. The message says how to fix it.
class UsageError : public Error {
 public:
  using Error::Error;
};

// A file or folder that cannot be read or written.
class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace actorgraph
