// actorgraph path / links / neighbors / distances: how actors are connected, and on what evidence.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"

#include "actorgraph/analysis/paths.hpp"
#include "actorgraph/io/csv.hpp"
#include "actorgraph/model/text.hpp"

#include <algorithm>
#include <array>
#include <iostream>
#include <memory>
#include <optional>
#include <utility>

namespace actorgraph::cli {

namespace {

struct PathArgs {
  std::string dataset, from, to, pairs;
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

// The paths found between one pair of actors; `pair` is set with --pairs.
struct PathBlock {
  std::optional<std::pair<Vertex, Vertex>> pair;
  std::vector<Path> paths;
};

// A table block: the pair's heading (with --pairs), then each path, its hops and the evidence.
void print_path_block(const Network& n, const PathBlock& block) {
  const Dataset& d = n.dataset();
  const char* arrow = n.directed() ? " -> " : " -- ";
  if (block.pair) std::cout << "### " << terminal_safe(d.actor_id(block.pair->first)) << arrow << terminal_safe(d.actor_id(block.pair->second)) << "\n";
  if (block.paths.empty()) std::cout << "no path\n";
  for (std::size_t i = 0; i < block.paths.size(); ++i) {
    const Path& p = block.paths[i];
    std::cout << (i ? "\n" : "") << "path " << i + 1 << ": " << p.links.size() << (p.links.size() == 1 ? " hop" : " hops");
    if (p.length != static_cast<double>(p.links.size())) std::cout << ", length " << format_score(p.length, "table");
    // Data in prose lines is made terminal-safe, as the tables are (docs/CLI.md).
    std::cout << "\n  " << terminal_safe(d.actor_label(p.vertices[0]));
    for (std::size_t h = 1; h < p.vertices.size(); ++h) std::cout << arrow << terminal_safe(d.actor_label(p.vertices[h]));
    std::cout << "\n";
    for (std::size_t h = 0; h < p.links.size(); ++h) {
      std::cout << "  " << terminal_safe(d.actor_id(p.vertices[h])) << arrow << terminal_safe(d.actor_id(p.vertices[h + 1])) << "\n";
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
}

// Table format: one block per pair, separated by a blank line. csv and json: one table, a row per
// relation behind each hop, led by the pair's two actors with --pairs.
void print_paths(const Network& n, const std::vector<PathBlock>& blocks, const std::string& format) {
  if (format == "table") {
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      if (b) std::cout << "\n";
      print_path_block(n, blocks[b]);
    }
    return;
  }
  const Dataset& d = n.dataset();
  const bool pairs = !blocks.empty() && blocks.front().pair;
  ResultTable table;
  if (pairs) {
    table.add_column("pair_from");
    table.add_column("pair_to");
  }
  table.add_column("path", true);
  table.add_column("hop", true);
  table.add_column("from");
  table.add_column("to");
  add_evidence_columns(table);
  for (const PathBlock& block : blocks)
    for (std::size_t i = 0; i < block.paths.size(); ++i)
      for (std::size_t h = 0; h < block.paths[i].links.size(); ++h)
        for (RelationId r : n.evidence(block.paths[i].links[h])) {
          std::vector<std::string> row;
          if (pairs) row = {std::string(d.actor_id(block.pair->first)), std::string(d.actor_id(block.pair->second))};
          for (auto cell : {std::to_string(i + 1), std::to_string(h + 1), std::string(d.actor_id(block.paths[i].vertices[h])),
                            std::string(d.actor_id(block.paths[i].vertices[h + 1]))})
            row.push_back(std::move(cell));
          for (auto& c : evidence_cells(d, r)) row.push_back(std::move(c));
          table.add_row(std::move(row));
        }
  table.write(std::cout, format);
}

// The pairs of a --pairs file: CSV records FROM,TO (docs/CLI.md). Every problem is reported at once
// as FILE:LINE:COLUMN (an unknown actor, one outside the slice, a record without two names); then
// the command ends with the usage exit code, as for a bad name on the command line.
std::vector<std::pair<Vertex, Vertex>> read_pairs(const Network& n, const std::string& path) {
  const std::string text = read_input(path, "the pairs file");
  const std::string name = path == "-" ? "<stdin>" : path;
  CsvReader reader(text);
  LineIndex lines(text);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> problems;
  Diagnostics errors;
  const auto fail = [&](std::uint64_t offset, std::string message) {
    Diagnostic e{name, 0, 0, Severity::error, std::move(message)};
    lines.locate(offset, e.line, e.column);
    errors.push_back(std::move(e));
  };
  std::vector<std::pair<Vertex, Vertex>> pairs;
  for (bool first = true; reader.next(fields, problems); first = false) {
    const std::string_view head = fields.empty() ? std::string_view() : trim(fields[0].value);
    if (head.starts_with('#')) continue;  // a comment line
    if (first && fields.size() == 2 && fold_case(head) == "from" && fold_case(trim(fields[1].value)) == "to") continue;  // a header
    if (fields.size() != 2) {
      fail(reader.record_offset(), "a pair is two actors, FROM,TO; this line has " + std::to_string(fields.size()) +
                                       (fields.size() == 1 ? " field" : " fields"));
      continue;
    }
    std::array<Vertex, 2> ends{};
    bool named = true;
    for (std::size_t i = 0; i < 2; ++i) {
      try {
        ends[i] = network_vertex(n, std::string(trim(fields[i].value)));
      } catch (const UsageError& e) {
        fail(fields[i].offset, e.what());
        named = false;
      }
    }
    if (named) pairs.emplace_back(ends[0], ends[1]);
  }
  for (const CsvProblem& p : problems) fail(p.offset, p.message);
  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    for (const Diagnostic& e : errors) std::cerr << e.str() << "\n";
    std::cerr << "actorgraph: error: the pairs file has " << errors.size() << (errors.size() == 1 ? " error" : " errors")
              << "; nothing was computed\n";
    throw Exit{exit_usage};
  }
  if (pairs.empty()) throw UsageError("the pairs file " + name + " holds no pair (one FROM,TO per line)");
  return pairs;
}

std::vector<Path> find_paths(const Network& n, const PathArgs& args, Vertex from, Vertex to) {
  PathOptions o;
  o.weighted = args.network.weight;
  o.weight_as = args.network.weight_meaning();
  std::vector<Path> paths;
  if (args.all) {
    paths = all_simple_paths(n, from, to, args.max_hops);
  } else if (args.k > 1) {
    paths = k_shortest_paths(n, from, to, args.k, o);
  } else if (auto p = shortest_path(n, from, to, o)) {
    paths.push_back(std::move(*p));
  }
  return paths;
}

void run_path(const PathArgs& args) {
  if (args.pairs.empty() && (args.from.empty() || args.to.empty()))
    throw UsageError("path needs two actors, FROM TO, or a file of pairs, --pairs FILE");
  if (!args.pairs.empty() && !args.from.empty()) throw UsageError("give FROM TO or --pairs FILE, not both");
  if (args.all && args.max_hops == 0) throw UsageError("--all needs --max-hops L (every simple path of at most L relations)");
  const SlicedNetwork& in = sliced_network(args.dataset, args.slice, args.network);
  const Network& n = in.network;
  std::vector<PathBlock> blocks;
  if (args.pairs.empty()) {
    const Vertex from = network_vertex(n, args.from), to = network_vertex(n, args.to);
    blocks.push_back({std::nullopt, find_paths(n, args, from, to)});
  } else {
    for (const auto& pair : read_pairs(n, args.pairs)) blocks.push_back({pair, find_paths(n, args, pair.first, pair.second)});
  }
  print_paths(n, blocks, args.format);
  const auto unconnected = static_cast<std::size_t>(std::count_if(blocks.begin(), blocks.end(), [](const PathBlock& b) { return b.paths.empty(); }));
  if (unconnected == 0) return;
  // No path is exit 1; with --pairs, stderr says for how many of the pairs.
  if (!args.pairs.empty())
    std::cerr << "actorgraph: " << unconnected << " of " << blocks.size() << (blocks.size() == 1 ? " pair" : " pairs")
              << (unconnected == 1 ? " has" : " have") << " no path\n";
  throw Exit{exit_data};
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
  const Slice slice(d, args.slice.options(), load_options().threads);
  note_slice(slice);
  NetworkOptions no;
  no.undirected = true;
  no.collapse = args.collapse;
  no.threads = load_options().threads;
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
  bool count = false;
  SliceArgs slice;
  NetworkArgs network;
};

// --count: one row per source and value of `column` (a distance, a hop count), with the number of
// actors the full listing would give that value, in increasing order; values no actor has are left
// out. `tally(source, counts)` adds the source's actors to counts[value].
template <class Tally>
void write_counts(const Dataset& d, const std::vector<Vertex>& sources, const char* source_column, const char* column, std::string_view format,
                  Tally&& tally) {
  ResultTable table;
  table.add_column(source_column);
  table.add_column(column, true);
  table.add_column("actors", true);
  table.stream_to(std::cout, format);
  std::vector<std::size_t> counts;
  for (const Vertex s : sources) {
    counts.clear();
    tally(s, counts);
    for (std::size_t value = 0; value < counts.size(); ++value)
      if (counts[value]) table.add_row({std::string(d.actor_id(s)), std::to_string(value), std::to_string(counts[value])});
  }
  table.write(std::cout, format);
}

// Adds one to counts[value], growing it as needed.
void count_one(std::vector<std::size_t>& counts, std::size_t value) {
  if (counts.size() <= value) counts.resize(value + 1, 0);
  ++counts[value];
}

void run_neighbors(const NeighborsArgs& args) {
  const SlicedNetwork& in = sliced_network(args.dataset, args.slice, args.network);
  const Dataset& d = in.dataset;
  const Network& n = in.network;
  const std::vector<Vertex> centres = network_vertices(n, args.actors);
  if (args.count) {
    write_counts(d, centres, "centre", "distance", args.format, [&](Vertex centre, std::vector<std::size_t>& counts) {
      counts = ring_sizes(n, centre, args.depth, !args.outgoing);
      counts[0] = 0;  // the centre is not its own neighbour
    });
    return;
  }
  // With several centres, a first column names the centre of each row.
  const bool several = centres.size() > 1;
  ResultTable table;
  if (several) table.add_column("centre");
  for (const char* c : {"id", "label", "kind"}) table.add_column(c);
  table.add_column("distance", true);
  table.add_column("relations");
  table.stream_to(std::cout, args.format);  // csv and json rows go out as they are found
  std::vector<RelationId> evidence;  // reused: millions of rows
  std::string relations, distance;
  for (const Vertex centre : centres)
    for (const Neighbour& nb : neighbourhood(n, centre, args.depth, !args.outgoing)) {
      const ActorId a = nb.vertex;
      // A relation can back both directions of an undirected pair: list each once, in dataset order.
      evidence.clear();
      for (std::uint32_t link : nb.links)
        for (RelationId r : n.evidence(link)) evidence.push_back(r);
      std::sort(evidence.begin(), evidence.end());
      evidence.erase(std::unique(evidence.begin(), evidence.end()), evidence.end());
      relations.clear();
      for (RelationId r : evidence) relations.append(relations.empty() ? "" : "|").append(d.relation_id(r));
      distance = std::to_string(nb.distance);
      const std::array<std::string_view, 6> row{d.actor_id(centre), d.actor_id(a), d.actor_label(a), d.kind_name(d.actor_kind(a)), distance,
                                                relations};
      table.add_row(std::span(row).subspan(several ? 0 : 1));
    }
  table.write(std::cout, args.format);
}

struct DistancesArgs {
  std::string dataset, from;
  std::string format = "table";
  std::size_t max_hops = 0;
  bool count = false;
  SliceArgs slice;
  NetworkArgs network;
};

// One row per actor each source reaches: the distance, the hops of the path found, and its last hop
// with the relations behind it.
void run_distances(const DistancesArgs& args) {
  const SlicedNetwork& in = sliced_network(args.dataset, args.slice, args.network);
  const Dataset& d = in.dataset;
  const Network& n = in.network;
  const std::vector<Vertex> sources = network_vertices(n, args.from);
  PathOptions o;
  o.weighted = args.network.weight;
  o.weight_as = args.network.weight_meaning();
  if (args.count) {
    write_counts(d, sources, "from", "hops", args.format, [&](Vertex s, std::vector<std::size_t>& counts) {
      for (const Reached& r : single_source_distances(n, s, o, args.max_hops)) count_one(counts, r.hops);
    });
    return;
  }
  ResultTable table;
  table.add_column("from");
  table.add_column("id");
  table.add_column("label");
  table.add_column("distance", true);
  table.add_column("hops", true);
  table.add_column("predecessor");
  table.add_column("relations");
  table.stream_to(std::cout, args.format);  // csv and json rows go out as they are found
  std::string relations, distance, hops;  // reused: millions of rows
  for (const Vertex s : sources)
    for (const Reached& r : single_source_distances(n, s, o, args.max_hops)) {
      const ActorId a = r.vertex;
      std::string_view predecessor;
      relations.clear();
      if (r.predecessor != Network::none) {
        predecessor = d.actor_id(r.predecessor);
        for (RelationId rel : n.evidence(r.link)) relations.append(relations.empty() ? "" : "|").append(d.relation_id(rel));
      }
      hops = std::to_string(r.hops);
      distance = o.weighted ? format_score(r.distance, args.format) : hops;
      const std::array<std::string_view, 7> row{d.actor_id(s), d.actor_id(a), d.actor_label(a), distance, hops, predecessor, relations};
      table.add_row(row);
    }
  table.write(std::cout, args.format);
}

}  // namespace

void add_path_commands(CLI::App& app) {
  {
    auto args = std::make_shared<PathArgs>();
    auto* cmd = app.add_subcommand("path", "Shortest path between two actors (or many pairs), each hop with the relations behind it");
    add_dataset_argument(*cmd, args->dataset);
    cmd->add_option("FROM", args->from, "First actor (id, label or alias)");
    cmd->add_option("TO", args->to, "Last actor");
    cmd->add_option("--pairs", args->pairs, "Instead of FROM TO: a CSV file of pairs FROM,TO, one per line ('-': standard input)");
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
    cmd->add_flag("--count", args->count, "Instead of the actors, how many there are at each distance from each centre");
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
    cmd->add_flag("--count", args->count, "Instead of the actors, how many each source reaches with each number of hops");
    args->slice.add_to(*cmd);
    args->network.add_to(*cmd);
    cmd->callback([args] { run_distances(*args); });
  }
}

}  // namespace actorgraph::cli
