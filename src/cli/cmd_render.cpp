// actorgraph render DATASET -o FILE: draw a slice of the network with Graphviz, in-process
// (docs/RENDER.md).
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include "actorgraph/analysis/centrality.hpp"
#include "actorgraph/analysis/paths.hpp"
#include "actorgraph/io/output_file.hpp"
#include "actorgraph/render/diagram.hpp"
#include "actorgraph/render/style.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

namespace actorgraph::cli {

namespace {

// Measures for --by and --size-by: every centrality but clustering.
std::vector<std::string> drawing_measures() {
  std::vector<std::string> out = centrality_measures();
  out.erase(std::find(out.begin(), out.end(), "clustering"));
  return out;
}

struct RenderArgs {
  std::string dataset;
  std::string output;
  std::string format;
  std::string layout;
  std::uint32_t layout_seed = 1;
  std::string style;
  std::string title;
  std::string around;
  std::size_t depth = 1;
  std::size_t top = 0;
  std::string by = "degree";
  std::string size_by;
  bool edge_labels = false;
  bool separate = false;
  bool clusters = false;
  bool no_legend = false;
  SliceArgs slice;
  NetworkArgs network;
};

Scores compute(const Network& n, const std::string& measure, const NetworkArgs& args) {
  CentralityOptions o;
  o.weighted = args.weight;
  o.weight_as = args.weight_meaning();
  o.progress = terminal_progress(measure);
  return centrality(n, measure, o);
}

std::string format_of(const RenderArgs& args) {
  if (!args.format.empty()) return args.format == "gv" ? "dot" : args.format;
  if (args.output == "-") throw UsageError("writing to standard output (-) needs -T dot, svg, png or pdf");
  std::string ext = std::filesystem::path(args.output).extension().string();
  if (ext == ".gv" || ext == ".dot") return "dot";
  if (ext == ".svg" || ext == ".png" || ext == ".pdf") return ext.substr(1);
  throw UsageError("cannot tell the format of '" + args.output + "' from its extension: name it .dot, .gv, .svg, .png "
                   "or .pdf, or give -T dot, svg, png or pdf");
}

void run(const RenderArgs& args) {
  const std::string format = format_of(args);
  StyleSheet style;
  if (!args.style.empty()) {
    try {
      style = read_style_sheet(args.style);
    } catch (const DataError& e) {
      for (const auto& d : e.diagnostics()) std::cerr << d.str() << '\n';
      const std::size_t errors = count_errors(e.diagnostics());
      std::cerr << "actorgraph: error: the style file has " << errors << (errors == 1 ? " error" : " errors")
                << "; nothing was drawn\n";
      throw Exit{exit_data};
    }
  }

  const SlicedNetwork& in = sliced_network(args.dataset, args.slice, args.network);
  const Dataset& d = in.dataset;
  const Slice& slice = in.slice;
  const Network& network = in.network;

  DiagramOptions o;
  o.layout = args.layout;
  o.layout_seed = args.layout_seed;
  o.edge_labels = args.edge_labels;
  o.separate = args.separate;
  o.clusters = args.clusters;
  o.legend = !args.no_legend;
  o.dataset = args.title;
  o.slice = slice.description();
  o.as_of = !args.slice.at.empty() ? args.slice.at : args.slice.to;
  o.style = std::move(style);

  std::vector<std::string> selection;
  std::vector<std::uint8_t> candidate(network.vertex_bound(), 1);
  if (!args.around.empty()) {
    const Vertex centre = network_vertex(network, args.around);
    candidate.assign(network.vertex_bound(), 0);
    candidate[centre] = 1;
    for (const Neighbour& nb : neighbourhood(network, centre, args.depth, true)) candidate[nb.vertex] = 1;
    selection.push_back("around " + std::string(d.actor_label(centre)) + ", depth " + std::to_string(args.depth));
  }
  if (args.top > 0) {
    const Scores scores = compute(network, args.by, args.network);
    std::vector<std::uint8_t> keep(network.vertex_bound(), 0);
    std::size_t kept = 0;
    for (Vertex v : scores.ranking()) {
      if (kept == args.top) break;
      if (!candidate[v]) continue;
      keep[v] = 1;
      ++kept;
    }
    candidate = std::move(keep);
    selection.push_back("top " + std::to_string(args.top) + " by " + args.by);
  }
  if (!args.around.empty() || args.top > 0) {
    for (const Vertex v : network.vertices())
      if (candidate[v]) o.vertices.push_back(v);
    if (o.vertices.empty()) throw UsageError("nothing to draw: the selection is empty");
  }
  for (std::size_t i = 0; i < selection.size(); ++i) o.selection += (i ? "; " : "") + selection[i];
  if (!args.size_by.empty()) {
    o.size_by = compute(network, args.size_by, args.network).value;
    o.size_measure = args.size_by;
  }

  const std::string bytes = render_diagram(network, o, format);
  if (args.output == "-") {
    std::cout << bytes << std::flush;
    return;
  }
  write_file(args.output, bytes);
  std::cerr << "actorgraph: wrote " << args.output << " (" << format << ")\n";
}

}  // namespace

void add_render_command(CLI::App& app) {
  auto args = std::make_shared<RenderArgs>();
  auto* cmd = app.add_subcommand("render", "Draw the network as DOT, SVG, PNG or PDF with Graphviz: shapes by kind, colours "
                                 "by bloc and relation type, citations as SVG tooltips and links (docs/RENDER.md)");
  add_dataset_argument(*cmd, args->dataset);
  cmd->add_option("-o,--output", args->output, "File to write (the format follows the extension), or - for standard output")
      ->required();
  cmd->add_option("-T,--to", args->format, "Output format, whatever the extension (required for -)")
      ->check(CLI::IsMember({"dot", "gv", "svg", "png", "pdf"}));
  cmd->add_option("--layout", args->layout, "Graphviz layout (default: dot up to 40 actors, fdp up to 300, sfdp above)")
      ->check(CLI::IsMember({"dot", "neato", "fdp", "sfdp", "circo", "twopi"}));
  add_layout_seed_option(*cmd, args->layout_seed);
  cmd->add_option("--style", args->style, "Style file (CSV: target,key,attribute,value) over the default styles")
      ->check(CLI::ExistingFile);
  cmd->add_option("--title", args->title, "Title (default: the dataset's folder name)");
  auto* select = cmd->add_option_group("Selection", "Which actors to draw");
  select->add_option("--around", args->around, "Draw only ACTOR and the actors within --depth links of it (either direction)");
  select->add_option("--depth", args->depth, "Links from --around's actor")->check(CLI::Range(1, 1000))->capture_default_str();
  select->add_option("--top", args->top, "Draw only the N most central actors (see --by)")->check(CLI::Range(1, 1000000));
  select->add_option("--by", args->by, "Measure for --top: degree, in_degree, out_degree, betweenness, closeness, harmonic, "
                     "eigenvector, pagerank, katz")->check(CLI::IsMember(drawing_measures()))->capture_default_str();
  auto* look = cmd->add_option_group("Look", "How actors and relations are drawn");
  look->add_option("--size-by", args->size_by, "Node size by this centrality measure (as --by)")->check(CLI::IsMember(drawing_measures()));
  look->add_flag("--edge-labels", args->edge_labels, "Label edges with their relation type and years");
  look->add_flag("--separate", args->separate, "One edge per relation, instead of one per pair, type and direction");
  look->add_flag("--clusters", args->clusters, "Group each bloc's members in a box (dot and fdp layouts)");
  look->add_flag("--no-legend", args->no_legend, "Leave out the legend (the title stays)");
  args->slice.add_to(*cmd);
  args->network.add_to(*cmd);
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
