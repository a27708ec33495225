#include "actorgraph/model/text.hpp"

#include "actorgraph/error.hpp"
#include "actorgraph/model/id_index.hpp"
#include "detail/parallel.hpp"
#include "detail/unset_column.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <limits>
#include <memory>
#include <new>

namespace actorgraph {

TextColumn::TextColumn(Column<char> data, Column<std::uint32_t> ends) : data_(std::move(data)), ends_(std::move(ends)) {
  if (data_.size() > std::numeric_limits<std::uint32_t>::max()) throw Error("a text column holds more than 4 GiB; split the dataset");
  // One pass over the ends: cheap beside filling them, and a wrong end would make views past the buffer.
  std::uint32_t previous = 0;
  for (const std::uint32_t end : ends_) {
    if (end < previous) throw Error("TextColumn: the ends of the values are not in order");
    previous = end;
  }
  if (previous != data_.size()) throw Error("TextColumn: the last value does not end at the end of the text");
}

TextColumn TextColumn::empty_values(std::size_t n) {
  TextColumn column;
  column.ends_ = Column<std::uint32_t>::zeros(n);
  return column;
}

TextColumn TextColumn::coded(TextColumn& dictionary, Column<std::uint32_t> codes) {
  TextColumn column;
  if (codes.empty()) return column;
  if (dictionary.is_coded()) throw Error("TextColumn: a dictionary cannot be in dictionary form itself");
  const std::size_t values = dictionary.size();
  if (std::any_of(codes.begin(), codes.end(), [values](std::uint32_t c) { return c >= values; }))
    throw Error("TextColumn: a code past the dictionary");
  column.data_ = dictionary.data_.shared();
  column.ends_ = dictionary.ends_.shared();
  column.codes_ = std::move(codes);
  return column;
}

namespace {

// The dictionary of rows [begin, end) of a column, in the order the values first appear, and each
// row's number in it; `too_many` once it would hold more than max_distinct values (then the rest
// of the rows are not coded).
struct BlockDictionary {
  TextColumn values;
  IdIndex index;
  std::size_t begin = 0, end = 0;
  bool too_many = false;
};

void code_block(const TextColumn& column, std::size_t begin, std::size_t end, std::size_t max_distinct, std::uint32_t* codes,
                BlockDictionary& block, const std::atomic<bool>& given_up) {
  block.begin = begin;
  block.end = end;
  std::optional<std::uint32_t> empty;  // the code of the empty value, once known: most cells of many columns
  for (std::size_t i = begin; i < end; ++i) {
    const std::string_view value = column[i];
    if (value.empty() && empty) {
      codes[i] = *empty;
      continue;
    }
    if (const auto known = block.index.find(block.values, value)) {
      if (value.empty()) empty = known;
      codes[i] = *known;
      continue;
    }
    // Checked only as values are added: a column of few values never reads the flag.
    if (block.values.size() == max_distinct || given_up.load(std::memory_order_relaxed)) {
      block.too_many = true;
      return;
    }
    block.values.push_back(value);
    codes[i] = static_cast<std::uint32_t>(block.values.size() - 1);
    block.index.insert(block.values, codes[i]);
    if (value.empty()) empty = codes[i];
  }
}

}  // namespace

// Rows are coded in blocks on the threads, each block with a dictionary of its own; the blocks'
// dictionaries are then merged in row order into one, in which the values are numbered as they
// first appear in the column, and each block's codes renumbered: the same dictionary and codes
// on any number of threads. More than max_distinct values in one block, or in the merged
// dictionary, ends the work of every block (given_up).
std::optional<TextColumn> TextColumn::with_dictionary(const TextColumn& values, std::size_t max_distinct, unsigned threads) {
  if (values.is_coded() || values.empty()) return std::nullopt;
  const std::size_t n = values.size();
  // Not zeroed first: every code is written by its block, or the column is not coded.
  detail::UnsetColumn<std::uint32_t> unset(n);
  std::uint32_t* const codes = unset.data();
  TextColumn dictionary;
  IdIndex index;
  std::vector<std::uint32_t> renumber;
  std::atomic<bool> given_up = false;
  constexpr std::size_t min_block = std::size_t{1} << 16;
  detail::run_blocks(
      n, threads, {}, [] { return BlockDictionary{}; },
      [&](std::size_t begin, std::size_t end, BlockDictionary& block) {
        if (!given_up.load(std::memory_order_relaxed)) code_block(values, begin, end, max_distinct, codes, block, given_up);
      },
      [&](BlockDictionary& block) {
        if (block.too_many || given_up) {
          given_up = true;
        } else {
          renumber.resize(block.values.size());
          for (std::uint32_t k = 0; k < block.values.size() && !given_up; ++k) {
            if (const auto known = index.find(dictionary, block.values[k])) {
              renumber[k] = *known;
            } else if (dictionary.size() == max_distinct) {
              given_up = true;
            } else {
              dictionary.push_back(block.values[k]);
              renumber[k] = static_cast<std::uint32_t>(dictionary.size() - 1);
              index.insert(dictionary, renumber[k]);
            }
          }
          if (!given_up)
            for (std::size_t i = block.begin; i < block.end; ++i) codes[i] = renumber[codes[i]];
        }
        block = BlockDictionary{};
      },
      std::clamp<std::size_t>(n / min_block, 1, 64));
  if (given_up) return std::nullopt;
  // Plain: the text and an end per value; coded: a code per value, the dictionary's text and ends.
  if (dictionary.bytes() + 4 * dictionary.size() >= values.bytes()) return std::nullopt;
  return coded(dictionary, std::move(unset).column());
}

void TextColumn::push_back(std::string_view value) {
  if (is_coded()) {  // back to plain text first
    TextColumn plain;
    for (std::size_t i = 0; i < size(); ++i) plain.push_back((*this)[i]);
    *this = std::move(plain);
  }
  if (data_.size() + value.size() > std::numeric_limits<std::uint32_t>::max())
    throw Error("a text column holds more than 4 GiB; split the dataset");
  data_.append(value.begin(), value.end());
  ends_.push_back(static_cast<std::uint32_t>(data_.size()));
}

namespace {

// Decodes one code point at `i`; returns its length, or 0 when the bytes there are not valid UTF-8.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) len = 2, cp = b0 & 0x1F, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0) len = 3, cp = b0 & 0x0F, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0) len = 4, cp = b0 & 0x07, min = 0x10000;
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept { return decode(text, i, cp); }

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::size_t find_invalid_utf8(std::string_view text, std::size_t from) noexcept {
  std::size_t i = from;
  while (i < text.size()) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= text.size()) {
      std::uint64_t word;
      __builtin_memcpy(&word, text.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= text.size()) break;
    char32_t cp;
    const std::size_t len = decode(text, i, cp);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::size_t count_code_points(std::string_view text) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++n) {
    char32_t cp;
    const std::size_t len = decode(text, i, cp);
    i += len ? len : 1;
  }
  return n;
}

std::string fold_case(std::string_view text) {
  std::string out;
  append_folded(out, text);
  return out;
}

void append_folded(std::string& out, std::string_view text) {
  // ASCII, by far the most common case (ids), needs no table.
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    const std::size_t from = out.size();
    out.append(text);
    for (std::size_t i = from; i < out.size(); ++i)
      if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] + 32);
    return;
  }
  // Valid UTF-8 runs through utf8proc (full case folding, then NFC); invalid bytes are kept.
  while (!text.empty()) {
    const std::size_t bad = find_invalid_utf8(text);
    const std::string_view run = text.substr(0, bad);
    if (!run.empty()) {
      utf8proc_uint8_t* mapped = nullptr;
      const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(run.data()), static_cast<utf8proc_ssize_t>(run.size()),
                                              &mapped, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
      if (n == UTF8PROC_ERROR_NOMEM) throw std::bad_alloc();
      if (n < 0) out.append(run);  // a run utf8proc refuses (find_invalid_utf8 let it pass) stays as it is
      else out.append(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
      std::free(mapped);
    }
    if (bad == std::string_view::npos) break;
    out += text[bad];
    text.remove_prefix(bad + 1);
  }
}

bool natural_less(std::string_view a, std::string_view b) noexcept {
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t i0 = i, j0 = j;
      while (i0 < a.size() && a[i0] == '0') ++i0;
      while (j0 < b.size() && b[j0] == '0') ++j0;
      std::size_t i1 = i0, j1 = j0;
      while (i1 < a.size() && is_digit(a[i1])) ++i1;
      while (j1 < b.size() && is_digit(b[j1])) ++j1;
      if (i1 - i0 != j1 - j0) return i1 - i0 < j1 - j0;
      if (auto c = a.substr(i0, i1 - i0).compare(b.substr(j0, j1 - j0)); c != 0) return c < 0;
      i = i1;
      j = j1;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
      ++i;
      ++j;
    }
  }
  if (i < a.size() || j < b.size()) return i == a.size();  // a proper prefix sorts first
  return a < b;
}

namespace {

// The code points of `text`; each invalid byte stands for itself.
std::u32string code_points(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    const std::size_t len = decode(text, i, cp);
    out += len ? cp : static_cast<unsigned char>(text[i]);
    i += len ? len : 1;
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::u32string x = code_points(a), y = code_points(b);
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[y.size()];
}

namespace {

// Levenshtein distance when it is at most `budget`, else budget + 1. Only the diagonal band of
// half-width `budget` is computed, and the work stops once a whole row exceeds the budget.
// `prev` and `cur` are scratch rows, reused between calls.
std::size_t bounded_distance(const std::u32string& x, const std::u32string& y, std::size_t budget,
                             std::vector<std::size_t>& prev, std::vector<std::size_t>& cur) {
  const std::size_t n = x.size(), m = y.size(), over = budget + 1;
  if ((n > m ? n - m : m - n) > budget) return over;
  prev.resize(m + 2);
  cur.resize(m + 2);
  for (std::size_t j = 0; j <= m + 1; ++j) prev[j] = std::min(j, over);
  for (std::size_t i = 1; i <= n; ++i) {
    const std::size_t lo = i > budget ? i - budget : 1, hi = std::min(m, i + budget);
    cur[lo - 1] = lo == 1 ? std::min(i, over) : over;
    std::size_t best = cur[lo - 1];
    for (std::size_t j = lo; j <= hi; ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1), over});
      best = std::min(best, cur[j]);
    }
    cur[hi + 1] = over;
    if (best > budget) return over;
    std::swap(prev, cur);
  }
  return std::min(prev[m], over);
}

}  // namespace

NameSuggester::NameSuggester(const std::vector<std::string_view>& candidates) : names_(candidates) {
  folded_.reserve(names_.size());
  for (std::string_view name : names_) folded_.push_back(code_points(fold_case(name)));
  by_length_.resize(names_.size());
  for (std::uint32_t i = 0; i < by_length_.size(); ++i) by_length_[i] = i;
  std::stable_sort(by_length_.begin(), by_length_.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return folded_[a].size() < folded_[b].size(); });
}

std::string NameSuggester::suggest(std::string_view name, std::size_t limit) const {
  const std::u32string folded = code_points(fold_case(name));
  // About one edit in three characters; a name of one or two characters only matches up to case.
  const std::size_t length = folded.size();
  const std::size_t budget = length < 3 ? 0 : std::max<std::size_t>(1, length / 3);
  struct Match {
    std::size_t distance;
    std::uint32_t order;
  };
  std::vector<Match> matches;
  std::vector<std::size_t> prev, cur;
  const auto shorter = [&](std::uint32_t c, std::size_t n) { return folded_[c].size() < n; };
  auto it = std::lower_bound(by_length_.begin(), by_length_.end(), length > budget ? length - budget : 0, shorter);
  for (; it != by_length_.end() && folded_[*it].size() <= length + budget; ++it) {
    const std::size_t d = bounded_distance(folded, folded_[*it], budget, prev, cur);
    if (d <= budget) matches.push_back({d, *it});
  }
  // Closest first; among equals, in the candidates' order. Names that differ only in case are one.
  std::sort(matches.begin(), matches.end(),
            [](const Match& a, const Match& b) { return a.distance != b.distance ? a.distance < b.distance : a.order < b.order; });
  std::vector<std::uint32_t> chosen;
  for (const auto& m : matches) {
    if (chosen.size() == limit) break;
    const bool repeat = std::any_of(chosen.begin(), chosen.end(), [&](std::uint32_t i) { return folded_[i] == folded_[m.order]; });
    if (!repeat) chosen.push_back(m.order);
  }
  std::string out;
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    if (i > 0) out += i + 1 == chosen.size() ? " or " : ", ";
    out.append("'").append(names_[chosen[i]]).append("'");
  }
  return out;
}

std::string did_you_mean_clause(const std::string& suggestions, std::string_view otherwise) {
  return suggestions.empty() ? std::string(otherwise) : " (did you mean " + suggestions + "?)";
}

std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates, std::size_t limit) {
  return NameSuggester(candidates).suggest(name, limit);
}

std::vector<std::string_view> split_list(std::string_view text) {
  std::vector<std::string_view> out;
  for_each_in_list(text, [&](std::string_view value) { out.push_back(value); });
  return out;
}

std::string_view trim(std::string_view text) noexcept {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool is_linkable_url(std::string_view url) noexcept {
  url = trim(url);
  const auto colon = url.find(':');
  if (colon == std::string_view::npos) return false;
  std::string scheme;
  for (char c : url.substr(0, colon)) scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (scheme == "mailto") return colon + 1 < url.size();
  return (scheme == "http" || scheme == "https" || scheme == "ftp") && url.substr(colon + 1, 2) == "//" && colon + 3 < url.size();
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          static constexpr char digits[] = "0123456789abcdef";
          out += "\\u00";
          out += digits[c >> 4];
          out += digits[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string terminal_safe(std::string_view text) {
  static constexpr char digits[] = "0123456789abcdef";
  const auto escape = [](std::string& out, const char* prefix, char32_t value, int width) {
    out += prefix;
    for (int shift = 4 * (width - 1); shift >= 0; shift -= 4) out += digits[(value >> shift) & 15];
  };
  // Printable ASCII, the text of nearly every cell, is kept as it is: one pass, no decoding.
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; })) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    const std::size_t len = decode(text, i, cp);
    if (len == 0) {
      escape(out, "\\x", static_cast<unsigned char>(text[i]), 2);
      ++i;
      continue;
    }
    if (cp < 0x20 || cp == 0x7F)
      escape(out, "\\x", cp, 2);
    else if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x61C || cp == 0x200E || cp == 0x200F || cp == 0x2028 ||
             cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
      escape(out, "\\u", cp, 4);
    else
      out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace actorgraph
