// What the `influence` command and the report share: choosing blocs and parameters as a user names
// them, and writing the result as a table, CSV or JSON.
#pragma once

#include "actorgraph/analysis/influence.hpp"
#include "actorgraph/report/table.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace actorgraph {

// Blocs from blocs.csv by id (`ids`) and given as NAME=ACTOR+ACTOR... (`ad_hoc`); when both are
// empty, all the dataset's blocs except those the target belongs to (a bloc's influence on one of
// its own members is not measured), each left out with a note appended to `notes` (when given:
// "bloc 'X' is left out: ..."). UsageError for an unknown bloc (with a hint) or a malformed spec.
std::vector<BlocSpec> influence_blocs(const Dataset& d, ActorId target, const std::vector<std::string>& ids,
                                      const std::vector<std::string>& ad_hoc, std::vector<std::string>* notes = nullptr);

// Loads `params`, or DATASET/influence.csv when `params` is empty and the file exists, into
// `parameters`; returns the file used ("" for the built-in defaults).
std::string load_influence_parameters(const Dataset& d, const std::string& params, InfluenceParameters& parameters);

// FROM:TO (years), e.g. --timeline; `option` names the option in the UsageError of a malformed range.
struct YearRange {
  int from = 0, to = 0;
};
YearRange parse_year_range(const std::string& text, const std::string& option);

// The figures at the end of each year of `years`, each with its interval.
std::vector<InfluenceResult> influence_by_year(const Dataset& d, const Slice& slice, InfluenceOptions options, YearRange years);

// year, then for each bloc its combined score and share with their intervals, then the balance of
// two blocs with its interval.
ResultTable timeline_table(const std::vector<BlocSpec>& blocs, const std::vector<InfluenceResult>& years, YearRange range,
                           const std::string& format);

// Every figure as one row (the CSV output and the report's influence.csv): bloc_id, bloc, dimension,
// measure (score, cooperative, conflictual, share, dependence, balance), value, low, high, and the
// parts of the interval (undated, sources, bootstrap, parameters), facts and sources.
ResultTable influence_table(const Dataset& d, const InfluenceOptions& o, const InfluenceResult& r, const std::string& format);

// One row per bloc and dimension, for people: score, share and dependence with their intervals.
ResultTable influence_summary_table(const InfluenceResult& r, const std::string& format);

// The parts of each combined figure's interval (and of the balance by dimension), for people.
ResultTable influence_parts_table(const InfluenceResult& r, const std::string& format);

// The whole result as one JSON document: target, date, what is measured, the sources, every bloc
// with its figures by dimension (each with its interval and parts), its facts with their rows and
// citations, the balance, the partners' dependence shares. No NaN: undefined numbers are null.
void write_influence_json(std::ostream& out, const Dataset& d, const InfluenceOptions& o, const InfluenceResult& r,
                          const std::string& slice_description);

}  // namespace actorgraph
