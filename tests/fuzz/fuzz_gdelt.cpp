// Fuzz target: the GDELT event importer (io/events.hpp) on arbitrary bytes (plain, or gzip/zip when
// the bytes start like one). Whatever it reads, every row is accounted for (read = imported + kept
// single + filtered + refused), and what it imports passes the dataset checks.
#include "actorgraph/error.hpp"
#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/events.hpp"

#include "fuzz_common.hpp"

#include <cstdio>
#include <string>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace actorgraph;
  static const std::string path = "/tmp/actorgraph-fuzz-gdelt-" + std::to_string(::getpid());
  if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
    if (size > 0) std::fwrite(data, 1, size, f);
    std::fclose(f);
  } else {
    return 0;
  }
  for (const bool keep_single : {false, true}) {
    EventImportOptions o;
    o.keep_single = keep_single;
    o.aggregation = keep_single ? EventAggregation::month : EventAggregation::none;
    EventImportResult r;
    try {
      r = import_events({path}, o);
    } catch (const IoError&) {
      continue;  // a broken gzip or zip
    }
    const EventImportSummary& s = r.summary;
    fuzz::check(s.rows_read == s.imported + s.kept_single + s.filtered() + s.refused(), "a row not accounted for");
    const CheckResult check = check_dataset_files("fuzz", imported_csv(r.tables));
    if (!check.dataset) {
      std::string first;
      for (const auto& d : check.diagnostics)
        if (d.severity == Severity::error) {
          first = d.str();
          break;
        }
      fuzz::fail("the import does not pass check: " + first + "\n  input: " + fuzz::quoted(fuzz::as_text(data, size)));
    }
  }
  std::remove(path.c_str());
  return 0;
}
