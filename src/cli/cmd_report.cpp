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
#include "actorgraph/io/text_file.hpp"
#include "actorgraph/model/metadata.hpp"
#include "actorgraph/render/diagram.hpp"
#include "actorgraph/render/style.hpp"
#include "actorgraph/report/charts.hpp"
#include "actorgraph/report/report.hpp"
#include "actorgraph/report/summary.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace actorgraph::cli {

namespace fs = std::filesystem;

namespace {

struct ReportArgs {
  std::string dataset, output, target, at, params, timeline, layout, style, paper = "a4";
  std::vector<std::string> blocs, ad_hoc;
  std::size_t depth = 1, top = 10, explain = 5;
  std::uint32_t layout_seed = 1;
  bool collapse = false, no_png = false, unrolled_centrality = false, pdf = false;
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

// The SVG of a drawing as it goes inline: without the XML prologue and doctype of a standalone file.
std::string inline_svg(const std::string& svg) {
  const auto open = svg.find("<svg");
  return open == std::string::npos ? svg : svg.substr(open);
}

// The headless browser that prints the report: the first of chromium, chromium-browser and
// google-chrome on PATH. Prints how to get one and ends with exit_no_browser when there is none.
std::string find_browser() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    for (std::size_t at = 0; at <= dirs.size();) {
      const std::size_t colon = std::min(dirs.find(':', at), dirs.size());
      const fs::path candidate = fs::path(dirs.substr(at, colon - at).empty() ? "." : dirs.substr(at, colon - at)) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
      at = colon + 1;
    }
  }
  std::cerr << "actorgraph: error: report --pdf prints with headless Chromium, and none is installed (looked for chromium, "
               "chromium-browser and google-chrome on PATH); install it (scripts/install-deps --browser) or leave out --pdf\n";
  throw Exit{exit_no_browser};
}

// The report printed to PDF by `browser` (headless, no header or footer of its own: the page numbers
// are the report's). The HTML is printed from a private temporary folder that is removed afterwards.
std::string print_to_pdf(const std::string& browser, const std::string& html) {
  std::string templ = (fs::temp_directory_path() / "actorgraph-pdf-XXXXXX").string();
  if (!::mkdtemp(templ.data())) throw IoError(templ + ": cannot make a temporary folder: " + std::strerror(errno));
  const fs::path dir = templ;
  struct Remove {
    fs::path dir;
    ~Remove() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } remove{dir};
  write_file((dir / "report.html").string(), html);
  const std::vector<std::string> argv_text = {browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                              "--disable-extensions", "--user-data-dir=" + (dir / "profile").string(),
                                              "--no-pdf-header-footer", "--print-to-pdf=" + (dir / "report.pdf").string(),
                                              "file://" + (dir / "report.html").string()};
  std::vector<char*> argv;
  for (const auto& a : argv_text) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::cerr << "actorgraph: printing report.pdf with " << fs::path(browser).filename().string() << "\n";
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0) throw IoError(std::string("cannot start ") + browser + ": " + std::strerror(errno));
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, 1);
      ::dup2(null, 2);
    }
    ::execv(browser.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  std::error_code ec;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs::exists(dir / "report.pdf", ec))
    throw IoError(browser + " could not print the report to PDF (exit " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  return read_text_file((dir / "report.pdf").string());
}

// The smallest text size of a diagram on the printed page, in points.
constexpr double min_print_font_pt = 6;

// Where the report is built: the dataset, the slices, the options and the folder being written.
struct ReportRun {
  const ReportArgs& args;
  const Dataset& d;
  const Slice& slice;          // the slice the influence measure reads (undated relations in)
  const Slice& drawn;          // the slice the diagrams, centrality and partners show (up to --at)
  NetworkOptions network_options;
  std::optional<PartialDate> at;
  std::optional<ActorId> target;
  FolderWriter& out;
  ReportContent& content;
  DiagramOptions diagram;

  void add_file(const std::string& name, const std::string& text) {
    out.add_file(name, text);
    content.files.push_back(name);
  }

  // Lays the diagram out (in a child process: render_diagrams) and writes STEM.dot, .svg, .png.
  // Returns the SVG to show inline.
  std::string draw(const Network& net, const DiagramOptions& o, const std::string& stem) {
    std::cerr << "actorgraph: drawing " << stem << "\n";
    const std::vector<std::string> formats = args.no_png ? std::vector<std::string>{"svg"} : std::vector<std::string>{"svg", "png"};
    std::vector<std::string> drawn_files = render_diagrams(net, o, formats);  // one layout for both files
    add_file(stem + ".dot", render_diagram(net, o, "dot"));
    add_file(stem + ".svg", drawn_files.front());
    if (!args.no_png) add_file(stem + ".png", drawn_files.back());
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
    std::cerr << "actorgraph: warning: the " << stem << " diagram's labels print at " << best_printed << " pt on A4, under "
              << min_print_font_pt << " pt: open " << stem << ".svg to read it\n";
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
    o.progress = terminal_progress(m.name);
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
  run.add_file("centrality.csv", table_text(table, "csv"));
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
    std::cerr << "actorgraph: warning: the overview is not drawn: " << e.what() << "\n";
  }
  DiagramOptions detail = run.diagram;
  detail.size_by = pagerank(network).value;
  try {
    run.draw(network, detail, "network");
    run.content.network_file = "network.svg";
  } catch (const UsageError& e) {
    // Too large for its layout: the report goes on without the picture and says why.
    std::cerr << "actorgraph: warning: the whole network is not drawn: " << e.what() << "\n";
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
  run.add_file("timeline.csv", table_text(timeline_table(io.blocs, by_year, years, "csv"), "csv"));
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
  io.blocs = influence_blocs(run.d, *run.target, run.args.blocs, run.args.ad_hoc);
  io.at = run.at;
  const std::string parameters = load_influence_parameters(run.d, run.args.params, io.parameters);
  run.content.influence_parameters = parameters.empty() ? "" : fs::path(parameters).filename().string();
  if (io.blocs.empty()) {
    std::cerr << "actorgraph: note: the dataset declares no blocs (blocs.csv) and none was given with --bloc: "
                 "the report has no influence section\n";
    return;
  }
  const InfluenceResult r = measure_influence(run.d, run.slice, io);
  run.add_file("influence.csv", table_text(influence_table(run.d, io, r, "csv"), "csv"));
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

void run(const ReportArgs& args) {
  check_replaceable(resolve_output_path(args.output));  // before the work, and again before the swap
  const std::string browser = args.pdf ? find_browser() : std::string();
  // Validate first: the report lists check's warnings (disagreements between sources).
  CheckResult checked = check_dataset_any(args.dataset);
  if (!checked.dataset) throw DataError(std::move(checked.diagnostics));
  const Dataset& d = *checked.dataset;
  Diagnostics warnings;
  for (const auto& diag : checked.diagnostics)
    if (diag.severity == Severity::warning) warnings.push_back(diag);

  std::optional<PartialDate> at;
  if (!args.at.empty()) at = PartialDate::parse_or_throw(args.at, "--at");
  const Slice slice(d, args.slice.options());
  // The pictures and tables show what existed by --at: relations that started later are left out.
  SliceOptions drawn_options = args.slice.options();
  if (at) drawn_options.to = at;
  const Slice drawn(d, drawn_options);
  NetworkOptions network_options;
  network_options.collapse = args.collapse;
  const Network network(d, drawn, network_options);
  NetworkOptions collapsed = network_options;
  collapsed.collapse = true;
  const Network rolled_up(d, drawn, collapsed);

  ReportContent content;
  content.dataset_name = dataset_display_name(d);
  // Said in words rather than as Slice::description's "active ...2003".
  content.slice_description = slice.description() + (at ? "; relations begun by " + at->str() + " (undated relations left out)" : "") +
                              (args.collapse ? "; officials, agencies and units rolled up" : "");
  content.stats = compute_stats(d, drawn);
  content.explain = args.explain;
  if (at) content.as_of = at->str();
  content.paper = args.paper;
  content.generated_with = std::string("Made with actorgraph ") + ACTORGRAPH_VERSION + ": " + portable_command_line(args.command_line);
  std::optional<ActorId> target;
  if (!args.target.empty()) {
    target = d.resolve_actor(args.target);
    network_vertex(network, args.target);  // a UsageError when the slice leaves the target out
  }
  content.target = target;
  content.title = content.dataset_name;
  content.subtitle = target ? "Influence on " + label_of(d, *target) + " and its network" : "The network";

  // The folder is assembled beside the destination and replaces it only when complete.
  FolderWriter out(args.output);
  ReportRun report{args, d, slice, drawn, network_options, at, target, out, content, {}};
  report.diagram.layout = args.layout;  // empty: automatic_layout, by the number of actors drawn
  report.diagram.layout_seed = args.layout_seed;
  report.diagram.dataset = content.dataset_name;
  report.diagram.slice = content.slice_description;
  if (at) report.diagram.as_of = at->str();
  report.diagram.size_measure = "pagerank";
  if (!args.style.empty()) report.diagram.style = read_style_sheet(args.style);
  // A page is taller than wide, and a target with many partners is one wide rank: lay dot's ranks
  // out left to right so the drawing fits the page's shape (a style file may say otherwise).
  if (report.diagram.style.graph().count("rankdir") == 0) report.diagram.style.set(StyleTarget::graph, "", "rankdir", "LR");
  std::vector<std::string> compared;
  if (target)
    for (const auto& b : influence_blocs(d, *target, args.blocs, args.ad_hoc)) compared.push_back(b.name);
  content.bloc_colours = assign_bloc_colours(d, compared, report.diagram.style);

  add_legend(content, report.diagram.style);
  content.centrality_rolled_up = !args.unrolled_centrality;
  add_centrality(report, args.unrolled_centrality ? network : rolled_up);
  add_diagrams(report, network, rolled_up);
  if (target) {
    add_influence(report);
    add_partners(report);
  }
  content.warnings = relative_to_dataset(warnings, d.path());
  if (!browser.empty()) content.files.push_back("report.pdf");
  std::sort(content.files.begin(), content.files.end());
  const std::string html = report_html(d, content);
  out.add_file("report.html", html);
  if (!browser.empty()) {
    ReportContent printed = content;
    printed.link_files = false;  // a PDF turns relative links into file:// paths of the folder it was printed in
    out.add_file("report.pdf", print_to_pdf(browser, report_html(d, printed)));
  }
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
  cmd->add_option("--explain", args->explain, "Facts listed at least per bloc under 'What weighs most' (more until they cover 80% of its score)")->check(CLI::Range(0, 1000))->capture_default_str();
  cmd->add_option("--layout", args->layout, "Graphviz layout of the diagrams (default: dot up to 40 actors, fdp up to 300, sfdp above)")
      ->check(CLI::IsMember({"dot", "neato", "fdp", "sfdp", "circo", "twopi"}));
  add_layout_seed_option(*cmd, args->layout_seed);
  cmd->add_option("--style", args->style, "Style sheet for the diagrams (docs/RENDER.md)")->check(CLI::ExistingFile);
  cmd->add_flag("--collapse", args->collapse, "Roll officials, agencies and units up to their state or organisation in diagrams and centrality");
  cmd->add_flag("--no-png", args->no_png, "Do not write the PNG copies of the diagrams");
  cmd->add_flag("--unrolled-centrality", args->unrolled_centrality,
                "Rank every actor in 'Who is central' (default: officials, agencies and units rolled up to their state or organisation)");
  cmd->add_option("--paper", args->paper, "Paper size of the printed report")->check(CLI::IsMember({"a4", "letter"}))->capture_default_str();
  cmd->add_flag("--pdf", args->pdf, "Also print the report to DIR/report.pdf with headless Chromium (exit 4 when none is installed)");
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
