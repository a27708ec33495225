// Style sheets for diagrams: how actor kinds, blocs and relation types look, as data.
//
// A style sheet maps each kind to node attributes (shape...), each bloc to node attributes (fill
// colour...), each relation type to edge attributes (colour, line style, width) and the graph to
// graph attributes, all named and valued as in Graphviz (https://graphviz.org/doc/info/attrs.html).
// The built-in defaults (docs/RENDER.md, "Defaults") use the Okabe-Ito palette, which stays
// distinguishable under the common forms of colour blindness; a style file overrides any of them.
//
// Style file (CSV, the dataset's dialect: docs/FORMAT.md), one rule per row:
//
//   target,key,attribute,value
//   kind,person,shape,ellipse
//   bloc,nato,fillcolor,#80B9D9
//   type,statement,style,dashed
//   graph,,rankdir,LR
//
// `target` is kind, bloc, type or graph; `key` names the kind, bloc id or type id (empty for graph);
// `attribute` must be one the target accepts (StyleSheet::attributes); `value` is not empty, and is a
// number for numeric attributes, a Graphviz shape for `shape`, a colour (#RRGGBB[AA] or a name) for
// colour attributes. Keys that the dataset does not use are allowed (one style file can serve many
// datasets). Later rows override earlier ones.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

enum class StyleTarget { graph, kind, bloc, type };

// Graphviz attributes by name, in name order (so that output is deterministic).
using StyleAttributes = std::map<std::string, std::string>;

class StyleSheet {
 public:
  // The built-in defaults.
  StyleSheet() = default;

  // Sets (or overrides) one attribute of a kind, bloc or type (key = its id) or of the graph (key "").
  void set(StyleTarget target, const std::string& key, const std::string& attribute, const std::string& value);

  // The attributes of an actor kind: the default shape for the kinds of docs/FORMAT.md (octagon for
  // any other kind), with the style sheet's rules over them.
  StyleAttributes kind(std::string_view kind) const;

  // The attributes of the dataset's blocs, in the order given: fill colours from the palette, where
  // nato is blue, russia, csto, cis and eaeu vermillion, china and sco orange (when the colour is still
  // free), other blocs the next unused palette colour; the style sheet's rules over them.
  std::vector<StyleAttributes> blocs(const std::vector<std::string>& bloc_ids) const;

  // The attributes of relation types, in the order given: a fixed colour and line style for each
  // built-in type; the palette colours, dotted, for other types; the style sheet's rules over them.
  std::vector<StyleAttributes> types(const std::vector<std::string>& type_ids) const;

  // Graph attributes set by the style sheet (the diagram's own defaults depend on the layout).
  const StyleAttributes& graph() const noexcept { return graph_; }

  // The attributes a target accepts.
  static const std::vector<std::string>& attributes(StyleTarget target);

 private:
  std::map<std::string, StyleAttributes, std::less<>> kinds_, blocs_, types_;
  StyleAttributes graph_;
};

// Reads a style file over the defaults. Throws IoError when the file cannot be read and DataError
// with every problem found (file:line:column, as the dataset reader reports them) when it is invalid.
StyleSheet read_style_sheet(const std::string& path);

// The same from text; `file` names it in diagnostics.
StyleSheet parse_style_sheet(std::string_view text, const std::string& file);

}  // namespace actorgraph
