// actorgraph format DATASET: rewrite a dataset in canonical form, or check that it is.
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include "actorgraph/io/dataset_writer.hpp"
#include "actorgraph/io/exchange.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace actorgraph::cli {

namespace {

struct FormatArgs {
  std::string dataset;
  std::string output;
  bool check = false;
};

void run(const FormatArgs& args) {
  if (exchange_format(args.dataset) != ExchangeFormat::folder)
    throw UsageError(args.dataset + ": format rewrites a dataset folder; to turn a graph file into one, run 'actorgraph convert " +
                     args.dataset + " FOLDER'");
  const Dataset& d = load(args.dataset);
  if (args.check) {
    std::size_t differ = 0;
    for (const Table* t : {&d.actors_table(), &d.relations_table(), &d.sources_table(), &d.types_table(), &d.blocs_table()}) {
      if (!t->present()) continue;
      std::ifstream in(d.path() + "/" + t->name(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (text.str() != canonical_csv(*t)) {
        std::cerr << d.path() << "/" << t->name() << ": not in canonical form (run 'actorgraph format " << d.path() << "')\n";
        ++differ;
      }
    }
    if (differ > 0) throw Exit{exit_data};
    return;
  }
  const std::string out = args.output.empty() ? d.path() : args.output;
  // In place, the folder keeps everything it holds; elsewhere, subfolders and special files stay behind.
  if (!args.output.empty())
    for (const ExchangeLoss& loss : exchange_losses(d, ExchangeFormat::folder))
      std::cerr << "actorgraph: warning: " << loss.name << " is not carried into " << out << ": " << loss.reason << "\n";
  write_dataset(d, out);
  std::cerr << "actorgraph: wrote " << out << "\n";
}

}  // namespace

void add_format_command(CLI::App& app) {
  auto args = std::make_shared<FormatArgs>();
  auto* cmd = app.add_subcommand("format", "Rewrite a dataset in canonical form (sorted rows, known columns first, "
                                 "minimal quoting); every column is kept");
  add_dataset_argument(*cmd, args->dataset);
  cmd->add_option("-o,--output", args->output, "Write to this folder instead of rewriting DATASET in place");
  cmd->add_flag("--check", args->check, "Write nothing; exit 1 and name the files that are not in canonical form");
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
