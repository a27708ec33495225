#include "actorgraph/report/table.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using namespace actorgraph;

namespace {

// A table with a text and a numeric column and `rows` rows (an empty number is null in JSON, a
// comma and a quote need CSV quoting, a line break and a quote JSON escapes), added as strings and
// as views in turn.
ResultTable sample(std::size_t rows, std::ostream* stream = nullptr, std::string_view format = "") {
  ResultTable t;
  t.add_column("id");
  t.add_column("score", true);
  if (stream) t.stream_to(*stream, format);
  const std::string ids[] = {"a", "b,\"c\"", "line\nbreak"};
  const std::string scores[] = {"1.5", "", "-2"};
  for (std::size_t r = 0; r < rows; ++r) {
    if (r % 2) {
      t.add_row({ids[r % 3], scores[r % 3]});
    } else {  // the overload that takes views
      const std::string_view cells[] = {ids[r % 3], scores[r % 3]};
      t.add_row(cells);
    }
  }
  return t;
}

std::string written(const ResultTable& t, std::string_view format) {
  std::ostringstream out;
  t.write(out, format);
  return out.str();
}

}  // namespace

TEST_CASE("A result table in csv and json", "[report][table]") {
  CHECK(written(sample(3), "csv") == "id,score\na,1.5\n\"b,\"\"c\"\"\",\n\"line\nbreak\",-2\n");
  CHECK(written(sample(3), "json") ==
        "[\n  {\"id\": \"a\", \"score\": 1.5},\n  {\"id\": \"b,\\\"c\\\"\", \"score\": null},\n  {\"id\": \"line\\nbreak\", \"score\": -2}\n]\n");
  CHECK(written(sample(0), "json") == "[]\n");
  CHECK(written(sample(0), "csv") == "id,score\n");
}

TEST_CASE("A streamed result table writes the same bytes as a kept one and keeps no row", "[report][table]") {
  for (const char* format : {"csv", "json"})
    for (const std::size_t rows : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{20000}}) {
      INFO(format << ", " << rows << " rows");
      std::ostringstream out;
      const ResultTable streamed = sample(rows, &out, format);
      CHECK(streamed.rows() == rows);
      // Rows go out in blocks of about 64 KiB as they come (20,000 rows are some 250 KiB).
      if (rows == 20000) CHECK(out.str().size() > 128 * 1024);
      streamed.write(out, format);
      CHECK(out.str() == written(sample(rows), format));
    }
  // The text table keeps its rows (its widths need all of them): stream_to changes nothing.
  std::ostringstream out;
  const ResultTable table = sample(4, &out, "table");
  CHECK(out.str().empty());
  CHECK(written(table, "table") == written(sample(4), "table"));
}
