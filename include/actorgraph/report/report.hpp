// The HTML report: one self-contained page (inline SVG and CSS, no script, nothing fetched) that an
// analyst can read, print on A4 and cite from. The caller computes the pieces (analysis/, render/);
// this module only lays them out, escaping every string that comes from the dataset.
#pragma once

#include "actorgraph/analysis/influence.hpp"
#include "actorgraph/analysis/stats.hpp"
#include "actorgraph/model/dataset.hpp"

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
  std::string title;
  std::string slice_description;
  std::string generated_with;  // e.g. "actorgraph 0.1.0: actorgraph report graphs/tajikistan ..."
  Stats stats;
  std::string network_svg;     // inline SVG of the whole network (may be empty)
  std::string ego_svg;         // inline SVG of the target's ego network (may be empty)
  std::size_t ego_depth = 1;   // its depth, in relations
  bool ego_collapsed = false;  // drawn with officials, agencies and units rolled up
  std::vector<CentralitySection> centrality;
  std::optional<ActorId> target;
  std::optional<InfluenceResult> influence;
  std::string influence_parameters;  // the parameter file used ("": the built-in defaults)
  std::string influence_chart_svg, timeline_svg;
  std::size_t explain = 5;     // top relations listed per bloc
  std::vector<PartnerSection> partners;  // the target's direct partners
  Diagnostics warnings;        // from check: disagreements between sources
  std::vector<std::string> files;  // the other files written beside the report, for the "Files" list
};

// The whole HTML document.
std::string report_html(const Dataset& dataset, const ReportContent& content);

}  // namespace actorgraph
