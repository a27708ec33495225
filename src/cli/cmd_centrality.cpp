// actorgraph centrality DATASET --measure M[,M...]: who is central, by the field's standard measures.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"

#include "actorgraph/analysis/centrality.hpp"
#include "actorgraph/io/exchange.hpp"

#include <iostream>
#include <memory>

namespace actorgraph::cli {

namespace {

struct CentralityArgs {
  std::string dataset;
  std::string format = "table";
  std::vector<std::string> measures{"degree"};
  std::size_t top = 0;
  bool raw = false;
  std::vector<std::string> seeds;
  double damping = 0.85;
  double alpha = 0.1;
  double beta = 1.0;
  unsigned threads = 0;
  std::size_t samples = 0;
  std::uint64_t random_seed = 1;
  SliceArgs slice;
  NetworkArgs network;
};

void run(const CentralityArgs& args) {
  const SlicedNetwork& in = sliced_network(args.dataset, args.slice, args.network);
  const Dataset& d = in.dataset;
  const Slice& slice = in.slice;
  const Network& network = in.network;

  CentralityOptions o;
  o.weighted = args.network.weight;
  o.weight_as = args.network.weight_meaning();
  o.normalized = !args.raw;
  o.damping = args.damping;
  o.katz_alpha = args.alpha;
  o.katz_beta = args.beta;
  o.threads = args.threads;
  o.samples = args.samples;
  o.random_seed = args.random_seed;
  for (const auto& name : args.seeds) {
    const ActorId a = d.resolve_actor(name);
    if (!network.contains(a))
      throw UsageError("seed actor '" + name + "' is not in the network (outside the slice, or collapsed into '" +
                       std::string(d.actor_id(network.representative(a))) + "')");
    o.seeds.push_back(a);
  }
  if (o.samples > network.vertex_count()) o.samples = network.vertex_count();

  std::vector<Scores> results;
  for (const auto& m : args.measures) {
    o.progress = terminal_progress(m);
    results.push_back(centrality(network, m, o));
  }

  if (args.format == "dot") {
    // The slice's actors with one attribute per measure, for Graphviz's own tools (gvpr, dot -Gsize...).
    DotOptions dot;
    dot.embed_tables = false;
    dot.actors.assign(d.actor_count(), false);
    for (ActorId a = 0; a < d.actor_count(); ++a) dot.actors[a] = network.contains(a);
    dot.relations.assign(d.relation_count(), false);
    for (RelationId r = 0; r < d.relation_count(); ++r) dot.relations[r] = slice.has_relation(r);
    for (std::size_t m = 0; m < args.measures.size(); ++m) {
      std::vector<std::string> values(d.actor_count());
      for (ActorId a = 0; a < d.actor_count(); ++a)
        if (network.contains(a)) values[a] = format_score(results[m].value[a], "csv");
      dot.node_attributes[args.measures[m]] = std::move(values);
    }
    std::cout << to_dot(d, dot);
    return;
  }

  ResultTable table;
  table.add_column("id");
  table.add_column("label");
  table.add_column("kind");
  for (const auto& m : args.measures) table.add_column(m, true);
  table.stream_to(std::cout, args.format);  // csv and json: a million actors' rows are not kept
  for (const ActorId a : results.front().ranking(args.top)) {
    std::vector<std::string> row{std::string(d.actor_id(a)), std::string(d.actor_label(a)), d.kind_name(d.actor_kind(a))};
    for (const auto& r : results) row.push_back(format_score(r.value[a], args.format));
    table.add_row(std::move(row));
  }
  table.write(std::cout, args.format);
}

}  // namespace

void add_centrality_command(CLI::App& app) {
  auto args = std::make_shared<CentralityArgs>();
  auto* cmd = app.add_subcommand("centrality", "Centrality of every actor, one column per measure, ranked by the first "
                                 "(definitions: docs/ANALYSES.md)");
  add_dataset_argument(*cmd, args->dataset);
  cmd->add_option("--format", args->format, "Output format; dot: the slice as a DOT graph with the scores as node attributes")
      ->check(CLI::IsMember({"table", "csv", "json", "dot"}))->capture_default_str();
  cmd->add_option("-m,--measure", args->measures, "Measures, comma-separated: degree, in_degree, out_degree, betweenness, "
                  "closeness, harmonic, eigenvector, pagerank, katz, clustering")
      ->delimiter(',')->check(CLI::IsMember(centrality_measures()))->capture_default_str();
  cmd->add_option("--top", args->top, "Show only the N highest-ranked actors (0: all)");
  cmd->add_flag("--raw", args->raw, "Raw values instead of normalised ones");
  cmd->add_option("--seed", args->seeds, "Personalised PageRank: teleport to these actors only (comma-separated)")->delimiter(',');
  cmd->add_option("--damping", args->damping, "PageRank damping factor")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_option("--alpha", args->alpha, "Katz attenuation factor")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_option("--beta", args->beta, "Katz exogenous term")->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads for betweenness and closeness (0: all cores)")->check(CLI::Range(0, 1024));
  cmd->add_option("--samples", args->samples, "Approximate betweenness from this many sampled source actors (0: exact)");
  cmd->add_option("--random-seed", args->random_seed, "Seed of the source sample")->capture_default_str();
  args->slice.add_to(*cmd);
  args->network.add_to(*cmd);
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
