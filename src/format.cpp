#include "actorgraph/format.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace actorgraph {

std::string shortest_number(double value) {
  // libfmt's "{}" gives the shortest round-trip digits, but switches to the exponent form at fixed
  // thresholds; std::to_chars, which this project's outputs have always followed, takes whichever
  // form is shorter. So: the digits and exponent from libfmt, the choice as to_chars makes it.
  if (!std::isfinite(value)) return fmt::format("{}", value);
  const std::string shortest = fmt::format("{}", value);
  std::string digits;
  int exponent = 0;
  {
    // The shortest digits, read from libfmt's shortest form (fixed or exponent).
    const std::size_t e = shortest.find('e');
    const std::string mantissa = shortest.substr(0, e);
    const std::size_t point = mantissa.find('.');
    const std::size_t first = mantissa.find_first_not_of("-");
    std::string all = mantissa.substr(first);
    int point_at = static_cast<int>((point == std::string::npos ? mantissa.size() : point) - first);
    if (point != std::string::npos) all.erase(point - first, 1);
    const std::size_t nonzero = all.find_first_not_of('0');
    if (nonzero == std::string::npos) {
      digits = "0";
      point_at = 1;
    } else {
      digits = all.substr(nonzero);
      point_at -= static_cast<int>(nonzero);
    }
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    exponent = point_at - 1 + (e == std::string::npos ? 0 : std::atoi(shortest.c_str() + e + 1));
  }
  const std::string sign = std::signbit(value) ? "-" : "";
  const int n = static_cast<int>(digits.size());
  std::string scientific = sign + digits.substr(0, 1) + (n > 1 ? "." + digits.substr(1) : "") + "e" + (exponent < 0 ? "-" : "+") +
                           fmt::format("{:02}", std::abs(exponent));
  std::string fixed;
  if (exponent >= n - 1) fixed = fmt::format("{:.0f}", value);  // an integer: its exact value, as to_chars writes it
  else if (exponent >= 0) fixed = sign + digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
  else fixed = sign + "0." + std::string(-exponent - 1, '0') + digits;
  return scientific.size() < fixed.size() ? scientific : fixed;
}

std::string json_number(double value) { return std::isfinite(value) ? shortest_number(value) : "null"; }

std::string format_number(double value) { return std::isfinite(value) ? shortest_number(value) : std::string(); }

std::string fixed_number(double value, int digits) { return fmt::format("{:.{}f}", value, digits); }

std::string trimmed_number(double value, int digits) {
  std::string s = fixed_number(value, digits);
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string significant_number(double value, int digits) { return fmt::format("{:.{}g}", value, digits); }

std::string percent_number(double share) {
  const std::string s = fixed_number(100 * share, 0);
  return s == "-0" ? "0" : s;
}

std::string format_score(double value, std::string_view format) {
  if (format == "table") return significant_number(value, 6);
  if (format == "json") return json_number(value);
  return shortest_number(value);
}

std::string relation_sources(const Dataset& d, RelationId r) {
  std::string out;
  for (SourceId s : d.relation_sources(r)) out.append(out.empty() ? "" : "|").append(d.source_id(s));
  return out;
}

}  // namespace actorgraph
