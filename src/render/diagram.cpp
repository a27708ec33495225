#include "actorgraph/render/diagram.hpp"
#include "actorgraph/format.hpp"

#include "actorgraph/io/output_file.hpp"
#include "actorgraph/model/text.hpp"

#include "actorgraph/error.hpp"
#include "detail/graphviz.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <unordered_map>

#include <sys/wait.h>
#include <unistd.h>

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

// Graphviz 2.42 writes xlink:href values without XML escaping; '&' (legal in URLs) must become
// &amp;. The other characters XML needs escaped cannot occur: url_text percent-encodes them.
std::string fix_svg_links(const std::string& svg) {
  static const std::string marker = "xlink:href=\"";
  std::string out;
  out.reserve(svg.size());
  std::size_t pos = 0;
  while (true) {
    const std::size_t at = svg.find(marker, pos);
    if (at == std::string::npos) break;
    const std::size_t begin = at + marker.size();
    const std::size_t end = svg.find('"', begin);
    if (end == std::string::npos) break;
    out.append(svg, pos, begin - pos);
    for (std::size_t i = begin; i < end; ++i) {
      if (svg[i] == '&') out += "&amp;";
      else out += svg[i];
    }
    pos = end;
  }
  out.append(svg, pos, std::string::npos);
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
  std::vector<std::uint8_t> drawn(n.vertex_count(), o.vertices.empty() ? 1 : 0);
  for (Vertex v : o.vertices) {
    if (v >= n.vertex_count()) throw UsageError("vertex " + std::to_string(v) + " is not in the network");
    drawn[v] = 1;
  }
  for (Vertex v = 0; v < n.vertex_count(); ++v)
    if (drawn[v]) plan.vertices.push_back(v);
  if (!o.size_by.empty() && o.size_by.size() != n.vertex_count())
    throw UsageError("size_by has " + std::to_string(o.size_by.size()) + " scores for a network of " +
                     std::to_string(n.vertex_count()) + " vertices");

  static const std::vector<std::string> layouts = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};
  plan.layout = o.layout;
  if (plan.layout.empty()) {
    plan.layout = automatic_layout(plan.vertices.size());
    if (o.clusters && !draws_clusters(plan.layout)) plan.layout = "fdp";
  }
  if (std::find(layouts.begin(), layouts.end(), plan.layout) == layouts.end())
    throw UsageError("unknown layout '" + plan.layout + "' (dot, neato, fdp, sfdp, circo or twopi)");
  if (o.clusters && !draws_clusters(plan.layout))
    throw UsageError("clusters are drawn by the dot and fdp layouts only, not " + plan.layout);

  plan.bloc_of.assign(n.vertex_count(), d.blocs().size());
  for (std::size_t b = d.blocs().size(); b-- > 0;)
    for (ActorId a : d.blocs()[b].members)
      if (const Vertex v = n.vertex(a); v != Network::none) plan.bloc_of[v] = b;

  // Each link once, by its endpoints, in link order (links are numbered in endpoint order).
  std::vector<std::pair<Vertex, Vertex>> ends(n.link_count(), {Network::none, Network::none});
  for (Vertex v = 0; v < n.vertex_count(); ++v)
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

void set_default(Agraph_t* g, int kind, const char* name, const std::string& value) {
  agattr(g, kind, gv::c(name), gv::c(gv::escape(value)));
}

void set_html_graph_label(Agraph_t* g, const std::string& html) {
  if (!agattr(g, AGRAPH, gv::c("label"), nullptr)) agattr(g, AGRAPH, gv::c("label"), gv::c(""));
  char* s = agstrdup_html(g, gv::c(html));
  agset(g, gv::c("label"), s);
  agstrfree(g, s);
}

// The title and legend: what is drawn, from which slice, as of when, and what shapes, colours and
// lines mean. Only kinds, blocs and types that appear in the diagram are listed.
std::string title_and_legend(const Network& n, const DiagramOptions& o, const Plan& plan,
                             const std::vector<StyleAttributes>& bloc_style, const std::vector<StyleAttributes>& type_style) {
  const Dataset& d = n.dataset();
  std::string as_of = o.as_of;
  if (as_of.empty()) {
    std::optional<PartialDate> latest;
    for (const Edge& e : plan.edges)
      for (RelationId r : e.relations)
        for (const PartialDate* p : {&d.relation_start(r), &d.relation_end(r)})
          if (!p->empty() && (!latest || *latest < *p)) latest = *p;
    if (latest) as_of = latest->str();
  }
  std::string subtitle = o.slice.empty() ? "whole dataset" : o.slice;
  if (!o.selection.empty()) subtitle += "; " + o.selection;
  if (!as_of.empty()) subtitle += "; as of " + as_of;
  subtitle += "; " + std::to_string(plan.vertices.size()) + (plan.vertices.size() == 1 ? " actor, " : " actors, ");
  std::size_t relations = 0;
  for (const Edge& e : plan.edges) relations += e.relations.size();
  subtitle += std::to_string(relations) + (relations == 1 ? " relation" : " relations");

  std::string html = "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\">";
  const double scale = legend_scale(plan.vertices.size());
  if (o.title) {
    html += "<tr><td align=\"left\"><font point-size=\"" + number(16 * scale) + "\"><b>" +
            html_text(o.dataset.empty() ? dataset_name(d) : o.dataset) + "</b></font></td></tr>";
    html += "<tr><td align=\"left\">" + html_text(subtitle) + "</td></tr>";
  }
  if (!o.legend) return html + "</table>";

  // One flat table, a pair of columns per section (symbol, meaning), so that rows line up and no
  // section is stretched to the height of the longest.
  struct Section {
    std::string heading;
    std::vector<std::pair<std::string, std::string>> rows;  // HTML cells' contents
  };
  std::vector<Section> sections;

  std::vector<std::size_t> kind_count(d.kinds().size(), 0);
  for (Vertex v : plan.vertices) ++kind_count[d.actor_kind(n.actor(v))];
  std::vector<KindId> kinds;
  for (KindId k = 0; k < d.kinds().size(); ++k)
    if (kind_count[k] > 0) kinds.push_back(k);
  std::sort(kinds.begin(), kinds.end(), [&](KindId a, KindId b) { return d.kind_name(a) < d.kind_name(b); });
  Section kind_section{"Actor kinds", {}};
  for (KindId k : kinds) {
    const StyleAttributes look = o.style.kind(d.kind_name(k));
    const std::string shape = attribute(look, "shape");
    const std::string glyph = shape_glyph(shape, attribute(look, "peripheries"), attribute(look, "style"));
    kind_section.rows.emplace_back(glyph.empty() ? "<i>" + html_text(shape) + "</i>" : "<font point-size=\"" + number(14 * scale) + "\">" + glyph + "</font>",
                                   html_text(d.kind_name(k)) + " (" + std::to_string(kind_count[k]) + ")");
  }
  sections.push_back(std::move(kind_section));

  std::vector<std::size_t> bloc_count(d.blocs().size() + 1, 0);
  for (Vertex v : plan.vertices) ++bloc_count[plan.bloc_of[v]];
  Section bloc_section{"Blocs", {}};
  for (std::size_t b = 0; b < d.blocs().size(); ++b) {
    if (bloc_count[b] == 0) continue;
    const Bloc& bloc = d.blocs()[b];
    std::string name = bloc.id;
    if (const auto lead = d.actor_label(bloc.lead); lead != bloc.id) name += " (" + std::string(lead) + ")";
    bloc_section.rows.emplace_back("swatch:" + attribute(bloc_style[b], "fillcolor", "white"), html_text(name));
  }
  if (!bloc_section.rows.empty() && bloc_count.back() > 0) bloc_section.rows.emplace_back("swatch:white", "no bloc");
  sections.push_back(std::move(bloc_section));

  std::vector<std::uint8_t> type_drawn(d.types().size(), 0);
  bool merged = false, directed = false, undirected = false;
  for (const Edge& e : plan.edges) {
    type_drawn[e.type] = 1;
    merged = merged || e.relations.size() > 1;
    (e.directed ? directed : undirected) = true;
  }
  Section type_section{"Relations", {}};
  for (TypeId t = 0; t < d.types().size(); ++t) {
    if (!type_drawn[t]) continue;
    type_section.rows.emplace_back("<font color=\"" + html_text(attribute(type_style[t], "color", "black")) + "\" point-size=\"" +
                                       number(13 * scale) + "\">" +
                                       line_glyph(type_style[t]) + "</font>",
                                   html_text(d.types()[t].id));
  }
  if (directed && undirected) type_section.rows.emplace_back("──▸", "directed: acting actor → actor acted upon");
  if (merged && o.count_labels) type_section.rows.emplace_back("×N", "N relations merged");
  sections.push_back(std::move(type_section));

  if (!o.size_by.empty())
    sections.push_back({"Node size", {{"", html_text(o.size_measure.empty() ? "score" : o.size_measure)}}});

  std::erase_if(sections, [](const Section& s) { return s.rows.empty(); });
  if (sections.empty()) return html + "</table>";
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
  html += "<tr><td align=\"left\">" + legend + "</table></td></tr>";
  return html + "</table>";
}

// cgraph orders subgraphs, nodes and edges by id, and the id of a named object is the address of its
// interned name, so agwrite would list clusters in an order that depends on the heap, and dot's
// layout varied from run to run with address-space randomisation (the ego diagram of graphs/tajikistan
// in about one run of eight). This id discipline gives the clusters the ids 2, 4, 6, ... in creation
// order, then the nodes the next even ids in creation order, and leaves every other object to
// cgraph's own discipline, whose ids are odd (anonymous objects) or addresses (the root graph's
// name), so they never meet ours. A name is printed from a string interned in the graph's own
// dictionary (agstrdup): agwrite reads the interned string's header to tell an HTML label from a
// plain one, and a name from any other buffer once came out as <cluster_nato> at random.
struct ClusterIds {
  std::vector<std::string> names;  // clusters, then nodes, in creation order; name k has id 2(k + 1)
  std::unordered_map<std::string, std::size_t> nodes;  // a node's name -> its k
  std::vector<char*> interned;     // agstrdup'd on first print, freed with the graph's dictionary
  std::size_t clusters = 0;        // names[0, clusters) are the clusters
  Agraph_t* graph = nullptr;
  void* base = nullptr;  // state of AgIdDisc
  bool owns(IDTYPE id) const { return id % 2 == 0 && id >= 2 && id / 2 <= names.size(); }
};
ClusterIds* pending_ids = nullptr;  // handed from open_diagram_graph to ids_open

void* ids_open(Agraph_t* g, Agdisc_t* disc) {
  ClusterIds* ids = pending_ids;
  pending_ids = nullptr;
  ids->graph = g;
  ids->base = AgIdDisc.open(g, disc);
  return ids;
}
long ids_map(void* state, int objtype, char* str, IDTYPE* id, int createflag) {
  auto* ids = static_cast<ClusterIds*>(state);
  if (objtype == AGRAPH && str)
    for (std::size_t k = 0; k < ids->clusters; ++k)
      if (ids->names[k] == str) {
        *id = static_cast<IDTYPE>(2 * (k + 1));
        return 1;
      }
  if (objtype == AGNODE && str) {
    auto it = ids->nodes.find(str);
    if (it == ids->nodes.end()) {
      if (!createflag) return 0;
      it = ids->nodes.emplace(str, ids->names.size()).first;
      ids->names.emplace_back(str);
      ids->interned.push_back(nullptr);
    }
    *id = static_cast<IDTYPE>(2 * (it->second + 1));
    return 1;
  }
  return AgIdDisc.map(ids->base, objtype, str, id, createflag);
}
long ids_alloc(void* state, int objtype, IDTYPE id) {
  auto* ids = static_cast<ClusterIds*>(state);
  return ids->owns(id) ? 1 : AgIdDisc.alloc(ids->base, objtype, id);
}
void ids_free(void* state, int objtype, IDTYPE id) {
  auto* ids = static_cast<ClusterIds*>(state);
  if (!ids->owns(id)) AgIdDisc.free(ids->base, objtype, id);
}
char* ids_print(void* state, int objtype, IDTYPE id) {
  auto* ids = static_cast<ClusterIds*>(state);
  if (!ids->owns(id)) return AgIdDisc.print(ids->base, objtype, id);
  const std::size_t k = id / 2 - 1;
  if (!ids->interned[k]) ids->interned[k] = agstrdup(ids->graph, gv::c(ids->names[k]));
  return ids->interned[k];
}
void ids_close(void* state) {
  auto* ids = static_cast<ClusterIds*>(state);
  AgIdDisc.close(ids->base);
  delete ids;
}
void ids_register(void* state, int objtype, void* obj) {
  AgIdDisc.idregister(static_cast<ClusterIds*>(state)->base, objtype, obj);
}
Agiddisc_t cluster_id_disc = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register};
Agdisc_t diagram_disc = {&AgMemDisc, &cluster_id_disc, &AgIoDisc};

// A new root graph whose subgraphs `clusters` (in this order) are written in this order.
gv::GraphPtr open_diagram_graph(bool directed, const std::vector<std::string>& clusters) {
  auto ids = std::make_unique<ClusterIds>();
  ids->names = clusters;
  ids->clusters = clusters.size();
  ids->interned.assign(clusters.size(), nullptr);
  pending_ids = ids.release();
  gv::GraphPtr g(agopen(gv::c("actorgraph"), directed ? Agdirected : Agundirected, &diagram_disc));
  if (pending_ids) {  // agopen failed before opening the discipline
    delete pending_ids;
    pending_ids = nullptr;
  }
  if (!g) throw Error("cgraph could not create a graph");
  return g;
}

// Builds the cgraph graph of a plan. The caller keeps it alive for layout and rendering.
gv::GraphPtr build_graph(const Network& n, const DiagramOptions& o, const Plan& plan) {
  const Dataset& d = n.dataset();
  std::vector<std::string> cluster_names;
  if (o.clusters) {
    std::vector<std::uint8_t> used(d.blocs().size() + 1, 0);
    for (Vertex v : plan.vertices) used[plan.bloc_of[v]] = 1;
    for (std::size_t b = 0; b < d.blocs().size(); ++b)
      if (used[b]) cluster_names.push_back("cluster_" + d.blocs()[b].id);
  }
  // gvContext() declares label="\N" on the prototype of every graph opened after it; create it
  // first, so that the DOT is the same whether or not something was rendered before.
  gv::context();
  gv::GraphPtr graph = open_diagram_graph(n.directed(), cluster_names);
  Agraph_t* g = graph.get();

  // Graph defaults, by layout, then the style sheet's graph rules over them.
  const double title_size = o.font_size > 0 ? o.font_size : 11 * legend_scale(plan.vertices.size());
  StyleAttributes ga = {{"fontname", font},   {"fontsize", number(title_size)}, {"labelloc", "t"},   {"labeljust", "l"},
                        {"outputorder", "edgesfirst"}, {"pad", "0.3"}, {"bgcolor", "white"}, {"linelength", "0"}};
  const bool large = plan.vertices.size() > 300;
  if (plan.layout == "dot") {
    ga.insert({{"rankdir", "TB"}, {"nodesep", "0.3"}, {"ranksep", "0.7"}, {"splines", "true"}});
  } else {
    ga.insert({{"overlap", "prism"}, {"splines", large ? "line" : "true"}, {"sep", "+8"}, {"esep", "+4"}});
    if (plan.layout == "neato" || plan.layout == "fdp" || plan.layout == "sfdp") ga["start"] = "1";
    if (plan.layout == "twopi") ga["ranksep"] = "1.4";
    if (plan.layout == "circo") ga["mindist"] = "0.6";
  }
  for (const auto& [name, value] : o.style.graph()) ga[name] = value;
  ga["layout"] = plan.layout;
  for (const auto& [name, value] : ga) set_default(g, AGRAPH, name.c_str(), value);
  const std::string fontname = ga["fontname"];

  set_default(g, AGNODE, "fontname", fontname);
  set_default(g, AGNODE, "fontsize", o.font_size > 0 ? number(o.font_size) : "10");
  set_default(g, AGNODE, "style", "filled");
  set_default(g, AGNODE, "fillcolor", "white");
  set_default(g, AGNODE, "color", "#333333");
  set_default(g, AGNODE, "margin", "0.08,0.04");
  set_default(g, AGEDGE, "fontname", fontname);
  set_default(g, AGEDGE, "fontsize", o.font_size > 0 ? number(o.font_size) : "8");
  set_default(g, AGEDGE, "fontcolor", "#333333");
  set_default(g, AGEDGE, "arrowsize", "0.7");

  std::vector<std::string> bloc_ids, type_ids;
  for (const Bloc& b : d.blocs()) bloc_ids.push_back(b.id);
  for (const RelationType& t : d.types().all()) type_ids.push_back(t.id);
  const auto bloc_style = o.style.blocs(bloc_ids);
  const auto type_style = o.style.types(type_ids);

  if (o.title || o.legend) set_html_graph_label(g, title_and_legend(n, o, plan, bloc_style, type_style));

  double max_score = 0;
  if (!o.size_by.empty())
    for (Vertex v : plan.vertices)
      if (std::isfinite(o.size_by[v])) max_score = std::max(max_score, o.size_by[v]);

  std::vector<Agnode_t*> node(n.vertex_count(), nullptr);
  for (Vertex v : plan.vertices) {
    const ActorId a = n.actor(v);
    Agnode_t* x = agnode(g, gv::c(std::string(d.actor_id(a))), 1);
    node[v] = x;
    StyleAttributes na = o.style.kind(d.kind_name(d.actor_kind(a)));
    const std::size_t b = plan.bloc_of[v];
    if (b < d.blocs().size())
      for (const auto& [name, value] : bloc_style[b]) na[name] = value;
    if (const auto it = na.find("style"); it != na.end() && it->second.find("filled") == std::string::npos)
      it->second += ",filled";
    gv::set(x, "label", d.actor_label(a));
    for (const auto& [name, value] : na) gv::set(x, name.c_str(), value);

    std::string tooltip = std::string(d.actor_label(a)) + " (" + std::string(d.actor_id(a)) + ")\nkind: " + d.kind_name(d.actor_kind(a));
    if (b < d.blocs().size()) tooltip += "\nbloc: " + d.blocs()[b].id;
    if (!o.size_by.empty()) {
      tooltip += "\n" + (o.size_measure.empty() ? std::string("score") : o.size_measure) + ": " + significant_number(o.size_by[v], 6);
      const double s = max_score > 0 && std::isfinite(o.size_by[v]) ? std::sqrt(std::max(0.0, o.size_by[v]) / max_score) : 0;
      gv::set(x, "width", number(0.6 + 1.4 * s));
      gv::set(x, "height", number(0.35 + 0.65 * s));
      if (o.font_size <= 0) gv::set(x, "fontsize", number(9 + 9 * s));
    }
    gv::set(x, "tooltip", tooltip);
  }

  if (o.clusters) {
    for (std::size_t b = 0; b < d.blocs().size(); ++b) {
      Agraph_t* cluster = nullptr;
      for (Vertex v : plan.vertices) {
        if (plan.bloc_of[v] != b) continue;
        if (!cluster) {
          cluster = agsubg(g, gv::c("cluster_" + d.blocs()[b].id), 1);
          gv::set(cluster, "label", d.blocs()[b].id);
          gv::set(cluster, "style", "rounded,dashed");
          gv::set(cluster, "color", attribute(bloc_style[b], "fillcolor", "#999999"));
          gv::set(cluster, "penwidth", "2");
        }
        agsubnode(cluster, node[v], 1);
      }
    }
  }

  for (const Edge& e : plan.edges) {
    Agedge_t* x = agedge(g, node[e.tail], node[e.head], nullptr, 1);
    StyleAttributes ea = type_style[e.type];
    const std::size_t count = e.relations.size();
    if (count > 1) {
      const double base = std::atof(attribute(ea, "penwidth", "1").c_str());
      ea["penwidth"] = number(base + 0.75 * static_cast<double>(std::min<std::size_t>(count - 1, 4)));
    }
    for (const auto& [name, value] : ea) gv::set(x, name.c_str(), value);
    if (n.directed() && !e.directed) gv::set(x, "dir", "none");

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
    gv::set(x, "tooltip", tooltip);
    if (!url.empty()) gv::set(x, "URL", url);
    if (!label.empty()) {
      gv::set(x, "label", label);
      gv::set(x, "labeltooltip", tooltip);
      if (!url.empty()) gv::set(x, "labelURL", url);
    }
  }
  return graph;
}

// Collects Graphviz's messages while it lays out and renders, instead of letting it print them.
std::string* messages = nullptr;
int collect(char* message) {
  if (messages) *messages += message;
  return 0;
}

class CaptureMessages {
 public:
  explicit CaptureMessages(std::string& sink) : previous_(agseterrf(collect)) { messages = &sink; }
  ~CaptureMessages() {
    messages = nullptr;
    agseterrf(previous_);
  }
  CaptureMessages(const CaptureMessages&) = delete;
  CaptureMessages& operator=(const CaptureMessages&) = delete;

 private:
  agusererrf previous_;
};

// Lays `g` out with `layout` and renders it in each format. Throws Error with Graphviz's messages.
std::vector<std::string> lay_out_and_render(Agraph_t* g, const std::string& layout_name, const std::vector<std::string>& formats) {
  std::string log;
  std::vector<std::string> out;
  CaptureMessages capture(log);
  try {
    // Graphviz draws random numbers from libc's two generators: rand() (sfdp) and drand48()
    // (neato, fdp, overlap removal), seeded from `start` only by some layouts. Seeding both makes
    // the drawing independent of what ran before in the process.
    std::srand(1);
    ::srand48(1);
    const gv::Layout layout(g, layout_name);
    for (const std::string& format : formats)
      out.push_back(format == "svg" ? fix_svg_links(layout.render(format)) : layout.render(format));
  } catch (const Error& e) {
    while (!log.empty() && log.back() == '\n') log.pop_back();
    throw Error(std::string(e.what()) + (log.empty() ? "" : ": " + log));
  }
  return out;
}

// Runs `work` (a layout and its renders) in a child process and returns its strings. Graphviz keeps
// state from one layout to the next in a process (text measurement through pango, which loads fonts
// in a thread of its own after the first render), so a second diagram drawn in one process differed
// from run to run; a child forked before any layout starts from the same state every time
// (docs/RENDER.md, "Determinism"). The parent never lays out, so it has no Graphviz thread when it
// forks. The child sends each string as an 8-byte length and its bytes, or a 0xFF..FF length and
// the error message, then exits without running destructors (the parent's temporary files stay the
// parent's).
template <class Work>
std::vector<std::string> in_child_process(Work work) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw Error(std::string("cannot lay out the diagram: pipe: ") + std::strerror(errno));
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0) {
    const int error = errno;
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    throw Error(std::string("cannot lay out the diagram: fork: ") + std::strerror(error));
  }
  if (child == 0) {
    ::close(pipe_fds[0]);
    std::string message;
    auto put = [&](std::uint64_t size, std::string_view bytes) {
      message.append(reinterpret_cast<const char*>(&size), sizeof size);
      message.append(bytes);
    };
    try {
      for (const std::string& s : work()) put(s.size(), s);
    } catch (const std::exception& e) {
      message.clear();
      put(~std::uint64_t{0}, e.what());
    }
    ::_exit(write_to_descriptor(pipe_fds[1], message) == 0 ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  std::string received;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n > 0) received.append(buffer, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR) break;
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Error("the layout process failed (" + std::string(WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                                                                 : "exit " + std::to_string(WEXITSTATUS(status))) + ")");
  std::vector<std::string> out;
  for (std::size_t at = 0; at + sizeof(std::uint64_t) <= received.size();) {
    std::uint64_t size = 0;
    std::memcpy(&size, received.data() + at, sizeof size);
    at += sizeof size;
    if (size == ~std::uint64_t{0}) throw Error(received.substr(at));
    if (size > received.size() - at) throw Error("the layout process sent a truncated result");
    out.push_back(received.substr(at, size));
    at += size;
  }
  return out;
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
  const gv::GraphPtr g = build_graph(network, options, plan);
  return gv::write_dot(g.get());
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
  const gv::GraphPtr g = build_graph(network, options, plan);
  std::vector<std::string> out = in_child_process([&] { return lay_out_and_render(g.get(), plan.layout, formats); });
  if (out.size() != formats.size()) throw Error("the layout process sent " + std::to_string(out.size()) + " of " +
                                                std::to_string(formats.size()) + " drawings");
  return out;
}

std::string render_diagram(const Network& network, const DiagramOptions& options, const std::string& format) {
  if (format == "dot") return diagram_dot(network, options);
  if (format != "svg" && format != "png" && format != "pdf")
    throw UsageError("unknown diagram format '" + format + "' (dot, svg, png or pdf)");
  return render_diagrams(network, options, {format}).front();
}

}  // namespace actorgraph
