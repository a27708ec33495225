// The one place that talks to Graphviz's C API (cgraph 2.42 / gvc): RAII owners, the char* casts,
// the backslash escaping cgraph needs, DOT parsing with captured errors, layout and rendering.
// Private to the library: no public header includes Graphviz.
//
// Not thread-safe (cgraph's lexer, error handler and file name are process-global): parse and
// render on one thread.
#pragma once

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <memory>
#include <string>
#include <string_view>

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

// A new empty graph; `directed` and `strict` as in DOT.
GraphPtr open_graph(const std::string& name, bool directed, bool strict = false);

// cgraph's lexer only unescapes \", so a value written by agwrite with a lone backslash does not
// read back, and Graphviz reads \n, \l, \N... in labels as escapes. Doubling every backslash before
// a value goes in (and halving after it comes out) keeps every string exactly as the user wrote it,
// both in DOT and in rendered labels (ENGINE-NOTES 2.4).
std::string escape(std::string_view value);
std::string unescape(std::string_view value);

// Sets an attribute, declaring it with an empty default when new. The value is escaped.
void set(Agraph_t* g, const char* name, std::string_view value);
void set(Agnode_t* n, const char* name, std::string_view value);
void set(Agedge_t* e, const char* name, std::string_view value);
// Sets an HTML-like label (`<table>...</table>`), not escaped: the caller builds valid HTML.
void set_html_label(Agraph_t* root, Agnode_t* n, const std::string& html);

// The attribute's value, unescaped; "" when absent.
std::string get(void* object, const char* name);

// Parses the first graph of DOT text. Throws ParseError(file, line, 0, message) with cgraph's
// message when the text is not valid DOT.
GraphPtr read_dot(const std::string& text, const std::string& file);

// The DOT text of a graph (agwrite).
std::string write_dot(Agraph_t* g);

// The process's one rendering context (each gvContext leaks a few KB inside Graphviz).
GVC_t* context();

// Lays out `g` with `engine` (dot, neato, fdp, sfdp, circo, twopi) for as long as it lives; frees the
// layout before the graph is closed. Throws Error when the engine is unknown or fails.
// Works around a double free in Graphviz 2.42's dot (see repair_dot_ranks in graphviz.cpp).
class Layout {
 public:
  Layout(Agraph_t* g, const std::string& engine);
  ~Layout();
  Layout(const Layout&) = delete;
  Layout& operator=(const Layout&) = delete;

  // Renders to memory ("svg", "png", "pdf", "dot" with coordinates...).
  std::string render(const std::string& format) const;

 private:
  Agraph_t* g_;
  bool dot_;
};

}  // namespace actorgraph::detail::gv
