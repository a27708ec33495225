#include "actorgraph/analysis/influence.hpp"

#include "actorgraph/analysis/network.hpp"
#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/text_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace actorgraph {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

std::string format_range(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
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

double InfluenceParameters::type_weight(const std::string& type) const {
  const auto it = weight.find(type);
  return it == weight.end() ? default_weight : it->second;
}

double InfluenceParameters::type_half_life(const std::string& type) const {
  const auto it = half_life.find(type);
  return it == half_life.end() ? default_half_life : it->second;
}

void InfluenceParameters::load(const std::string& path, const RelationTypes& types) {
  const std::string text = read_text_file(path, "the parameter file");
  Diagnostics problems;
  LineIndex lines(text);
  auto report = [&](std::uint64_t offset, std::string message) {
    Diagnostic d{path, 0, 0, Severity::error, std::move(message)};
    lines.locate(offset, d.line, d.column);
    problems.push_back(std::move(d));
  };
  CsvReader reader(text);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> syntax;
  if (!reader.next(fields, syntax) || fields.size() < 2 || fields[0].value != "parameter" || fields[1].value != "value") {
    report(0, "expected the header 'parameter,value' (a third column, notes, is optional)");
    throw DataError(std::move(problems));
  }
  const std::vector<std::string_view> scalars{"mix.direct", "network.scale", "network.damping", "undated.factor",
                                              "default.weight", "default.half_life"};
  while (reader.next(fields, syntax)) {
    for (const auto& p : syntax) report(p.offset, p.message);
    syntax.clear();
    if (fields.size() < 2) {
      report(reader.record_offset(), "expected at least 2 fields, found " + std::to_string(fields.size()));
      continue;
    }
    const std::string name(fields[0].value);
    const std::string_view text_value = fields[1].value;
    double value = 0;
    const bool none = text_value == "none";
    const auto [ptr, ec] = std::from_chars(text_value.data(), text_value.data() + text_value.size(), value);
    const bool numeric = !text_value.empty() && ec == std::errc() && ptr == text_value.data() + text_value.size() && std::isfinite(value);
    const auto dot = name.find('.');
    const std::string group = name.substr(0, dot), key = dot == std::string::npos ? "" : name.substr(dot + 1);
    if (group == "half_life" && none) value = infinity;
    else if (!numeric) {
      report(fields[1].offset, "value '" + std::string(text_value) + "' of " + name + " is not a number" +
             (group == "half_life" ? " (or none, for no decay)" : ""));
      continue;
    }
    auto in_range = [&](double low, double high, bool open_low) {
      if ((open_low ? value > low : value >= low) && value <= high) return true;
      report(fields[1].offset, name + " must be " + (open_low ? "above " : "at least ") + format_range(low) +
             (high == infinity ? "" : " and at most " + format_range(high)) + ", found " + std::string(text_value));
      return false;
    };
    if ((group == "weight" || group == "half_life") && !key.empty()) {
      if (!types.find(key)) {
        std::vector<std::string_view> ids;
        for (const auto& t : types.all()) ids.push_back(t.id);
        const std::string hint = did_you_mean(key, ids);
        report(fields[0].offset, "unknown relation type '" + key + "' in " + name + (hint.empty() ? "" : " (did you mean " + hint + "?)"));
        continue;
      }
      if (group == "weight" && in_range(0, infinity, false)) weight[key] = value;
      if (group == "half_life" && in_range(0, infinity, true)) half_life[key] = value;
    } else if (group == "scale" && !key.empty()) {
      if (in_range(0, infinity, true)) unit_scale[key] = value;
    } else if (name == "mix.direct") {
      if (in_range(0, 1, false)) mix_direct = value;
    } else if (name == "network.scale") {
      if (in_range(0, infinity, false)) network_scale = value;
    } else if (name == "network.damping") {
      // (0, 1): at 1 the walk never restarts. Refused with a message like any other range error.
      if (value >= 1) report(fields[1].offset, name + " must be above 0 and below 1, found " + std::string(text_value));
      else if (in_range(0, 1, true)) damping = value;
    } else if (name == "undated.factor") {
      if (in_range(0, 1, false)) undated_factor = value;
    } else if (name == "default.weight") {
      if (in_range(0, infinity, false)) default_weight = value;
    } else if (name == "default.half_life") {
      if (in_range(0, infinity, true)) default_half_life = value;
    } else {
      std::vector<std::string_view> known(scalars.begin(), scalars.end());
      const std::string hint = did_you_mean(name, known);
      report(fields[0].offset, "unknown parameter '" + name + "'" + (hint.empty() ? " (expected weight.TYPE, half_life.TYPE, scale.UNIT, "
             "mix.direct, network.scale, network.damping, undated.factor, default.weight or default.half_life)" : " (did you mean " + hint + "?)"));
    }
  }
  if (!problems.empty()) throw DataError(std::move(problems));
}

std::vector<BlocSpec> dataset_blocs(const Dataset& d) {
  std::vector<BlocSpec> out;
  for (const Bloc& b : d.blocs()) out.push_back({b.id, b.members});
  return out;
}

namespace {

// Everything one evaluation needs that does not change with the parameters.
struct Setup {
  const Dataset* d;
  const Slice* slice;
  ActorId target;
  std::int32_t reference_day;
  std::vector<ActorId> representative;           // the actor each actor counts as (itself without collapse)
  std::vector<std::vector<std::uint8_t>> in_bloc; // [bloc][actor]: the actor counts for the bloc
  std::vector<std::uint8_t> is_target;            // the actor counts as the target
};

double decay_of(const Setup& s, RelationId r, const InfluenceParameters& p, double half_life) {
  const Extent& e = s.d->relation_extent(r);
  if (!e.dated) return p.undated_factor;
  if (e.first > s.reference_day) return 0;
  if (e.last >= s.reference_day) return 1;  // active on the reference date
  const double years = (s.reference_day - e.last) / 365.2425;
  return std::isinf(half_life) ? 1 : std::pow(0.5, years / half_life);
}

// w · m · decay of every relation in the slice (0 outside it).
std::vector<double> relation_values(const Setup& s, const InfluenceParameters& p, std::vector<Contribution>& parts) {
  const Dataset& d = *s.d;
  std::vector<double> value(d.relation_count(), 0);
  parts.assign(d.relation_count(), {});
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    if (!s.slice->has_relation(r)) continue;
    const std::string& type = d.types()[d.relation_type(r)].id;
    const Magnitude& mag = d.relation_magnitude(r);
    double m = 1;
    if (mag.present()) {
      const auto it = p.unit_scale.find(std::string(d.relation_field(r, "unit")));
      const double scale = it == p.unit_scale.end() ? 1.0 : it->second;
      m = 1 + std::log10(1 + mag.midpoint() / scale);
    }
    const double w = p.type_weight(type), decay = decay_of(s, r, p, p.type_half_life(type));
    // Claims that dispute each other are alternatives for one fact: k of them share its weight.
    std::size_t claims = 1;
    for (RelationId other : d.relation_disputes(r)) claims += s.slice->has_relation(other) ? 1 : 0;
    const double credence = 1.0 / static_cast<double>(claims);
    parts[r] = {r, w, m, decay, credence, w * m * decay * credence};
    value[r] = parts[r].value;
  }
  return value;
}

// Personalised PageRank from `seeds`, on the undirected network weighted by `value`, with the target
// absorbing: its mass (and that of vertices with no weighted tie) restarts at the seeds.
double reach(const Setup& s, const Network& net, const std::vector<double>& value, const std::vector<Vertex>& seeds, double damping) {
  const std::size_t n = net.vertex_count();
  const Vertex target = net.vertex(s.representative[s.target]);
  if (seeds.empty() || target == Network::none || n == 0) return 0;
  std::vector<double> link_weight(net.link_count(), 0), strength(n, 0);
  for (std::uint32_t l = 0; l < net.link_count(); ++l)
    for (RelationId r : net.evidence(l)) link_weight[l] += value[r];
  for (Vertex v = 0; v < n; ++v)
    for (const Link& l : net.out_links(v)) strength[v] += link_weight[l.id];
  std::vector<double> restart(n, 0), x(n, 0), next(n);
  for (Vertex v : seeds) restart[v] = 1.0 / static_cast<double>(seeds.size());
  x = restart;
  for (int iteration = 0; iteration < 10000; ++iteration) {
    double stuck = 0;  // mass at the target and at vertices with no weighted tie
    std::fill(next.begin(), next.end(), 0.0);
    for (Vertex v = 0; v < n; ++v) {
      if (v == target || strength[v] <= 0) {
        stuck += x[v];
        continue;
      }
      for (const Link& l : net.out_links(v)) next[l.other] += damping * x[v] * link_weight[l.id] / strength[v];
    }
    double moved = 0;
    for (Vertex v = 0; v < n; ++v) {
      next[v] += (1 - damping + damping * stuck) * restart[v];
      moved += std::abs(next[v] - x[v]);
    }
    // The walk never takes a step from the target, so its value is the mass arriving there.
    std::swap(x, next);
    if (moved < 1e-13 * static_cast<double>(n)) break;
  }
  return x[target];
}

struct Evaluation {
  std::vector<BlocInfluence> blocs;
  std::size_t undated = 0;
};

Evaluation evaluate(const Setup& s, const Network& net, const std::vector<std::vector<Vertex>>& seeds,
                    const InfluenceParameters& p, const std::vector<BlocSpec>& specs, bool details) {
  const Dataset& d = *s.d;
  std::vector<Contribution> parts;
  const std::vector<double> value = relation_values(s, p, parts);
  Evaluation out;
  std::vector<std::uint8_t> undated_counted(d.relation_count(), 0);
  for (std::size_t b = 0; b < specs.size(); ++b) {
    BlocInfluence bi;
    bi.name = specs[b].name;
    for (RelationId r = 0; r < d.relation_count(); ++r) {
      if (!s.slice->has_relation(r) || parts[r].value <= 0) continue;
      const ActorId u = d.relation_source(r), v = d.relation_target(r);
      const bool linked = (s.in_bloc[b][u] && s.is_target[v]) || (s.in_bloc[b][v] && s.is_target[u]);
      if (!linked) continue;
      bi.direct += parts[r].value;
      if (details) {
        bi.by_type[d.types()[d.relation_type(r)].id] += parts[r].value;
        bi.contributions.push_back(parts[r]);
        if (!d.relation_extent(r).dated && !undated_counted[r]) {
          undated_counted[r] = 1;
          ++out.undated;
        }
      }
    }
    bi.reach = reach(s, net, value, seeds[b], p.damping);
    bi.score = p.mix_direct * bi.direct + (1 - p.mix_direct) * p.network_scale * bi.reach;
    std::stable_sort(bi.contributions.begin(), bi.contributions.end(),
                     [](const Contribution& x, const Contribution& y) { return x.value > y.value; });
    out.blocs.push_back(std::move(bi));
  }
  double total = 0;
  for (const auto& bi : out.blocs) total += bi.score;
  for (auto& bi : out.blocs) bi.share = total > 0 ? bi.score / total : 0;
  return out;
}

std::optional<double> balance_of(const std::vector<BlocInfluence>& blocs) {
  if (blocs.size() != 2) return std::nullopt;
  const double sum = blocs[0].score + blocs[1].score;
  return sum > 0 ? (blocs[0].score - blocs[1].score) / sum : 0.0;
}

}  // namespace

InfluenceResult measure_influence(const Dataset& d, const Slice& slice, const InfluenceOptions& o) {
  if (o.blocs.empty()) throw UsageError("no blocs to compare: declare them in blocs.csv or give --blocs");
  for (const auto& b : o.blocs) {
    if (b.members.empty()) throw UsageError("bloc '" + b.name + "' has no member");
    if (std::find(b.members.begin(), b.members.end(), o.target) != b.members.end())
      throw UsageError("the target '" + std::string(d.actor_id(o.target)) + "' is a member of bloc '" + b.name +
                       "': a bloc's influence on its own member is not measured; leave the bloc out");
  }
  if (!slice.has_actor(o.target)) throw UsageError("the target '" + std::string(d.actor_id(o.target)) + "' is outside the slice");

  Setup s{&d, &slice, o.target, 0, {}, {}, {}};
  InfluenceResult result;
  if (o.at) {
    result.at = *o.at;
  } else {
    for (RelationId r = 0; r < d.relation_count(); ++r) {
      for (const PartialDate* date : {&d.relation_start(r), &d.relation_end(r)})
        if (!date->empty() && (result.at.empty() || date->last_day() > result.at.last_day())) result.at = *date;
    }
    if (result.at.empty()) throw UsageError("the dataset has no dates: give the reference date with --at");
  }
  s.reference_day = result.at.last_day();

  NetworkOptions no;
  no.undirected = true;
  no.collapse = o.collapse;
  const Network net(d, slice, no);
  s.representative.resize(d.actor_count());
  for (ActorId a = 0; a < d.actor_count(); ++a) s.representative[a] = net.representative(a);
  s.is_target.assign(d.actor_count(), 0);
  for (ActorId a = 0; a < d.actor_count(); ++a) s.is_target[a] = a == o.target || s.representative[a] == o.target;
  std::vector<std::vector<Vertex>> seeds;
  for (const auto& b : o.blocs) {
    std::vector<std::uint8_t> member(d.actor_count(), 0);
    for (ActorId m : b.members) member[m] = 1;
    auto& counts = s.in_bloc.emplace_back(d.actor_count(), 0);
    for (ActorId a = 0; a < d.actor_count(); ++a) counts[a] = member[a] || member[s.representative[a]];
    std::vector<Vertex> v;
    for (ActorId m : b.members)
      if (const Vertex x = net.vertex(s.representative[m]); x != Network::none && !s.is_target[m]) v.push_back(x);
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    seeds.push_back(std::move(v));
  }

  Evaluation base = evaluate(s, net, seeds, o.parameters, o.blocs, true);
  result.blocs = std::move(base.blocs);
  result.undated_relations = base.undated;
  result.balance = balance_of(result.blocs);
  for (auto& b : result.blocs) b.share_min = b.share_max = b.share;
  if (result.balance) result.balance_min = result.balance_max = *result.balance;
  if (!o.sensitivity) return result;

  // One parameter at a time, ×0.5 and ×1.5: the types present in the slice, and the scalars.
  std::vector<std::uint8_t> present(d.types().size(), 0);
  for (RelationId r = 0; r < d.relation_count(); ++r)
    if (slice.has_relation(r)) present[d.relation_type(r)] = 1;
  std::vector<InfluenceParameters> variants;
  for (double f : {0.5, 1.5}) {
    for (TypeId t = 0; t < d.types().size(); ++t) {
      if (!present[t]) continue;
      const std::string& id = d.types()[t].id;
      InfluenceParameters w = o.parameters;
      w.weight[id] = o.parameters.type_weight(id) * f;
      variants.push_back(w);
      InfluenceParameters h = o.parameters;
      h.half_life[id] = o.parameters.type_half_life(id) * f;
      variants.push_back(h);
    }
    InfluenceParameters v = o.parameters;
    v.mix_direct = std::min(1.0, o.parameters.mix_direct * f);
    variants.push_back(v);
    v = o.parameters;
    v.network_scale *= f;
    variants.push_back(v);
    v = o.parameters;
    v.undated_factor = std::min(1.0, o.parameters.undated_factor * f);
    variants.push_back(v);
    v = o.parameters;
    v.damping = std::min(0.99, o.parameters.damping * f);
    variants.push_back(v);
  }
  for (const auto& variant : variants) {
    const Evaluation e = evaluate(s, net, seeds, variant, o.blocs, false);
    for (std::size_t b = 0; b < e.blocs.size(); ++b) {
      result.blocs[b].share_min = std::min(result.blocs[b].share_min, e.blocs[b].share);
      result.blocs[b].share_max = std::max(result.blocs[b].share_max, e.blocs[b].share);
    }
    if (const auto bal = balance_of(e.blocs)) {
      result.balance_min = std::min(result.balance_min, *bal);
      result.balance_max = std::max(result.balance_max, *bal);
    }
  }
  return result;
}

}  // namespace actorgraph
