// actorgraph influence DATASET --target ACTOR: competing influence of blocs on an actor.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"

#include "actorgraph/analysis/influence.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

namespace actorgraph::cli {

namespace {

struct InfluenceArgs {
  std::string dataset, target;
  std::vector<std::string> blocs;      // ids from blocs.csv
  std::vector<std::string> ad_hoc;     // NAME=ACTOR+ACTOR...
  std::string at, params, timeline;
  std::string format = "table";
  bool no_collapse = false;
  std::size_t explain = 0;
  SliceArgs slice;
};

std::vector<BlocSpec> blocs_of(const Dataset& d, const InfluenceArgs& args) {
  std::vector<BlocSpec> out;
  for (const auto& id : args.blocs) {
    const Bloc* b = d.find_bloc(id);
    if (!b) {
      std::vector<std::string_view> ids;
      for (const auto& x : d.blocs()) ids.push_back(x.id);
      const std::string hint = did_you_mean(id, ids);
      throw UsageError("unknown bloc '" + id + "'" + (hint.empty() ? " (declare it in blocs.csv, or give --bloc NAME=A+B)" : " (did you mean " + hint + "?)"));
    }
    out.push_back({b->id, b->members});
  }
  for (const auto& spec : args.ad_hoc) {
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
  if (out.empty()) out = dataset_blocs(d);
  return out;
}

std::string actor_list(const Dataset& d, const std::vector<ActorId>& actors) {
  std::string out;
  for (ActorId a : actors) out.append(out.empty() ? "" : "|").append(d.actor_id(a));
  return out;
}

std::string signed_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.3f", v);
  return buf;
}

void write_json(const Dataset& d, const InfluenceOptions& o, const InfluenceResult& r, const std::string& slice) {
  std::cout << "{\n  \"target\": " << json_string(d.actor_id(o.target)) << ",\n  \"at\": " << json_string(r.at.str())
            << ",\n  \"slice\": " << json_string(slice) << ",\n  \"collapse\": " << (o.collapse ? "true" : "false") << ",\n  \"blocs\": [";
  for (std::size_t b = 0; b < r.blocs.size(); ++b) {
    const auto& bi = r.blocs[b];
    std::cout << (b ? "," : "") << "\n    {\"name\": " << json_string(bi.name) << ", \"members\": " << json_string(actor_list(d, o.blocs[b].members))
              << ", \"direct\": " << format_number(bi.direct) << ", \"reach\": " << format_number(bi.reach)
              << ", \"score\": " << format_number(bi.score) << ", \"share\": " << format_number(bi.share)
              << ", \"share_min\": " << format_number(bi.share_min) << ", \"share_max\": " << format_number(bi.share_max)
              << ",\n     \"by_type\": {";
    bool first = true;
    for (const auto& [type, v] : bi.by_type) {
      std::cout << (first ? "" : ", ") << json_string(type) << ": " << format_number(v);
      first = false;
    }
    std::cout << "},\n     \"contributions\": [";
    for (std::size_t i = 0; i < bi.contributions.size(); ++i) {
      const auto& c = bi.contributions[i];
      std::cout << (i ? "," : "") << "\n       {\"relation\": " << json_string(d.relation_id(c.relation))
                << ", \"type\": " << json_string(d.types()[d.relation_type(c.relation)].id)
                << ", \"source\": " << json_string(d.actor_id(d.relation_source(c.relation)))
                << ", \"target\": " << json_string(d.actor_id(d.relation_target(c.relation)))
                << ", \"dates\": " << json_string(relation_dates(d, c.relation)) << ", \"weight\": " << format_number(c.type_weight)
                << ", \"magnitude_factor\": " << format_number(c.magnitude_factor) << ", \"decay\": " << format_number(c.decay)
                << ", \"value\": " << format_number(c.value) << ", \"sources\": " << json_string(relation_sources(d, c.relation))
                << ", \"quote\": " << json_string(d.relation_field(c.relation, "quote")) << "}";
    }
    std::cout << "]}";
  }
  std::cout << "\n  ]";
  if (r.balance)
    std::cout << ",\n  \"balance\": " << format_number(*r.balance) << ",\n  \"balance_min\": " << format_number(r.balance_min)
              << ",\n  \"balance_max\": " << format_number(r.balance_max);
  std::cout << ",\n  \"undated_relations\": " << r.undated_relations << "\n}\n";
}

void run(const InfluenceArgs& args) {
  const Dataset d = load(args.dataset);
  const Slice slice(d, args.slice.options());
  InfluenceOptions o;
  o.target = d.resolve_actor(args.target);
  o.blocs = blocs_of(d, args);
  o.collapse = !args.no_collapse;
  if (!args.at.empty()) o.at = PartialDate::parse_or_throw(args.at, "--at");
  std::string params = args.params;
  if (params.empty() && std::filesystem::exists(d.path() + "/influence.csv")) params = d.path() + "/influence.csv";
  if (!params.empty()) o.parameters.load(params, d.types());

  if (!args.timeline.empty()) {
    const auto colon = args.timeline.find(':');
    if (colon == std::string::npos) throw UsageError("--timeline takes FROM:TO (years), found '" + args.timeline + "'");
    const PartialDate from = PartialDate::parse_or_throw(args.timeline.substr(0, colon), "--timeline");
    const PartialDate to = PartialDate::parse_or_throw(args.timeline.substr(colon + 1), "--timeline");
    if (to.year() < from.year()) throw UsageError("--timeline: " + args.timeline + " ends before it starts");
    ResultTable table;
    table.add_column("year", true);
    for (const auto& b : o.blocs) {
      table.add_column(b.name + "_score", true);
      table.add_column(b.name + "_share", true);
    }
    if (o.blocs.size() == 2) table.add_column("balance", true);
    o.sensitivity = false;
    for (int year = from.year(); year <= to.year(); ++year) {
      o.at = *PartialDate::parse(std::to_string(year));
      const InfluenceResult r = measure_influence(d, slice, o);
      std::vector<std::string> row{std::to_string(year)};
      for (const auto& bi : r.blocs) {
        row.push_back(format_score(bi.score, args.format));
        row.push_back(format_score(bi.share, args.format));
      }
      if (r.balance) row.push_back(format_score(*r.balance, args.format));
      table.add_row(std::move(row));
    }
    table.write(std::cout, args.format);
    return;
  }

  const InfluenceResult r = measure_influence(d, slice, o);
  if (args.format == "json") {
    write_json(d, o, r, slice.description());
    return;
  }
  ResultTable table;
  table.add_column("bloc");
  for (const char* c : {"direct", "reach", "score", "share", "share_min", "share_max"}) table.add_column(c, true);
  table.add_column("members");
  for (std::size_t b = 0; b < r.blocs.size(); ++b) {
    const auto& bi = r.blocs[b];
    table.add_row({bi.name, format_score(bi.direct, args.format), format_score(bi.reach, args.format), format_score(bi.score, args.format),
                   format_score(bi.share, args.format), format_score(bi.share_min, args.format), format_score(bi.share_max, args.format),
                   actor_list(d, o.blocs[b].members)});
  }
  if (args.format == "csv") {
    table.write(std::cout, args.format);
    return;
  }
  std::cout << "influence on " << d.actor_label(o.target) << " (" << d.actor_id(o.target) << ") as of " << r.at.str()
            << "; slice: " << slice.description() << "; collapse: " << (o.collapse ? "on" : "off") << "\n\n";
  table.write(std::cout, args.format);
  if (r.balance)
    std::cout << "\nbalance " << r.blocs[0].name << " vs " << r.blocs[1].name << ": " << signed_number(*r.balance) << " (range "
              << signed_number(r.balance_min) << " .. " << signed_number(r.balance_max)
              << " when each weight and half-life varies by 50%)\n";
  if (r.undated_relations)
    std::cout << r.undated_relations << " undated relations counted at the undated factor\n";

  ResultTable types;
  types.add_column("bloc");
  types.add_column("type");
  types.add_column("direct", true);
  for (const auto& bi : r.blocs)
    for (const auto& [type, v] : bi.by_type) types.add_row({bi.name, type, format_score(v, args.format)});
  std::cout << "\nby relation type\n";
  types.write(std::cout, args.format);

  if (args.explain > 0) {
    for (const auto& bi : r.blocs) {
      std::cout << "\ntop relations for " << bi.name << "\n";
      ResultTable top;
      for (const char* c : {"relation", "link", "type", "dates"}) top.add_column(c);
      for (const char* c : {"weight", "magnitude", "decay", "value"}) top.add_column(c, true);
      top.add_column("sources");
      for (std::size_t i = 0; i < bi.contributions.size() && i < args.explain; ++i) {
        const auto& c = bi.contributions[i];
        const RelationId rel = c.relation;
        top.add_row({std::string(d.relation_id(rel)),
                     std::string(d.actor_id(d.relation_source(rel))) + (d.relation_directed(rel) ? " -> " : " -- ") + std::string(d.actor_id(d.relation_target(rel))),
                     d.types()[d.relation_type(rel)].id, relation_dates(d, rel), format_score(c.type_weight, args.format),
                     format_score(c.magnitude_factor, args.format), format_score(c.decay, args.format), format_score(c.value, args.format),
                     relation_sources(d, rel)});
      }
      top.write(std::cout, args.format);
      for (std::size_t i = 0; i < bi.contributions.size() && i < args.explain; ++i)
        if (const auto quote = d.relation_field(bi.contributions[i].relation, "quote"); !quote.empty())
          std::cout << "  " << d.relation_id(bi.contributions[i].relation) << ": \"" << quote << "\"\n";
    }
  }
}

}  // namespace

void add_influence_command(CLI::App& app) {
  auto args = std::make_shared<InfluenceArgs>();
  auto* cmd = app.add_subcommand("influence", "Competing influence of blocs on a target actor: scores, shares, balance, "
                                 "breakdown, top relations, timeline, sensitivity (docs/influence.md)");
  add_dataset_argument(*cmd, args->dataset);
  cmd->add_option("--target", args->target, "The actor influenced (id, label or alias)")->required();
  cmd->add_option("--blocs", args->blocs, "Blocs from blocs.csv to compare, comma-separated (default: all of them)")->delimiter(',');
  cmd->add_option("--bloc", args->ad_hoc, "A bloc given here: NAME=ACTOR+ACTOR+... (repeatable)");
  cmd->add_option("--at", args->at, "Reference date (default: the latest date in the dataset)");
  cmd->add_flag("--no-collapse", args->no_collapse, "Count only the members themselves, not their officials, agencies and units");
  cmd->add_option("--params", args->params, "Parameter file (default: DATASET/influence.csv if present, else built-in defaults)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--explain{5}", args->explain, "Show the 5 (or --explain=N) relations that contribute most to each bloc");
  cmd->add_option("--timeline", args->timeline, "Scores year by year, FROM:TO (e.g. 2000:2013)");
  add_format_option(*cmd, args->format);
  args->slice.add_to(*cmd, false);
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
