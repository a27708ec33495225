// actorgraph path / links / neighbors / distances: how actors are connected, and on what evidence.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"

#include "actorgraph/analysis/paths.hpp"
#include "actorgraph/model/text.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace actorgraph::cli {

namespace {

struct PathArgs {
  std::string dataset, from, to;
  std::string format = "table";
  std::size_t k = 1;
  std::size_t max_hops = 0;
  bool all = false;
  SliceArgs slice;
  NetworkArgs network;
};

// One row per relation behind each hop: the evidence an analyst cites.
void add_evidence_columns(ResultTable& table) {
  for (const char* c : {"relation", "type", "dates", "sources", "quote"}) table.add_column(c);
}

std::vector<std::string> evidence_cells(const Dataset& d, RelationId r) {
  return {std::string(d.relation_id(r)), d.types()[d.relation_type(r)].id, relation_dates(d, r), relation_sources(d, r),
          std::string(d.relation_field(r, "quote"))};
}

void print_paths(const Network& n, const std::vector<Path>& paths, const std::string& format) {
  const Dataset& d = n.dataset();
  if (format == "table") {
    if (paths.empty()) std::cout << "no path\n";
    for (std::size_t i = 0; i < paths.size(); ++i) {
      const Path& p = paths[i];
      std::cout << (i ? "\n" : "") << "path " << i + 1 << ": " << p.links.size() << (p.links.size() == 1 ? " hop" : " hops");
      if (p.length != static_cast<double>(p.links.size())) std::cout << ", length " << format_score(p.length, format);
      // Data in prose lines is made terminal-safe, as the tables are (docs/CLI.md).
      std::cout << "\n  " << terminal_safe(d.actor_label(p.vertices[0]));
      for (std::size_t h = 1; h < p.vertices.size(); ++h)
        std::cout << (n.directed() ? " -> " : " -- ") << terminal_safe(d.actor_label(p.vertices[h]));
      std::cout << "\n";
      for (std::size_t h = 0; h < p.links.size(); ++h) {
        std::cout << "  " << terminal_safe(d.actor_id(p.vertices[h])) << (n.directed() ? " -> " : " -- ")
                  << terminal_safe(d.actor_id(p.vertices[h + 1])) << "\n";
        for (RelationId r : n.evidence(p.links[h])) {
          const auto cells = evidence_cells(d, r);
          const std::string line = cells[0] + "  " + std::string(d.actor_id(d.relation_source(r))) +
                                   (d.relation_directed(r) ? " -> " : " -- ") + std::string(d.actor_id(d.relation_target(r))) + "  " +
                                   cells[1] + (cells[2].empty() ? "" : "  " + cells[2]) + (cells[3].empty() ? "" : "  [" + cells[3] + "]");
          std::cout << "    " << terminal_safe(line) << "\n";
          if (!cells[4].empty()) std::cout << "      \"" << terminal_safe(cells[4]) << "\"\n";
        }
      }
    }
    return;
  }
  ResultTable table;
  table.add_column("path", true);
  table.add_column("hop", true);
  table.add_column("from");
  table.add_column("to");
  add_evidence_columns(table);
  for (std::size_t i = 0; i < paths.size(); ++i)
    for (std::size_t h = 0; h < paths[i].links.size(); ++h)
      for (RelationId r : n.evidence(paths[i].links[h])) {
        std::vector<std::string> row{std::to_string(i + 1), std::to_string(h + 1), std::string(d.actor_id(paths[i].vertices[h])),
                                     std::string(d.actor_id(paths[i].vertices[h + 1]))};
        for (auto& c : evidence_cells(d, r)) row.push_back(std::move(c));
        table.add_row(std::move(row));
      }
  table.write(std::cout, format);
}

void run_path(const PathArgs& args) {
  const SlicedNetwork in(args.dataset, args.slice, args.network);
  const Network& n = in.network;
  const Vertex from = network_vertex(n, args.from), to = network_vertex(n, args.to);
  PathOptions o;
  o.weighted = args.network.weight;
  o.weight_as = args.network.weight_meaning();
  std::vector<Path> paths;
  if (args.all) {
    if (args.max_hops == 0) throw UsageError("--all needs --max-hops L (every simple path of at most L relations)");
    paths = all_simple_paths(n, from, to, args.max_hops);
  } else if (args.k > 1) {
    paths = k_shortest_paths(n, from, to, args.k, o);
  } else if (auto p = shortest_path(n, from, to, o)) {
    paths.push_back(std::move(*p));
  }
  print_paths(n, paths, args.format);
  if (paths.empty()) throw Exit{exit_data};
}

struct LinksArgs {
  std::string dataset, a, b;
  std::string format = "table";
  SliceArgs slice;
  bool collapse = false;
};

// Every relation between the two actors, either direction, with its evidence and source titles.
void run_links(const LinksArgs& args) {
  const Dataset& d = load(args.dataset);
  const Slice slice(d, args.slice.options());
  note_slice(slice);
  NetworkOptions no;
  no.undirected = true;
  no.collapse = args.collapse;
  const Network n(d, slice, no);
  const Vertex a = network_vertex(n, args.a), b = network_vertex(n, args.b);
  ResultTable table;
  for (const char* c : {"relation", "source", "target", "type", "dates", "sources", "quote", "titles"}) table.add_column(c);
  for (const Link& l : n.out_links(a)) {
    if (l.other != b) continue;
    for (RelationId r : n.evidence(l.id)) {
      std::string titles;
      for (SourceId s : d.relation_sources(r)) {
        const auto publisher = d.source_field(s, "publisher"), date = d.source_field(s, "date");
        titles.append(titles.empty() ? "" : "; ").append(d.source_field(s, "title"));
        if (!publisher.empty() || !date.empty())
          titles.append(" (").append(publisher).append(publisher.empty() || date.empty() ? "" : ", ").append(date).append(")");
      }
      table.add_row({std::string(d.relation_id(r)), std::string(d.actor_id(d.relation_source(r))), std::string(d.actor_id(d.relation_target(r))),
                     d.types()[d.relation_type(r)].id, relation_dates(d, r), relation_sources(d, r),
                     std::string(d.relation_field(r, "quote")), titles});
    }
  }
  table.write(std::cout, args.format);
}

struct NeighborsArgs {
  std::string dataset, actors;
  std::string format = "table";
  std::size_t depth = 1;
  bool outgoing = false;
  SliceArgs slice;
  NetworkArgs network;
};

void run_neighbors(const NeighborsArgs& args) {
  const SlicedNetwork in(args.dataset, args.slice, args.network);
  const Dataset& d = in.dataset;
  const Network& n = in.network;
  const std::vector<Vertex> centres = network_vertices(n, args.actors);
  // With several centres, a first column names the centre of each row.
  const bool several = centres.size() > 1;
  ResultTable table;
  if (several) table.add_column("centre");
  for (const char* c : {"id", "label", "kind"}) table.add_column(c);
  table.add_column("distance", true);
  table.add_column("relations");
  for (const Vertex centre : centres)
    for (const Neighbour& nb : neighbourhood(n, centre, args.depth, !args.outgoing)) {
      const ActorId a = nb.vertex;
      // A relation can back both directions of an undirected pair: list each once, in dataset order.
      std::vector<RelationId> evidence;
      for (std::uint32_t link : nb.links)
        for (RelationId r : n.evidence(link)) evidence.push_back(r);
      std::sort(evidence.begin(), evidence.end());
      evidence.erase(std::unique(evidence.begin(), evidence.end()), evidence.end());
      std::string relations;
      for (RelationId r : evidence) relations.append(relations.empty() ? "" : "|").append(d.relation_id(r));
      std::vector<std::string> row;
      if (several) row.emplace_back(d.actor_id(centre));
      for (auto cell : {std::string(d.actor_id(a)), std::string(d.actor_label(a)), d.kind_name(d.actor_kind(a)), std::to_string(nb.distance),
                        relations})
        row.push_back(std::move(cell));
      table.add_row(std::move(row));
    }
  table.write(std::cout, args.format);
}

struct DistancesArgs {
  std::string dataset, from;
  std::string format = "table";
  std::size_t max_hops = 0;
  SliceArgs slice;
  NetworkArgs network;
};

// One row per actor each source reaches: the distance, the hops of the path found, and its last hop
// with the relations behind it.
void run_distances(const DistancesArgs& args) {
  const SlicedNetwork in(args.dataset, args.slice, args.network);
  const Dataset& d = in.dataset;
  const Network& n = in.network;
  const std::vector<Vertex> sources = network_vertices(n, args.from);
  PathOptions o;
  o.weighted = args.network.weight;
  o.weight_as = args.network.weight_meaning();
  ResultTable table;
  table.add_column("from");
  table.add_column("id");
  table.add_column("label");
  table.add_column("distance", true);
  table.add_column("hops", true);
  table.add_column("predecessor");
  table.add_column("relations");
  for (const Vertex s : sources)
    for (const Reached& r : single_source_distances(n, s, o, args.max_hops)) {
      const ActorId a = r.vertex;
      std::string predecessor, relations;
      if (r.predecessor != Network::none) {
        predecessor = d.actor_id(r.predecessor);
        for (RelationId rel : n.evidence(r.link)) relations.append(relations.empty() ? "" : "|").append(d.relation_id(rel));
      }
      table.add_row({std::string(d.actor_id(s)), std::string(d.actor_id(a)), std::string(d.actor_label(a)),
                     o.weighted ? format_score(r.distance, args.format) : std::to_string(r.hops), std::to_string(r.hops), predecessor,
                     relations});
    }
  table.write(std::cout, args.format);
}

}  // namespace

void add_path_commands(CLI::App& app) {
  {
    auto args = std::make_shared<PathArgs>();
    auto* cmd = app.add_subcommand("path", "Shortest path between two actors, each hop with the relations behind it");
    add_dataset_argument(*cmd, args->dataset);
    cmd->add_option("FROM", args->from, "First actor (id, label or alias)")->required();
    cmd->add_option("TO", args->to, "Last actor")->required();
    add_format_option(*cmd, args->format);
    cmd->add_option("--k", args->k, "The K shortest simple paths (Yen)")->check(CLI::Range(1, 1000))->capture_default_str();
    cmd->add_option("--max-hops", args->max_hops, "With --all: the longest path, in relations")->check(CLI::Range(1, 20));
    cmd->add_flag("--all", args->all, "Every simple path of at most --max-hops relations");
    args->slice.add_to(*cmd);
    args->network.add_to(*cmd);
    cmd->callback([args] { run_path(*args); });
  }
  {
    auto args = std::make_shared<LinksArgs>();
    auto* cmd = app.add_subcommand("links", "Every direct relation between two actors, with its evidence");
    add_dataset_argument(*cmd, args->dataset);
    cmd->add_option("A", args->a, "An actor")->required();
    cmd->add_option("B", args->b, "The other actor")->required();
    add_format_option(*cmd, args->format);
    cmd->add_flag("--collapse", args->collapse, "Count the relations of their officials, agencies and units too");
    args->slice.add_to(*cmd);
    cmd->callback([args] { run_links(*args); });
  }
  {
    auto args = std::make_shared<NeighborsArgs>();
    auto* cmd = app.add_subcommand("neighbors", "Actors within K relations of an actor, with the relations that reach them");
    add_dataset_argument(*cmd, args->dataset);
    cmd->add_option("ACTOR", args->actors, "The centre, or several separated by commas (a first column then names each row's)")->required();
    add_format_option(*cmd, args->format);
    cmd->add_option("--depth", args->depth, "How many relations away")->check(CLI::Range(1, 100))->capture_default_str();
    cmd->add_flag("--outgoing", args->outgoing, "Follow relations only in their direction (default: either way)");
    args->slice.add_to(*cmd);
    args->network.add_to(*cmd);
    cmd->callback([args] { run_neighbors(*args); });
  }
  {
    auto args = std::make_shared<DistancesArgs>();
    auto* cmd = app.add_subcommand("distances", "Every actor reachable from one or more actors, with its distance, the hops and the last "
                                                "hop of a shortest path (BFS, or Dijkstra with --weight)");
    add_dataset_argument(*cmd, args->dataset);
    cmd->add_option("--from", args->from, "The source actors (id, label or alias), comma-separated")->required();
    add_format_option(*cmd, args->format);
    cmd->add_option("--max-hops", args->max_hops, "Only actors whose shortest path found has at most this many relations")
        ->check(CLI::Range(1, 1000));
    args->slice.add_to(*cmd);
    args->network.add_to(*cmd);
    cmd->callback([args] { run_distances(*args); });
  }
}

}  // namespace actorgraph::cli
