#include "detail/graphviz.hpp"

#include "actorgraph/error.hpp"

// Graphviz's layout records (Agraphinfo_t, GD_rank...): needed only by repair_dot_ranks.
#include <graphviz/types.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

extern "C" void aglexbad(void);  // exported by libcgraph but not declared in cgraph.h
extern "C" int aaglex_destroy(void);  // flex's yylex_destroy for cgraph's lexer: exported, not declared

namespace actorgraph::detail::gv {

GraphPtr open_graph(const std::string& name, bool directed, bool strict) {
  context();  // gvContext() changes cgraph's attribute defaults: create it before any graph
  Agdesc_t desc = directed ? (strict ? Agstrictdirected : Agdirected) : (strict ? Agstrictundirected : Agundirected);
  return GraphPtr(agopen(c(name), desc, nullptr));
}

std::string escape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char ch : value) {
    if (ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

std::string unescape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size() && value[i + 1] == '\\') ++i;
    out += value[i];
  }
  return out;
}

namespace {

template <class Object>
void set_attribute(Agraph_t* root, int kind, Object* object, const char* name, std::string_view value) {
  if (!agattr(root, kind, c(name), nullptr)) agattr(root, kind, c(name), c(""));
  const std::string escaped = escape(value);
  agset(object, c(name), c(escaped));
}

// cgraph reports errors in pieces through a process-global callback.
std::string* error_sink = nullptr;
int capture_error(char* message) {
  if (error_sink) *error_sink += message;
  return 0;
}

}  // namespace

void set(Agraph_t* g, const char* name, std::string_view value) { set_attribute(agroot(g), AGRAPH, g, name, value); }
void set(Agnode_t* n, const char* name, std::string_view value) { set_attribute(agroot(agraphof(n)), AGNODE, n, name, value); }
void set(Agedge_t* e, const char* name, std::string_view value) { set_attribute(agroot(agraphof(aghead(e))), AGEDGE, e, name, value); }

void set_html_label(Agraph_t* root, Agnode_t* n, const std::string& html) {
  if (!agattr(root, AGNODE, c("label"), nullptr)) agattr(root, AGNODE, c("label"), c("\\N"));
  char* s = agstrdup_html(root, c(html));
  agset(n, c("label"), s);
  agstrfree(root, s);
}

std::string get(void* object, const char* name) {
  char* value = agget(object, c(name));
  if (!value) return {};
  // An HTML-like label (<...> in DOT) is stored as written: it has no backslash escapes to undo.
  return aghtmlstr(value) ? std::string(value) : unescape(value);
}

namespace {

// Installs the error capture for one read and restores the previous handler and level after it.
class ErrorCapture {
 public:
  explicit ErrorCapture(std::string& sink) : previous_handler_(agseterrf(capture_error)), previous_level_(agseterr(AGERR)) {
    error_sink = &sink;
  }
  ~ErrorCapture() {
    agreseterrors();
    error_sink = nullptr;
    agseterrf(previous_handler_);
    agseterr(previous_level_);
  }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

 private:
  agusererrf previous_handler_;
  agerrlevel_t previous_level_;
};

struct FileCloser {
  void operator()(FILE* f) const noexcept { std::fclose(f); }
};

ParseError parse_error(const std::string& errors, const std::string& file) {
  // "Error: FILE: syntax error in line 3 near '->'"
  // No std::regex: GCC 12 warns inside <regex> under the sanitizers (-Wmaybe-uninitialized).
  std::uint64_t line = 0;
  for (auto at = errors.find("line "); at != std::string::npos; at = errors.find("line ", at + 1)) {
    std::size_t digit = at + 5, end = digit;
    while (end < errors.size() && errors[end] >= '0' && errors[end] <= '9') ++end;
    if (end > digit && end - digit < 10) {
      line = std::stoull(errors.substr(digit, end - digit));
      break;
    }
  }
  std::string message = errors;
  // Bison's "memory exhausted" is its parser stack: brackets or subgraphs nested too deeply. It comes
  // with a syntax error after it, which alone would mislead.
  if (errors.find("memory exhausted") != std::string::npos)
    return ParseError(file, line, 0, "the graph nests subgraphs or brackets too deeply for Graphviz's DOT parser "
                                     "(its stack ran out, \"memory exhausted\")");
  if (const auto at = message.find("syntax error"); at != std::string::npos) message = message.substr(at);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (message.empty()) message = "not a DOT graph";
  return ParseError(file, line, 0, message);
}

}  // namespace

namespace {

// cgraph's flex lexer keeps its buffer and its start condition between reads: text that ends inside
// a quoted string (`digraph {} "`) left it scanning a string, and the next file read in the process
// failed with "syntax error in line 1 near '\"'" (found by fuzz_dot). aglexbad() drops the buffer;
// aaglex_destroy() also resets the start condition; the lexer initialises itself on its next call.
void reset_lexer() {
  aglexbad();
  aaglex_destroy();
}

}  // namespace

GraphPtr read_dot(const std::string& text, const std::string& file) {
  context();
  std::string errors;
  const ErrorCapture capture(errors);
  // Read from a FILE so that a second agread continues where the first stopped: a file holding
  // several graphs is refused rather than silently cut to its first.
  if (text.empty()) throw ParseError(file, 0, 0, "empty file: expected a DOT graph");
  std::unique_ptr<FILE, FileCloser> in(fmemopen(const_cast<char*>(text.data()), text.size(), "r"));
  if (!in) throw Error("cannot read " + file + " from memory");
  agsetfile(c(file));
  reset_lexer();
  agreadline(1);
  GraphPtr g(agread(in.get(), nullptr));
  if (!g) {
    reset_lexer();
    throw parse_error(errors, file);
  }
  // The lexer's line count runs on, so an error in trailing text gets its real line.
  GraphPtr next(agread(in.get(), nullptr));
  reset_lexer();
  if (next)
    throw ParseError(file, 0, 0, "the file holds more than one graph; actorgraph reads one graph per file (split it)");
  if (!errors.empty()) throw parse_error(errors, file);
  return g;
}

std::string write_dot(Agraph_t* g) {
  char* buffer = nullptr;
  std::size_t size = 0;
  FILE* out = open_memstream(&buffer, &size);
  if (!out) throw Error("cannot allocate memory for DOT output");
  agwrite(g, out);
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}

GVC_t* context() {
  struct Owner {
    GVC_t* gvc = gvContext();
    ~Owner() { gvFreeContext(gvc); }
  };
  static Owner owner;
  return owner.gvc;
}

namespace {

// Graphviz 2.42's dot keeps each rank's nodes twice: `v` (in use) and `av` (the allocation that
// dot_cleanup frees), equal in the root graph once mincross is done. When a flat edge (both ends on
// one rank) has a label, flat.c's make_vn_slot makes room for the label's virtual node in the rank
// above by realloc'ing `v` only, so `av` is left pointing at the freed block and gvFreeLayout frees
// it a second time whenever realloc moved the block: "double free or corruption", exit 134, or
// silent heap corruption. Labelled edges with bloc clusters produce such flat edges in dot (issue
// 10, item 6: graphs/tajikistan with --clusters --edge-labels). Pointing `av` at the live array
// again before the cleanup frees each block once (a no-op where they agree). Clusters are left
// alone: their `v` points into the root's arrays and their `av` is their own allocation.
void repair_dot_ranks(Agraph_t* g) noexcept {
  if (!agbindrec(g, c("Agraphinfo_t"), 0, 1)) return;
  rank_t* ranks = GD_rank(g);
  if (!ranks) return;
  for (int r = GD_minrank(g); r <= GD_maxrank(g); ++r)
    if (ranks[r].av != ranks[r].v) {
      ranks[r].av = ranks[r].v;
      ranks[r].an = ranks[r].n;
    }
}

}  // namespace

Layout::Layout(Agraph_t* g, const std::string& engine) : g_(g), dot_(engine == "dot") {
  if (gvLayout(context(), g, engine.c_str()) != 0) throw Error("Graphviz could not lay out the graph with '" + engine + "'");
}

Layout::~Layout() {
  if (dot_) repair_dot_ranks(g_);
  gvFreeLayout(context(), g_);
}

std::string Layout::render(const std::string& format) const {
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(context(), g_, format.c_str(), &data, &length) != 0)
    throw Error("Graphviz could not render " + format);
  std::string out(data, length);
  gvFreeRenderData(data);
  return out;
}

}  // namespace actorgraph::detail::gv
