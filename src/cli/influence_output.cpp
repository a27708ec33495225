#include "cli/influence_output.hpp"

#include "cli/common.hpp"

#include "actorgraph/model/text.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace actorgraph::cli {

namespace {

std::string actor_list(const Dataset& d, const std::vector<ActorId>& actors) {
  std::string out;
  for (ActorId a : actors) out.append(out.empty() ? "" : "|").append(d.actor_id(a));
  return out;
}

}  // namespace

std::vector<BlocSpec> influence_blocs(const Dataset& d, ActorId target, const std::vector<std::string>& ids,
                                      const std::vector<std::string>& ad_hoc) {
  std::vector<BlocSpec> out;
  for (const auto& id : ids) {
    const Bloc* b = d.find_bloc(id);
    if (!b) {
      std::vector<std::string_view> known;
      for (const auto& x : d.blocs()) known.push_back(x.id);
      const std::string hint = did_you_mean(id, known);
      throw UsageError("unknown bloc '" + id + "'" + (hint.empty() ? " (declare it in blocs.csv, or give --bloc NAME=A+B)" : " (did you mean " + hint + "?)"));
    }
    out.push_back({b->id, b->members});
  }
  for (const auto& spec : ad_hoc) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
      throw UsageError("--bloc takes NAME=ACTOR+ACTOR..., found '" + spec + "'");
    BlocSpec b{spec.substr(0, eq), {}};
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
    if (std::binary_search(b.members.begin(), b.members.end(), target))
      std::cerr << "actorgraph: note: bloc '" << b.name << "' is left out: the target '" << d.actor_id(target)
                << "' is one of its members\n";
    else
      out.push_back(std::move(b));
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
  options.sensitivity = false;
  for (int year = years.from; year <= years.to; ++year) {
    options.at = *PartialDate::parse(std::to_string(year));
    out.push_back(measure_influence(d, slice, options));
  }
  return out;
}

ResultTable timeline_table(const std::vector<BlocSpec>& blocs, const std::vector<InfluenceResult>& years, YearRange range,
                           const std::string& format) {
  ResultTable table;
  table.add_column("year", true);
  for (const auto& b : blocs) {
    table.add_column(b.name + "_score", true);
    table.add_column(b.name + "_share", true);
  }
  if (blocs.size() == 2) table.add_column("balance", true);
  for (std::size_t i = 0; i < years.size(); ++i) {
    const InfluenceResult& r = years[i];
    std::vector<std::string> row{std::to_string(range.from + static_cast<int>(i))};
    for (const auto& bi : r.blocs) {
      row.push_back(format_score(bi.score, format));
      row.push_back(format_score(bi.share, format));
    }
    if (r.balance) row.push_back(format_score(*r.balance, format));
    table.add_row(std::move(row));
  }
  return table;
}

ResultTable influence_table(const Dataset& d, const InfluenceOptions& o, const InfluenceResult& r, const std::string& format) {
  ResultTable table;
  table.add_column("bloc");
  for (const char* c : {"direct", "reach", "score", "share", "share_min", "share_max"}) table.add_column(c, true);
  table.add_column("members");
  for (std::size_t b = 0; b < r.blocs.size(); ++b) {
    const auto& bi = r.blocs[b];
    table.add_row({bi.name, format_score(bi.direct, format), format_score(bi.reach, format), format_score(bi.score, format),
                   format_score(bi.share, format), format_score(bi.share_min, format), format_score(bi.share_max, format),
                   actor_list(d, o.blocs[b].members)});
  }
  return table;
}

void write_influence_json(std::ostream& out, const Dataset& d, const InfluenceOptions& o, const InfluenceResult& r,
                          const std::string& slice) {
  out << "{\n  \"target\": " << json_string(d.actor_id(o.target)) << ",\n  \"at\": " << json_string(r.at.str())
            << ",\n  \"slice\": " << json_string(slice) << ",\n  \"collapse\": " << (o.collapse ? "true" : "false") << ",\n  \"blocs\": [";
  for (std::size_t b = 0; b < r.blocs.size(); ++b) {
    const auto& bi = r.blocs[b];
    out << (b ? "," : "") << "\n    {\"name\": " << json_string(bi.name) << ", \"members\": " << json_string(actor_list(d, o.blocs[b].members))
              << ", \"direct\": " << format_number(bi.direct) << ", \"reach\": " << format_number(bi.reach)
              << ", \"score\": " << format_number(bi.score) << ", \"share\": " << format_number(bi.share)
              << ", \"share_min\": " << format_number(bi.share_min) << ", \"share_max\": " << format_number(bi.share_max)
              << ",\n     \"by_type\": {";
    bool first = true;
    for (const auto& [type, v] : bi.by_type) {
      out << (first ? "" : ", ") << json_string(type) << ": " << format_number(v);
      first = false;
    }
    out << "},\n     \"contributions\": [";
    for (std::size_t i = 0; i < bi.contributions.size(); ++i) {
      const auto& c = bi.contributions[i];
      out << (i ? "," : "") << "\n       {\"relation\": " << json_string(d.relation_id(c.relation))
                << ", \"type\": " << json_string(d.types()[d.relation_type(c.relation)].id)
                << ", \"source\": " << json_string(d.actor_id(d.relation_source(c.relation)))
                << ", \"target\": " << json_string(d.actor_id(d.relation_target(c.relation)))
                << ", \"dates\": " << json_string(relation_dates(d, c.relation)) << ", \"weight\": " << format_number(c.type_weight)
                << ", \"magnitude_factor\": " << format_number(c.magnitude_factor) << ", \"decay\": " << format_number(c.decay)
                << ", \"credence\": " << format_number(c.credence)
                << ", \"value\": " << format_number(c.value) << ", \"sources\": " << json_string(relation_sources(d, c.relation))
                << ", \"quote\": " << json_string(d.relation_field(c.relation, "quote")) << "}";
    }
    out << "]}";
  }
  out << "\n  ]";
  if (r.balance)
    out << ",\n  \"balance\": " << format_number(*r.balance) << ",\n  \"balance_min\": " << format_number(r.balance_min)
              << ",\n  \"balance_max\": " << format_number(r.balance_max);
  out << ",\n  \"undated_relations\": " << r.undated_relations << "\n}\n";
}


}  // namespace actorgraph::cli
