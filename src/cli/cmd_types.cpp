// actorgraph types [DATASET]: the relation types, built in and declared.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"

#include <iostream>
#include <memory>

namespace actorgraph::cli {

namespace {

struct TypesArgs {
  std::string dataset;
  std::string format = "table";
};

void run(const TypesArgs& args) {
  RelationTypes types;
  if (!args.dataset.empty()) types = load(args.dataset).types();
  ResultTable table;
  for (const char* c : {"id", "directed", "ongoing", "valence", "dimension", "origin", "description"}) table.add_column(c);
  for (const auto& t : types.all())
    table.add_row({t.id, t.directed ? "true" : "false", t.ongoing ? "true" : "false", std::string(valence_name(t.valence)),
                   std::string(dimension_name(t.dimension)), t.builtin ? "built-in" : "types.csv", t.description});
  table.write(std::cout, args.format);
}

}  // namespace

void add_types_command(CLI::App& app) {
  auto args = std::make_shared<TypesArgs>();
  auto* cmd = app.add_subcommand("types", "List the relation types: the built-in vocabulary and a dataset's own");
  cmd->add_option("DATASET", args->dataset, "Dataset folder whose types.csv to include")->check(CLI::ExistingPath);
  add_format_option(*cmd, args->format);
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
