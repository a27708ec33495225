// Tabular results in the three output formats: an aligned text table for reading, CSV (header row,
// first column the id) for spreadsheets, JSON (an array of objects) for programs. The CLI's commands
// and the report's CSV files write through it.
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

class ResultTable {
 public:
  // A numeric column is right-aligned in text, and unquoted in JSON (an empty cell is null).
  void add_column(std::string name, bool numeric = false);
  void add_row(std::vector<std::string> cells);
  // The same from views (the dataset's own text, a caller's buffers): a streamed row is written
  // without copying its cells; a kept row copies them.
  void add_row(std::span<const std::string_view> cells);
  std::size_t rows() const noexcept { return row_count_; }

  // Streams csv and json: after stream_to(out, format), each row is written to `out` as it is
  // added instead of being kept, so an answer of millions of rows needs no memory for them; write()
  // then ends the output. The bytes are those write() gives without streaming. With "table" nothing
  // changes (the column widths need every row). Call it after the last add_column. Streamed rows
  // are gathered into blocks of about 64 KiB before they go to `out`, so write() must be called to
  // write the last block (to the stream given here: write()'s `out` is then not used).
  void stream_to(std::ostream& out, std::string_view format);

  // format: "table", "csv" or "json". The table is for people: line breaks and tabs in a cell show
  // as spaces and other control characters as escapes (terminal_safe, in any case, not only on a
  // terminal); CSV and JSON keep every cell exactly (JSON escapes control characters as JSON does).
  void write(std::ostream& out, std::string_view format) const;

  // write() into a string.
  std::string text(std::string_view format) const;

 private:
  struct Column {
    std::string name;
    bool numeric;
  };
  std::string csv_record(const std::vector<std::string>& cells) const;
  // Appends a row as a JSON object to `out`.
  void append_json_object(std::string& out, std::span<const std::string_view> cells) const;
  void write_text(std::ostream& out) const;  // the text table of write()
  // Appends the streamed row in views_ to the block, and writes the block once it is full.
  void stream_row();

  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
  std::size_t row_count_ = 0;
  std::ostream* stream_ = nullptr;  // streaming to, when set
  std::string stream_format_;
  mutable std::string block_;             // streamed rows not yet written to stream_ (write() ends it)
  std::vector<std::string_view> views_;   // a streamed row's cells, reused
};

}  // namespace actorgraph
