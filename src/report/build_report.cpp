#include "actorgraph/report/build_report.hpp"

#include "actorgraph/analysis/influence.hpp"
#include "actorgraph/analysis/paths.hpp"
#include "actorgraph/analysis/stats.hpp"
#include "actorgraph/error.hpp"
#include "actorgraph/format.hpp"
#include "actorgraph/model/metadata.hpp"
#include "actorgraph/render/diagram.hpp"
#include "actorgraph/render/style.hpp"
#include "actorgraph/report/charts.hpp"
#include "actorgraph/report/influence_output.hpp"
#include "actorgraph/report/summary.hpp"
#include "actorgraph/report/table.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace actorgraph {

namespace fs = std::filesystem;

namespace {

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

std::string label_of(const Dataset& d, ActorId a) { return std::string(d.actor_label(a)); }

// The SVG of a drawing as it goes inline: without the XML prologue and doctype of a standalone file.
std::string inline_svg(const std::string& svg) {
  const auto open = svg.find("<svg");
  return open == std::string::npos ? svg : svg.substr(open);
}

// The smallest text size of a diagram on the printed page, in points.
constexpr double min_print_font_pt = 6;

// Where the report is built: the dataset, the slices, the options and the result being filled.
struct ReportRun {
  const ReportOptions& args;
  const Dataset& d;
  const Slice& slice;          // the slice the influence measure reads (undated relations in)
  const Slice& drawn;          // the slice the diagrams, centrality and partners show (up to --at)
  NetworkOptions network_options;
  std::optional<PartialDate> at;
  std::optional<ActorId> target;
  ReportResult& result;
  const std::function<void(const ReportMessage&)>& on_message;
  const std::function<void(const ReportFile&)>& on_file;
  ReportContent& content;
  DiagramOptions diagram;

  void add_file(const std::string& name, std::string bytes) {
    result.files.push_back({name, std::move(bytes)});
    content.files.push_back(name);
    if (on_file) on_file(result.files.back());
  }

  void say(ReportMessage::Kind kind, std::string text) {
    result.messages.push_back({kind, std::move(text)});
    if (on_message) on_message(result.messages.back());
  }

  // Lays the diagram out (in a child process: render_diagrams) and writes STEM.dot, .svg, .png.
  // Returns the SVG to show inline.
  std::string draw(const Network& net, const DiagramOptions& o, const std::string& stem) {
    say(ReportMessage::Kind::progress, "drawing " + stem);
    const std::vector<std::string> formats = args.png ? std::vector<std::string>{"svg", "png"} : std::vector<std::string>{"svg"};
    std::vector<std::string> drawn_files = render_diagrams(net, o, formats);  // one layout for both files
    add_file(stem + ".dot", render_diagram(net, o, "dot"));
    add_file(stem + ".svg", drawn_files.front());
    if (args.png) add_file(stem + ".png", drawn_files.back());
    return inline_svg(drawn_files.front());
  }

  // A diagram for the page (the files beside the report have the title and legend that `render`
  // draws): no title and legend (the report gives them in HTML), every label at one size, and the
  // drawing scaled to the page. The label size is the first of 14, 16, ... 24 pt at which the labels
  // print at min_print_font_pt or more (a drawing grows with its labels, but not in proportion: dot
  // widens its ranks for long labels); when none does, the one that prints largest, with a warning.
  std::string draw_for_page(const Network& net, const DiagramOptions& options, const std::string& stem) {
    draw(net, options, stem);
    DiagramOptions o = options;
    o.legend = false;
    o.title = false;  // the caption says what the drawing shows
    o.count_labels = false;  // "×3" labels pile up where many relations meet; line widths show the counts
    // fdp fills a page's shape where dot lays a star out as a few long ranks; labels close together
    // (the defaults leave 8 points around each).
    if (args.layout.empty()) o.layout = "fdp";
    if (o.layout == "fdp" && o.style.graph().count("sep") == 0) o.style.set(StyleTarget::graph, "", "sep", "+1");
    std::string best;
    double best_printed = 0;
    for (double size = 14; size <= 24; size += 2) {
      o.font_size = size;
      double scale = 1;
      std::string svg = fit_svg(inline_svg(render_diagram(net, o, "svg")), page_width_pt, page_height_pt, scale);
      const double printed = smallest_font_size(svg) * scale;
      if (printed >= min_print_font_pt) return svg;
      if (printed > best_printed) {
        best_printed = printed;
        best = std::move(svg);
      }
    }
    say(ReportMessage::Kind::warning, "the " + stem + " diagram's labels print at " + significant_number(best_printed, 6) + " pt on A4, under " +
                                          significant_number(min_print_font_pt, 6) + " pt: open " + stem + ".svg to read it");
    return best;
  }
};

// Centrality on the rolled-up network (states and organisations) unless --unrolled-centrality;
// the whole table goes to centrality.csv, ordered by PageRank.
void add_centrality(ReportRun& run, const Network& ranked) {
  std::vector<Scores> scores;
  ResultTable table;
  table.add_column("id");
  table.add_column("label");
  table.add_column("kind");
  for (const auto& m : kMeasures) {
    CentralityOptions o;
    if (run.args.measure_progress) o.progress = run.args.measure_progress(m.name);
    scores.push_back(centrality(ranked, m.name, o));
    table.add_column(m.name, true);
    CentralitySection section{m.name, m.definition, {}};
    for (const ActorId a : scores.back().ranking(run.args.top)) section.top.push_back({a, scores.back().value[a]});
    run.content.centrality.push_back(std::move(section));
  }
  const Scores& rank_by = scores[2];  // PageRank orders the CSV
  for (const ActorId a : rank_by.ranking()) {
    std::vector<std::string> row{std::string(run.d.actor_id(a)), std::string(run.d.actor_label(a)), run.d.kind_name(run.d.actor_kind(a))};
    for (const auto& s : scores) row.push_back(format_score(s.value[a], "csv"));
    table.add_row(std::move(row));
  }
  run.add_file("centrality.csv", table.text("csv"));
}

// The diagrams: the overview (rolled up, inline), the whole network in detail (files, linked), and
// the target's ego network (inline).
void add_diagrams(ReportRun& run, const Network& network, const Network& rolled_up) {
  DiagramOptions overview = run.diagram;
  overview.size_by = pagerank(rolled_up).value;
  overview.slice += "; officials, agencies and units rolled up";
  try {
    run.content.overview_svg = run.draw_for_page(rolled_up, overview, "overview");
  } catch (const UsageError& e) {
    run.say(ReportMessage::Kind::warning, std::string("the overview is not drawn: ") + e.what());
  }
  DiagramOptions detail = run.diagram;
  detail.size_by = pagerank(network).value;
  try {
    run.draw(network, detail, "network");
    run.content.network_file = "network.svg";
  } catch (const UsageError& e) {
    // Too large for its layout: the report goes on without the picture and says why.
    run.say(ReportMessage::Kind::warning, std::string("the whole network is not drawn: ") + e.what());
  }
  if (!run.target) return;
  // The partners as influence counts them: officials, agencies and units rolled up to their state
  // or organisation (unless the target is itself one of those, which would disappear).
  const bool collapse_ego = rolled_up.representative(*run.target) == *run.target;
  const Network& ego_network = collapse_ego ? rolled_up : network;
  const Vertex centre = *run.target;
  DiagramOptions ego = run.diagram;
  ego.size_by = pagerank(ego_network).value;
  for (const Neighbour& nb : neighbourhood(ego_network, centre, run.args.depth, true)) ego.vertices.push_back(nb.vertex);
  ego.vertices.push_back(centre);
  ego.selection = "around " + label_of(run.d, *run.target) + ", depth " + std::to_string(run.args.depth);
  if (collapse_ego && !run.args.collapse) {
    ego.slice += "; officials, agencies and units rolled up";
    run.content.ego_collapsed = true;
  }
  run.content.ego_svg = run.draw_for_page(ego_network, ego, "ego");
  run.content.ego_depth = run.args.depth;
}

std::string colour_of(const std::map<std::string, std::string>& colours, const std::string& bloc) {
  const auto it = colours.find(bloc);
  return it == colours.end() ? std::string() : it->second;
}

// The charts of the influence section: the shares (first page), the shares by dimension, the timeline
// with its band.
void add_influence_charts(ReportRun& run, const InfluenceOptions& io, const InfluenceResult& r) {
  const std::string target = label_of(run.d, *run.target);
  std::vector<Bar> bars, by_dimension;
  for (const auto& bi : r.blocs) {
    const Estimate& share = bi.dimensions[all_dimensions].share;
    const std::string colour = colour_of(run.content.bloc_colours, bi.name);
    bars.push_back({bi.label, 100 * share.value, 100 * share.low, 100 * share.high, colour});
  }
  for (std::size_t k = 0; k < dimension_count; ++k)
    for (const auto& bi : r.blocs) {
      const Estimate& share = bi.dimensions[k].share;
      by_dimension.push_back({std::string(dimension_name(static_cast<Dimension>(k))) + ": " + bi.label, 100 * share.value, 100 * share.low,
                              100 * share.high, colour_of(run.content.bloc_colours, bi.name)});
    }
  run.content.influence_chart_svg = bar_chart_svg(bars, "Share of influence on " + target + ", as of " + r.at.str(),
                                                  "share of the blocs' documented ties (%); whiskers: the interval");
  run.content.dimension_chart_svg = bar_chart_svg(by_dimension, "Share by dimension, as of " + r.at.str(),
                                                  "share of the blocs' ties in the dimension (%); whiskers: the interval");

  YearRange years{0, r.at.year()};
  if (!run.args.timeline.empty()) years = parse_year_range(run.args.timeline, "--timeline");
  else years.from = run.content.stats.earliest ? run.content.stats.earliest->year() : r.at.year();
  const auto by_year = influence_by_year(run.d, run.slice, io, years);
  run.add_file("timeline.csv", timeline_table(io.blocs, by_year, years, "csv").text("csv"));
  std::vector<std::string> labels;
  for (int y = years.from; y <= years.to; ++y) labels.push_back(std::to_string(y));
  std::vector<Series> series;
  for (std::size_t b = 0; b < io.blocs.size(); ++b) {
    Series s{r.blocs[b].label, {}, bars[b].colour, {}, {}};
    for (const auto& yr : by_year) {
      const Estimate& score = yr.blocs[b].dimensions[all_dimensions].score;
      s.values.push_back(score.value);
      s.low.push_back(score.low);
      s.high.push_back(score.high);
    }
    series.push_back(std::move(s));
  }
  run.content.timeline_svg = line_chart_svg(labels, series, "Influence on " + target + " by year", "score; band: the interval");
  run.add_file("timeline.svg", run.content.timeline_svg);
}

void add_influence(ReportRun& run) {
  InfluenceOptions io;
  io.target = *run.target;
  std::vector<std::string> notes;
  io.blocs = influence_blocs(run.d, *run.target, run.args.blocs, run.args.ad_hoc, &notes);
  for (auto& note : notes) run.say(ReportMessage::Kind::note, std::move(note));
  io.at = run.at;
  const std::string parameters = load_influence_parameters(run.d, run.args.params, io.parameters);
  run.content.influence_parameters = parameters.empty() ? "" : fs::path(parameters).filename().string();
  if (io.blocs.empty()) {
    run.say(ReportMessage::Kind::note, "the dataset declares no blocs (blocs.csv) and none was given with --bloc: "
                                       "the report has no influence section");
    return;
  }
  const InfluenceResult r = measure_influence(run.d, run.slice, io);
  run.add_file("influence.csv", influence_table(run.d, io, r, "csv").text("csv"));
  std::ostringstream json;
  write_influence_json(json, run.d, io, r, run.slice.description());
  run.add_file("influence.json", json.str());
  add_influence_charts(run, io, r);
  run.content.summary = executive_summary(run.d, r, label_of(run.d, *run.target));
  run.content.influence = r;
}

// Who is linked to the target: each partner with every relation between them, most first.
void add_partners(ReportRun& run) {
  NetworkOptions either_way = run.network_options;
  either_way.undirected = true;
  either_way.collapse = false;
  const Network partners(run.d, run.drawn, either_way);
  for (const Link& l : partners.out_links(*run.target)) {
    PartnerSection p{l.other, {}};
    for (RelationId rel : partners.evidence(l.id)) p.relations.push_back(rel);
    run.content.partners.push_back(std::move(p));
  }
  std::stable_sort(run.content.partners.begin(), run.content.partners.end(),
                   [](const PartnerSection& a, const PartnerSection& b) { return a.relations.size() > b.relations.size(); });
}

// The diagrams' legend for the HTML: the shape of each kind and the line of each type in the data.
void add_legend(ReportContent& content, const StyleSheet& style) {
  for (const auto& [kind, n] : content.stats.actors_by_kind) content.legend_kinds.emplace_back(kind, style.kind(kind)["shape"]);
  std::vector<std::string> type_ids;
  for (const auto& [type, n] : content.stats.relations_by_type) type_ids.push_back(type);
  const auto type_styles = style.types(type_ids);
  for (std::size_t i = 0; i < type_ids.size(); ++i) {
    auto get = [&](const char* name, const char* fallback) {
      const auto it = type_styles[i].find(name);
      return it == type_styles[i].end() ? std::string(fallback) : it->second;
    };
    content.legend_types.push_back({type_ids[i], get("color", "#333333"), get("style", "solid"), std::atof(get("penwidth", "1.5").c_str())});
  }
}

// The diagrams' common options: the layout, the captions' words, the style sheet (dot's ranks left
// to right, so that a target with many partners, one wide rank, fits a page taller than wide; a
// style file may say otherwise).
DiagramOptions diagram_options(const ReportOptions& options, const ReportContent& content) {
  DiagramOptions diagram;
  diagram.layout = options.layout;  // empty: automatic_layout, by the number of actors drawn
  diagram.layout_seed = options.layout_seed;
  diagram.dataset = content.dataset_name;
  diagram.slice = content.slice_description;
  diagram.as_of = content.as_of;
  diagram.size_measure = "pagerank";
  if (!options.style.empty()) diagram.style = read_style_sheet(options.style);
  if (diagram.style.graph().count("rankdir") == 0) diagram.style.set(StyleTarget::graph, "", "rankdir", "LR");
  return diagram;
}

}  // namespace

ReportResult build_report(const Dataset& d, const ReportOptions& options, const std::function<void(const ReportMessage&)>& on_message,
                          const std::function<void(const ReportFile&)>& on_file) {
  std::optional<PartialDate> at;
  if (!options.at.empty()) at = PartialDate::parse_or_throw(options.at, "--at");
  const Slice slice(d, options.slice);
  // The pictures and tables show what existed by --at: relations that started later are left out.
  SliceOptions drawn_options = options.slice;
  if (at) drawn_options.to = at;
  const Slice drawn(d, drawn_options);
  NetworkOptions network_options;
  network_options.collapse = options.collapse;
  const Network network(d, drawn, network_options);
  NetworkOptions collapsed = network_options;
  collapsed.collapse = true;
  const Network rolled_up(d, drawn, collapsed);

  ReportContent content;
  content.dataset_name = dataset_display_name(d);
  // Said in words rather than as Slice::description's "active ...2003".
  content.slice_description = slice.description() + (at ? "; relations begun by " + at->str() + " (undated relations left out)" : "") +
                              (options.collapse ? "; officials, agencies and units rolled up" : "");
  content.stats = compute_stats(d, drawn);
  content.explain = options.explain;
  if (at) content.as_of = at->str();
  content.paper = options.paper;
  content.generated_with = std::string("Made with actorgraph ") + ACTORGRAPH_VERSION + ": " + portable_command_line(options.command_line);
  std::optional<ActorId> target;
  if (!options.target.empty()) {
    target = d.resolve_actor(options.target);
    network_vertex(network, options.target);  // a UsageError when the slice leaves the target out
  }
  content.target = target;
  content.title = content.dataset_name;
  content.subtitle = target ? "Influence on " + label_of(d, *target) + " and its network" : "The network";

  ReportResult result;
  ReportRun report{options, d, slice, drawn, network_options, at, target, result, on_message, on_file, content, diagram_options(options, content)};
  std::vector<std::string> compared;
  if (target) {
    std::vector<std::string> notes;
    for (const auto& b : influence_blocs(d, *target, options.blocs, options.ad_hoc, &notes)) compared.push_back(b.name);
    for (auto& note : notes) report.say(ReportMessage::Kind::note, std::move(note));
  }
  content.bloc_colours = assign_bloc_colours(d, compared, report.diagram.style);

  add_legend(content, report.diagram.style);
  content.centrality_rolled_up = !options.unrolled_centrality;
  add_centrality(report, options.unrolled_centrality ? network : rolled_up);
  add_diagrams(report, network, rolled_up);
  if (target) {
    add_influence(report);
    add_partners(report);
  }
  content.warnings = relative_to_dataset(options.warnings ? *options.warnings : d.warnings(), d.path());
  if (options.pdf) content.files.push_back("report.pdf");
  std::sort(content.files.begin(), content.files.end());
  result.html = report_html(d, content);
  result.files.push_back({"report.html", result.html});
  if (on_file) on_file(result.files.back());
  if (options.pdf) {
    content.link_files = false;  // a PDF turns relative links into file:// paths of the folder it was printed in
    result.print_html = report_html(d, content);
  }
  return result;
}

}  // namespace actorgraph
