// Fuzz target: the influence parameter file (InfluenceParameters::load, which reads from a path:
// the input is written to a scratch file first). Any text is either read or refused with a
// DataError; what is read stays within the documented ranges.
#include "actorgraph/analysis/influence.hpp"

#include "fuzz_common.hpp"

#include <cmath>

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
  for (const auto& [type, w] : parameters.weight) fuzz::check(std::isfinite(w) && w >= 0, "weight." + type + " out of range");
  for (const auto& [type, h] : parameters.half_life) fuzz::check(h > 0, "half_life." + type + " out of range");
  for (const auto& [unit, s] : parameters.unit_scale) fuzz::check(std::isfinite(s) && s > 0, "scale." + unit + " out of range");
  fuzz::check(parameters.mix_direct >= 0 && parameters.mix_direct <= 1, "mix.direct out of range");
  fuzz::check(parameters.damping > 0 && parameters.damping < 1, "network.damping out of range");
  fuzz::check(std::isfinite(parameters.network_scale) && parameters.network_scale >= 0, "network.scale out of range");
  fuzz::check(parameters.undated_factor >= 0 && parameters.undated_factor <= 1, "undated.factor out of range");
  fuzz::check(std::isfinite(parameters.default_weight) && parameters.default_weight >= 0, "default.weight out of range");
  fuzz::check(parameters.default_half_life > 0, "default.half_life out of range");
  return 0;
}
