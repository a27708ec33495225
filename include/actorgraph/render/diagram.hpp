// Diagrams of a network: DOT text, and SVG, PNG or PDF laid out and rendered in-process by Graphviz.
//
// What is drawn (docs/RENDER.md):
// - Nodes: the network's vertices (or DiagramOptions::vertices), created in vertex order, named by
//   actor id and labelled with the actor's label. Shape by actor kind, fill colour by bloc (an actor
//   in several blocs takes the first bloc of blocs.csv it belongs to), size by a centrality score
//   when one is given.
// - Edges: the relations behind the links among the drawn vertices, created in link order (links
//   are sorted by their endpoints' vertex numbers). Parallel relations of the same type and direction
//   between two actors are merged into one edge whose label gives their count ("×3") and whose width
//   grows with it; with `separate`, every relation is its own edge. Colour and line style follow the
//   relation type. A relation that is undirected is drawn once, without an arrow. With collapse, a
//   relation is drawn between the actors its ends roll up to.
// - Every edge carries its citations as a tooltip (relation id, type, dates, actors, sources with
//   their titles, quote) and, when one of its sources has a url, that url as a link (SVG: <a
//   xlink:href> with xlink:title).
// - A title (dataset, slice, selection, "as of" date) and a legend of exactly the kinds, blocs and
//   types drawn, as an HTML-like graph label above the drawing, so every layout places it.
//
// Text from the dataset is never interpreted by Graphviz: backslashes, quotes, newlines (a line
// break in labels), <, >, & and any script come out as written (escaped as DOT and XML require).
// URLs have the characters that URLs may not contain (space, ", <, >, \, control and non-ASCII
// bytes) percent-encoded (RFC 3986, section 2.1), which does not change what they point to.
//
// Determinism: the same network and options give byte-identical DOT and SVG (nodes and edges in a
// fixed order, attributes sorted, the layouts' random numbers seeded with DiagramOptions::layout_seed,
// cgraph ids in creation order, and each layout made in a child process of its own: docs/RENDER.md).
//
// Not thread-safe: Graphviz keeps global state. Render from one thread at a time.
#pragma once

#include "actorgraph/analysis/network.hpp"
#include "actorgraph/render/style.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace actorgraph {

// The largest DiagramOptions::layout_seed. Graphviz documents a positive number in `start` as the
// seed and anything else as "pick one from the clock" (so 0 is refused); 2.42 reads it as a long,
// and the range stops at 2^31 − 1 so that it would fit an int as well.
inline constexpr std::uint32_t max_layout_seed = 2147483647;

struct DiagramOptions {
  // dot, neato, fdp, sfdp, circo or twopi; "" chooses automatically (automatic_layout).
  std::string layout;
  // The seed of the layouts that start from random positions, 1 to max_layout_seed: neato, fdp and
  // sfdp read it as the graph attribute `start` (written into the DOT too), and the layout's child
  // process seeds libc's rand() and drand48() with it (sfdp draws from rand() as well). The same
  // seed gives the same drawing; another seed usually another arrangement of the same diagram.
  // dot, circo and twopi do not use it.
  std::uint32_t layout_seed = 1;
  // The vertices to draw, in any order (drawn in vertex order); empty: every vertex. Edges are the
  // links among them (the induced subgraph).
  std::vector<Vertex> vertices;
  // Scores by vertex, an entry per actor (e.g. Scores::value of pagerank), for node size, with the
  // measure's name for the legend and tooltips; empty: every node the same size. Node area grows
  // linearly with the score: width = 0.6 + 1.4·√(s / max s) inches.
  std::vector<double> size_by;
  std::string size_measure;
  bool edge_labels = false;  // label edges with their type and years
  bool separate = false;     // one edge per relation instead of one per (pair, type, direction)
  bool clusters = false;     // group each bloc's members in a box (dot and fdp only)
  bool legend = true;
  bool title = true;  // the title above the drawing (dataset, slice, selection, as of, counts)
  bool count_labels = true;  // label a merged edge with its count ("×3"); its width shows the count either way
  // > 0: every label (actors, edges, title and legend) at this size in points, whatever the node's
  // size, so that a drawing scaled to a page keeps its text at a known size; 0: the defaults (actors
  // 10 pt, or 9 to 18 pt with size_by; edges 8 pt; title and legend 11 pt, more on large drawings).
  double font_size = 0;
  // Title parts. dataset: the dataset's name (default: the last part of Dataset::path()); slice:
  // Slice::description() of the slice the network was built from; selection: what the caller chose
  // to draw, e.g. "around Tajikistan, depth 2"; as_of: the date the diagram describes (default: the
  // latest start or end date of the relations drawn).
  std::string dataset;
  std::string slice = "whole dataset";
  std::string selection;
  std::string as_of;
  StyleSheet style;
};

// Layouts and the largest diagram (in actors) each lays out in reasonable time; render_diagram
// refuses larger ones. dot is O(n²)-O(n³) in practice (300 random actors: ~14 s on 2 cores);
// sfdp is multilevel and handles 10,000 actors in seconds.
struct LayoutLimit {
  const char* layout;
  std::size_t max_actors;
};
const std::vector<LayoutLimit>& layout_limits();

// dot up to 40 actors (layered drawing, direction reads top-down); fdp up to 300, because the
// networks this tool draws are star-shaped (one actor with dozens of partners) and dot lays a star
// out as one long rank, a strip several pages wide (graphs/tajikistan: 7786 × 2262 px), where fdp
// fills a page; sfdp above 300 (multilevel, thousands of actors in seconds).
std::string automatic_layout(std::size_t actors);

// The diagram as DOT text (agwrite of the graph before layout, with `layout` set so that Graphviz's
// own tools choose the same engine). Throws UsageError for an unknown layout, a vertex out of range,
// scores of the wrong length, clusters with a layout that does not draw them, or a layout seed out
// of range (0 or above max_layout_seed).
std::string diagram_dot(const Network& network, const DiagramOptions& options);

// The diagram laid out and rendered: format svg, png or pdf (the file's bytes), or dot (diagram_dot).
// Throws UsageError as diagram_dot does, for an unknown format, and when the diagram has more actors
// than its layout can handle (the message says how to slice it or which layout to use); Error when
// Graphviz fails.
std::string render_diagram(const Network& network, const DiagramOptions& options, const std::string& format);

// The diagram in several of svg, png and pdf from one layout, so the files show the same drawing
// (and a process lays out once per diagram: see docs/RENDER.md, "Determinism"). Throws as
// render_diagram does.
std::vector<std::string> render_diagrams(const Network& network, const DiagramOptions& options,
                                         const std::vector<std::string>& formats);

}  // namespace actorgraph
