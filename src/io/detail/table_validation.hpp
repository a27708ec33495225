// What the readers of dataset tables (CSV files, graph files, tables in memory) share with the one
// validator (src/io/tables.cpp): the list of problems in the order a reader meets them, the header
// rules, and the validator's entry point.
#pragma once

#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/tables.hpp"
#include "io/detail/columns.hpp"
#include "io/detail/file_text.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace actorgraph::detail {

// Past this many problems in one file the rest are counted, not listed: a wrong file (a binary, the
// wrong delimiter) would otherwise print a line per cell.
inline constexpr std::size_t max_problems_per_file = 1000;

// The spec of each table, by TableKind.
const FileSpec& table_spec(TableKind kind) noexcept;

// The problems of one dataset. Each is filed under its table (or `other`) and under where a reader
// of the files meets it: before the rows (the file, its header), in a row (the reader's problems
// with the row first, then the validator's), or after the rows (checks across rows, in the order
// they report). finish() takes them in that order per table, the first max_problems_per_file
// listed and the rest as one summary line, then sorts them by table, line and column.
class Reporter {
 public:
  enum class Phase : std::uint8_t { before_rows, rows, after_rows };
  enum class Step : std::uint8_t { reading, checking };
  static constexpr std::size_t other = table_kind_count;  // problems of no table (README.md)

  // `limited`: counts against the limit of its table (not so for "file not found" and the like).
  // `sort_line` and `sort_column` place it in its table (0: its line and column).
  void add(std::size_t table, Diagnostic diagnostic, Phase phase = Phase::before_rows, std::size_t row = 0,
           Step step = Step::reading, bool limited = true, std::uint64_t sort_line = 0, std::uint64_t sort_column = 0);
  // Counts a problem of `table` as not listed, and returns true, when it comes after the rows and
  // the table has max_problems_per_file before it already: the caller need not locate it.
  bool suppress_late(std::size_t table, Severity severity, Phase phase);
  // Errors so far, listed or not.
  std::size_t errors() const noexcept { return errors_; }
  // The summary lines name each table as its locator does for the table as a whole.
  Diagnostics finish(const std::array<TablePosition, table_kind_count>& tables);

 private:
  struct Pending {
    Diagnostic diagnostic;
    std::uint64_t order;
    bool limited;
    std::uint64_t sort_line, sort_column;
  };
  std::array<std::vector<Pending>, table_kind_count + 1> pending_;
  std::array<std::size_t, table_kind_count + 1> limited_{}, late_errors_{}, late_warnings_{};
  std::size_t errors_ = 0;
};

// The column order of a table whose header (or given columns) is `names`: the spec's known columns
// first, in canonical order (a missing required one is kept, empty, and reported), then the others
// in input order. `input_column[c]` is the input index of column c (npos: missing).
struct ColumnPlan {
  std::vector<std::string> columns;
  std::vector<std::size_t> input_column;
  struct Problem {
    std::size_t input;  // the header field it concerns (0 for a missing column)
    std::string message;
  };
  std::vector<Problem> problems;
  bool missing_required = false;  // then every row is malformed: each would repeat the error
};
ColumnPlan plan_columns(const FileSpec& spec, const std::vector<std::string>& names);

// What a reader knows of the tables besides their cells.
struct ReadState {
  // Per table: the file was there (even empty), or the table was given.
  std::array<bool, table_kind_count> read{};
  // Per table and row: the reader found the row malformed (a syntax error, a wrong field count, a
  // missing required column), so the validator checks no more than its id. Empty: none.
  std::array<std::vector<std::uint8_t>, table_kind_count> malformed;
  // Per table: rows from this one on were added to what a CSV reader read (a graph's own types
  // after those it declares), so no reader checked their bytes. npos: none.
  std::array<std::size_t, table_kind_count> added_rows_from{npos, npos, npos, npos, npos};
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

// Puts the tables whose `normalise` flag is set in canonical column order (plan_columns),
// reporting their header problems and cells a dataset cannot hold (NUL, invalid UTF-8), then
// validates all (validate_tables). For tables made in memory or from a graph's nodes and edges.
CheckResult check_normalised(std::string path, DatasetTables tables, TableLocator& locator, ReadState state, Reporter reporter,
                             const std::array<bool, table_kind_count>& normalise, unsigned threads = 0);

// Validates the tables (columns in canonical order: plan_columns), reporting through `locator`
// into `reporter`, which may already hold the reader's problems; builds the Dataset when there is
// no error. `path` becomes Dataset::path(). The rows of relations.csv are checked on `threads`
// threads (0: one per core), with the same result as on one.
CheckResult validate_tables(std::string path, DatasetTables tables, TableLocator& locator, ReadState state, Reporter reporter,
                            unsigned threads = 0);

// A part of a CSV file read on its own (CsvTableFile::read): the records that start in
// [begin, stop), what the first pass over them found, and the first bad bytes of its lines.
struct CsvChunk {
  std::size_t begin = 0, stop = 0;
  std::size_t end = 0;  // the reader's position after the chunk: where the next chunk's records start
  std::size_t rows = 0;
  std::vector<std::uint64_t> bytes;  // per table column: the bytes of the chunk's cells
  struct Problem {
    std::uint64_t offset;
    std::string message;
    std::size_t row;  // in the chunk
  };
  std::vector<Problem> problems;           // in the order a reader meets them
  std::vector<std::size_t> malformed;      // rows, in the chunk
  std::vector<std::size_t> nuls, invalid;  // offsets of the first NUL bytes and bytes not UTF-8
  std::uint64_t newlines = 0;              // line ends in [begin, end)
  bool line_starts = true;                 // every record starts a line (after a line end)
  // (row, line) for the chunk's first row and each row whose line is not the one after its
  // predecessor's; both counted from the chunk's start (row 0, line 0 where it begins).
  std::vector<std::pair<std::size_t, std::uint64_t>> jumps;
};

// Where each data row of a file starts, its record's offset and its line, kept once the file's text
// is freed: about 4 bytes per row instead of 16. The offset is kept as its low 32 bits, the line as
// the row's number; what they lack (the offset's high bits, the lines that start no row: the
// header's, a record's further lines) only grows from row to row, so it is stored only at the rows
// where it changes (one entry per 4 GiB of file, one per record over several lines).
class RowPlaces {
 public:
  // Adds the next row; `offset` and `line` are above the previous row's.
  void push_back(std::uint64_t offset, std::uint64_t line);
  void reserve(std::size_t rows) { low_.reserve(rows); }
  std::size_t size() const noexcept { return low_.size(); }
  std::uint64_t offset(std::size_t row) const noexcept { return last_change(high_, row) << 32 | low_[row]; }
  std::uint64_t line(std::size_t row) const noexcept { return row + last_change(skipped_lines_, row); }

 private:
  struct Change {
    std::uint64_t row, value;
  };
  // The value of the last change at or before `row` (every list starts at row 0).
  static std::uint64_t last_change(const std::vector<Change>& changes, std::size_t row) noexcept;
  std::vector<std::uint32_t> low_;
  std::vector<Change> high_, skipped_lines_;
};

// One CSV file of a dataset (or a graph attribute holding one): its text, kept for positions,
// and where its rows and columns are. With a `context` ("graph attribute actorgraph_sources"),
// its problems name `path` with no line, and say "CONTEXT, line N: ..." (sorted by that line).
class CsvTableFile {
 public:
  CsvTableFile(TableKind kind, std::string path, std::string context = {})
      : kind_(kind), path_(std::move(path)), context_(std::move(context)) {}
  const std::string& path() const noexcept { return path_; }
  const std::string& context() const noexcept { return context_; }

  // Reads `text` into `table` (columns in canonical order, plan_columns), reporting the file's
  // problems (NUL bytes, invalid UTF-8, CSV syntax, the header, field counts); flags the rows
  // the validator should not check beyond their id. A large text is read in chunks on
  // options.threads threads (LoadOptions), with the same table and problems as in one.
  // After open_for_release, the text of each chunk is given back to the system once its cells
  // are copied (so the file and its cells are not both in memory), and release_text must follow.
  // Throws IoError when a mapped file changed while it was read (FileText::changed, or a second pass
  // that does not find what the first one counted).
  void read(FileText text, Table& table, Reporter& reporter, std::vector<std::uint8_t>& malformed, const LoadOptions& options = {});

  // Keeps the file open, to read records from once the text is released: a mapped file's own
  // descriptor, or else the file opened again; does nothing when it cannot be opened or is not a
  // regular file of the text's size (then the text is kept).
  void open_for_release(const FileText& text);

  // For tests: called once the first pass is done, before the second (where another program may
  // write a mapped file).
  void set_between_passes(std::function<void()> call) { between_passes_ = std::move(call); }

  // Whether the header lacks a required column (then every row is malformed, even one added later).
  bool missing_required() const noexcept { return missing_required_; }

  // The position of a cell, found by reading its row's record again (see TableLocator::locate).
  TablePosition locate(std::size_t row, std::size_t column, std::size_t within);

  // Frees the text read (the file's size in memory, as much as its cells again): from then on a
  // problem's position is found by reading its row's record again from the file, at the offset
  // kept for the row, with the row's line number kept too (RowPlaces). Only after open_for_release
  // and read(). Should the file change before a problem is located, the problem is put at its
  // row's first column.
  void release_text();

  // Frees what locate needs (the text or the rows' places) once every problem is placed; locate
  // then gives the file alone.
  void forget_positions();

 private:
  void report(Reporter& reporter, std::uint64_t offset, std::string message, Reporter::Phase phase = Reporter::Phase::before_rows,
              std::size_t row = 0);
  TablePosition position(std::uint64_t offset);
  void report_bytes(Reporter& reporter, const std::vector<CsvChunk>& chunks);
  std::vector<CsvChunk> scan_chunks(std::size_t first, const std::vector<std::string>& input_names, const LoadOptions& options) const;
  void scan_chunk(CsvChunk& chunk, const std::vector<std::string>& input_names) const;
  std::vector<TextColumn> fill_columns(const std::vector<CsvChunk>& chunks, const LoadOptions& options);
  bool fill_chunk(const CsvChunk& chunk, std::size_t row, std::vector<std::uint64_t> at, const std::vector<char*>& data,
                  const std::vector<std::uint32_t*>& ends);
  std::uint64_t line_ends(std::uint64_t from, std::uint64_t to) const;  // in text[from, to)
  // Gives the whole pages of text[from, to) back to the system, but for the first bytes (see the
  // definition): read after this, they are zeros (the file's bytes again, when it is mapped).
  void discard_text(std::size_t from, std::size_t to);

  TableKind kind_;
  std::string path_, context_;
  std::string_view text_;  // text_owner_'s bytes, while they are held
  FileText text_owner_;
  [[noreturn]] void throw_changed() const;
  std::unique_ptr<LineIndex> lines_;
  std::vector<std::uint64_t> row_offsets_;  // record offset of each data row, while the text is held
  std::vector<std::pair<std::size_t, std::uint64_t>> line_jumps_;  // CsvChunk::jumps of the file, in row order
  bool discard_ = false;                    // give each chunk's text back once read (open_for_release)
  std::shared_ptr<const int> reopened_;     // open_for_release's file, until release_text
  std::function<void()> between_passes_;    // set_between_passes
  // After release_text: the offset and line of each data row, and the file, open, to read records from.
  RowPlaces places_;
  std::shared_ptr<const int> file_;
  std::uint64_t file_size_ = 0;
  TablePosition locate_in_file(std::size_t row, std::size_t column, std::size_t within);
  std::uint64_t cell_offset(std::string_view record, std::size_t column, std::size_t within) const;
  std::vector<std::size_t> input_column_;   // table column -> field of the record (npos: absent)
  bool missing_required_ = false;
};

}  // namespace actorgraph::detail
