// Fuzz target: partial dates (PartialDate::parse). A date that parses is canonical text already
// ("YYYY", "YYYY-MM", "YYYY-MM-DD"), prints as that text and parses back equal, and names a
// non-empty period; a refused text comes with a reason.
#include "actorgraph/model/date.hpp"

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace actorgraph;
  const std::string_view text = fuzz::as_text(data, size);
  std::string why;
  const std::optional<PartialDate> date = PartialDate::parse(text, &why);
  if (!date) {
    fuzz::check(!why.empty(), "refused without a reason: " + fuzz::quoted(text));
    return 0;
  }
  const std::string printed = date->str();
  fuzz::check(!date->empty(), "parsed to the empty date: " + fuzz::quoted(text));
  fuzz::check(printed == text, "parsed " + fuzz::quoted(text) + " prints as " + fuzz::quoted(printed));
  const std::optional<PartialDate> again = PartialDate::parse(printed);
  fuzz::check(again && *again == *date && (*again <=> *date) == 0, fuzz::quoted(printed) + " does not parse back equal");
  fuzz::check(date->first_day() <= date->last_day(), fuzz::quoted(text) + " names an empty period");
  const int expected_length = date->precision() == DatePrecision::year ? 4 : date->precision() == DatePrecision::month ? 7 : 10;
  fuzz::check(static_cast<int>(printed.size()) == expected_length, fuzz::quoted(printed) + " has the wrong length for its precision");
  return 0;
}
