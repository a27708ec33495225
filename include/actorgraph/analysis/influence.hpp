// Competing influence on a target actor, as a documented-ties index: how much each bloc (NATO and
// its members, Russia and its units, ...) is tied to the target in the relations the sources
// record, by dimension, signed, dated, with every fact behind the number and an interval taken from
// the evidence. docs/influence.md gives the formula, the reason for each choice and its limits.
//
//   v(r)    = sign(r) · w(type r) · m(r) · decay(r, t) · c(r) · s(r)    one relation (row)
//   F(f, B) = max over the fact's cooperative rows of v  −  max over its conflictual rows of |v|
//   S_d(B)  = Σ over the facts f between B and the target whose counted row is in dimension d of F
//   S(B)    = Σ_d S_d(B)
//   share_d(B)      = max(S_d(B), 0) / Σ over the blocs compared of max(S_d, 0)
//   dependence_d(B) = C_d(B) / Σ over every partner p of the target of C_d(p)   (C: cooperative part)
//   balance_d(B1, B2) = (S_d(B1) − S_d(B2)) / (|S_d(B1)| + |S_d(B2)|) ∈ [−1, 1]
//
// - sign(r): +1 cooperative, −1 conflictual, 0 neutral: the relation's `stance` when stated, else
//   its type's valence (types.csv, or valence.TYPE in the parameter file).
// - m(r) = 1 + log10(1 + magnitude / unit scale) when the relation states a magnitude, else 1.
// - decay(r, t): 1 while active at t; after it ended 0.5^(years since / half-life); 0 before it
//   starts. An undated relation counts from its attestation date (`attested`, else its earliest
//   source's publication date): ongoing types as active, events as ended on that date. Before it is
//   attested it counts 0 in the estimate and fully in the upper end of the undated range.
// - c(r) = 1 / k when r is one of k claims that dispute each other (`disputes`).
// - s(r): the factor of the relation's `status`: 1 when held, status.planned (0.5) when planned,
//   status.intended (0.25) when intended: an announced event is not yet a tie, and may not happen.
// - Facts: rows with the same `fact` id, and a row with the relation its `part_of` names, are one
//   fact; it counts once (its strongest row), so a sentence split into rows is not counted twice.
// - Roll-up: bloc members and the target include the actors that roll up to them through
//   affiliation relations (officials, agencies, units) when `collapse` is set (analysis/network.hpp).
// - Every figure is an Estimate: the point value and an interval that is the envelope of its parts
//   (undated bounds, leave-one-source-out, a seeded bootstrap over sources, a seeded Monte Carlo over
//   the parameters within their declared ranges), each part reported on its own.
#pragma once

#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/slice.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace actorgraph {

// The editable parameters: a CSV file `parameter,value[,low,high][,notes]` (influence.csv in the
// dataset folder, or --params FILE); low and high give the range the Monte Carlo draws from.
// Parameters: weight.TYPE, half_life.TYPE (years, or "none"), scale.UNIT, valence.TYPE,
// dimension.TYPE, status.planned, status.intended, default.weight, default.half_life,
// uncertainty.spread, uncertainty.draws, uncertainty.seed.
struct InfluenceParameters {
  using Range = std::pair<double, double>;  // low, high
  std::map<std::string, double> weight;      // by relation type; types not listed weigh `default_weight`
  std::map<std::string, double> half_life;   // years by type; infinity = no decay
  std::map<std::string, double> unit_scale;  // by magnitude unit; units not listed: 1
  std::map<std::string, Range> weight_range, half_life_range, scale_range;  // declared ranges
  std::map<std::string, Valence> valence;      // overrides the type's valence
  std::map<std::string, Dimension> dimension;  // overrides the type's dimension
  double default_weight = 1;
  double default_half_life = 3;
  // The share of its value a planned or intended relation counts with, in [0, 1] (0: left out).
  // Not drawn in the parameter part of the interval: it is a rule of counting, not a measured weight.
  double planned_factor = 0.5;
  double intended_factor = 0.25;
  // A parameter without a declared range varies within ×(1 − spread) .. ×(1 + spread).
  double spread = 0.5;
  std::size_t draws = 200;  // bootstrap and Monte Carlo draws each (0: neither)
  std::uint64_t seed = 1;

  static InfluenceParameters defaults();
  // Reads overrides from a parameter file; throws DataError with file:line:column diagnostics.
  void load(const std::string& path, const RelationTypes& types);
  double type_weight(const std::string& type) const;
  double type_half_life(const std::string& type) const;
  double scale_of(const std::string& unit) const;
  Range type_weight_range(const std::string& type) const;
  Range type_half_life_range(const std::string& type) const;  // (inf, inf) for no decay
  Range scale_range_of(const std::string& unit) const;
  Valence type_valence(const RelationType& type) const;
  Dimension type_dimension(const RelationType& type) const;
  // 1 for held, planned_factor or intended_factor.
  double status_factor(Status status) const noexcept;
};

struct BlocSpec {
  std::string name;
  std::vector<ActorId> members;  // the lead included
  std::string label;             // the name shown (the lead's label); empty: `name`
};

struct InfluenceOptions {
  ActorId target = 0;
  std::vector<BlocSpec> blocs;
  // The reference date; when absent, the latest start or end in the dataset.
  std::optional<PartialDate> at;
  bool collapse = true;
  InfluenceParameters parameters = InfluenceParameters::defaults();
  bool uncertainty = true;  // compute the intervals (else every interval is the point value)
};

struct ValueRange {
  double low = 0, high = 0;
};

// A figure with its interval and the parts the interval is made of.
struct Estimate {
  double value = 0;           // the point estimate
  double low = 0, high = 0;   // the interval: the envelope of value and every part below
  ValueRange undated;         // the estimate (undated relations from their attestation) .. every undated relation counted as active
  ValueRange sources;         // smallest .. largest leave-one-source-out value
  ValueRange bootstrap;       // 2.5th .. 97.5th percentile over the seeded bootstrap of sources
  ValueRange parameters;      // 2.5th .. 97.5th percentile over the seeded parameter draws
  std::vector<double> leave_one_out;  // by InfluenceResult::sources: the value without that source
};

inline constexpr std::size_t all_dimensions = dimension_count;  // index of the combined figures

// One relation between a bloc and the target, as it enters the measure.
struct Contribution {
  RelationId relation;
  double type_weight, magnitude_factor, decay;
  double credence;  // 1 / (number of claims in its dispute group), see `disputes` in docs/FORMAT.md
  double status_factor;  // 1 held, else the parameter of its status (planned, intended)
  int sign;         // +1 cooperative, −1 conflictual, 0 neutral
  double value;     // sign · weight · magnitude · decay · credence · status factor, at the reference date
  double high;      // the same with an undated relation counted as active (= value when dated or attested)
  Dimension dimension;
};

// A fact: the rows that describe it (one row unless `fact` or `part_of` group several).
struct FactContribution {
  std::string id;                 // the fact id, or the id of its one relation
  std::vector<RelationId> rows;   // the fact's rows between the bloc and the target, in file order
  std::optional<RelationId> counted, friction;  // the row whose value counts (cooperative, conflictual)
  double value = 0;               // cooperative part − conflictual part
  double high = 0;                // the same in the upper end of the undated range
};

struct DimensionInfluence {
  Estimate score, share, dependence;
  double cooperative = 0, conflictual = 0;  // the two parts of the score (conflictual as a positive number)
  std::size_t facts = 0;                    // facts with a counted row in this dimension (point)
};

struct BlocInfluence {
  std::string name, label;
  std::array<DimensionInfluence, dimension_count + 1> dimensions;  // by Dimension, then all_dimensions
  std::map<std::string, double> by_type;  // score by relation type (counted rows)
  std::vector<Contribution> contributions;  // every row linking the bloc and the target, largest |value| first
  std::vector<FactContribution> facts;      // largest |value| first, ties by first row
  std::vector<SourceId> sources;            // the sources its rows cite
  std::size_t unsourced_rows = 0;           // rows that cite no source
};

// A partner of the target (after roll-up) and its share of the target's cooperative ties.
struct PartnerShare {
  ActorId actor;
  std::array<double, dimension_count + 1> cooperative{};
  std::array<double, dimension_count + 1> share{};  // sums to 1 over the partners (0 when there are no ties)
};

struct InfluenceResult {
  PartialDate at;
  std::vector<BlocInfluence> blocs;
  std::optional<std::array<Estimate, dimension_count + 1>> balance;  // for exactly two blocs
  std::vector<SourceId> sources;        // the sources cited by the target's ties (those resampled)
  std::vector<PartnerShare> partners;   // every partner of the target, by actor number
  std::size_t undated_relations = 0;    // undated rows between a bloc and the target
  std::size_t not_yet_attested = 0;     // of those, attested only after the reference date (or never)
  std::size_t draws = 0;                // bootstrap and parameter draws made
  std::uint64_t seed = 0;
  // Rows between a bloc and the target that look like one fact counted twice (same two actors,
  // same quote, same dimension) but are not grouped by `fact` or `part_of`.
  std::vector<std::vector<RelationId>> possible_double_counts;
};

// Throws UsageError when there are no blocs, a bloc has no member, or the target is in a bloc.
InfluenceResult measure_influence(const Dataset& dataset, const Slice& slice, const InfluenceOptions& options);

// The blocs declared in blocs.csv, by id, labelled by their lead.
std::vector<BlocSpec> dataset_blocs(const Dataset& dataset);

}  // namespace actorgraph
