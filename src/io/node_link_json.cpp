// Node-link JSON (NetworkX, D3): reading (io/detail/exchange_json.hpp) into a GraphData, and
// writing a dataset (include/actorgraph/io/exchange.hpp, docs/EXCHANGE.md).
#include "actorgraph/io/exchange.hpp"

#include "io/detail/exchange_json.hpp"
#include "io/detail/graph_data.hpp"

namespace actorgraph {
namespace detail::exchange {

namespace {

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

}  // namespace

GraphData read_json_graph(std::string_view text, const std::string& origin) {
  json::Reader reader(text, origin);
  const json::Value root = reader.parse();
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
    reader.locate(item.offset, node.line, node.column);
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
    reader.locate(item.offset, edge.line, edge.column);
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

}  // namespace detail::exchange

using namespace detail::exchange;
namespace json = detail::json;

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
}  // namespace actorgraph
