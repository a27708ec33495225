// RFC 4180 CSV: a tokenizer that reports byte offsets and keeps going after a problem, and the
// writer that produces the canonical form (quote only when needed, LF line endings).
//
// The tokenizer knows nothing of files or lines: it reports byte offsets into the text it was given,
// and the dataset reader turns them into file:line:column (see LineIndex) only when there is
// something to report.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

struct CsvField {
  std::string_view value;  // unescaped; valid until the next call to CsvReader::next
  std::uint64_t offset;    // byte offset of the field's first character (its opening quote if quoted)
};

struct CsvProblem {
  std::uint64_t offset;
  std::string message;
};

class CsvReader {
 public:
  // `text` must outlive the reader. A leading UTF-8 byte-order mark is skipped.
  explicit CsvReader(std::string_view text) noexcept;
  // A reader of the records of `text` that start at or after `from` and before `stop`, for one
  // chunk of a text read in parts. `from` must be where a record starts (or empty lines before
  // one), as position() gives it; a record that starts before `stop` is read whole, even past
  // `stop`. Offsets are still offsets into `text`, and a byte-order mark is skipped only at 0.
  CsvReader(std::string_view text, std::size_t from, std::size_t stop) noexcept;

  // Reads the next record into `fields`. Returns false at the end of the text. Lines with no
  // characters at all are skipped. Syntax problems are appended to `problems` and the record is
  // still returned, read as leniently as possible: a stray quote is kept as text, text after a
  // closing quote is appended, and an unterminated quote takes the rest of the text.
  bool next(std::vector<CsvField>& fields, std::vector<CsvProblem>& problems);

  // Offset of the record last returned, and the offset just past it (where a short record ended).
  std::uint64_t record_offset() const noexcept { return record_offset_; }
  std::uint64_t record_end() const noexcept { return record_end_; }
  // Where the reader looks for the next record; once next() has returned false, where the next
  // record of the text starts (past any empty lines), or the end of the text. Two readers of the
  // same text that reach the same position read the same records from there on.
  std::size_t position() const noexcept { return pos_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t stop_ = static_cast<std::size_t>(-1);
  std::uint64_t record_offset_ = 0;
  std::uint64_t record_end_ = 0;
  std::string scratch_;  // unescaped text of quoted fields that contained ""
  // The fields of the record being read whose text is in scratch_, as places there (kept between
  // records: no allocation per record).
  struct ScratchField {
    std::size_t field, begin, length;
  };
  std::vector<ScratchField> in_scratch_;
  // The 64 bytes of the text from block_ as a mask: bit i set where byte block_ + i is a comma, a
  // line feed or a quote (next_special; none yet: block_ past any offset).
  std::size_t next_special(std::size_t from) noexcept;
  std::size_t block_ = static_cast<std::size_t>(-1);
  std::uint64_t mask_ = 0;
};

// Maps byte offsets of a text to 1-based line and column (code points), as editors count them.
// Built on first use, in one pass over the text.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {}
  void locate(std::uint64_t offset, std::uint64_t& line, std::uint64_t& column);

 private:
  std::string_view text_;
  std::vector<std::uint64_t> line_starts_;
};

// Appends one field in canonical form: quoted only when it contains a comma, a quote, CR or LF,
// starts or ends with a space (which some tools trim), or starts with a byte-order mark (which the
// reader skips at the start of a text).
void append_csv_field(std::string& out, std::string_view value);

// Appends a record and its LF line ending. A record of one empty field is written `""`, since the
// reader skips empty lines.
void append_csv_record(std::string& out, const std::vector<std::string_view>& values);

}  // namespace actorgraph
