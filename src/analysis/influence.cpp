#include "actorgraph/analysis/influence.hpp"

#include "actorgraph/analysis/network.hpp"
#include "actorgraph/format.hpp"
#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/text_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <set>
#include <unordered_map>

namespace actorgraph {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();


std::optional<double> parse_value(std::string_view text, bool allow_none) {
  if (allow_none && text == "none") return infinity;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

InfluenceParameters::Range spread_range(double value, double spread) { return {value * (1 - spread), value * (1 + spread)}; }

template <class Map>
typename Map::mapped_type lookup(const Map& map, const std::string& key, typename Map::mapped_type fallback) {
  const auto it = map.find(key);
  return it == map.end() ? fallback : it->second;
}

}  // namespace

InfluenceParameters InfluenceParameters::defaults() {
  InfluenceParameters p;
  // Weights on a 0-10 scale after the Goldstein (1992) cooperation scores of the matching CAMEO
  // event classes, with stationed forces at the top as the strongest dependence tie of the FBIC
  // index (docs/influence.md has the table and the reasons).
  p.weight = {{"troop_presence", 10}, {"supply", 7},   {"funding", 7},       {"training", 6},   {"exercise", 5},
              {"agreement", 5},       {"membership", 5}, {"transit", 4},     {"representation", 4}, {"cooperation", 3},
              {"visit", 2},           {"meeting", 1.5}, {"statement", 1},    {"affiliation", 0}};
  // Years after which an ended relation counts half: structural ties fade slowly, events quickly.
  p.half_life = {{"troop_presence", 10}, {"supply", 5},     {"funding", 5},   {"training", 5},        {"exercise", 4},
                 {"agreement", 8},       {"membership", 10}, {"transit", 4},  {"representation", 6}, {"cooperation", 5},
                 {"visit", 2},           {"meeting", 2},     {"statement", 1}, {"affiliation", 10}};
  // The size at which a magnitude doubles a relation's weight: 1 + log10(1 + magnitude / scale) = 2 at 9 × scale.
  p.unit_scale = {{"troops", 1000}, {"people", 100}, {"people_per_year", 100}, {"usd", 1e6}, {"eur", 1e6}};
  return p;
}

double InfluenceParameters::type_weight(const std::string& type) const { return lookup(weight, type, default_weight); }
double InfluenceParameters::type_half_life(const std::string& type) const { return lookup(half_life, type, default_half_life); }
double InfluenceParameters::scale_of(const std::string& unit) const { return lookup(unit_scale, unit, 1.0); }

InfluenceParameters::Range InfluenceParameters::type_weight_range(const std::string& type) const {
  return lookup(weight_range, type, spread_range(type_weight(type), spread));
}

InfluenceParameters::Range InfluenceParameters::type_half_life_range(const std::string& type) const {
  const double h = type_half_life(type);
  return lookup(half_life_range, type, std::isinf(h) ? Range{h, h} : spread_range(h, spread));
}

InfluenceParameters::Range InfluenceParameters::scale_range_of(const std::string& unit) const {
  return lookup(scale_range, unit, spread_range(scale_of(unit), spread));
}

Valence InfluenceParameters::type_valence(const RelationType& type) const { return lookup(valence, type.id, type.valence); }
Dimension InfluenceParameters::type_dimension(const RelationType& type) const { return lookup(dimension, type.id, type.dimension); }

double InfluenceParameters::status_factor(Status status) const noexcept {
  switch (status) {
    case Status::planned: return planned_factor;
    case Status::intended: return intended_factor;
    case Status::held: break;
  }
  return 1;
}

namespace {

// One parameter file read into an InfluenceParameters, every problem kept with its position
// (docs/influence.md lists the parameters).
class ParameterFile {
 public:
  ParameterFile(const std::string& path, std::string_view text, InfluenceParameters& p, const RelationTypes& types)
      : path_(path), text_(text), lines_(text), p_(p), types_(types) {}

  // Throws DataError with every problem.
  void read() {
    CsvReader reader(text_);
    std::vector<CsvField> fields;
    std::vector<CsvProblem> syntax;
    if (!reader.next(fields, syntax) || fields.size() < 2 || fields[0].value != "parameter" || fields[1].value != "value") {
      report(0, "expected the header 'parameter,value' (further columns low, high and notes are optional)");
      throw DataError(std::move(problems_));
    }
    for (std::size_t i = 2; i < fields.size(); ++i) {
      if (fields[i].value == "low") c_low_ = i;
      if (fields[i].value == "high") c_high_ = i;
    }
    while (reader.next(fields, syntax)) {
      for (const auto& p : syntax) report(p.offset, p.message);
      syntax.clear();
      if (fields.size() < 2) report(reader.record_offset(), "expected at least 2 fields, found " + std::to_string(fields.size()));
      else row(fields);
    }
    if (!problems_.empty()) throw DataError(std::move(problems_));
  }

 private:
  void report(std::uint64_t offset, std::string message) {
    Diagnostic d{path_, 0, 0, Severity::error, std::move(message)};
    lines_.locate(offset, d.line, d.column);
    problems_.push_back(std::move(d));
  }

  const CsvField* optional_field(const std::vector<CsvField>& fields, const std::optional<std::size_t>& column) const {
    return column && *column < fields.size() && !fields[*column].value.empty() ? &fields[*column] : nullptr;
  }

  // One row: NAME,VALUE[,LOW,HIGH]. NAME is GROUP.KEY for the per-type and per-unit parameters.
  void row(const std::vector<CsvField>& fields) {
    const std::string name(fields[0].value);
    const auto dot = name.find('.');
    const std::string group = name.substr(0, dot), key = dot == std::string::npos ? "" : name.substr(dot + 1);
    const CsvField* low = optional_field(fields, c_low_);
    const CsvField* high = optional_field(fields, c_high_);
    const bool ranged_group = (group == "weight" || group == "half_life" || group == "scale") && !key.empty();
    if (!ranged_group && (low || high)) {
      report((low ? low : high)->offset, name + " takes no range (low and high are for weight.TYPE, half_life.TYPE and scale.UNIT)");
      return;
    }
    if ((group == "weight" || group == "half_life" || group == "valence" || group == "dimension") && !key.empty() && !types_.find(key)) {
      std::vector<std::string_view> ids;
      for (const auto& t : types_.all()) ids.push_back(t.id);
      const std::string hint = did_you_mean(key, ids);
      report(fields[0].offset, "unknown relation type '" + key + "' in " + name + did_you_mean_clause(hint));
      return;
    }
    if (!key.empty() && (group == "valence" || group == "dimension")) return label(fields, name, group, key);
    if (name == "mix.direct" || name == "network.scale" || name == "network.damping" || name == "undated.factor") {
      report(fields[0].offset, "parameter '" + name + "' is no longer used: " +
             (name == "undated.factor" ? std::string("undated relations now give a range (docs/influence.md, \"Evidence in time\")")
                                       : std::string("the network term was dropped from the measure (docs/influence.md, \"No network term\")")) +
             "; remove the row");
      return;
    }
    const bool half = group == "half_life";
    const auto value = parse_value(fields[1].value, half);
    if (!value) {
      report(fields[1].offset, "value '" + std::string(fields[1].value) + "' of " + name + " is not a number" + (half ? " (or none, for no decay)" : ""));
      return;
    }
    if (ranged_group) ranged(fields[1], *value, low, high, name, group, key);
    else scalar(fields, *value, name);
  }

  // valence.TYPE or dimension.TYPE: a word.
  void label(const std::vector<CsvField>& fields, const std::string& name, const std::string& group, const std::string& key) {
    const std::string_view text = fields[1].value;
    if (group == "valence") {
      if (const auto v = parse_valence(text)) p_.valence[key] = *v;
      else report(fields[1].offset, name + " must be cooperative, conflictual or neutral, found '" + std::string(text) + "'");
    } else {
      if (const auto v = parse_dimension(text)) p_.dimension[key] = *v;
      else report(fields[1].offset, name + " must be security, political, economic or social, found '" + std::string(text) + "'");
    }
  }

  // Checks one number against [low, high] (or (low, high] when open_low); `what` names it.
  bool in_range(const CsvField& f, double v, double low, double high, bool open_low, const std::string& what) {
    if ((open_low ? v > low : v >= low) && v <= high) return true;
    report(f.offset, what + " must be " + (open_low ? "above " : "at least ") + shortest_number(low) +
           (high == infinity ? "" : " and at most " + shortest_number(high)) + ", found " + std::string(f.value));
    return false;
  }

  // weight.TYPE, half_life.TYPE, scale.UNIT: a value and an optional range [low, high] around it.
  void ranged(const CsvField& value_field, double value, const CsvField* low_field, const CsvField* high_field, const std::string& name,
              const std::string& group, const std::string& key) {
    const bool half = group == "half_life", open_low = group != "weight";
    if (!in_range(value_field, value, 0, infinity, open_low, name)) return;
    std::optional<InfluenceParameters::Range> range;
    if (low_field || high_field) {
      const auto low = low_field ? parse_value(low_field->value, half) : std::optional<double>(value);
      const auto high = high_field ? parse_value(high_field->value, half) : std::optional<double>(value);
      if (!low) return report(low_field->offset, "low '" + std::string(low_field->value) + "' of " + name + " is not a number");
      if (!high) return report(high_field->offset, "high '" + std::string(high_field->value) + "' of " + name + " is not a number");
      if (low_field && !in_range(*low_field, *low, 0, infinity, open_low, "the low end of " + name)) return;
      if (high_field && !in_range(*high_field, *high, 0, infinity, open_low, "the high end of " + name)) return;
      if (!(*low <= value && value <= *high))
        return report((low_field ? low_field : high_field)->offset,
                      "the range of " + name + " must contain its value: low <= value <= high, found " + shortest_number(*low) + " <= " +
                          std::string(value_field.value) + " <= " + shortest_number(*high));
      range = InfluenceParameters::Range{*low, *high};
    }
    auto& values = group == "weight" ? p_.weight : group == "half_life" ? p_.half_life : p_.unit_scale;
    auto& ranges = group == "weight" ? p_.weight_range : group == "half_life" ? p_.half_life_range : p_.scale_range;
    values[key] = value;
    if (range) ranges[key] = *range;
    else ranges.erase(key);
  }

  // The parameters that are one number.
  void scalar(const std::vector<CsvField>& fields, double value, const std::string& name) {
    const CsvField& f = fields[1];
    if (name == "default.weight") {
      if (in_range(f, value, 0, infinity, false, name)) p_.default_weight = value;
    } else if (name == "status.planned" || name == "status.intended") {
      if (in_range(f, value, 0, 1, false, name)) (name == "status.planned" ? p_.planned_factor : p_.intended_factor) = value;
    } else if (name == "default.half_life") {
      if (in_range(f, value, 0, infinity, true, name)) p_.default_half_life = value;
    } else if (name == "uncertainty.spread") {
      if (value >= 1) report(f.offset, name + " must be at least 0 and below 1, found " + std::string(f.value));
      else if (in_range(f, value, 0, 1, false, name)) p_.spread = value;
    } else if (name == "uncertainty.draws" || name == "uncertainty.seed") {
      const double limit = name == "uncertainty.draws" ? 100000 : 4294967295.0;
      if (value != std::floor(value)) report(f.offset, name + " must be a whole number, found " + std::string(f.value));
      else if (in_range(f, value, 0, limit, false, name)) {
        if (name == "uncertainty.draws") p_.draws = static_cast<std::size_t>(value);
        else p_.seed = static_cast<std::uint64_t>(value);
      }
    } else {
      static const std::vector<std::string_view> scalars{"default.weight",     "default.half_life", "status.planned", "status.intended",
                                                         "uncertainty.spread", "uncertainty.draws", "uncertainty.seed"};
      const std::string hint = did_you_mean(name, scalars);
      report(fields[0].offset, "unknown parameter '" + name + "'" +
             did_you_mean_clause(hint, " (expected weight.TYPE, half_life.TYPE, scale.UNIT, valence.TYPE, dimension.TYPE, status.planned, "
                                       "status.intended, default.weight, default.half_life, uncertainty.spread, uncertainty.draws or "
                                       "uncertainty.seed)"));
    }
  }

  const std::string& path_;
  std::string_view text_;
  LineIndex lines_;
  InfluenceParameters& p_;
  const RelationTypes& types_;
  Diagnostics problems_;
  std::optional<std::size_t> c_low_, c_high_;
};

}  // namespace

void InfluenceParameters::load(const std::string& path, const RelationTypes& types) {
  const std::string text = read_text_file(path, "the parameter file");
  ParameterFile(path, text, *this, types).read();
}

std::vector<BlocSpec> dataset_blocs(const Dataset& d) {
  std::vector<BlocSpec> out;
  for (const Bloc& b : d.blocs()) out.push_back({b.id, b.members, std::string(d.actor_label(b.lead))});
  return out;
}

namespace {

constexpr std::size_t D = dimension_count + 1;  // the dimensions and the combined figure
using PerDimension = std::array<double, D>;

// A relation with one end in the target (after roll-up) and the other in a partner.
struct Tie {
  RelationId relation;
  ActorId partner;                // the other end's representative
  std::size_t partner_index = 0;  // in Setup::partners
  std::vector<std::uint8_t> bloc; // [bloc]: the other end counts for the bloc
};

// Everything the evaluations share: what does not change when the parameters or sources do.
struct Setup {
  const Dataset* d;
  std::int32_t reference_day;
  std::vector<Tie> ties;                  // in relation order
  std::vector<RelationId> fact_of;        // the fact each relation belongs to (its smallest relation)
  std::vector<double> credence;           // by relation
  std::vector<SourceId> sources;          // the sources the ties cite, resampled
  std::vector<ActorId> partners;          // distinct partners, by actor number
  std::size_t bloc_count = 0;
};

// The ways one evaluation differs from the point estimate.
struct Variant {
  const InfluenceParameters* p;
  bool undated_high = false;                // count undated relations not yet attested as active
  const std::vector<std::uint8_t>* kept = nullptr;  // by source: in the resample (null: every source)
};

bool tie_kept(const Setup& s, const Variant& v, RelationId r) {
  if (!v.kept) return true;
  const auto cited = s.d->relation_sources(r);
  if (cited.empty()) return true;  // a relation without a source is not resampled
  return std::any_of(cited.begin(), cited.end(), [&](SourceId x) { return (*v.kept)[x] != 0; });
}

Contribution contribution(const Setup& s, const Variant& v, RelationId r) {
  const Dataset& d = *s.d;
  const InfluenceParameters& p = *v.p;
  const RelationType& type = d.types()[d.relation_type(r)];
  Contribution c{};
  c.relation = r;
  c.type_weight = p.type_weight(type.id);
  c.credence = s.credence[r];
  c.status_factor = p.status_factor(d.relation_status(r));
  c.dimension = p.type_dimension(type);
  Valence valence = p.type_valence(type);
  switch (d.relation_stance(r)) {
    case Stance::positive: valence = Valence::cooperative; break;
    case Stance::negative: valence = Valence::conflictual; break;
    case Stance::neutral: valence = Valence::neutral; break;
    case Stance::unstated: break;
  }
  c.sign = valence == Valence::cooperative ? 1 : valence == Valence::conflictual ? -1 : 0;
  c.magnitude_factor = 1;
  if (const Magnitude& mag = d.relation_magnitude(r); mag.present())
    c.magnitude_factor = 1 + std::log10(1 + mag.midpoint() / p.scale_of(std::string(d.relation_field(r, "unit"))));
  const double half_life = p.type_half_life(type.id);
  auto faded = [&](std::int32_t last) {
    if (last >= s.reference_day) return 1.0;
    return std::isinf(half_life) ? 1.0 : std::pow(0.5, (s.reference_day - last) / 365.2425 / half_life);
  };
  const Extent e = d.relation_extent(r);
  double decay = 0, high_decay = 0;
  if (e.dated) {
    decay = high_decay = e.first > s.reference_day ? 0.0 : faded(e.last);
  } else if (const PartialDate attested = d.relation_attested(r); !attested.empty() && attested.last_day() <= s.reference_day) {
    // Known by its attestation date: an ongoing tie still holds, an event happened by then.
    decay = high_decay = type.ongoing ? 1.0 : faded(attested.last_day());
  } else {
    decay = 0;        // not known to exist yet at the reference date
    high_decay = 1;   // the upper end: it may have held all along
  }
  c.decay = v.undated_high ? high_decay : decay;
  const double magnitude = c.sign * c.type_weight * c.magnitude_factor * c.credence * c.status_factor;
  c.value = magnitude * c.decay;
  c.high = magnitude * high_decay;
  return c;
}

// The cooperative and conflictual parts of a set of rows grouped into facts, with the row that
// counts for each part.
struct FactParts {
  double cooperative = 0, conflictual = 0;
  std::optional<std::size_t> cooperative_row, conflictual_row;  // indexes into the rows given
};

// Adds row i with value `value` to its fact's parts: a fact counts as its strongest row of each sign.
void add_to_fact(FactParts& f, std::size_t i, double value) {
  if (value > f.cooperative) {
    f.cooperative = value;
    f.cooperative_row = i;
  } else if (-value > f.conflictual) {
    f.conflictual = -value;
    f.conflictual_row = i;
  }
}

struct Evaluation {
  std::vector<PerDimension> net, cooperative, conflictual, share, dependence, facts;  // [bloc][dimension]
  PerDimension balance{};
  std::vector<PerDimension> partner_cooperative;  // [partner index][dimension]
  std::vector<Contribution> parts;                // by tie
};

Evaluation evaluate(const Setup& s, const Variant& v) {
  Evaluation out;
  const std::size_t B = s.bloc_count;
  out.net.assign(B, {});
  out.cooperative.assign(B, {});
  out.conflictual.assign(B, {});
  out.share.assign(B, {});
  out.dependence.assign(B, {});
  out.facts.assign(B, {});
  out.partner_cooperative.assign(s.partners.size(), {});
  out.parts.reserve(s.ties.size());
  for (const Tie& t : s.ties) {
    Contribution c = contribution(s, v, t.relation);
    if (!tie_kept(s, v, t.relation)) c.value = c.high = 0;
    out.parts.push_back(c);
  }
  // Facts per bloc and per partner: map fact -> parts.
  auto sum_facts = [&](auto&& member, PerDimension& coop, PerDimension& conf, PerDimension* count) {
    std::map<RelationId, FactParts> facts;
    for (std::size_t i = 0; i < s.ties.size(); ++i)
      if (member(s.ties[i]) && out.parts[i].value != 0) add_to_fact(facts[s.fact_of[s.ties[i].relation]], i, out.parts[i].value);
    for (const auto& [fact, f] : facts) {
      if (f.cooperative_row) {
        const auto dim = static_cast<std::size_t>(out.parts[*f.cooperative_row].dimension);
        coop[dim] += f.cooperative;
        coop[all_dimensions] += f.cooperative;
        if (count) (*count)[dim] += 1;
      }
      if (f.conflictual_row) {
        const auto dim = static_cast<std::size_t>(out.parts[*f.conflictual_row].dimension);
        conf[dim] += f.conflictual;
        conf[all_dimensions] += f.conflictual;
        if (count && (!f.cooperative_row || out.parts[*f.cooperative_row].dimension != out.parts[*f.conflictual_row].dimension))
          (*count)[dim] += 1;
      }
      if (count && (f.cooperative_row || f.conflictual_row)) (*count)[all_dimensions] += 1;
    }
  };
  for (std::size_t b = 0; b < B; ++b) {
    sum_facts([&](const Tie& t) { return t.bloc[b] != 0; }, out.cooperative[b], out.conflictual[b], &out.facts[b]);
    for (std::size_t k = 0; k < D; ++k) out.net[b][k] = out.cooperative[b][k] - out.conflictual[b][k];
  }
  {
    // Every partner at once: facts keyed by (partner, fact).
    std::map<std::pair<std::size_t, RelationId>, FactParts> facts;
    for (std::size_t i = 0; i < s.ties.size(); ++i)
      if (out.parts[i].value != 0) add_to_fact(facts[{s.ties[i].partner_index, s.fact_of[s.ties[i].relation]}], i, out.parts[i].value);
    for (const auto& [key, f] : facts)
      if (f.cooperative_row) {
        out.partner_cooperative[key.first][static_cast<std::size_t>(out.parts[*f.cooperative_row].dimension)] += f.cooperative;
        out.partner_cooperative[key.first][all_dimensions] += f.cooperative;
      }
  }
  PerDimension positive_total{}, partner_total{};
  for (std::size_t k = 0; k < D; ++k) {
    for (std::size_t b = 0; b < B; ++b) positive_total[k] += std::max(out.net[b][k], 0.0);
    for (const auto& pc : out.partner_cooperative) partner_total[k] += pc[k];
    for (std::size_t b = 0; b < B; ++b) {
      out.share[b][k] = positive_total[k] > 0 ? std::max(out.net[b][k], 0.0) / positive_total[k] : 0;
      out.dependence[b][k] = partner_total[k] > 0 ? out.cooperative[b][k] / partner_total[k] : 0;
    }
    if (B == 2) {
      const double sum = std::abs(out.net[0][k]) + std::abs(out.net[1][k]);
      out.balance[k] = sum > 0 ? (out.net[0][k] - out.net[1][k]) / sum : 0;
    }
  }
  return out;
}

// Every figure of one evaluation, in a fixed order: for each bloc and dimension the score, share
// and dependence, then the balances. The uncertainty parts are computed on these vectors.
std::vector<double> figures(const Evaluation& e) {
  std::vector<double> out;
  for (std::size_t b = 0; b < e.net.size(); ++b)
    for (std::size_t k = 0; k < D; ++k) {
      out.push_back(e.net[b][k]);
      out.push_back(e.share[b][k]);
      out.push_back(e.dependence[b][k]);
    }
  if (e.net.size() == 2)
    for (std::size_t k = 0; k < D; ++k) out.push_back(e.balance[k]);
  return out;
}

// The q-quantile of sorted values, by linear interpolation between closest ranks.
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto i = static_cast<std::size_t>(std::floor(at));
  const std::size_t j = std::min(i + 1, sorted.size() - 1);
  return sorted[i] + (at - static_cast<double>(i)) * (sorted[j] - sorted[i]);
}

// Uniform in [0, 1) from 53 bits: the same numbers with every standard library.
double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// A parameter set drawn uniformly within every declared range of the types and units present.
InfluenceParameters draw_parameters(const InfluenceParameters& base, const std::vector<std::string>& types,
                                    const std::vector<std::string>& units, std::mt19937_64& rng) {
  InfluenceParameters p = base;
  auto draw = [&](InfluenceParameters::Range r) { return r.first + (r.second - r.first) * uniform(rng); };
  for (const auto& t : types) {
    p.weight[t] = draw(base.type_weight_range(t));
    const auto h = base.type_half_life_range(t);
    p.half_life[t] = std::isinf(h.second) ? (std::isinf(h.first) ? h.first : base.type_half_life(t)) : draw(h);
  }
  for (const auto& u : units) p.unit_scale[u] = draw(base.scale_range_of(u));
  return p;
}

// The options make sense: every bloc has members, the target is in the slice and in no bloc.
void check_options(const Dataset& d, const Slice& slice, const InfluenceOptions& o) {
  if (o.blocs.empty()) throw UsageError("no blocs to compare: declare them in blocs.csv or give --blocs");
  for (const auto& b : o.blocs) {
    if (b.members.empty()) throw UsageError("bloc '" + b.name + "' has no member");
    if (std::find(b.members.begin(), b.members.end(), o.target) != b.members.end())
      throw UsageError("the target '" + std::string(d.actor_id(o.target)) + "' is a member of bloc '" + b.name +
                       "': a bloc's influence on its own member is not measured; leave the bloc out");
  }
  if (!slice.has_actor(o.target)) throw UsageError("the target '" + std::string(d.actor_id(o.target)) + "' is outside the slice");
}

// The reference date: the option's, else the latest start or end date in the dataset.
PartialDate reference_date(const Dataset& d, const InfluenceOptions& o) {
  if (o.at) return *o.at;
  PartialDate at;
  for (RelationId r = 0; r < d.relation_count(); ++r)
    for (const PartialDate* date : {&d.relation_start(r), &d.relation_end(r)})
      if (!date->empty() && (at.empty() || date->last_day() > at.last_day())) at = *date;
  if (at.empty()) throw UsageError("the dataset has no dates: give the reference date with --at");
  return at;
}

// Which actors stand for the target (itself and, with collapse, what rolls up to it) and, per bloc,
// which stand for the bloc (its members and what rolls up to them; never the target's side).
struct Sides {
  std::vector<std::uint8_t> target;
  std::vector<std::vector<std::uint8_t>> bloc;
};

Sides sides(const Dataset& d, const Network& net, const InfluenceOptions& o) {
  Sides sd;
  sd.target.assign(d.actor_count(), 0);
  for (ActorId a = 0; a < d.actor_count(); ++a) sd.target[a] = a == o.target || (o.collapse && net.representative(a) == o.target);
  for (const auto& b : o.blocs) {
    std::vector<std::uint8_t> member(d.actor_count(), 0);
    for (ActorId m : b.members) member[m] = 1;
    auto& counts = sd.bloc.emplace_back(d.actor_count(), 0);
    for (ActorId a = 0; a < d.actor_count(); ++a) counts[a] = !sd.target[a] && (member[a] || (o.collapse && member[net.representative(a)]));
  }
  return sd;
}

// s.fact_of: one `fact` id, or a part and its total, make one fact (union-find, the smallest
// relation as its root).
void group_facts(const Dataset& d, Setup& s) {
  s.fact_of.resize(d.relation_count());
  std::iota(s.fact_of.begin(), s.fact_of.end(), RelationId{0});
  auto find = [&](RelationId r) {
    while (s.fact_of[r] != r) r = s.fact_of[r] = s.fact_of[s.fact_of[r]];
    return r;
  };
  auto unite = [&](RelationId a, RelationId b) {
    a = find(a), b = find(b);
    if (a != b) s.fact_of[std::max(a, b)] = std::min(a, b);
  };
  std::unordered_map<std::string_view, RelationId> by_fact;
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    if (const auto total = d.relation_part_of(r)) unite(r, *total);
    if (const auto fact = d.relation_fact(r); !fact.empty()) {
      const auto [it, inserted] = by_fact.emplace(fact, r);
      if (!inserted) unite(r, it->second);
    }
  }
  for (RelationId r = 0; r < d.relation_count(); ++r) s.fact_of[r] = find(r);
}

// The types and magnitude units the ties use: the parameters drawn for the uncertainty.
struct Present {
  std::vector<std::string> types, units;
};

// The target's ties in the slice (s.ties, s.credence, s.sources, s.partners).
Present collect_ties(const Dataset& d, const Slice& slice, const InfluenceOptions& o, const Network& net, const Sides& sd, Setup& s) {
  s.credence.assign(d.relation_count(), 1);
  std::set<SourceId> cited;
  std::set<ActorId> partners;
  std::set<std::string> types_present, units_present;
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    if (!slice.has_relation(r)) continue;
    const ActorId u = d.relation_source(r), v = d.relation_target(r);
    if (sd.target[u] == sd.target[v]) continue;  // not a tie of the target, or internal to it
    const ActorId other = sd.target[u] ? v : u;
    Tie t{r, o.collapse ? net.representative(other) : other, 0, {}};
    for (const auto& bloc : sd.bloc) t.bloc.push_back(bloc[other]);
    // Claims that dispute each other are alternatives for one fact: k of them share its weight.
    std::size_t claims = 1;
    for (RelationId x : d.relation_disputes(r)) claims += slice.has_relation(x) ? 1 : 0;
    s.credence[r] = 1.0 / static_cast<double>(claims);
    for (SourceId x : d.relation_sources(r)) cited.insert(x);
    partners.insert(t.partner);
    types_present.insert(d.types()[d.relation_type(r)].id);
    if (d.relation_magnitude(r).present()) units_present.insert(std::string(d.relation_field(r, "unit")));
    s.ties.push_back(std::move(t));
  }
  s.sources.assign(cited.begin(), cited.end());
  s.partners.assign(partners.begin(), partners.end());
  for (Tie& t : s.ties) t.partner_index = static_cast<std::size_t>(std::lower_bound(s.partners.begin(), s.partners.end(), t.partner) - s.partners.begin());
  return {{types_present.begin(), types_present.end()}, {units_present.begin(), units_present.end()}};
}

// The point estimate's details for bloc b: its rows, facts (largest first), types and sources.
BlocInfluence bloc_details(const Dataset& d, const Setup& s, const Evaluation& base, const BlocSpec& spec, std::size_t b) {
  BlocInfluence bi;
  bi.name = spec.name;
  bi.label = spec.label.empty() ? spec.name : spec.label;
  std::map<RelationId, FactContribution> facts;
  std::map<RelationId, FactParts> parts, high_parts;
  std::set<SourceId> bloc_sources;
  for (std::size_t i = 0; i < s.ties.size(); ++i) {
    if (!s.ties[i].bloc[b]) continue;
    const Contribution& c = base.parts[i];
    const RelationId r = c.relation;
    bi.contributions.push_back(c);
    if (d.relation_sources(r).empty()) ++bi.unsourced_rows;
    for (SourceId x : d.relation_sources(r)) bloc_sources.insert(x);
    FactContribution& f = facts[s.fact_of[r]];
    f.rows.push_back(r);
    add_to_fact(parts[s.fact_of[r]], i, c.value);
    add_to_fact(high_parts[s.fact_of[r]], i, c.high);
  }
  for (auto& [root, f] : facts) {
    const RelationId first = f.rows.front();
    f.id = !d.relation_fact(first).empty() ? std::string(d.relation_fact(first)) : std::string(d.relation_id(root));
    for (RelationId r : f.rows)
      if (!d.relation_fact(r).empty()) f.id = std::string(d.relation_fact(r));
    const FactParts& fp = parts[root];
    const FactParts& hp = high_parts[root];
    if (fp.cooperative_row) f.counted = base.parts[*fp.cooperative_row].relation;
    if (fp.conflictual_row) f.friction = base.parts[*fp.conflictual_row].relation;
    f.value = fp.cooperative - fp.conflictual;
    f.high = hp.cooperative - hp.conflictual;
    for (const auto* row : {&fp.cooperative_row, &fp.conflictual_row})
      if (*row) bi.by_type[d.types()[d.relation_type(base.parts[**row].relation)].id] += base.parts[**row].value;
    bi.facts.push_back(std::move(f));
  }
  std::stable_sort(bi.facts.begin(), bi.facts.end(), [](const FactContribution& x, const FactContribution& y) {
    return std::abs(x.value) != std::abs(y.value) ? std::abs(x.value) > std::abs(y.value) : x.rows.front() < y.rows.front();
  });
  std::stable_sort(bi.contributions.begin(), bi.contributions.end(),
                   [](const Contribution& x, const Contribution& y) { return std::abs(x.value) > std::abs(y.value); });
  bi.sources.assign(bloc_sources.begin(), bloc_sources.end());
  for (std::size_t k = 0; k < D; ++k) {
    auto& dim = bi.dimensions[k];
    dim.cooperative = base.cooperative[b][k];
    dim.conflictual = base.conflictual[b][k];
    dim.facts = static_cast<std::size_t>(base.facts[b][k]);
  }
  return bi;
}

// What the result says besides the blocs: undated relations, the partners' shares and the groups
// of linked relations that may count one fact twice.
void add_context(const Dataset& d, const Setup& s, const Evaluation& base, InfluenceResult& result) {
  std::vector<std::uint8_t> undated_seen(d.relation_count(), 0);
  for (std::size_t i = 0; i < s.ties.size(); ++i) {
    const RelationId r = s.ties[i].relation;
    const bool linked = std::any_of(s.ties[i].bloc.begin(), s.ties[i].bloc.end(), [](std::uint8_t x) { return x != 0; });
    if (!linked || d.relation_extent(r).dated || undated_seen[r]) continue;
    undated_seen[r] = 1;
    ++result.undated_relations;
    if (base.parts[i].decay == 0) ++result.not_yet_attested;
  }
  for (std::size_t q = 0; q < s.partners.size(); ++q) {
    PartnerShare ps{s.partners[q], base.partner_cooperative[q], {}};
    for (std::size_t k = 0; k < D; ++k) {
      double total = 0;
      for (const auto& pc : base.partner_cooperative) total += pc[k];
      ps.share[k] = total > 0 ? ps.cooperative[k] / total : 0;
    }
    result.partners.push_back(ps);
  }
  std::set<RelationId> linked;
  for (const auto& bi : result.blocs)
    for (const auto& c : bi.contributions) linked.insert(c.relation);
  for (auto& group : likely_double_counts(d)) {
    std::vector<RelationId> in;
    for (RelationId r : group)
      if (linked.count(r)) in.push_back(r);
    if (in.size() > 1) result.possible_double_counts.push_back(std::move(in));
  }
}

// The uncertainty parts of every figure: each a range over the same figures as the point estimate.
struct Ranges {
  std::vector<ValueRange> undated, sources, bootstrap, parameters;
  std::vector<std::vector<double>> leave_one_out;
};

// Without `run`, every range is the point itself.
Ranges uncertainty(const Setup& s, const Dataset& d, const InfluenceParameters& p, const std::vector<double>& point, const Present& present,
                   bool run) {
  const std::size_t n = point.size();
  Ranges g;
  g.leave_one_out.resize(n);
  g.undated = g.sources = g.bootstrap = g.parameters = std::vector<ValueRange>(n);
  for (std::size_t i = 0; i < n; ++i) g.undated[i] = g.sources[i] = g.bootstrap[i] = g.parameters[i] = {point[i], point[i]};
  if (!run) return g;
  const std::vector<double> high = figures(evaluate(s, Variant{&p, true, nullptr}));
  for (std::size_t i = 0; i < n; ++i) g.undated[i] = {std::min(point[i], high[i]), std::max(point[i], high[i])};
  std::vector<std::uint8_t> kept(d.source_count(), 0);
  for (SourceId x : s.sources) kept[x] = 1;
  for (SourceId x : s.sources) {
    kept[x] = 0;
    const std::vector<double> f = figures(evaluate(s, Variant{&p, false, &kept}));
    kept[x] = 1;
    for (std::size_t i = 0; i < n; ++i) g.leave_one_out[i].push_back(f[i]);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!g.leave_one_out[i].empty())
      g.sources[i] = {*std::min_element(g.leave_one_out[i].begin(), g.leave_one_out[i].end()),
                      *std::max_element(g.leave_one_out[i].begin(), g.leave_one_out[i].end())};
  std::mt19937_64 rng(p.seed);
  std::vector<std::vector<double>> boot_values(n), param_values(n);
  for (std::size_t draw = 0; draw < p.draws; ++draw) {
    // The bootstrap: as many sources as there are, drawn with replacement.
    if (!s.sources.empty()) {
      std::fill(kept.begin(), kept.end(), 0);
      for (std::size_t j = 0; j < s.sources.size(); ++j)
        kept[s.sources[static_cast<std::size_t>(uniform(rng) * static_cast<double>(s.sources.size()))]] = 1;
      const std::vector<double> f = figures(evaluate(s, Variant{&p, false, &kept}));
      for (std::size_t i = 0; i < n; ++i) boot_values[i].push_back(f[i]);
    }
    const InfluenceParameters drawn = draw_parameters(p, present.types, present.units, rng);
    const std::vector<double> f = figures(evaluate(s, Variant{&drawn, false, nullptr}));
    for (std::size_t i = 0; i < n; ++i) param_values[i].push_back(f[i]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (auto* values : {&boot_values[i], &param_values[i]}) std::sort(values->begin(), values->end());
    if (!boot_values[i].empty()) g.bootstrap[i] = {quantile(boot_values[i], 0.025), quantile(boot_values[i], 0.975)};
    if (!param_values[i].empty()) g.parameters[i] = {quantile(param_values[i], 0.025), quantile(param_values[i], 0.975)};
  }
  return g;
}

// Each figure's estimate, in the order figures() lists them: per bloc and dimension the score,
// share and dependence, then with two blocs the balance per dimension.
void set_estimates(const std::vector<double>& point, const Ranges& g, InfluenceResult& result) {
  auto estimate = [&](std::size_t i) {
    Estimate e;
    e.value = point[i];
    e.undated = g.undated[i];
    e.sources = g.sources[i];
    e.bootstrap = g.bootstrap[i];
    e.parameters = g.parameters[i];
    e.leave_one_out = g.leave_one_out[i];
    e.low = std::min({e.value, e.undated.low, e.sources.low, e.bootstrap.low, e.parameters.low});
    e.high = std::max({e.value, e.undated.high, e.sources.high, e.bootstrap.high, e.parameters.high});
    return e;
  };
  std::size_t i = 0;
  for (auto& bi : result.blocs)
    for (std::size_t k = 0; k < D; ++k) {
      bi.dimensions[k].score = estimate(i++);
      bi.dimensions[k].share = estimate(i++);
      bi.dimensions[k].dependence = estimate(i++);
    }
  if (result.blocs.size() == 2) {
    result.balance.emplace();
    for (std::size_t k = 0; k < D; ++k) (*result.balance)[k] = estimate(i++);
  }
}

}  // namespace

InfluenceResult measure_influence(const Dataset& d, const Slice& slice, const InfluenceOptions& o) {
  check_options(d, slice, o);
  InfluenceResult result;
  result.at = reference_date(d, o);

  Setup s;
  s.d = &d;
  s.reference_day = result.at.last_day();
  s.bloc_count = o.blocs.size();
  // Roll-up through affiliations: the network projection knows each actor's representative.
  NetworkOptions no;
  no.undirected = true;
  no.collapse = o.collapse;
  const Network net(d, slice, no);
  group_facts(d, s);
  const Present present = collect_ties(d, slice, o, net, sides(d, net, o), s);
  result.sources = s.sources;

  const InfluenceParameters& p = o.parameters;
  const Evaluation base = evaluate(s, Variant{&p, false, nullptr});
  const std::vector<double> point = figures(base);
  for (std::size_t b = 0; b < o.blocs.size(); ++b) result.blocs.push_back(bloc_details(d, s, base, o.blocs[b], b));
  add_context(d, s, base, result);
  set_estimates(point, uncertainty(s, d, p, point, present, o.uncertainty), result);
  if (o.uncertainty) {
    result.draws = p.draws;
    result.seed = p.seed;
  }
  return result;
}

}  // namespace actorgraph
