// What the graph exchange formats share (include/actorgraph/io/exchange.hpp, docs/EXCHANGE.md):
// a graph as read from any of them, the graph attributes that embed a dataset's tables, and the
// pieces of reading and writing each format's file uses (src/io/dot.cpp, graphml.cpp,
// node_link_json.cpp) or the mapping between graphs and tables (src/io/graph_tables.cpp).
#pragma once

#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/exchange.hpp"
#include "actorgraph/model/dataset.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actorgraph::detail::exchange {

using Attributes = std::vector<std::pair<std::string, std::string>>;

// The graph attributes that make a graph file a lossless copy of a dataset.
inline constexpr const char* actor_columns_key = "actorgraph_actor_columns";
inline constexpr const char* relation_columns_key = "actorgraph_relation_columns";
inline constexpr const char* sources_key = "actorgraph_sources";
inline constexpr const char* types_key = "actorgraph_types";
inline constexpr const char* blocs_key = "actorgraph_blocs";
// The dataset folder's other files (README.md, influence.csv...): one graph attribute per file,
// its text as is, or base64 when it is not text every format can hold.
inline constexpr std::string_view file_prefix = "actorgraph_file:";
inline constexpr std::string_view file_base64_prefix = "actorgraph_file_base64:";
// GraphML and JSON: every relation's resolved direction (its `directed` cell, else its type's
// default), for tools that do not know the types; derived, so not read back as a column.
inline constexpr const char* resolved_directed_key = "actorgraph_directed";

// Kind and type given to nodes and edges that name none.
inline constexpr const char* default_kind = "node";
inline constexpr const char* default_type = "link";

inline const std::string* find(const Attributes& attributes, std::string_view key) noexcept {
  for (const auto& [k, v] : attributes)
    if (k == key) return &v;
  return nullptr;
}
// ---------------------------------------------------------------------------------------------
// A graph as read from any format: attribute values as text, in file order.

struct GraphNode {
  std::string id;
  Attributes attributes;
  std::uint64_t line = 0, column = 0;  // of the element; 0: unknown (cgraph keeps no positions)
};

struct GraphEdge {
  std::string source, target;
  std::string key;  // DOT key (the edge's name), GraphML edge id, JSON link key; may be empty
  Attributes attributes;
  std::uint64_t line = 0, column = 0;
};

struct GraphData {
  std::string format;  // "dot", "graphml", "json": prefix of attributes renamed to avoid a clash
  bool directed = true;
  Attributes graph;
  std::vector<std::string> node_keys, edge_keys;  // every attribute name, in a stable order
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
};

inline void add_key(std::vector<std::string>& keys, const std::string& key) {
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
}
// Readers: the graph in a file's text; `origin` names the file in errors. Throw ParseError for
// text that is not DOT / XML / JSON, or not a graph in that format.
GraphData read_dot_graph(std::string_view text, const std::string& origin);
GraphData read_graphml_graph(std::string_view text, const std::string& origin);
GraphData read_json_graph(std::string_view text, const std::string& origin);
GraphData read_graph(std::string_view text, ExchangeFormat format, const std::string& origin);

// The graph as a dataset (graph_tables.cpp): its CSV texts, and the dataset checked, each
// diagnostic at the node, edge or graph attribute it comes from. Throw ParseError for an embedded
// file a folder cannot hold.
std::map<std::string, std::string> graph_dataset_files(const GraphData& g, const std::string& origin);
CheckResult check_graph(const GraphData& g, const std::string& origin, const LoadOptions& options = {});
// A parse error as the one diagnostic of a file that does not load.
Diagnostic parse_diagnostic(const ParseError& e);

// Writers (graph_tables.cpp): the graph attributes that embed the dataset's tables and other
// files, and the checks each format makes before writing.
std::string header_record(const Table& table);
Attributes table_attributes(const Dataset& d);
// Relation columns that are structure rather than attributes.
inline bool is_edge_structure(std::string_view column) { return column == "id" || column == "source" || column == "target"; }
void refuse_key_column(const Dataset& d, const char* format);
void refuse_resolved_directed_column(const Dataset& d, const char* format);

}  // namespace actorgraph::detail::exchange
