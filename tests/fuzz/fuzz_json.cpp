// Fuzz target: the JSON node-link reader (check_dataset_text), and the round trip of every graph that
// loads through the canonical writer and each exchange format.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  actorgraph::fuzz::exchange_target(data, size, actorgraph::ExchangeFormat::json);
  return 0;
}
