// actorgraph stats DATASET: what the network contains and how it hangs together.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"

#include "actorgraph/analysis/paths.hpp"
#include "actorgraph/analysis/stats.hpp"
#include "actorgraph/json_writer.hpp"

#include <iostream>
#include <memory>

namespace actorgraph::cli {

namespace {

struct StatsArgs {
  std::string dataset;
  std::string format = "table";
  SliceArgs slice;
  bool no_distances = false;
};

// All-pairs BFS is O(n·m): past this many actors stats skips it unless asked.
constexpr std::size_t max_distance_actors = 20000;

void run(const StatsArgs& args) {
  const Dataset& d = load(args.dataset);
  const Slice slice(d, args.slice.options(), load_options().threads);
  note_slice(slice);
  const Stats s = compute_stats(d, slice);

  // One record per figure: (section, metric, value, numeric).
  struct Row {
    std::string section, metric, value;
    bool numeric;
  };
  std::vector<Row> rows;
  auto add = [&](std::string section, std::string metric, std::string value, bool numeric = true) {
    rows.push_back({std::move(section), std::move(metric), std::move(value), numeric});
  };
  auto n = [](std::size_t v) { return std::to_string(v); };
  add("dataset", "path", d.path(), false);
  add("dataset", "slice", slice.description(), false);
  add("actors", "total", n(s.actors));
  for (const auto& [kind, count] : s.actors_by_kind) add("kinds", kind, n(count));
  add("relations", "total", n(s.relations));
  add("relations", "directed", n(s.directed_relations));
  add("relations", "undirected", n(s.relations - s.directed_relations));
  add("relations", "undated", n(s.undated_relations));
  add("relations", "ongoing", n(s.ongoing_relations));
  add("relations", "self", n(s.self_relations));
  for (const auto& [type, count] : s.relations_by_type) add("types", type, n(count));
  add("dates", "earliest", s.earliest ? s.earliest->str() : "", false);
  add("dates", "latest", s.latest ? s.latest->str() : "", false);
  add("sources", "cited", n(s.sources_cited));
  add("sources", "total", n(s.sources_total));
  add("structure", "linked_pairs", n(s.linked_pairs));
  add("structure", "density", format_number(s.density));
  add("structure", "weak_components", n(s.weak_components));
  add("structure", "largest_weak_component", n(s.largest_weak_component));
  add("structure", "strong_components", n(s.strong_components));
  add("structure", "isolated_actors", n(s.isolated_actors));
  // Distances on the undirected simple projection, over pairs that are connected at all.
  if (!args.no_distances && s.actors <= max_distance_actors) {
    NetworkOptions undirected;
    undirected.undirected = true;
    undirected.threads = load_options().threads;
    const DistanceStats ds = distance_stats(Network(d, slice, undirected), terminal_progress("distances"));
    add("structure", "connected", ds.connected ? "true" : "false");
    add("structure", "diameter", n(ds.diameter));
    add("structure", "average_path_length", format_number(ds.average_path_length));
  } else if (!args.no_distances) {
    std::cerr << "actorgraph: note: diameter and average path length skipped above " << max_distance_actors << " actors\n";
  }

  if (args.format == "json") {
    // {"dataset": {"path": ..., "slice": ...}, "actors": {...}, ...}: one object per section, one a line.
    std::string text;
    JsonWriter json(text);
    json.begin_object();
    std::string section;
    for (const auto& r : rows) {
      if (r.section != section) {
        if (!section.empty()) json.end_object();
        json.line(2).key(r.section).begin_object();
        section = r.section;
      }
      json.key(r.metric);
      if (r.numeric && (r.value == "true" || r.value == "false")) json.boolean(r.value == "true");
      else if (r.numeric) json.number_text(r.value);
      else if (r.value.empty()) json.null();
      else json.string(r.value);
    }
    json.end_object().line(0).end_object();
    std::cout << text << "\n";
    return;
  }
  ResultTable table;
  table.add_column("section");
  table.add_column("metric");
  table.add_column("value");
  for (const auto& r : rows) table.add_row({r.section, r.metric, r.value});
  table.write(std::cout, args.format);
}

}  // namespace

void add_stats_command(CLI::App& app) {
  auto args = std::make_shared<StatsArgs>();
  auto* cmd = app.add_subcommand("stats", "Summarise a dataset: actors by kind, relations by type, dates, sources, components, density");
  add_dataset_argument(*cmd, args->dataset);
  add_format_option(*cmd, args->format);
  cmd->add_flag("--no-distances", args->no_distances, "Skip the diameter and average path length (all-pairs BFS)");
  args->slice.add_to(*cmd);
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
