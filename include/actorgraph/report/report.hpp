// The HTML report: one self-contained page (inline SVG and CSS, no script, nothing fetched) that an
// analyst can read, print on A4 and cite from. The caller computes the pieces (analysis/, render/);
// this module only lays them out, escaping every string that comes from the dataset.
#pragma once

#include "actorgraph/analysis/influence.hpp"
#include "actorgraph/analysis/stats.hpp"
#include "actorgraph/model/dataset.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace actorgraph {

struct RankedActor {
  ActorId actor;
  double score;
};

struct CentralitySection {
  std::string measure;     // e.g. "pagerank"
  std::string definition;  // one sentence: what the number means
  std::vector<RankedActor> top;
};

struct PartnerSection {
  ActorId partner;
  std::vector<RelationId> relations;
};

// One row of the diagrams' legend, drawn in HTML beside them (so it prints at the text's size).
struct LegendLine {
  std::string type;    // relation type id
  std::string colour;  // its line colour
  std::string style;   // solid, dashed, dotted or bold
  double width = 1.5;  // line width in points
};

struct ReportContent {
  std::string title;         // the dataset's title (dataset_display_name)
  std::string subtitle;      // e.g. "Influence on Tajikistan and its network"
  std::string dataset_name;  // how the dataset is named: its title or its folder's name, never a path
  std::string slice_description;
  std::string as_of;           // --at: the diagrams and tables show the relations that began by then ("": all)
  std::string generated_with;  // e.g. "Made with actorgraph 0.1.0: actorgraph report tajikistan ..." (no paths)
  std::string paper = "a4";    // a4 or letter: the @page size
  Stats stats;
  std::vector<std::string> summary;  // the executive summary's sentences (executive_summary), plain text
  std::map<std::string, std::string> bloc_colours;  // by bloc id (assign_bloc_colours)
  std::string overview_svg;    // inline SVG of the whole network rolled up (may be empty)
  std::string network_file;    // the full-detail diagram beside the report ("" when not drawn)
  std::string ego_svg;         // inline SVG of the target's ego network (may be empty)
  std::vector<LegendLine> legend_types;                        // the relation types drawn
  std::vector<std::pair<std::string, std::string>> legend_kinds;  // actor kind, Graphviz shape
  std::size_t ego_depth = 1;   // its depth, in relations
  bool ego_collapsed = false;  // drawn with officials, agencies and units rolled up
  bool centrality_rolled_up = true;  // centrality ranks states and organisations, their officials counted in
  std::vector<CentralitySection> centrality;
  std::optional<ActorId> target;
  std::optional<InfluenceResult> influence;
  std::string influence_parameters;  // the parameter file's name ("": the built-in defaults)
  std::string influence_chart_svg, dimension_chart_svg, timeline_svg;
  std::size_t explain = 5;     // at least this many facts listed per bloc (more until they cover 80% of its score)
  std::vector<PartnerSection> partners;  // the target's direct partners, most relations first
  std::size_t partner_detail = 5;        // partners shown with every relation; the rest go to the appendix
  Diagnostics warnings;        // from check, files named relative to the dataset
  std::vector<std::string> files;  // the other files written beside the report, for the "Files" list
  bool link_files = true;      // link the files beside the report (false when printing to PDF)
};

// The facts listed under "What weighs most" for a bloc: the largest first, at least `at_least` of
// them, and then more until their values add up to `cover` (0.8: 80%) of the sum of the facts'
// absolute values, but no more than max(at_least, max_facts_listed) (the table says what share of
// the score the listed facts make). Returns how many to list.
inline constexpr std::size_t max_facts_listed = 25;
std::size_t facts_to_list(const BlocInfluence& bloc, std::size_t at_least, double cover = 0.8);

// The command line as the report shows it: "actorgraph" and the arguments, every argument that
// holds a '/' taken for a path and reduced to its last part (the dataset's and the report's folder
// names, a parameter file's name; "--params=/x/y.csv" keeps its option), so the report names no
// folder of the machine it was made on.
std::string portable_command_line(const std::vector<std::string>& arguments);

// Diagnostics with their files named inside the dataset ("relations.csv", not the path they were
// read from); a file outside the dataset folder is named by its file name.
Diagnostics relative_to_dataset(const Diagnostics& diagnostics, const std::string& dataset_path);

// The page area every drawing of the report must fit, in points: the width and height left by the
// report's margins on both A4 and Letter, less room for a heading and a caption.
inline constexpr double page_width_pt = 515, page_height_pt = 560;

// `svg` (a drawing whose root element has width and height in pt and a viewBox in points, as
// Graphviz writes them) with its width and height attributes scaled so that it fits
// max_width × max_height points, never enlarged; the viewBox is kept, so everything inside scales
// alike. `scale` receives the factor (1 when the drawing fits as it is).
std::string fit_svg(const std::string& svg, double max_width, double max_height, double& scale);

// The smallest font-size="N" in an SVG, in its own units; 0 when it has none.
double smallest_font_size(const std::string& svg);

// The whole HTML document.
std::string report_html(const Dataset& dataset, const ReportContent& content);

}  // namespace actorgraph
