// DOT, GraphML and node-link JSON exchange (include/actorgraph/io/exchange.hpp, docs/EXCHANGE.md).
//
// Reading goes format -> GraphData (nodes, edges, attributes as text) -> the CSV texts of a dataset
// folder -> load_dataset_files, the one validated loader; the loader's diagnostics are then mapped
// from the generated CSV back to the nodes and edges they came from. Writing goes straight from the
// dataset's tables.
#include "actorgraph/io/exchange.hpp"

#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/dataset_writer.hpp"
#include "actorgraph/io/output_file.hpp"
#include "actorgraph/io/text_file.hpp"
#include "actorgraph/model/relation_types.hpp"
#include "actorgraph/model/text.hpp"
#include "detail/graphviz.hpp"
#include "detail/graphviz_read.hpp"
#include "io/detail/exchange_json.hpp"
#include "io/detail/xml_tree.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace actorgraph {

namespace {

namespace fs = std::filesystem;
namespace gv = detail::gv;
namespace xml = detail::xml;
namespace json = detail::json;

using Attributes = std::vector<std::pair<std::string, std::string>>;

// The graph attributes that make a graph file a lossless copy of a dataset.
constexpr const char* actor_columns_key = "actorgraph_actor_columns";
constexpr const char* relation_columns_key = "actorgraph_relation_columns";
constexpr const char* sources_key = "actorgraph_sources";
constexpr const char* types_key = "actorgraph_types";
constexpr const char* blocs_key = "actorgraph_blocs";
// The dataset folder's other files (README.md, influence.csv...): one graph attribute per file,
// its text as is, or base64 when it is not text every format can hold.
constexpr std::string_view file_prefix = "actorgraph_file:";
constexpr std::string_view file_base64_prefix = "actorgraph_file_base64:";
// GraphML and JSON: every relation's resolved direction (its `directed` cell, else its type's
// default), for tools that do not know the types; derived, so not read back as a column.
constexpr const char* resolved_directed_key = "actorgraph_directed";

// Kind and type given to nodes and edges that name none.
constexpr const char* default_kind = "node";
constexpr const char* default_type = "link";

const std::string* find(const Attributes& attributes, std::string_view key) noexcept {
  for (const auto& [k, v] : attributes)
    if (k == key) return &v;
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// A graph as read from any format: attribute values as text, in file order.

struct GraphNode {
  std::string id;
  Attributes attributes;
  std::uint64_t line = 0;  // 0: unknown (cgraph keeps no positions)
};

struct GraphEdge {
  std::string source, target;
  std::string key;  // DOT key (the edge's name), GraphML edge id, JSON link key; may be empty
  Attributes attributes;
  std::uint64_t line = 0;
};

struct GraphData {
  std::string format;  // "dot", "graphml", "json": prefix of attributes renamed to avoid a clash
  bool directed = true;
  Attributes graph;
  std::vector<std::string> node_keys, edge_keys;  // every attribute name, in a stable order
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
};

void add_key(std::vector<std::string>& keys, const std::string& key) {
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
}

// ---------------------------------------------------------------------------------------------
// DOT, through cgraph.

// Graphviz's escString rules for labels: \n, \l and \r end a line (the justification is lost; a
// final one ends the last line and adds nothing), \N
// is the node's name; `\\` is one backslash (what actorgraph writes for a backslash). Other escapes
// (\G, \E, \T, \H) are kept as written.
std::string decode_label(std::string_view raw, std::string_view node_name) {
  if (raw == "\\N") return {};  // the default label: the id is shown
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 == raw.size()) {
      out += raw[i];
      continue;
    }
    const char e = raw[++i];
    if (e == '\\') out += '\\';
    else if (e == 'n' || e == 'l' || e == 'r') {
      if (i + 1 < raw.size()) out += '\n';  // a final line end draws no empty line
    }
    else if (e == 'N' && !node_name.empty()) out += node_name;
    else {
      out += '\\';
      out += e;
    }
  }
  return out;
}

// The text an HTML-like label shows: tags dropped (<br/> ends a line), entities decoded, runs of
// white space collapsed, lines trimmed.
std::string html_text(std::string_view html) {
  std::string flat;
  for (std::size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '<') {
      const std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string_view tag = html.substr(i + 1, end - i - 1);
      if (!tag.empty() && tag[0] == '/') tag.remove_prefix(1);
      std::string name;
      for (char t : tag) {
        if (!std::isalpha(static_cast<unsigned char>(t))) break;
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(t)));
      }
      if (name == "br") flat += '\n';
      else if (name == "tr" || name == "td") flat += ' ';
      i = end;
    } else if (c == '&') {
      const std::size_t semi = html.find(';', i);
      const std::string_view ref = semi == std::string_view::npos ? std::string_view() : html.substr(i + 1, semi - i - 1);
      std::string decoded;
      if (ref == "amp") decoded = "&";
      else if (ref == "lt") decoded = "<";
      else if (ref == "gt") decoded = ">";
      else if (ref == "quot") decoded = "\"";
      else if (ref == "apos") decoded = "'";
      else if (ref == "nbsp") decoded = " ";
      else if (ref.size() > 1 && ref[0] == '#') {
        const bool hex = ref[1] == 'x' || ref[1] == 'X';
        unsigned long cp = 0;
        try {
          cp = std::stoul(std::string(ref.substr(hex ? 2 : 1)), nullptr, hex ? 16 : 10);
        } catch (const std::exception&) {
          cp = 0;
        }
        if (cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) append_utf8(decoded, static_cast<char32_t>(cp));
      }
      if (decoded.empty() && ref != "nbsp") {
        flat += '&';
      } else {
        flat += decoded;
        i = semi;
      }
    } else {
      flat += (c == '\t' || c == '\r' || c == '\n') ? ' ' : c;
    }
  }
  // Collapse spaces and trim every line.
  std::string out;
  std::size_t line_start = 0;
  for (char c : flat) {
    if (c == '\n') {
      while (out.size() > line_start && out.back() == ' ') out.pop_back();
      out += '\n';
      line_start = out.size();
    } else if (c == ' ') {
      if (out.size() > line_start && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (out.size() > line_start && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// Values in a DOT file actorgraph wrote (it embeds the column headers): `\\` is a backslash and
// `\n` a line break, in every attribute, name and id, and `\%` at the start is a percent sign (a
// name or key cgraph would otherwise take as its own anonymous id, see dot_name); any other
// backslash is kept. Line breaks are
// written as `\n` because cgraph's lexer drops a real one standing alone between two escapes, and
// Graphviz's line wrapping can put one there (ENGINE-NOTES 2.4, docs/EXCHANGE.md).
std::string decode_actorgraph(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() && (raw[i + 1] == '\\' || raw[i + 1] == 'n')) {
      out += raw[++i] == 'n' ? '\n' : '\\';
      continue;
    }
    if (i == 0 && raw.size() > 1 && raw[0] == '\\' && raw[1] == '%') continue;  // `\%` at the start
    out += raw[i];
  }
  return out;
}

bool is_label_attribute(std::string_view name) {
  return name == "label" || name == "xlabel" || name == "headlabel" || name == "taillabel";
}

// A name, id or plain value: decoded as actorgraph wrote it (`ours`), else with its doubled
// backslashes halved (gv::unescape, ENGINE-NOTES 2.4).
std::string dot_text(const char* raw, bool ours) { return ours ? decode_actorgraph(raw) : gv::unescape(raw); }

// Appends an object's attributes: HTML-like labels become their text plus `label_html` (the raw
// HTML); in files actorgraph wrote (`ours`) every other value is decoded exactly (a label `\N`, the
// default Graphviz's tools add, is empty); otherwise text labels are decoded as Graphviz draws them
// and everything else has its doubled backslashes halved.
void read_dot_attributes(const std::vector<gv::DotAttribute>& attributes, std::string_view node_name, bool ours, Attributes& out,
                         std::vector<std::string>& keys) {
  for (const auto& [raw_name, raw, html] : attributes) {
    const std::string name = dot_text(raw_name.c_str(), ours);
    if (html) {
      if (name == "label") {
        out.emplace_back(name, html_text(raw));
        out.emplace_back("label_html", raw);
        add_key(keys, "label_html");
      } else {
        out.emplace_back(name, raw);
      }
    } else if (ours) {
      out.emplace_back(name, name == "label" && raw == "\\N" ? std::string() : decode_actorgraph(raw));
    } else if (is_label_attribute(name)) {
      out.emplace_back(name, decode_label(raw, node_name));
    } else {
      out.emplace_back(name, gv::unescape(raw));
    }
  }
}

// cgraph takes a name or edge key beginning with `%` for one of its own anonymous ids and renames
// it on reading (a node "%a" comes back as "%3", an edge key is dropped), so such a file cannot
// be read without losing ids. actorgraph writes them `\%` (dot_name). Throws at the first quoted
// string beginning with `%` when a node was `renamed`, else at the first such edge key, if any.
void refuse_percent_names(std::string_view text, const std::string& origin, bool renamed) {
  auto trimmed = [](std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
  };
  auto is_key_value = [&](std::size_t quote) {  // `key = "%...`
    std::string_view before = trimmed(text.substr(0, quote));
    if (!before.ends_with('=')) return false;
    before = trimmed(before.substr(0, before.size() - 1));
    if (!before.ends_with("key")) return false;
    before.remove_suffix(3);
    return before.empty() || !(std::isalnum(static_cast<unsigned char>(before.back())) || before.back() == '_');
  };
  std::size_t at = text.find("\"%");
  while (at != std::string_view::npos && !renamed && !is_key_value(at)) at = text.find("\"%", at + 1);
  if (at == std::string_view::npos && !renamed) return;
  std::uint64_t line = 0, column = 0;
  if (at != std::string_view::npos) LineIndex(text).locate(at + 1, line, column);
  const std::string what = renamed ? "a node name" : "an edge key";
  const std::string how = renamed ? "gives it another name" : "drops it";
  throw ParseError(origin, line, column,
                   what + " beginning with '%' cannot be read: Graphviz's DOT reader takes it for an anonymous id and " + how +
                       "; rename it, or write the '%' as '\\%' in a file with actorgraph's embedded tables");
}

GraphData read_dot_graph(std::string_view text, const std::string& origin) {
  // cgraph works on C strings and would cut a value at a NUL: refuse it, where it is.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    std::uint64_t line = 0, column = 0;
    LineIndex(text).locate(nul, line, column);
    throw ParseError(origin, line, column, "NUL byte in the file: a dataset cannot hold a NUL character; remove it");
  }
  const gv::DotGraph dot = gv::read_dot_graph(std::string(text), origin);
  GraphData g;
  g.format = "dot";
  g.directed = dot.directed;
  const bool ours = std::any_of(dot.graph_attributes.begin(), dot.graph_attributes.end(), [](const gv::DotAttribute& a) {
    return a.name == actor_columns_key || a.name == relation_columns_key;
  });

  for (const auto& [raw_name, raw, html] : dot.graph_attributes) {
    std::string name = dot_text(raw_name.c_str(), ours);
    // An embedded file may be empty; other empty graph attributes are absent.
    const bool file = name.compare(0, file_prefix.size(), file_prefix) == 0;
    if (!raw.empty() || file) g.graph.emplace_back(std::move(name), html ? raw : dot_text(raw.c_str(), ours));
  }

  for (const auto& raw_name : dot.node_attributes) {
    const std::string name = dot_text(raw_name.c_str(), ours);
    add_key(g.node_keys, name);
    if (name == "label") add_key(g.node_keys, "label_html");
  }
  const bool has_cluster_attribute = std::find(dot.node_attributes.begin(), dot.node_attributes.end(), "cluster") != dot.node_attributes.end();
  const std::string cluster_key = has_cluster_attribute ? "dot_cluster" : "cluster";
  if (std::any_of(dot.nodes.begin(), dot.nodes.end(), [](const gv::DotNode& n) { return n.cluster.has_value(); })) add_key(g.node_keys, cluster_key);

  std::vector<std::string> node_keys_used;
  for (const auto& n : dot.nodes)
    if (n.name[0] == '%') refuse_percent_names(text, origin, true);
  if (text.find("\"%") != std::string_view::npos) refuse_percent_names(text, origin, false);
  for (const auto& n : dot.nodes) {
    GraphNode node;
    node.id = dot_text(n.name.c_str(), ours);
    read_dot_attributes(n.attributes, node.id, ours, node.attributes, node_keys_used);
    if (n.cluster) node.attributes.emplace_back(cluster_key, gv::unescape(*n.cluster));
    g.nodes.push_back(std::move(node));
  }
  // label_html only when some label was HTML.
  if (std::find(node_keys_used.begin(), node_keys_used.end(), "label_html") == node_keys_used.end())
    g.node_keys.erase(std::remove(g.node_keys.begin(), g.node_keys.end(), "label_html"), g.node_keys.end());

  for (const auto& raw_name : dot.edge_attributes) add_key(g.edge_keys, dot_text(raw_name.c_str(), ours));
  std::vector<std::string> edge_keys_used;
  for (const auto& e : dot.edges) {
    GraphEdge edge;
    edge.source = dot_text(e.tail.c_str(), ours);
    edge.target = dot_text(e.head.c_str(), ours);
    if (e.key) edge.key = dot_text(e.key->c_str(), ours);
    read_dot_attributes(e.attributes, {}, ours, edge.attributes, edge_keys_used);
    g.edges.push_back(std::move(edge));
  }
  for (const auto& k : edge_keys_used) add_key(g.edge_keys, k);
  return g;
}

// ---------------------------------------------------------------------------------------------
// GraphML.

struct GraphmlKey {
  std::string name;  // attr.name, or the key's id when it has none
  std::string domain;  // for: node, edge, graph, all
  std::optional<std::string> fallback;  // <default>
  bool ignored = false;  // yFiles graphics and other keys without attr.name that carry markup
  std::string yfiles_type;
};

GraphData read_graphml_graph(std::string_view text, const std::string& origin) {
  const xml::Element root = xml::parse(text, origin);
  auto fail = [&](const xml::Element& at, const std::string& message) { throw ParseError(origin, at.line, at.column, message); };
  if (root.name != "graphml") fail(root, "expected a <graphml> root element, found <" + root.name + ">");

  GraphData g;
  g.format = "graphml";
  std::unordered_map<std::string, GraphmlKey> keys;
  std::vector<std::string> key_order;
  const xml::Element* graph = nullptr;
  for (const auto& child : root.children) {
    if (child.name == "key") {
      const std::string* id = child.attribute("id");
      if (!id) fail(child, "<key> without an id attribute");
      if (keys.count(*id)) fail(child, "duplicate <key id=\"" + *id + "\">");
      GraphmlKey key;
      const std::string* domain = child.attribute("for");
      key.domain = domain ? *domain : "all";
      if (const std::string* name = child.attribute("attr.name")) {
        key.name = *name;
      } else {
        key.name = *id;
        if (const std::string* y = child.attribute("yfiles.type")) {
          key.ignored = true;
          key.yfiles_type = *y;
        }
      }
      for (const auto& d : child.children)
        if (d.name == "default") key.fallback = d.text;
      keys.emplace(*id, key);
      key_order.push_back(*id);
    } else if (child.name == "graph") {
      if (graph) fail(child, "a second <graph>: one graph per file is supported");
      graph = &child;
    }
  }
  if (!graph) fail(root, "no <graph> element");
  const std::string* edgedefault = graph->attribute("edgedefault");
  if (edgedefault && *edgedefault != "directed" && *edgedefault != "undirected")
    fail(*graph, "edgedefault must be directed or undirected, found '" + *edgedefault + "'");
  g.directed = !edgedefault || *edgedefault == "directed";

  auto applies = [](const GraphmlKey& key, std::string_view domain) { return key.domain == domain || key.domain == "all"; };
  for (const auto& id : key_order) {
    const GraphmlKey& key = keys.at(id);
    if (key.ignored) continue;
    if (applies(key, "node")) add_key(g.node_keys, key.name);
    if (applies(key, "edge")) add_key(g.edge_keys, key.name);
  }

  // The <data> children of an element as attributes; defaults for keys it lacks.
  auto read_data = [&](const xml::Element& element, std::string_view domain, Attributes& out, std::string* yfiles_label) {
    std::set<std::string> seen;
    for (const auto& d : element.children) {
      if (d.name != "data") {
        if (d.name == "graph") fail(d, "nested graphs (a <graph> inside a <node>) are not supported");
        continue;
      }
      const std::string* key_id = d.attribute("key");
      if (!key_id) fail(d, "<data> without a key attribute");
      const auto it = keys.find(*key_id);
      if (it == keys.end()) fail(d, "<data key=\"" + *key_id + "\"> names no <key>");
      const GraphmlKey& key = it->second;
      if (key.ignored) {
        // yEd keeps a node's label inside its graphics: <y:NodeLabel>text</y:NodeLabel>.
        if (yfiles_label && yfiles_label->empty()) {
          std::vector<const xml::Element*> stack{&d};
          while (!stack.empty() && yfiles_label->empty()) {
            const xml::Element* e = stack.back();
            stack.pop_back();
            const std::string_view n = e->name;
            if (n.size() >= 9 && (n.substr(n.size() - 9) == "NodeLabel" || n.substr(n.size() - 9) == "EdgeLabel")) {
              *yfiles_label = e->text;
              while (!yfiles_label->empty() && (yfiles_label->back() == '\n' || yfiles_label->back() == ' ')) yfiles_label->pop_back();
            }
            for (auto c = e->children.rbegin(); c != e->children.rend(); ++c) stack.push_back(&*c);
          }
        }
        continue;
      }
      if (!d.children.empty())
        fail(d.children.front(), "element <" + d.children.front().name +
                                                   "> inside <data>: GraphML attribute values must be text");
      if (!seen.insert(key.name).second) fail(d, "a second <data> for '" + key.name + "'");
      out.emplace_back(key.name, d.text);
    }
    for (const auto& id : key_order) {
      const GraphmlKey& key = keys.at(id);
      if (!key.ignored && key.fallback && applies(key, domain) && !seen.count(key.name)) out.emplace_back(key.name, *key.fallback);
    }
  };

  read_data(*graph, "graph", g.graph, nullptr);
  bool yfiles_labels = false;
  for (const auto& child : graph->children) {
    if (child.name == "node") {
      GraphNode node;
      const std::string* id = child.attribute("id");
      if (!id) fail(child, "<node> without an id attribute");
      node.id = *id;
      node.line = child.line;
      std::string label;
      read_data(child, "node", node.attributes, &label);
      if (!label.empty() && !find(node.attributes, "label")) {
        node.attributes.emplace_back("label", label);
        yfiles_labels = true;
      }
      g.nodes.push_back(std::move(node));
    } else if (child.name == "edge") {
      GraphEdge edge;
      const std::string* source = child.attribute("source");
      const std::string* target = child.attribute("target");
      if (!source || !target) fail(child, std::string("<edge> without a ") + (source ? "target" : "source") + " attribute");
      edge.source = *source;
      edge.target = *target;
      if (const std::string* id = child.attribute("id")) edge.key = *id;
      edge.line = child.line;
      std::string label;
      read_data(child, "edge", edge.attributes, &label);
      if (!label.empty() && !find(edge.attributes, "label")) {
        edge.attributes.emplace_back("label", label);
        add_key(g.edge_keys, "label");
      }
      if (const std::string* directed = child.attribute("directed"); directed && !find(edge.attributes, "directed")) {
        if (*directed != "true" && *directed != "false")
          fail(child, "directed must be true or false, found '" + *directed + "'");
        edge.attributes.emplace_back("directed", *directed);
        add_key(g.edge_keys, "directed");
      }
      for (const char* port : {"sourceport", "targetport"})
        if (const std::string* value = child.attribute(port)) {
          edge.attributes.emplace_back(port, *value);
          add_key(g.edge_keys, port);
        }
      g.edges.push_back(std::move(edge));
    } else if (child.name == "hyperedge") {
      fail(child, "hyperedges are not supported (a relation links two actors)");
    }
  }
  if (yfiles_labels) add_key(g.node_keys, "label");
  return g;
}

// ---------------------------------------------------------------------------------------------
// Node-link JSON.

std::string json_text(const json::Value& v) {
  switch (v.kind) {
    case json::Value::Kind::null: return {};
    case json::Value::Kind::boolean:
    case json::Value::Kind::number:
    case json::Value::Kind::string: return v.text;
    default: {
      std::string out;
      json::append_compact(out, v);
      return out;
    }
  }
}

GraphData read_json_graph(std::string_view text, const std::string& origin) {
  json::Reader reader(text, origin);
  const json::Value root = reader.parse();
  auto line_of = [&](std::uint64_t offset) { return reader.line_of(offset); };
  using Kind = json::Value::Kind;
  if (root.kind != Kind::object)
    reader.fail(root.offset, std::string("expected an object with \"nodes\" and \"links\" (node-link format), found ") + json::kind_name(root.kind));

  GraphData g;
  g.format = "json";
  g.directed = false;  // as NetworkX's node_link_graph
  if (const json::Value* d = root.member("directed")) {
    if (d->kind != Kind::boolean) reader.fail(d->offset, std::string("\"directed\" must be true or false, found ") + json::kind_name(d->kind));
    g.directed = d->text == "true";
  }
  if (const json::Value* graph = root.member("graph")) {
    if (graph->kind != Kind::object) reader.fail(graph->offset, std::string("\"graph\" must be an object, found ") + json::kind_name(graph->kind));
    for (const auto& [k, v] : graph->members) g.graph.emplace_back(k, json_text(v));
  }
  auto id_text = [&](const json::Value& v, const char* what) {
    if (v.kind != Kind::string && v.kind != Kind::number)
      reader.fail(v.offset, std::string(what) + " must be a string or a number, found " + json::kind_name(v.kind));
    return v.text;
  };

  const json::Value* nodes = root.member("nodes");
  if (!nodes) reader.fail(root.offset, "no \"nodes\" array");
  if (nodes->kind != Kind::array) reader.fail(nodes->offset, std::string("\"nodes\" must be an array, found ") + json::kind_name(nodes->kind));
  for (const auto& item : nodes->items) {
    if (item.kind != Kind::object) reader.fail(item.offset, std::string("a node must be an object, found ") + json::kind_name(item.kind));
    const json::Value* id = item.member("id");
    if (!id) reader.fail(item.offset, "node without \"id\"");
    GraphNode node;
    node.id = id_text(*id, "\"id\"");
    node.line = line_of(item.offset);
    for (const auto& [k, v] : item.members) {
      if (k == "id") continue;
      node.attributes.emplace_back(k, json_text(v));
      add_key(g.node_keys, k);
    }
    g.nodes.push_back(std::move(node));
  }

  const json::Value* links = root.member("links");
  const json::Value* edges = root.member("edges");
  if (links && edges) reader.fail(edges->offset, "both \"links\" and \"edges\": give the edges once");
  if (!links) links = edges;
  if (!links) reader.fail(root.offset, "no \"links\" (or \"edges\") array");
  if (links->kind != Kind::array) reader.fail(links->offset, std::string("\"links\" must be an array, found ") + json::kind_name(links->kind));
  for (const auto& item : links->items) {
    if (item.kind != Kind::object) reader.fail(item.offset, std::string("a link must be an object, found ") + json::kind_name(item.kind));
    const json::Value* source = item.member("source");
    const json::Value* target = item.member("target");
    if (!source || !target) reader.fail(item.offset, std::string("link without \"") + (source ? "target" : "source") + "\"");
    GraphEdge edge;
    edge.source = id_text(*source, "\"source\"");
    edge.target = id_text(*target, "\"target\"");
    edge.line = line_of(item.offset);
    for (const auto& [k, v] : item.members) {
      if (k == "source" || k == "target") continue;
      if (k == "key") {
        edge.key = json_text(v);
        continue;
      }
      edge.attributes.emplace_back(k, json_text(v));
      add_key(g.edge_keys, k);
    }
    g.edges.push_back(std::move(edge));
  }
  return g;
}

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

GraphData read_graph(std::string_view text, ExchangeFormat format, const std::string& origin) {
  switch (format) {
    case ExchangeFormat::dot: return read_dot_graph(text, origin);
    case ExchangeFormat::graphml: return read_graphml_graph(text, origin);
    case ExchangeFormat::json: return read_json_graph(text, origin);
    case ExchangeFormat::folder: break;
  }
  throw Error("a dataset folder is not a graph file");
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

Diagnostic parse_diagnostic(const ParseError& e) {
  const std::string prefix = Diagnostic{e.file(), e.line(), e.column(), Severity::error, ""}.str();
  std::string message = e.what();
  if (message.compare(0, prefix.size(), prefix) == 0) message.erase(0, prefix.size());
  // cgraph appends the text after an unterminated string on further lines: keep the first.
  if (const auto nl = message.find('\n'); nl != std::string::npos) message.erase(nl);
  return Diagnostic{e.file(), e.line(), e.column(), Severity::error, message};
}

// ---------------------------------------------------------------------------------------------
// Writing.

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

// Relation columns that are structure rather than attributes.
bool is_edge_structure(std::string_view column) { return column == "id" || column == "source" || column == "target"; }

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

// A DOT id: bare when a plain ASCII identifier (not a keyword) or a simple numeral, else quoted
// with backslashes doubled, quotes escaped and line breaks written `\n` (decode_actorgraph reads
// them back; Graphviz draws `\n` in a label as a line break).
std::string dot_id(std::string_view s) {
  auto identifier = [&] {
    if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
    for (char c : s)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
    std::string lower(s);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower != "node" && lower != "edge" && lower != "graph" && lower != "digraph" && lower != "subgraph" && lower != "strict";
  };
  auto numeral = [&] {
    if (s.empty() || s.size() > 15) return false;
    std::size_t i = 0, dots = 0;
    for (; i < s.size(); ++i) {
      if (s[i] == '.') ++dots;
      else if (s[i] < '0' || s[i] > '9') return false;
    }
    return dots == 0 || (dots == 1 && s.front() != '.' && s.back() != '.');
  };
  if (identifier() || numeral()) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  out += '"';
  return out;
}

// A node name or edge key in a file that embeds its tables: as dot_id, except that a leading `%`
// is written `\%`. cgraph takes a name beginning with `%` for one of its own anonymous ids and
// gives the object another name on reading ("%a" comes back as "%3"; an edge key is dropped);
// decode_actorgraph turns `\%` back into `%`.
std::string dot_name(std::string_view s, bool embed_tables) {
  std::string out = dot_id(s);
  if (embed_tables && !s.empty() && s[0] == '%') out.insert(1, "\\");  // always quoted: '%' is no identifier
  return out;
}

// ` [name=value, ...]`; the first attribute is the edge key when `key_first` (see dot_name).
void append_dot_attributes(std::string& out, const std::vector<std::pair<std::string, std::string_view>>& attributes,
                           bool key_first = false) {
  if (attributes.empty()) return;
  out += " [";
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    if (i) out += ", ";
    out += dot_id(attributes[i].first);
    out += '=';
    out += i == 0 && key_first ? dot_name(attributes[i].second, true) : dot_id(attributes[i].second);
  }
  out += ']';
}

// XML text or attribute content; throws for the control characters XML 1.0 cannot hold.
void append_xml(std::string& out, std::string_view s, bool attribute) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\r': out += "&#13;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default:
        if (c < 0x20) {
          static constexpr char digits[] = "0123456789ABCDEF";
          throw Error(std::string("GraphML cannot hold the control character U+00") + digits[c >> 4] + digits[c & 15] +
                      " (XML 1.0 does not allow it); remove it from the dataset or convert to DOT or JSON");
        }
        out += ch;
    }
  }
}

}  // namespace

std::string_view format_name(ExchangeFormat format) noexcept {
  switch (format) {
    case ExchangeFormat::folder: return "folder";
    case ExchangeFormat::dot: return "dot";
    case ExchangeFormat::graphml: return "graphml";
    case ExchangeFormat::json: return "json";
  }
  return "folder";
}

namespace {
std::string to_upper_name(ExchangeFormat format) {
  switch (format) {
    case ExchangeFormat::dot: return "DOT";
    case ExchangeFormat::graphml: return "GraphML";
    case ExchangeFormat::json: return "JSON";
    case ExchangeFormat::folder: break;
  }
  return "folder";
}
}  // namespace

std::optional<ExchangeFormat> parse_exchange_format(std::string_view name) noexcept {
  if (name == "folder") return ExchangeFormat::folder;
  if (name == "dot" || name == "gv") return ExchangeFormat::dot;
  if (name == "graphml") return ExchangeFormat::graphml;
  if (name == "json") return ExchangeFormat::json;
  return std::nullopt;
}

ExchangeFormat exchange_format(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return ExchangeFormat::folder;
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".dot" || ext == ".gv") return ExchangeFormat::dot;
  if (ext == ".graphml") return ExchangeFormat::graphml;
  if (ext == ".json") return ExchangeFormat::json;
  if (ext.empty() && !fs::exists(path, ec)) return ExchangeFormat::folder;
  throw UsageError(path + ": unknown format" + (ext.empty() ? std::string() : " '" + ext + "'") +
                   " (expected a dataset folder or a .dot, .gv, .graphml or .json file)");
}

std::map<std::string, std::string> graph_to_dataset_files(std::string_view text, ExchangeFormat format, const std::string& origin) {
  return generate_dataset(read_graph(text, format, origin), origin).texts();
}

CheckResult check_dataset_text(std::string_view text, ExchangeFormat format, const std::string& origin) {
  Generated generated;
  try {
    generated = generate_dataset(read_graph(text, format, origin), origin);
  } catch (const ParseError& e) {
    CheckResult result;
    result.diagnostics.push_back(parse_diagnostic(e));
    return result;
  }
  CheckResult result = check_dataset_files(origin, generated.texts());
  result.diagnostics = map_diagnostics(result.diagnostics, generated, origin);
  return result;
}

CheckResult check_dataset_any(const std::string& path) {
  const ExchangeFormat format = exchange_format(path);
  if (format == ExchangeFormat::folder) return check_dataset(path);
  return check_dataset_text(read_text_file(path), format, path);
}

Dataset read_dataset_any(const std::string& path) {
  const ExchangeFormat format = exchange_format(path);
  if (format == ExchangeFormat::folder) return load_dataset(path);
  const std::string text = read_text_file(path);
  const Generated generated = generate_dataset(read_graph(text, format, path), path);
  CheckResult result = check_dataset_files(path, generated.texts());
  if (!result.dataset) throw DataError(map_diagnostics(result.diagnostics, generated, path));
  return std::move(*result.dataset);
}

std::string to_dot(const Dataset& d, const DotOptions& options) {
  const Table& actors = d.actors_table();
  const Table& relations = d.relations_table();
  const std::size_t n = d.actor_count();
  if (!options.actors.empty() && options.actors.size() != n)
    throw UsageError("DOT output: the actor selection has " + std::to_string(options.actors.size()) + " entries for " +
                     std::to_string(n) + " actors");
  if (!options.relations.empty() && options.relations.size() != d.relation_count())
    throw UsageError("DOT output: the relation selection has " + std::to_string(options.relations.size()) + " entries for " +
                     std::to_string(d.relation_count()) + " relations");
  for (const auto& [name, values] : options.node_attributes) {
    if (values.size() != n)
      throw UsageError("DOT output: node attribute '" + name + "' has " + std::to_string(values.size()) + " values for " +
                       std::to_string(n) + " actors");
    if (name == "id") throw UsageError("DOT output: a node attribute cannot be named 'id' (it is the node name)");
  }
  auto kept = [&](ActorId a) { return options.actors.empty() || options.actors[a]; };
  refuse_key_column(d, "DOT");

  std::string out = "digraph actorgraph {\n";
  if (options.embed_tables)
    for (const auto& [name, value] : table_attributes(d)) out.append("  ").append(dot_id(name)).append("=").append(dot_id(value)).append(";\n");

  std::vector<std::pair<std::string, std::string_view>> attributes;
  for (ActorId a = 0; a < n; ++a) {
    if (!kept(a)) continue;
    attributes.clear();
    for (std::size_t c = 1; c < actors.columns().size(); ++c) {
      const std::string& column = actors.columns()[c];
      std::string_view value = actors.cell(a, c);
      if (const auto it = options.node_attributes.find(column); it != options.node_attributes.end()) value = it->second[a];
      if (!value.empty()) attributes.emplace_back(column, value);
    }
    for (const auto& [name, values] : options.node_attributes)
      if (!actors.column(name) && !values[a].empty()) attributes.emplace_back(name, values[a]);
    out.append("  ").append(dot_name(d.actor_id(a), options.embed_tables));
    append_dot_attributes(out, attributes);
    out += ";\n";
  }
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    if (!kept(d.relation_source(r)) || !kept(d.relation_target(r))) continue;
    if (!options.relations.empty() && !options.relations[r]) continue;
    attributes.clear();
    attributes.emplace_back("key", d.relation_id(r));
    for (std::size_t c = 0; c < relations.columns().size(); ++c) {
      const std::string& column = relations.columns()[c];
      if (is_edge_structure(column) || relations.cell(r, c).empty()) continue;
      attributes.emplace_back(column, relations.cell(r, c));
    }
    out.append("  ").append(dot_name(d.actor_id(d.relation_source(r)), options.embed_tables));
    out.append(" -> ").append(dot_name(d.actor_id(d.relation_target(r)), options.embed_tables));
    append_dot_attributes(out, attributes, options.embed_tables);
    out += ";\n";
  }
  out += "}\n";
  return out;
}

std::string to_graphml(const Dataset& d) {
  const Table& actors = d.actors_table();
  const Table& relations = d.relations_table();
  refuse_resolved_directed_column(d, "GraphML");
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  std::size_t next_key = 0;
  auto declare = [&](const char* domain, const std::string& name, const char* type) {
    const std::string id = "d" + std::to_string(next_key++);
    out.append("  <key id=\"").append(id).append("\" for=\"").append(domain).append("\" attr.name=\"");
    append_xml(out, name, true);
    out.append("\" attr.type=\"").append(type).append("\"/>\n");
    return id;
  };
  auto data = [&](const char* indent, const std::string& key, std::string_view value) {
    out.append(indent).append("<data key=\"").append(key).append("\">");
    append_xml(out, value, false);
    out += "</data>\n";
  };

  const Attributes graph = table_attributes(d);
  std::vector<std::string> graph_keys, node_keys(actors.columns().size()), edge_keys(relations.columns().size());
  for (const auto& [name, value] : graph) graph_keys.push_back(declare("graph", name, "string"));
  for (std::size_t c = 1; c < actors.columns().size(); ++c) node_keys[c] = declare("node", actors.columns()[c], "string");
  for (std::size_t c = 0; c < relations.columns().size(); ++c)
    if (!is_edge_structure(relations.columns()[c]))
      edge_keys[c] = declare("edge", relations.columns()[c], relations.columns()[c] == "weight" ? "double" : "string");
  const std::string resolved_key = declare("edge", resolved_directed_key, "boolean");

  out += "  <graph id=\"G\" edgedefault=\"directed\">\n";
  for (std::size_t i = 0; i < graph.size(); ++i) data("    ", graph_keys[i], graph[i].second);
  for (ActorId a = 0; a < d.actor_count(); ++a) {
    out += "    <node id=\"";
    append_xml(out, d.actor_id(a), true);
    out += '"';
    bool open = false;
    for (std::size_t c = 1; c < actors.columns().size(); ++c) {
      if (actors.cell(a, c).empty()) continue;
      if (!open) out += ">\n";
      open = true;
      data("      ", node_keys[c], actors.cell(a, c));
    }
    out += open ? "    </node>\n" : "/>\n";
  }
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    out += "    <edge id=\"";
    append_xml(out, d.relation_id(r), true);
    out += "\" source=\"";
    append_xml(out, d.actor_id(d.relation_source(r)), true);
    out += "\" target=\"";
    append_xml(out, d.actor_id(d.relation_target(r)), true);
    out += '"';
    out += ">\n";
    for (std::size_t c = 0; c < relations.columns().size(); ++c)
      if (!edge_keys[c].empty() && !relations.cell(r, c).empty()) data("      ", edge_keys[c], relations.cell(r, c));
    data("      ", resolved_key, d.relation_directed(r) ? "true" : "false");
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

std::string to_json(const Dataset& d) {
  const Table& actors = d.actors_table();
  const Table& relations = d.relations_table();
  refuse_key_column(d, "JSON");
  refuse_resolved_directed_column(d, "JSON");
  std::string out = "{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": {";
  const Attributes graph = table_attributes(d);
  for (std::size_t i = 0; i < graph.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    append_json_string(out, graph[i].first);
    out += ": ";
    append_json_string(out, graph[i].second);
  }
  out += graph.empty() ? "},\n" : "\n  },\n";

  out += "  \"nodes\": [";
  for (ActorId a = 0; a < d.actor_count(); ++a) {
    out += a ? ",\n    {\"id\": " : "\n    {\"id\": ";
    append_json_string(out, d.actor_id(a));
    for (std::size_t c = 1; c < actors.columns().size(); ++c) {
      if (actors.cell(a, c).empty()) continue;
      out += ", ";
      append_json_string(out, actors.columns()[c]);
      out += ": ";
      append_json_string(out, actors.cell(a, c));
    }
    out += '}';
  }
  out += d.actor_count() ? "\n  ],\n" : "],\n";

  out += "  \"links\": [";
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    out += r ? ",\n    {\"source\": " : "\n    {\"source\": ";
    append_json_string(out, d.actor_id(d.relation_source(r)));
    out += ", \"target\": ";
    append_json_string(out, d.actor_id(d.relation_target(r)));
    out += ", \"key\": ";
    append_json_string(out, d.relation_id(r));
    for (std::size_t c = 0; c < relations.columns().size(); ++c) {
      const std::string& column = relations.columns()[c];
      const std::string_view value = relations.cell(r, c);
      if (is_edge_structure(column) || value.empty()) continue;
      out += ", ";
      append_json_string(out, column);
      out += ": ";
      if (column == "weight" && json::is_json_number(value)) out += value;
      else append_json_string(out, value);
    }
    out += ", \"";
    out += resolved_directed_key;
    out += d.relation_directed(r) ? "\": true}" : "\": false}";
  }
  out += d.relation_count() ? "\n  ]\n}\n" : "]\n}\n";
  return out;
}

std::vector<ExchangeLoss> exchange_losses(const Dataset& d, ExchangeFormat format) {
  std::vector<ExchangeLoss> out;
  const std::string target = format == ExchangeFormat::folder ? "a dataset folder" : "a " + to_upper_name(format) + " file";
  for (const std::string& name : d.other_entries())
    out.push_back({name, "it is a folder, a special file or unreadable, and " + target + " carries only the dataset's readable regular files"});
  return out;
}

std::string to_text(const Dataset& d, ExchangeFormat format) {
  switch (format) {
    case ExchangeFormat::dot: return to_dot(d);
    case ExchangeFormat::graphml: return to_graphml(d);
    case ExchangeFormat::json: return to_json(d);
    case ExchangeFormat::folder: break;
  }
  throw UsageError("a dataset folder is not a text format: give dot, graphml or json");
}

void write_dataset_any(const Dataset& d, const std::string& path, ExchangeFormat format) {
  if (format == ExchangeFormat::folder) {
    write_dataset(d, path);
    return;
  }
  write_file(path, to_text(d, format));
}

}  // namespace actorgraph
