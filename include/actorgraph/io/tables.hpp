// A dataset as tables of text, before validation, wherever they came from: CSV files, a graph file
// (DOT, GraphML, JSON), or a program that fills them in memory. One validator checks them all and
// builds the Dataset (docs/FORMAT.md); a locator says where each cell came from, so every problem
// is reported at its file:line:column.
#pragma once

#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/dataset.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace actorgraph {

// The five tables of a dataset, in the order diagnostics are listed.
enum class TableKind : std::uint8_t { actors, relations, sources, types, blocs };
inline constexpr std::size_t table_kind_count = 5;

// "actors.csv", "relations.csv", "sources.csv", "types.csv", "blocs.csv".
std::string_view table_file_name(TableKind kind) noexcept;

// A dataset's content before validation. A table that is absent has no columns (!present());
// actors and relations are required. Column order is free: the validator puts the known columns
// first, in canonical order (docs/FORMAT.md), then the others in the order given. Every cell is
// text, as in the CSV files.
struct DatasetTables {
  Table actors, relations, sources, types, blocs;
  std::vector<DatasetFile> other_files;     // README.md, influence.csv...: kept byte for byte
  std::vector<std::string> other_entries;   // folder entries that are not regular files

  Table& table(TableKind kind) noexcept;
  const Table& table(TableKind kind) const noexcept;
};

// Where something in the tables came from.
struct TablePosition {
  std::string file;
  std::uint64_t line = 0, column = 0;  // 1-based; 0 when unknown
  std::string context;                 // put before the message when not empty: "node 'x'", "row 3"
  // Where the problem sorts among those of its table, when not at (line, column): a locator
  // whose positions do not follow the rows (a DOT file, whose lines cgraph does not keep) gives
  // the row's place. 0: by line and column.
  std::uint64_t sort_line = 0, sort_column = 0;
  // The line to cite for the row in messages about another ("first defined at line N"), when
  // it is not `line`: a table embedded in a graph attribute cites its line in the attribute's
  // text. 0: `line`.
  std::uint64_t cited_line = 0;
};

// Maps a place in the tables to a position in what was read.
class TableLocator {
 public:
  static constexpr std::size_t whole_row = std::numeric_limits<std::size_t>::max();
  virtual ~TableLocator() = default;
  // The position of the cell (`row`, `column`) of a table (column whole_row: the row itself; row
  // whole_row: the table as a whole, e.g. its file for "file not found").
  // `within` is a byte offset inside the cell's text, for one item of a list such as `sources`
  // (whole_row: the cell itself); a locator may ignore it.
  virtual TablePosition locate(TableKind table, std::size_t row, std::size_t column, std::size_t within = whole_row) = 0;
  // Called once every problem is placed: the locator may free what it keeps to place them (a CSV
  // file's row offsets and lines, 4 bytes a row). locate is not called after.
  virtual void forget() {}
};

// The locator of tables made in memory: problems name "ORIGIN/actors.csv" and so on, with no line,
// and say which row and column ("row 3, column 'source'", rows counted from 1, the header apart).
// `tables` gives the column names, in the order the validator uses (canonical, see DatasetTables).
class MemoryTableLocator : public TableLocator {
 public:
  MemoryTableLocator(std::string origin, const DatasetTables& tables);
  TablePosition locate(TableKind table, std::size_t row, std::size_t column, std::size_t within = whole_row) override;

 private:
  std::string file(TableKind table) const;
  std::string origin_;
  std::array<std::vector<std::string>, table_kind_count> columns_;
};

// Validates tables made in memory, exactly as a dataset folder is validated (check_dataset), and
// builds the Dataset when there is no error. `origin` is the dataset's path() and names it in
// diagnostics (see MemoryTableLocator). A table whose required columns are missing is reported
// and its rows are not checked further. Never throws for problems in the data.
CheckResult check_tables(DatasetTables tables, const std::string& origin);
// The same with a caller's locator (e.g. one that knows the lines of the caller's own file); it is
// asked about columns in canonical order (known columns first, as plan_columns in docs/FORMAT.md).
CheckResult check_tables(DatasetTables tables, const std::string& origin, TableLocator& locator);

// The Dataset of valid tables; throws DataError with every diagnostic when there is an error, as
// load_dataset does. Warnings are kept in Dataset::warnings().
Dataset build_dataset(DatasetTables tables, const std::string& origin);

}  // namespace actorgraph
