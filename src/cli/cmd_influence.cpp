// actorgraph influence DATASET --target ACTOR: competing influence of blocs on an actor.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"

#include "actorgraph/analysis/influence.hpp"
#include "actorgraph/report/influence_output.hpp"
#include "actorgraph/model/text.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
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

// Three decimals with the sign always written: "+0.250", "-0.100".
std::string signed_number(double v) { return (std::signbit(v) ? "" : "+") + fixed_number(v, 3); }

std::string link_of(const Dataset& d, RelationId rel) {
  return std::string(d.actor_label(d.relation_source(rel))) + (d.relation_directed(rel) ? " -> " : " -- ") +
         std::string(d.actor_label(d.relation_target(rel)));
}

std::string source_list(const Dataset& d, const std::vector<SourceId>& sources) {
  std::string out;
  for (SourceId s : sources) out.append(out.empty() ? "" : ", ").append(d.source_id(s));
  return out;
}

// "held", or the status with the factor it counts with ("planned 0.5").
std::string status_cell(Status status, double factor, const std::string& format) {
  if (status == Status::held) return "held";
  return std::string(status_name(status)) + " " + format_score(factor, format);
}

// The text report's head: what was measured, on what, and the evidence each bloc rests on.
void print_head(const Dataset& d, const Slice& slice, const InfluenceOptions& o, const InfluenceResult& r) {
  // Data in prose lines is made terminal-safe, as the tables are (docs/CLI.md).
  std::cout << "influence on " << terminal_safe(d.actor_label(o.target)) << " as of " << r.at.str()
            << ": documented ties in these sources, each fact counted once, conflictual ties subtracted\n"
            << "slice: " << slice.description() << "; collapse: " << (o.collapse ? "on" : "off") << "; " << r.sources.size()
            << (r.sources.size() == 1 ? " source" : " sources") << " cited by the target's ties\n";
  for (const auto& bi : r.blocs)
    std::cout << "  " << terminal_safe(bi.label) << " rests on " << bi.sources.size() << (bi.sources.size() == 1 ? " source" : " sources")
              << (bi.sources.empty() ? "" : " (" + terminal_safe(source_list(d, bi.sources)) + ")")
              << (bi.unsourced_rows ? ", " + std::to_string(bi.unsourced_rows) + " rows without a source" : std::string()) << "\n";
  std::cout << "\n";
}

// The figures with their intervals, the balance, where the intervals come from, and the notes on
// undated relations and possible double counts.
void print_figures(const Dataset& d, const InfluenceResult& r, const std::string& format) {
  influence_summary_table(r, format).write(std::cout, format);
  if (r.balance) {
    const Estimate& b = (*r.balance)[all_dimensions];
    std::cout << "\nbalance " << terminal_safe(r.blocs[0].label) << " vs " << terminal_safe(r.blocs[1].label) << ": " << signed_number(b.value) << " (interval "
              << signed_number(b.low) << " .. " << signed_number(b.high) << ")\n";
  }
  std::cout << "\nwhere each interval comes from (undated: undated relations left out before their attestation .. counted as "
               "active; sources: leave one source out; boot: bootstrap over sources, 2.5-97.5%; params: "
            << r.draws << " parameter draws within their ranges, 2.5-97.5%; seed " << r.seed << ")\n";
  influence_parts_table(r, format).write(std::cout, format);
  if (r.undated_relations)
    std::cout << "\n" << r.undated_relations << " undated relations; " << r.not_yet_attested
              << " of them not attested by " << r.at.str() << " (they count only in the upper ends)\n";
  for (const auto& group : r.possible_double_counts) {
    std::string ids;
    for (RelationId rel : group) ids.append(ids.empty() ? "" : ", ").append(d.relation_id(rel));
    std::cout << "possible double count: " << terminal_safe(ids) << " (same actors, same quote, same dimension; give them one fact id if they are one fact)\n";
  }
}

// Each bloc's score by dimension and relation type (the type of each fact's counted row).
void print_by_type(const Dataset& d, const InfluenceOptions& o, const InfluenceResult& r, const std::string& format) {
  ResultTable types;
  types.add_column("bloc");
  types.add_column("dimension");
  types.add_column("type");
  types.add_column("score", true);
  for (const auto& bi : r.blocs) {
    std::map<std::pair<std::string, std::string>, double> by;
    for (const auto& [type, v] : bi.by_type) {
      const auto t = d.types().find(type);
      by[{std::string(dimension_name(o.parameters.type_dimension(d.types()[*t]))), type}] += v;
    }
    for (const auto& [key, v] : by) types.add_row({bi.label, key.first, key.second, format_score(v, format)});
  }
  std::cout << "\nby dimension and relation type (the type of each fact's counted row)\n";
  types.write(std::cout, format);
}

// One fact that weighs for a bloc: its value, the row it counts, each row's factors and quote.
void print_fact(const Dataset& d, const BlocInfluence& bi, const FactContribution& f, const std::string& format) {
  std::cout << "\nfact " << terminal_safe(f.id) << ": " << format_score(f.value, format) << " (upper end " << format_score(f.high, format)
            << "); counts " << (f.counted ? std::string(d.relation_id(*f.counted)) : std::string("no cooperative row"))
            << (f.friction ? ", friction " + std::string(d.relation_id(*f.friction)) : std::string()) << "\n";
  ResultTable rows;
  for (const char* c : {"relation", "link", "type", "dimension", "dates", "attested"}) rows.add_column(c);
  for (const char* c : {"sign", "weight", "magnitude", "decay", "credence"}) rows.add_column(c, true);
  rows.add_column("status");
  rows.add_column("value", true);
  rows.add_column("sources");
  for (RelationId rel : f.rows) {
    const auto c = std::find_if(bi.contributions.begin(), bi.contributions.end(), [&](const Contribution& x) { return x.relation == rel; });
    rows.add_row({std::string(d.relation_id(rel)), link_of(d, rel), d.types()[d.relation_type(rel)].id,
                  std::string(dimension_name(c->dimension)), relation_dates(d, rel), d.relation_attested(rel).str(),
                  c->sign > 0 ? "+" : c->sign < 0 ? "-" : "0", format_score(c->type_weight, format),
                  format_score(c->magnitude_factor, format), format_score(c->decay, format),
                  format_score(c->credence, format), status_cell(d.relation_status(rel), c->status_factor, format),
                  format_score(c->value, format), relation_sources(d, rel)});
  }
  rows.write(std::cout, format);
  for (RelationId rel : f.rows)
    if (const auto quote = d.relation_field(rel, "quote"); !quote.empty())
      std::cout << "  " << terminal_safe(d.relation_id(rel)) << ": \"" << terminal_safe(quote) << "\"\n";
}

void run(const InfluenceArgs& args) {
  const Dataset& d = load(args.dataset);
  const Slice slice(d, args.slice.options(), load_options().threads);
  InfluenceOptions o;
  o.target = d.resolve_actor(args.target);
  std::vector<std::string> notes;
  o.blocs = influence_blocs(d, o.target, args.blocs, args.ad_hoc, &notes);
  for (const auto& note : notes) std::cerr << "actorgraph: note: " << note << "\n";
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
  if (args.format == "csv") {
    influence_table(d, o, r, args.format).write(std::cout, args.format);
    return;
  }
  print_head(d, slice, o, r);
  print_figures(d, r, args.format);
  print_by_type(d, o, r, args.format);
  if (args.explain == 0) return;
  for (const auto& bi : r.blocs) {
    std::cout << "\nfacts that weigh most for " << terminal_safe(bi.label) << " (" << bi.facts.size() << " facts)\n";
    for (std::size_t i = 0; i < bi.facts.size() && i < args.explain; ++i) print_fact(d, bi, bi.facts[i], args.format);
  }
}

}  // namespace

void add_influence_command(CLI::App& app) {
  auto args = std::make_shared<InfluenceArgs>();
  auto* cmd = app.add_subcommand("influence", "Competing influence of blocs on a target actor: scores, shares, balance, "
                                 "intervals, facts, timeline (docs/influence.md)");
  add_dataset_argument(*cmd, args->dataset);
  cmd->add_option("--target", args->target, "The actor influenced (id, label or alias)")->required();
  cmd->add_option("--blocs", args->blocs, "Blocs from blocs.csv to compare, comma-separated (default: all of them)")->delimiter(',');
  cmd->add_option("--bloc", args->ad_hoc, "A bloc given here: NAME=ACTOR+ACTOR+... (repeatable)");
  cmd->add_option("--at", args->at, "Reference date (default: the latest date in the dataset)");
  cmd->add_flag("--no-collapse", args->no_collapse, "Count only the members themselves, not their officials, agencies and units");
  cmd->add_option("--params", args->params, "Parameter file (default: DATASET/influence.csv if present, else built-in defaults)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--explain{5}", args->explain, "Show the 5 (or --explain=N) facts that weigh most for each bloc, with their rows and citations");
  cmd->add_option("--timeline", args->timeline, "Scores year by year, FROM:TO (e.g. 2000:2013)");
  add_format_option(*cmd, args->format);
  args->slice.add_to(*cmd, false);
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
