#include "detail/graphviz.hpp"

#include "detail/font_threads.hpp"

#include "actorgraph/error.hpp"

// Graphviz's layout records (Agraphinfo_t, GD_rank...): needed only by repair_dot_ranks.
#include <graphviz/types.h>

#include "actorgraph/io/output_file.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <unordered_map>

#include <sys/wait.h>
#include <unistd.h>

extern "C" void aglexbad(void);  // exported by libcgraph but not declared in cgraph.h
extern "C" int aaglex_destroy(void);  // flex's yylex_destroy for cgraph's lexer: exported, not declared

namespace actorgraph::detail::gv {

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

// The sink of the MessageCapture alive now: cgraph's callback takes no context.
std::string* message_sink = nullptr;
int capture_message(char* message) {
  if (message_sink) *message_sink += message;
  return 0;
}

}  // namespace

void set(Agraph_t* g, const char* name, std::string_view value) { set_attribute(agroot(g), AGRAPH, g, name, value); }
void set(Agnode_t* n, const char* name, std::string_view value) { set_attribute(agroot(agraphof(n)), AGNODE, n, name, value); }
void set(Agedge_t* e, const char* name, std::string_view value) { set_attribute(agroot(agraphof(aghead(e))), AGEDGE, e, name, value); }

MessageCapture::MessageCapture(std::string& sink, agerrlevel_t level)
    : previous_handler_(agseterrf(capture_message)), previous_level_(agseterr(level)), previous_sink_(message_sink) {
  message_sink = &sink;
}

MessageCapture::~MessageCapture() {
  agreseterrors();
  message_sink = previous_sink_;
  agseterrf(previous_handler_);
  agseterr(previous_level_);
}

namespace {

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
  const MessageCapture capture(errors, AGERR);
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

// Lays out `g` with `engine` for as long as it lives, and frees the layout before the graph is
// closed. Throws Error when the engine is unknown or fails.
class Layout {
 public:
  Layout(Agraph_t* g, const std::string& engine) : g_(g), dot_(engine == "dot") {
    if (gvLayout(context(), g, engine.c_str()) != 0) throw Error("Graphviz could not lay out the graph with '" + engine + "'");
  }
  ~Layout() {
    if (dot_) repair_dot_ranks(g_);
    gvFreeLayout(context(), g_);
  }
  Layout(const Layout&) = delete;
  Layout& operator=(const Layout&) = delete;

  // Renders to memory ("svg", "png", "pdf").
  std::string render(const std::string& format) const {
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(context(), g_, format.c_str(), &data, &length) != 0) throw Error("Graphviz could not render " + format);
    std::string out(data, length);
    gvFreeRenderData(data);
    return out;
  }

 private:
  Agraph_t* g_;
  bool dot_;
};

// cgraph orders subgraphs, nodes and edges by id, and the id of a named object is the address of its
// interned name, so agwrite would list clusters in an order that depends on the heap, and dot's
// layout varied from run to run with address-space randomisation (the ego diagram of graphs/tajikistan
// in about one run of eight). This id discipline gives the clusters the ids 2, 4, 6, ... in creation
// order, then the nodes the next even ids in creation order, and leaves every other object to
// cgraph's own discipline, whose ids are odd (anonymous objects) or addresses (the root graph's
// name), so they never meet ours. A name is printed from a string interned in the graph's own
// dictionary (agstrdup): agwrite reads the interned string's header to tell an HTML label from a
// plain one, and a name from any other buffer once came out as <cluster_nato> at random.
struct OrderedIds {
  std::vector<std::string> names;  // clusters, then nodes, in creation order; name k has id 2(k + 1)
  std::unordered_map<std::string, std::size_t> nodes;  // a node's name -> its k
  std::vector<char*> interned;     // agstrdup'd on first print, freed with the graph's dictionary
  std::size_t clusters = 0;        // names[0, clusters) are the clusters
  Agraph_t* graph = nullptr;
  void* base = nullptr;  // state of AgIdDisc
  bool owns(IDTYPE id) const { return id % 2 == 0 && id >= 2 && id / 2 <= names.size(); }
};
OrderedIds* pending_ids = nullptr;  // handed from open_ordered_graph to ids_open

void* ids_open(Agraph_t* g, Agdisc_t* disc) {
  OrderedIds* ids = pending_ids;
  pending_ids = nullptr;
  ids->graph = g;
  ids->base = AgIdDisc.open(g, disc);
  return ids;
}
long ids_map(void* state, int objtype, char* str, IDTYPE* id, int createflag) {
  auto* ids = static_cast<OrderedIds*>(state);
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
  auto* ids = static_cast<OrderedIds*>(state);
  return ids->owns(id) ? 1 : AgIdDisc.alloc(ids->base, objtype, id);
}
void ids_free(void* state, int objtype, IDTYPE id) {
  auto* ids = static_cast<OrderedIds*>(state);
  if (!ids->owns(id)) AgIdDisc.free(ids->base, objtype, id);
}
char* ids_print(void* state, int objtype, IDTYPE id) {
  auto* ids = static_cast<OrderedIds*>(state);
  if (!ids->owns(id)) return AgIdDisc.print(ids->base, objtype, id);
  const std::size_t k = id / 2 - 1;
  if (!ids->interned[k]) ids->interned[k] = agstrdup(ids->graph, c(ids->names[k]));
  return ids->interned[k];
}
void ids_close(void* state) {
  auto* ids = static_cast<OrderedIds*>(state);
  AgIdDisc.close(ids->base);
  delete ids;
}
void ids_register(void* state, int objtype, void* obj) {
  AgIdDisc.idregister(static_cast<OrderedIds*>(state)->base, objtype, obj);
}
Agiddisc_t ordered_id_disc = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register};
Agdisc_t ordered_disc = {&AgMemDisc, &ordered_id_disc, &AgIoDisc};

// A new root graph whose subgraphs `clusters` (in this order) and nodes are numbered in creation order.
GraphPtr open_ordered_graph(bool directed, const std::vector<std::string>& clusters) {
  auto ids = std::make_unique<OrderedIds>();
  ids->names = clusters;
  ids->clusters = clusters.size();
  ids->interned.assign(clusters.size(), nullptr);
  pending_ids = ids.release();
  GraphPtr g(agopen(c("actorgraph"), directed ? Agdirected : Agundirected, &ordered_disc));
  if (pending_ids) {  // agopen failed before opening the discipline
    delete pending_ids;
    pending_ids = nullptr;
  }
  if (!g) throw Error("cgraph could not create a graph");
  return g;
}

// The layouts that start from random positions and read their seed from the graph attribute `start`
// (Graphviz's documentation: neato, fdp and sfdp; each drew differently with start=1 and start=2).
bool reads_start_seed(std::string_view layout) noexcept { return layout == "neato" || layout == "fdp" || layout == "sfdp"; }

// Declares the default of an attribute of graphs, nodes or edges (for the root graph: its value).
void set_default(Agraph_t* g, int kind, const std::string& name, const std::string& value) {
  agattr(g, kind, c(name), c(escape(value)));
}

void set_html_graph_label(Agraph_t* g, const std::string& html) {
  if (!agattr(g, AGRAPH, c("label"), nullptr)) agattr(g, AGRAPH, c("label"), c(""));
  char* s = agstrdup_html(g, c(html));
  agset(g, c("label"), s);
  agstrfree(g, s);
}

// The cgraph graph of a drawing, its objects created in the drawing's order.
GraphPtr build(const Drawing& drawing) {
  std::vector<std::string> cluster_names;
  for (const auto& cluster : drawing.clusters) cluster_names.push_back(cluster.name);
  // gvContext() declares label="\N" on the prototype of every graph opened after it; create it
  // first, so that the DOT is the same whether or not something was rendered before.
  context();
  GraphPtr graph = open_ordered_graph(drawing.directed, cluster_names);
  Agraph_t* g = graph.get();
  for (const auto& [name, value] : drawing.graph) set_default(g, AGRAPH, name, value);
  set_default(g, AGRAPH, "layout", drawing.layout);
  if (reads_start_seed(drawing.layout)) set_default(g, AGRAPH, "start", std::to_string(drawing.layout_seed));
  for (const auto& [name, value] : drawing.node_defaults) set_default(g, AGNODE, name, value);
  for (const auto& [name, value] : drawing.edge_defaults) set_default(g, AGEDGE, name, value);
  if (!drawing.html_label.empty()) set_html_graph_label(g, drawing.html_label);

  std::vector<Agnode_t*> nodes;
  nodes.reserve(drawing.nodes.size());
  for (const auto& node : drawing.nodes) {
    Agnode_t* n = agnode(g, c(node.name), 1);
    for (const auto& [name, value] : node.attributes) set(n, name.c_str(), value);
    nodes.push_back(n);
  }
  for (const auto& cluster : drawing.clusters) {
    Agraph_t* sub = agsubg(g, c(cluster.name), 1);
    for (const auto& [name, value] : cluster.attributes) set(sub, name.c_str(), value);
    for (std::size_t n : cluster.nodes) agsubnode(sub, nodes.at(n), 1);
  }
  for (const auto& edge : drawing.edges) {
    Agedge_t* e = agedge(g, nodes.at(edge.tail), nodes.at(edge.head), nullptr, 1);
    for (const auto& [name, value] : edge.attributes) set(e, name.c_str(), value);
  }
  return graph;
}

// Graphviz 2.42 writes xlink:href values without XML escaping; '&' (legal in URLs) must become
// &amp;. The other characters XML needs escaped are the caller's to keep out of URLs (src/render
// percent-encodes them).
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

// Lays `g` out and renders it in each format. Throws Error with Graphviz's messages (warnings too).
std::vector<std::string> lay_out_and_render(Agraph_t* g, const Drawing& drawing, const std::vector<std::string>& formats) {
  std::string log;
  std::vector<std::string> out;
  const MessageCapture capture(log, AGWARN);
  try {
    // neato and fdp take their seed from `start` (build) and seed drand48() with it themselves; sfdp
    // reads `start` too, but also draws from libc's rand() without seeding it. Measured with Graphviz
    // 2.42.2 on a 30-node graph, each run a fresh process: with start fixed, sfdp's drawing changed
    // with the seed given to srand() before the layout, and no drawing of neato, fdp, dot, circo or
    // twopi changed with srand() or srand48(). So rand() must be seeded here for the drawing to
    // depend on layout_seed only; drand48() is seeded as well, for any layout step that draws from
    // it unseeded. This reseeds the process's own generators, which is why it happens here, in the
    // layout's child process (render): the library's caller never sees its generators changed.
    std::srand(drawing.layout_seed);
    ::srand48(static_cast<long>(drawing.layout_seed));
    const Layout layout(g, drawing.layout);
    for (const std::string& format : formats)
      out.push_back(format == "svg" ? fix_svg_links(layout.render(format)) : layout.render(format));
  } catch (const Error& e) {
    while (!log.empty() && log.back() == '\n') log.pop_back();
    throw Error(std::string(e.what()) + (log.empty() ? "" : ": " + log));
  }
  return out;
}

// A layout and its renders running in a child process, whose strings collect() reads. Graphviz
// keeps state from one layout to the next in a process (text measurement through pango, which loads
// fonts in a thread of its own after the first render), so a second diagram drawn in one process
// differed from run to run; a child forked before any layout starts from the same state every time
// (docs/RENDER.md, "Determinism"). The parent never lays out, so it has no Graphviz thread when it
// forks. The child sends each string as an 8-byte length and its bytes, or a 0xFF..FF length and
// the error message, then exits without running destructors (the parent's temporary files stay the
// parent's). A child never collected (an exception in between) is killed and reaped by the
// destructor. The parent closes its end of the child's pipe for writing before it forks again, so
// a second child started meanwhile does not keep the first one's pipe open.
class LayoutProcess {
 public:
  template <class Work>
  explicit LayoutProcess(Work work) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) throw Error(std::string("cannot lay out the diagram: pipe: ") + std::strerror(errno));
    std::fflush(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) {
      const int error = errno;
      ::close(pipe_fds[0]);
      ::close(pipe_fds[1]);
      throw Error(std::string("cannot lay out the diagram: fork: ") + std::strerror(error));
    }
    if (pid_ == 0) {
      ::close(pipe_fds[0]);
      serialize_font_threads();  // no font look-up runs beside the layout (font_threads.cpp)
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
    fd_ = pipe_fds[0];
  }
  LayoutProcess(const LayoutProcess&) = delete;
  LayoutProcess& operator=(const LayoutProcess&) = delete;
  ~LayoutProcess() {
    if (fd_ >= 0) ::close(fd_);
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      reap();
    }
  }

  // The child's strings; throws Error with its message when the layout failed.
  std::vector<std::string> collect() {
    std::string received;
    char buffer[65536];
    for (;;) {
      const ssize_t n = ::read(fd_, buffer, sizeof buffer);
      if (n > 0) received.append(buffer, static_cast<std::size_t>(n));
      else if (n == 0 || errno != EINTR) break;
    }
    ::close(fd_);
    fd_ = -1;
    const int status = reap();
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

 private:
  int reap() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status;
  }

  pid_t pid_ = -1;
  int fd_ = -1;
};

}  // namespace

std::string write_dot(const Drawing& drawing) { return write_dot(build(drawing).get()); }

// Graphviz 2.42 does not always draw a graph the same way: with the same graph, seed and process
// state, fdp drew graphs/tajikistan's detailed network or a page diagram of `report` in another
// arrangement in 2 of 40 runs of the release test suite (two jobs on two cores), and in none of 300
// reports made three at a time beside nothing else. In a failing run every text size Graphviz
// measured was the one of the other runs, and in passing runs neither disturbing the heap before the
// layout nor delaying pango's font threads changed a drawing; the cause is not found (docs/RENDER.md,
// "Determinism"; Graphviz issues 1214 and 1767 report the like). So a diagram is laid out in two
// processes at once and a drawing is accepted when both agree; when they do not, a third layout
// decides. Two layouts that agree give the drawing every run gives, unless one rare outlier came out
// twice. When all three differ (a layout that depends on addresses, such as fdp with clusters), the
// first is returned, as with one layout.
std::vector<std::string> agreed_drawing(const std::vector<std::string>& formats, std::vector<std::string> first,
                                        std::vector<std::string> second,
                                        const std::function<std::vector<std::string>()>& third) {
  const auto same = [&](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < formats.size(); ++i)
      if (formats[i] != "pdf" && a.at(i) != b.at(i)) return false;
    return true;
  };
  if (same(first, second)) return first;
  std::vector<std::string> decider = third();
  return same(decider, second) ? second : first;
}

std::vector<std::string> render(const Drawing& drawing, const std::vector<std::string>& formats) {
  const GraphPtr g = build(drawing);
  // Only PDF asked for: the layouts are compared as xdot (every coordinate), which is not returned.
  std::vector<std::string> all = formats;
  if (std::all_of(formats.begin(), formats.end(), [](const std::string& f) { return f == "pdf"; })) all.push_back("xdot");
  const auto start = [&] { return LayoutProcess([&] { return lay_out_and_render(g.get(), drawing, all); }); };
  const auto checked = [&](std::vector<std::string> drawn) {
    if (drawn.size() != all.size())
      throw Error("the layout process sent " + std::to_string(drawn.size()) + " of " + std::to_string(all.size()) + " drawings");
    return drawn;
  };
  std::vector<std::string> first, second;
  {
    LayoutProcess one = start();
    LayoutProcess two = start();
    first = checked(one.collect());
    second = checked(two.collect());
  }
  std::vector<std::string> out = agreed_drawing(all, std::move(first), std::move(second), [&] { return checked(start().collect()); });
  out.resize(formats.size());
  return out;
}

}  // namespace actorgraph::detail::gv
