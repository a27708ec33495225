// actorgraph report DATASET -o DIR: from data to a finished report in one command. Runs check, stats,
// centrality, the diagrams, influence and its timeline, and writes DIR/report.html (self-contained)
// with the pieces beside it. The folder is built under a temporary name and moved into place only
// when complete, so an existing report is never left half-replaced.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/influence_output.hpp"
#include "cli/output.hpp"

#include "actorgraph/analysis/centrality.hpp"
#include "actorgraph/analysis/influence.hpp"
#include "actorgraph/analysis/paths.hpp"
#include "actorgraph/analysis/stats.hpp"
#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/exchange.hpp"
#include "actorgraph/io/output_file.hpp"
#include "actorgraph/render/diagram.hpp"
#include "actorgraph/render/style.hpp"
#include "actorgraph/report/charts.hpp"
#include "actorgraph/report/report.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

namespace actorgraph::cli {

namespace fs = std::filesystem;

namespace {

struct ReportArgs {
  std::string dataset, output, target, at, params, timeline, layout, style;
  std::vector<std::string> blocs, ad_hoc;
  std::size_t depth = 1, top = 10, explain = 5;
  bool collapse = false, no_png = false;
  SliceArgs slice;
  std::vector<std::string> command_line;
};

// The measures of the report, each with the sentence that defines it for a reader.
struct MeasureSpec {
  const char* name;
  const char* definition;
};
constexpr MeasureSpec kMeasures[] = {
    {"degree", "Degree: the share of the other actors an actor has a relation with, in either direction "
               "(number of partners / (actors − 1))."},
    {"betweenness", "Betweenness: the share of shortest paths between other pairs of actors that pass through "
                    "the actor (normalised by (n − 1)(n − 2)); brokers score high."},
    {"pagerank", "PageRank: the long-run share of time a random walk along the relations' directions spends "
                 "at the actor (damping 0.85); being linked by important actors counts more."},
    {"harmonic", "Harmonic closeness: the sum of 1/distance to every other actor (unreachable actors add 0), "
                 "following relation directions; actors a few steps from everyone score high."},
};

std::string table_text(const ResultTable& table, const std::string& format) {
  std::ostringstream out;
  table.write(out, format);
  return out.str();
}

// A report replaces an existing `target` only when it is an earlier report (it holds report.html)
// or empty, so that a mistyped -o never deletes other work.
void check_replaceable(const fs::path& target) {
  std::error_code ec;
  if (fs::exists(target, ec) && (!fs::is_directory(target) || (!fs::is_empty(target) && !fs::exists(target / "report.html"))))
    throw UsageError(target.string() + " exists and is not an actorgraph report; choose another -o or remove it");
}

std::string label_of(const Dataset& d, ActorId a) { return std::string(d.actor_label(a)); }

void run(const ReportArgs& args) {
  check_replaceable(resolve_output_path(args.output));  // before the work, and again before the swap
  // Validate first: the report lists check's warnings (disagreements between sources).
  CheckResult checked = check_dataset_any(args.dataset);
  if (!checked.dataset) throw DataError(std::move(checked.diagnostics));
  const Dataset& d = *checked.dataset;
  Diagnostics warnings;
  for (const auto& diag : checked.diagnostics)
    if (diag.severity == Severity::warning) warnings.push_back(diag);

  const Slice slice(d, args.slice.options());
  NetworkOptions network_options;
  network_options.collapse = args.collapse;
  const Network network(d, slice, network_options);

  ReportContent content;
  const std::string dataset_name = fs::path(d.path()).filename().string();
  content.slice_description = slice.description() + (args.collapse ? "; officials, agencies and units rolled up" : "");
  content.stats = compute_stats(d, slice);
  content.explain = args.explain;
  std::string command = "actorgraph";
  for (const auto& a : args.command_line) command += " " + a;
  content.generated_with = std::string("Made with actorgraph ") + ACTORGRAPH_VERSION + ": " + command;

  std::optional<PartialDate> at;
  if (!args.at.empty()) at = PartialDate::parse_or_throw(args.at, "--at");

  std::optional<ActorId> target;
  if (!args.target.empty()) {
    target = d.resolve_actor(args.target);
    network_vertex(network, args.target);  // a UsageError when the slice leaves the target out
  }
  content.target = target;
  content.title = target ? "Influence on " + label_of(d, *target) + " and its network" : "The " + dataset_name + " network";

  // The folder is assembled beside the destination and replaces it only when complete.
  FolderWriter out(args.output);
  auto add_file = [&](const std::string& name, const std::string& text) {
    out.add_file(name, text);
    content.files.push_back(name);
  };

  // Centrality.
  std::vector<Scores> scores;
  ResultTable centrality_table;
  centrality_table.add_column("id");
  centrality_table.add_column("label");
  centrality_table.add_column("kind");
  for (const auto& m : kMeasures) {
    CentralityOptions o;
    o.progress = terminal_progress(m.name);
    scores.push_back(centrality(network, m.name, o));
    centrality_table.add_column(m.name, true);
    CentralitySection section{m.name, m.definition, {}};
    for (Vertex v : scores.back().ranking(args.top)) section.top.push_back({network.actor(v), scores.back().value[v]});
    content.centrality.push_back(std::move(section));
  }
  const Scores& rank_by = scores[2];  // PageRank orders the CSV and sizes the nodes
  for (Vertex v : rank_by.ranking()) {
    const ActorId a = network.actor(v);
    std::vector<std::string> row{std::string(d.actor_id(a)), std::string(d.actor_label(a)), d.kind_name(d.actor_kind(a))};
    for (const auto& s : scores) row.push_back(format_score(s.value[v], "csv"));
    centrality_table.add_row(std::move(row));
  }

  // Diagrams: the whole network, then the target's ego network.
  DiagramOptions diagram;
  diagram.layout = args.layout;  // empty: automatic_layout, by the number of actors drawn
  diagram.dataset = dataset_name;
  diagram.slice = content.slice_description;
  if (at) diagram.as_of = at->str();
  diagram.size_by = rank_by.value;
  diagram.size_measure = "pagerank";
  if (!args.style.empty()) diagram.style = read_style_sheet(args.style);
  // A page is taller than wide, and a target with many partners is one wide rank: lay dot's ranks
  // out left to right so the drawing fits the page's shape (a style file may say otherwise).
  if (diagram.style.graph().count("rankdir") == 0) diagram.style.set(StyleTarget::graph, "", "rankdir", "LR");
  auto draw = [&](const Network& net, const DiagramOptions& o, const std::string& stem) -> std::string {
    std::cerr << "actorgraph: drawing " << stem << "\n";
    add_file(stem + ".dot", render_diagram(net, o, "dot"));
    const std::vector<std::string> formats = args.no_png ? std::vector<std::string>{"svg"} : std::vector<std::string>{"svg", "png"};
    std::vector<std::string> drawn = render_diagrams(net, o, formats);  // one layout for both files
    std::string svg = std::move(drawn.front());
    add_file(stem + ".svg", svg);
    if (!args.no_png) add_file(stem + ".png", drawn.back());
    // Inline, the XML prologue and doctype of a standalone SVG file are not allowed.
    const auto open = svg.find("<svg");
    return open == std::string::npos ? svg : svg.substr(open);
  };
  try {
    content.network_svg = draw(network, diagram, "network");
  } catch (const UsageError& e) {
    // Too large for its layout: the report goes on without the picture and says why.
    std::cerr << "actorgraph: warning: the whole network is not drawn: " << e.what() << "\n";
  }
  if (target) {
    // The partners as influence counts them: officials, agencies and units rolled up to their state
    // or organisation (unless the target is itself one of those, which would disappear).
    NetworkOptions collapsed = network_options;
    collapsed.collapse = true;
    const Network rolled_up(d, slice, collapsed);
    const bool collapse_ego = rolled_up.representative(*target) == *target;
    const Network& ego_network = collapse_ego ? rolled_up : network;
    const Vertex centre = ego_network.vertex(*target);
    DiagramOptions ego = diagram;
    ego.size_by = pagerank(ego_network).value;
    for (const Neighbour& nb : neighbourhood(ego_network, centre, args.depth, true)) ego.vertices.push_back(nb.vertex);
    ego.vertices.push_back(centre);
    ego.selection = "around " + label_of(d, *target) + ", depth " + std::to_string(args.depth);
    if (collapse_ego && !args.collapse) {
      ego.slice += "; officials, agencies and units rolled up";
      content.ego_collapsed = true;
    }
    content.ego_svg = draw(ego_network, ego, "ego");
    content.ego_depth = args.depth;
  }
  add_file("centrality.csv", table_text(centrality_table, "csv"));

  // Influence, when there is a target and blocs to compare.
  if (target) {
    InfluenceOptions io;
    io.target = *target;
    io.blocs = influence_blocs(d, *target, args.blocs, args.ad_hoc);
    io.at = at;
    content.influence_parameters = load_influence_parameters(d, args.params, io.parameters);
    if (io.blocs.empty()) {
      std::cerr << "actorgraph: note: the dataset declares no blocs (blocs.csv) and none was given with --bloc: "
                   "the report has no influence section\n";
    } else {
      const InfluenceResult r = measure_influence(d, slice, io);
      add_file("influence.csv", table_text(influence_table(d, io, r, "csv"), "csv"));
      std::ostringstream json;
      write_influence_json(json, d, io, r, slice.description());
      add_file("influence.json", json.str());

      std::vector<std::string> bloc_ids;
      for (const auto& b : io.blocs) bloc_ids.push_back(b.name);
      const auto colours = diagram.style.blocs(bloc_ids);
      std::vector<Bar> bars;
      for (std::size_t b = 0; b < r.blocs.size(); ++b) {
        const auto& bi = r.blocs[b];
        const auto colour = colours[b].find("fillcolor");
        const Estimate& share = bi.dimensions[all_dimensions].share;
        bars.push_back({bi.label, 100 * share.value, 100 * share.low, 100 * share.high,
                        colour == colours[b].end() ? std::string() : colour->second});
      }
      content.influence_chart_svg = bar_chart_svg(bars, "Share of influence on " + label_of(d, *target) + ", as of " + r.at.str(),
                                                  "share of the blocs' documented ties (%); whiskers: the interval (docs/influence.md)");

      YearRange years{0, r.at.year()};
      if (!args.timeline.empty()) years = parse_year_range(args.timeline, "--timeline");
      else years.from = content.stats.earliest ? content.stats.earliest->year() : r.at.year();
      const auto by_year = influence_by_year(d, slice, io, years);
      add_file("timeline.csv", table_text(timeline_table(io.blocs, by_year, years, "csv"), "csv"));
      std::vector<std::string> labels;
      for (int y = years.from; y <= years.to; ++y) labels.push_back(std::to_string(y));
      std::vector<Series> series;
      for (std::size_t b = 0; b < io.blocs.size(); ++b) {
        Series s{io.blocs[b].name, {}, bars[b].colour};
        for (const auto& yr : by_year) s.values.push_back(yr.blocs[b].dimensions[all_dimensions].score.value);
        series.push_back(std::move(s));
      }
      content.timeline_svg = line_chart_svg(labels, series, "Influence on " + label_of(d, *target) + " by year", "score");
      add_file("timeline.svg", content.timeline_svg);
      content.influence = r;
    }

    // Who is linked to the target: each partner with every relation between them, most first.
    NetworkOptions either_way = network_options;
    either_way.undirected = true;
    const Network partners(d, slice, either_way);
    const Vertex t = partners.vertex(*target);
    for (const Link& l : partners.out_links(t)) {
      PartnerSection p{partners.actor(l.other), {}};
      for (RelationId rel : partners.evidence(l.id)) p.relations.push_back(rel);
      content.partners.push_back(std::move(p));
    }
    std::stable_sort(content.partners.begin(), content.partners.end(),
                     [](const PartnerSection& a, const PartnerSection& b) { return a.relations.size() > b.relations.size(); });
  }
  content.warnings = warnings;
  std::sort(content.files.begin(), content.files.end());
  out.add_file("report.html", report_html(d, content));
  check_replaceable(out.target());  // again: something may have appeared there meanwhile
  out.commit();
  std::cerr << "actorgraph: wrote " << (fs::path(args.output) / "report.html").string() << " and " << content.files.size()
            << " files beside it\n";
  std::cout << (fs::path(args.output) / "report.html").string() << "\n";
}

}  // namespace

void add_report_command(CLI::App& app, const std::vector<std::string>& command_line) {
  auto args = std::make_shared<ReportArgs>();
  args->command_line = command_line;
  auto* cmd = app.add_subcommand("report", "One self-contained HTML report (diagrams, centrality, influence, partners, "
                                 "disagreements, sources) and its pieces, in a folder");
  add_dataset_argument(*cmd, args->dataset);
  cmd->add_option("-o,--output", args->output, "The report folder (replaced only when the new report is complete)")->required();
  cmd->add_option("--target", args->target, "The actor the report is about: ego network, influence, partners");
  cmd->add_option("--blocs", args->blocs, "Blocs from blocs.csv to compare, comma-separated (default: all of them)")->delimiter(',');
  cmd->add_option("--bloc", args->ad_hoc, "A bloc given here: NAME=ACTOR+ACTOR+... (repeatable)");
  cmd->add_option("--at", args->at, "Reference date of the influence measure (default: the latest date in the dataset)");
  cmd->add_option("--params", args->params, "Influence parameter file (default: DATASET/influence.csv if present)")->check(CLI::ExistingFile);
  cmd->add_option("--timeline", args->timeline, "Years of the influence timeline, FROM:TO (default: the dataset's first year to --at)");
  cmd->add_option("--depth", args->depth, "Depth of the target's ego network")->check(CLI::Range(1, 5))->capture_default_str();
  cmd->add_option("--top", args->top, "Actors listed per centrality measure")->check(CLI::Range(1, 1000))->capture_default_str();
  cmd->add_option("--explain", args->explain, "Contributing relations listed per bloc")->check(CLI::Range(0, 1000))->capture_default_str();
  cmd->add_option("--layout", args->layout, "Graphviz layout of the diagrams (default: dot up to 40 actors, fdp up to 300, sfdp above)")
      ->check(CLI::IsMember({"dot", "neato", "fdp", "sfdp", "circo", "twopi"}));
  cmd->add_option("--style", args->style, "Style sheet for the diagrams (docs/RENDER.md)")->check(CLI::ExistingFile);
  cmd->add_flag("--collapse", args->collapse, "Roll officials, agencies and units up to their state or organisation in diagrams and centrality");
  cmd->add_flag("--no-png", args->no_png, "Do not write the PNG copies of the diagrams");
  args->slice.add_to(*cmd, false);
  cmd->callback([args] {
    try {
      run(*args);
    } catch (const fs::filesystem_error& e) {
      throw IoError(e.path1().string() + ": " + e.code().message() + " (while writing the report)");
    }
  });
}

}  // namespace actorgraph::cli
