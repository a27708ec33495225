// actorgraph batch DATASET [QUERIES]: many questions against one loaded dataset (docs/CLI.md).
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include "actorgraph/model/text.hpp"

#include <algorithm>
#include <array>
#include <iostream>
#include <memory>
#include <string_view>

namespace actorgraph::cli {

namespace {

// The commands a query may run: those that read a dataset and write only to standard output.
constexpr std::array<std::string_view, 12> query_commands{"stats",     "actors",     "relations", "centrality", "path", "links",
                                                          "neighbors", "distances",  "components", "diff",      "influence", "types"};

struct BatchArgs {
  std::string dataset;
  std::string queries = "-";
};

// Runs one query line as `actorgraph COMMAND DATASET ARGS...` on the loaded dataset; returns its exit
// code. Its output follows a line "### N: QUERY" on standard output (also when it fails, so block N
// is always query N).
int run_query(const BatchArgs& args, const std::string& where, std::size_t number, std::string_view line) {
  std::vector<std::string> tokens = CLI::detail::split_up(std::string(line));
  tokens.erase(std::remove(tokens.begin(), tokens.end(), std::string()), tokens.end());
  const std::string& command = tokens.front();
  std::cout << "### " << number << ": " << line << "\n";
  if (std::find(query_commands.begin(), query_commands.end(), command) == query_commands.end()) {
    std::vector<std::string_view> names(query_commands.begin(), query_commands.end());
    const std::string hint = did_you_mean(command, names);
    std::cerr << where << ": error: '" << command << "' is not a query a batch runs"
              << did_you_mean_clause(hint) << "; queries: stats, actors, relations, centrality, path, "
              << "links, neighbors, distances, components, diff, influence, types\n";
    return exit_usage;
  }
  std::vector<std::string> argv{command, args.dataset};
  argv.insert(argv.end(), tokens.begin() + 1, tokens.end());
  std::reverse(argv.begin(), argv.end());  // CLI11 takes its arguments last first
  const auto app = make_app({});
  const int code = run_reporting_errors(*app, [&] { app->parse(argv); });
  if (code != exit_ok) std::cerr << where << ": note: query " << number << " ended with exit code " << code << "\n";
  return code;
}

void run_batch(const BatchArgs& args) {
  load(args.dataset);  // once, for every query; an invalid dataset stops the batch here
  const std::string text = read_input(args.queries, "the query file");
  const std::string name = args.queries == "-" ? "<stdin>" : args.queries;
  int worst = exit_ok;
  std::size_t number = 0, line_number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line = trim(std::string_view(text).substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    worst = std::max(worst, run_query(args, name + ":" + std::to_string(line_number), ++number, line));
  }
  if (worst != exit_ok) throw Exit{worst};
}

}  // namespace

void add_batch_command(CLI::App& app) {
  auto args = std::make_shared<BatchArgs>();
  auto* cmd = app.add_subcommand("batch", "Run many queries (one command per line, without the dataset) against one loaded dataset");
  add_dataset_argument(*cmd, args->dataset);
  cmd->add_option("QUERIES", args->queries, "File of queries, one per line ('#' starts a comment); '-' or none: standard input");
  cmd->callback([args] { run_batch(*args); });
}

}  // namespace actorgraph::cli
