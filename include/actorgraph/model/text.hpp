// Compact text storage and the few text rules the engine applies everywhere: UTF-8 checks, the
// case folding used to match actor names, natural ordering of ids, and edit distance for "did you
// mean" hints.
#pragma once

#include "actorgraph/model/column.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

namespace detail {
class SnapshotCodec;  // src/io/snapshot.cpp: stores and restores the members (io/snapshot.hpp)
}  // namespace detail

// An append-only column of strings kept in one buffer: 4 bytes of overhead per value instead of a
// std::string's 32, so a million relations with a dozen text fields stay small. Views returned by
// operator[] stay valid across moves, until the next push_back. Both arrays are Columns, so a
// column read from a snapshot views the mapped file.
class TextColumn {
 public:
  TextColumn() = default;
  // A column made whole: value i is data[ends[i-1], ends[i]) (from 0 for the first), so `ends` is
  // non-decreasing and its last value is data.size(); throws Error otherwise. For a reader that
  // knows every size before it copies the text, and fills the buffers in place, in parallel.
  TextColumn(std::vector<char> data, std::vector<std::uint32_t> ends) : TextColumn(Column<char>(std::move(data)), Column<std::uint32_t>(std::move(ends))) {}
  // The same from columns, owned or views (a reader's buffers, filled in place).
  TextColumn(Column<char> data, Column<std::uint32_t> ends);
  // `n` empty values, in no memory (Column::zeros): a column no row fills (quote, notes...).
  static TextColumn empty_values(std::size_t n);

  // A column in dictionary form: value i is dictionary[codes[i]]. The dictionary's text is shared,
  // not copied (Column::shared), so a relation's source ids can be the actors' id column and the
  // relation's actor numbers: no bytes of their own. Throws Error for a code past the dictionary.
  // With no codes, an empty column.
  static TextColumn coded(TextColumn& dictionary, Column<std::uint32_t> codes);
  // `values` in dictionary form when it has at most `max_distinct` distinct values and that form
  // takes less memory (the type or start date of ten million relations, a few hundred distinct
  // values: 4 bytes each instead of their text and its end); otherwise nullopt. Gives up as soon as
  // it has seen more distinct values, so trying a column of distinct values costs little. On
  // `threads` threads (0: one per core): the same dictionary and codes on any number.
  static std::optional<TextColumn> with_dictionary(const TextColumn& values, std::size_t max_distinct, unsigned threads = 1);
  bool is_coded() const noexcept { return !codes_.empty(); }
  // Of a column in dictionary form: value i's number in the dictionary.
  std::uint32_t code(std::size_t i) const noexcept { return codes_[i]; }

  std::size_t size() const noexcept { return is_coded() ? codes_.size() : ends_.size(); }
  bool empty() const noexcept { return size() == 0; }
  std::string_view operator[](std::size_t i) const noexcept {
    if (is_coded()) i = codes_[i];
    const std::uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return {data_.data() + begin, ends_[i] - begin};
  }
  // Ask the memory for value i's end, and (once that is at hand) for its text: see IdIndex::find_many.
  // For a column not in dictionary form (an id column).
  void prefetch_end(std::size_t i) const noexcept { __builtin_prefetch(ends_.data() + i); }
  void prefetch_text(std::size_t i) const noexcept { __builtin_prefetch(data_.data() + (i == 0 ? 0 : ends_[i - 1])); }
  void push_back(std::string_view value);  // throws Error past 4 GiB of text in one column; decodes a coded column first
  void reserve(std::size_t values, std::size_t bytes) {
    ends_.reserve(values);
    data_.reserve(bytes);
  }
  std::size_t bytes() const noexcept { return data_.size(); }  // of the dictionary, for a coded column

 private:
  friend class detail::SnapshotCodec;
  Column<char> data_;  // not std::string: views must survive a move (no small-string buffer)
  Column<std::uint32_t> ends_;
  Column<std::uint32_t> codes_;  // dictionary form: the values' numbers in data_/ends_; else empty
};

// a == b, inline for the lengths of most ids, dates and types (4 to 16 bytes: two loads of each,
// overlapping when shorter than twice the load), where a call to memcmp would cost more than the
// comparison: a probe compares once per id found, tens of millions of times in a load.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const auto differ = [&]<class Word>(Word) {
    Word a0, a1, b0, b1;
    std::memcpy(&a0, a.data(), sizeof(Word));
    std::memcpy(&b0, b.data(), sizeof(Word));
    std::memcpy(&a1, a.data() + n - sizeof(Word), sizeof(Word));
    std::memcpy(&b1, b.data() + n - sizeof(Word), sizeof(Word));
    return ((a0 ^ b0) | (a1 ^ b1)) != 0;
  };
  if (n >= 8 && n <= 16) return !differ(std::uint64_t{});
  if (n >= 4 && n < 8) return !differ(std::uint32_t{});
  return n == 0 || std::memcmp(a.data(), b.data(), n) == 0;
}

// The first eight bytes of `text` as a big-endian number, zeros past its end. Texts compare (as
// std::string_view does: byte by byte, unsigned) as their prefixes do wherever the prefixes
// differ: text_prefix(a) < text_prefix(b) implies a < b. So a sort compares these numbers first
// and the texts only where they are equal.
inline std::uint64_t text_prefix(std::string_view text) noexcept {
  std::uint64_t prefix = 0;
  for (std::size_t i = 0; i < 8; ++i) prefix = prefix << 8 | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
  return prefix;
}

// Offset of the first byte that does not start a valid UTF-8 sequence (overlong forms, surrogates
// and code points past U+10FFFF are invalid), or npos when the text is valid.
std::size_t find_invalid_utf8(std::string_view text, std::size_t from = 0) noexcept;

// Decodes the code point starting at byte `i` of `text` into `cp`; returns its length in bytes, or 0
// when the bytes there are not valid UTF-8 (as find_invalid_utf8 judges them).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept;

// Appends the UTF-8 encoding of code point `cp` (which the caller has checked is a valid scalar value).
void append_utf8(std::string& out, char32_t cp);

// Number of code points in valid UTF-8; each invalid byte counts as one.
std::size_t count_code_points(std::string_view text) noexcept;

// Unicode full case folding followed by canonical composition (NFC), by utf8proc: two names that
// differ only in case, or in composed versus decomposed accents, fold to the same text ("VIỆT NAM"
// and "Việt Nam", "ΕΛΛΆΔΑ" and "Ελλάδα", "STRASSE" and "Straße", "ՀԱՅԱՍՏԱՆ" and "Հայաստան").
// Bytes that are not valid UTF-8 are kept as they are. ASCII text takes a fast path.
std::string fold_case(std::string_view text);
// fold_case(text) appended to `out`: no string of its own.
void append_folded(std::string& out, std::string_view text);

// Compares ids so that digit runs compare as numbers: "r2" < "r10" < "r10a". Ties (e.g. "r01" and
// "r1") are broken by plain byte order, so the order is total.
bool natural_less(std::string_view a, std::string_view b) noexcept;

// Levenshtein distance over code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Candidates closest to `name` (by edit distance of the case-folded text, at most about a third of
// its length), best first, at most `limit`, formatted as "'a', 'b' or 'c'". Empty when none is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates,
                         std::size_t limit = 3);

// The clause a message ends with for a name that matched nothing: " (did you mean 'a' or 'b'?)" for
// the suggestions did_you_mean or NameSuggester made, else `otherwise` (a hint, or nothing). The one
// wording of every "did you mean" in actorgraph's messages.
std::string did_you_mean_clause(const std::string& suggestions, std::string_view otherwise = "");

// did_you_mean over a fixed list of many candidates (every actor id of a large dataset), asked many
// times. The candidates are case-folded and decoded once and sorted by length; a query compares only
// the candidates whose length is within its edit budget, and each comparison stops as soon as the
// budget is exceeded, so a query costs O(k · L · b) for k candidates of about its length L and a
// budget b = L/3, never a copy or a fold of the whole list. The candidates' text must outlive it.
class NameSuggester {
 public:
  explicit NameSuggester(const std::vector<std::string_view>& candidates);
  // As did_you_mean(name, candidates, limit).
  std::string suggest(std::string_view name, std::size_t limit = 3) const;

 private:
  std::vector<std::string_view> names_;
  std::vector<std::u32string> folded_;    // per candidate: its case-folded code points
  std::vector<std::uint32_t> by_length_;  // candidate numbers by folded length, then by number
};

// Splits a `|`-separated list; values are trimmed of spaces and empty values dropped.
std::vector<std::string_view> split_list(std::string_view text);

std::string_view trim(std::string_view text) noexcept;

// Calls visit(value) for each value split_list(text) gives, in order, with no vector: for a
// loader that splits a list in each of ten million rows.
template <class Visit>
void for_each_in_list(std::string_view text, Visit&& visit) {
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t bar = text.find('|', start);
    if (bar == std::string_view::npos) bar = text.size();
    if (const std::string_view value = trim(text.substr(start, bar - start)); !value.empty()) visit(value);
    start = bar + 1;
  }
}

// Text safe inside XML and HTML element content and attribute values: & < > " ' escaped.
std::string xml_escape(std::string_view text);

// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped
// (\n, \r, \t, \b, \f, else \u00XX), everything else (UTF-8 included) as is.
void append_json_string(std::string& out, std::string_view text);

// True for URLs that diagrams and reports may turn into links: http, https, ftp and mailto (scheme
// case-insensitive). Anything else (javascript:, data:, file:, relative paths) is shown as text only,
// so that a dataset cannot make a report run code or open local files.
bool is_linkable_url(std::string_view url) noexcept;

// Text safe to print on a terminal, for people to read: every character that a terminal acts on
// instead of showing is written as a visible escape, so that a dataset cannot move the cursor,
// recolour, clear or retitle the screen, or reorder what follows. Escaped: C0 controls and DEL as
// \xHH ("\x1b", "\x07", newline and tab included), C1 controls (U+0080-U+009F) and the bidirectional
// formatting characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and line and paragraph
// separators (U+2028, U+2029) as \uHHHH ("\u202e"), bytes that are not valid UTF-8 as \xHH. Everything
// else is kept, the joiners U+200C and U+200D (used in Persian and Tajik text) included, and so are
// backslashes: the result is for reading, not for parsing back (CSV and JSON output keep data exact).
std::string terminal_safe(std::string_view text);

}  // namespace actorgraph
