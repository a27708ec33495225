// An XML document as a tree of elements, read by Expat: enough for GraphML. Private to src/io.
//
// Expat checks well-formedness and decodes the encodings XML processors must know, as the prolog
// declares them or a byte-order mark says (UTF-8, UTF-16, ISO-8859-1, US-ASCII); the tree holds
// UTF-8. Namespaces are interpreted: an element in the GraphML namespace
// (http://graphml.graphdrawing.org/xmlns), with any prefix or none, or in no namespace, is named
// by its local name ("graph"); an element of any other namespace by its qualified name
// ("y:ShapeNode"), so it never passes for a GraphML element. Attributes without a prefix are
// named as written; prefixed ones by their qualified name.
//
// Refused, with the position and what is wrong (ParseError(file, line, column, message)): every
// well-formedness error Expat reports, entity declarations (a DTD's <!ENTITY>: GraphML needs none,
// and nested entities expand exponentially, the "billion laughs"), references to entities that are
// not declared (external DTDs are never read), and elements nested deeper than max_depth.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actorgraph::detail::xml {

// The GraphML namespace (GraphML Primer, section 2).
inline constexpr std::string_view graphml_namespace = "http://graphml.graphdrawing.org/xmlns";

// Deeper nesting is refused rather than risking the stack of the code that walks the tree.
inline constexpr int max_depth = 256;

struct Element {
  std::string name;  // see above: local name for GraphML and no namespace, else prefix:local
  std::vector<std::pair<std::string, std::string>> attributes;  // in document order, decoded
  std::vector<Element> children;
  std::string text;  // the element's own character data (text and CDATA), concatenated, line ends LF
  std::uint64_t line = 0, column = 0;  // of its '<', 1-based, column in characters

  const std::string* attribute(std::string_view key) const noexcept {
    for (const auto& [k, v] : attributes)
      if (k == key) return &v;
    return nullptr;
  }
};

// The root element of the document `text`; `file` names it in errors. Throws ParseError.
Element parse(std::string_view text, const std::string& file);

}  // namespace actorgraph::detail::xml
