#include "actorgraph/format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace actorgraph {

std::string format_number(double value) {
  if (!std::isfinite(value)) return {};
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

std::string format_score(double value, const std::string& format) {
  if (format != "table") {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return ec == std::errc() ? std::string(buf, end) : std::string();
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  return buf;
}

std::string relation_sources(const Dataset& d, RelationId r) {
  std::string out;
  for (SourceId s : d.relation_sources(r)) out.append(out.empty() ? "" : "|").append(d.source_id(s));
  return out;
}

}  // namespace actorgraph
