// GraphML: reading with Expat (io/detail/xml_tree.hpp) into a GraphData, and writing a dataset
// (include/actorgraph/io/exchange.hpp, docs/EXCHANGE.md).
#include "actorgraph/io/exchange.hpp"

#include "io/detail/graph_data.hpp"
#include "io/detail/xml_tree.hpp"

#include <optional>
#include <set>
#include <unordered_map>

namespace actorgraph {
namespace detail::exchange {

namespace {

struct GraphmlKey {
  std::string name;  // attr.name, or the key's id when it has none
  std::string domain;  // for: node, edge, graph, all
  std::optional<std::string> fallback;  // <default>
  bool ignored = false;  // yFiles graphics and other keys without attr.name that carry markup
  std::string yfiles_type;
};

// Reads one GraphML document's keys, graph, nodes and edges into GraphData; every refusal is a
// ParseError at the element's line and column.
class GraphmlReader {
 public:
  GraphmlReader(const xml::Element& root, const std::string& origin) : root_(root), origin_(origin) {}

  GraphData read() {
    if (root_.name != "graphml") fail(root_, "expected a <graphml> root element, found <" + root_.name + ">");
    g_.format = "graphml";
    const xml::Element& graph = read_keys();
    const std::string* edgedefault = graph.attribute("edgedefault");
    if (edgedefault && *edgedefault != "directed" && *edgedefault != "undirected")
      fail(graph, "edgedefault must be directed or undirected, found '" + *edgedefault + "'");
    g_.directed = !edgedefault || *edgedefault == "directed";
    for (const auto& id : key_order_) {
      const GraphmlKey& key = keys_.at(id);
      if (key.ignored) continue;
      if (applies(key, "node")) add_key(g_.node_keys, key.name);
      if (applies(key, "edge")) add_key(g_.edge_keys, key.name);
    }
    read_data(graph, "graph", g_.graph, nullptr);
    for (const auto& child : graph.children) {
      if (child.name == "node") read_node(child);
      else if (child.name == "edge") read_edge(child);
      else if (child.name == "hyperedge") fail(child, "hyperedges are not supported (a relation links two actors)");
    }
    if (yfiles_labels_) add_key(g_.node_keys, "label");
    return std::move(g_);
  }

 private:
  [[noreturn]] void fail(const xml::Element& at, const std::string& message) const {
    throw ParseError(origin_, at.line, at.column, message);
  }
  static bool applies(const GraphmlKey& key, std::string_view domain) { return key.domain == domain || key.domain == "all"; }

  // The <key> declarations, in order; returns the one <graph>.
  const xml::Element& read_keys() {
    const xml::Element* graph = nullptr;
    for (const auto& child : root_.children) {
      if (child.name == "key") {
        const std::string* id = child.attribute("id");
        if (!id) fail(child, "<key> without an id attribute");
        if (keys_.count(*id)) fail(child, "duplicate <key id=\"" + *id + "\">");
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
        keys_.emplace(*id, key);
        key_order_.push_back(*id);
      } else if (child.name == "graph") {
        if (graph) fail(child, "a second <graph>: one graph per file is supported");
        graph = &child;
      }
    }
    if (!graph) fail(root_, "no <graph> element");
    return *graph;
  }

  // yEd keeps a node's or edge's label inside its graphics: <y:NodeLabel>text</y:NodeLabel>.
  static std::string yfiles_label(const xml::Element& data) {
    std::string label;
    std::vector<const xml::Element*> stack{&data};
    while (!stack.empty() && label.empty()) {
      const xml::Element* e = stack.back();
      stack.pop_back();
      const std::string_view n = e->name;
      if (n.size() >= 9 && (n.substr(n.size() - 9) == "NodeLabel" || n.substr(n.size() - 9) == "EdgeLabel")) {
        label = e->text;
        while (!label.empty() && (label.back() == '\n' || label.back() == ' ')) label.pop_back();
      }
      for (auto c = e->children.rbegin(); c != e->children.rend(); ++c) stack.push_back(&*c);
    }
    return label;
  }

  // The <data> children of an element as attributes; defaults for keys it lacks.
  void read_data(const xml::Element& element, std::string_view domain, Attributes& out, std::string* label) {
    std::set<std::string> seen;
    for (const auto& d : element.children) {
      if (d.name != "data") {
        if (d.name == "graph") fail(d, "nested graphs (a <graph> inside a <node>) are not supported");
        continue;
      }
      const std::string* key_id = d.attribute("key");
      if (!key_id) fail(d, "<data> without a key attribute");
      const auto it = keys_.find(*key_id);
      if (it == keys_.end()) fail(d, "<data key=\"" + *key_id + "\"> names no <key>");
      const GraphmlKey& key = it->second;
      if (key.ignored) {
        if (label && label->empty()) *label = yfiles_label(d);
        continue;
      }
      if (!d.children.empty())
        fail(d.children.front(), "element <" + d.children.front().name + "> inside <data>: GraphML attribute values must be text");
      if (!seen.insert(key.name).second) fail(d, "a second <data> for '" + key.name + "'");
      out.emplace_back(key.name, d.text);
    }
    for (const auto& id : key_order_) {
      const GraphmlKey& key = keys_.at(id);
      if (!key.ignored && key.fallback && applies(key, domain) && !seen.count(key.name)) out.emplace_back(key.name, *key.fallback);
    }
  }

  void read_node(const xml::Element& child) {
    GraphNode node;
    const std::string* id = child.attribute("id");
    if (!id) fail(child, "<node> without an id attribute");
    node.id = *id;
    node.line = child.line;
    node.column = child.column;
    std::string label;
    read_data(child, "node", node.attributes, &label);
    if (!label.empty() && !find(node.attributes, "label")) {
      node.attributes.emplace_back("label", label);
      yfiles_labels_ = true;
    }
    g_.nodes.push_back(std::move(node));
  }

  void read_edge(const xml::Element& child) {
    GraphEdge edge;
    const std::string* source = child.attribute("source");
    const std::string* target = child.attribute("target");
    if (!source || !target) fail(child, std::string("<edge> without a ") + (source ? "target" : "source") + " attribute");
    edge.source = *source;
    edge.target = *target;
    if (const std::string* id = child.attribute("id")) edge.key = *id;
    edge.line = child.line;
    edge.column = child.column;
    std::string label;
    read_data(child, "edge", edge.attributes, &label);
    if (!label.empty() && !find(edge.attributes, "label")) {
      edge.attributes.emplace_back("label", label);
      add_key(g_.edge_keys, "label");
    }
    if (const std::string* directed = child.attribute("directed"); directed && !find(edge.attributes, "directed")) {
      if (*directed != "true" && *directed != "false") fail(child, "directed must be true or false, found '" + *directed + "'");
      edge.attributes.emplace_back("directed", *directed);
      add_key(g_.edge_keys, "directed");
    }
    for (const char* port : {"sourceport", "targetport"})
      if (const std::string* value = child.attribute(port)) {
        edge.attributes.emplace_back(port, *value);
        add_key(g_.edge_keys, port);
      }
    g_.edges.push_back(std::move(edge));
  }

  const xml::Element& root_;
  const std::string& origin_;
  GraphData g_;
  std::unordered_map<std::string, GraphmlKey> keys_;
  std::vector<std::string> key_order_;
  bool yfiles_labels_ = false;
};

}  // namespace

GraphData read_graphml_graph(std::string_view text, const std::string& origin) {
  const xml::Element root = xml::parse(text, origin);
  return GraphmlReader(root, origin).read();
}

}  // namespace detail::exchange

namespace {

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

using namespace detail::exchange;

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
}  // namespace actorgraph
