#include "actorgraph/render/style.hpp"

#include "actorgraph/error.hpp"
#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/text_file.hpp"
#include "actorgraph/model/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace actorgraph {

namespace {

// Okabe & Ito (2008), "Color Universal Design": line colours at full strength, fill colours halfway
// to white so that black labels stay readable on them.
struct PaletteColour {
  const char* name;
  const char* line;
  const char* fill;
};
constexpr std::array<PaletteColour, 7> palette = {{
    {"blue", "#0072B2", "#80B9D9"},
    {"vermillion", "#D55E00", "#EAAF80"},
    {"orange", "#E69F00", "#F3CF80"},
    {"bluish_green", "#009E73", "#80CFB9"},
    {"reddish_purple", "#CC79A7", "#E6BCD3"},
    {"sky_blue", "#56B4E9", "#ABDAF4"},
    {"yellow", "#F0E442", "#F8F2A1"},
}};

// Blocs whose colour readers expect: NATO blue, Russia and the organisations it leads red, China orange.
std::size_t known_bloc_colour(std::string_view id) {
  if (id == "nato" || id == "eu" || id == "usa") return 0;
  if (id == "russia" || id == "csto" || id == "cis" || id == "eaeu") return 1;
  if (id == "china" || id == "sco") return 2;
  return palette.size();
}

struct KindShape {
  const char* kind;
  const char* shape;
  const char* peripheries;  // nullptr: Graphviz's default (1)
  const char* style = nullptr;  // added to the node style (which is always filled)
};
// Shapes chosen to stay readable with a label inside (no regular shapes such as circle or Msquare,
// which grow to the label's width in both directions) and to have a glyph for the legend.
constexpr std::array<KindShape, 16> kind_shapes = {{
    {"state", "box", nullptr},
    {"organization", "hexagon", nullptr},
    {"program", "pentagon", nullptr},
    {"agency", "house", nullptr},
    {"military_unit", "box", "2"},
    {"person", "ellipse", nullptr},
    {"place", "parallelogram", nullptr},
    {"university", "box3d", nullptr},
    {"fund", "diamond", nullptr},
    {"event", "ellipse", "2"},
    {"body", "hexagon", "2"},  // an organisation's body: its organisation's shape, doubled
    {"academy", "box3d", nullptr},  // places of education share the university's shape
    {"institute", "box3d", nullptr},
    {"school", "box3d", nullptr},
    {"document", "note", nullptr},
    {"group", "ellipse", nullptr, "dashed"},  // an informal set of people or units: a person's shape, dashed
}};
constexpr const char* other_kind_shape = "octagon";

struct TypeLook {
  const char* type;
  const char* color;
  const char* style;
  const char* penwidth;
};
// Colour groups by field (orange: money and goods, vermillion: force, blue: institutions, purple:
// contacts, green: agreements), line style within a group; the heaviest line for troop presence.
constexpr std::array<TypeLook, 14> type_looks = {{
    {"agreement", "#009E73", "solid", "1.5"},
    {"membership", "#0072B2", "solid", "1.5"},
    {"affiliation", "#999999", "dotted", "1.5"},
    {"visit", "#CC79A7", "solid", "1.5"},
    {"meeting", "#CC79A7", "dashed", "1.5"},
    {"funding", "#E69F00", "solid", "1.5"},
    {"training", "#56B4E9", "solid", "1.5"},
    {"exercise", "#D55E00", "dashed", "1.5"},
    {"troop_presence", "#D55E00", "solid", "3"},
    {"transit", "#E69F00", "dashed", "1.5"},
    {"cooperation", "#009E73", "dashed", "1.5"},
    {"statement", "#555555", "dashed", "1.5"},
    {"supply", "#E69F00", "solid", "3"},
    {"representation", "#0072B2", "dashed", "1.5"},
}};

const std::vector<std::string> shapes = {
    "assembly", "box", "box3d", "cds", "circle", "component", "cylinder", "diamond", "doublecircle", "doubleoctagon",
    "egg", "ellipse", "fivepoverhang", "folder", "hexagon", "house", "insulator", "invhouse", "invtrapezium",
    "invtriangle", "larrow", "lpromoter", "Mcircle", "Mdiamond", "Msquare", "none", "note", "noverhang", "octagon",
    "oval", "parallelogram", "pentagon", "plain", "plaintext", "point", "polygon", "primersite", "promoter",
    "proteasesite", "proteinstab", "rarrow", "rect", "rectangle", "restrictionsite", "ribosite", "rnastab",
    "rpromoter", "septagon", "signature", "square", "star", "tab", "terminator", "threepoverhang", "trapezium",
    "triangle", "tripleoctagon", "underline", "utr"};

const std::vector<std::string> node_styles = {"filled", "rounded", "dashed", "dotted", "bold", "solid", "invis",
                                              "diagonals", "striped", "wedged", "radial"};
const std::vector<std::string> edge_styles = {"solid", "dashed", "dotted", "bold", "invis", "tapered"};

bool is_numeric_attribute(std::string_view a) {
  return a == "fontsize" || a == "penwidth" || a == "width" || a == "height" || a == "peripheries" ||
         a == "arrowsize" || a == "weight" || a == "len";
}

bool is_colour_attribute(std::string_view a) {
  return a == "color" || a == "fillcolor" || a == "fontcolor" || a == "bgcolor";
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string suggestion(std::string_view name, const std::vector<std::string>& candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  const std::string hint = did_you_mean(name, views);
  return did_you_mean_clause(hint);
}

bool is_number(std::string_view s) {
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(value) && value >= 0;
}

// One colour of a Graphviz colour list ("a:b", "a;0.3:b"): #RRGGBB[AA], or a name or HSV triple
// made of letters, digits, spaces, dots and commas (Graphviz knows the names).
bool is_colour(std::string_view list) {
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(':', start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view c = list.substr(start, end - start);
    if (const auto semi = c.find(';'); semi != std::string_view::npos) {
      if (!is_number(c.substr(semi + 1))) return false;
      c = c.substr(0, semi);
    }
    if (c.empty()) return false;
    if (c.front() == '#') {
      if (c.size() != 7 && c.size() != 9) return false;
      for (char ch : c.substr(1))
        if (!std::isxdigit(static_cast<unsigned char>(ch))) return false;
    } else {
      for (char ch : c)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != ' ' && ch != '.' && ch != ',' && ch != '/' && ch != '_') return false;
    }
    start = end + 1;
  }
  return true;
}

const char* target_name(StyleTarget t) {
  switch (t) {
    case StyleTarget::graph: return "graph";
    case StyleTarget::kind: return "kind";
    case StyleTarget::bloc: return "bloc";
    case StyleTarget::type: return "type";
  }
  return "";
}

// Why `value` is not a valid `attribute`, or "" when it is.
std::string check_value(StyleTarget target, const std::string& attribute, std::string_view value) {
  if (value.empty()) return "empty value for " + quoted(attribute);
  if (is_numeric_attribute(attribute) && !is_number(value))
    return attribute + " must be a non-negative number, not " + quoted(value);
  if (is_colour_attribute(attribute) && !is_colour(value))
    return quoted(value) + " is not a colour (#RRGGBB, #RRGGBBAA or a Graphviz colour name)";
  if (attribute == "shape" && std::find(shapes.begin(), shapes.end(), value) == shapes.end())
    return "unknown shape " + quoted(value) + suggestion(value, shapes);
  if (attribute == "style") {
    const auto& allowed = target == StyleTarget::type ? edge_styles : node_styles;
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t end = value.find(',', start);
      if (end == std::string_view::npos) end = value.size();
      const std::string_view item = trim(value.substr(start, end - start));
      if (std::find(allowed.begin(), allowed.end(), item) == allowed.end())
        return "unknown " + std::string(target == StyleTarget::type ? "edge" : "node") + " style " + quoted(item) +
               suggestion(item, allowed);
      start = end + 1;
    }
  }
  if (attribute == "rankdir" && value != "TB" && value != "LR" && value != "BT" && value != "RL")
    return "rankdir must be TB, LR, BT or RL, not " + quoted(value);
  return {};
}

}  // namespace

const std::vector<std::string>& StyleSheet::attributes(StyleTarget target) {
  static const std::vector<std::string> node = {"color", "fillcolor", "fontcolor", "fontname", "fontsize", "height",
                                                "margin", "penwidth", "peripheries", "shape", "style", "width"};
  static const std::vector<std::string> edge = {"arrowhead", "arrowsize", "arrowtail", "color", "fontcolor",
                                                "fontname", "fontsize", "len", "penwidth", "style", "weight"};
  static const std::vector<std::string> graph = {"bgcolor", "concentrate", "dpi", "esep", "fontcolor", "fontname",
                                                 "fontsize", "K", "labeljust", "labelloc", "margin", "mindist",
                                                 "nodesep", "outputorder", "overlap", "pad", "rankdir", "ranksep",
                                                 "ratio", "sep", "size", "splines"};
  switch (target) {
    case StyleTarget::graph: return graph;
    case StyleTarget::kind:
    case StyleTarget::bloc: return node;
    case StyleTarget::type: return edge;
  }
  return graph;
}

void StyleSheet::set(StyleTarget target, const std::string& key, const std::string& attribute, const std::string& value) {
  const auto& allowed = attributes(target);
  if (std::find(allowed.begin(), allowed.end(), attribute) == allowed.end())
    throw UsageError("unknown attribute " + quoted(attribute) + " for a " + target_name(target) + suggestion(attribute, allowed));
  if (const std::string why = check_value(target, attribute, value); !why.empty()) throw UsageError(why);
  switch (target) {
    case StyleTarget::graph: graph_[attribute] = value; break;
    case StyleTarget::kind: kinds_[key][attribute] = value; break;
    case StyleTarget::bloc: blocs_[key][attribute] = value; break;
    case StyleTarget::type: types_[key][attribute] = value; break;
  }
}

StyleAttributes StyleSheet::kind(std::string_view kind) const {
  StyleAttributes a{{"shape", other_kind_shape}};
  for (const auto& k : kind_shapes)
    if (kind == k.kind) {
      a["shape"] = k.shape;
      if (k.peripheries) a["peripheries"] = k.peripheries;
      if (k.style) a["style"] = k.style;
    }
  if (const auto it = kinds_.find(kind); it != kinds_.end())
    for (const auto& [name, value] : it->second) a[name] = value;
  return a;
}

std::vector<StyleAttributes> StyleSheet::blocs(const std::vector<std::string>& ids) const {
  std::vector<StyleAttributes> out(ids.size());
  std::vector<bool> taken(palette.size(), false);
  std::vector<bool> assigned(ids.size(), false);
  // Blocs the style sheet colours, then the well-known blocs, then the rest in order.
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (const auto it = blocs_.find(ids[i]); it != blocs_.end() && it->second.count("fillcolor")) assigned[i] = true;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::size_t c = known_bloc_colour(ids[i]);
    if (assigned[i] || c == palette.size() || taken[c]) continue;
    out[i]["fillcolor"] = palette[c].fill;
    taken[c] = assigned[i] = true;
  }
  std::size_t next = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (assigned[i]) continue;
    if (std::find(taken.begin(), taken.end(), false) == taken.end()) std::fill(taken.begin(), taken.end(), false);
    while (taken[next % palette.size()]) ++next;
    out[i]["fillcolor"] = palette[next % palette.size()].fill;
    taken[next % palette.size()] = true;
  }
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (const auto it = blocs_.find(ids[i]); it != blocs_.end())
      for (const auto& [name, value] : it->second) out[i][name] = value;
  return out;
}

std::vector<StyleAttributes> StyleSheet::types(const std::vector<std::string>& ids) const {
  std::vector<StyleAttributes> out(ids.size());
  std::size_t other = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto look = std::find_if(type_looks.begin(), type_looks.end(), [&](const TypeLook& t) { return ids[i] == t.type; });
    if (look != type_looks.end()) {
      out[i] = {{"color", look->color}, {"style", look->style}, {"penwidth", look->penwidth}};
    } else {
      const auto& c = palette[other % (palette.size() - 1)];  // not yellow: too light for a line
      out[i] = {{"color", c.line}, {"style", other < palette.size() - 1 ? "dotted" : "dashed"}, {"penwidth", "1.5"}};
      ++other;
    }
    if (const auto it = types_.find(ids[i]); it != types_.end())
      for (const auto& [name, value] : it->second) out[i][name] = value;
  }
  return out;
}

namespace {

// The problems of a style file, each located at a byte offset of its text.
struct StyleProblems {
  const std::string& file;
  LineIndex lines;
  Diagnostics list;
  void report(std::uint64_t offset, std::string message) {
    Diagnostic d{file, 0, 0, Severity::error, std::move(message)};
    lines.locate(offset, d.line, d.column);
    list.push_back(std::move(d));
  }
};

// The header row `fields`: the positions of target, key, attribute and value in it. False when a
// column is missing (reported; a repeated column is reported too, its first place used).
bool style_columns(const std::vector<CsvField>& fields, StyleProblems& problems, std::array<std::size_t, 4>& position) {
  static const std::vector<std::string> columns = {"target", "key", "attribute", "value"};
  const std::size_t width = fields.size();
  bool ok = true;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    std::size_t found = width;
    for (std::size_t i = 0; i < width; ++i)
      if (fields[i].value == columns[c]) {
        if (found != width)
          problems.report(fields[i].offset, "column " + quoted(columns[c]) + " appears twice in the header");
        else found = i;
      }
    if (found == width) {
      problems.report(fields.front().offset,
                      "missing required column " + quoted(columns[c]) + " (the header is target,key,attribute,value)");
      ok = false;
    }
    position[c] = found;
  }
  return ok;
}

// One rule row of the style file, added to `sheet`, or its first problem reported.
void add_style_rule(const std::vector<CsvField>& fields, const std::array<std::size_t, 4>& position, StyleProblems& problems,
                    StyleSheet& sheet) {
  const CsvField& target_field = fields[position[0]];
  const CsvField& key_field = fields[position[1]];
  const CsvField& attribute_field = fields[position[2]];
  const CsvField& value_field = fields[position[3]];
  const std::string target_text(target_field.value), key(key_field.value), attribute(attribute_field.value), value(value_field.value);

  StyleTarget target;
  if (target_text == "graph")
    target = StyleTarget::graph;
  else if (target_text == "kind")
    target = StyleTarget::kind;
  else if (target_text == "bloc")
    target = StyleTarget::bloc;
  else if (target_text == "type")
    target = StyleTarget::type;
  else
    return problems.report(target_field.offset, "unknown target " + quoted(target_text) + ": kind, bloc, type or graph" +
                                                    suggestion(target_text, {"kind", "bloc", "type", "graph"}));
  if (target == StyleTarget::graph && !key.empty()) return problems.report(key_field.offset, "a graph rule takes no key: leave it empty");
  if (target != StyleTarget::graph && key.empty())
    return problems.report(key_field.offset, std::string("a ") + target_name(target) + " rule needs a key: the " + target_name(target) +
                                                 (target == StyleTarget::kind ? "" : " id") + " it styles");
  const auto& allowed = StyleSheet::attributes(target);
  if (std::find(allowed.begin(), allowed.end(), attribute) == allowed.end())
    return problems.report(attribute_field.offset,
                           "unknown attribute " + quoted(attribute) + " for a " + target_name(target) + suggestion(attribute, allowed));
  if (const std::string why = check_value(target, attribute, value); !why.empty()) return problems.report(value_field.offset, why);
  sheet.set(target, key, attribute, value);
}

}  // namespace

StyleSheet parse_style_sheet(std::string_view text, const std::string& file) {
  StyleSheet sheet;
  StyleProblems problems{file, LineIndex(text), {}};
  CsvReader reader(text);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> syntax;
  if (!reader.next(fields, syntax)) {
    problems.list.push_back({file, 0, 0, Severity::error, "empty file: expected a header row 'target,key,attribute,value'"});
    throw DataError(std::move(problems.list));
  }
  for (const auto& p : syntax) problems.report(p.offset, p.message);
  std::array<std::size_t, 4> position{};
  const std::size_t width = fields.size();
  if (!style_columns(fields, problems, position) || !syntax.empty()) throw DataError(std::move(problems.list));

  while (true) {
    syntax.clear();
    if (!reader.next(fields, syntax)) break;
    for (const auto& p : syntax) problems.report(p.offset, p.message);
    if (!syntax.empty()) continue;
    if (fields.size() != width) {
      problems.report(fields.size() < width ? reader.record_end() : fields[width].offset,
                      "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()));
      continue;
    }
    add_style_rule(fields, position, problems, sheet);
  }
  if (!problems.list.empty()) throw DataError(std::move(problems.list));
  return sheet;
}

StyleSheet read_style_sheet(const std::string& path) { return parse_style_sheet(read_text_file(path, "the style file"), path); }

}  // namespace actorgraph
