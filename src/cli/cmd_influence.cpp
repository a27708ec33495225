// actorgraph influence DATASET --target ACTOR: competing influence of blocs on an actor.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/influence_output.hpp"
#include "cli/output.hpp"

#include "actorgraph/analysis/influence.hpp"

#include <cstdio>
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

std::string signed_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.3f", v);
  return buf;
}

void run(const InfluenceArgs& args) {
  const Dataset d = load(args.dataset);
  const Slice slice(d, args.slice.options());
  InfluenceOptions o;
  o.target = d.resolve_actor(args.target);
  o.blocs = influence_blocs(d, o.target, args.blocs, args.ad_hoc);
  o.collapse = !args.no_collapse;
  if (!args.at.empty()) o.at = PartialDate::parse_or_throw(args.at, "--at");
  load_influence_parameters(d, args.params, o.parameters);

  if (!args.timeline.empty()) {
    const YearRange years = parse_year_range(args.timeline, "--timeline");
    timeline_table(o.blocs, influence_by_year(d, slice, o, years), years, args.format).write(std::cout, args.format);
    return;
  }

  const InfluenceResult r = measure_influence(d, slice, o);
  if (args.format == "json") {
    write_influence_json(std::cout, d, o, r, slice.description());
    return;
  }
  const ResultTable table = influence_table(d, o, r, args.format);
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
      for (const char* c : {"weight", "magnitude", "decay", "credence", "value"}) top.add_column(c, true);
      top.add_column("sources");
      for (std::size_t i = 0; i < bi.contributions.size() && i < args.explain; ++i) {
        const auto& c = bi.contributions[i];
        const RelationId rel = c.relation;
        top.add_row({std::string(d.relation_id(rel)),
                     std::string(d.actor_id(d.relation_source(rel))) + (d.relation_directed(rel) ? " -> " : " -- ") + std::string(d.actor_id(d.relation_target(rel))),
                     d.types()[d.relation_type(rel)].id, relation_dates(d, rel), format_score(c.type_weight, args.format),
                     format_score(c.magnitude_factor, args.format), format_score(c.decay, args.format),
                     format_score(c.credence, args.format), format_score(c.value, args.format),
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
