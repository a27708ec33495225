#include "actorgraph/report/influence_output.hpp"

#include "actorgraph/error.hpp"
#include "actorgraph/format.hpp"
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
      throw UsageError("unknown bloc '" + id + "'" + (hint.empty() ? " (declare it in blocs.csv, or give --bloc NAME=A+B)" : " (did you mean " + hint + "?)"));
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

std::string json_number(double v) {
  const std::string s = format_number(v);
  return s.empty() ? "null" : s;
}

void add_estimate_cells(std::vector<std::string>& row, const Estimate& e, const std::string& format) {
  row.push_back(format_score(e.value, format));
  row.push_back(format_score(e.low, format));
  row.push_back(format_score(e.high, format));
}

std::string json_range(const ValueRange& r) { return "[" + json_number(r.low) + ", " + json_number(r.high) + "]"; }

std::string json_estimate(const Dataset& d, const InfluenceResult& r, const Estimate& e) {
  std::string out = "{\"value\": " + json_number(e.value) + ", \"low\": " + json_number(e.low) + ", \"high\": " + json_number(e.high) +
                    ", \"undated\": " + json_range(e.undated) + ", \"sources\": " + json_range(e.sources) +
                    ", \"bootstrap\": " + json_range(e.bootstrap) + ", \"parameters\": " + json_range(e.parameters) + ", \"leave_one_out\": {";
  for (std::size_t i = 0; i < e.leave_one_out.size() && i < r.sources.size(); ++i)
    out += (i ? ", " : "") + json_string(d.source_id(r.sources[i])) + ": " + json_number(e.leave_one_out[i]);
  return out + "}}";
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

void write_influence_json(std::ostream& out, const Dataset& d, const InfluenceOptions& o, const InfluenceResult& r,
                          const std::string& slice) {
  out << "{\n  \"target\": " << json_string(d.actor_id(o.target)) << ",\n  \"target_label\": " << json_string(d.actor_label(o.target))
      << ",\n  \"at\": " << json_string(r.at.str()) << ",\n  \"measured\": \"documented ties in these sources\""
      << ",\n  \"slice\": " << json_string(slice) << ",\n  \"collapse\": " << (o.collapse ? "true" : "false")
      << ",\n  \"draws\": " << r.draws << ",\n  \"seed\": " << r.seed << ",\n  \"sources\": [";
  for (std::size_t i = 0; i < r.sources.size(); ++i)
    out << (i ? ", " : "") << "{\"id\": " << json_string(d.source_id(r.sources[i])) << ", \"title\": "
        << json_string(d.source_field(r.sources[i], "title")) << ", \"date\": " << json_string(d.source_date(r.sources[i]).str()) << "}";
  out << "],\n  \"blocs\": [";
  for (std::size_t b = 0; b < r.blocs.size(); ++b) {
    const auto& bi = r.blocs[b];
    out << (b ? "," : "") << "\n    {\"name\": " << json_string(bi.name) << ", \"label\": " << json_string(bi.label)
        << ", \"members\": " << json_string(actor_list(d, o.blocs[b].members)) << ", \"sources\": [";
    for (std::size_t i = 0; i < bi.sources.size(); ++i) out << (i ? ", " : "") << json_string(d.source_id(bi.sources[i]));
    out << "], \"unsourced_rows\": " << bi.unsourced_rows << ",\n     \"dimensions\": {";
    for (std::size_t k = 0; k <= all_dimensions; ++k) {
      const auto& dim = bi.dimensions[k];
      out << (k ? "," : "") << "\n       " << json_string(dimension_names[k]) << ": {\"score\": " << json_estimate(d, r, dim.score)
          << ",\n         \"share\": " << json_estimate(d, r, dim.share) << ",\n         \"dependence\": " << json_estimate(d, r, dim.dependence)
          << ",\n         \"cooperative\": " << json_number(dim.cooperative) << ", \"conflictual\": " << json_number(dim.conflictual)
          << ", \"facts\": " << dim.facts << "}";
    }
    out << "},\n     \"by_type\": {";
    bool first = true;
    for (const auto& [type, v] : bi.by_type) {
      out << (first ? "" : ", ") << json_string(type) << ": " << json_number(v);
      first = false;
    }
    out << "},\n     \"facts\": [";
    for (std::size_t f = 0; f < bi.facts.size(); ++f) {
      const auto& fact = bi.facts[f];
      out << (f ? "," : "") << "\n       {\"fact\": " << json_string(fact.id) << ", \"value\": " << json_number(fact.value)
          << ", \"high\": " << json_number(fact.high) << ", \"counted\": "
          << (fact.counted ? json_string(d.relation_id(*fact.counted)) : std::string("null")) << ", \"friction\": "
          << (fact.friction ? json_string(d.relation_id(*fact.friction)) : std::string("null")) << ", \"rows\": [";
      for (std::size_t i = 0; i < fact.rows.size(); ++i) {
        const RelationId rel = fact.rows[i];
        const auto c = std::find_if(bi.contributions.begin(), bi.contributions.end(), [&](const Contribution& x) { return x.relation == rel; });
        out << (i ? "," : "") << "\n         {\"relation\": " << json_string(d.relation_id(rel))
            << ", \"type\": " << json_string(d.types()[d.relation_type(rel)].id)
            << ", \"dimension\": " << json_string(dimension_name(c->dimension))
            << ", \"source\": " << json_string(d.actor_id(d.relation_source(rel)))
            << ", \"target\": " << json_string(d.actor_id(d.relation_target(rel)))
            << ", \"dates\": " << json_string(relation_dates(d, rel)) << ", \"attested\": " << json_string(d.relation_attested(rel).str())
            << ", \"sign\": " << c->sign << ", \"weight\": " << json_number(c->type_weight)
            << ", \"magnitude_factor\": " << json_number(c->magnitude_factor) << ", \"decay\": " << json_number(c->decay)
            << ", \"credence\": " << json_number(c->credence) << ", \"status\": " << json_string(status_name(d.relation_status(rel)))
            << ", \"status_factor\": " << json_number(c->status_factor) << ", \"value\": " << json_number(c->value)
            << ", \"high\": " << json_number(c->high) << ", \"sources\": " << json_string(relation_sources(d, rel))
            << ", \"quote\": " << json_string(d.relation_field(rel, "quote")) << "}";
      }
      out << "]}";
    }
    out << "]}";
  }
  out << "\n  ]";
  if (r.balance) {
    out << ",\n  \"balance\": {";
    for (std::size_t k = 0; k <= all_dimensions; ++k)
      out << (k ? "," : "") << "\n    " << json_string(dimension_names[k]) << ": " << json_estimate(d, r, (*r.balance)[k]);
    out << "\n  }";
  }
  out << ",\n  \"partners\": [";
  for (std::size_t i = 0; i < r.partners.size(); ++i) {
    const auto& p = r.partners[i];
    out << (i ? "," : "") << "\n    {\"actor\": " << json_string(d.actor_id(p.actor)) << ", \"label\": " << json_string(d.actor_label(p.actor))
        << ", \"dependence\": {";
    for (std::size_t k = 0; k <= all_dimensions; ++k) out << (k ? ", " : "") << json_string(dimension_names[k]) << ": " << json_number(p.share[k]);
    out << "}}";
  }
  out << "\n  ],\n  \"possible_double_counts\": [";
  for (std::size_t i = 0; i < r.possible_double_counts.size(); ++i) {
    out << (i ? ", " : "") << "[";
    for (std::size_t j = 0; j < r.possible_double_counts[i].size(); ++j)
      out << (j ? ", " : "") << json_string(d.relation_id(r.possible_double_counts[i][j]));
    out << "]";
  }
  out << "],\n  \"undated_relations\": " << r.undated_relations << ",\n  \"not_yet_attested\": " << r.not_yet_attested << "\n}\n";
}

}  // namespace actorgraph
