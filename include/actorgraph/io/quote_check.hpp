// The quote check: does every quote of a dataset occur in the text of the source it cites?
//
// An analyst keeps the texts of the sources beside the dataset, one file per source, in a folder
// (docs/CLI.md, `check --sources-dir`). A source's text is the file named in its `text` column of
// sources.csv when that is filled, else SOURCE_ID.txt, else SOURCE_ID.md, in that folder.
//
// Quotes are compared after normalisation (normalize_for_quotes): the articles and the analyst's
// copy may differ in typographic quote marks, dashes, line breaks and case without the quote being
// wrong. Nothing else is forgiven: a changed word, a dropped comma or a stitched quote is reported.
#pragma once

#include "actorgraph/error.hpp"
#include "actorgraph/model/dataset.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

// The text as the quote check compares it: ’ ‘ ‛ ′ → ', “ ” „ ‟ ″ → ", the dashes ‐ ‑ ‒ – — ― − → -,
// every run of white space (spaces, tabs, line breaks, no-break and other Unicode spaces) → one
// space, no space at either end, and case folded (fold_case in model/text.hpp). Case is folded
// because an excerpt that starts mid-sentence may be capitalised by the analyst; it changes no word.
std::string normalize_for_quotes(std::string_view text);

// The passage of `text` most like `quote`: of the windows of as many words as the quote has, the one
// sharing the most words with it (counted with repetition, punctuation at the ends of words and case
// ignored); among those, the one with most words at the quote's own places; the first on ties. Returned as it stands in `text`, its white space runs
// collapsed to one space. Empty when no window shares a word with the quote. O(words of text).
std::string closest_passage(std::string_view text, std::string_view quote);

// One excerpt of a `quote` field and the source it is taken from.
struct QuoteExcerpt {
  std::string_view text;    // the excerpt, trimmed
  std::string_view source;  // the source id: its prefix, else the relation's first source ("" if none)
};

// The excerpts of a `quote` field: it holds one or more excerpts separated by '|' (docs/FORMAT.md,
// "Quotes"). An excerpt is from the first of `sources` unless it begins with "SOURCE_ID: " naming
// another of them. Empty excerpts are dropped.
std::vector<QuoteExcerpt> quote_excerpts(std::string_view quote, const std::vector<std::string_view>& sources);

struct QuoteCheckResult {
  Diagnostics diagnostics;        // warnings, by file and position
  std::size_t excerpts = 0;       // excerpts checked against a text
  std::size_t not_found = 0;      // of those, not found
  std::size_t texts = 0;          // cited sources whose text was read
  std::size_t missing_texts = 0;  // cited sources without a readable text
};

// Checks every excerpt of every relation's quote against the text of its source in `sources_dir`.
// Reports, as warnings at the quote's field in relations.csv,
//   "quote not found in SOURCE; closest passage: \"...\"" (with "excerpt K of N" when the field
// holds several), and once per cited source whose text is missing or unreadable, at its row of
// sources.csv, "no text for source 'SOURCE' in DIR (...)". The dataset must have been read from a
// folder (UsageError otherwise); throws IoError when `sources_dir` is not a readable folder.
QuoteCheckResult check_quotes(const Dataset& dataset, const std::string& sources_dir);

}  // namespace actorgraph
