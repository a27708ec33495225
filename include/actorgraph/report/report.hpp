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

struct ReportContent {
  std::string title;         // the dataset's title (dataset_display_name)
  std::string subtitle;      // e.g. "Influence on Tajikistan and its network"
  std::string dataset_name;  // how the dataset is named: its title or its folder's name, never a path
  std::string slice_description;
  std::string generated_with;  // e.g. "Made with actorgraph 0.1.0: actorgraph report tajikistan ..." (no paths)
  std::string paper = "a4";    // a4 or letter: the @page size
  Stats stats;
  std::vector<std::string> summary;  // the executive summary's sentences (executive_summary), plain text
  std::map<std::string, std::string> bloc_colours;  // by bloc id (assign_bloc_colours)
  std::string overview_svg;    // inline SVG of the whole network rolled up (may be empty)
  std::string network_file;    // the full-detail diagram beside the report ("" when not drawn)
  std::string ego_svg;         // inline SVG of the target's ego network (may be empty)
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
  std::size_t partner_detail = 8;        // partners shown with every relation; the rest go to the appendix
  Diagnostics warnings;        // from check, files named relative to the dataset
  std::vector<std::string> files;  // the other files written beside the report, for the "Files" list
  bool link_files = true;      // link the files beside the report (false when printing to PDF)
};

// The facts listed under "What weighs most" for a bloc: the largest first, at least `at_least` of
// them, and then more until their values add up to `cover` (0.8: 80%) of the sum of the facts'
// absolute values. Returns how many to list.
std::size_t facts_to_list(const BlocInfluence& bloc, std::size_t at_least, double cover = 0.8);

// The whole HTML document.
std::string report_html(const Dataset& dataset, const ReportContent& content);

}  // namespace actorgraph
