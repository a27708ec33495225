// actorgraph report DATASET -o DIR: from data to a finished report in one command. Checks the
// dataset, has the library make the report (report/build_report.hpp: stats, centrality, the
// diagrams, influence and its timeline) and writes DIR/report.html (self-contained) with the pieces
// beside it, and report.pdf with --pdf. The folder is built under a temporary name and moved into
// place only when complete, so an existing report is never left half-replaced.
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/exchange.hpp"
#include "actorgraph/io/output_file.hpp"
#include "actorgraph/io/text_file.hpp"
#include "actorgraph/report/build_report.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace actorgraph::cli {

namespace fs = std::filesystem;

namespace {

struct ReportArgs {
  std::string dataset, output, target, at, params, timeline, layout, style, paper = "a4";
  std::uint32_t layout_seed = 1;
  std::vector<std::string> blocs, ad_hoc;
  std::size_t depth = 1, top = 10, explain = 5;
  bool collapse = false, no_png = false, unrolled_centrality = false, pdf = false;
  SliceArgs slice;
  std::vector<std::string> command_line;
};

// A report replaces an existing `target` only when it is an earlier report (it holds report.html)
// or empty, so that a mistyped -o never deletes other work.
void check_replaceable(const fs::path& target) {
  std::error_code ec;
  if (fs::exists(target, ec) && (!fs::is_directory(target) || (!fs::is_empty(target) && !fs::exists(target / "report.html"))))
    throw UsageError(target.string() + " exists and is not an actorgraph report; choose another -o or remove it");
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

// The library's options from the command line's.
ReportOptions report_options(const ReportArgs& args) {
  ReportOptions o;
  o.target = args.target;
  o.blocs = args.blocs;
  o.ad_hoc = args.ad_hoc;
  o.at = args.at;
  o.params = args.params;
  o.timeline = args.timeline;
  o.layout = args.layout;
  o.layout_seed = args.layout_seed;
  o.style = args.style;
  o.paper = args.paper;
  o.depth = args.depth;
  o.top = args.top;
  o.explain = args.explain;
  o.collapse = args.collapse;
  o.png = !args.no_png;
  o.unrolled_centrality = args.unrolled_centrality;
  o.pdf = args.pdf;
  o.slice = args.slice.options();
  o.command_line = args.command_line;
  o.measure_progress = terminal_progress;
  return o;
}

void print_message(const ReportMessage& m) {
  const char* prefix = m.kind == ReportMessage::Kind::note ? "note: " : m.kind == ReportMessage::Kind::warning ? "warning: " : "";
  std::cerr << "actorgraph: " << prefix << m.text << "\n";
}

void run(const ReportArgs& args) {
  check_replaceable(resolve_output_path(args.output));  // before the work, and again before the swap
  const std::string browser = args.pdf ? find_browser() : std::string();
  // Validate first: the report lists check's warnings (disagreements between sources).
  CheckResult checked = check_dataset_any(args.dataset, load_options());
  if (!checked.dataset) throw DataError(std::move(checked.diagnostics));
  const Dataset& d = *checked.dataset;
  ReportOptions options = report_options(args);
  options.warnings.emplace();
  for (const auto& diag : checked.diagnostics)
    if (diag.severity == Severity::warning) options.warnings->push_back(diag);

  // The folder is assembled beside the destination and replaces it only when complete.
  FolderWriter out(args.output);
  // Each file is written as soon as it is made (checked, flushed to disk), while the next is drawn.
  const ReportResult report = build_report(d, options, print_message, [&](const ReportFile& f) { out.add_file(f.name, f.bytes); });
  if (!browser.empty()) out.add_file("report.pdf", print_to_pdf(browser, report.print_html));
  check_replaceable(out.target());  // again: something may have appeared there meanwhile
  out.commit();
  std::cerr << "actorgraph: wrote " << (fs::path(args.output) / "report.html").string() << " and " << report.files.size() - 1 + args.pdf
            << " files beside it\n";
  std::cout << (fs::path(args.output) / "report.html").string() << "\n";
}

}  // namespace

void add_report_command(CLI::App& app, const std::vector<std::string>& command_line) {
  auto args = std::make_shared<ReportArgs>();
  args->command_line = command_line;
  auto* cmd = app.add_subcommand("report", "One self-contained HTML report (diagrams, centrality, influence, partners, "
                                 "disagreements, sources) and its pieces, in a folder");
  add_dataset_argument(*cmd, args->dataset, false);  // validates the files, as check: no snapshot
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
