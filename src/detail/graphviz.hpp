// The wrapper of Graphviz's C API (cgraph 2.42 / gvc): RAII owners, the char* casts,
// the backslash escaping cgraph needs, DOT parsing, the capture of Graphviz's messages, and the
// drawing interface src/render uses (Drawing: a graph described as data, written as DOT or laid out
// and rendered, with ids in creation order and a layout seed). Private to the library: no public
// header includes Graphviz, and src/render reaches it only through Drawing. (src/io/exchange.cpp's
// DOT reader still walks cgraph graphs itself, through the parts above MessageCapture.)
//
// Not thread-safe (cgraph's lexer, error handler and file name are process-global): parse and
// render on one thread.
#pragma once

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actorgraph::detail::gv {

// cgraph 2.42 takes char* for strings it only reads (and copies).
inline char* c(const char* s) noexcept { return const_cast<char*>(s); }
inline char* c(const std::string& s) noexcept { return const_cast<char*>(s.c_str()); }

struct GraphClose {
  void operator()(Agraph_t* g) const noexcept {
    if (g) agclose(g);
  }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphClose>;

// cgraph's lexer only unescapes \", keeps \\ as two characters and deletes a backslash before a
// newline, so a value agwrite writes with a lone trailing backslash (`"x\"`) does not read back (a
// syntax error), and Graphviz reads \n, \l, \N... in labels as escapes (`C:\new` drew "C:" and
// "ew"). Doubling every backslash before a value goes in, and halving after it comes out, keeps every
// string exactly as the user wrote it, both in DOT and in rendered labels: checked with 32 strings
// (backslashes at either end, before quotes and newlines, HTML-like text, Cyrillic and Tajik, invalid
// UTF-8), all read back exactly, as values and as node ids; without it, 28.
std::string escape(std::string_view value);
std::string unescape(std::string_view value);

// Sets an attribute, declaring it with an empty default when new. The value is escaped.
void set(Agraph_t* g, const char* name, std::string_view value);
void set(Agnode_t* n, const char* name, std::string_view value);
void set(Agedge_t* e, const char* name, std::string_view value);
// Parses the first graph of DOT text. Throws ParseError(file, line, 0, message) with cgraph's
// message when the text is not valid DOT.
GraphPtr read_dot(const std::string& text, const std::string& file);

// The DOT text of a graph (agwrite).
std::string write_dot(Agraph_t* g);

// The process's one rendering context (each gvContext leaks a few KB inside Graphviz).
GVC_t* context();

// Collects Graphviz's messages of `level` and above (AGWARN: warnings too; AGERR: errors only)
// into `sink` instead of letting Graphviz print them, for as long as it lives; then restores the
// previous handler, level and sink, and clears cgraph's error count. Graphviz reports through one
// process-global callback, a message in several pieces ("Error", ": ", "syntax error in line 3
// near '->'\n"). Messages below `level` are not printed either (cgraph keeps them for aglasterr).
class MessageCapture {
 public:
  MessageCapture(std::string& sink, agerrlevel_t level);
  ~MessageCapture();
  MessageCapture(const MessageCapture&) = delete;
  MessageCapture& operator=(const MessageCapture&) = delete;

 private:
  agusererrf previous_handler_;
  agerrlevel_t previous_level_;
  std::string* previous_sink_;
};

// Attributes (Graphviz names and values) in the order they are set; a later one of the same name
// wins. Values are escaped (escape above) on the way in.
using Attributes = std::vector<std::pair<std::string, std::string>>;

// A graph to lay out and draw, described as data without Graphviz types. Nodes, then clusters, then
// edges are created in the order given; with the id discipline of graphviz.cpp that is also the
// order agwrite lists them and the layouts see them, whatever the heap addresses.
struct Drawing {
  struct Node {
    std::string name;  // unique
    Attributes attributes;
  };
  struct Cluster {
    std::string name;  // unique; "cluster..." for a layout to draw it as a box
    Attributes attributes;
    std::vector<std::size_t> nodes;  // indexes into `nodes`
  };
  struct Edge {
    std::size_t tail, head;  // indexes into `nodes`
    Attributes attributes;
  };
  bool directed = true;
  // dot, neato, fdp, sfdp, circo or twopi: written as the graph attribute `layout`, so that
  // Graphviz's own tools choose the same engine.
  std::string layout = "dot";
  // The seed of the layouts that place nodes at random first, from 1 (Graphviz takes a positive
  // number as the seed and picks one from the clock otherwise): written as the graph attribute
  // `start` for neato, fdp and sfdp, and libc's rand() and drand48() are seeded with it before the
  // layout (render). dot, circo and twopi ignore it.
  std::uint32_t layout_seed = 1;
  Attributes graph;          // the root graph's attributes
  Attributes node_defaults;  // node [...]
  Attributes edge_defaults;  // edge [...]
  std::string html_label;    // the graph's HTML-like label (a <table>, valid HTML); empty: none
  std::vector<Node> nodes;
  std::vector<Cluster> clusters;
  std::vector<Edge> edges;
};

// The drawing as DOT text, before layout (agwrite).
std::string write_dot(const Drawing& drawing);

// The drawing laid out with drawing.layout and rendered in each of `formats` ("svg", "png", "pdf"),
// from one layout, in child processes of its own (graphviz.cpp, LayoutProcess): two at once, and a
// third when they disagree (agreed_drawing). Throws Error with Graphviz's messages when the layout
// or a render fails. SVG links are made well-formed XML (Graphviz 2.42 writes a '&' in xlink:href
// unescaped).
std::vector<std::string> render(const Drawing& drawing, const std::vector<std::string>& formats);

// Of two layouts' drawings of one diagram (one string per format of `formats`), the one render
// keeps (graphviz.cpp says why every diagram is laid out twice): the first when the two agree in
// every format but "pdf" (which holds its creation time); otherwise `third()` lays it out once more
// and decides: the second when the third agrees with it, else the first. So the drawing two of three
// layouts give is kept, and the first when all three differ.
std::vector<std::string> agreed_drawing(const std::vector<std::string>& formats, std::vector<std::string> first,
                                        std::vector<std::string> second,
                                        const std::function<std::vector<std::string>()>& third);

}  // namespace actorgraph::detail::gv
