#include "actorgraph/render/diagram.hpp"
#include "actorgraph/format.hpp"

#include "actorgraph/model/text.hpp"

#include "actorgraph/error.hpp"
#include "detail/graphviz.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <tuple>

namespace actorgraph {

namespace gv = detail::gv;

namespace {

constexpr const char* font = "DejaVu Sans";  // installed with Graphviz on Debian; has Cyrillic and Tajik letters

// Graphviz sizes and font sizes: two decimals at most, trailing zeros dropped.
std::string number(double value) { return trimmed_number(value, 2); }

// Text for an HTML-like label: XML-escaped, line breaks as <br/>.
std::string html_text(std::string_view s) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == '\n' || s[i] == '\r') {  // a carriage return is dropped
      out += xml_escape(s.substr(from, i - from));
      if (i < s.size() && s[i] == '\n') out += "<br/>";
      from = i + 1;
    }
  return out;
}

// Percent-encodes the bytes a URL may not contain (RFC 3986, 2.1), so that Graphviz, which writes
// URLs into SVG as they are, produces well-formed XML, and the link still points to the same place.
std::string url_text(std::string_view url) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : url) {
    const auto u = static_cast<unsigned char>(ch);
    if (u <= 0x20 || u >= 0x7F || ch == '"' || ch == '<' || ch == '>' || ch == '\\' || ch == '^' || ch == '`' ||
        ch == '{' || ch == '|' || ch == '}') {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

// One relation's citation: what it claims, when, and on whose word.
std::string citation(const Dataset& d, RelationId r) {
  std::string out = std::string(d.relation_id(r)) + " · " + d.types()[d.relation_type(r)].id;
  if (const std::string dates = relation_dates(d, r); !dates.empty()) out += " · " + dates;
  out += "\n";
  out.append(d.actor_label(d.relation_source(r))).append(d.relation_directed(r) ? " → " : " — ").append(d.actor_label(d.relation_target(r)));
  for (SourceId s : d.relation_sources(r)) {
    out.append("\n").append(d.source_id(s));
    const auto title = d.source_field(s, "title"), publisher = d.source_field(s, "publisher"), date = d.source_field(s, "date");
    if (!title.empty()) out.append(": ").append(title);
    if (!publisher.empty() || !date.empty())
      out.append(" (").append(publisher).append(publisher.empty() || date.empty() ? "" : ", ").append(date).append(")");
  }
  if (const auto quote = d.relation_field(r, "quote"); !quote.empty()) out.append("\n“").append(quote).append("”");
  return out;
}

// "2001", "2001–2005", "2001–" (still active); "" when no relation is dated.
std::string years(const Dataset& d, const std::vector<RelationId>& relations) {
  int first = 0, last = 0;
  bool open = false, any = false;
  for (RelationId r : relations) {
    const auto& start = d.relation_start(r);
    if (start.empty()) continue;
    const int end_year = d.relation_end(r).empty() ? start.year() : d.relation_end(r).year();
    if (!any || start.year() < first) first = start.year();
    if (!any || end_year > last) last = end_year;
    open = open || d.relation_extent(r).last == Extent::open;
    any = true;
  }
  if (!any) return {};
  if (open) return std::to_string(first) + "–";
  return first == last ? std::to_string(first) : std::to_string(first) + "–" + std::to_string(last);
}

// A glyph that looks like a node shape, for the legend; "" when there is none in DejaVu Sans.
std::string shape_glyph(const std::string& shape, const std::string& peripheries, const std::string& style) {
  if (style.find("dashed") != std::string::npos && (shape == "ellipse" || shape == "oval" || shape == "circle")) return "◌";
  if (peripheries == "2" && (shape == "box" || shape == "rect" || shape == "square")) return "▣";
  if (peripheries == "2" && (shape == "ellipse" || shape == "oval" || shape == "circle")) return "◎";
  if (peripheries == "2" && shape == "hexagon") return "⬢";
  static const std::map<std::string, std::string> glyphs = {
      {"box", "□"},      {"rect", "□"},         {"rectangle", "▭"}, {"square", "□"},  {"hexagon", "⬡"},
      {"pentagon", "⬠"}, {"house", "⌂"},        {"Msquare", "⊡"},   {"ellipse", "◯"}, {"oval", "◯"},
      {"circle", "○"},   {"doublecircle", "◎"}, {"diamond", "◇"},   {"triangle", "△"}, {"invtriangle", "▽"},
      {"parallelogram", "▱"}, {"box3d", "❒"},   {"star", "☆"},      {"point", "•"},
      {"note", "▤"}};
  const auto it = glyphs.find(shape);
  return it == glyphs.end() ? std::string() : it->second;
}

// A short line in the edge's colour and style, for the legend.
std::string line_glyph(const StyleAttributes& a) {
  const auto get = [&](const char* k) {
    const auto it = a.find(k);
    return it == a.end() ? std::string() : it->second;
  };
  const std::string style = get("style");
  const std::string width = get("penwidth");
  const bool heavy = style.find("bold") != std::string::npos || (!width.empty() && std::atof(width.c_str()) >= 2.5);
  const char* unit = heavy ? "━" : "─";
  if (style.find("dashed") != std::string::npos) unit = heavy ? "╍" : "╌";
  if (style.find("dotted") != std::string::npos) unit = heavy ? "┅" : "┄";
  std::string line;
  for (int i = 0; i < 4; ++i) line += unit;
  return line;
}

std::string attribute(const StyleAttributes& a, const std::string& name, const std::string& fallback = {}) {
  const auto it = a.find(name);
  return it == a.end() ? fallback : it->second;
}

std::string dataset_name(const Dataset& d) {
  std::filesystem::path p(d.path());
  if (!p.has_filename()) p = p.parent_path();  // "small/"
  std::string name = p.filename().string();
  return name.empty() ? d.path() : name;
}

// The drawing grows roughly with the square root of the number of actors; the title and legend
// grow with it (up to 4×) so that they stay readable when the whole picture is shown on a screen.
double legend_scale(std::size_t actors) {
  return std::clamp(std::sqrt(static_cast<double>(actors) / 25.0), 1.0, 4.0);
}

bool draws_clusters(const std::string& layout) { return layout == "dot" || layout == "fdp"; }

struct Edge {
  Vertex tail, head;
  bool directed;
  TypeId type;
  std::vector<RelationId> relations;
};

// Everything decided before Graphviz is called: which actors and relations, in which order.
struct Plan {
  std::string layout;
  std::vector<Vertex> vertices;          // drawn, in vertex order
  std::vector<std::size_t> bloc_of;      // by vertex: first bloc it belongs to, or blocs().size()
  std::vector<Edge> edges;
};

Plan make_plan(const Network& n, const DiagramOptions& o) {
  const Dataset& d = n.dataset();
  Plan plan;
  std::vector<std::uint8_t> drawn(n.vertex_bound(), o.vertices.empty() ? 1 : 0);
  for (Vertex v : o.vertices) {
    if (!n.contains(v)) throw UsageError("vertex " + std::to_string(v) + " is not in the network");
    drawn[v] = 1;
  }
  for (const Vertex v : n.vertices())
    if (drawn[v]) plan.vertices.push_back(v);
  if (!o.size_by.empty() && o.size_by.size() != n.vertex_bound())
    throw UsageError("size_by has " + std::to_string(o.size_by.size()) + " scores for a dataset of " +
                     std::to_string(n.vertex_bound()) + " actors");

  static const std::vector<std::string> layouts = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};
  plan.layout = o.layout;
  if (plan.layout.empty()) {
    plan.layout = automatic_layout(plan.vertices.size());
    if (o.clusters && !draws_clusters(plan.layout)) plan.layout = "fdp";
  }
  if (std::find(layouts.begin(), layouts.end(), plan.layout) == layouts.end())
    throw UsageError("unknown layout '" + plan.layout + "' (dot, neato, fdp, sfdp, circo or twopi)");
  if (o.layout_seed < 1 || o.layout_seed > max_layout_seed)
    throw UsageError("layout seed " + std::to_string(o.layout_seed) + " is out of range: Graphviz takes a seed from 1 to " +
                     std::to_string(max_layout_seed));
  if (o.clusters && !draws_clusters(plan.layout))
    throw UsageError("clusters are drawn by the dot and fdp layouts only, not " + plan.layout);

  plan.bloc_of.assign(n.vertex_bound(), d.blocs().size());
  for (std::size_t b = d.blocs().size(); b-- > 0;)
    for (ActorId a : d.blocs()[b].members)
      if (n.contains(a)) plan.bloc_of[a] = b;

  // Each link once, by its endpoints, in link order (links are numbered in endpoint order).
  std::vector<std::pair<Vertex, Vertex>> ends(n.link_count(), {Network::none, Network::none});
  for (const Vertex v : n.vertices())
    for (const Link& l : n.out_links(v))
      if (n.directed() || v < l.other) ends[l.id] = {v, l.other};
  for (std::uint32_t id = 0; id < n.link_count(); ++id) {
    const auto [u, v] = ends[id];
    if (u == Network::none || !drawn[u] || !drawn[v]) continue;
    std::map<std::pair<TypeId, bool>, std::size_t> group;  // merged edges of this link
    const std::size_t first_edge = plan.edges.size();
    for (RelationId r : n.evidence(id)) {
      const bool directed = n.directed() && d.relation_directed(r);
      // An undirected relation between two actors gives the links u→v and v→u: draw it once.
      if (n.directed() && !directed && u > v) continue;
      if (o.separate) {
        plan.edges.push_back({u, v, directed, d.relation_type(r), {r}});
        continue;
      }
      const auto key = std::make_pair(d.relation_type(r), directed);
      if (const auto it = group.find(key); it != group.end()) {
        plan.edges[it->second].relations.push_back(r);
      } else {
        group[key] = plan.edges.size();
        plan.edges.push_back({u, v, directed, d.relation_type(r), {r}});
      }
    }
    if (!o.separate)
      std::stable_sort(plan.edges.begin() + static_cast<std::ptrdiff_t>(first_edge), plan.edges.end(),
                       [](const Edge& a, const Edge& b) { return std::tie(a.type, a.directed) < std::tie(b.type, b.directed); });
  }
  return plan;
}

// One section of the legend: a heading and rows of (symbol, meaning), both HTML cell contents; a
// symbol "swatch:COLOUR" is drawn as a filled box.
struct LegendSection {
  std::string heading;
  std::vector<std::pair<std::string, std::string>> rows;
};

// The subtitle: the slice, the selection, as of when (the option, else the latest date drawn), and
// how many actors and relations are drawn.
std::string subtitle(const Dataset& d, const DiagramOptions& o, const Plan& plan) {
  std::string as_of = o.as_of;
  if (as_of.empty()) {
    std::optional<PartialDate> latest;
    for (const Edge& e : plan.edges)
      for (RelationId r : e.relations)
        for (const PartialDate* p : {&d.relation_start(r), &d.relation_end(r)})
          if (!p->empty() && (!latest || *latest < *p)) latest = *p;
    if (latest) as_of = latest->str();
  }
  std::string text = o.slice.empty() ? "whole dataset" : o.slice;
  if (!o.selection.empty()) text += "; " + o.selection;
  if (!as_of.empty()) text += "; as of " + as_of;
  text += "; " + std::to_string(plan.vertices.size()) + (plan.vertices.size() == 1 ? " actor, " : " actors, ");
  std::size_t relations = 0;
  for (const Edge& e : plan.edges) relations += e.relations.size();
  return text + std::to_string(relations) + (relations == 1 ? " relation" : " relations");
}

// The kinds drawn, by name, each with its shape and count.
LegendSection kind_legend(const Dataset& d, const DiagramOptions& o, const Plan& plan, double scale) {
  std::vector<std::size_t> kind_count(d.kinds().size(), 0);
  for (Vertex v : plan.vertices) ++kind_count[d.actor_kind(v)];
  std::vector<KindId> kinds;
  for (KindId k = 0; k < d.kinds().size(); ++k)
    if (kind_count[k] > 0) kinds.push_back(k);
  std::sort(kinds.begin(), kinds.end(), [&](KindId a, KindId b) { return d.kind_name(a) < d.kind_name(b); });
  LegendSection section{"Actor kinds", {}};
  for (KindId k : kinds) {
    const StyleAttributes look = o.style.kind(d.kind_name(k));
    const std::string shape = attribute(look, "shape");
    const std::string glyph = shape_glyph(shape, attribute(look, "peripheries"), attribute(look, "style"));
    section.rows.emplace_back(glyph.empty() ? "<i>" + html_text(shape) + "</i>" : "<font point-size=\"" + number(14 * scale) + "\">" + glyph + "</font>",
                              html_text(d.kind_name(k)) + " (" + std::to_string(kind_count[k]) + ")");
  }
  return section;
}

// The blocs drawn, each with its fill ("no bloc" when some drawn actors have none).
LegendSection bloc_legend(const Dataset& d, const Plan& plan, const std::vector<StyleAttributes>& bloc_style) {
  std::vector<std::size_t> bloc_count(d.blocs().size() + 1, 0);
  for (Vertex v : plan.vertices) ++bloc_count[plan.bloc_of[v]];
  LegendSection section{"Blocs", {}};
  for (std::size_t b = 0; b < d.blocs().size(); ++b) {
    if (bloc_count[b] == 0) continue;
    const Bloc& bloc = d.blocs()[b];
    std::string name = bloc.id;
    if (const auto lead = d.actor_label(bloc.lead); lead != bloc.id) name += " (" + std::string(lead) + ")";
    section.rows.emplace_back("swatch:" + attribute(bloc_style[b], "fillcolor", "white"), html_text(name));
  }
  if (!section.rows.empty() && bloc_count.back() > 0) section.rows.emplace_back("swatch:white", "no bloc");
  return section;
}

// The relation types drawn, each with its line; what arrows and "×N" mean when they appear.
LegendSection type_legend(const Dataset& d, const DiagramOptions& o, const Plan& plan, const std::vector<StyleAttributes>& type_style,
                          double scale) {
  std::vector<std::uint8_t> type_drawn(d.types().size(), 0);
  bool merged = false, directed = false, undirected = false;
  for (const Edge& e : plan.edges) {
    type_drawn[e.type] = 1;
    merged = merged || e.relations.size() > 1;
    (e.directed ? directed : undirected) = true;
  }
  LegendSection section{"Relations", {}};
  for (TypeId t = 0; t < d.types().size(); ++t) {
    if (!type_drawn[t]) continue;
    section.rows.emplace_back("<font color=\"" + html_text(attribute(type_style[t], "color", "black")) + "\" point-size=\"" +
                                  number(13 * scale) + "\">" + line_glyph(type_style[t]) + "</font>",
                              html_text(d.types()[t].id));
  }
  if (directed && undirected) section.rows.emplace_back("──▸", "directed: acting actor → actor acted upon");
  if (merged && o.count_labels) section.rows.emplace_back("×N", "N relations merged");
  return section;
}

// One flat table, a pair of columns per section (symbol, meaning), so that rows line up and no
// section is stretched to the height of the longest.
std::string legend_table(const std::vector<LegendSection>& sections, double scale) {
  std::size_t height = 0;
  for (const auto& s : sections) height = std::max(height, s.rows.size());
  std::string legend = "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\"><tr>";
  for (std::size_t i = 0; i < sections.size(); ++i)
    legend += std::string(i ? "<td width=\"" + number(24 * scale) + "\"></td>" : "") + "<td align=\"left\" colspan=\"2\"><b>" + sections[i].heading + "</b></td>";
  legend += "</tr>";
  for (std::size_t r = 0; r < height; ++r) {
    legend += "<tr>";
    for (std::size_t i = 0; i < sections.size(); ++i) {
      if (i) legend += "<td></td>";
      if (r >= sections[i].rows.size()) {
        legend += "<td></td><td></td>";
        continue;
      }
      const auto& [symbol, meaning] = sections[i].rows[r];
      if (symbol.rfind("swatch:", 0) == 0)
        legend += "<td border=\"1\" bgcolor=\"" + html_text(symbol.substr(7)) + "\" width=\"" + number(22 * scale) + "\" height=\"" +
                  number(12 * scale) + "\" fixedsize=\"true\"></td>";
      else
        legend += "<td align=\"center\">" + symbol + "</td>";
      legend += "<td align=\"left\">" + meaning + "</td>";
    }
    legend += "</tr>";
  }
  return legend + "</table>";
}

// The title and legend: what is drawn, from which slice, as of when, and what shapes, colours and
// lines mean. Only kinds, blocs and types that appear in the diagram are listed.
std::string title_and_legend(const Network& n, const DiagramOptions& o, const Plan& plan,
                             const std::vector<StyleAttributes>& bloc_style, const std::vector<StyleAttributes>& type_style) {
  const Dataset& d = n.dataset();
  std::string html = "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\">";
  const double scale = legend_scale(plan.vertices.size());
  if (o.title) {
    html += "<tr><td align=\"left\"><font point-size=\"" + number(16 * scale) + "\"><b>" +
            html_text(o.dataset.empty() ? dataset_name(d) : o.dataset) + "</b></font></td></tr>";
    html += "<tr><td align=\"left\">" + html_text(subtitle(d, o, plan)) + "</td></tr>";
  }
  if (!o.legend) return html + "</table>";
  std::vector<LegendSection> sections{kind_legend(d, o, plan, scale), bloc_legend(d, plan, bloc_style),
                                      type_legend(d, o, plan, type_style, scale)};
  if (!o.size_by.empty()) sections.push_back({"Node size", {{"", html_text(o.size_measure.empty() ? "score" : o.size_measure)}}});
  std::erase_if(sections, [](const LegendSection& s) { return s.rows.empty(); });
  if (sections.empty()) return html + "</table>";
  html += "<tr><td align=\"left\">" + legend_table(sections, scale) + "</td></tr>";
  return html + "</table>";
}

// The drawn actors as nodes, in vertex order: shape by kind, fill by bloc, size by score, tooltip.
void add_nodes(gv::Drawing& drawing, const Network& n, const DiagramOptions& o, const Plan& plan,
               const std::vector<StyleAttributes>& bloc_style) {
  const Dataset& d = n.dataset();
  double max_score = 0;
  if (!o.size_by.empty())
    for (Vertex v : plan.vertices)
      if (std::isfinite(o.size_by[v])) max_score = std::max(max_score, o.size_by[v]);

  for (const Vertex v : plan.vertices) {
    const ActorId a = v;  // vertices are actor numbers
    gv::Drawing::Node& node = drawing.nodes.emplace_back();
    node.name = d.actor_id(a);
    StyleAttributes na = o.style.kind(d.kind_name(d.actor_kind(a)));
    const std::size_t b = plan.bloc_of[v];
    if (b < d.blocs().size())
      for (const auto& [name, value] : bloc_style[b]) na[name] = value;
    if (const auto it = na.find("style"); it != na.end() && it->second.find("filled") == std::string::npos)
      it->second += ",filled";
    node.attributes.emplace_back("label", d.actor_label(a));
    node.attributes.insert(node.attributes.end(), na.begin(), na.end());

    std::string tooltip = std::string(d.actor_label(a)) + " (" + std::string(d.actor_id(a)) + ")\nkind: " + d.kind_name(d.actor_kind(a));
    if (b < d.blocs().size()) tooltip += "\nbloc: " + d.blocs()[b].id;
    if (!o.size_by.empty()) {
      tooltip += "\n" + (o.size_measure.empty() ? std::string("score") : o.size_measure) + ": " + significant_number(o.size_by[v], 6);
      const double s = max_score > 0 && std::isfinite(o.size_by[v]) ? std::sqrt(std::max(0.0, o.size_by[v]) / max_score) : 0;
      node.attributes.emplace_back("width", number(0.6 + 1.4 * s));
      node.attributes.emplace_back("height", number(0.35 + 0.65 * s));
      if (o.font_size <= 0) node.attributes.emplace_back("fontsize", number(9 + 9 * s));
    }
    node.attributes.emplace_back("tooltip", std::move(tooltip));
  }
}

// A dashed box around each bloc's drawn members, in blocs.csv order.
void add_clusters(gv::Drawing& drawing, const Network& n, const Plan& plan, const std::vector<StyleAttributes>& bloc_style) {
  const Dataset& d = n.dataset();
  for (std::size_t b = 0; b < d.blocs().size(); ++b) {
    gv::Drawing::Cluster cluster;
    for (std::size_t node = 0; node < plan.vertices.size(); ++node)
      if (plan.bloc_of[plan.vertices[node]] == b) cluster.nodes.push_back(node);
    if (cluster.nodes.empty()) continue;
    cluster.name = "cluster_" + d.blocs()[b].id;
    cluster.attributes = {{"label", d.blocs()[b].id},
                          {"style", "rounded,dashed"},
                          {"color", attribute(bloc_style[b], "fillcolor", "#999999")},
                          {"penwidth", "2"}};
    drawing.clusters.push_back(std::move(cluster));
  }
}

// The plan's edges: colour and line by type, width and "×N" by count, citations as tooltip, a link.
void add_edges(gv::Drawing& drawing, const Network& n, const DiagramOptions& o, const Plan& plan,
               const std::vector<StyleAttributes>& type_style) {
  const Dataset& d = n.dataset();
  std::vector<std::size_t> node_of(n.vertex_bound(), 0);  // by vertex (actor number)
  for (std::size_t node = 0; node < plan.vertices.size(); ++node) node_of[plan.vertices[node]] = node;
  for (const Edge& e : plan.edges) {
    gv::Drawing::Edge& edge = drawing.edges.emplace_back();
    edge.tail = node_of[e.tail];
    edge.head = node_of[e.head];
    StyleAttributes ea = type_style[e.type];
    const std::size_t count = e.relations.size();
    if (count > 1) {
      const double base = std::atof(attribute(ea, "penwidth", "1").c_str());
      ea["penwidth"] = number(base + 0.75 * static_cast<double>(std::min<std::size_t>(count - 1, 4)));
    }
    edge.attributes.assign(ea.begin(), ea.end());
    if (n.directed() && !e.directed) edge.attributes.emplace_back("dir", "none");

    std::string label;
    if (o.edge_labels) {
      label = d.types()[e.type].id;
      if (const std::string y = years(d, e.relations); !y.empty()) label += " " + y;
    }
    if (count > 1 && o.count_labels) label += (label.empty() ? "×" : " ×") + std::to_string(count);

    std::string tooltip, url;
    for (RelationId r : e.relations) {
      tooltip += (tooltip.empty() ? "" : "\n\n") + citation(d, r);
      for (SourceId s : d.relation_sources(r))
        if (const auto u = d.source_field(s, "url"); url.empty() && is_linkable_url(u)) url = url_text(u);
    }
    edge.attributes.emplace_back("tooltip", tooltip);
    if (!url.empty()) edge.attributes.emplace_back("URL", url);
    if (!label.empty()) {
      edge.attributes.emplace_back("label", label);
      edge.attributes.emplace_back("labeltooltip", tooltip);
      if (!url.empty()) edge.attributes.emplace_back("labelURL", url);
    }
  }
}

// The diagram of a plan as a Graphviz drawing: graph defaults by layout with the style sheet's graph
// rules over them, the title and legend, then nodes, clusters and edges.
gv::Drawing make_drawing(const Network& n, const DiagramOptions& o, const Plan& plan) {
  const Dataset& d = n.dataset();
  gv::Drawing drawing;
  drawing.directed = n.directed();
  drawing.layout = plan.layout;
  drawing.layout_seed = o.layout_seed;

  const double title_size = o.font_size > 0 ? o.font_size : 11 * legend_scale(plan.vertices.size());
  StyleAttributes ga = {{"fontname", font},   {"fontsize", number(title_size)}, {"labelloc", "t"},   {"labeljust", "l"},
                        {"outputorder", "edgesfirst"}, {"pad", "0.3"}, {"bgcolor", "white"}, {"linelength", "0"}};
  const bool large = plan.vertices.size() > 300;
  if (plan.layout == "dot") {
    ga.insert({{"rankdir", "TB"}, {"nodesep", "0.3"}, {"ranksep", "0.7"}, {"splines", "true"}});
  } else {
    ga.insert({{"overlap", "prism"}, {"splines", large ? "line" : "true"}, {"sep", "+8"}, {"esep", "+4"}});
    if (plan.layout == "twopi") ga["ranksep"] = "1.4";
    if (plan.layout == "circo") ga["mindist"] = "0.6";
  }
  for (const auto& [name, value] : o.style.graph()) ga[name] = value;
  drawing.graph.assign(ga.begin(), ga.end());
  const std::string fontname = ga["fontname"];
  drawing.node_defaults = {{"fontname", fontname},  {"fontsize", o.font_size > 0 ? number(o.font_size) : "10"},
                           {"style", "filled"},     {"fillcolor", "white"},
                           {"color", "#333333"},    {"margin", "0.08,0.04"}};
  drawing.edge_defaults = {{"fontname", fontname},
                           {"fontsize", o.font_size > 0 ? number(o.font_size) : "8"},
                           {"fontcolor", "#333333"},
                           {"arrowsize", "0.7"}};

  std::vector<std::string> bloc_ids, type_ids;
  for (const Bloc& b : d.blocs()) bloc_ids.push_back(b.id);
  for (const RelationType& t : d.types().all()) type_ids.push_back(t.id);
  const auto bloc_style = o.style.blocs(bloc_ids);
  const auto type_style = o.style.types(type_ids);
  if (o.title || o.legend) drawing.html_label = title_and_legend(n, o, plan, bloc_style, type_style);

  add_nodes(drawing, n, o, plan, bloc_style);
  if (o.clusters) add_clusters(drawing, n, plan, bloc_style);
  add_edges(drawing, n, o, plan, type_style);
  return drawing;
}

}  // namespace

const std::vector<LayoutLimit>& layout_limits() {
  static const std::vector<LayoutLimit> limits = {{"dot", 300},   {"circo", 500},  {"neato", 1000},
                                                  {"fdp", 1000},  {"twopi", 5000}, {"sfdp", 20000}};
  return limits;
}

std::string automatic_layout(std::size_t actors) { return actors <= 40 ? "dot" : actors <= 300 ? "fdp" : "sfdp"; }

std::string diagram_dot(const Network& network, const DiagramOptions& options) {
  const Plan plan = make_plan(network, options);
  return gv::write_dot(make_drawing(network, options, plan));
}

std::vector<std::string> render_diagrams(const Network& network, const DiagramOptions& options,
                                         const std::vector<std::string>& formats) {
  for (const std::string& format : formats)
    if (format != "svg" && format != "png" && format != "pdf")
      throw UsageError("unknown diagram format '" + format + "' (svg, png or pdf)");
  const Plan plan = make_plan(network, options);
  std::size_t limit = 0;
  for (const auto& l : layout_limits())
    if (plan.layout == l.layout) limit = l.max_actors;
  const std::size_t actors = plan.vertices.size();
  if (actors > limit) {
    const std::size_t sfdp_limit = layout_limits().back().max_actors;
    std::string message = "the diagram has " + std::to_string(actors) + " actors, more than the " + plan.layout +
                          " layout handles (" + std::to_string(limit) + "): ";
    if (plan.layout != "sfdp" && actors <= sfdp_limit && !options.clusters)
      message += "use --layout sfdp (up to " + std::to_string(sfdp_limit) + " actors), or ";
    message += "draw fewer actors with --around ACTOR --depth K, --top N --by MEASURE, --kinds, --types or a date "
               "slice (--at, --from, --to)";
    throw UsageError(message);
  }
  return gv::render(make_drawing(network, options, plan), formats);
}

std::string render_diagram(const Network& network, const DiagramOptions& options, const std::string& format) {
  if (format == "dot") return diagram_dot(network, options);
  if (format != "svg" && format != "png" && format != "pdf")
    throw UsageError("unknown diagram format '" + format + "' (dot, svg, png or pdf)");
  return render_diagrams(network, options, {format}).front();
}

}  // namespace actorgraph
