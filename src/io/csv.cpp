#include "actorgraph/io/csv.hpp"

#include "actorgraph/model/text.hpp"
#include "io/detail/csv_bytes.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

namespace actorgraph {

CsvReader::CsvReader(std::string_view text) noexcept : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

CsvReader::CsvReader(std::string_view text, std::size_t from, std::size_t stop) noexcept : text_(text), stop_(stop) {
  pos_ = from == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : std::min(from, text_.size());
}

// The first offset at or after `from` whose byte is a comma, a line feed or a quote, or the end of
// the text: the bytes before it are a plain field's text. The positions of those bytes are found 64
// at a time (detail::csv_special_bytes) and kept as a bit mask between calls, so a record's fields
// cost a shift and a count of trailing zeros each; the text's last bytes, fewer than 64 past the last
// block, are looked at one by one.
inline std::size_t CsvReader::next_special(std::size_t from) noexcept {
  const std::size_t n = text_.size();
  for (;;) {
    if (from >= block_ && from - block_ < detail::csv_block_bytes) {
      if (const std::uint64_t rest = mask_ >> (from - block_)) return from + static_cast<std::size_t>(std::countr_zero(rest));
      from = block_ + detail::csv_block_bytes;
    }
    if (from + detail::csv_block_bytes > n) {
      while (from < n && text_[from] != ',' && text_[from] != '\n' && text_[from] != '"') ++from;
      return from;
    }
    block_ = from;
    mask_ = detail::csv_special_bytes(text_.data() + from);
  }
}

bool CsvReader::next(std::vector<CsvField>& fields, std::vector<CsvProblem>& problems) {
  fields.clear();
  scratch_.clear();
  in_scratch_.clear();
  const std::size_t n = text_.size();
  // Skip empty lines.
  while (pos_ < n && (text_[pos_] == '\n' || (text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n')))
    pos_ += text_[pos_] == '\n' ? 1 : 2;
  if (pos_ >= n || pos_ >= stop_) return false;
  record_offset_ = pos_;

  // Fields are views of the text as they are found, but those unescaped into scratch_ (quoted
  // fields with "", or with text after the closing quote): these are recorded as (field, scratch
  // offset, length) and made views once the record is complete, because scratch_ may reallocate
  // meanwhile. The text of field `start` from scratch_begin to the end of scratch_:
  const auto from_scratch = [&](std::size_t start, std::size_t scratch_begin) {
    in_scratch_.push_back({fields.size(), scratch_begin, scratch_.size() - scratch_begin});
    fields.push_back({{}, start});
  };
  for (;;) {
    const std::size_t start = pos_;
    if (pos_ < n && text_[pos_] == '"') {
      ++pos_;
      std::size_t segment = pos_;
      bool escaped = false;
      bool closed = false;
      std::size_t scratch_begin = scratch_.size();
      while (pos_ < n) {
        const void* q = std::memchr(text_.data() + pos_, '"', n - pos_);
        if (!q) {
          pos_ = n;
          break;
        }
        const std::size_t at = static_cast<const char*>(q) - text_.data();
        if (at + 1 < n && text_[at + 1] == '"') {
          if (!escaped) {
            escaped = true;
            scratch_begin = scratch_.size();
          }
          scratch_.append(text_.substr(segment, at + 1 - segment));  // keep one quote
          pos_ = segment = at + 2;
          continue;
        }
        pos_ = at + 1;
        closed = true;
        if (escaped) scratch_.append(text_.substr(segment, at - segment));
        break;
      }
      if (!closed) {
        problems.push_back({start, "unterminated quoted field: the quote opened here is never closed"});
        if (escaped) {
          scratch_.append(text_.substr(segment, n - segment));
          from_scratch(start, scratch_begin);
        } else {
          fields.push_back({text_.substr(start + 1, n - start - 1), start});
        }
        record_end_ = n;
        break;
      }
      // After the closing quote only a separator or a line end may follow.
      if (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n' && !(text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n')) {
        problems.push_back({pos_, "unexpected text after a closing quote (a quote inside a quoted field is written \"\")"});
        if (!escaped) {
          escaped = true;
          scratch_begin = scratch_.size();
          scratch_.append(text_.substr(start + 1, pos_ - 1 - (start + 1)));
        }
        const std::size_t junk = pos_;
        while (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n') ++pos_;
        std::size_t junk_end = pos_;
        if (pos_ < n && text_[pos_] == '\n' && junk_end > junk && text_[junk_end - 1] == '\r') --junk_end;
        scratch_.append(text_.substr(junk, junk_end - junk));
      }
      if (escaped) from_scratch(start, scratch_begin);
      else fields.push_back({text_.substr(start + 1, pos_ - 1 - (start + 1)), start});
    } else {
      std::size_t end = next_special(pos_);
      if (end < n && text_[end] == '"') {
        problems.push_back({end, "quote character inside an unquoted field (enclose the field in quotes and write the quote as \"\")"});
        do end = next_special(end + 1);
        while (end < n && text_[end] == '"');
      }
      pos_ = end;
      if (end < n && text_[end] == '\n' && end > start && text_[end - 1] == '\r') --end;
      fields.push_back({text_.substr(start, end - start), start});
    }
    // Now at a separator, a line end or the end of the text.
    if (pos_ < n && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    if (pos_ < n && text_[pos_] == '\r') ++pos_;
    record_end_ = pos_;
    if (pos_ < n && text_[pos_] == '\n') ++pos_;
    break;
  }
  for (const ScratchField& f : in_scratch_) fields[f.field].value = std::string_view(scratch_).substr(f.begin, f.length);
  return true;
}

void LineIndex::locate(std::uint64_t offset, std::uint64_t& line, std::uint64_t& column) {
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
  offset = std::min<std::uint64_t>(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::uint64_t start = *(it - 1);
  line = static_cast<std::uint64_t>(it - line_starts_.begin());
  std::string_view prefix = text_.substr(start, offset - start);
  if (start == 0 && prefix.substr(0, 3) == "\xEF\xBB\xBF") prefix.remove_prefix(3);
  column = count_code_points(prefix) + 1;
}

namespace {

// Whether `value` holds a comma, a quote or a line break. One pass over the bytes: find_first_of
// calls memchr on the four characters for each byte of the value (a tenth of `components --format
// csv` at a million actors).
bool has_special(std::string_view value) noexcept {
  return std::any_of(value.begin(), value.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
}

}  // namespace

void append_csv_field(std::string& out, std::string_view value) {
  // A leading byte-order mark is quoted too: at the start of a file, the reader would skip it.
  const bool quote =
      has_special(value) || (!value.empty() && (value.front() == ' ' || value.back() == ' ')) || value.substr(0, 3) == "\xEF\xBB\xBF";
  if (!quote) {
    out.append(value);
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_csv_record(std::string& out, const std::vector<std::string_view>& values) {
  // A record of one empty field is written "", not as an empty line, which the reader skips.
  if (values.size() == 1 && values[0].empty()) {
    out += "\"\"\n";
    return;
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    append_csv_field(out, values[i]);
  }
  out += '\n';
}

}  // namespace actorgraph
