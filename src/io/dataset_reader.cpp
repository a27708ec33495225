#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/graph.hpp"
#include "actorgraph/model/metadata.hpp"

#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/text_file.hpp"
#include "io/detail/columns.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <unordered_set>

namespace actorgraph {

namespace fs = std::filesystem;

namespace detail {

namespace {

// Past this many problems in one file the rest are counted, not listed: a wrong file (a binary, the
// wrong delimiter) would otherwise print a line per cell.
constexpr std::size_t max_problems_per_file = 1000;
// Suggestions compare a name with every id; past this many distinct unknown names, skip them.
constexpr std::size_t max_suggested_names = 50;

bool is_slug(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::optional<bool> parse_bool(std::string_view s) {
  if (s == "true") return true;
  if (s == "false") return false;
  return std::nullopt;
}

std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  const char* end = s.data() + s.size();
  if (!s.empty() && s.front() == '+') return std::nullopt;
  const auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

// One file of the dataset while it is read: its text (kept for positions) and its rows' offsets.
struct SourceFile {
  SourceFile(const FileSpec* s, std::string p) : spec(s), path(std::move(p)) {}
  const FileSpec* spec;
  std::string path;
  std::string text;
  bool present = false;
  std::unique_ptr<LineIndex> lines;
  std::vector<std::uint64_t> row_offsets;     // record offset of each data row
  std::vector<std::size_t> input_column;      // table column -> column in the file (npos: absent)
  std::vector<std::uint8_t> malformed;        // per row: wrong field count or a syntax error
  bool has(std::size_t table_column) const { return input_column[table_column] != std::string::npos; }
  std::size_t errors = 0, listed = 0, suppressed_errors = 0, suppressed_warnings = 0;
};

class DatasetBuilder {
 public:
  // Reads from the folder on disk, or from `files` (file name -> text) when given.
  DatasetBuilder(std::string folder, const std::map<std::string, std::string>* files) : folder_(std::move(folder)), files_in_memory_(files) {}
  CheckResult run();

 private:
  // Diagnostics.
  void report(SourceFile& f, std::uint64_t offset, Severity severity, std::string message);
  void report_file(SourceFile& f, Severity severity, std::string message);
  std::uint64_t line_of(SourceFile& f, std::uint64_t offset);
  // Byte offset of a table column's field in a row, found by reading the row's record again.
  std::uint64_t field_offset(SourceFile& f, std::size_t row, std::size_t table_column);

  // Reads one file into `table`, calling `row(index, fields, well_formed)` for each data row with the
  // fields in table-column order. Returns false when the file is absent.
  template <class RowFn>
  bool read_table(SourceFile& f, Table& table, RowFn&& row);

  bool check_id(SourceFile& f, const CsvField& field, std::string_view what);
  std::optional<ActorId> lookup_actor(SourceFile& f, const CsvField& field, std::string_view what);
  void lookup_sources(SourceFile& f, const CsvField& field, std::vector<SourceId>& out);
  PartialDate parse_date(SourceFile& f, const CsvField& field, std::string_view what);
  // The `status` field (empty: held); an unknown value is an error with a suggestion.
  Status parse_status_field(SourceFile& f, const CsvField& field);
  // " (did you mean 'x'?)" for the first max_suggested_names unknown names; the suggester is built
  // from `candidates` on first use.
  std::string unknown_hint(std::string_view name, std::unique_ptr<NameSuggester>& suggester,
                           const std::function<std::vector<std::string_view>()>& candidates);

  void read_types();
  void read_actors();
  void read_sources();
  void read_relations();
  void read_blocs();
  void read_other_files();
  void index_actors();
  void index_relations();
  void check_disputes();
  void check_parts();
  void check_duplicates();
  void check_similar_claims();
  void check_double_counts();
  std::string describe(RelationId r) const;

  std::string folder_;
  const std::map<std::string, std::string>* files_in_memory_;
  Dataset d_;
  std::vector<std::unique_ptr<SourceFile>> files_;
  SourceFile* actors_file_ = nullptr;
  SourceFile* relations_file_ = nullptr;
  Diagnostics diagnostics_;
  std::vector<std::string> actor_id_list_;  // for suggestions
  std::unique_ptr<NameSuggester> actor_suggester_, source_suggester_, type_suggester_;
  std::size_t suggested_names_ = 0;
  std::set<std::pair<RelationId, RelationId>> dispute_pairs_;
  // Per relation: its actors and type are known. Checks across relations (disagreements) look only
  // at these: an unknown actor is already an error, and has no actor number to compare.
  std::vector<std::uint8_t> resolved_;
};

std::uint64_t DatasetBuilder::line_of(SourceFile& f, std::uint64_t offset) {
  if (!f.lines) f.lines = std::make_unique<LineIndex>(f.text);
  std::uint64_t line = 0, column = 0;
  f.lines->locate(offset, line, column);
  return line;
}

void DatasetBuilder::report(SourceFile& f, std::uint64_t offset, Severity severity, std::string message) {
  if (severity == Severity::error) ++f.errors;
  if (++f.listed > max_problems_per_file) {
    ++(severity == Severity::error ? f.suppressed_errors : f.suppressed_warnings);
    return;
  }
  if (!f.lines) f.lines = std::make_unique<LineIndex>(f.text);
  Diagnostic d{f.path, 0, 0, severity, std::move(message)};
  f.lines->locate(offset, d.line, d.column);
  diagnostics_.push_back(std::move(d));
}

void DatasetBuilder::report_file(SourceFile& f, Severity severity, std::string message) {
  if (severity == Severity::error) ++f.errors;
  diagnostics_.push_back(Diagnostic{f.path, 0, 0, severity, std::move(message)});
}

std::uint64_t DatasetBuilder::field_offset(SourceFile& f, std::size_t row, std::size_t table_column) {
  const std::uint64_t record = f.row_offsets[row];
  const std::size_t column = f.input_column[table_column];
  if (column == std::string::npos) return record;
  CsvReader reader(std::string_view(f.text).substr(record));
  std::vector<CsvField> fields;
  std::vector<CsvProblem> ignored;
  reader.next(fields, ignored);
  return column < fields.size() ? record + fields[column].offset : record;
}

template <class RowFn>
bool DatasetBuilder::read_table(SourceFile& f, Table& table, RowFn&& row) {
  const FileSpec& spec = *f.spec;
  std::error_code ec;
  const std::string* memory_text = nullptr;
  if (files_in_memory_)
    if (const auto it = files_in_memory_->find(std::string(spec.name)); it != files_in_memory_->end()) memory_text = &it->second;
  if (files_in_memory_ ? memory_text == nullptr : !fs::exists(f.path, ec)) {
    if (spec.required)
      report_file(f, Severity::error, "file not found (a dataset needs actors.csv and relations.csv; see docs/FORMAT.md)");
    return false;
  }
  if (files_in_memory_) {
    f.text = *memory_text;
  } else {
    std::string why;
    auto text = try_read_file(f.path, why);
    if (!text) {
      report_file(f, Severity::error, "cannot read the file: " + why);
      return false;
    }
    f.text = std::move(*text);
  }
  f.present = true;

  // A NUL byte is valid UTF-8 but no text editor shows it, and DOT cannot carry it: refuse it.
  std::size_t nuls = 0;
  for (std::size_t at = f.text.find('\0'); at != std::string::npos; at = f.text.find('\0', at + 1)) {
    if (++nuls > 20) {
      report(f, at, Severity::error, "further NUL bytes not reported (is this a text file?)");
      break;
    }
    report(f, at, Severity::error, "NUL byte (0x00) in the file; a dataset file is text and cannot contain one");
  }

  std::size_t invalid = 0;
  for (std::size_t at = find_invalid_utf8(f.text); at != std::string::npos; at = find_invalid_utf8(f.text, at + 1)) {
    if (++invalid > 20) {
      report(f, at, Severity::error, "further invalid UTF-8 not reported (is this a text file in UTF-8?)");
      break;
    }
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(f.text[at]));
    report(f, at, Severity::error, std::string("invalid UTF-8 (byte ") + byte + "); save the file as UTF-8");
  }

  CsvReader reader(f.text);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> problems;
  if (!reader.next(fields, problems)) {
    std::string header;
    for (const auto& c : spec.columns) header += (header.empty() ? "" : ",") + std::string(c.name);
    report(f, 0, Severity::error, "empty file: expected a header row such as '" + header + "'");
    table = Table(std::string(spec.name), {});
    return true;
  }
  for (const auto& p : problems) report(f, p.offset, Severity::error, p.message);
  problems.clear();

  // Header: known columns first in canonical order, then the others in input order.
  std::vector<std::string> input_names;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::string name(fields[i].value);
    if (name.empty()) report(f, fields[i].offset, Severity::error, "empty column name in the header");
    for (std::size_t j = 0; j < i; ++j)
      if (!name.empty() && input_names[j] == name)
        report(f, fields[i].offset, Severity::error, "column " + in_quotes(name) + " appears twice in the header (also column " + std::to_string(j + 1) + ")");
    input_names.push_back(std::move(name));
  }
  std::vector<std::string> columns;
  bool missing_required = false;  // then rows are kept but not checked: every row would repeat the error
  for (const auto& c : spec.columns) {
    const auto it = std::find(input_names.begin(), input_names.end(), c.name);
    if (it == input_names.end() && !c.required) continue;
    columns.emplace_back(c.name);
    f.input_column.push_back(it == input_names.end() ? std::string::npos : static_cast<std::size_t>(it - input_names.begin()));
    if (it == input_names.end()) {
      missing_required = true;
      std::vector<std::string_view> names(input_names.begin(), input_names.end());
      const std::string hint = did_you_mean(c.name, names);
      report(f, fields.front().offset, Severity::error,
             "missing required column " + in_quotes(c.name) + (hint.empty() ? "" : " (did you mean " + hint + "?)"));
    }
  }
  for (std::size_t i = 0; i < input_names.size(); ++i) {
    const bool known = std::any_of(spec.columns.begin(), spec.columns.end(), [&](const ColumnSpec& c) { return c.name == input_names[i]; });
    if (!known) {
      columns.push_back(input_names[i]);
      f.input_column.push_back(i);
    }
  }
  table = Table(std::string(spec.name), columns);
  const std::size_t width = input_names.size();

  std::vector<std::string_view> values(columns.size());
  std::vector<CsvField> ordered(columns.size());
  while (reader.next(fields, problems)) {
    for (const auto& p : problems) report(f, p.offset, Severity::error, p.message);
    const bool syntax_ok = problems.empty();
    problems.clear();
    bool well_formed = syntax_ok && !missing_required;
    if (fields.size() < width) {
      std::string missing;
      for (std::size_t i = fields.size(); i < width; ++i) missing += (missing.empty() ? "" : ", ") + input_names[i];
      report(f, reader.record_end(), Severity::error,
             "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()) + " (missing: " + missing + ")");
      well_formed = false;
    } else if (fields.size() > width) {
      report(f, fields[width].offset, Severity::error,
             "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()) +
                 " (a value that contains a comma must be enclosed in double quotes)");
      well_formed = false;
    }
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::size_t i = f.input_column[c];
      ordered[c] = i < fields.size() ? fields[i] : CsvField{{}, reader.record_end()};
      values[c] = ordered[c].value;
    }
    f.row_offsets.push_back(reader.record_offset());
    f.malformed.push_back(well_formed ? 0 : 1);
    table.add_row(values);
    row(table.rows() - 1, ordered, well_formed);
  }
  return true;
}

bool DatasetBuilder::check_id(SourceFile& f, const CsvField& field, std::string_view what) {
  const std::string_view id = field.value;
  if (id.empty()) {
    report(f, field.offset, Severity::error, "empty " + std::string(what));
    return false;
  }
  if (id.find('|') != std::string_view::npos) {
    report(f, field.offset, Severity::error, std::string(what) + " " + in_quotes(id) + " contains '|', which separates list values");
    return false;
  }
  if (trim(id).size() != id.size()) {
    report(f, field.offset, Severity::error, std::string(what) + " " + in_quotes(id) + " has leading or trailing spaces");
    return false;
  }
  return true;
}

std::string DatasetBuilder::unknown_hint(std::string_view name, std::unique_ptr<NameSuggester>& suggester,
                                         const std::function<std::vector<std::string_view>()>& candidates) {
  if (suggested_names_ >= max_suggested_names) return {};
  ++suggested_names_;
  if (!suggester) suggester = std::make_unique<NameSuggester>(candidates());
  const std::string hint = suggester->suggest(name);
  return hint.empty() ? std::string() : " (did you mean " + hint + "?)";
}

std::optional<ActorId> DatasetBuilder::lookup_actor(SourceFile& f, const CsvField& field, std::string_view what) {
  if (field.value.empty()) {
    report(f, field.offset, Severity::error, "empty " + std::string(what));
    return std::nullopt;
  }
  const auto it = d_.actor_by_id_.find(field.value);
  if (it != d_.actor_by_id_.end()) return it->second;
  const auto actor_ids = [&] { return std::vector<std::string_view>(actor_id_list_.begin(), actor_id_list_.end()); };
  report(f, field.offset, Severity::error, "unknown actor " + in_quotes(field.value) + unknown_hint(field.value, actor_suggester_, actor_ids));
  return std::nullopt;
}

void DatasetBuilder::lookup_sources(SourceFile& f, const CsvField& field, std::vector<SourceId>& out) {
  for (std::string_view id : split_list(field.value)) {
    const auto it = d_.source_by_id_.find(id);
    if (it != d_.source_by_id_.end()) {
      if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
      continue;
    }
    // The value's own position when it is a view into the file (it is not when unescaped).
    const bool in_text = id.data() >= f.text.data() && id.data() < f.text.data() + f.text.size();
    const std::uint64_t at = in_text ? static_cast<std::uint64_t>(id.data() - f.text.data()) : field.offset;
    if (!d_.sources_.present()) {
      report(f, at, Severity::error, "unknown source " + in_quotes(id) + " (the dataset has no sources.csv)");
      continue;
    }
    const auto source_ids = [&] {
      std::vector<std::string_view> ids;
      for (SourceId s = 0; s < d_.sources_.rows(); ++s) ids.push_back(d_.sources_.cell(s, 0));
      return ids;
    };
    report(f, at, Severity::error, "unknown source " + in_quotes(id) + unknown_hint(id, source_suggester_, source_ids));
  }
}

PartialDate DatasetBuilder::parse_date(SourceFile& f, const CsvField& field, std::string_view what) {
  if (field.value.empty()) return {};
  std::string why;
  if (auto date = PartialDate::parse(field.value, &why)) return *date;
  report(f, field.offset, Severity::error, "invalid " + std::string(what) + " date " + in_quotes(field.value) + ": " + why);
  return {};
}

Status DatasetBuilder::parse_status_field(SourceFile& f, const CsvField& field) {
  if (const auto status = parse_status(field.value)) return *status;
  const std::string hint = did_you_mean(field.value, status_names());
  report(f, field.offset, Severity::error, "status must be held, planned, intended or empty (held), found " + in_quotes(field.value) +
         (hint.empty() ? "" : " (did you mean " + hint + "?)"));
  return Status::held;
}

void DatasetBuilder::read_types() {
  auto& f = *files_.emplace_back(std::make_unique<SourceFile>(&types_file, folder_ + "/types.csv"));
  std::set<std::string, std::less<>> seen;
  read_table(f, d_.types_table_, [&](std::size_t, const std::vector<CsvField>& v, bool ok) {
    if (!ok) return;
    RelationType type;
    type.id = std::string(v[0].value);
    bool valid = true;
    if (!is_slug(type.id)) {
      report(f, v[0].offset, Severity::error, "type id " + in_quotes(type.id) + " is not a lower-case slug (a-z, 0-9, _)");
      valid = false;
    } else if (d_.types_.find(type.id)) {
      const bool builtin = d_.types_[*d_.types_.find(type.id)].builtin;
      report(f, v[0].offset, Severity::error, "relation type " + in_quotes(type.id) +
             (builtin ? " is built in; give the declared type another id" : " is declared twice"));
      valid = false;
    }
    type.description = std::string(v[1].value);
    if (type.description.empty()) {
      report(f, v[1].offset, Severity::error, "empty description");
      valid = false;
    }
    const auto directed = parse_bool(v[2].value), ongoing = parse_bool(v[3].value);
    if (!directed) report(f, v[2].offset, Severity::error, "directed must be true or false, found " + in_quotes(v[2].value));
    if (!ongoing) report(f, v[3].offset, Severity::error, "ongoing must be true or false, found " + in_quotes(v[3].value));
    if (const auto c = d_.types_table_.column("valence"); c && !v[*c].value.empty()) {
      if (const auto valence = parse_valence(v[*c].value)) type.valence = *valence;
      else {
        report(f, v[*c].offset, Severity::error, "valence must be cooperative, conflictual, neutral or empty (cooperative), found " + in_quotes(v[*c].value));
        valid = false;
      }
    }
    if (const auto c = d_.types_table_.column("dimension"); c && !v[*c].value.empty()) {
      if (const auto dimension = parse_dimension(v[*c].value)) type.dimension = *dimension;
      else {
        report(f, v[*c].offset, Severity::error, "dimension must be security, political, economic, social or empty (political), found " +
               in_quotes(v[*c].value));
        valid = false;
      }
    }
    if (valid && directed && ongoing) {
      type.directed = *directed;
      type.ongoing = *ongoing;
      d_.types_.add(std::move(type));
    }
  });
}

void DatasetBuilder::read_actors() {
  auto& f = *files_.emplace_back(std::make_unique<SourceFile>(&actors_file, folder_ + "/actors.csv"));
  actors_file_ = &f;
  std::unordered_map<std::string, KindId> kind_ids;
  read_table(f, d_.actors_, [&](std::size_t row, const std::vector<CsvField>& v, bool ok) {
    const auto a = static_cast<ActorId>(row);
    if (check_id(f, v[0], "actor id")) {
      const auto [it, inserted] = d_.actor_by_id_.emplace(std::string(v[0].value), a);
      if (inserted) actor_id_list_.emplace_back(v[0].value);
      else
        report(f, v[0].offset, Severity::error, "duplicate actor id " + in_quotes(v[0].value) + " (first defined at line " +
               std::to_string(line_of(f, f.row_offsets[it->second])) + ")");
    }
    std::string_view kind = v[2].value;
    if (!f.has(2)) {
      // Reported once, in the header.
    } else if (ok && kind.empty()) report(f, v[2].offset, Severity::error, "empty kind (state, organization, person, agency, ...)");
    else if (ok && !is_slug(kind)) {
      const std::string folded = fold_case(trim(kind));
      report(f, v[2].offset, Severity::error, "kind " + in_quotes(kind) + " is not a lower-case slug (a-z, 0-9, _)" +
             (is_slug(folded) ? " (did you mean " + in_quotes(folded) + "?)" : ""));
    }
    const auto [it, inserted] = kind_ids.emplace(std::string(kind), static_cast<KindId>(d_.kinds_.size()));
    if (inserted) {
      if (d_.kinds_.size() >= 65535) throw Error("more than 65535 actor kinds");
      d_.kinds_.emplace_back(kind);
    }
    d_.actor_kind_.push_back(it->second);
  });
}

void DatasetBuilder::read_sources() {
  auto& f = *files_.emplace_back(std::make_unique<SourceFile>(&sources_file, folder_ + "/sources.csv"));
  const auto date_column = [&]() { return d_.sources_.column("date"); };
  read_table(f, d_.sources_, [&](std::size_t row, const std::vector<CsvField>& v, bool ok) {
    if (check_id(f, v[0], "source id")) {
      const auto [it, inserted] = d_.source_by_id_.emplace(std::string(v[0].value), static_cast<SourceId>(row));
      if (!inserted)
        report(f, v[0].offset, Severity::error, "duplicate source id " + in_quotes(v[0].value) + " (first defined at line " +
               std::to_string(line_of(f, f.row_offsets[it->second])) + ")");
    }
    PartialDate date;
    if (ok) {
      if (f.has(1) && v[1].value.empty()) report(f, v[1].offset, Severity::error, "empty title");
      if (const auto c = date_column()) date = parse_date(f, v[*c], "publication");
    }
    d_.source_date_.push_back(date);
  });
}

void DatasetBuilder::read_relations() {
  auto& f = *files_.emplace_back(std::make_unique<SourceFile>(&relations_file, folder_ + "/relations.csv"));
  relations_file_ = &f;
  std::optional<std::size_t> c_start, c_end, c_directed, c_weight, c_magnitude, c_sources, c_fact, c_stance, c_attested, c_status;
  std::vector<SourceId> sources;
  std::optional<TypeId> last_type;
  d_.rel_source_offsets_.push_back(0);
  read_table(f, d_.relations_, [&](std::size_t, const std::vector<CsvField>& v, bool ok) {
    if (d_.relations_.rows() == 1) {
      c_start = d_.relations_.column("start");
      c_end = d_.relations_.column("end");
      c_directed = d_.relations_.column("directed");
      c_weight = d_.relations_.column("weight");
      c_magnitude = d_.relations_.column("magnitude");
      c_sources = d_.relations_.column("sources");
      c_fact = d_.relations_.column("fact");
      c_stance = d_.relations_.column("stance");
      c_attested = d_.relations_.column("attested");
      c_status = d_.relations_.column("status");
    }
    static const CsvField empty_field{};
    auto field = [&](const std::optional<std::size_t>& c) -> const CsvField& { return c ? v[*c] : empty_field; };
    ActorId source = 0, target = 0;
    TypeId type = 0;
    bool resolved = false;  // both actors and the type are known
    PartialDate start, end;
    bool directed = true;
    double weight = 1;
    Magnitude magnitude;
    Stance stance = Stance::unstated;
    Status status = Status::held;
    PartialDate attested;
    bool attested_stated = false;  // the `attested` column is filled (not the publication date)
    sources.clear();
    if (ok) {
      check_id(f, v[0], "relation id");
      const auto s = lookup_actor(f, v[1], "source");
      const auto t = lookup_actor(f, v[2], "target");
      if (s) source = *s;
      if (t) target = *t;
      if (s && t && source == target)
        report(f, v[2].offset, Severity::warning, "self-relation: " + in_quotes(v[1].value) + " is both source and target");
      // Most files list many relations of a few types: try the last one first.
      bool type_known = true;
      if (last_type && d_.types_[*last_type].id == v[3].value) {
        type = *last_type;
      } else if (v[3].value.empty()) {
        type_known = false;
        report(f, v[3].offset, Severity::error, "empty type");
      } else if (const auto found = d_.types_.find(v[3].value)) {
        type = *found;
        last_type = found;
      } else {
        type_known = false;
        const auto type_ids = [&] {
          std::vector<std::string_view> ids;
          for (const auto& t2 : d_.types_.all()) ids.push_back(t2.id);
          return ids;
        };
        report(f, v[3].offset, Severity::error, "unknown relation type " + in_quotes(v[3].value) +
               unknown_hint(v[3].value, type_suggester_, type_ids) + "; declare new types in types.csv");
      }
      resolved = s && t && type_known;
      start = parse_date(f, field(c_start), "start");
      end = parse_date(f, field(c_end), "end");
      if (!start.empty() && !end.empty() && end.last_day() < start.first_day())
        report(f, field(c_end).offset, Severity::error, "end " + end.str() + " is before start " + start.str());
      if (start.empty() && !end.empty() && field(c_start).value.empty())
        report(f, field(c_end).offset, Severity::error,
               "end date without a start date (give the earliest start the source allows, or leave both empty)");
      directed = d_.types_[type].directed;
      if (const auto& fd = field(c_directed); !fd.value.empty()) {
        if (const auto b = parse_bool(fd.value)) directed = *b;
        else report(f, fd.offset, Severity::error, "directed must be true, false or empty (the type's default), found " + in_quotes(fd.value));
      }
      if (const auto& fw = field(c_weight); !fw.value.empty()) {
        const auto w = parse_number(fw.value);
        if (!w) report(f, fw.offset, Severity::error, "weight " + in_quotes(fw.value) + " is not a number");
        else if (!std::isfinite(*w)) report(f, fw.offset, Severity::error, "weight " + in_quotes(fw.value) + " is not finite");
        else if (*w < 0) report(f, fw.offset, Severity::error, "weight " + std::string(fw.value) + " is negative (weights are non-negative)");
        else weight = *w;
      }
      if (const auto& fm = field(c_magnitude); !fm.value.empty()) {
        std::string_view text = fm.value;
        std::optional<double> low = parse_number(text), high = low;
        if (!low) {
          const auto dash = text.find('-', 1);
          if (dash != std::string_view::npos) {
            low = parse_number(text.substr(0, dash));
            high = parse_number(text.substr(dash + 1));
          }
        }
        if (!low || !high || !std::isfinite(*low) || !std::isfinite(*high))
          report(f, fm.offset, Severity::error, "magnitude " + in_quotes(text) + " is not a number or a range LOW-HIGH (e.g. 300-400)");
        else if (*low < 0) report(f, fm.offset, Severity::error, "magnitude " + std::string(text) + " is negative");
        else if (*low > *high) report(f, fm.offset, Severity::error, "magnitude range " + std::string(text) + " has its low end above its high end");
        else magnitude = {*low, *high};
      }
      lookup_sources(f, field(c_sources), sources);
      if (const auto& ff = field(c_fact); !ff.value.empty()) check_id(f, ff, "fact id");
      if (const auto& fs = field(c_stance); !fs.value.empty()) {
        if (fs.value == "positive") stance = Stance::positive;
        else if (fs.value == "negative") stance = Stance::negative;
        else if (fs.value == "neutral") stance = Stance::neutral;
        else report(f, fs.offset, Severity::error, "stance must be positive, negative, neutral or empty (the type's valence), found " + in_quotes(fs.value));
      }
      status = parse_status_field(f, field(c_status));
      attested = parse_date(f, field(c_attested), "attested");
      attested_stated = !attested.empty();
      if (attested_stated && !start.empty() && attested.last_day() < start.first_day())
        report(f, field(c_attested).offset, Severity::error, "attested " + attested.str() + " is before start " + start.str());
      // Without a stated date the relation is attested by its earliest source's publication.
      if (attested.empty())
        for (SourceId s : sources)
          if (const PartialDate& published = d_.source_date_[s]; !published.empty() && (attested.empty() || published < attested))
            attested = published;
    } else {
      // Misaligned row: keep the id for later checks, report nothing more.
      if (const auto s = d_.actor_by_id_.find(v[1].value); s != d_.actor_by_id_.end()) source = s->second;
      if (const auto t = d_.actor_by_id_.find(v[2].value); t != d_.actor_by_id_.end()) target = t->second;
    }
    resolved_.push_back(resolved ? 1 : 0);
    d_.rel_source_.push_back(source);
    d_.rel_target_.push_back(target);
    d_.rel_type_.push_back(type);
    d_.rel_start_.push_back(start);
    d_.rel_end_.push_back(end);
    Extent extent;
    if (!start.empty()) {
      extent.dated = true;
      extent.first = start.first_day();
      extent.last = !end.empty() ? end.last_day() : d_.types_[type].ongoing ? Extent::open : start.last_day();
      // An event series with a start and no end ("meetings take place since 2003") is known to
      // continue until the date its source attests it (docs/FORMAT.md, "Time").
      if (end.empty() && attested_stated && extent.last != Extent::open) extent.last = std::max(extent.last, attested.last_day());
    }
    d_.rel_extent_.push_back(extent);
    d_.rel_directed_.push_back(directed ? 1 : 0);
    d_.rel_weight_.push_back(weight);
    d_.rel_magnitude_.push_back(magnitude);
    d_.rel_stance_.push_back(stance);
    d_.rel_status_.push_back(status);
    d_.rel_attested_.push_back(attested);
    d_.rel_sources_.insert(d_.rel_sources_.end(), sources.begin(), sources.end());
    d_.rel_source_offsets_.push_back(static_cast<std::uint32_t>(d_.rel_sources_.size()));
  });
}

void DatasetBuilder::read_blocs() {
  auto& f = *files_.emplace_back(std::make_unique<SourceFile>(&blocs_file, folder_ + "/blocs.csv"));
  struct Row {
    std::string bloc;
    ActorId actor;
    bool lead;
    std::size_t row;
  };
  std::vector<Row> rows;
  const auto c_sources = [&]() { return d_.blocs_table_.column("sources"); };
  std::vector<SourceId> unused;
  read_table(f, d_.blocs_table_, [&](std::size_t row, const std::vector<CsvField>& v, bool ok) {
    if (!ok) return;
    const bool id_ok = check_id(f, v[0], "bloc id");
    const auto actor = lookup_actor(f, v[1], "actor");
    const bool lead = v[2].value == "lead";
    if (!lead && v[2].value != "member")
      report(f, v[2].offset, Severity::error, "role must be lead or member, found " + in_quotes(v[2].value));
    if (const auto c = c_sources()) lookup_sources(f, v[*c], unused);
    for (const char* name : {"colour", "color"})
      if (const auto c = d_.blocs_table_.column(name); c && !v[*c].value.empty() && !is_hex_colour(v[*c].value))
        report(f, v[*c].offset, Severity::error, std::string(name) + " must be a colour #RRGGBB, found " + in_quotes(v[*c].value));
    if (id_ok && actor) rows.push_back({std::string(v[0].value), *actor, lead, row});
  });
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.bloc < b.bloc; });
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i;
    Bloc bloc;
    bloc.id = rows[i].bloc;
    std::optional<std::size_t> lead_row;
    for (; j < rows.size() && rows[j].bloc == bloc.id; ++j) {
      const auto& r = rows[j];
      const auto dup = std::find_if(rows.begin() + static_cast<std::ptrdiff_t>(i), rows.begin() + static_cast<std::ptrdiff_t>(j),
                                    [&](const Row& o) { return o.actor == r.actor; });
      if (dup != rows.begin() + static_cast<std::ptrdiff_t>(j)) {
        report(f, field_offset(f, r.row, 1), Severity::error, "actor " + in_quotes(d_.actor_id(r.actor)) + " is listed twice in bloc " +
               in_quotes(bloc.id) + " (first at line " + std::to_string(line_of(f, f.row_offsets[dup->row])) + ")");
        continue;
      }
      bloc.members.push_back(r.actor);
      if (!r.lead) continue;
      if (lead_row) {
        report(f, field_offset(f, r.row, 2), Severity::error, "bloc " + in_quotes(bloc.id) + " has a second lead (the first is " +
               in_quotes(d_.actor_id(bloc.lead)) + " at line " + std::to_string(line_of(f, f.row_offsets[*lead_row])) + ")");
        continue;
      }
      lead_row = r.row;
      bloc.lead = r.actor;
    }
    if (!lead_row)
      report(f, f.row_offsets[rows[i].row], Severity::error, "bloc " + in_quotes(bloc.id) + " has no lead (give one of its rows the role lead)");
    std::sort(bloc.members.begin(), bloc.members.end());
    d_.blocs_.push_back(std::move(bloc));
    i = j;
  }
}

// Every other file of the folder is kept byte for byte (Dataset::other_files), so that conversions
// carry it along; hidden files (".name", e.g. an editor's swap file) are not part of the dataset.
void DatasetBuilder::read_other_files() {
  if (files_in_memory_) {
    for (const auto& [name, bytes] : *files_in_memory_)
      if (!is_dataset_file_name(name)) d_.other_files_.push_back(DatasetFile{name, bytes});
    return;
  }
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name.front() != '.' && !is_dataset_file_name(name)) names.push_back(std::move(name));
  }
  if (ec) throw IoError(folder_ + ": cannot list the folder: " + ec.message());
  std::sort(names.begin(), names.end());
  for (auto& name : names) {
    const std::string path = folder_ + "/" + name;
    if (!fs::is_regular_file(path, ec)) {
      d_.other_entries_.push_back(std::move(name));
      continue;
    }
    std::string why;
    if (auto bytes = try_read_file(path, why)) {
      if (name == "README.md")
        if (const std::string problem = readme_title_problem(*bytes); !problem.empty())
          diagnostics_.push_back(Diagnostic{path, 1, 1, Severity::warning, problem});
      d_.other_files_.push_back(DatasetFile{std::move(name), std::move(*bytes)});
    } else {
      diagnostics_.push_back(Diagnostic{path, 0, 0, Severity::warning,
                                        "cannot read the file: " + why + "; conversions and format will not carry it"});
      d_.other_entries_.push_back(std::move(name));
    }
  }
}

void DatasetBuilder::index_actors() {
  const auto c_aliases = d_.actors_.column("aliases");
  d_.alias_offsets_.push_back(0);
  for (ActorId a = 0; a < d_.actor_count(); ++a) {
    if (c_aliases)
      for (std::string_view alias : split_list(d_.actors_.cell(a, *c_aliases))) d_.aliases_.push_back(alias);
    d_.alias_offsets_.push_back(static_cast<std::uint32_t>(d_.aliases_.size()));
    std::vector<std::string_view> names{d_.actor_id(a), d_.actors_.cell(a, 1)};
    for (auto alias : d_.actor_aliases(a)) names.push_back(alias);
    for (std::string_view name : names) {
      if (name.empty()) continue;
      auto& list = d_.actors_by_name_[fold_case(trim(name))];
      if (list.empty() || list.back() != a) list.push_back(a);
    }
  }
}

void DatasetBuilder::index_relations() {
  auto& f = *relations_file_;
  d_.relation_by_id_.reserve(d_.relation_count());
  for (RelationId r = 0; r < d_.relation_count(); ++r) {
    const std::string_view id = d_.relation_id(r);
    if (id.empty()) continue;
    if (const auto first = d_.relation_by_id_.insert(id, r))
      report(f, field_offset(f, r, 0), Severity::error, "duplicate relation id " + in_quotes(id) + " (first defined at line " +
             std::to_string(line_of(f, f.row_offsets[*first])) + ")");
  }
}

// The relation in a few words, for warnings about it. Only for resolved relations (resolved_).
std::string DatasetBuilder::describe(RelationId r) const {
  std::string out = std::string(d_.actor_id(d_.relation_source(r))) + (d_.relation_directed(r) ? " -> " : " -- ") +
                    std::string(d_.actor_id(d_.relation_target(r))) + ", " + d_.types()[d_.relation_type(r)].id + ", ";
  const auto& start = d_.relation_start(r);
  const auto& end = d_.relation_end(r);
  out += start.empty() ? "undated" : end.empty() ? start.str() : start.str() + ".." + end.str();
  std::string cited;
  for (SourceId s : d_.relation_sources(r)) cited += (cited.empty() ? "" : ", ") + std::string(d_.source_id(s));
  return out + " (" + (cited.empty() ? "no source" : cited) + ")";
}

void DatasetBuilder::check_disputes() {
  auto& f = *relations_file_;
  const auto column = d_.relations_.column("disputes");
  std::vector<std::vector<RelationId>> lists(d_.relation_count());
  if (column) {
    for (RelationId r = 0; r < d_.relation_count(); ++r) {
      const std::string_view cell = d_.relations_.cell(r, *column);
      if (cell.empty()) continue;
      for (std::string_view id : split_list(cell)) {
        const auto other = d_.find_relation(id);
        if (!other) {
          report(f, field_offset(f, r, *column), Severity::error, "disputes names unknown relation " + in_quotes(id));
        } else if (*other == r) {
          report(f, field_offset(f, r, *column), Severity::error, "relation " + in_quotes(id) + " disputes itself");
        } else {
          lists[r].push_back(*other);
          lists[*other].push_back(r);
          dispute_pairs_.emplace(std::min(r, *other), std::max(r, *other));
        }
      }
    }
  }
  d_.rel_dispute_offsets_.push_back(0);
  for (auto& list : lists) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    d_.rel_disputes_.insert(d_.rel_disputes_.end(), list.begin(), list.end());
    d_.rel_dispute_offsets_.push_back(static_cast<std::uint32_t>(d_.rel_disputes_.size()));
  }
  for (const auto& [a, b] : dispute_pairs_)
    if (resolved_[a] && resolved_[b])
      report(f, field_offset(f, a, 0), Severity::warning, "sources disagree: " + std::string(d_.relation_id(a)) + " says " +
           describe(a) + "; " + std::string(d_.relation_id(b)) + " says " + describe(b));
}

// `part_of` names the relation whose stated total includes this one.
void DatasetBuilder::check_parts() {
  auto& f = *relations_file_;
  d_.rel_part_of_.assign(d_.relation_count(), Dataset::no_relation);
  const auto column = d_.relations_.column("part_of");
  if (!column) return;
  for (RelationId r = 0; r < d_.relation_count(); ++r) {
    const std::string_view id = d_.relations_.cell(r, *column);
    if (id.empty() || f.malformed[r]) continue;
    const auto total = d_.find_relation(id);
    if (!total) {
      report(f, field_offset(f, r, *column), Severity::error, "part_of names unknown relation " + in_quotes(id));
    } else if (*total == r) {
      report(f, field_offset(f, r, *column), Severity::error, "relation " + in_quotes(id) + " is part of itself");
    } else {
      d_.rel_part_of_[r] = *total;
    }
  }
}

void DatasetBuilder::check_duplicates() {
  // Rows are hashed (no per-row string is built: a million relations would mean a million
  // allocations), sorted by hash, and only rows with equal hashes are compared field by field.
  auto& f = *relations_file_;
  const Table& t = d_.relations_;
  const std::size_t columns = t.columns().size();
  const std::hash<std::string_view> hash_cell;
  std::vector<std::pair<std::uint64_t, RelationId>> hashed;
  hashed.reserve(t.rows());
  for (RelationId r = 0; r < t.rows(); ++r) {
    if (f.malformed[r]) continue;
    std::uint64_t h = columns;
    for (std::size_t c = 1; c < columns; ++c) h = (h ^ hash_cell(t.cell(r, c))) * 0x9E3779B97F4A7C15ull + c;
    hashed.emplace_back(h, r);
  }
  std::sort(hashed.begin(), hashed.end());
  const auto same_fields = [&](RelationId a, RelationId b) {
    for (std::size_t c = 1; c < columns; ++c)
      if (t.cell(a, c) != t.cell(b, c)) return false;
    return true;
  };
  std::vector<std::pair<RelationId, RelationId>> repeats;  // (row, the first row it repeats)
  for (std::size_t i = 0; i < hashed.size();) {
    std::size_t j = i + 1;
    while (j < hashed.size() && hashed[j].first == hashed[i].first) ++j;
    for (std::size_t b = i + 1; b < j; ++b)
      for (std::size_t a = i; a < b; ++a)
        if (same_fields(hashed[a].second, hashed[b].second)) {
          repeats.emplace_back(hashed[b].second, hashed[a].second);
          break;
        }
    i = j;
  }
  std::sort(repeats.begin(), repeats.end());
  for (const auto& [r, first] : repeats)
    report(f, field_offset(f, r, 0), Severity::warning, "relation " + in_quotes(t.cell(r, 0)) + " repeats relation " +
           in_quotes(t.cell(first, 0)) + " (line " + std::to_string(line_of(f, f.row_offsets[first])) +
           ") field for field; remove one of them");
}

// The same actors, type and direction with different dates from disjoint sources, start years at
// most one apart: most likely one event that the sources date differently (docs/FORMAT.md).
void DatasetBuilder::check_similar_claims() {
  auto& f = *relations_file_;
  const std::size_t m = d_.relation_count();
  // (type, actors, direction) computed once per relation, then sorted with the relation number.
  using Key = std::tuple<TypeId, ActorId, ActorId, std::uint8_t, RelationId>;
  std::vector<Key> keys;
  keys.reserve(m);
  for (RelationId r = 0; r < m; ++r) {
    if (!resolved_[r]) continue;
    ActorId u = d_.relation_source(r), v = d_.relation_target(r);
    if (!d_.relation_directed(r) && v < u) std::swap(u, v);
    keys.emplace_back(d_.relation_type(r), u, v, d_.relation_directed(r) ? 1 : 0, r);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<RelationId> order(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) order[i] = std::get<4>(keys[i]);
  auto key = [&](std::size_t i) { return std::make_tuple(std::get<0>(keys[i]), std::get<1>(keys[i]), std::get<2>(keys[i]), std::get<3>(keys[i])); };
  constexpr std::size_t max_group = 64;  // beyond this a pair of actors is a series, not one claim
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && key(j) == key(i)) ++j;
    if (j - i > 1 && j - i <= max_group) {
      for (std::size_t x = i; x < j; ++x)
        for (std::size_t y = x + 1; y < j; ++y) {
          const RelationId a = order[x], b = order[y];
          const auto &sa = d_.relation_start(a), &sb = d_.relation_start(b);
          if (sa.empty() || sb.empty() || std::abs(sa.year() - sb.year()) > 1) continue;
          if (sa == sb && d_.relation_end(a) == d_.relation_end(b)) continue;
          const auto srcs_a = d_.relation_sources(a), srcs_b = d_.relation_sources(b);
          if (srcs_a.empty() || srcs_b.empty()) continue;
          const bool shared = std::any_of(srcs_a.begin(), srcs_a.end(), [&](SourceId s) {
            return std::find(srcs_b.begin(), srcs_b.end(), s) != srcs_b.end();
          });
          if (shared || dispute_pairs_.count({a, b})) continue;
          report(f, field_offset(f, b, 0), Severity::warning, "possible disagreement: " + std::string(d_.relation_id(a)) + " says " +
                 describe(a) + "; " + std::string(d_.relation_id(b)) + " says " + describe(b) +
                 " (if the sources disagree, name each relation in the other's disputes column)");
        }
    }
    i = j;
  }
}

// Rows that quote one sentence for the same actors and dimension without a fact id: likely one fact
// that influence would count several times (model/dataset.hpp, likely_double_counts). Only on a
// dataset without errors so far: the grouping needs every actor, type and part_of resolved.
void DatasetBuilder::check_double_counts() {
  if (count_errors(diagnostics_) > 0) return;
  auto& f = *relations_file_;
  for (const auto& group : likely_double_counts(d_)) {
    std::string ids;
    for (std::size_t i = 0; i < group.size(); ++i)
      ids += (i == 0 ? "" : i + 1 == group.size() ? " and " : ", ") + std::string(d_.relation_id(group[i]));
    report(f, field_offset(f, group[1], 0), Severity::warning,
           "possible double count: " + ids + " quote the same sentence for the same actors in the " +
               std::string(dimension_name(d_.types()[d_.relation_type(group[0])].dimension)) +
               " dimension (if they state one fact, give them one fact id, or mark the parts with part_of)");
  }
}

CheckResult DatasetBuilder::run() {
  std::error_code ec;
  if (!files_in_memory_ && !fs::is_directory(folder_, ec))
    throw IoError(fs::exists(folder_, ec) ? folder_ + ": not a dataset folder (expected a folder with actors.csv and relations.csv)"
                                          : folder_ + ": no such dataset folder");
  d_.path_ = folder_;
  read_types();
  read_actors();
  read_sources();
  read_relations();
  read_blocs();
  read_other_files();
  index_actors();
  if (relations_file_->present) {
    index_relations();
    check_disputes();
    check_parts();
    check_duplicates();
    check_similar_claims();
    check_double_counts();
  } else {
    d_.rel_source_offsets_.assign(1, 0);
    d_.rel_dispute_offsets_.assign(1, 0);
    d_.rel_part_of_.clear();
  }

  // By file (actors, relations, sources, types, blocs), then by position.
  auto rank = [&](const std::string& file) {
    static constexpr std::string_view order[] = {"actors.csv", "relations.csv", "sources.csv", "types.csv", "blocs.csv"};
    for (int i = 0; i < 5; ++i)
      if (file.size() >= order[i].size() && file.compare(file.size() - order[i].size(), order[i].size(), order[i]) == 0) return i;
    return 5;
  };
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    const int ra = rank(a.file), rb = rank(b.file);
    if (ra != rb) return ra < rb;
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
  for (auto& f : files_) {
    if (const std::size_t n = f->suppressed_errors)
      diagnostics_.push_back(Diagnostic{f->path, 0, 0, Severity::error,
                                        std::to_string(n) + (n == 1 ? " further error" : " further errors") + " not listed", n});
    if (const std::size_t n = f->suppressed_warnings)
      diagnostics_.push_back(Diagnostic{f->path, 0, 0, Severity::warning,
                                        std::to_string(n) + (n == 1 ? " further warning" : " further warnings") + " not listed", n});
  }

  CheckResult result;
  if (count_errors(diagnostics_) == 0) {
    d_.graph_ = std::make_unique<const Graph>(Graph::build(d_.actor_count(), d_.rel_source_, d_.rel_target_, d_.rel_directed_));
    d_.warnings_ = diagnostics_;
    result.dataset.emplace(std::move(d_));
  }
  result.diagnostics = std::move(diagnostics_);
  return result;
}

}  // namespace detail

CheckResult check_dataset(const std::string& folder) {
  std::string path = folder;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return detail::DatasetBuilder(path, nullptr).run();
}

CheckResult check_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files) {
  return detail::DatasetBuilder(origin, &files).run();
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
