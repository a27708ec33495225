// actorgraph convert IN OUT: copy a dataset between a folder, DOT, GraphML and node-link JSON,
// every attribute kept (docs/EXCHANGE.md).
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include "actorgraph/io/exchange.hpp"

#include <iostream>
#include <memory>

namespace actorgraph::cli {

namespace {

struct ConvertArgs {
  std::string input;
  std::string output;
  std::string to;
};

void run(const ConvertArgs& args) {
  const bool to_stdout = args.output == "-";
  ExchangeFormat format = ExchangeFormat::folder;
  if (!args.to.empty()) format = *parse_exchange_format(args.to);
  else if (to_stdout) throw UsageError("writing to standard output (-) needs --to dot, graphml or json");
  else format = exchange_format(args.output);
  if (to_stdout && format == ExchangeFormat::folder) throw UsageError("a folder cannot be written to standard output; give its path");

  const Dataset& d = load(args.input);
  // What the target cannot hold is named, never dropped in silence.
  for (const ExchangeLoss& loss : exchange_losses(d, format))
    std::cerr << "actorgraph: warning: " << loss.name << " is not carried into " << (to_stdout ? "the output" : args.output) << ": "
              << loss.reason << "\n";
  if (to_stdout) {
    std::cout << to_text(d, format);
    return;
  }
  write_dataset_any(d, args.output, format);
  std::cerr << "actorgraph: wrote " << args.output << " (" << format_name(format) << ")\n";
}

}  // namespace

void add_convert_command(CLI::App& app) {
  auto args = std::make_shared<ConvertArgs>();
  auto* cmd = app.add_subcommand("convert", "Convert a dataset between a folder, DOT (.dot, .gv), GraphML (.graphml) "
                                 "and node-link JSON (.json), keeping every attribute (docs/EXCHANGE.md)");
  cmd->add_option("IN", args->input, "Dataset folder, or a .dot, .gv, .graphml or .json file")->required()->check(CLI::ExistingPath);
  add_snapshot_options(*cmd);
  cmd->add_option("OUT", args->output, "Folder or file to write (the format follows the extension), or - for standard output")
      ->required();
  cmd->add_option("-T,--to", args->to, "Output format, whatever OUT's extension (required for -)")
      ->check(CLI::IsMember({"folder", "dot", "gv", "graphml", "json"}));
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
