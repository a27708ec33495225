// Between graphs and datasets (io/detail/graph_data.hpp): a GraphData as the tables of a dataset,
// checked by the one loader with each diagnostic mapped back to the node, edge or graph attribute
// it comes from; and a dataset's tables as graph attributes, for the writers.
#include "io/detail/graph_data.hpp"
#include "io/detail/table_validation.hpp"

#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/dataset_writer.hpp"
#include "actorgraph/model/relation_types.hpp"
#include "actorgraph/model/text.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace actorgraph::detail::exchange {

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// GraphData -> the CSV texts of a dataset, and where each generated row came from.

// Where a row made from the graph comes from: "node 'x'" or "edge 'a' -> 'b' (r1)", and the
// element's line and column (0 when unknown: cgraph keeps no positions).
struct RowPlace {
  std::string what;
  std::uint64_t line = 0, column = 0;
};

// The dataset a graph describes, before validation: the tables made from its nodes and edges
// (columns as generated: the embedded header, then every attribute), the CSV text of the tables
// it embeds as graph attributes, the relation types its edges use that nothing declares, and its
// other files.
struct GraphTables {
  Table actors, relations;
  std::vector<RowPlace> actor_places, relation_places;
  struct Embedded {
    std::string key;   // the graph attribute, e.g. actorgraph_sources
    std::string text;  // its CSV text; empty: the table is absent
  };
  Embedded sources, types, blocs;
  std::vector<std::string> added_types;  // used by edges, neither built in nor declared
  bool directed = true;
  std::vector<DatasetFile> other_files;  // by name
};

std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  CsvReader reader(text);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> problems;
  while (reader.next(fields, problems)) {
    std::vector<std::string> record;
    for (const auto& f : fields) record.emplace_back(f.value);
    records.push_back(std::move(record));
  }
  return records;
}

// Columns of a generated table: the header a graph attribute names, else `base`; then every other
// attribute name.
struct Columns {
  std::vector<std::string> names;
  std::unordered_map<std::string, std::size_t> index;
  void add(const std::string& name) {
    if (index.emplace(name, names.size()).second) names.push_back(name);
  }
  std::size_t at(const std::string& name) const { return index.at(name); }
};

Columns make_columns(const GraphData& g, const char* header_key, std::initializer_list<const char*> base) {
  Columns columns;
  const std::string* header = find(g.graph, header_key);
  const auto records = header ? parse_csv(*header) : std::vector<std::vector<std::string>>{};
  if (!records.empty())
    for (const auto& name : records.front()) columns.add(name);
  for (const char* name : base) columns.add(name);
  return columns;
}

std::string edge_description(const GraphData& g, const std::string& source, const std::string& target, const std::string& id) {
  return "edge '" + source + "' " + (g.directed ? "->" : "--") + " '" + target + "' (" + id + ")";
}

// Base64 (RFC 4648, with padding), in lines of 76 characters.
std::string base64_encode(std::string_view bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    if (i && i % 57 == 0) out += '\n';
    std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? alphabet[v & 63] : '=';
  }
  return out;
}

// The bytes of base64 text (white space ignored), or nullopt when it is not base64.
std::optional<std::string> base64_decode(std::string_view text) {
  std::string out;
  std::uint32_t v = 0;
  int bits = 0, padding = 0;
  for (char c : text) {
    int d = -1;
    if (c >= 'A' && c <= 'Z') d = c - 'A';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
    else if (c >= '0' && c <= '9') d = c - '0' + 52;
    else if (c == '+') d = 62;
    else if (c == '/') d = 63;
    else if (c == '=') {
      ++padding;
      continue;
    } else if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
      continue;
    }
    if (d < 0 || padding) return std::nullopt;
    v = (v << 6) | static_cast<std::uint32_t>(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xFF);
    }
  }
  if (padding > 2 || bits >= 6) return std::nullopt;
  return out;
}

// Whether `bytes` can be embedded as text in every format: valid UTF-8 without control characters
// other than tab, line feed and carriage return (XML 1.0 cannot hold them, nor a NUL any format).
bool is_embeddable_text(std::string_view bytes) {
  if (find_invalid_utf8(bytes) != std::string_view::npos) return false;
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

// The other files a graph file embeds (graph attributes actorgraph_file:NAME and
// actorgraph_file_base64:NAME), added to `out` by name. Throws ParseError for a name a dataset
// folder cannot hold or base64 that does not decode.
void add_embedded_files(const GraphData& g, const std::string& origin, std::vector<DatasetFile>& out) {
  for (const auto& [key, value] : g.graph) {
    const bool base64 = key.compare(0, file_base64_prefix.size(), file_base64_prefix) == 0;
    if (!base64 && key.compare(0, file_prefix.size(), file_prefix) != 0) continue;
    const std::string name = key.substr(base64 ? file_base64_prefix.size() : file_prefix.size());
    const bool dataset_file = name == "actors.csv" || name == "relations.csv" || name == "sources.csv" || name == "types.csv" ||
                              name == "blocs.csv";
    if (name.empty() || name.front() == '.' || name.find('/') != std::string::npos || name.find('\0') != std::string::npos ||
        dataset_file)
      throw ParseError(origin, 0, 0, "graph attribute " + key + ": '" + name + "' is not the name of a file a dataset folder can hold" +
                                         (dataset_file ? " (that file is made from the nodes, edges or tables)" : " (a plain file name, not hidden)"));
    if (std::any_of(out.begin(), out.end(), [&](const DatasetFile& f) { return f.name == name; }))
      throw ParseError(origin, 0, 0, "graph attribute " + key + ": a second copy of file '" + name + "'");
    if (!base64) {
      out.push_back(DatasetFile{name, value});
    } else if (auto bytes = base64_decode(value)) {
      out.push_back(DatasetFile{name, std::move(*bytes)});
    } else {
      throw ParseError(origin, 0, 0, "graph attribute " + key + ": not valid base64");
    }
  }
  std::sort(out.begin(), out.end(), [](const DatasetFile& a, const DatasetFile& b) { return a.name < b.name; });
}

// A table of text cells from rows of std::string.
void add_row(Table& table, const std::vector<std::string>& cells) {
  const std::vector<std::string_view> views(cells.begin(), cells.end());
  table.add_row(views);
}

void make_actors(const GraphData& g, GraphTables& out) {
  const std::string renamed_prefix = g.format + "_";
  Columns columns = make_columns(g, actor_columns_key, {"id", "label", "kind"});
  auto node_column = [&](const std::string& key) { return key == "id" ? renamed_prefix + key : key; };
  for (const auto& key : g.node_keys) columns.add(node_column(key));
  for (const auto& node : g.nodes)
    for (const auto& [k, v] : node.attributes) columns.add(node_column(k));
  out.actors = Table("actors.csv", columns.names);
  const auto kind = columns.index.find("kind");
  for (const auto& node : g.nodes) {
    std::vector<std::string> cells(columns.names.size());
    cells[columns.at("id")] = node.id;
    for (const auto& [k, v] : node.attributes) cells[columns.at(node_column(k))] = v;
    if (kind != columns.index.end() && cells[kind->second].empty()) cells[kind->second] = default_kind;
    add_row(out.actors, cells);
    out.actor_places.push_back({"node '" + node.id + "'", node.line, node.column});
  }
}

// Relation ids: the key, else an `id` attribute, else e1, e2... skipping ids taken. Sets
// `from_attribute[i]` where the id is the edge's `id` attribute.
std::vector<std::string> relation_ids(const GraphData& g, std::vector<bool>& from_attribute) {
  std::vector<std::string> ids(g.edges.size());
  from_attribute.assign(g.edges.size(), false);
  std::unordered_set<std::string> taken;
  for (std::size_t i = 0; i < g.edges.size(); ++i) {
    ids[i] = g.edges[i].key;
    if (ids[i].empty())
      if (const std::string* id = find(g.edges[i].attributes, "id"); id && !id->empty()) {
        ids[i] = *id;
        from_attribute[i] = true;
      }
    if (!ids[i].empty()) taken.insert(ids[i]);
  }
  std::size_t counter = 0;
  for (auto& id : ids) {
    if (!id.empty()) continue;
    do id = "e" + std::to_string(++counter);
    while (taken.count(id));
  }
  return ids;
}

// Returns the types the edges use, in order of first use.
std::vector<std::string> make_relations(const GraphData& g, GraphTables& out) {
  const std::string renamed_prefix = g.format + "_";
  Columns columns = make_columns(g, relation_columns_key, {"id", "source", "target", "type"});
  auto edge_column = [&](const std::string& key) {
    return key == "id" || key == "source" || key == "target" ? renamed_prefix + key : key;
  };
  std::vector<bool> id_from_attribute;
  const std::vector<std::string> ids = relation_ids(g, id_from_attribute);
  // actorgraph_directed is derived from the relation and its type: not a column. In a file that
  // lost the relation header (so not the one actorgraph wrote), it stands in for a missing
  // `directed`.
  const bool has_header = find(g.graph, relation_columns_key) != nullptr;
  auto is_column = [&](std::size_t i, const std::string& k) { return !(k == "id" && id_from_attribute[i]) && k != resolved_directed_key; };
  for (const auto& key : g.edge_keys)
    if (key != "id" && key != resolved_directed_key) columns.add(edge_column(key));
  bool resolved_only = false;
  for (std::size_t i = 0; i < g.edges.size(); ++i) {
    for (const auto& [k, v] : g.edges[i].attributes)
      if (is_column(i, k)) columns.add(edge_column(k));
    if (!has_header && find(g.edges[i].attributes, resolved_directed_key)) resolved_only = true;
  }
  if (!g.directed || resolved_only) columns.add("directed");

  out.relations = Table("relations.csv", columns.names);
  std::vector<std::string> used_types;
  const std::size_t type_column = columns.at("type");
  for (std::size_t i = 0; i < g.edges.size(); ++i) {
    const GraphEdge& edge = g.edges[i];
    std::vector<std::string> cells(columns.names.size());
    cells[columns.at("id")] = ids[i];
    cells[columns.at("source")] = edge.source;
    cells[columns.at("target")] = edge.target;
    for (const auto& [k, v] : edge.attributes)
      if (is_column(i, k)) cells[columns.at(edge_column(k))] = v;
    if (const std::string* resolved = find(edge.attributes, resolved_directed_key);
        resolved && !has_header && cells[columns.at("directed")].empty())
      cells[columns.at("directed")] = *resolved;
    if (cells[type_column].empty()) cells[type_column] = default_type;
    add_key(used_types, cells[type_column]);
    if (!g.directed && cells[columns.at("directed")].empty()) cells[columns.at("directed")] = "false";
    add_row(out.relations, cells);
    out.relation_places.push_back({edge_description(g, edge.source, edge.target, ids[i]), edge.line, edge.column});
  }
  return used_types;
}

GraphTables make_tables(const GraphData& g, const std::string& origin) {
  GraphTables out;
  out.directed = g.directed;
  make_actors(g, out);
  const std::vector<std::string> used_types = make_relations(g, out);
  for (auto [key, embedded] : {std::pair{sources_key, &out.sources}, std::pair{types_key, &out.types}, std::pair{blocs_key, &out.blocs}}) {
    embedded->key = key;
    if (const std::string* text = find(g.graph, key)) embedded->text = *text;
  }
  std::set<std::string, std::less<>> known;
  for (const auto& t : RelationTypes::builtins()) known.insert(t.id);
  if (!out.types.text.empty()) {
    const auto records = parse_csv(out.types.text);
    for (std::size_t r = 1; r < records.size(); ++r)
      if (!records[r].empty()) known.insert(records[r][0]);
  }
  for (const auto& t : used_types)
    if (!known.count(t)) out.added_types.push_back(t);
  add_embedded_files(g, origin, out.other_files);
  return out;
}

// The cells of a type added for the edges, by the names of `columns`.
std::vector<std::string> added_type_cells(const std::vector<std::string>& columns, const std::string& id, bool directed,
                                          const std::string& origin) {
  std::vector<std::string> cells(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c] == "id") cells[c] = id;
    else if (columns[c] == "description") cells[c] = "declared by actorgraph for the edges of " + fs::path(origin).filename().string();
    else if (columns[c] == "directed") cells[c] = directed ? "true" : "false";
    else if (columns[c] == "ongoing") cells[c] = "false";
  }
  return cells;
}

// The canonical text of a table's rows in file order (canonical_csv sorts them by id).
std::string table_text(const Table& table) {
  std::string out;
  std::vector<std::string_view> cells(table.columns().begin(), table.columns().end());
  append_csv_record(out, cells);
  for (std::size_t r = 0; r < table.rows(); ++r) {
    for (std::size_t c = 0; c < cells.size(); ++c) cells[c] = table.cell(r, c);
    append_csv_record(out, cells);
  }
  return out;
}

// Where the cells of a graph's tables come from: a node or an edge (its line, and its row's
// place among the others for the order of problems), or a line of a graph attribute's CSV text.
class GraphLocator : public TableLocator {
 public:
  struct Part {
    std::unique_ptr<CsvTableFile> csv;  // its rows come first
    std::size_t csv_rows = 0;
    const std::vector<RowPlace>* places = nullptr;  // the rows after them
    std::vector<std::string> added_what;            // rows added after the CSV's: "edge type 't'"
    std::vector<std::size_t> generated_column;      // canonical column -> column as generated
  };
  explicit GraphLocator(std::string origin) : origin_(std::move(origin)) {}
  Part& part(TableKind kind) { return parts_[static_cast<std::size_t>(kind)]; }

  TablePosition locate(TableKind table, std::size_t row, std::size_t column, std::size_t within) override {
    Part& p = part(table);
    const bool generated = p.places || !p.added_what.empty();
    if (p.csv && (row < p.csv_rows || (row == whole_row && !generated))) return p.csv->locate(row, column, within);
    if (row == whole_row) return {origin_, 0, 0, std::string(table_file_name(table)) + " (converted)", 1, 1};
    const std::size_t i = row - p.csv_rows;
    TablePosition at{origin_, 0, 0, {}};
    if (p.places) {
      at.line = (*p.places)[i].line;
      at.column = (*p.places)[i].column;
      at.context = (*p.places)[i].what;
    } else {
      at.context = p.added_what[i];
    }
    // Rows in file order, after the CSV's; cells in the order they were generated, and within a
    // cell by the byte a problem concerns.
    at.sort_line = (p.csv ? std::uint64_t{1} << 32 : 0) + i + 2;
    at.sort_column = ((column < p.generated_column.size() ? p.generated_column[column] + 1 : 1) << 32) + (within == whole_row ? 0 : within);
    return at;
  }

 private:
  std::string origin_;
  std::array<Part, table_kind_count> parts_;
};

}  // namespace

GraphData read_graph(std::string_view text, ExchangeFormat format, const std::string& origin) {
  switch (format) {
    case ExchangeFormat::dot: return read_dot_graph(text, origin);
    case ExchangeFormat::graphml: return read_graphml_graph(text, origin);
    case ExchangeFormat::json: return read_json_graph(text, origin);
    case ExchangeFormat::folder: break;
  }
  throw Error("a dataset folder is not a graph file");
}

Diagnostic parse_diagnostic(const ParseError& e) {
  const std::string prefix = Diagnostic{e.file(), e.line(), e.column(), Severity::error, ""}.str();
  std::string message = e.what();
  if (message.compare(0, prefix.size(), prefix) == 0) message.erase(0, prefix.size());
  // cgraph appends the text after an unterminated string on further lines: keep the first.
  if (const auto nl = message.find('\n'); nl != std::string::npos) message.erase(nl);
  return Diagnostic{e.file(), e.line(), e.column(), Severity::error, message};
}

std::map<std::string, std::string> graph_dataset_files(const GraphData& g, const std::string& origin) {
  const GraphTables t = make_tables(g, origin);
  std::map<std::string, std::string> out{{"actors.csv", table_text(t.actors)}, {"relations.csv", table_text(t.relations)}};
  if (!t.sources.text.empty()) out["sources.csv"] = t.sources.text;
  if (!t.blocs.text.empty()) out["blocs.csv"] = t.blocs.text;
  if (!t.types.text.empty() || !t.added_types.empty()) {
    std::string& types = out["types.csv"];
    std::vector<std::string> header{"id", "description", "directed", "ongoing"};
    if (!t.types.text.empty()) {
      types = t.types.text;
      if (!types.empty() && types.back() != '\n') types += '\n';
      if (const auto records = parse_csv(t.types.text); !records.empty()) header = records.front();
    } else {
      std::vector<std::string_view> names(header.begin(), header.end());
      append_csv_record(types, names);
    }
    for (const auto& id : t.added_types) {
      const auto cells = added_type_cells(header, id, t.directed, origin);
      append_csv_record(types, std::vector<std::string_view>(cells.begin(), cells.end()));
    }
  }
  for (const auto& file : t.other_files) out[file.name] = file.bytes;
  return out;
}

CheckResult check_graph(const GraphData& g, const std::string& origin, const LoadOptions& options) {
  GraphTables t = make_tables(g, origin);
  DatasetTables tables;
  Reporter reporter;
  ReadState state;
  GraphLocator locator(origin);
  std::array<bool, table_kind_count> normalise{};
  auto generated = [&](TableKind kind, Table table, const std::vector<RowPlace>* places) {
    auto& part = locator.part(kind);
    part.places = places;
    part.generated_column = plan_columns(table_spec(kind), table.columns()).input_column;
    tables.table(kind) = std::move(table);
    normalise[static_cast<std::size_t>(kind)] = true;
  };
  generated(TableKind::actors, std::move(t.actors), &t.actor_places);
  generated(TableKind::relations, std::move(t.relations), &t.relation_places);
  for (auto [kind, embedded] : {std::pair{TableKind::sources, &t.sources}, std::pair{TableKind::types, &t.types},
                                std::pair{TableKind::blocs, &t.blocs}}) {
    if (embedded->text.empty()) continue;
    const auto k = static_cast<std::size_t>(kind);
    auto& part = locator.part(kind);
    part.csv = std::make_unique<CsvTableFile>(kind, origin, "graph attribute " + embedded->key);
    part.csv->read(FileText(embedded->text), tables.table(kind), reporter, state.malformed[k], options);
    part.csv_rows = tables.table(kind).rows();
    state.read[k] = true;
  }
  if (!t.added_types.empty()) {
    Table& types = tables.types;
    if (types.present()) state.added_rows_from[static_cast<std::size_t>(TableKind::types)] = types.rows();
    if (!types.present()) {
      generated(TableKind::types, Table("types.csv", {"id", "description", "directed", "ongoing"}), nullptr);
      locator.part(TableKind::types).generated_column = {0, 1, 2, 3};
    }
    for (const auto& id : t.added_types) {
      add_row(types, added_type_cells(types.columns(), id, t.directed, origin));
      locator.part(TableKind::types).added_what.push_back("edge type '" + id + "'");
    }
    // Under a declared header that lacks a required column, the added rows are malformed too.
    if (const auto& csv = locator.part(TableKind::types).csv; csv && csv->missing_required())
      state.malformed[static_cast<std::size_t>(TableKind::types)].resize(types.rows(), 1);
  }
  tables.other_files = std::move(t.other_files);
  return check_normalised(origin, std::move(tables), locator, std::move(state), std::move(reporter), normalise, options.threads);
}

std::string header_record(const Table& table) {
  std::string out;
  std::vector<std::string_view> names(table.columns().begin(), table.columns().end());
  append_csv_record(out, names);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

Attributes table_attributes(const Dataset& d) {
  Attributes out{{actor_columns_key, header_record(d.actors_table())}, {relation_columns_key, header_record(d.relations_table())}};
  if (d.sources_table().present()) out.emplace_back(sources_key, canonical_csv(d.sources_table()));
  if (d.types_table().present()) out.emplace_back(types_key, canonical_csv(d.types_table()));
  if (d.blocs_table().present()) out.emplace_back(blocs_key, canonical_csv(d.blocs_table()));
  for (const DatasetFile& file : d.other_files()) {
    if (is_embeddable_text(file.bytes)) out.emplace_back(std::string(file_prefix) + file.name, file.bytes);
    else out.emplace_back(std::string(file_base64_prefix) + file.name, base64_encode(file.bytes));
  }
  return out;
}


// DOT and JSON write the relation id as the edge's `key`: a column of that name would be lost.
void refuse_key_column(const Dataset& d, const char* format) {
  if (d.relations_table().column("key"))
    throw Error(std::string(format) + " output: relations.csv has a column named 'key', which " + format +
                " uses for the relation id; rename the column");
}

// GraphML and JSON write every relation's resolved direction as actorgraph_directed.
void refuse_resolved_directed_column(const Dataset& d, const char* format) {
  if (d.relations_table().column(resolved_directed_key))
    throw Error(std::string(format) + " output: relations.csv has a column named '" + resolved_directed_key + "', which " + format +
                " uses for each relation's resolved direction; rename the column");
}
}  // namespace actorgraph::detail::exchange
