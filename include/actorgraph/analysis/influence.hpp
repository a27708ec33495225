// Competing influence on a target actor: how much each bloc (NATO and its members, Russia and the
// organisations it leads, ...) weighs on the target, explained by the relations behind the number,
// over time, with a sensitivity range. docs/influence.md gives the formula and the reasons for
// every default.
//
//   D(B) = Σ over relations r between the bloc and the target of  w(type r) · m(r) · decay(r) · c(r)
//   P(B) = personalised PageRank from the bloc's members, read at the target
//   S(B) = mix · D(B) + (1 − mix) · scale · P(B)           share(B) = S(B) / Σ S
//   balance of two blocs = (S(B1) − S(B2)) / (S(B1) + S(B2)), in [−1, 1]
//
// - m(r) = 1 + log10(1 + magnitude / unit scale) when the relation states a magnitude, else 1.
// - decay(r) = 1 while the relation is active at the reference date; after it ended,
//   0.5^(years since its end / half-life of its type); relations that start after the reference
//   date count 0; undated relations count `undated.factor`.
// - c(r) = 1 / k when r is one of k claims that dispute each other (`disputes`; those in the slice):
//   two sources disagreeing about one fact do not make two facts.
// - The bloc's members, and the target, include the actors that roll up to them through affiliation
//   relations (officials, agencies, units) when `collapse` is set.
// - P(B) walks the undirected network of the slice's relations weighted by w·m·decay, restarting at
//   the bloc's members; the target's own ties are not followed (it is absorbing), so a tie added to
//   the target never lowers any bloc's reach, and a bloc with no path to the target has no reach.
#pragma once

#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/slice.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace actorgraph {

// The editable parameters: a CSV file `parameter,value[,notes]` (influence.csv in the dataset
// folder, or --params FILE). Parameters: weight.TYPE, half_life.TYPE (years, or "none"),
// scale.UNIT, mix.direct, network.scale, network.damping, undated.factor.
struct InfluenceParameters {
  std::map<std::string, double> weight;     // by relation type; types not listed weigh `default_weight`
  std::map<std::string, double> half_life;  // years by type; infinity = no decay
  std::map<std::string, double> unit_scale; // by magnitude unit; units not listed: 1
  double default_weight = 1;
  double default_half_life = 3;
  double mix_direct = 0.7;
  double network_scale = 20;
  double damping = 0.85;
  double undated_factor = 0.5;

  static InfluenceParameters defaults();
  // Reads overrides from a parameter file; throws DataError with file:line:column diagnostics.
  void load(const std::string& path, const RelationTypes& types);
  double type_weight(const std::string& type) const;
  double type_half_life(const std::string& type) const;
};

struct BlocSpec {
  std::string name;
  std::vector<ActorId> members;  // the lead included
};

struct InfluenceOptions {
  ActorId target = 0;
  std::vector<BlocSpec> blocs;
  // The reference date; when absent, the latest start or end in the dataset.
  std::optional<PartialDate> at;
  bool collapse = true;
  InfluenceParameters parameters = InfluenceParameters::defaults();
  bool sensitivity = true;  // compute each share's range under ±50% parameter changes
};

struct Contribution {
  RelationId relation;
  double type_weight, magnitude_factor, decay;
  double credence;  // 1 / (number of claims in its dispute group), see `disputes` in docs/FORMAT.md
  double value;     // the product
};

struct BlocInfluence {
  std::string name;
  double direct = 0;    // D(B)
  double reach = 0;     // P(B)
  double score = 0;     // S(B)
  double share = 0;     // S(B) / Σ S (0 when every score is 0)
  double share_min = 0, share_max = 0;  // over the sensitivity variations
  std::map<std::string, double> by_type;   // D(B) by relation type
  std::vector<Contribution> contributions; // largest first, ties by relation number
};

struct InfluenceResult {
  PartialDate at;
  std::vector<BlocInfluence> blocs;
  std::optional<double> balance;  // for exactly two blocs
  double balance_min = 0, balance_max = 0;
  std::size_t undated_relations = 0;  // undated relations that contributed
};

// Throws UsageError when there are no blocs, a bloc has no member, or the target is in a bloc.
InfluenceResult measure_influence(const Dataset& dataset, const Slice& slice, const InfluenceOptions& options);

// The blocs declared in blocs.csv, by id.
std::vector<BlocSpec> dataset_blocs(const Dataset& dataset);

}  // namespace actorgraph
