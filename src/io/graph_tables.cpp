// Between graphs and datasets (io/detail/graph_data.hpp): a GraphData as the tables of a dataset,
// checked by the one loader with each diagnostic mapped back to the node, edge or graph attribute
// it comes from; and a dataset's tables as graph attributes, for the writers.
#include "io/detail/graph_data.hpp"

#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/dataset_writer.hpp"
#include "actorgraph/model/relation_types.hpp"
#include "actorgraph/model/text.hpp"

#include <filesystem>
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

struct RowOrigin {
  std::uint64_t first_line;  // line of the generated CSV where the record starts
  std::string what;          // "node 'x'", "edge 'a' -> 'b' (r1)"
  std::uint64_t line;        // line in the graph file, 0 when unknown
};

struct GeneratedFile {
  std::string text;
  std::uint64_t lines = 0;  // lines written so far
  std::vector<RowOrigin> rows;
  std::string attribute;  // set when the file is a graph attribute's text, kept as is

  void add(const std::vector<std::string>& cells, std::string what = {}, std::uint64_t line = 0) {
    rows.push_back({lines + 1, std::move(what), line});
    std::vector<std::string_view> views(cells.begin(), cells.end());
    const std::size_t before = text.size();
    append_csv_record(text, views);
    lines += static_cast<std::uint64_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(before), text.end(), '\n'));
  }
};

struct Generated {
  std::map<std::string, GeneratedFile> files;
  std::map<std::string, std::string> texts() const {
    std::map<std::string, std::string> out;
    for (const auto& [name, file] : files) out.emplace(name, file.text);
    return out;
  }
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
void add_embedded_files(const GraphData& g, const std::string& origin, Generated& out) {
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
    if (out.files.count(name)) throw ParseError(origin, 0, 0, "graph attribute " + key + ": a second copy of file '" + name + "'");
    GeneratedFile& file = out.files[name];
    file.attribute = key;
    if (!base64) {
      file.text = value;
    } else if (auto bytes = base64_decode(value)) {
      file.text = std::move(*bytes);
    } else {
      throw ParseError(origin, 0, 0, "graph attribute " + key + ": not valid base64");
    }
  }
}

Generated generate_dataset(const GraphData& g, const std::string& origin) {
  Generated out;
  const std::string renamed_prefix = g.format + "_";

  // actors.csv
  {
    Columns columns = make_columns(g, actor_columns_key, {"id", "label", "kind"});
    auto node_column = [&](const std::string& key) { return key == "id" ? renamed_prefix + key : key; };
    for (const auto& key : g.node_keys) columns.add(node_column(key));
    for (const auto& node : g.nodes)
      for (const auto& [k, v] : node.attributes) columns.add(node_column(k));
    GeneratedFile& file = out.files["actors.csv"];
    file.add(columns.names);
    const auto kind = columns.index.find("kind");
    for (const auto& node : g.nodes) {
      std::vector<std::string> cells(columns.names.size());
      cells[columns.at("id")] = node.id;
      for (const auto& [k, v] : node.attributes) cells[columns.at(node_column(k))] = v;
      if (kind != columns.index.end() && cells[kind->second].empty()) cells[kind->second] = default_kind;
      file.add(cells, "node '" + node.id + "'", node.line);
    }
  }

  // relations.csv
  std::vector<std::string> used_types;
  {
    Columns columns = make_columns(g, relation_columns_key, {"id", "source", "target", "type"});
    auto edge_column = [&](const std::string& key) {
      return key == "id" || key == "source" || key == "target" ? renamed_prefix + key : key;
    };
    // Relation ids: the key, else an `id` attribute, else e1, e2... skipping ids taken.
    std::vector<std::string> ids(g.edges.size());
    std::vector<bool> id_from_attribute(g.edges.size(), false);
    std::unordered_set<std::string> taken;
    for (std::size_t i = 0; i < g.edges.size(); ++i) {
      ids[i] = g.edges[i].key;
      if (ids[i].empty())
        if (const std::string* id = find(g.edges[i].attributes, "id"); id && !id->empty()) {
          ids[i] = *id;
          id_from_attribute[i] = true;
        }
      if (!ids[i].empty()) taken.insert(ids[i]);
    }
    std::size_t counter = 0;
    for (auto& id : ids) {
      if (!id.empty()) continue;
      do id = "e" + std::to_string(++counter);
      while (taken.count(id));
    }
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

    GeneratedFile& file = out.files["relations.csv"];
    file.add(columns.names);
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
      file.add(cells, edge_description(g, edge.source, edge.target, ids[i]), edge.line);
    }
  }

  // sources.csv and blocs.csv: the graph attributes' text as is.
  for (const auto& [key, name] : {std::pair{sources_key, "sources.csv"}, std::pair{blocs_key, "blocs.csv"}})
    if (const std::string* text = find(g.graph, key); text && !text->empty()) {
      GeneratedFile& file = out.files[name];
      file.text = *text;
      file.attribute = key;
    }

  // types.csv: the declared types, plus every type used that is neither built in nor declared.
  {
    std::set<std::string, std::less<>> known;
    for (const auto& t : RelationTypes::builtins()) known.insert(t.id);
    const std::string* declared = find(g.graph, types_key);
    std::vector<std::string> header{"id", "description", "directed", "ongoing"};
    if (declared && !declared->empty()) {
      const auto records = parse_csv(*declared);
      if (!records.empty()) header = records.front();
      for (std::size_t r = 1; r < records.size(); ++r)
        if (!records[r].empty()) known.insert(records[r][0]);
    }
    std::vector<std::string> added;
    for (const auto& t : used_types)
      if (!known.count(t)) added.push_back(t);
    if (declared && !declared->empty() && added.empty()) {
      GeneratedFile& file = out.files["types.csv"];
      file.text = *declared;
      file.attribute = types_key;
    } else if (!added.empty() || (declared && !declared->empty())) {
      GeneratedFile& file = out.files["types.csv"];
      if (declared && !declared->empty()) {
        // The declared rows as they were, then the added ones.
        const auto records = parse_csv(*declared);
        for (std::size_t r = 0; r < records.size(); ++r)
          file.add(records[r], r == 0 ? std::string() : "graph attribute " + std::string(types_key) + ", row " + std::to_string(r), 0);
      } else {
        file.add(header);
      }
      const std::string description = "declared by actorgraph for the edges of " + fs::path(origin).filename().string();
      for (const auto& t : added) {
        std::vector<std::string> cells(header.size());
        for (std::size_t c = 0; c < header.size(); ++c) {
          if (header[c] == "id") cells[c] = t;
          else if (header[c] == "description") cells[c] = description;
          else if (header[c] == "directed") cells[c] = g.directed ? "true" : "false";
          else if (header[c] == "ongoing") cells[c] = "false";
        }
        file.add(cells, "edge type '" + t + "'", 0);
      }
    }
  }
  add_embedded_files(g, origin, out);
  return out;
}

// The loader's diagnostics, which name the generated CSV files, mapped back to the graph file.
Diagnostics map_diagnostics(const Diagnostics& diagnostics, const Generated& generated, const std::string& origin) {
  Diagnostics out;
  for (const auto& d : diagnostics) {
    Diagnostic mapped{origin, 0, 0, d.severity, d.message};
    bool found = false;
    for (const auto& [name, file] : generated.files) {
      if (d.file != origin + "/" + name) continue;
      found = true;
      if (!file.attribute.empty()) {
        mapped.message = "graph attribute " + file.attribute + (d.line ? ", line " + std::to_string(d.line) : std::string()) + ": " + d.message;
      } else {
        auto it = std::upper_bound(file.rows.begin(), file.rows.end(), d.line,
                                   [](std::uint64_t line, const RowOrigin& row) { return line < row.first_line; });
        if (it == file.rows.begin() || it - file.rows.begin() == 1 || d.line == 0) {
          mapped.message = name + " (converted): " + d.message;
        } else {
          const RowOrigin& row = *(it - 1);
          mapped.line = row.line;
          mapped.message = (row.what.empty() ? name : row.what) + ": " + d.message;
        }
      }
    }
    if (!found) mapped = d;
    out.push_back(std::move(mapped));
  }
  return out;
}

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
  return generate_dataset(g, origin).texts();
}

CheckResult check_graph(const GraphData& g, const std::string& origin) {
  const Generated generated = generate_dataset(g, origin);
  CheckResult result = check_dataset_files(origin, generated.texts());
  result.diagnostics = map_diagnostics(result.diagnostics, generated, origin);
  return result;
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
