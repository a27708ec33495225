#include "actorgraph/error.hpp"

namespace actorgraph {

std::string Diagnostic::str() const {
  std::string out = file;
  if (line > 0) {
    out.append(":").append(std::to_string(line));
    if (column > 0) out.append(":").append(std::to_string(column));
  }
  out += severity == Severity::error ? ": error: " : ": warning: ";
  out += message;
  return out;
}

namespace {
std::size_t count_of(const Diagnostics& diagnostics, Severity severity) {
  std::size_t n = 0;
  for (const auto& d : diagnostics)
    if (d.severity == severity) n += static_cast<std::size_t>(d.count);
  return n;
}
}  // namespace

std::size_t count_errors(const Diagnostics& diagnostics) { return count_of(diagnostics, Severity::error); }
std::size_t count_warnings(const Diagnostics& diagnostics) { return count_of(diagnostics, Severity::warning); }

namespace {
std::string join_diagnostics(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.str();
  }
  return out.empty() ? std::string("invalid dataset") : out;
}
}  // namespace

DataError::DataError(Diagnostics diagnostics)
    : Error(join_diagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

ParseError::ParseError(std::string file, std::uint64_t line, std::uint64_t column, const std::string& message)
    : Error(Diagnostic{file, line, column, Severity::error, message}.str()),
      file_(std::move(file)), line_(line), column_(column) {}

}  // namespace actorgraph
