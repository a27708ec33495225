#include "actorgraph/report/influence_output.hpp"

#include "actorgraph/error.hpp"
#include "actorgraph/format.hpp"
#include "actorgraph/json_writer.hpp"
#include "actorgraph/model/text.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace actorgraph {

namespace {

std::string actor_list(const Dataset& d, const std::vector<ActorId>& actors) {
  std::string out;
  for (ActorId a : actors) out.append(out.empty() ? "" : "|").append(d.actor_id(a));
  return out;
}

}  // namespace

std::vector<BlocSpec> influence_blocs(const Dataset& d, ActorId target, const std::vector<std::string>& ids,
                                      const std::vector<std::string>& ad_hoc, std::vector<std::string>* notes) {
  std::vector<BlocSpec> out;
  for (const auto& id : ids) {
    const Bloc* b = d.find_bloc(id);
    if (!b) {
      std::vector<std::string_view> known;
      for (const auto& x : d.blocs()) known.push_back(x.id);
      const std::string hint = did_you_mean(id, known);
      throw UsageError("unknown bloc '" + id + "'" + did_you_mean_clause(hint, " (declare it in blocs.csv, or give --bloc NAME=A+B)"));
    }
    out.push_back({b->id, b->members, std::string(d.actor_label(b->lead))});
  }
  for (const auto& spec : ad_hoc) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
      throw UsageError("--bloc takes NAME=ACTOR+ACTOR..., found '" + spec + "'");
    BlocSpec b{spec.substr(0, eq), {}, spec.substr(0, eq)};
    std::string_view rest(spec);
    rest.remove_prefix(eq + 1);
    while (!rest.empty()) {
      const auto plus = rest.find('+');
      b.members.push_back(d.resolve_actor(std::string(rest.substr(0, plus))));
      rest = plus == std::string_view::npos ? std::string_view{} : rest.substr(plus + 1);
    }
    std::sort(b.members.begin(), b.members.end());
    out.push_back(std::move(b));
  }
  if (!ids.empty() || !ad_hoc.empty()) return out;
  for (BlocSpec& b : dataset_blocs(d)) {
    if (std::binary_search(b.members.begin(), b.members.end(), target)) {
      if (notes) notes->push_back("bloc '" + b.name + "' is left out: the target '" + std::string(d.actor_id(target)) + "' is one of its members");
    } else {
      out.push_back(std::move(b));
    }
  }
  return out;
}

std::string load_influence_parameters(const Dataset& d, const std::string& params, InfluenceParameters& parameters) {
  std::string file = params;
  if (file.empty() && std::filesystem::exists(d.path() + "/influence.csv")) file = d.path() + "/influence.csv";
  if (!file.empty()) parameters.load(file, d.types());
  return file;
}

YearRange parse_year_range(const std::string& text, const std::string& option) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) throw UsageError(option + " takes FROM:TO (years), found '" + text + "'");
  const PartialDate from = PartialDate::parse_or_throw(text.substr(0, colon), option);
  const PartialDate to = PartialDate::parse_or_throw(text.substr(colon + 1), option);
  if (to.year() < from.year()) throw UsageError(option + ": " + text + " ends before it starts");
  return {from.year(), to.year()};
}

std::vector<InfluenceResult> influence_by_year(const Dataset& d, const Slice& slice, InfluenceOptions options, YearRange years) {
  std::vector<InfluenceResult> out;
  for (int year = years.from; year <= years.to; ++year) {
    options.at = *PartialDate::parse(std::to_string(year));
    out.push_back(measure_influence(d, slice, options));
  }
  return out;
}

namespace {

const char* const dimension_names[] = {"security", "political", "economic", "social", "all"};

void add_estimate_cells(std::vector<std::string>& row, const Estimate& e, const std::string& format) {
  row.push_back(format_score(e.value, format));
  row.push_back(format_score(e.low, format));
  row.push_back(format_score(e.high, format));
}

void json_range(JsonWriter& json, const ValueRange& r) { json.begin_array().number(r.low).number(r.high).end_array(); }

// {"value": 0.5, "low": ..., "high": ..., "undated": [low, high], ..., "leave_one_out": {"source": value, ...}} on one line.
void json_estimate(JsonWriter& json, const Dataset& d, const InfluenceResult& r, const Estimate& e) {
  json.begin_object().key("value").number(e.value).key("low").number(e.low).key("high").number(e.high);
  json.key("undated");
  json_range(json, e.undated);
  json.key("sources");
  json_range(json, e.sources);
  json.key("bootstrap");
  json_range(json, e.bootstrap);
  json.key("parameters");
  json_range(json, e.parameters);
  json.key("leave_one_out").begin_object();
  for (std::size_t i = 0; i < e.leave_one_out.size() && i < r.sources.size(); ++i) json.key(d.source_id(r.sources[i])).number(e.leave_one_out[i]);
  json.end_object().end_object();
}

}  // namespace

ResultTable timeline_table(const std::vector<BlocSpec>& blocs, const std::vector<InfluenceResult>& years, YearRange range,
                           const std::string& format) {
  ResultTable table;
  table.add_column("year", true);
  for (const auto& b : blocs)
    for (const char* c : {"_score", "_score_low", "_score_high", "_share", "_share_low", "_share_high"}) table.add_column(b.name + c, true);
  if (blocs.size() == 2)
    for (const char* c : {"balance", "balance_low", "balance_high"}) table.add_column(c, true);
  for (std::size_t i = 0; i < years.size(); ++i) {
    const InfluenceResult& r = years[i];
    std::vector<std::string> row{std::to_string(range.from + static_cast<int>(i))};
    for (const auto& bi : r.blocs) {
      add_estimate_cells(row, bi.dimensions[all_dimensions].score, format);
      add_estimate_cells(row, bi.dimensions[all_dimensions].share, format);
    }
    if (r.balance) add_estimate_cells(row, (*r.balance)[all_dimensions], format);
    table.add_row(std::move(row));
  }
  return table;
}

ResultTable influence_table(const Dataset& d, const InfluenceOptions& o, const InfluenceResult& r, const std::string& format) {
  (void)d;
  (void)o;
  ResultTable table;
  for (const char* c : {"bloc_id", "bloc", "dimension", "measure"}) table.add_column(c);
  for (const char* c : {"value", "low", "high", "undated_low", "undated_high", "sources_low", "sources_high", "bootstrap_low",
                        "bootstrap_high", "parameters_low", "parameters_high", "facts", "sources"})
    table.add_column(c, true);
  auto add = [&](const std::string& id, const std::string& label, std::size_t k, const char* measure, const Estimate& e,
                 const std::string& facts, const std::string& sources) {
    std::vector<std::string> row{id, label, dimension_names[k], measure};
    add_estimate_cells(row, e, format);
    for (const ValueRange* part : {&e.undated, &e.sources, &e.bootstrap, &e.parameters}) {
      row.push_back(format_score(part->low, format));
      row.push_back(format_score(part->high, format));
    }
    row.push_back(facts);
    row.push_back(sources);
    table.add_row(std::move(row));
  };
  for (const auto& bi : r.blocs)
    for (std::size_t k = 0; k <= all_dimensions; ++k) {
      const auto& dim = bi.dimensions[k];
      const std::string facts = std::to_string(dim.facts), sources = std::to_string(bi.sources.size());
      add(bi.name, bi.label, k, "score", dim.score, facts, sources);
      add(bi.name, bi.label, k, "share", dim.share, facts, sources);
      add(bi.name, bi.label, k, "dependence", dim.dependence, facts, sources);
      Estimate cooperative, conflictual;
      cooperative.value = cooperative.low = cooperative.high = dim.cooperative;
      conflictual.value = conflictual.low = conflictual.high = dim.conflictual;
      for (auto* e : {&cooperative, &conflictual}) e->undated = e->sources = e->bootstrap = e->parameters = {e->value, e->value};
      add(bi.name, bi.label, k, "cooperative", cooperative, facts, sources);
      add(bi.name, bi.label, k, "conflictual", conflictual, facts, sources);
    }
  if (r.balance)
    for (std::size_t k = 0; k <= all_dimensions; ++k)
      add(r.blocs[0].name + ":" + r.blocs[1].name, r.blocs[0].label + " vs " + r.blocs[1].label, k, "balance", (*r.balance)[k], "", "");
  return table;
}

ResultTable influence_summary_table(const InfluenceResult& r, const std::string& format) {
  ResultTable table;
  table.add_column("bloc");
  table.add_column("dimension");
  for (const char* c : {"score", "low", "high", "friction", "share", "low", "high", "dependence", "low", "high", "facts"})
    table.add_column(c, true);
  for (const auto& bi : r.blocs)
    for (std::size_t k = 0; k <= all_dimensions; ++k) {
      const auto& dim = bi.dimensions[k];
      std::vector<std::string> row{bi.label, dimension_names[k]};
      add_estimate_cells(row, dim.score, format);
      row.push_back(format_score(dim.conflictual, format));
      add_estimate_cells(row, dim.share, format);
      add_estimate_cells(row, dim.dependence, format);
      row.push_back(std::to_string(dim.facts));
      table.add_row(std::move(row));
    }
  return table;
}

ResultTable influence_parts_table(const InfluenceResult& r, const std::string& format) {
  ResultTable table;
  for (const char* c : {"figure", "dimension"}) table.add_column(c);
  for (const char* c : {"value", "undated_lo", "undated_hi", "sources_lo", "sources_hi", "boot_lo", "boot_hi", "params_lo", "params_hi",
                        "low", "high"})
    table.add_column(c, true);
  auto add = [&](const std::string& figure, std::size_t k, const Estimate& e) {
    std::vector<std::string> row{figure, dimension_names[k], format_score(e.value, format)};
    for (const ValueRange* part : {&e.undated, &e.sources, &e.bootstrap, &e.parameters}) {
      row.push_back(format_score(part->low, format));
      row.push_back(format_score(part->high, format));
    }
    row.push_back(format_score(e.low, format));
    row.push_back(format_score(e.high, format));
    table.add_row(std::move(row));
  };
  for (const auto& bi : r.blocs) {
    add(bi.label + " score", all_dimensions, bi.dimensions[all_dimensions].score);
    add(bi.label + " share", all_dimensions, bi.dimensions[all_dimensions].share);
    add(bi.label + " dependence", all_dimensions, bi.dimensions[all_dimensions].dependence);
  }
  if (r.balance)
    for (std::size_t k = 0; k <= all_dimensions; ++k) add("balance", k, (*r.balance)[k]);
  return table;
}

namespace {

// One fact's rows: each relation with the factors of its value, one a line.
void json_fact_rows(JsonWriter& json, const Dataset& d, const BlocInfluence& bi, const std::vector<RelationId>& rows) {
  json.key("rows").begin_array();
  for (const RelationId rel : rows) {
    const auto c = std::find_if(bi.contributions.begin(), bi.contributions.end(), [&](const Contribution& x) { return x.relation == rel; });
    json.line(9).begin_object();
    json.key("relation").string(d.relation_id(rel)).key("type").string(d.types()[d.relation_type(rel)].id);
    json.key("dimension").string(dimension_name(c->dimension));
    json.key("source").string(d.actor_id(d.relation_source(rel))).key("target").string(d.actor_id(d.relation_target(rel)));
    json.key("dates").string(relation_dates(d, rel)).key("attested").string(d.relation_attested(rel).str());
    json.key("sign").integer(c->sign).key("weight").number(c->type_weight).key("magnitude_factor").number(c->magnitude_factor);
    json.key("decay").number(c->decay).key("credence").number(c->credence).key("status").string(status_name(d.relation_status(rel)));
    json.key("status_factor").number(c->status_factor).key("value").number(c->value).key("high").number(c->high);
    json.key("sources").string(relation_sources(d, rel)).key("quote").string(d.relation_field(rel, "quote"));
    json.end_object();
  }
  json.end_array();
}

// One bloc: its members and sources, its figures by dimension, by type, and its facts.
void json_bloc(JsonWriter& json, const Dataset& d, const InfluenceResult& r, const BlocInfluence& bi, const BlocSpec& spec) {
  json.line(4).begin_object();
  json.key("name").string(bi.name).key("label").string(bi.label).key("members").string(actor_list(d, spec.members));
  json.key("sources").begin_array();
  for (const SourceId s : bi.sources) json.string(d.source_id(s));
  json.end_array().key("unsourced_rows").integer(bi.unsourced_rows);
  json.line(5).key("dimensions").begin_object();
  for (std::size_t k = 0; k <= all_dimensions; ++k) {
    const auto& dim = bi.dimensions[k];
    json.line(7).key(dimension_names[k]).begin_object().key("score");
    json_estimate(json, d, r, dim.score);
    json.line(9).key("share");
    json_estimate(json, d, r, dim.share);
    json.line(9).key("dependence");
    json_estimate(json, d, r, dim.dependence);
    json.line(9).key("cooperative").number(dim.cooperative).key("conflictual").number(dim.conflictual).key("facts").integer(dim.facts);
    json.end_object();
  }
  json.end_object().line(5).key("by_type").begin_object();
  for (const auto& [type, v] : bi.by_type) json.key(type).number(v);
  json.end_object().line(5).key("facts").begin_array();
  for (const auto& fact : bi.facts) {
    json.line(7).begin_object().key("fact").string(fact.id).key("value").number(fact.value).key("high").number(fact.high);
    json.key("counted");
    fact.counted ? json.string(d.relation_id(*fact.counted)) : json.null();
    json.key("friction");
    fact.friction ? json.string(d.relation_id(*fact.friction)) : json.null();
    json_fact_rows(json, d, bi, fact.rows);
    json.end_object();
  }
  json.end_array().end_object();
}

}  // namespace

void write_influence_json(std::ostream& out, const Dataset& d, const InfluenceOptions& o, const InfluenceResult& r,
                          const std::string& slice) {
  std::string text;
  JsonWriter json(text);
  json.begin_object();
  json.line(2).key("target").string(d.actor_id(o.target)).line(2).key("target_label").string(d.actor_label(o.target));
  json.line(2).key("at").string(r.at.str()).line(2).key("measured").string("documented ties in these sources");
  json.line(2).key("slice").string(slice).line(2).key("collapse").boolean(o.collapse);
  json.line(2).key("draws").integer(r.draws).line(2).key("seed").integer(r.seed);
  json.line(2).key("sources").begin_array();
  for (const SourceId s : r.sources)
    json.begin_object().key("id").string(d.source_id(s)).key("title").string(d.source_field(s, "title")).key("date").string(d.source_date(s).str()).end_object();
  json.end_array().line(2).key("blocs").begin_array();
  for (std::size_t b = 0; b < r.blocs.size(); ++b) json_bloc(json, d, r, r.blocs[b], o.blocs[b]);
  json.line(2).end_array();
  if (r.balance) {
    json.line(2).key("balance").begin_object();
    for (std::size_t k = 0; k <= all_dimensions; ++k) {
      json.line(4).key(dimension_names[k]);
      json_estimate(json, d, r, (*r.balance)[k]);
    }
    json.line(2).end_object();
  }
  json.line(2).key("partners").begin_array();
  for (const auto& p : r.partners) {
    json.line(4).begin_object().key("actor").string(d.actor_id(p.actor)).key("label").string(d.actor_label(p.actor));
    json.key("dependence").begin_object();
    for (std::size_t k = 0; k <= all_dimensions; ++k) json.key(dimension_names[k]).number(p.share[k]);
    json.end_object().end_object();
  }
  json.line(2).end_array().line(2).key("possible_double_counts").begin_array();
  for (const auto& group : r.possible_double_counts) {
    json.begin_array();
    for (const RelationId rel : group) json.string(d.relation_id(rel));
    json.end_array();
  }
  json.end_array().line(2).key("undated_relations").integer(r.undated_relations);
  json.line(2).key("not_yet_attested").integer(r.not_yet_attested).line(0).end_object();
  out << text << "\n";
}

}  // namespace actorgraph
