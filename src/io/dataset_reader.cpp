// Reading a dataset folder of CSV files into tables (io/dataset_reader.hpp); the tables are then
// checked by the one validator (src/io/tables.cpp), which a CsvLocator tells where each cell is.
#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/metadata.hpp"

#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/tables.hpp"
#include "actorgraph/io/text_file.hpp"
#include "io/detail/table_validation.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace actorgraph {

namespace fs = std::filesystem;

namespace detail {

namespace {

using Phase = Reporter::Phase;

}  // namespace

TablePosition CsvTableFile::position(std::uint64_t offset) {
  if (!lines_) lines_ = std::make_unique<LineIndex>(text_);
  TablePosition at{path_, 0, 0, {}};
  lines_->locate(offset, at.line, at.column);
  if (!context_.empty()) {
    at.context = context_ + (at.line ? ", line " + std::to_string(at.line) : std::string());
    at.sort_line = at.cited_line = at.line;
    at.sort_column = at.column;
    at.line = at.column = 0;
  }
  return at;
}

void CsvTableFile::report(Reporter& reporter, std::uint64_t offset, std::string message, Phase phase, std::size_t row) {
  TablePosition at = position(offset);
  if (!at.context.empty()) message = at.context + ": " + message;
  reporter.add(static_cast<std::size_t>(kind_), Diagnostic{std::move(at.file), at.line, at.column, Severity::error, std::move(message)}, phase,
               row, Reporter::Step::reading, true, at.sort_line, at.sort_column);
}

// A NUL byte is valid UTF-8 but no text editor shows it, and DOT cannot carry it: refuse it.
// Then every byte that is not UTF-8.
void CsvTableFile::check_bytes(Reporter& reporter) {
  std::size_t nuls = 0;
  for (std::size_t at = text_.find('\0'); at != std::string::npos; at = text_.find('\0', at + 1)) {
    if (++nuls > 20) {
      report(reporter, at, "further NUL bytes not reported (is this a text file?)");
      break;
    }
    report(reporter, at, "NUL byte (0x00) in the file; a dataset file is text and cannot contain one");
  }
  std::size_t invalid = 0;
  for (std::size_t at = find_invalid_utf8(text_); at != std::string::npos; at = find_invalid_utf8(text_, at + 1)) {
    if (++invalid > 20) {
      report(reporter, at, "further invalid UTF-8 not reported (is this a text file in UTF-8?)");
      break;
    }
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text_[at]));
    report(reporter, at, std::string("invalid UTF-8 (byte ") + byte + "); save the file as UTF-8");
  }
}

void CsvTableFile::read(std::string text, Table& table, Reporter& reporter, std::vector<std::uint8_t>& malformed) {
  const FileSpec& spec = table_spec(kind_);
  text_ = std::move(text);
  check_bytes(reporter);
  CsvReader reader(text_);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> problems;
  if (!reader.next(fields, problems)) {
    std::string header;
    for (const auto& c : spec.columns) header += (header.empty() ? "" : ",") + std::string(c.name);
    report(reporter, 0, "empty file: expected a header row such as '" + header + "'");
    table = Table(std::string(spec.name), {});
    return;
  }
  for (const auto& p : problems) report(reporter, p.offset, p.message);
  problems.clear();

  std::vector<std::string> input_names;
  for (const auto& f : fields) input_names.emplace_back(f.value);
  ColumnPlan plan = plan_columns(spec, input_names);
  for (const auto& p : plan.problems) report(reporter, fields[p.input].offset, p.message);
  input_column_ = std::move(plan.input_column);
  missing_required_ = plan.missing_required;
  table = Table(std::string(spec.name), std::move(plan.columns));
  const std::size_t width = input_names.size();

  std::vector<std::string_view> values(input_column_.size());
  while (reader.next(fields, problems)) {
    const std::size_t row = table.rows();
    for (const auto& p : problems) report(reporter, p.offset, p.message, Phase::rows, row);
    bool well_formed = problems.empty() && !plan.missing_required;
    problems.clear();
    if (fields.size() < width) {
      std::string missing;
      for (std::size_t i = fields.size(); i < width; ++i) missing += (missing.empty() ? "" : ", ") + input_names[i];
      report(reporter, reader.record_end(),
             "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()) + " (missing: " + missing + ")", Phase::rows, row);
      well_formed = false;
    } else if (fields.size() > width) {
      report(reporter, fields[width].offset,
             "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()) +
                 " (a value that contains a comma must be enclosed in double quotes)", Phase::rows, row);
      well_formed = false;
    }
    for (std::size_t c = 0; c < values.size(); ++c) {
      const std::size_t i = input_column_[c];
      values[c] = i < fields.size() ? fields[i].value : std::string_view();
    }
    row_offsets_.push_back(reader.record_offset());
    if (!well_formed) {
      malformed.resize(row + 1, 0);
      malformed[row] = 1;
    }
    table.add_row(values);
  }
}

TablePosition CsvTableFile::locate(std::size_t row, std::size_t column, std::size_t within) {
  if (row >= row_offsets_.size()) return TablePosition{path_, 0, 0, context_};
  const std::uint64_t record = row_offsets_[row];
  std::uint64_t offset = record;
  if (column != TableLocator::whole_row) {
    const std::string_view rest = std::string_view(text_).substr(record);
    CsvReader reader(rest);
    std::vector<CsvField> fields;
    std::vector<CsvProblem> ignored;
    reader.next(fields, ignored);
    const std::size_t i = column < input_column_.size() ? input_column_[column] : std::string::npos;
    if (i >= fields.size()) {
      offset = record + reader.record_end();  // a field the record lacks: where it ends
    } else {
      const CsvField& field = fields[i];
      // An item inside the value, when the value is the file's own text (not unescaped).
      const bool in_text = field.value.data() >= rest.data() && field.value.data() < rest.data() + rest.size();
      offset = record + (within != TableLocator::whole_row && in_text ? static_cast<std::uint64_t>(field.value.data() - rest.data()) + within
                                                                        : field.offset);
    }
  }
  return position(offset);
}

namespace {

class CsvLocator : public TableLocator {
 public:
  explicit CsvLocator(std::vector<CsvTableFile>& files) : files_(files) {}
  TablePosition locate(TableKind table, std::size_t row, std::size_t column, std::size_t within) override {
    return files_[static_cast<std::size_t>(table)].locate(row, column, within);
  }


 private:
  std::vector<CsvTableFile>& files_;
};

// Every other file of the folder is kept byte for byte (Dataset::other_files), so that conversions
// carry it along; hidden files (".name", e.g. an editor's swap file) are not part of the dataset.
void read_other_files(const std::string& folder, const std::map<std::string, std::string>* files, DatasetTables& tables,
                      Reporter& reporter) {
  if (files) {
    for (const auto& [name, bytes] : *files)
      if (!is_dataset_file_name(name)) tables.other_files.push_back(DatasetFile{name, bytes});
    return;
  }
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name.front() != '.' && !is_dataset_file_name(name)) names.push_back(std::move(name));
  }
  if (ec) throw IoError(folder + ": cannot list the folder: " + ec.message());
  std::sort(names.begin(), names.end());
  for (auto& name : names) {
    const std::string path = folder + "/" + name;
    if (!fs::is_regular_file(path, ec)) {
      tables.other_entries.push_back(std::move(name));
      continue;
    }
    std::string why;
    if (auto bytes = try_read_file(path, why)) {
      if (name == "README.md")
        if (const std::string problem = readme_title_problem(*bytes); !problem.empty())
          reporter.add(Reporter::other, Diagnostic{path, 1, 1, Severity::warning, problem}, Phase::before_rows, 0, Reporter::Step::reading, false);
      tables.other_files.push_back(DatasetFile{std::move(name), std::move(*bytes)});
    } else {
      reporter.add(Reporter::other,
                   Diagnostic{path, 0, 0, Severity::warning, "cannot read the file: " + why + "; conversions and format will not carry it"},
                   Phase::before_rows, 0, Reporter::Step::reading, false);
      tables.other_entries.push_back(std::move(name));
    }
  }
}


// Reads the dataset from the folder on disk, or from `files` (file name -> text) when given.
CheckResult read_csv_dataset(const std::string& folder, const std::map<std::string, std::string>* files) {
  std::error_code ec;
  if (!files && !fs::is_directory(folder, ec))
    throw IoError(fs::exists(folder, ec) ? folder + ": not a dataset folder (expected a folder with actors.csv and relations.csv)"
                                         : folder + ": no such dataset folder");
  Reporter reporter;
  ReadState state;
  DatasetTables tables;
  std::vector<CsvTableFile> csv;
  for (std::size_t k = 0; k < table_kind_count; ++k)
    csv.emplace_back(static_cast<TableKind>(k), folder + "/" + std::string(table_file_name(static_cast<TableKind>(k))));
  // Types first: relations need them (the order of the summaries of problems not listed).
  for (const TableKind kind : {TableKind::types, TableKind::actors, TableKind::sources, TableKind::relations, TableKind::blocs}) {
    const auto k = static_cast<std::size_t>(kind);
    const FileSpec& spec = table_spec(kind);
    auto file_problem = [&](std::string message) {
      reporter.add(k, Diagnostic{csv[k].path(), 0, 0, Severity::error, std::move(message)}, Phase::before_rows, 0, Reporter::Step::reading, false);
    };
    std::optional<std::string> text;
    if (files) {
      if (const auto it = files->find(std::string(spec.name)); it != files->end()) text = it->second;
    } else if (fs::exists(csv[k].path(), ec)) {
      std::string why;
      text = try_read_file(csv[k].path(), why);
      if (!text) {
        file_problem("cannot read the file: " + why);
        continue;
      }
    }
    if (!text) {
      if (spec.required) file_problem("file not found (a dataset needs actors.csv and relations.csv; see docs/FORMAT.md)");
      continue;
    }
    state.read[k] = true;
    csv[k].read(std::move(*text), tables.table(kind), reporter, state.malformed[k]);
  }
  read_other_files(folder, files, tables, reporter);
  CsvLocator locator(csv);
  return validate_tables(folder, std::move(tables), locator, std::move(state), std::move(reporter));
}

}  // namespace

}  // namespace detail

CheckResult check_dataset(const std::string& folder) {
  std::string path = folder;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return detail::read_csv_dataset(path, nullptr);
}

CheckResult check_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files) {
  return detail::read_csv_dataset(origin, &files);
}

Dataset load_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files) {
  CheckResult result = check_dataset_files(origin, files);
  if (!result.dataset) throw DataError(std::move(result.diagnostics));
  return std::move(*result.dataset);
}

Dataset load_dataset(const std::string& folder) {
  CheckResult result = check_dataset(folder);
  if (!result.dataset) throw DataError(std::move(result.diagnostics));
  return std::move(*result.dataset);
}

}  // namespace actorgraph
