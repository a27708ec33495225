// actorgraph diff DATASET --at D1 --at D2: what changed between two dates.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"

#include "actorgraph/analysis/centrality.hpp"
#include "actorgraph/json_writer.hpp"

#include <iostream>
#include <memory>

namespace actorgraph::cli {

namespace {

struct DiffArgs {
  std::string dataset;
  std::string format = "table";
  std::vector<std::string> at;
  std::string measure = "degree";
  std::size_t top = 0;
  SliceArgs slice;
  NetworkArgs network;
};

// The rank (1 = first) of every actor in a slice's network; 0 for actors not in it.
std::vector<std::size_t> ranks(const Scores& s, std::size_t actors) {
  std::vector<std::size_t> out(actors, 0);
  std::size_t rank = 0;
  for (const ActorId a : s.ranking()) out[a] = ++rank;
  return out;
}

void run(const DiffArgs& args) {
  if (args.at.size() != 2)
    throw UsageError("diff needs two dates, --at D1 --at D2; " + std::to_string(args.at.size()) + (args.at.size() == 1 ? " was given" : " were given"));
  const Dataset& d = load(args.dataset);
  SliceOptions o1 = args.slice.options(), o2 = o1;
  o1.at = PartialDate::parse_or_throw(args.at[0], "--at");
  o2.at = PartialDate::parse_or_throw(args.at[1], "--at");
  const Slice s1(d, o1), s2(d, o2);
  note_slice(s1);

  ResultTable changes;
  for (const char* c : {"change", "relation", "source", "target", "type", "dates", "sources"}) changes.add_column(c);
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    if (s1.has_relation(r) == s2.has_relation(r)) continue;
    changes.add_row({s2.has_relation(r) ? "began" : "ended", std::string(d.relation_id(r)), std::string(d.actor_id(d.relation_source(r))),
                     std::string(d.actor_id(d.relation_target(r))), d.types()[d.relation_type(r)].id, relation_dates(d, r),
                     relation_sources(d, r)});
  }

  CentralityOptions co;
  co.weighted = args.network.weight;
  co.weight_as = args.network.weight_meaning();
  const Network n1(d, s1, args.network.options()), n2(d, s2, args.network.options());
  const Scores sc1 = centrality(n1, args.measure, co), sc2 = centrality(n2, args.measure, co);
  const auto r1 = ranks(sc1, d.actor_count()), r2 = ranks(sc2, d.actor_count());
  ResultTable moves;
  for (const char* c : {"id", "label"}) moves.add_column(c);
  for (const char* c : {"rank_1", "rank_2", "moved", "score_1", "score_2"}) moves.add_column(c, true);
  std::size_t shown = 0;
  // Vertices are actor numbers in both networks: the two slices' scores compare directly.
  for (const ActorId a : sc2.ranking()) {
    if (args.top && ++shown > args.top) break;
    moves.add_row({std::string(d.actor_id(a)), std::string(d.actor_label(a)), r1[a] ? std::to_string(r1[a]) : "",
                   std::to_string(r2[a]), r1[a] ? std::to_string(static_cast<long long>(r1[a]) - static_cast<long long>(r2[a])) : "",
                   n1.contains(a) ? format_score(sc1.value[a], args.format) : "", format_score(sc2.value[a], args.format)});
  }
  if (args.format == "table") {
    std::cout << "relations that began or ended between " << args.at[0] << " and " << args.at[1] << "\n";
    changes.write(std::cout, args.format);
    std::cout << "\n" << args.measure << " rank on " << args.at[0] << " (1) and " << args.at[1] << " (2); moved > 0: up\n";
    moves.write(std::cout, args.format);
  } else if (args.format == "json") {
    std::string text;
    JsonWriter(text).begin_object().key("relations").json(changes.text("json")).key("ranks").json(moves.text("json")).end_object();
    std::cout << text << "\n";
  } else {
    throw UsageError("diff writes two tables: use --format table or json");
  }
}

}  // namespace

void add_diff_command(CLI::App& app) {
  auto args = std::make_shared<DiffArgs>();
  auto* cmd = app.add_subcommand("diff", "Relations that began or ended between two dates, and how each actor's rank moved");
  add_dataset_argument(*cmd, args->dataset);
  add_format_option(*cmd, args->format);
  cmd->add_option("--at", args->at, "The two dates, each as --at DATE")->required();
  cmd->add_option("-m,--measure", args->measure, "Measure to rank by")
      ->check(CLI::IsMember({"degree", "betweenness", "harmonic", "pagerank"}))->capture_default_str();
  cmd->add_option("--top", args->top, "Show only the N highest-ranked actors on the second date");
  args->slice.add_to(*cmd, false);  // diff takes its dates from --at D1 --at D2
  args->network.add_to(*cmd);
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
