// The quote check (io/quote_check.hpp): normalisation, the closest-passage hint, excerpts, and the
// check of a small dataset (tests/data/quotes/dataset) against its texts (tests/data/quotes/texts):
//
//   src_a.txt      r1 (typographic quotes, em dash), r2 (case, apostrophe, line break), r4 excerpt 2
//                  (not found), r7 (no word in common)
//   src_b.md       r3 (2003 for 2002: not found), r4 excerpt 1
//   (no src_c.*)   r5: the source's text is missing
//   renamed_d.txt  r6, named in the `text` column of sources.csv
#include "fixtures.hpp"

#include "actorgraph/error.hpp"
#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/quote_check.hpp"

#include <catch2/catch.hpp>

using namespace actorgraph;
using actorgraph::test::data_path;

TEST_CASE("Quote normalisation maps quote marks, dashes, white space and case", "[io][quotes]") {
  CHECK(normalize_for_quotes("  Alpha\u2019s\n\u201Ctroops\u201D \u2013 here\t\u00A0 ") == "alpha's \"troops\" - here");
  CHECK(normalize_for_quotes("NATO\u2018s \u2014 \u2212 \u2010") == "nato's - - -");
  CHECK(normalize_for_quotes("") == "");
  CHECK(normalize_for_quotes("civil - military") != normalize_for_quotes("civil-military"));  // spaces are kept
}

TEST_CASE("The closest passage is the window sharing most words, the first on ties", "[io][quotes]") {
  // Windows of 3 words: [one two three] 1, [two three four] 2, [three four five] 2; of the two with 2,
  // [three four five] has them at the quote's places (three, four) and [two three four] at none.
  CHECK(closest_passage("one two three four five six", "three four seven") == "three four five");
  // Equal on both counts: the first.
  CHECK(closest_passage("one a one b", "one z") == "one a");
  // Punctuation at the ends of words and case do not count; the passage is shown as written.
  CHECK(closest_passage("Alpha met\n\nBeta, in 2002.", "beta in 2003") == "Beta, in 2002.");
  CHECK(closest_passage("one two", "three") == "");
  CHECK(closest_passage("", "one") == "");
  // A quote longer than the text: the whole text.
  CHECK(closest_passage("one two", "one two three") == "one two");
}

TEST_CASE("A quote field holds excerpts separated by |, each from the first source unless prefixed", "[io][quotes]") {
  const std::vector<std::string_view> sources{"src_a", "src_b"};
  const auto e = quote_excerpts("first part | src_b: second part|  ", sources);
  REQUIRE(e.size() == 2);
  CHECK(e[0].text == "first part");
  CHECK(e[0].source == "src_a");
  CHECK(e[1].text == "second part");
  CHECK(e[1].source == "src_b");
  // A prefix that is not one of the relation's sources is part of the text.
  const auto f = quote_excerpts("Note: a text", sources);
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "Note: a text");
  CHECK(f[0].source == "src_a");
  CHECK(quote_excerpts("", sources).empty());
  REQUIRE(quote_excerpts("x", {}).size() == 1);
  CHECK(quote_excerpts("x", {})[0].source.empty());
}

TEST_CASE("check_quotes reports every missing quote with its closest passage and every missing text once", "[io][quotes]") {
  const Dataset d = load_dataset(data_path("quotes/dataset"));
  const std::string texts = data_path("quotes/texts");
  const QuoteCheckResult r = check_quotes(d, texts);
  CHECK(r.excerpts == 7);  // r1, r2, r3, r4 (2), r6, r7; r5's source has no text
  CHECK(r.not_found == 3);
  CHECK(r.texts == 3);
  CHECK(r.missing_texts == 1);
  REQUIRE(r.diagnostics.size() == 4);
  const std::string relations = data_path("quotes/dataset/relations.csv");
  const std::string sources = data_path("quotes/dataset/sources.csv");
  CHECK(r.diagnostics[0].str() == relations + ":4:30: warning: quote not found in src_b; closest passage: \"Beta joined Gamma in 2002.\"");
  CHECK(r.diagnostics[1].str() == relations + ":5:30: warning: quote not found in src_a (excerpt 2 of 2); closest passage: \"Beta signed the\"");
  CHECK(r.diagnostics[2].str() == relations + ":8:25: warning: quote not found in src_a; no passage shares a word with it");
  CHECK(r.diagnostics[3].str() == sources + ":4:37: warning: no text for source 'src_c' in " + texts + " (looked for " + texts +
                                      "/src_c.txt and " + texts + "/src_c.md; name another file in its text column)");
  for (const auto& diagnostic : r.diagnostics) CHECK(diagnostic.severity == Severity::warning);
}

TEST_CASE("check_quotes names an unreadable text file given in the text column", "[io][quotes]") {
  test::TempDataset ds({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\n"},
                        {"sources.csv", "id,title,text\ns,S,gone.txt\n"},
                        {"relations.csv", "id,source,target,type,sources,quote\nr1,a,b,meeting,s,A met B\n"}});
  const Dataset d = load_dataset(ds.path());
  const QuoteCheckResult r = check_quotes(d, data_path("quotes/texts"));
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].line == 2);
  CHECK(r.diagnostics[0].column == 5);
  CHECK(r.diagnostics[0].message == "no text for source 's' in " + data_path("quotes/texts") + " (cannot read " + data_path("quotes/texts") +
                                        "/gone.txt: No such file or directory)");
  CHECK(r.excerpts == 0);
}

TEST_CASE("check_quotes refuses a sources folder that does not exist", "[io][quotes]") {
  const Dataset d = load_dataset(data_path("quotes/dataset"));
  CHECK_THROWS_AS(check_quotes(d, data_path("quotes/no_such_folder")), IoError);
}
