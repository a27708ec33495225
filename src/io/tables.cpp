// The one validator of dataset tables (io/tables.hpp), whatever read them: every problem at once,
// each where the locator says its cell came from, and the Dataset's typed columns and indexes.
#include "actorgraph/io/tables.hpp"
#include "actorgraph/model/graph.hpp"
#include "actorgraph/model/metadata.hpp"

#include "detail/buckets.hpp"
#include "detail/graph_slot.hpp"
#include "detail/parallel.hpp"
#include "io/detail/table_validation.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <span>
#include <unordered_set>

namespace actorgraph {

std::string_view table_file_name(TableKind kind) noexcept { return detail::table_spec(kind).name; }

Table& DatasetTables::table(TableKind kind) noexcept {
  Table* all[] = {&actors, &relations, &sources, &types, &blocs};
  return *all[static_cast<std::size_t>(kind)];
}
const Table& DatasetTables::table(TableKind kind) const noexcept { return const_cast<DatasetTables&>(*this).table(kind); }

namespace detail {

const FileSpec& table_spec(TableKind kind) noexcept {
  static constexpr const FileSpec* specs[] = {&actors_file, &relations_file, &sources_file, &types_file, &blocs_file};
  return *specs[static_cast<std::size_t>(kind)];
}

bool Reporter::suppress_late(std::size_t table, Severity severity, Phase phase) {
  if (phase != Phase::after_rows || limited_[table] < max_problems_per_file) return false;
  ++(severity == Severity::error ? late_errors_[table] : late_warnings_[table]);
  if (severity == Severity::error) ++errors_;
  return true;
}

void Reporter::add(std::size_t table, Diagnostic diagnostic, Phase phase, std::size_t row, Step step, bool limited, std::uint64_t sort_line,
                   std::uint64_t sort_column) {
  if (suppress_late(table, diagnostic.severity, limited ? phase : Phase::before_rows)) return;
  if (diagnostic.severity == Severity::error) ++errors_;
  if (limited) ++limited_[table];
  // Before the rows, then row by row (the reader's problems first), then after them; before and
  // after the rows, in the order reported (checks across rows report in their own order).
  const bool in_rows = phase == Phase::rows;
  const std::uint64_t order = (static_cast<std::uint64_t>(phase) << 62) | (in_rows ? static_cast<std::uint64_t>(row) << 1 : 0) |
                              (in_rows ? static_cast<std::uint64_t>(step) : 0);
  if (sort_line == 0 && sort_column == 0) {
    sort_line = diagnostic.line;
    sort_column = diagnostic.column;
  }
  pending_[table].push_back(Pending{std::move(diagnostic), order, limited, sort_line, sort_column});
}

Diagnostics Reporter::finish(const std::array<TablePosition, table_kind_count>& tables) {
  Diagnostics out;
  std::array<std::size_t, table_kind_count + 1> suppressed_errors = late_errors_, suppressed_warnings = late_warnings_;
  // Table by table, in the order of TableKind and then the rest, each sorted by position.
  for (std::size_t t = 0; t <= table_kind_count; ++t) {
    auto& list = pending_[t];
    std::stable_sort(list.begin(), list.end(), [](const Pending& a, const Pending& b) { return a.order < b.order; });
    std::vector<Pending> listed;
    std::size_t count = 0;
    for (auto& p : list) {
      if (p.limited && ++count > max_problems_per_file) ++(p.diagnostic.severity == Severity::error ? suppressed_errors[t] : suppressed_warnings[t]);
      else listed.push_back(std::move(p));
    }
    list.clear();
    std::stable_sort(listed.begin(), listed.end(), [](const Pending& a, const Pending& b) {
      return a.sort_line != b.sort_line ? a.sort_line < b.sort_line : a.sort_column < b.sort_column;
    });
    for (auto& p : listed) out.push_back(std::move(p.diagnostic));
  }
  // The summaries in the order the files are read: types first (relations need them).
  for (const TableKind kind : {TableKind::types, TableKind::actors, TableKind::sources, TableKind::relations, TableKind::blocs}) {
    const auto t = static_cast<std::size_t>(kind);
    const std::string prefix = tables[t].context.empty() ? std::string() : tables[t].context + ": ";
    if (const std::size_t n = suppressed_errors[t])
      out.push_back(Diagnostic{tables[t].file, 0, 0, Severity::error,
                               prefix + std::to_string(n) + (n == 1 ? " further error" : " further errors") + " not listed", n});
    if (const std::size_t n = suppressed_warnings[t])
      out.push_back(Diagnostic{tables[t].file, 0, 0, Severity::warning,
                               prefix + std::to_string(n) + (n == 1 ? " further warning" : " further warnings") + " not listed", n});
  }
  return out;
}

ColumnPlan plan_columns(const FileSpec& spec, const std::vector<std::string>& names) {
  ColumnPlan plan;
  const auto quoted = [](std::string_view s) { return "'" + std::string(s) + "'"; };
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) plan.problems.push_back({i, "empty column name in the header"});
    for (std::size_t j = 0; j < i; ++j)
      if (!names[i].empty() && names[j] == names[i])
        plan.problems.push_back({i, "column " + quoted(names[i]) + " appears twice in the header (also column " + std::to_string(j + 1) + ")"});
  }
  for (const auto& c : spec.columns) {
    const auto it = std::find(names.begin(), names.end(), c.name);
    if (it == names.end() && !c.required) continue;
    plan.columns.emplace_back(c.name);
    plan.input_column.push_back(it == names.end() ? std::string::npos : static_cast<std::size_t>(it - names.begin()));
    if (it == names.end()) {
      plan.missing_required = true;
      const std::string hint = did_you_mean(c.name, std::vector<std::string_view>(names.begin(), names.end()));
      plan.problems.push_back({0, "missing required column " + quoted(c.name) + did_you_mean_clause(hint)});
    }
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    const bool known = std::any_of(spec.columns.begin(), spec.columns.end(), [&](const ColumnSpec& c) { return c.name == names[i]; });
    if (!known) {
      plan.columns.push_back(names[i]);
      plan.input_column.push_back(i);
    }
  }
  return plan;
}


namespace {

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

// A cell of a table while it is checked: its text and where it is.
struct Cell {
  std::string_view value;
  TableKind table;
  std::size_t row, column;
};

// The list of names an unknown name was looked up in, for "did you mean" suggestions.
enum class Suggest : std::uint8_t { none, actor, source, type };

// A problem found in a row, kept until the row's problems are reported in row order
// (DatasetBuilder::flush): rows may be checked on several threads, and neither the locator nor the
// suggestions (the first max_suggested_names names get one) may be used by two at once.
struct RowProblem {
  Cell cell;
  Severity severity;
  std::string message;
  std::size_t within;
  Suggest suggest;        // none, or the list `name` was not found in
  std::string_view name;  // a view of the table's text
  std::size_t clause_at;  // where the suggestion goes in the message
};
using RowProblems = std::vector<RowProblem>;

}  // namespace

struct RelationValues;

// What a thread keeps while it checks a block of relations (DatasetBuilder::check_relations).
struct RelationBlock {
  std::vector<Cell> cells;            // the row's
  RowProblems problems;               // the block's, in row order
  std::vector<SourceId> sources;      // the sources the block's rows cite, row after row
  std::vector<std::uint32_t> counts;  // per row of the block: how many
  std::vector<SourceId> scratch;      // one row's
  std::optional<TypeId> last_type;    // the type of the row before (DatasetBuilder::find_type)
  std::vector<std::optional<TypeId>> types;                  // the type found for each code of the type column, when coded
  std::vector<std::pair<RelationId, Magnitude>> magnitudes;  // the block's stated ones, in row order
  std::vector<std::string_view> actor_ids;           // a group of rows' source and target ids, in turn
  std::vector<std::optional<ActorId>> actors;        // what the actor index finds for them
  // The start, end and attested dates found for each code of those columns when in dictionary form
  // (DatasetBuilder::parse_coded_date).
  std::array<std::vector<std::optional<PartialDate>>, 3> dates;
};

// An actor's name (id, label or alias) folded for matching, while the name index is built
// (DatasetBuilder::index_actors): 24 bytes beside its folded text in one buffer, and no string of
// its own (2 million allocations at L). `prefix`, the folded name's first eight bytes big-endian,
// orders names as their text does wherever two differ (text_prefix): most comparisons of the sort
// are of those numbers, not of text elsewhere in memory.
struct FoldedName {
  std::uint64_t prefix;
  std::uint64_t at;    // where its folded text begins in the buffer
  std::uint32_t size;  // its length there
  ActorId actor;
};

class DatasetBuilder {
 public:
  DatasetBuilder(std::string path, DatasetTables tables, TableLocator& locator, ReadState state, Reporter reporter, unsigned threads)
      : locator_(locator), state_(std::move(state)), reporter_(std::move(reporter)), threads_(threads) {
    d_.path_ = std::move(path);
    d_.actors_ = std::move(tables.actors);
    d_.relations_ = std::move(tables.relations);
    d_.sources_ = std::move(tables.sources);
    d_.types_table_ = std::move(tables.types);
    d_.blocs_table_ = std::move(tables.blocs);
    d_.other_files_ = std::move(tables.other_files);
    d_.other_entries_ = std::move(tables.other_entries);
  }
  CheckResult run();

 private:
  // Diagnostics.
  void report(const Cell& cell, Severity severity, std::string message, std::size_t within = TableLocator::whole_row);
  void report_row(TableKind table, std::size_t row, std::size_t column, Severity severity, std::string message);
  // As report_row, with the message made only when it will be listed: past the limit of problems
  // per file a check across rows may find hundreds of thousands (at L, 657,068 possible
  // disagreements), and making each message cost more than the check.
  template <class MakeMessage>
  void report_row_lazily(TableKind table, std::size_t row, Severity severity, MakeMessage&& make_message) {
    if (!reporter_.suppress_late(static_cast<std::size_t>(table), severity, phase_))
      add_located(Cell{{}, table, row, 0}, severity, make_message(), TableLocator::whole_row);
  }
  void add_located(const Cell& cell, Severity severity, std::string message, std::size_t within);
  // "line N" of a row, or "row N" (from 1) where the locator knows no line.
  std::string place_of(TableKind table, std::size_t row) {
    const TablePosition at = locator_.locate(table, row, TableLocator::whole_row);
    const std::uint64_t line = at.cited_line ? at.cited_line : at.line;
    return line ? "line " + std::to_string(line) : "row " + std::to_string(row + 1);
  }
  bool malformed(TableKind table, std::size_t row) const {
    const auto& flags = state_.malformed[static_cast<std::size_t>(table)];
    return row < flags.size() && flags[row];
  }
  // Calls `check(row, cells, well_formed, problems)` for every row of a table, the cells in column
  // order, and reports the row's problems after it.
  template <class RowFn>
  void for_each_row(TableKind kind, RowFn&& check);

  bool check_id(RowProblems& out, const Cell& field, std::string_view what) const;
  // `found`: the actor the caller found for the field's id (d_.find_actor), reported if none.
  std::optional<ActorId> lookup_actor(RowProblems& out, const Cell& field, std::string_view what, std::optional<ActorId> found) const;
  void lookup_sources(RowProblems& out, const Cell& field, std::vector<SourceId>& ids) const;
  PartialDate parse_date(RowProblems& out, const Cell& field, std::string_view what) const;
  Status parse_status_field(RowProblems& out, const Cell& field) const;
  // The " (did you mean ...?)" clause for a name not found in `list`, for the first
  // max_suggested_names names (in the order their problems are reported).
  std::string unknown_hint(Suggest list, std::string_view name);
  // Reports the problems of a row, in the order found, and clears the list.
  void flush(RowProblems& problems);
  static void note(RowProblems& out, const Cell& cell, Severity severity, std::string message,
                   std::size_t within = TableLocator::whole_row) {
    out.push_back({cell, severity, std::move(message), within, Suggest::none, {}, 0});
  }

  void check_types();
  void check_actors();
  void check_sources();
  void check_relations();
  // The relation columns, each as long as the table (`m` rows); those no row states take no memory.
  void make_relation_columns(std::size_t m);
  // Checks rows [first, last) of a block of relations, its problems and sources kept in `block`.
  void check_relation_group(RelationBlock& block, std::size_t first, std::size_t last);
  // Takes a checked block's problems, cited sources and magnitudes, in block order.
  void take_relation_block(RelationBlock& block);
  // `actors`: the actors found for the row's source and target ids.
  void check_relation(RelationBlock& block, RelationId row, bool ok, std::array<std::optional<ActorId>, 2> actors);
  void check_relation_fields(RelationBlock& block, RelationValues& r) const;
  std::optional<TypeId> find_type(RelationBlock& block, const Cell& field) const;
  PartialDate parse_coded_date(RowProblems& out, const Cell& field, std::string_view what, std::vector<std::optional<PartialDate>>& found) const;
  void check_blocs();
  void index_actors();
  // The sorted names (by prefix, text, actor) into Dataset::SortedNames: each distinct text once,
  // with the actors it names, each once.
  void store_sorted_names(const std::string& folded, const std::vector<FoldedName>& names);
  void index_relations(std::vector<std::pair<RelationId, RelationId>>& repeated);
  void report_repeated_ids(const std::vector<std::pair<RelationId, RelationId>>& repeated);
  void check_disputes();
  void check_parts();
  void check_duplicates();
  std::vector<std::pair<RelationId, RelationId>> similar_claims() const;
  void find_similar_claims(std::span<const std::pair<std::uint64_t, RelationId>> keyed, std::vector<RelationId>& group,
                           std::vector<std::pair<RelationId, RelationId>>& pairs) const;
  void similar_pairs(std::span<const RelationId> group, std::vector<std::pair<RelationId, RelationId>>& pairs) const;
  void check_claims();
  void code_few_valued_columns();
  void code_actor_columns();
  std::string describe(RelationId r) const;

  Dataset d_;
  TableLocator& locator_;
  ReadState state_;
  Reporter reporter_;
  Reporter::Phase phase_ = Reporter::Phase::rows;
  std::unique_ptr<NameSuggester> actor_suggester_, source_suggester_, type_suggester_;
  std::size_t suggested_names_ = 0;
  std::set<std::pair<RelationId, RelationId>> dispute_pairs_;
  // Per relation: its actors and type are known. Checks across relations (disagreements) look only
  // at these: an unknown actor is already an error, and has no actor number to compare.
  std::vector<std::uint8_t> resolved_;
  // Relation columns, found once.
  std::optional<std::size_t> c_start_, c_end_, c_directed_, c_weight_, c_magnitude_, c_sources_, c_fact_, c_stance_, c_attested_, c_status_;
  unsigned threads_;
};

void DatasetBuilder::report_row(TableKind table, std::size_t row, std::size_t column, Severity severity, std::string message) {
  report(Cell{{}, table, row, column}, severity, std::move(message));
}

void DatasetBuilder::report(const Cell& cell, Severity severity, std::string message, std::size_t within) {
  if (reporter_.suppress_late(static_cast<std::size_t>(cell.table), severity, phase_)) return;
  add_located(cell, severity, std::move(message), within);
}

void DatasetBuilder::add_located(const Cell& cell, Severity severity, std::string message, std::size_t within) {
  TablePosition at = locator_.locate(cell.table, cell.row, cell.column, within);
  if (!at.context.empty()) message = at.context + ": " + message;
  reporter_.add(static_cast<std::size_t>(cell.table), Diagnostic{std::move(at.file), at.line, at.column, severity, std::move(message)}, phase_,
                cell.row, Reporter::Step::checking, true, at.sort_line, at.sort_column);
}

template <class RowFn>
void DatasetBuilder::for_each_row(TableKind kind, RowFn&& check) {
  const Table& table = [&]() -> const Table& {
    switch (kind) {
      case TableKind::actors: return d_.actors_;
      case TableKind::relations: return d_.relations_;
      case TableKind::sources: return d_.sources_;
      case TableKind::types: return d_.types_table_;
      case TableKind::blocs: break;
    }
    return d_.blocs_table_;
  }();
  phase_ = Reporter::Phase::rows;
  std::vector<Cell> cells(table.columns().size());
  RowProblems problems;
  for (std::size_t row = 0; row < table.rows(); ++row) {
    for (std::size_t c = 0; c < cells.size(); ++c) cells[c] = Cell{table.cell(row, c), kind, row, c};
    check(row, cells, !malformed(kind, row), problems);
    flush(problems);
  }
  phase_ = Reporter::Phase::after_rows;
}

bool DatasetBuilder::check_id(RowProblems& out, const Cell& field, std::string_view what) const {
  const std::string_view id = field.value;
  if (id.empty()) {
    note(out, field, Severity::error, "empty " + std::string(what));
    return false;
  }
  if (id.find('|') != std::string_view::npos) {
    note(out, field, Severity::error, std::string(what) + " " + in_quotes(id) + " contains '|', which separates list values");
    return false;
  }
  if (trim(id).size() != id.size()) {
    note(out, field, Severity::error, std::string(what) + " " + in_quotes(id) + " has leading or trailing spaces");
    return false;
  }
  return true;
}

std::string DatasetBuilder::unknown_hint(Suggest list, std::string_view name) {
  if (suggested_names_ >= max_suggested_names) return {};
  ++suggested_names_;
  std::unique_ptr<NameSuggester>& suggester = list == Suggest::actor    ? actor_suggester_
                                              : list == Suggest::source ? source_suggester_
                                                                        : type_suggester_;
  if (!suggester) {
    std::vector<std::string_view> ids;
    // Each actor id once: the rows the id index holds (not a duplicate, nor an id check_id refused).
    if (list == Suggest::actor)
      for (ActorId a = 0; a < d_.actors_.rows(); ++a)
        if (d_.find_actor(d_.actor_id(a)) == a) ids.push_back(d_.actor_id(a));
    if (list == Suggest::source)
      for (SourceId s = 0; s < d_.sources_.rows(); ++s) ids.push_back(d_.sources_.cell(s, 0));
    if (list == Suggest::type)
      for (const auto& type : d_.types_.all()) ids.push_back(type.id);
    suggester = std::make_unique<NameSuggester>(ids);
  }
  return did_you_mean_clause(suggester->suggest(name));
}

void DatasetBuilder::flush(RowProblems& problems) {
  for (RowProblem& p : problems) {
    if (p.suggest != Suggest::none) p.message.insert(p.clause_at, unknown_hint(p.suggest, p.name));
    report(p.cell, p.severity, std::move(p.message), p.within);
  }
  problems.clear();
}

std::optional<ActorId> DatasetBuilder::lookup_actor(RowProblems& out, const Cell& field, std::string_view what,
                                                    std::optional<ActorId> found) const {
  if (field.value.empty()) {
    note(out, field, Severity::error, "empty " + std::string(what));
    return std::nullopt;
  }
  if (found) return found;
  std::string message = "unknown actor " + in_quotes(field.value);
  const std::size_t clause_at = message.size();
  out.push_back({field, Severity::error, std::move(message), TableLocator::whole_row, Suggest::actor, field.value, clause_at});
  return std::nullopt;
}

void DatasetBuilder::lookup_sources(RowProblems& out, const Cell& field, std::vector<SourceId>& ids) const {
  for_each_in_list(field.value, [&](std::string_view id) {
    if (const auto s = d_.find_source(id)) {
      if (std::find(ids.begin(), ids.end(), *s) == ids.end()) ids.push_back(*s);
      return;
    }
    // The position of the id itself, where the locator knows it.
    const auto within = static_cast<std::size_t>(id.data() - field.value.data());
    if (!d_.sources_.present()) {
      note(out, field, Severity::error, "unknown source " + in_quotes(id) + " (the dataset has no sources.csv)", within);
      return;
    }
    std::string message = "unknown source " + in_quotes(id);
    const std::size_t clause_at = message.size();
    out.push_back({field, Severity::error, std::move(message), within, Suggest::source, id, clause_at});
  });
}

PartialDate DatasetBuilder::parse_date(RowProblems& out, const Cell& field, std::string_view what) const {
  if (field.value.empty()) return {};
  std::string why;
  if (auto date = PartialDate::parse(field.value, &why)) return *date;
  note(out, field, Severity::error, "invalid " + std::string(what) + " date " + in_quotes(field.value) + ": " + why);
  return {};
}

namespace {

// What was found for the code of a value in dictionary form and kept by code (a thread's memo of a
// column: parse_coded_date, find_type), or null when nothing is kept for it yet.
template <class T>
const T* kept_for_code(const std::vector<std::optional<T>>& kept, std::uint32_t code) {
  return code < kept.size() && kept[code] ? &*kept[code] : nullptr;
}

template <class T>
void keep_for_code(std::vector<std::optional<T>>& kept, std::uint32_t code, const T& value) {
  if (code >= kept.size()) kept.resize(code + 1);
  kept[code] = value;
}

}  // namespace

// A date of a relations column in dictionary form, parsed once per distinct value (ten million
// relations have a few thousand start dates) and kept in `found`, by code. A value with a problem is
// not kept: each of its rows parses it again and reports the problem at its own place.
PartialDate DatasetBuilder::parse_coded_date(RowProblems& out, const Cell& field, std::string_view what,
                                             std::vector<std::optional<PartialDate>>& found) const {
  if (field.column == TableLocator::whole_row || !d_.relations_.column_cells(field.column).is_coded()) return parse_date(out, field, what);
  const std::uint32_t code = d_.relations_.column_cells(field.column).code(field.row);
  if (const PartialDate* date = kept_for_code(found, code)) return *date;
  const std::size_t problems = out.size();
  const PartialDate date = parse_date(out, field, what);
  if (out.size() == problems) keep_for_code(found, code, date);
  return date;
}

// A relation's type by its (non-empty) cell, or nullopt for an unknown type. A file lists many
// relations of a few types: a type column in dictionary form is looked up once per code on each
// thread, the type found kept by code in the thread's RelationBlock (an unknown one is looked up,
// and reported, in each of its rows); else the type of the row before is tried first. A lookup
// compares the cell with every type's id.
std::optional<TypeId> DatasetBuilder::find_type(RelationBlock& block, const Cell& field) const {
  const TextColumn& column = d_.relations_.column_cells(field.column);
  if (column.is_coded()) {
    const std::uint32_t code = column.code(field.row);
    if (const TypeId* type = kept_for_code(block.types, code)) return *type;
    const auto found = d_.types_.find(field.value);
    if (found) keep_for_code(block.types, code, *found);
    return found;
  }
  if (block.last_type && d_.types_[*block.last_type].id == field.value) return block.last_type;
  const auto found = d_.types_.find(field.value);
  if (found) block.last_type = found;
  return found;
}

Status DatasetBuilder::parse_status_field(RowProblems& out, const Cell& field) const {
  if (const auto status = parse_status(field.value)) return *status;
  const std::string hint = did_you_mean(field.value, status_names());
  note(out, field, Severity::error,
       "status must be held, planned, intended or empty (held), found " + in_quotes(field.value) + did_you_mean_clause(hint));
  return Status::held;
}

void DatasetBuilder::check_types() {
  std::set<std::string, std::less<>> seen;
  for_each_row(TableKind::types, [&](std::size_t, const std::vector<Cell>& v, bool ok, RowProblems& out) {
    if (!ok) return;
    RelationType type;
    type.id = std::string(v[0].value);
    bool valid = true;
    if (!is_slug(type.id)) {
      note(out, v[0], Severity::error, "type id " + in_quotes(type.id) + " is not a lower-case slug (a-z, 0-9, _)");
      valid = false;
    } else if (d_.types_.find(type.id)) {
      const bool builtin = d_.types_[*d_.types_.find(type.id)].builtin;
      note(out, v[0], Severity::error,
           "relation type " + in_quotes(type.id) + (builtin ? " is built in; give the declared type another id" : " is declared twice"));
      valid = false;
    }
    type.description = std::string(v[1].value);
    if (type.description.empty()) {
      note(out, v[1], Severity::error, "empty description");
      valid = false;
    }
    const auto directed = parse_bool(v[2].value), ongoing = parse_bool(v[3].value);
    if (!directed) note(out, v[2], Severity::error, "directed must be true or false, found " + in_quotes(v[2].value));
    if (!ongoing) note(out, v[3], Severity::error, "ongoing must be true or false, found " + in_quotes(v[3].value));
    if (const auto c = d_.types_table_.column("valence"); c && !v[*c].value.empty()) {
      if (const auto valence = parse_valence(v[*c].value))
        type.valence = *valence;
      else {
        note(out, v[*c], Severity::error,
             "valence must be cooperative, conflictual, neutral or empty (cooperative), found " + in_quotes(v[*c].value));
        valid = false;
      }
    }
    if (const auto c = d_.types_table_.column("dimension"); c && !v[*c].value.empty()) {
      if (const auto dimension = parse_dimension(v[*c].value))
        type.dimension = *dimension;
      else {
        note(out, v[*c], Severity::error,
             "dimension must be security, political, economic, social or empty (political), found " + in_quotes(v[*c].value));
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

void DatasetBuilder::check_actors() {
  std::unordered_map<std::string, KindId> kind_ids;
  for_each_row(TableKind::actors, [&](std::size_t row, const std::vector<Cell>& v, bool ok, RowProblems& out) {
    const auto a = static_cast<ActorId>(row);
    if (check_id(out, v[0], "actor id")) {
      // The index reads the ids from the actors table's id column (v[0] is row a's cell): no copy.
      if (const auto first = d_.actor_by_id_.insert(d_.actors_.column_cells(0), a))
        note(out, v[0], Severity::error,
             "duplicate actor id " + in_quotes(v[0].value) + " (first defined at " + place_of(TableKind::actors, *first) + ")");
    }
    // A missing kind column is reported once, in the header, and makes every row malformed.
    const std::string_view kind = v[2].value;
    if (ok && kind.empty())
      note(out, v[2], Severity::error, "empty kind (state, organization, person, agency, ...)");
    else if (ok && !is_slug(kind)) {
      const std::string folded = fold_case(trim(kind));
      note(out, v[2], Severity::error,
           "kind " + in_quotes(kind) + " is not a lower-case slug (a-z, 0-9, _)" +
               did_you_mean_clause(is_slug(folded) ? in_quotes(folded) : ""));
    }
    const auto [it, inserted] = kind_ids.emplace(std::string(kind), static_cast<KindId>(d_.kinds_.size()));
    if (inserted) {
      if (d_.kinds_.size() >= 65535) throw Error("more than 65535 actor kinds");
      d_.kinds_.emplace_back(kind);
    }
    d_.actor_kind_.push_back(it->second);
  });
}

void DatasetBuilder::check_sources() {
  const auto date_column = d_.sources_.column("date");
  for_each_row(TableKind::sources, [&](std::size_t row, const std::vector<Cell>& v, bool ok, RowProblems& out) {
    if (check_id(out, v[0], "source id")) {
      if (const auto first = d_.source_by_id_.insert(d_.sources_.column_cells(0), static_cast<SourceId>(row)))
        note(out, v[0], Severity::error,
             "duplicate source id " + in_quotes(v[0].value) + " (first defined at " + place_of(TableKind::sources, *first) + ")");
    }
    PartialDate date;
    if (ok) {
      if (v[1].value.empty()) note(out, v[1], Severity::error, "empty title");
      if (date_column) date = parse_date(out, v[*date_column], "publication");
    }
    d_.source_date_.push_back(date);
  });
}

void DatasetBuilder::check_relations() {
  const Table& t = d_.relations_;
  c_start_ = t.column("start");
  c_end_ = t.column("end");
  c_directed_ = t.column("directed");
  c_weight_ = t.column("weight");
  c_magnitude_ = t.column("magnitude");
  c_sources_ = t.column("sources");
  c_fact_ = t.column("fact");
  c_stance_ = t.column("stance");
  c_attested_ = t.column("attested");
  c_status_ = t.column("status");
  const std::size_t m = t.rows();
  make_relation_columns(m);
  d_.rel_source_offsets_.reserve(m + 1);
  d_.rel_source_offsets_.push_back(0);
  // Blocks of rows on the threads, each row's values written in place; the blocks' problems and
  // cited sources are taken in block order, so the result is the same on any number of threads.
  phase_ = Reporter::Phase::rows;
  run_blocks(
      m, threads_, {},
      [&] {
        RelationBlock block;
        block.cells.resize(t.columns().size());
        return block;
      },
      [&](std::size_t begin, std::size_t end, RelationBlock& block) {
        constexpr std::size_t group = 256;
        for (std::size_t first = begin; first < end; first += group) check_relation_group(block, first, std::min(end, first + group));
      },
      [&](RelationBlock& block) { take_relation_block(block); });
  phase_ = Reporter::Phase::after_rows;
}

void DatasetBuilder::make_relation_columns(std::size_t m) {
  const Table& t = d_.relations_;
  // Columns no row fills take no memory: end dates as zeros (the empty date), weights not at all
  // (Dataset::relation_weight). A row writes them only when it states them. The extent is not
  // kept: Dataset::relation_extent computes it from the dates. Stance, status and attestation
  // likewise (Stance::unstated and Status::held are zeros).
  const auto stated = [&](const std::optional<std::size_t>& c) { return c && t.column_cells(*c).bytes() > 0; };
  // The columns are made in two groups at once: at L their first touch, by the zeroing, is 200 MB
  // of fresh pages, a fifth of a second on one thread.
  run_both(
      threads_,
      [&] {
        resolved_.resize(m);
        d_.rel_source_.resize(m);
        d_.rel_type_.resize(m);
        d_.rel_end_ = stated(c_end_) ? Column<PartialDate>(std::vector<PartialDate>(m)) : Column<PartialDate>::zeros(m);
        d_.rel_stance_ = stated(c_stance_) ? Column<Stance>(std::vector<Stance>(m)) : Column<Stance>::zeros(m);
        d_.rel_status_ = stated(c_status_) ? Column<Status>(std::vector<Status>(m)) : Column<Status>::zeros(m);
      },
      [&] {
        d_.rel_target_.resize(m);
        d_.rel_start_.resize(m);
        d_.rel_directed_.resize(m);
        if (stated(c_weight_)) d_.rel_weight_.resize(m);
        d_.rel_attested_ = stated(c_attested_) ? Column<PartialDate>(std::vector<PartialDate>(m)) : Column<PartialDate>::zeros(m);
      });
}

void DatasetBuilder::check_relation_group(RelationBlock& block, std::size_t first, std::size_t last) {
  const Table& t = d_.relations_;
  // The actors of the group are looked up together (IdIndex::find_many: their memory reads
  // overlap), then the rows are checked one by one.
  block.actor_ids.clear();
  for (std::size_t row = first; row < last; ++row) {
    block.actor_ids.push_back(t.cell(row, 1));
    block.actor_ids.push_back(t.cell(row, 2));
  }
  block.actors.assign(block.actor_ids.size(), std::nullopt);
  if (d_.actors_.present()) d_.actor_by_id_.find_many(d_.actors_.column_cells(0), block.actor_ids, block.actors);
  for (std::size_t row = first; row < last; ++row) {
    for (std::size_t c = 0; c < block.cells.size(); ++c) block.cells[c] = Cell{t.cell(row, c), TableKind::relations, row, c};
    const std::size_t k = 2 * (row - first);
    check_relation(block, static_cast<RelationId>(row), !malformed(TableKind::relations, row), {block.actors[k], block.actors[k + 1]});
  }
}

void DatasetBuilder::take_relation_block(RelationBlock& block) {
  flush(block.problems);
  std::size_t at = 0;
  for (const std::uint32_t count : block.counts) {
    d_.rel_sources_.append(block.sources.begin() + static_cast<std::ptrdiff_t>(at),
                           block.sources.begin() + static_cast<std::ptrdiff_t>(at + count));
    at += count;
    d_.rel_source_offsets_.push_back(static_cast<std::uint32_t>(d_.rel_sources_.size()));
  }
  block.sources.clear();
  block.counts.clear();
  for (const auto& [r, magnitude] : block.magnitudes) d_.rel_magnitudes_.push_back({magnitude, r});
  block.magnitudes.clear();
}

// A relation's typed values while its row is checked.
struct RelationValues {
  ActorId source = 0, target = 0;
  TypeId type = 0;
  bool resolved = false;  // both actors and the type are known
  PartialDate start, end;
  bool directed = true;
  double weight = 1;
  Magnitude magnitude;
  Stance stance = Stance::unstated;
  Status status = Status::held;
  PartialDate attested;  // the `attested` column (Dataset::relation_attested adds the sources' dates)
};

// The fields of a relation's row beyond its id, actors and type: dates, direction, weight,
// magnitude, sources, fact, stance, status, attestation.
void DatasetBuilder::check_relation_fields(RelationBlock& block, RelationValues& r) const {
  RowProblems& out = block.problems;
  const std::vector<Cell>& v = block.cells;
  std::vector<SourceId>& sources = block.scratch;
  const Cell empty_field{{}, TableKind::relations, v[0].row, TableLocator::whole_row};
  auto field = [&](const std::optional<std::size_t>& c) -> const Cell& { return c ? v[*c] : empty_field; };
  auto& [source, target, type, resolved, start, end, directed, weight, magnitude, stance, status, attested] = r;
  start = parse_coded_date(out, field(c_start_), "start", block.dates[0]);
  end = parse_coded_date(out, field(c_end_), "end", block.dates[1]);
  if (!start.empty() && !end.empty() && end.last_day() < start.first_day())
    note(out, field(c_end_), Severity::error, "end " + end.str() + " is before start " + start.str());
  if (start.empty() && !end.empty() && field(c_start_).value.empty())
    note(out, field(c_end_), Severity::error,
         "end date without a start date (give the earliest start the source allows, or leave both empty)");
  directed = d_.types_[type].directed;
  if (const auto& fd = field(c_directed_); !fd.value.empty()) {
    if (const auto b = parse_bool(fd.value)) directed = *b;
    else
      note(out, fd, Severity::error, "directed must be true, false or empty (the type's default), found " + in_quotes(fd.value));
  }
  if (const auto& fw = field(c_weight_); !fw.value.empty()) {
    const auto w = parse_number(fw.value);
    if (!w)
      note(out, fw, Severity::error, "weight " + in_quotes(fw.value) + " is not a number");
    else if (!std::isfinite(*w))
      note(out, fw, Severity::error, "weight " + in_quotes(fw.value) + " is not finite");
    else if (*w < 0)
      note(out, fw, Severity::error, "weight " + std::string(fw.value) + " is negative (weights are non-negative)");
    else weight = *w;
  }
  if (const auto& fm = field(c_magnitude_); !fm.value.empty()) {
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
      note(out, fm, Severity::error, "magnitude " + in_quotes(text) + " is not a number or a range LOW-HIGH (e.g. 300-400)");
    else if (*low < 0)
      note(out, fm, Severity::error, "magnitude " + std::string(text) + " is negative");
    else if (*low > *high)
      note(out, fm, Severity::error, "magnitude range " + std::string(text) + " has its low end above its high end");
    else magnitude = {*low, *high};
  }
  lookup_sources(out, field(c_sources_), sources);
  if (const auto& ff = field(c_fact_); !ff.value.empty()) check_id(out, ff, "fact id");
  if (const auto& fs = field(c_stance_); !fs.value.empty()) {
    if (fs.value == "positive") stance = Stance::positive;
    else if (fs.value == "negative") stance = Stance::negative;
    else if (fs.value == "neutral") stance = Stance::neutral;
    else
      note(out, fs, Severity::error,
           "stance must be positive, negative, neutral or empty (the type's valence), found " + in_quotes(fs.value));
  }
  status = parse_status_field(out, field(c_status_));
  attested = parse_coded_date(out, field(c_attested_), "attested", block.dates[2]);
  if (!attested.empty() && !start.empty() && attested.last_day() < start.first_day())
    note(out, field(c_attested_), Severity::error, "attested " + attested.str() + " is before start " + start.str());
}

// One row of relations.csv: checked, then its typed values written at `row` of the dataset's
// columns, its cited sources appended to the block's. Runs on several threads at once: it reads
// the dataset's finished indexes and writes only row `row` and the block.
void DatasetBuilder::check_relation(RelationBlock& block, RelationId row, bool ok, std::array<std::optional<ActorId>, 2> actors) {
  const std::vector<Cell>& v = block.cells;
  RowProblems& out = block.problems;
  RelationValues r;
  auto& [source, target, type, resolved, start, end, directed, weight, magnitude, stance, status, attested] = r;
  std::vector<SourceId>& sources = block.scratch;
  sources.clear();
  if (ok) {
    check_id(out, v[0], "relation id");
    const auto s = lookup_actor(out, v[1], "source", actors[0]);
    const auto t = lookup_actor(out, v[2], "target", actors[1]);
    if (s) source = *s;
    if (t) target = *t;
    if (s && t && source == target)
      note(out, v[2], Severity::warning, "self-relation: " + in_quotes(v[1].value) + " is both source and target");
    bool type_known = true;
    if (v[3].value.empty()) {
      type_known = false;
      note(out, v[3], Severity::error, "empty type");
    } else if (const auto found = find_type(block, v[3])) {
      type = *found;
    } else {
      type_known = false;
      std::string message = "unknown relation type " + in_quotes(v[3].value);
      const std::size_t clause_at = message.size();
      out.push_back({v[3], Severity::error, std::move(message) + "; declare new types in types.csv", TableLocator::whole_row, Suggest::type,
                     v[3].value, clause_at});
    }
    resolved = s && t && type_known;
    check_relation_fields(block, r);
  } else {
    // Misaligned row: keep the id for later checks, report nothing more.
    if (actors[0]) source = *actors[0];
    if (actors[1]) target = *actors[1];
  }
  resolved_[row] = resolved ? 1 : 0;
  d_.rel_source_.edit()[row] = source;
  d_.rel_target_.edit()[row] = target;
  d_.rel_type_.edit()[row] = type;
  d_.rel_start_.edit()[row] = start;
  if (!end.empty()) d_.rel_end_.edit()[row] = end;
  d_.rel_directed_.edit()[row] = directed ? 1 : 0;
  if (!d_.rel_weight_.empty()) d_.rel_weight_.edit()[row] = weight;
  if (magnitude.present()) block.magnitudes.emplace_back(row, magnitude);
  if (stance != Stance::unstated) d_.rel_stance_.edit()[row] = stance;
  if (status != Status::held) d_.rel_status_.edit()[row] = status;
  if (!attested.empty()) d_.rel_attested_.edit()[row] = attested;
  block.sources.insert(block.sources.end(), sources.begin(), sources.end());
  block.counts.push_back(static_cast<std::uint32_t>(sources.size()));
}

void DatasetBuilder::check_blocs() {
  struct Row {
    std::string bloc;
    ActorId actor;
    bool lead;
    std::size_t row;
  };
  std::vector<Row> rows;
  const auto c_sources = d_.blocs_table_.column("sources");
  std::vector<SourceId> unused;
  for_each_row(TableKind::blocs, [&](std::size_t row, const std::vector<Cell>& v, bool ok, RowProblems& out) {
    if (!ok) return;
    const bool id_ok = check_id(out, v[0], "bloc id");
    const auto actor = lookup_actor(out, v[1], "actor", d_.find_actor(v[1].value));
    const bool lead = v[2].value == "lead";
    if (!lead && v[2].value != "member") note(out, v[2], Severity::error, "role must be lead or member, found " + in_quotes(v[2].value));
    if (c_sources) lookup_sources(out, v[*c_sources], unused);
    for (const char* name : {"colour", "color"})
      if (const auto c = d_.blocs_table_.column(name); c && !v[*c].value.empty() && !is_hex_colour(v[*c].value))
        note(out, v[*c], Severity::error, std::string(name) + " must be a colour #RRGGBB, found " + in_quotes(v[*c].value));
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
        report_row(TableKind::blocs, r.row, 1, Severity::error, "actor " + in_quotes(d_.actor_id(r.actor)) + " is listed twice in bloc " +
                   in_quotes(bloc.id) + " (first at " + place_of(TableKind::blocs, dup->row) + ")");
        continue;
      }
      bloc.members.push_back(r.actor);
      if (!r.lead) continue;
      if (lead_row) {
        report_row(TableKind::blocs, r.row, 2, Severity::error, "bloc " + in_quotes(bloc.id) + " has a second lead (the first is " +
                   in_quotes(d_.actor_id(bloc.lead)) + " at " + place_of(TableKind::blocs, *lead_row) + ")");
        continue;
      }
      lead_row = r.row;
      bloc.lead = r.actor;
    }
    if (!lead_row)
      report_row(TableKind::blocs, rows[i].row, TableLocator::whole_row, Severity::error, "bloc " + in_quotes(bloc.id) + " has no lead (give one of its rows the role lead)");
    std::sort(bloc.members.begin(), bloc.members.end());
    d_.blocs_.push_back(std::move(bloc));
    i = j;
  }
}

void DatasetBuilder::index_actors() {
  const auto c_aliases = d_.actors_.column("aliases");
  d_.alias_offsets_.reserve(d_.actor_count() + 1);
  d_.alias_offsets_.push_back(0);
  for (ActorId a = 0; a < d_.actor_count(); ++a) {
    if (c_aliases) for_each_in_list(d_.actors_.cell(a, *c_aliases), [&](std::string_view alias) { d_.aliases_.push_back(alias); });
    d_.alias_offsets_.push_back(static_cast<std::uint32_t>(d_.aliases_.size()));
  }
  // The names are folded on the threads, block by block, into one text per block, gathered in
  // actor order, then sorted by (name, actor) into Dataset::SortedNames (FoldedName).
  struct Block {
    std::string text;
    std::vector<FoldedName> names;
  };
  // Every array is reserved at its size (the folded text at the names' bytes: exact for ASCII),
  // not grown by doubling: at L growing copied and first touched about 200 MB more, 0.4 s here.
  const auto name_bytes = [&](std::size_t begin, std::size_t end) {
    std::size_t bytes = 0;
    for (std::size_t a = begin; a < end; ++a) {
      bytes += d_.actor_id(static_cast<ActorId>(a)).size() + d_.actors_.cell(a, 1).size();
      for (const std::string_view alias : d_.actor_aliases(static_cast<ActorId>(a))) bytes += alias.size();
    }
    return bytes;
  };
  const auto name_count = [&](std::size_t begin, std::size_t end) {
    return 2 * (end - begin) + (d_.alias_offsets_[end] - d_.alias_offsets_[begin]);
  };
  std::string folded;
  folded.reserve(name_bytes(0, d_.actor_count()));
  std::vector<FoldedName> names;
  names.reserve(name_count(0, d_.actor_count()));
  run_blocks(
      d_.actor_count(), threads_, {}, [] { return Block{}; },
      [&](std::size_t begin, std::size_t end, Block& block) {
        block.text.reserve(name_bytes(begin, end));
        block.names.reserve(name_count(begin, end));
        const auto add = [&](std::string_view name, ActorId actor) {
          if (name.empty()) return;
          const std::size_t at = block.text.size();
          append_folded(block.text, trim(name));
          const auto size = static_cast<std::uint32_t>(block.text.size() - at);
          block.names.push_back({text_prefix(std::string_view(block.text).substr(at, size)), at, size, actor});
        };
        for (std::size_t a = begin; a < end; ++a) {
          const auto actor = static_cast<ActorId>(a);
          add(d_.actor_id(actor), actor);
          add(d_.actors_.cell(a, 1), actor);
          for (const std::string_view alias : d_.actor_aliases(actor)) add(alias, actor);
        }
      },
      [&](Block& block) {
        for (FoldedName name : block.names) {
          name.at += folded.size();
          names.push_back(name);
        }
        folded += block.text;
        block = Block{};
      });
  const auto text = [&](const FoldedName& name) { return std::string_view(folded).substr(name.at, name.size); };
  sort_on_threads(names.begin(), names.end(), threads_, [&](const FoldedName& a, const FoldedName& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return std::pair(text(a), a.actor) < std::pair(text(b), b.actor);
  });
  store_sorted_names(folded, names);
}

void DatasetBuilder::store_sorted_names(const std::string& folded, const std::vector<FoldedName>& names) {
  const auto text = [&](const FoldedName& name) { return std::string_view(folded).substr(name.at, name.size); };
  if (folded.size() > std::numeric_limits<std::uint32_t>::max() || names.size() > std::numeric_limits<std::uint32_t>::max())
    throw Error("more than 4 GiB of actor names, or 2^32 names: too many to index");
  Dataset::SortedNames& index = d_.sorted_names_;
  index.keys.reserve(folded.size());
  for (auto* ends : {&index.key_ends, &index.list_ends, &index.actors}) ends->reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const bool new_name = i == 0 || text(names[i]) != text(names[i - 1]);
    if (new_name) {
      if (i > 0) index.list_ends.push_back(static_cast<std::uint32_t>(index.actors.size()));
      index.keys.append(text(names[i]).begin(), text(names[i]).end());
      index.key_ends.push_back(static_cast<std::uint32_t>(index.keys.size()));
    }
    if (new_name || names[i].actor != index.actors.back()) index.actors.push_back(names[i].actor);  // once per actor
  }
  if (!names.empty()) index.list_ends.push_back(static_cast<std::uint32_t>(index.actors.size()));
}

// Reports nothing: it may run beside index_actors (DatasetBuilder::run), and the reporter and the
// locator are for one thread. The rows whose id an earlier row has go to `repeated`, with that row.
void DatasetBuilder::index_relations(std::vector<std::pair<RelationId, RelationId>>& repeated) {
  if (!d_.relations_.present()) return;  // an empty relations.csv, reported already: no id column
  d_.relation_by_id_.insert_rows(d_.relations_.column_cells(0), 0, static_cast<std::uint32_t>(d_.relation_count()),
                                 [&](RelationId r, RelationId first) { repeated.emplace_back(r, first); });
}

void DatasetBuilder::report_repeated_ids(const std::vector<std::pair<RelationId, RelationId>>& repeated) {
  for (const auto& [r, first] : repeated)  // none without a relations table: not its id column either
    report_row(TableKind::relations, r, 0, Severity::error,
               "duplicate relation id " + in_quotes(d_.relation_id(r)) + " (first defined at " + place_of(TableKind::relations, first) +
                   ")");
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
  const auto column = d_.relations_.column("disputes");
  // Both directions of every dispute, sorted and unique: each relation's list, in CSR order (no
  // list per relation: most have none).
  std::vector<std::pair<RelationId, RelationId>> pairs;
  if (column) {
    for (RelationId r = 0; r < d_.relation_count(); ++r) {
      const std::string_view cell = d_.relations_.cell(r, *column);
      if (cell.empty()) continue;
      for (std::string_view id : split_list(cell)) {
        const auto other = d_.find_relation(id);
        if (!other) {
          report_row(TableKind::relations, r, *column, Severity::error, "disputes names unknown relation " + in_quotes(id));
        } else if (*other == r) {
          report_row(TableKind::relations, r, *column, Severity::error, "relation " + in_quotes(id) + " disputes itself");
        } else {
          pairs.emplace_back(r, *other);
          pairs.emplace_back(*other, r);
          dispute_pairs_.emplace(std::min(r, *other), std::max(r, *other));
        }
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  d_.rel_dispute_offsets_.clear();  // no disputes: no offsets (Dataset::relation_disputes)
  if (!pairs.empty()) d_.rel_dispute_offsets_.assign(d_.relation_count() + 1, 0);
  d_.rel_disputes_.reserve(pairs.size());
  for (const auto& [r, other] : pairs) {
    ++d_.rel_dispute_offsets_.edit()[r + 1];
    d_.rel_disputes_.push_back(other);
  }
  if (!pairs.empty()) {
    std::uint32_t* offsets = d_.rel_dispute_offsets_.edit();
    for (std::size_t r = 0; r < d_.relation_count(); ++r) offsets[r + 1] += offsets[r];
  }
  for (const auto& pair : dispute_pairs_) {
    const RelationId a = pair.first, b = pair.second;  // not a structured binding: clang 14 cannot capture one
    if (resolved_[a] && resolved_[b])
      report_row_lazily(TableKind::relations, a, Severity::warning, [&] {
        return "sources disagree: " + std::string(d_.relation_id(a)) + " says " + describe(a) + "; " + std::string(d_.relation_id(b)) +
               " says " + describe(b);
      });
  }
}

// `part_of` names the relation whose stated total includes this one.
void DatasetBuilder::check_parts() {
  // No relation part of another: no column at all (Dataset::relation_part_of).
  d_.rel_part_of_.clear();
  const auto column = d_.relations_.column("part_of");
  if (!column || d_.relations_.column_cells(*column).bytes() == 0) return;
  d_.rel_part_of_.assign(d_.relation_count(), Dataset::no_relation);
  for (RelationId r = 0; r < d_.relation_count(); ++r) {
    const std::string_view id = d_.relations_.cell(r, *column);
    if (id.empty() || malformed(TableKind::relations, r)) continue;
    const auto total = d_.find_relation(id);
    if (!total) {
      report_row(TableKind::relations, r, *column, Severity::error, "part_of names unknown relation " + in_quotes(id));
    } else if (*total == r) {
      report_row(TableKind::relations, r, *column, Severity::error, "relation " + in_quotes(id) + " is part of itself");
    } else {
      d_.rel_part_of_.edit()[r] = *total;
    }
  }
}

namespace {

using KeyedRows = std::span<const std::pair<std::uint64_t, RelationId>>;

// Calls run(part) for each run of equal keys of `keyed`, which is sorted by key, in order.
template <class Run>
void for_each_key_run(KeyedRows keyed, Run&& run) {
  for (std::size_t i = 0; i < keyed.size();) {
    std::size_t j = i + 1;
    while (j < keyed.size() && keyed[j].first == keyed[i].first) ++j;
    run(keyed.subspan(i, j - i));
    i = j;
  }
}

// In one bucket's rows, sorted by (hash, row): each row that repeats an earlier row of the same
// hash field for field, with the first such row.
template <class SameFields>
void find_repeats(KeyedRows keyed, const SameFields& same_fields, std::vector<std::pair<RelationId, RelationId>>& repeats) {
  for_each_key_run(keyed, [&](KeyedRows run) {
    for (std::size_t b = 1; b < run.size(); ++b)
      for (std::size_t a = 0; a < b; ++a)
        if (same_fields(run[a].second, run[b].second)) {
          repeats.emplace_back(run[b].second, run[a].second);
          break;
        }
  });
}

}  // namespace

// Rows are hashed (no per-row string is built: a million relations would mean a million
// allocations), bucketed by the hash's high bits (a counting sort, no comparison sort of millions
// of rows), and only rows with equal hashes are compared field by field. A column in dictionary form
// is hashed and compared by its codes, which stand for their values one to one here (with_dictionary
// makes distinct values; an actor column's code is the actor its id was found as); a column of
// empty values not at all. At L: 12 bytes a relation for the time of the check.
void DatasetBuilder::check_duplicates() {
  const Table& t = d_.relations_;
  std::vector<const TextColumn*> fields;  // beyond the id
  for (std::size_t c = 1; c < t.columns().size(); ++c)
    if (t.column_cells(c).is_coded() || t.column_cells(c).bytes() > 0) fields.push_back(&t.column_cells(c));
  const std::size_t m = t.rows();
  std::vector<std::uint64_t> hashes(m);
  run_blocks(
      m, threads_, {}, [] { return 0; },
      [&](std::size_t begin, std::size_t end, int&) {
        const std::hash<std::string_view> hash_text;
        for (std::size_t r = begin; r < end; ++r) {
          std::uint64_t h = fields.size();
          for (const TextColumn* f : fields)
            h = (h ^ (f->is_coded() ? (f->code(r) + 1) * 0xD6E8FEB86659FD93ull : hash_text((*f)[r]))) * 0x9E3779B97F4A7C15ull + 1;
          hashes[r] = h;
        }
      },
      [](int&) {});
  const int bits = std::max(1, static_cast<int>(std::bit_width(m)) - 3);  // about 4 to 8 rows a bucket
  const auto bucket = [&](RelationId r) { return static_cast<std::size_t>(hashes[r] >> (64 - bits)); };
  Buckets buckets(
      m, std::size_t{1} << bits, [&](std::size_t r) { return !malformed(TableKind::relations, r); },
      [&](std::size_t r) { return bucket(static_cast<RelationId>(r)); });
  const auto same_fields = [&](RelationId a, RelationId b) {
    return std::all_of(fields.begin(), fields.end(),
                       [&](const TextColumn* f) { return f->is_coded() ? f->code(a) == f->code(b) : (*f)[a] == (*f)[b]; });
  };
  // The buckets on the threads, each sorted by (hash, row) with the hashes read once; the blocks'
  // repeats gathered in block order and then sorted: the same list on any number of threads.
  std::vector<std::pair<RelationId, RelationId>> repeats;  // (row, the first row it repeats)
  struct Block {
    std::vector<std::pair<std::uint64_t, RelationId>> keyed;  // one bucket's
    std::vector<std::pair<RelationId, RelationId>> repeats;
  };
  run_blocks(
      buckets.size(), threads_, {}, [] { return Block{}; },
      [&](std::size_t begin, std::size_t end, Block& block) {
        for (std::size_t k = begin; k < end; ++k) {
          if (buckets[k].size() < 2) continue;
          block.keyed.clear();
          for (const RelationId r : buckets[k]) block.keyed.emplace_back(hashes[r], r);
          std::sort(block.keyed.begin(), block.keyed.end());
          find_repeats(block.keyed, same_fields, block.repeats);
        }
      },
      [&](Block& block) {
        repeats.insert(repeats.end(), block.repeats.begin(), block.repeats.end());
        block.repeats.clear();
      });
  std::sort(repeats.begin(), repeats.end());
  for (const auto& repeat : repeats) {
    const RelationId r = repeat.first, first = repeat.second;  // not a structured binding: clang 14 cannot capture one
    report_row_lazily(TableKind::relations, r, Severity::warning, [&] {
      return "relation " + in_quotes(t.cell(r, 0)) + " repeats relation " + in_quotes(t.cell(first, 0)) + " (" +
             place_of(TableKind::relations, first) + ") field for field; remove one of them";
    });
  }
}

// The pairs (a, b) of relations, a first in the file, with the same actors, type and direction and different
// dates from disjoint sources, start years at most one apart (check_claims reports them).
std::vector<std::pair<RelationId, RelationId>> DatasetBuilder::similar_claims() const {
  const std::size_t m = d_.relation_count();
  // A relation's first actor: its source, or the lower of the two when undirected; its second, the
  // other. The relations bucketed by first actor in file order (a counting sort: 4 bytes a relation
  // and no comparison sort of millions), each bucket sorted by (type, second actor, direction, row),
  // each group so in file order.
  const auto first = [&](RelationId r) {
    return d_.relation_directed(r) ? d_.relation_source(r) : std::min(d_.relation_source(r), d_.relation_target(r));
  };
  // The rest of the key in 49 bits: type (16), second actor (32), direction (1).
  const auto key = [&](RelationId r) {
    const ActorId u = d_.relation_source(r), v = d_.relation_target(r);
    const bool directed = d_.relation_directed(r);
    return std::uint64_t{d_.relation_type(r)} << 33 | std::uint64_t{directed ? v : std::max(u, v)} << 1 | (directed ? 1u : 0u);
  };
  Buckets by_first(
      m, d_.actor_count(), [&](std::size_t r) { return resolved_[r] != 0; },
      [&](std::size_t r) { return first(static_cast<RelationId>(r)); }, [&](std::size_t r) { return key(static_cast<RelationId>(r)); });
  // The buckets on the threads, each block's pairs gathered in block order: the same pairs, in the
  // same order, as on one thread.
  std::vector<std::pair<RelationId, RelationId>> pairs;
  struct Block {
    std::vector<std::pair<std::uint64_t, RelationId>> keyed;  // one bucket's
    std::vector<RelationId> group;
    std::vector<std::pair<RelationId, RelationId>> pairs;
  };
  run_blocks(
      d_.actor_count(), threads_, {}, [] { return Block{}; },
      [&](std::size_t begin, std::size_t end, Block& block) {
        for (std::size_t u = begin; u < end; ++u) {
          if (by_first[u].size() < 2) continue;
          by_first.keyed(u, block.keyed);
          std::sort(block.keyed.begin(), block.keyed.end());
          find_similar_claims(block.keyed, block.group, block.pairs);
        }
      },
      [&](Block& block) {
        pairs.insert(pairs.end(), block.pairs.begin(), block.pairs.end());
        block.pairs.clear();
      });
  return pairs;
}

// In one bucket's relations, sorted by key: each group of one key (same actors, type and
// direction, in file order) and at most max_group relations, the pairs whose start years are at most
// one apart, dated differently, from disjoint sources and not marked as disputes.
void DatasetBuilder::find_similar_claims(std::span<const std::pair<std::uint64_t, RelationId>> keyed, std::vector<RelationId>& group,
                                         std::vector<std::pair<RelationId, RelationId>>& pairs) const {
  constexpr std::size_t max_group = 64;  // beyond this a pair of actors is a series, not one claim
  for_each_key_run(keyed, [&](KeyedRows run) {
    if (run.size() < 2 || run.size() > max_group) return;
    group.clear();
    for (const auto& row : run) group.push_back(row.second);
    similar_pairs(group, pairs);
  });
}

// The pairs of one group of relations (same actors, type and direction, in file order) whose start
// years are at most one apart, dated differently, from disjoint sources and not marked as disputes.
void DatasetBuilder::similar_pairs(std::span<const RelationId> group, std::vector<std::pair<RelationId, RelationId>>& pairs) const {
  for (std::size_t x = 0; x < group.size(); ++x)
    for (std::size_t y = x + 1; y < group.size(); ++y) {
      const RelationId a = group[x], b = group[y];
      const auto &sa = d_.relation_start(a), &sb = d_.relation_start(b);
      if (sa.empty() || sb.empty() || std::abs(sa.year() - sb.year()) > 1) continue;
      if (sa == sb && d_.relation_end(a) == d_.relation_end(b)) continue;
      const auto srcs_a = d_.relation_sources(a), srcs_b = d_.relation_sources(b);
      if (srcs_a.empty() || srcs_b.empty()) continue;
      const bool shared =
          std::any_of(srcs_a.begin(), srcs_a.end(), [&](SourceId s) { return std::find(srcs_b.begin(), srcs_b.end(), s) != srcs_b.end(); });
      if (!shared && !dispute_pairs_.count({a, b})) pairs.emplace_back(a, b);
    }
}

// The checks across rows that read the typed columns only, run at once on two threads (each on the
// threads itself as well), their warnings reported after, in this order:
// - similar claims (similar_claims): the same actors, type and direction with different dates
//   from disjoint sources, start years at most one apart: most likely one event that the sources
//   date differently (docs/FORMAT.md);
// - double counts: rows that quote one sentence for the same actors and dimension without a fact
//   id, likely one fact that influence would count several times (model/dataset.hpp,
//   likely_double_counts). Only on a dataset without errors so far: the grouping needs every
//   actor, type and part_of resolved.
void DatasetBuilder::check_claims() {
  std::vector<std::pair<RelationId, RelationId>> similar;
  std::vector<std::vector<RelationId>> doubles;
  const bool resolved = reporter_.errors() == 0;
  run_both(
      threads_, [&] { similar = similar_claims(); },
      [&] {
        if (resolved) doubles = likely_double_counts(d_);
      });
  for (const auto& pair : similar) {
    const RelationId a = pair.first, b = pair.second;  // not a structured binding: clang 14 cannot capture one
    report_row_lazily(TableKind::relations, b, Severity::warning, [&] {
      return "possible disagreement: " + std::string(d_.relation_id(a)) + " says " + describe(a) + "; " + std::string(d_.relation_id(b)) +
             " says " + describe(b) + " (if the sources disagree, name each relation in the other's disputes column)";
    });
  }
  for (const auto& group : doubles)
    report_row_lazily(TableKind::relations, group[1], Severity::warning, [&] {
      std::string ids;
      for (std::size_t i = 0; i < group.size(); ++i)
        ids += (i == 0 ? "" : i + 1 == group.size() ? " and " : ", ") + std::string(d_.relation_id(group[i]));
      return "possible double count: " + ids + " quote the same sentence for the same actors in the " +
             std::string(dimension_name(d_.types()[d_.relation_type(group[0])].dimension)) +
             " dimension (if they state one fact, give them one fact id, or mark the parts with part_of)";
    });
}

// Columns of few distinct values in dictionary form (TextColumn::with_dictionary), before any
// check reads them: the same values in less memory (at L, a relation's type takes 4 bytes instead
// of 14, its start date 4 instead of 10). Every column but the tables' ids, the relations' actors
// (code_actor_columns) and the actors' aliases, whose text Dataset::aliases_ views.
void DatasetBuilder::code_few_valued_columns() {
  constexpr std::size_t max_distinct = 65536;
  std::vector<TextColumn*> columns;
  for (std::size_t c = 3; c < d_.relations_.cells_.size(); ++c) columns.push_back(&d_.relations_.cells_[c]);  // after id, source, target
  const auto aliases = d_.actors_.column("aliases");
  for (std::size_t c = 1; c < d_.actors_.cells_.size(); ++c)
    if (c != aliases) columns.push_back(&d_.actors_.cells_[c]);
  for (TextColumn* column : columns)
    if (column->bytes() > 0)  // all empty: already no memory
      if (auto coded = TextColumn::with_dictionary(*column, max_distinct, threads_)) *column = std::move(*coded);
}

// Once every relation's actors are found: its source and target ids are its actors' ids, so those
// columns become the actors' id column indexed by the relation's actor numbers, sharing both
// (TextColumn::coded): no memory of their own (at L, 240 MB less).
void DatasetBuilder::code_actor_columns() {
  Table& relations = d_.relations_;
  if (!relations.present() || relations.rows() == 0 || !d_.actors_.present()) return;
  if (std::find(resolved_.begin(), resolved_.end(), 0) != resolved_.end()) return;
  relations.cells_[1] = TextColumn::coded(d_.actors_.cells_[0], d_.rel_source_.shared());
  relations.cells_[2] = TextColumn::coded(d_.actors_.cells_[0], d_.rel_target_.shared());
}

CheckResult DatasetBuilder::run() {
  code_few_valued_columns();
  check_types();
  check_actors();
  check_sources();
  check_relations();
  code_actor_columns();
  check_blocs();
  // The actors' names and the relations' ids are indexed at once: the two share nothing.
  const bool relations = state_.read[static_cast<std::size_t>(TableKind::relations)];
  std::vector<std::pair<RelationId, RelationId>> repeated_ids;
  run_both(
      threads_, [&] { index_actors(); },
      [&] {
        if (relations) index_relations(repeated_ids);
      });
  report_repeated_ids(repeated_ids);
  if (relations) {
    check_disputes();
    check_parts();
    check_duplicates();
    check_claims();
  } else {
    d_.rel_source_offsets_.assign(1, 0);
    d_.rel_dispute_offsets_.clear();
    d_.rel_part_of_.clear();
  }
  std::array<TablePosition, table_kind_count> tables;
  for (std::size_t t = 0; t < table_kind_count; ++t)
    tables[t] = locator_.locate(static_cast<TableKind>(t), TableLocator::whole_row, TableLocator::whole_row);
  Diagnostics diagnostics = reporter_.finish(tables);
  // Every problem is placed: what placed them is freed before the graph takes its memory (at L,
  // the rows' places and flags are 60 MB of the peak).
  locator_.forget();
  resolved_ = {};
  state_.malformed = {};
  dispute_pairs_.clear();
  CheckResult result;
  if (count_errors(diagnostics) == 0) {
    d_.graph_ =
        std::make_unique<Dataset::GraphSlot>(Graph::build(d_.actor_count(), d_.rel_source_, d_.rel_target_, d_.rel_directed_, threads_));
    d_.warnings_ = diagnostics;
    result.dataset.emplace(std::move(d_));
  }
  result.diagnostics = std::move(diagnostics);
  return result;
}

CheckResult validate_tables(std::string path, DatasetTables tables, TableLocator& locator, ReadState state, Reporter reporter,
                            unsigned threads) {
  return DatasetBuilder(std::move(path), std::move(tables), locator, std::move(state), std::move(reporter), threads).run();
}

}  // namespace detail
}  // namespace actorgraph

namespace actorgraph {

namespace {

// A problem found while putting tables in canonical column order, reported once the locator
// knows that order.
struct ColumnProblem {
  TableKind table;
  std::size_t row, column;  // TableLocator::whole_row: the table as a whole
  std::string message;
  std::size_t within = TableLocator::whole_row;  // the byte in the cell, if one
};

// The text of every column name and cell must be what a CSV file can hold: every NUL byte and
// every byte that is not UTF-8, with the messages and limits of the CSV reader (CsvTableFile), in
// the order a CSV file of the table as given would hold them (header, then row by row, columns as
// given). `canonical[g]` is the canonical column of given column g.
void check_text(const Table& given, const std::vector<std::size_t>& canonical, TableKind kind, std::vector<ColumnProblem>& problems,
                std::size_t first_row = 0) {
  std::size_t nuls = 0, invalid = 0;
  auto check = [&](std::string_view text, std::size_t row, std::size_t column) {
    for (std::size_t at = text.find('\0'); at != std::string_view::npos && nuls <= 20; at = text.find('\0', at + 1))
      problems.push_back({kind, row, column, ++nuls > 20 ? "further NUL bytes not reported (is this a text file?)"
                                                          : "NUL byte (0x00) in the file; a dataset file is text and cannot contain one", at});
    for (std::size_t at = find_invalid_utf8(text); at != std::string_view::npos && invalid <= 20; at = find_invalid_utf8(text, at + 1)) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[at]));
      problems.push_back({kind, row, column, ++invalid > 20 ? "further invalid UTF-8 not reported (is this a text file in UTF-8?)"
                                                            : std::string("invalid UTF-8 (byte ") + byte + "); save the file as UTF-8", at});
    }
  };
  if (first_row == 0)
    for (const std::string& name : given.columns()) check(name, TableLocator::whole_row, TableLocator::whole_row);
  for (std::size_t r = first_row; r < given.rows(); ++r)
    for (std::size_t g = 0; g < given.columns().size(); ++g) check(given.cell(r, g), r, canonical[g]);
}

// Puts the flagged tables in canonical column order; a missing required column makes every row
// of its table malformed.
std::vector<ColumnProblem> normalise(DatasetTables& tables, const std::array<bool, table_kind_count>& flags, detail::ReadState& state) {
  std::vector<ColumnProblem> problems;
  for (std::size_t k = 0; k < table_kind_count; ++k) {
    const auto kind = static_cast<TableKind>(k);
    const detail::FileSpec& spec = detail::table_spec(kind);
    Table& given = tables.table(kind);
    // Rows added to a table read from CSV (whose reader checked its own rows' bytes).
    if (!flags[k] && state.added_rows_from[k] < given.rows()) {
      std::vector<std::size_t> identity(given.columns().size());
      for (std::size_t c = 0; c < identity.size(); ++c) identity[c] = c;
      check_text(given, identity, kind, problems, state.added_rows_from[k]);
    }
    if (!flags[k]) continue;
    if (!given.present()) {
      if (spec.required)
        problems.push_back({kind, TableLocator::whole_row, TableLocator::whole_row,
                            "no " + std::string(spec.name) + " table (a dataset needs actors.csv and relations.csv; see docs/FORMAT.md)"});
      continue;
    }
    state.read[k] = true;
    const detail::ColumnPlan plan = detail::plan_columns(spec, given.columns());
    for (const auto& p : plan.problems) problems.push_back({kind, TableLocator::whole_row, TableLocator::whole_row, p.message});
    Table table(std::string(spec.name), plan.columns);
    std::vector<std::string_view> values(plan.columns.size());
    for (std::size_t r = 0; r < given.rows(); ++r) {
      for (std::size_t c = 0; c < values.size(); ++c)
        values[c] = plan.input_column[c] == std::string::npos ? std::string_view() : given.cell(r, plan.input_column[c]);
      table.add_row(values);
    }
    if (plan.missing_required) state.malformed[k].assign(table.rows(), 1);
    std::vector<std::size_t> canonical(given.columns().size(), TableLocator::whole_row);
    for (std::size_t c = 0; c < plan.input_column.size(); ++c)
      if (plan.input_column[c] != std::string::npos) canonical[plan.input_column[c]] = c;
    check_text(given, canonical, kind, problems);
    given = std::move(table);
  }
  return problems;
}

}  // namespace

namespace detail {

CheckResult check_normalised(std::string path, DatasetTables tables, TableLocator& locator, ReadState state, Reporter reporter,
                             const std::array<bool, table_kind_count>& flags, unsigned threads) {
  for (auto& p : normalise(tables, flags, state)) {
    TablePosition at = locator.locate(p.table, p.row, p.column, p.within);
    if (!at.context.empty()) p.message = at.context + ": " + p.message;
    reporter.add(static_cast<std::size_t>(p.table), Diagnostic{std::move(at.file), at.line, at.column, Severity::error, std::move(p.message)},
                 Reporter::Phase::before_rows, 0, Reporter::Step::reading, true, at.sort_line, at.sort_column);
  }
  return validate_tables(std::move(path), std::move(tables), locator, std::move(state), std::move(reporter), threads);
}

}  // namespace detail

TablePosition MemoryTableLocator::locate(TableKind table, std::size_t row, std::size_t column, std::size_t) {
  TablePosition at{file(table), 0, 0, {}};
  if (row == whole_row) return at;
  at.context = "row " + std::to_string(row + 1);
  const auto& names = columns_[static_cast<std::size_t>(table)];
  if (column != whole_row && column < names.size()) at.context += ", column '" + names[column] + "'";
  return at;
}

std::string MemoryTableLocator::file(TableKind table) const { return origin_ + "/" + std::string(table_file_name(table)); }

CheckResult check_tables(DatasetTables tables, const std::string& origin, TableLocator& locator) {
  std::array<bool, table_kind_count> all;
  all.fill(true);
  return detail::check_normalised(origin, std::move(tables), locator, {}, {}, all);
}

CheckResult check_tables(DatasetTables tables, const std::string& origin) {
  // The locator names columns in canonical order: the order the tables will have.
  DatasetTables columns_only;
  for (std::size_t k = 0; k < table_kind_count; ++k) {
    const auto kind = static_cast<TableKind>(k);
    const Table& given = tables.table(kind);
    if (given.present()) columns_only.table(kind) = Table(given.name(), detail::plan_columns(detail::table_spec(kind), given.columns()).columns);
  }
  MemoryTableLocator locator(origin, columns_only);
  return check_tables(std::move(tables), origin, locator);
}

Dataset build_dataset(DatasetTables tables, const std::string& origin) {
  CheckResult result = check_tables(std::move(tables), origin);
  if (!result.dataset) throw DataError(std::move(result.diagnostics));
  return std::move(*result.dataset);
}

MemoryTableLocator::MemoryTableLocator(std::string origin, const DatasetTables& tables) : origin_(std::move(origin)) {
  for (std::size_t k = 0; k < table_kind_count; ++k) columns_[k] = tables.table(static_cast<TableKind>(k)).columns();
}

}  // namespace actorgraph
