// actorgraph check DATASET: validate and list every problem.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"

#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/exchange.hpp"
#include "actorgraph/io/quote_check.hpp"

#include <iostream>
#include <memory>
#include <optional>

namespace actorgraph::cli {

namespace {

struct CheckArgs {
  std::string dataset;
  std::string format = "table";
  bool strict = false;
  std::string sources_dir;  // check the quotes against the texts in this folder
};

void run(const CheckArgs& args) {
  CheckResult result = check_dataset_any(args.dataset, load_options());
  std::optional<QuoteCheckResult> quotes;
  if (!args.sources_dir.empty() && result.dataset) {
    quotes = check_quotes(*result.dataset, args.sources_dir);
    // The quote warnings follow the dataset's own diagnostics.
    result.diagnostics.insert(result.diagnostics.end(), quotes->diagnostics.begin(), quotes->diagnostics.end());
  }
  const std::size_t errors = count_errors(result.diagnostics);
  const std::size_t warnings = count_warnings(result.diagnostics);
  if (args.format == "table") {
    for (const auto& d : result.diagnostics) std::cerr << d.str() << '\n';
    std::cout << args.dataset << ": ";
    if (const auto& d = result.dataset)
      std::cout << d->actor_count() << " actors, " << d->relation_count() << " relations, " << d->source_count() << " sources; ";
    if (quotes)
      std::cout << quotes->excerpts << (quotes->excerpts == 1 ? " quote" : " quotes") << " checked against " << quotes->texts
                << (quotes->texts == 1 ? " source text, " : " source texts, ") << quotes->not_found << " not found; ";
    std::cout << errors << (errors == 1 ? " error, " : " errors, ") << warnings << (warnings == 1 ? " warning\n" : " warnings\n");
  } else {
    ResultTable table;
    table.add_column("file");
    table.add_column("line", true);
    table.add_column("column", true);
    table.add_column("severity");
    table.add_column("message");
    for (const auto& d : result.diagnostics)
      table.add_row({d.file, d.line ? std::to_string(d.line) : "", d.column ? std::to_string(d.column) : "",
                     d.severity == Severity::error ? "error" : "warning", d.message});
    table.write(std::cout, args.format);
  }
  if (errors > 0 || (args.strict && warnings > 0)) throw Exit{exit_data};
}

}  // namespace

void add_check_command(CLI::App& app) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand("check", "Validate a dataset: list every error and warning as file:line:column");
  add_dataset_argument(*cmd, args->dataset, false);  // check validates the files: no snapshot
  add_format_option(*cmd, args->format);
  cmd->add_flag("--strict", args->strict, "Fail (exit 1) on warnings too");
  cmd->add_option("--sources-dir", args->sources_dir,
                  "Check every quote against the texts of its sources in DIR (SOURCE_ID.txt or .md, or the file in sources.csv's text column)")
      ->type_name("DIR");
  cmd->callback([args] { run(*args); });
}

}  // namespace actorgraph::cli
