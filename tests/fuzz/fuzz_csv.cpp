// Fuzz target: the CSV tokenizer (CsvReader, LineIndex). Every problem is reported at an offset
// inside the text; a text read without problems, re-encoded with append_csv_record, reads back as
// the same records, again without problems.
#include "actorgraph/io/csv.hpp"

#include "fuzz_common.hpp"

#include <vector>

namespace {

using Records = std::vector<std::vector<std::string>>;

Records read_all(std::string_view text, std::vector<actorgraph::CsvProblem>& problems) {
  actorgraph::CsvReader reader(text);
  std::vector<actorgraph::CsvField> fields;
  Records records;
  while (reader.next(fields, problems)) {
    actorgraph::fuzz::check(reader.record_offset() <= reader.record_end() && reader.record_end() <= text.size(),
                            "record offsets outside the text");
    auto& record = records.emplace_back();
    for (const auto& f : fields) {
      actorgraph::fuzz::check(f.offset <= text.size(), "field offset outside the text");
      record.emplace_back(f.value);
    }
  }
  return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace actorgraph;
  const std::string_view text = fuzz::as_text(data, size);
  std::vector<CsvProblem> problems;
  const Records records = read_all(text, problems);

  LineIndex lines(text);
  for (const auto& p : problems) {
    fuzz::check(p.offset <= text.size() && !p.message.empty(), "a problem outside the text, or without a message");
    std::uint64_t line = 0, column = 0;
    lines.locate(p.offset, line, column);
    fuzz::check(line >= 1 && column >= 1, "a problem located before line 1, column 1");
  }
  if (!problems.empty()) return 0;

  std::string encoded;
  for (const auto& record : records) {
    const std::vector<std::string_view> values(record.begin(), record.end());
    append_csv_record(encoded, values);
  }
  std::vector<CsvProblem> again_problems;
  const Records again = read_all(encoded, again_problems);
  fuzz::check(again_problems.empty(), "re-encoded records have problems: " + (again_problems.empty() ? "" : again_problems[0].message) +
                                          "\n  encoded: " + fuzz::quoted(encoded));
  if (again != records) {
    std::string what = "re-encoded records read back differently (" + std::to_string(records.size()) + " records, then " +
                       std::to_string(again.size()) + ")\n  input:   " + fuzz::quoted(text) + "\n  encoded: " + fuzz::quoted(encoded);
    fuzz::fail(what);
  }
  return 0;
}
