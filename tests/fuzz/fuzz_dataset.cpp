// Fuzz target: a whole dataset given as file contents (check_dataset_files). The input is split at
// form feeds (\f) into actors.csv, relations.csv, sources.csv, types.csv and blocs.csv, in that
// order; files after the last part are absent, parts after the fifth are ignored. A dataset that
// loads must round-trip through the canonical writer and each exchange format.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace actorgraph;
  static const char* const names[] = {"actors.csv", "relations.csv", "sources.csv", "types.csv", "blocs.csv"};
  std::map<std::string, std::string> files;
  std::string_view rest = fuzz::as_text(data, size);
  for (const char* name : names) {
    const std::size_t end = rest.find('\f');
    files[name] = std::string(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  CheckResult result;
  try {
    result = check_dataset_files("fuzz", files);
  } catch (const Error&) {
    return 0;  // refused, with a message
  }
  if (result.dataset) fuzz::check_dataset_round_trip(*result.dataset);
  return 0;
}
