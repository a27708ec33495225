#include "actorgraph/io/quote_check.hpp"

#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/text_file.hpp"
#include "actorgraph/model/text.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <tuple>

namespace actorgraph {

namespace {

bool is_space(char32_t c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// The typographic marks the quote check treats as their ASCII forms.
char32_t plain_mark(char32_t c) noexcept {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return '-';
    default: return c;
  }
}

// A word of a text: its bytes [begin, end) and its key for comparison (normalised, without the
// punctuation at its ends).
struct Word {
  std::size_t begin, end;
  std::string key;
};

std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> out;
  std::size_t i = 0, start = std::string_view::npos;
  auto close = [&](std::size_t end) {
    if (start == std::string_view::npos) return;
    std::string key = normalize_for_quotes(text.substr(start, end - start));
    const auto alnum = [](char c) { return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c)); };
    const auto first = std::find_if(key.begin(), key.end(), alnum);
    const auto last = std::find_if(key.rbegin(), key.rend(), alnum).base();
    out.push_back({start, end, first < last ? std::string(first, last) : key});
    start = std::string_view::npos;
  };
  while (i < text.size()) {
    char32_t cp;
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {  // not UTF-8: one byte, never a space
      cp = 0xFFFD;
      len = 1;
    }
    if (is_space(cp)) close(i);
    else if (start == std::string_view::npos) start = i;
    i += len;
  }
  close(text.size());
  return out;
}

// The line and column of one column's field in each data row of a dataset CSV file (of the row's
// first field when the file has no such column).
std::vector<std::pair<std::uint64_t, std::uint64_t>> field_positions(const std::string& path, std::string_view column) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
  std::string why;
  const auto text = try_read_file(path, why);
  if (!text) return out;
  CsvReader reader(*text);
  LineIndex lines(*text);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> problems;
  std::size_t c = 0;
  if (reader.next(fields, problems))
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i].value == column) c = i;
  while (reader.next(fields, problems)) {
    std::pair<std::uint64_t, std::uint64_t> at{0, 0};
    lines.locate(c < fields.size() ? fields[c].offset : reader.record_offset(), at.first, at.second);
    out.push_back(at);
  }
  return out;
}

// A source's text, read once: its normalised form for the search, the original for hints.
struct LoadedText {
  bool present = false;
  std::string original, normalized;
};

// Finds and reads the text of source `s`; on failure returns the reason for the message.
LoadedText load_text(const Dataset& d, SourceId s, const std::string& dir, std::string& why) {
  LoadedText out;
  const std::string id(d.source_id(s));
  std::vector<std::string> names;
  if (const auto named = d.source_field(s, "text"); !named.empty()) names.emplace_back(named);
  else names = {id + ".txt", id + ".md"};
  for (const std::string& name : names) {
    std::string reason;
    if (auto text = try_read_file(dir + "/" + name, reason)) {
      out.present = true;
      out.original = std::move(*text);
      out.normalized = normalize_for_quotes(out.original);
      return out;
    }
    if (names.size() == 1) why = "cannot read " + dir + "/" + name + ": " + reason;
  }
  if (names.size() > 1) why = "looked for " + dir + "/" + names[0] + " and " + dir + "/" + names[1] + "; name another file in its text column";
  return out;
}

std::string folder_of(const Dataset& d) {
  std::string path = d.path();
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

std::string normalize_for_quotes(std::string_view text) {
  std::string mapped;
  mapped.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {  // not UTF-8: keep the byte as it is
      mapped += text[i++];
      space = false;
      continue;
    }
    i += len;
    if (is_space(cp)) {
      space = !mapped.empty();
      continue;
    }
    if (space) mapped += ' ';
    space = false;
    append_utf8(mapped, plain_mark(cp));
  }
  return fold_case(mapped);
}

std::string closest_passage(std::string_view text, std::string_view quote) {
  const std::vector<Word> words = words_of(text), wanted = words_of(quote);
  if (words.empty() || wanted.empty()) return {};
  std::map<std::string_view, long> need, have;
  for (const Word& w : wanted) ++need[w.key];
  const std::size_t n = std::min(wanted.size(), words.size());
  long shared = 0, best = 0, best_in_place = 0;
  std::size_t best_start = 0;
  // Words equal to the quote's word at the same place: prefers, among windows sharing as many words,
  // the one that has them in the quote's order.
  auto in_place = [&](std::size_t start) {
    long count = 0;
    for (std::size_t k = 0; k < n; ++k) count += words[start + k].key == wanted[k].key ? 1 : 0;
    return count;
  };
  auto add = [&](const Word& w, long step) {
    const auto it = need.find(w.key);
    if (it == need.end()) return;
    long& count = have[it->first];
    if (step > 0 && count < it->second) ++shared;
    count += step;
    if (step < 0 && count < it->second) --shared;
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    add(words[i], 1);
    if (i >= n) add(words[i - n], -1);
    if (i + 1 < n || shared == 0 || shared < best) continue;
    const long placed = in_place(i + 1 - n);
    if (shared > best || placed > best_in_place) {
      best = shared;
      best_in_place = placed;
      best_start = i + 1 - n;
    }
  }
  if (best == 0) return {};
  std::string out;
  for (std::size_t i = best_start; i < best_start + n; ++i)
    out.append(out.empty() ? "" : " ").append(text.substr(words[i].begin, words[i].end - words[i].begin));
  return out;
}

std::vector<QuoteExcerpt> quote_excerpts(std::string_view quote, const std::vector<std::string_view>& sources) {
  std::vector<QuoteExcerpt> out;
  for (std::string_view part : split_list(quote)) {
    QuoteExcerpt e{part, sources.empty() ? std::string_view() : sources.front()};
    if (const auto colon = part.find(": "); colon != std::string_view::npos) {
      const std::string_view prefix = part.substr(0, colon);
      if (std::find(sources.begin(), sources.end(), prefix) != sources.end()) {
        e.source = prefix;
        e.text = trim(part.substr(colon + 2));
      }
    }
    if (!e.text.empty()) out.push_back(e);
  }
  return out;
}

QuoteCheckResult check_quotes(const Dataset& d, const std::string& sources_dir) {
  const std::string folder = folder_of(d);
  if (!std::filesystem::is_directory(folder))
    throw UsageError("--sources-dir checks the quotes of a dataset folder; " + folder + " is a graph file");
  if (!std::filesystem::is_directory(sources_dir)) throw IoError(sources_dir + ": not a folder of source texts");
  const std::string relations_path = folder + "/relations.csv", sources_path = folder + "/sources.csv";
  const auto quote_at = field_positions(relations_path, "quote");
  const auto text_at = field_positions(sources_path, "text");
  QuoteCheckResult result;
  std::vector<std::optional<LoadedText>> texts(d.source_count());
  auto text_of = [&](SourceId s) -> const LoadedText& {
    if (texts[s]) return *texts[s];
    std::string why;
    texts[s] = load_text(d, s, sources_dir, why);
    if (texts[s]->present) ++result.texts;
    else {
      ++result.missing_texts;
      const auto at = s < text_at.size() ? text_at[s] : std::pair<std::uint64_t, std::uint64_t>{0, 0};
      result.diagnostics.push_back({sources_path, at.first, at.second, Severity::warning,
                                    "no text for source '" + std::string(d.source_id(s)) + "' in " + sources_dir + " (" + why + ")"});
    }
    return *texts[s];
  };
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    std::vector<std::string_view> cited;
    for (SourceId s : d.relation_sources(r)) cited.push_back(d.source_id(s));
    const auto excerpts = quote_excerpts(d.relation_field(r, "quote"), cited);
    const auto at = r < quote_at.size() ? quote_at[r] : std::pair<std::uint64_t, std::uint64_t>{0, 0};
    for (std::size_t k = 0; k < excerpts.size(); ++k) {
      const auto source = d.find_source(excerpts[k].source);
      if (!source) continue;  // a quote without a source: nothing to check it against
      const LoadedText& text = text_of(*source);
      if (!text.present) continue;
      ++result.excerpts;
      if (text.normalized.find(normalize_for_quotes(excerpts[k].text)) != std::string::npos) continue;
      ++result.not_found;
      std::string message = "quote not found in " + std::string(excerpts[k].source);
      if (excerpts.size() > 1) message += " (excerpt " + std::to_string(k + 1) + " of " + std::to_string(excerpts.size()) + ")";
      const std::string hint = closest_passage(text.original, excerpts[k].text);
      message += hint.empty() ? "; no passage shares a word with it" : "; closest passage: \"" + hint + "\"";
      result.diagnostics.push_back({relations_path, at.first, at.second, Severity::warning, std::move(message)});
    }
  }
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  return result;
}

}  // namespace actorgraph
