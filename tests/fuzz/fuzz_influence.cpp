// Fuzz target: the influence parameter file (InfluenceParameters::load, which reads from a path:
// the input is written to a scratch file first). Any text is either read or refused with a
// DataError; a file that is accepted is applied whole (every row's value is in effect: none is
// dropped silently) and what is read stays within the documented ranges.
#include "actorgraph/analysis/influence.hpp"
#include "actorgraph/io/csv.hpp"

#include "fuzz_common.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <vector>

namespace {

// Fails unless each `name,value` row of an accepted file is in effect in `p` (the last row of a
// name wins).
void check_applied(std::string_view text, const actorgraph::InfluenceParameters& p) {
  using namespace actorgraph;
  CsvReader reader(text);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> problems;
  reader.next(fields, problems);  // the header
  std::map<std::string, double> last;
  while (reader.next(fields, problems)) {
    if (fields.size() < 2) continue;
    double value = std::numeric_limits<double>::infinity();
    const std::string_view v = fields[1].value;
    if (v != "none") std::from_chars(v.data(), v.data() + v.size(), value);
    last[std::string(fields[0].value)] = value;
  }
  auto in_map = [](const std::map<std::string, double>& m, const std::string& key) {
    const auto it = m.find(key);
    return it == m.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
  };
  for (const auto& [name, value] : last) {
    const std::size_t dot = name.find('.');
    const std::string group = name.substr(0, dot), key = dot == std::string::npos ? "" : name.substr(dot + 1);
    double in_effect = std::numeric_limits<double>::quiet_NaN();
    if (group == "weight") in_effect = in_map(p.weight, key);
    else if (group == "half_life") in_effect = in_map(p.half_life, key);
    else if (group == "scale") in_effect = in_map(p.unit_scale, key);
    else if (group == "valence" || group == "dimension") continue;  // words, not numbers: checked below
    else if (name == "uncertainty.spread") in_effect = p.spread;
    else if (name == "uncertainty.draws") in_effect = static_cast<double>(p.draws);
    else if (name == "uncertainty.seed") in_effect = static_cast<double>(p.seed);
    else if (name == "default.weight") in_effect = p.default_weight;
    else if (name == "default.half_life") in_effect = p.default_half_life;
    fuzz::check(in_effect == value, "accepted parameter " + name + " is not in effect (" + std::to_string(value) + " read, " +
                                        std::to_string(in_effect) + " in effect)");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace actorgraph;
  static const fuzz::ScratchFile file("influence");
  static const RelationTypes types;
  fuzz::write_scratch(file.path(), fuzz::as_text(data, size));
  InfluenceParameters parameters = InfluenceParameters::defaults();
  try {
    parameters.load(file.path(), types);
  } catch (const DataError& e) {
    fuzz::check(!e.diagnostics().empty(), "a DataError without diagnostics");
    return 0;
  }
  check_applied(fuzz::as_text(data, size), parameters);
  for (const auto& [type, w] : parameters.weight) fuzz::check(std::isfinite(w) && w >= 0, "weight." + type + " out of range");
  for (const auto& [type, h] : parameters.half_life) fuzz::check(h > 0, "half_life." + type + " out of range");
  for (const auto& [unit, s] : parameters.unit_scale) fuzz::check(std::isfinite(s) && s > 0, "scale." + unit + " out of range");
  fuzz::check(parameters.spread >= 0 && parameters.spread < 1, "uncertainty.spread out of range");
  fuzz::check(parameters.draws <= 100000, "uncertainty.draws out of range");
  for (const auto& [type, range] : parameters.weight_range)
    fuzz::check(range.first <= parameters.weight.at(type) && parameters.weight.at(type) <= range.second, "weight." + type + " outside its range");
  fuzz::check(std::isfinite(parameters.default_weight) && parameters.default_weight >= 0, "default.weight out of range");
  fuzz::check(parameters.default_half_life > 0, "default.half_life out of range");
  return 0;
}
