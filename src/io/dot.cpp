// DOT (Graphviz): reading through cgraph's values (detail/graphviz_read.hpp) into a GraphData,
// and writing a dataset (include/actorgraph/io/exchange.hpp, docs/EXCHANGE.md).
#include "actorgraph/io/exchange.hpp"

#include "actorgraph/io/csv.hpp"
#include "actorgraph/model/text.hpp"
#include "detail/graphviz.hpp"
#include "detail/graphviz_read.hpp"
#include "io/detail/graph_data.hpp"

#include <algorithm>
#include <cctype>

namespace actorgraph {
namespace detail::exchange {

namespace {

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
// Graphviz's line wrapping can put one there: cgraph's lexer takes a backslash before a line break
// for a line continuation and deletes both (seen with Graphviz 2.42; docs/EXCHANGE.md).
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
// backslashes halved (gv::unescape: cgraph's lexer unescapes only `\"` and keeps `\\` as two
// characters, so a writer that doubles every backslash reads back exactly this way).
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

}  // namespace

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

namespace {

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
}  // namespace

}  // namespace detail::exchange

using namespace detail::exchange;

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
}  // namespace actorgraph
