// What `influence` and `report` share: choosing blocs and parameters from the command line, and
// writing the result as a table, CSV or JSON.
#pragma once

#include "cli/output.hpp"

#include "actorgraph/analysis/influence.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace actorgraph::cli {

// Blocs from blocs.csv by id (`ids`) and given as NAME=ACTOR+ACTOR... (`ad_hoc`); when both are
// empty, all the dataset's blocs except those the target belongs to (a bloc's influence on one of
// its own members is not measured), each left out with a note on stderr. UsageError for an unknown
// bloc (with a hint) or a malformed spec.
std::vector<BlocSpec> influence_blocs(const Dataset& d, ActorId target, const std::vector<std::string>& ids,
                                      const std::vector<std::string>& ad_hoc);

// Loads `params`, or DATASET/influence.csv when `params` is empty and the file exists, into
// `parameters`; returns the file used ("" for the built-in defaults).
std::string load_influence_parameters(const Dataset& d, const std::string& params, InfluenceParameters& parameters);

// FROM:TO (years) of --timeline.
struct YearRange {
  int from = 0, to = 0;
};
YearRange parse_year_range(const std::string& text, const std::string& option);

// The scores at the end of each year of `years` (without sensitivity ranges).
std::vector<InfluenceResult> influence_by_year(const Dataset& d, const Slice& slice, InfluenceOptions options, YearRange years);

// year, BLOC_score, BLOC_share..., balance (two blocs).
ResultTable timeline_table(const std::vector<BlocSpec>& blocs, const std::vector<InfluenceResult>& years, YearRange range,
                           const std::string& format);

// bloc, direct, reach, score, share, share_min, share_max, members.
ResultTable influence_table(const Dataset& d, const InfluenceOptions& o, const InfluenceResult& r, const std::string& format);

// The whole result as one JSON document: target, date, slice, every bloc with its breakdown by
// type and every contribution with its citation, the balance.
void write_influence_json(std::ostream& out, const Dataset& d, const InfluenceOptions& o, const InfluenceResult& r,
                          const std::string& slice_description);

}  // namespace actorgraph::cli
