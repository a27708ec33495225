// A DOT text read by cgraph into plain C++ values, so that no reader outside src/detail calls
// cgraph itself (src/io/dot.cpp turns them into a graph, then a dataset).
//
// Names and values are as cgraph gives them, not yet unescaped (cgraph keeps `\\` as two
// characters: gv::unescape, or the exchange reader's own decoding of files actorgraph wrote).
// Not thread-safe: cgraph's parser is process-global.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph::detail::gv {

struct DotAttribute {
  std::string name;
  std::string value;
  bool html = false;  // an HTML-like value, written <...> in the file
};

struct DotNode {
  std::string name;
  std::vector<DotAttribute> attributes;  // those with a non-empty value, in declaration order
  std::optional<std::string> cluster;    // its innermost cluster subgraph ("cluster..."), if any
};

struct DotEdge {
  std::string tail, head;
  std::optional<std::string> key;        // the edge's name (`key=`), if it has one
  std::vector<DotAttribute> attributes;  // those with a non-empty value, in declaration order
};

struct DotGraph {
  bool directed = true;
  std::vector<DotAttribute> graph_attributes;  // every declared one, empty values included
  std::vector<std::string> node_attributes;    // declared node attribute names, in order
  std::vector<std::string> edge_attributes;    // declared edge attribute names, in order
  std::vector<DotNode> nodes;                  // in cgraph's node order (first appearance)
  std::vector<DotEdge> edges;                  // in file order
};

// Parses `text`; `file` names it in messages. Throws ParseError with cgraph's message
// (gv::read_dot: one graph per file, the lexer reset before and after).
DotGraph read_dot_graph(const std::string& text, const std::string& file);

}  // namespace actorgraph::detail::gv
