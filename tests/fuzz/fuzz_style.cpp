// Fuzz target: the render style sheet (parse_style_sheet). Any text is either read or refused with
// a DataError; nothing else may escape.
#include "actorgraph/render/style.hpp"

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace actorgraph;
  try {
    const StyleSheet sheet = parse_style_sheet(fuzz::as_text(data, size), "fuzz-style.csv");
    (void)sheet;
  } catch (const DataError& e) {
    fuzz::check(!e.diagnostics().empty(), "a DataError without diagnostics");
  }
  return 0;
}
