#include "actorgraph/error.hpp"

#include <algorithm>

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

std::size_t count_errors(const Diagnostics& diagnostics) {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
      [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

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
