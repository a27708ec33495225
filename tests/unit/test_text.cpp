#include "actorgraph/error.hpp"
#include "actorgraph/model/text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

using namespace actorgraph;

TEST_CASE("Text columns store values back to back", "[model][text]") {
  TextColumn c;
  c.push_back("alpha");
  c.push_back("");
  c.push_back("Тоҷикистон");
  REQUIRE(c.size() == 3);
  CHECK(c[0] == "alpha");
  CHECK(c[1].empty());
  CHECK(c[2] == "Тоҷикистон");
  const char* before = c[0].data();
  TextColumn moved = std::move(c);
  CHECK(moved[0].data() == before);  // views survive a move
}

TEST_CASE("A text column in dictionary form reads its values through its codes and shares the dictionary", "[model][text]") {
  TextColumn ids;
  for (const char* id : {"rus", "tjk", "nato", ""}) ids.push_back(id);
  const std::vector<std::uint32_t> numbers{1, 1, 0, 2, 3, 0};
  Column<std::uint32_t> typed(numbers);
  TextColumn coded = TextColumn::coded(ids, typed.shared());
  REQUIRE(coded.is_coded());
  REQUIRE(coded.size() == 6);
  const std::vector<std::string_view> expected{"tjk", "tjk", "rus", "nato", "", "rus"};
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(coded[i] == expected[i]);
  // Shared, not copied: the dictionary's text and the typed column's values, where they were.
  CHECK(coded[0].data() == ids[1].data());
  CHECK(typed.is_view());
  CHECK(ids[0] == "rus");  // the dictionary reads as before
  // A copy reads the same; appending turns a copy back into plain text, the original unchanged.
  TextColumn copy = coded;
  copy.push_back("kaz");
  CHECK_FALSE(copy.is_coded());
  REQUIRE(copy.size() == 7);
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(copy[i] == expected[i]);
  CHECK(copy[6] == "kaz");
  CHECK(coded.size() == 6);
  // No codes: an empty column; a code past the dictionary: refused.
  CHECK(TextColumn::coded(ids, Column<std::uint32_t>()).empty());
  CHECK_THROWS_WITH(TextColumn::coded(ids, Column<std::uint32_t>(std::vector<std::uint32_t>{0, 4})),
                    "TextColumn: a code past the dictionary");
  CHECK_THROWS_WITH(TextColumn::coded(coded, Column<std::uint32_t>(std::vector<std::uint32_t>{0})),
                    "TextColumn: a dictionary cannot be in dictionary form itself");
}

TEST_CASE("A column of few distinct values is put in dictionary form only when that is smaller", "[model][text]") {
  TextColumn types;
  for (int i = 0; i < 1000; ++i) types.push_back(i % 3 == 0 ? "cooperation" : i % 3 == 1 ? "meeting" : "");
  const auto coded = TextColumn::with_dictionary(types, 16);
  REQUIRE(coded.has_value());
  CHECK(coded->is_coded());
  REQUIRE(coded->size() == types.size());
  for (std::size_t i = 0; i < types.size(); ++i) REQUIRE((*coded)[i] == types[i]);
  CHECK(coded->bytes() == std::string_view("cooperationmeeting").size());  // each distinct value once
  // More distinct values than allowed: left as it is.
  CHECK_FALSE(TextColumn::with_dictionary(types, 2).has_value());
  // Values as short as their codes' dictionary entries: no saving, left as it is.
  TextColumn distinct;
  for (const char* v : {"a", "b", "c", "a"}) distinct.push_back(v);
  CHECK_FALSE(TextColumn::with_dictionary(distinct, 16).has_value());
  CHECK_FALSE(TextColumn::with_dictionary(TextColumn(), 16).has_value());
}

// with_dictionary codes blocks of 65536 rows on the threads, each with its own dictionary, and
// merges them in row order. The values are numbered as they first appear in the column, so the
// codes are the same on any number of threads; and the limit holds for the column as a whole,
// also when no block alone passes it.
TEST_CASE("A column is put in dictionary form the same way on any number of threads", "[model][text]") {
  constexpr std::size_t rows = 600000;  // 9 blocks
  const auto column = [&](auto value) {
    TextColumn c;
    for (std::size_t i = 0; i < rows; ++i) c.push_back(value(i));
    return c;
  };
  // 302 values and the empty one (every fifth row), new ones in every block.
  const TextColumn few =
      column([](std::size_t i) { return i % 5 == 1 ? std::string() : "t" + std::to_string((rows - i) / 2000 % 300 + (i * 7919) % 3); });
  // 40 values in each block, but another 40 in every one: 360 in all.
  const TextColumn shifting = column([](std::size_t i) { return "v" + std::to_string(i / 65536 * 40 + i % 40); });
  const TextColumn distinct = column([](std::size_t i) { return "id" + std::to_string(i); });
  const auto codes = [](const TextColumn& c) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < c.size(); ++i) out.push_back(c.code(i));
    return out;
  };
  const auto one = TextColumn::with_dictionary(few, 1000, 1);
  REQUIRE(one.has_value());
  for (std::size_t i = 0; i < rows; ++i) REQUIRE((*one)[i] == few[i]);
  // Numbered as they first appear: the first row's value is 0, and no code is more than one past
  // the largest before it.
  std::uint32_t largest = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    REQUIRE(one->code(i) <= largest + (i > 0));
    largest = std::max(largest, one->code(i));
  }
  CHECK(largest == 302);
  for (const unsigned threads : {2u, 3u, 4u}) {
    INFO(threads << " threads");
    const auto many = TextColumn::with_dictionary(few, 1000, threads);
    REQUIRE(many.has_value());
    CHECK(codes(*many) == codes(*one));
    CHECK(many->bytes() == one->bytes());
    CHECK(TextColumn::with_dictionary(shifting, 400, threads).has_value());
    CHECK_FALSE(TextColumn::with_dictionary(shifting, 359, threads).has_value());
    CHECK_FALSE(TextColumn::with_dictionary(distinct, 65536, threads).has_value());
  }
  CHECK_FALSE(TextColumn::with_dictionary(shifting, 359, 1).has_value());
  CHECK_FALSE(TextColumn::with_dictionary(few, 302, 1).has_value());
}

// same_text compares 4 to 16 bytes as two words each, overlapping: a difference at any byte, of any
// length, must show; so must one in length alone.
TEST_CASE("Texts are equal only when every byte and the length are", "[model][text]") {
  for (std::size_t n = 0; n <= 20; ++n) {
    std::string a;
    for (std::size_t i = 0; i < n; ++i) a += static_cast<char>('a' + i);
    INFO("length " << n);
    CHECK(same_text(a, std::string(a)));
    CHECK_FALSE(same_text(a, a + "x"));
    for (std::size_t i = 0; i < n; ++i) {
      std::string b = a;
      b[i] = static_cast<char>(b[i] ^ 0x20);
      INFO("byte " << i);
      CHECK_FALSE(same_text(a, b));
      CHECK_FALSE(same_text(b, a));
    }
  }
}

// text_prefix orders as the texts do wherever the prefixes differ, and never the other way round:
// over all pairs of a set with shared prefixes, different lengths, NUL and high bytes.
TEST_CASE("A text's eight-byte prefix never orders two texts against their order", "[model][text]") {
  CHECK(text_prefix("") == 0);
  CHECK(text_prefix("a") == 0x6100000000000000ull);
  CHECK(text_prefix("abcdefghij") == 0x6162636465666768ull);
  CHECK(text_prefix("\xFF") == 0xFF00000000000000ull);  // bytes are unsigned
  const std::vector<std::string> texts{"",          "a",        std::string("a\0", 2), "a\x01",    "ab",   "abcdefgh",
                                       "abcdefgh0", "abcdefgi", "abcdefgh\xFF",        "\xC3\xA9", "\x7F", "zzzzzzzzz"};
  for (const auto& a : texts)
    for (const auto& b : texts) {
      INFO(a << " / " << b);
      if (text_prefix(a) < text_prefix(b)) CHECK(std::string_view(a) < std::string_view(b));
      if (std::string_view(a) < std::string_view(b)) CHECK(text_prefix(a) <= text_prefix(b));
    }
}

TEST_CASE("Invalid UTF-8 is found at its first byte", "[model][text]") {
  CHECK(find_invalid_utf8("plain ascii text, long enough for the fast path") == std::string_view::npos);
  CHECK(find_invalid_utf8("Тоҷикистон") == std::string_view::npos);
  CHECK(find_invalid_utf8("ab\xFF") == 2);
  CHECK(find_invalid_utf8("ab\xC0\xAF") == 2);      // overlong '/'
  CHECK(find_invalid_utf8("\xED\xA0\x80") == 0);    // surrogate
  CHECK(find_invalid_utf8("\xD0") == 0);            // truncated
  CHECK(find_invalid_utf8("12345678\xE9") == 8);
}

TEST_CASE("Case folding is Unicode case folding with composition, in every script", "[model][text]") {
  CHECK(fold_case("NATO") == "nato");
  CHECK(fold_case("ТОҶИКИСТОН") == "тоҷикистон");
  CHECK(fold_case("Ёқ Ғ Ӯ Ӣ Ҳ") == "ёқ ғ ӯ ӣ ҳ");
  CHECK(fold_case("ÉLYSÉE") == "élysée");
  CHECK(fold_case("ŁÓDŹ") == "łódź");
  // Full Unicode case folding and composition (utf8proc): Vietnamese with stacked accents, Greek
  // with tonos and final sigma, Armenian, German sharp s, and a decomposed accent.
  CHECK(fold_case("VIỆT NAM") == fold_case("Việt Nam"));
  CHECK(fold_case("ΕΛΛΆΔΑ") == fold_case("Ελλάδα"));
  CHECK(fold_case("ΟΔΥΣΣΕΥΣ") == fold_case("Οδυσσευς"));
  CHECK(fold_case("ՀԱՅԱՍՏԱՆ") == fold_case("Հայաստան"));
  CHECK(fold_case("STRASSE") == fold_case("Straße"));
  CHECK(fold_case("E\xCC\x81" "lyse\xCC\x81" "e") == "élysée");  // E + combining acute, composed
  // Invalid UTF-8 bytes are kept; the valid text around them is folded.
  CHECK(fold_case("A\xFF\xC3\x89") == "a\xFF\xC3\xA9");
}

TEST_CASE("Natural order compares digit runs as numbers", "[model][text]") {
  std::vector<std::string> ids{"r10", "r2", "r1", "r01", "a", "r10a", "r100", "b2"};
  std::sort(ids.begin(), ids.end(), [](const auto& a, const auto& b) { return natural_less(a, b); });
  CHECK(ids == std::vector<std::string>{"a", "b2", "r01", "r1", "r2", "r10", "r10a", "r100"});
  CHECK_FALSE(natural_less("r1", "r1"));
}

TEST_CASE("Edit distance counts code points", "[model][text]") {
  CHECK(edit_distance("tajkistan", "tajikistan") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("Раҳмон", "Рахмон") == 1);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("Suggestions list the closest names, best first", "[model][text]") {
  const std::vector<std::string_view> names{"tajikistan", "turkmenistan", "russia", "nato"};
  CHECK(did_you_mean("tajkistan", names) == "'tajikistan'");
  CHECK(did_you_mean("Russia", names) == "'russia'");
  CHECK(did_you_mean("zzz", names).empty());
  CHECK(did_you_mean("s3", {"s1", "s2"}).empty());  // two characters: only case differences match
  CHECK(did_you_mean("srcA", {"srcB", "srcC", "srcD", "srcE"}) == "'srcB', 'srcC' or 'srcD'");
}

TEST_CASE("Lists split on bars, trimmed, without empty values", "[model][text]") {
  const auto v = split_list(" a | b||c |");
  CHECK(v == std::vector<std::string_view>{"a", "b", "c"});
  CHECK(split_list("").empty());
}

TEST_CASE("terminal_safe text shows terminal controls as visible escapes and keeps the rest", "[model][text]") {
  // Escape sequences (colour, cursor movement, clearing the screen, window title) lose their ESC.
  CHECK(terminal_safe("Red \x1b[31mALERT\x1b[0m") == "Red \\x1b[31mALERT\\x1b[0m");
  CHECK(terminal_safe("\x1b]0;title\x07") == "\\x1b]0;title\\x07");
  CHECK(terminal_safe("a\bb\x7f") == "a\\x08b\\x7f");
  CHECK(terminal_safe("line\nnext\tcol\r") == "line\\x0anext\\x09col\\x0d");
  CHECK(terminal_safe(std::string_view("a\0b", 3)) == "a\\x00b");
  // C1 controls: U+009B is a one-character CSI on terminals that take 8-bit controls.
  CHECK(terminal_safe("\xc2\x9b" "2J") == "\\u009b2J");
  CHECK(terminal_safe("\xc2\x80\xc2\x9f\xc2\xa0") == "\\u0080\\u009f\xc2\xa0");  // U+00A0 is a space
  // Bidirectional formatting characters reorder what follows on the line.
  CHECK(terminal_safe("abc\u202edef") == "abc\\u202edef");
  CHECK(terminal_safe("\u202a\u202b\u202c\u202d") == "\\u202a\\u202b\\u202c\\u202d");
  CHECK(terminal_safe("\u2066x\u2067y\u2068z\u2069") == "\\u2066x\\u2067y\\u2068z\\u2069");
  CHECK(terminal_safe("\u200e\u200f\u061c") == "\\u200e\\u200f\\u061c");
  CHECK(terminal_safe("\u2028\u2029") == "\\u2028\\u2029");
  // Bytes that are not UTF-8 (a lone 0x9B would be a CSI too).
  CHECK(terminal_safe("a\x9b" "b\xff") == "a\\x9bb\\xff");
  CHECK(terminal_safe("\xe2\x80") == "\\xe2\\x80");  // a cut sequence
  // Everything else as written: letters of any script, joiners, symbols, backslashes, spaces.
  for (const char* kept : {"", "plain text", "Тоҷикистон", "Эмомалӣ Раҳмон", "می\u200cخواهم", "a\u200db",
                           "C:\\new \\x1b", "×2 — “quoted” ⬡ 🙂", "tab-free & <markup>"})
    CHECK(terminal_safe(kept) == kept);
}

TEST_CASE("NameSuggester gives what a comparison with every candidate gives", "[model][text]") {
  // The reference: every candidate's full edit distance, as did_you_mean is defined.
  const auto reference = [](std::string_view name, const std::vector<std::string_view>& candidates) {
    const std::size_t length = count_code_points(fold_case(name));
    const std::size_t budget = length < 3 ? 0 : std::max<std::size_t>(1, length / 3);
    std::vector<std::pair<std::size_t, std::size_t>> matches;  // (distance, order)
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (const std::size_t d = edit_distance(fold_case(name), fold_case(candidates[i])); d <= budget) matches.emplace_back(d, i);
    std::sort(matches.begin(), matches.end());
    std::vector<std::string> chosen;
    std::string out;
    for (const auto& [distance, i] : matches) {
      const std::string folded = fold_case(candidates[i]);
      if (chosen.size() == 3 || std::find(chosen.begin(), chosen.end(), folded) != chosen.end()) continue;
      chosen.push_back(folded);
      out += (out.empty() ? "" : ", ") + std::string("'") + std::string(candidates[i]) + "'";
    }
    if (const auto last = out.rfind(", "); chosen.size() > 1) out.replace(last, 2, " or ");
    return out;
  };
  std::uint32_t seed = 12345;
  const auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  const std::vector<std::string> alphabet{"a", "b", "c", "A", "é", "É", "ж", "Ж", "_"};
  const auto random_name = [&] {
    std::string s;
    for (std::uint32_t n = next() % 9; n > 0; --n) s += alphabet[next() % alphabet.size()];
    return s;
  };
  std::vector<std::string> names;
  for (int i = 0; i < 400; ++i) names.push_back(random_name());
  const std::vector<std::string_view> views(names.begin(), names.end());
  const NameSuggester suggester(views);
  int suggested = 0;
  for (int q = 0; q < 300; ++q) {
    const std::string query = random_name();
    INFO("query '" << query << "'");
    const std::string expected = reference(query, views);
    CHECK(suggester.suggest(query) == expected);
    suggested += expected.find(" or ") != std::string::npos;
  }
  CHECK(suggested > 50);  // the comparison covers lists of several suggestions, not only empty ones
}

TEST_CASE("A did-you-mean clause names the suggestions, or says what else to do", "[model][text]") {
  CHECK(did_you_mean_clause("'tajikistan'") == " (did you mean 'tajikistan'?)");
  CHECK(did_you_mean_clause(did_you_mean("tajkistan", {"tajikistan", "russia"})) == " (did you mean 'tajikistan'?)");
  CHECK(did_you_mean_clause("", " (list them with 'actorgraph types')") == " (list them with 'actorgraph types')");
  CHECK(did_you_mean_clause(did_you_mean("zzz", {"tajikistan", "russia"})).empty());
}
