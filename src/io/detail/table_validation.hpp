// What the readers of dataset tables (CSV files, graph files, tables in memory) share with the one
// validator (src/io/tables.cpp): the list of problems in the order a reader meets them, the header
// rules, and the validator's entry point.
#pragma once

#include "actorgraph/io/tables.hpp"
#include "io/detail/columns.hpp"

#include <array>
#include <cstdint>
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
  void add(std::size_t table, Diagnostic diagnostic, Phase phase = Phase::before_rows, std::size_t row = 0,
           Step step = Step::reading, bool limited = true);
  // Counts a problem of `table` as not listed, and returns true, when it comes after the rows and
  // the table has max_problems_per_file before it already: the caller need not locate it.
  bool suppress_late(std::size_t table, Severity severity, Phase phase);
  // Errors so far, listed or not.
  std::size_t errors() const noexcept { return errors_; }
  // The summary lines name `files[table]`.
  Diagnostics finish(const std::array<std::string, table_kind_count>& files);

 private:
  struct Pending {
    Diagnostic diagnostic;
    std::uint64_t order;
    bool limited;
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
};

// Validates the tables (columns in canonical order: plan_columns), reporting through `locator`
// into `reporter`, which may already hold the reader's problems; builds the Dataset when there is
// no error. `path` becomes Dataset::path().
CheckResult validate_tables(std::string path, DatasetTables tables, TableLocator& locator, ReadState state, Reporter reporter);

}  // namespace actorgraph::detail
