#include "actorgraph/error.hpp"
#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/text_file.hpp"

#include "fixtures.hpp"
#include "io/detail/csv_bytes.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace actorgraph;

namespace {

struct Parsed {
  std::vector<std::vector<std::string>> records;
  std::vector<CsvProblem> problems;
};

Parsed parse(std::string_view text) {
  Parsed out;
  CsvReader reader(text);
  std::vector<CsvField> fields;
  while (reader.next(fields, out.problems)) {
    std::vector<std::string> record;
    for (const auto& f : fields) record.emplace_back(f.value);
    out.records.push_back(std::move(record));
  }
  return out;
}

using Records = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("Plain records split on commas and line ends", "[io][csv]") {
  const auto p = parse("a,b,c\n1,2,3\n");
  CHECK(p.records == Records{{"a", "b", "c"}, {"1", "2", "3"}});
  CHECK(p.problems.empty());
}

TEST_CASE("The last line may lack its line ending", "[io][csv]") {
  CHECK(parse("a,b\n1,2").records == Records{{"a", "b"}, {"1", "2"}});
}

TEST_CASE("CRLF line endings are accepted and not kept in values", "[io][csv]") {
  CHECK(parse("a,b\r\n1,2\r\n").records == Records{{"a", "b"}, {"1", "2"}});
}

TEST_CASE("A byte-order mark at the start is skipped", "[io][csv]") {
  CHECK(parse("\xEF\xBB\xBFid,x\n1,2\n").records == Records{{"id", "x"}, {"1", "2"}});
}

TEST_CASE("Empty fields are kept, including a trailing one", "[io][csv]") {
  CHECK(parse(",a,,\n").records == Records{{"", "a", "", ""}});
}

TEST_CASE("Blank lines are skipped", "[io][csv]") {
  CHECK(parse("a\n\n\r\nb\n\n").records == Records{{"a"}, {"b"}});
}

TEST_CASE("Quoted fields keep commas, doubled quotes and line breaks", "[io][csv]") {
  const auto p = parse("\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"crlf\r\ninside\"\nnext\n");
  CHECK(p.problems.empty());
  REQUIRE(p.records.size() == 2);
  CHECK(p.records[0] == std::vector<std::string>{"a,b", "say \"hi\"", "line1\nline2", "crlf\r\ninside"});
  CHECK(p.records[1] == std::vector<std::string>{"next"});
}

TEST_CASE("An empty quoted field and a quoted field of only quotes", "[io][csv]") {
  CHECK(parse("\"\",\"\"\"\"\n").records == Records{{"", "\""}});
}

TEST_CASE("UTF-8 text passes through unchanged", "[io][csv]") {
  CHECK(parse("Тоҷикистон,\"Душанбе, пойтахт\"\n").records == Records{{"Тоҷикистон", "Душанбе, пойтахт"}});
}

TEST_CASE("Field offsets point at the first character or the opening quote", "[io][csv]") {
  CsvReader reader("ab,\"cd\",e\nf\n");
  std::vector<CsvField> fields;
  std::vector<CsvProblem> problems;
  REQUIRE(reader.next(fields, problems));
  CHECK(fields[0].offset == 0);
  CHECK(fields[1].offset == 3);
  CHECK(fields[2].offset == 8);
  CHECK(reader.record_offset() == 0);
  REQUIRE(reader.next(fields, problems));
  CHECK(reader.record_offset() == 10);
  CHECK(fields[0].offset == 10);
}

TEST_CASE("An unterminated quote is reported at the opening quote and takes the rest", "[io][csv]") {
  const auto p = parse("a,\"open\nb,c\n");
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0].offset == 2);
  CHECK(p.problems[0].message == "unterminated quoted field: the quote opened here is never closed");
  CHECK(p.records == Records{{"a", "open\nb,c\n"}});
}

TEST_CASE("A quote inside an unquoted field is reported and kept", "[io][csv]") {
  const auto p = parse("ab\"c,d\n");
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0].offset == 2);
  CHECK(p.problems[0].message ==
        "quote character inside an unquoted field (enclose the field in quotes and write the quote as \"\")");
  CHECK(p.records == Records{{"ab\"c", "d"}});
}

// The reader finds the commas, line ends and quotes of plain fields 64 bytes at a time, from where a
// field starts (detail/csv_bytes.hpp): a comma, a line end or a stray quote must be found at every
// place in a block, in fields of every length up to past two blocks, starting anywhere in a block,
// and in the text's last bytes (fewer than 64 left), which are looked at one by one.
TEST_CASE("Plain fields of any length end at the right byte, a stray quote found at any place", "[io][csv]") {
  const std::string trailer = "\n" + std::string(70, 'z');  // keeps the fields out of the last 64 bytes
  for (const std::size_t pad : {0, 1, 31, 63})
    for (const std::string& end : {std::string(), trailer}) {
      const std::string first = std::string(pad, 'p') + "\n";  // a record before, to move the fields in the blocks
      const Records before = pad == 0 ? Records{} : Records{{std::string(pad, 'p')}};
      const auto with = [&](Records records) {
        Records all = before;
        all.insert(all.end(), records.begin(), records.end());
        if (!end.empty()) all.push_back({std::string(70, 'z')});
        return all;
      };
      for (std::size_t length = 1; length <= 140; ++length) {  // an empty last field would make an empty line
        std::string value;
        for (std::size_t i = 0; i < length; ++i) value += static_cast<char>('a' + i % 26);
        INFO("pad " << pad << ", trailer " << !end.empty() << ", length " << length);
        CHECK(parse(first + value + "," + value + "\n" + value + end).records == with({{value, value}, {value}}));
        CHECK(parse(first + "x,\n" + value + "\r" + (end.empty() ? "\n" : end)).records == with({{"x", ""}, {value}}));
        for (std::size_t at = 1; at < length; ++at) {  // at 0 the quote would open a quoted field
          std::string quoted = value;
          quoted[at] = '"';
          if (at + 2 < length) quoted[at + 2] = '"';  // a second one in the same field: one problem
          INFO("quote at " << at);
          const auto p = parse(first + "x," + quoted + ",y" + end);
          REQUIRE(p.problems.size() == 1);
          CHECK(p.problems[0].offset == first.size() + 2 + at);
          CHECK(p.records == with({{"x", quoted, "y"}}));
        }
      }
    }
}

TEST_CASE("The 64-byte scan finds exactly the commas, line feeds and quotes, as the portable one does", "[io][csv]") {
  std::string block(detail::csv_block_bytes, 'a');
  CHECK(detail::csv_special_bytes(block.data()) == 0);
  block[0] = ',';
  block[9] = '\n';
  block[40] = '"';
  block[63] = ',';
  block[20] = '\r';                           // not sought
  block[21] = static_cast<char>(',' | 0x80);  // nor a byte that differs from one in its high bit only
  const std::uint64_t expected = 1ull | 1ull << 9 | 1ull << 40 | 1ull << 63;
  CHECK(detail::csv_special_bytes(block.data()) == expected);
  CHECK(detail::csv_special_bytes_portable(block.data()) == expected);
  // Every byte value at every place, against a byte-by-byte definition.
  std::uint64_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::uint64_t want = 0;
    for (std::size_t i = 0; i < block.size(); ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      const auto pick = static_cast<unsigned>(state >> 56);
      block[i] = static_cast<char>(pick < 24 ? ",\n\"\r"[pick % 4] : pick);  // many separators, and every byte
      if (block[i] == ',' || block[i] == '\n' || block[i] == '"') want |= 1ull << i;
    }
    REQUIRE(detail::csv_special_bytes(block.data()) == want);
    REQUIRE(detail::csv_special_bytes_portable(block.data()) == want);
  }
}

TEST_CASE("Text after a closing quote is reported and appended", "[io][csv]") {
  const auto p = parse("\"ab\"cd,e\n");
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0].offset == 4);
  CHECK(p.problems[0].message == "unexpected text after a closing quote (a quote inside a quoted field is written \"\")");
  CHECK(p.records == Records{{"abcd", "e"}});
}

TEST_CASE("Line index gives 1-based lines and columns in code points", "[io][csv]") {
  const std::string text = "ab\nТоҷ,x\n";
  LineIndex index(text);
  std::uint64_t line = 0, column = 0;
  index.locate(0, line, column);
  CHECK((line == 1 && column == 1));
  index.locate(3, line, column);
  CHECK((line == 2 && column == 1));
  index.locate(text.find(",x"), line, column);  // after three two-byte letters
  CHECK((line == 2 && column == 4));
}

TEST_CASE("The writer quotes only when it must", "[io][csv]") {
  std::string out;
  append_csv_record(out, {"plain", "a,b", "say \"hi\"", "two\nlines", " padded", "", "Тоҷ"});
  CHECK(out == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",,Тоҷ\n");
}

TEST_CASE("The writer quotes a field with a comma, a quote or a line break anywhere in it", "[io][csv]") {
  for (const std::string special : {",", "\"", "\r", "\n"})
    for (const std::string& value : {special, special + "abc", "abc" + special, "ab" + special + "cdefghijklmnop"}) {
      INFO(value);
      std::string out;
      append_csv_field(out, value);
      std::string want = "\"";
      for (const char c : value) want += c == '"' ? std::string("\"\"") : std::string(1, c);
      CHECK(out == want + "\"");
    }
  std::string out;
  append_csv_field(out, "trailing ");
  append_csv_field(out,
                   "\xEF\xBB\xBF"
                   "bom");
  append_csv_field(out, "semi;colon|tab\there");
  CHECK(out ==
        "\"trailing \"\"\xEF\xBB\xBF"
        "bom\"semi;colon|tab\there");
}

TEST_CASE("Writing then reading gives the values back", "[io][csv]") {
  const std::vector<std::string_view> values{"a,b", "\"", "x\r\ny", "", " s ", "plain"};
  std::string out;
  append_csv_record(out, values);
  const auto p = parse(out);
  REQUIRE(p.records.size() == 1);
  CHECK(p.records[0] == std::vector<std::string>(values.begin(), values.end()));
}

TEST_CASE("An unreadable text file is an I/O error naming the file and why", "[io]") {
  CHECK_THROWS_AS(read_text_file("/nonexistent/style.csv", "the style file"), IoError);
  CHECK_THROWS_WITH(read_text_file("/nonexistent/style.csv", "the style file"),
                    "/nonexistent/style.csv: cannot read the style file: No such file or directory");
  CHECK(read_text_file(actorgraph::test::data_path("small/blocs.csv")).rfind("bloc,actor,role", 0) == 0);
}

TEST_CASE("A large file is read whole, in two halves at once or in one loop, byte for byte", "[io]") {
  // 16 MiB and 3 bytes (the smallest file read in halves, and halves of unequal length), every
  // byte value, no two 4 KiB pages alike.
  std::string content((std::size_t{16} << 20) + 3, '\0');
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  for (char& c : content) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    c = static_cast<char>(state >> 56);
  }
  const actorgraph::test::TempDataset folder({{"big.bin", content}, {"small.bin", content.substr(0, 1000)}});
  for (const unsigned threads : {1u, 2u, 0u}) {
    std::string why;
    const auto big = try_read_file(folder.path() + "/big.bin", why, threads);
    REQUIRE(big);
    CHECK(big->size() == content.size());
    CHECK(*big == content);
    const auto small = try_read_file(folder.path() + "/small.bin", why, threads);
    REQUIRE(small);
    CHECK(*small == content.substr(0, 1000));
  }
}
