// The application: every subcommand registered on one CLI11 App, and the one place where errors
// become messages and exit codes (docs/CLI.md), for a command line or a batch query.
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include "actorgraph/error.hpp"
#include "actorgraph/model/text.hpp"

#include <iostream>

namespace actorgraph::cli {

std::unique_ptr<CLI::App> make_app(const std::vector<std::string>& command_line) {
  auto app = std::make_unique<CLI::App>("actorgraph: graph analysis of political actors and their relationships.\n"
                                        "Run 'actorgraph COMMAND --help' for a command's options; docs/CLI.md has them all.");
  app->set_version_flag("--version", std::string("actorgraph ") + ACTORGRAPH_VERSION);
  app->require_subcommand(1);
  app->fallthrough(false);
  // Once the command line is parsed (so not for --help or --version) and before the command runs.
  app->parse_complete_callback(check_environment);
  add_check_command(*app);
  add_stats_command(*app);
  add_actors_command(*app);
  add_relations_command(*app);
  add_centrality_command(*app);
  add_path_commands(*app);
  add_components_command(*app);
  add_diff_command(*app);
  add_influence_command(*app);
  add_report_command(*app, command_line);
  add_render_command(*app);
  add_convert_command(*app);
  add_types_command(*app);
  add_format_command(*app);
  add_import_command(*app);
  add_batch_command(*app);
  return app;
}

int refuse_unknown_command(const CLI::App& app, const std::string& name) {
  // CLI11 reports an unknown command as a missing one; name it, with a suggestion.
  std::vector<std::string_view> names;
  for (const auto* sub : app.get_subcommands({})) {
    if (sub->get_name() == name) return exit_ok;
    names.push_back(sub->get_name());
  }
  const std::string hint = did_you_mean(name, names);
  std::cerr << "actorgraph: error: unknown command '" << name << "'" << did_you_mean_clause(hint)
            << "\nRun with --help for the list of commands.\n";
  return exit_usage;
}

int run_reporting_errors(CLI::App& app, const std::function<void()>& parse) {
  try {
    parse();
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, version or the error
    return code == 0 ? exit_ok : exit_usage;
  } catch (const Exit& e) {
    return e.code;
  } catch (const DataError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.str() << '\n';
    const std::size_t errors = count_errors(e.diagnostics());
    std::cerr << "actorgraph: error: the dataset has " << errors << (errors == 1 ? " error" : " errors") << "; nothing was computed\n";
    return exit_data;
  } catch (const ParseError& e) {
    std::cerr << e.what() << '\n';  // already "file:line: error: message"
    return exit_data;
  } catch (const UsageError& e) {
    std::cerr << "actorgraph: error: " << e.what() << '\n';
    return exit_usage;
  } catch (const Error& e) {
    std::cerr << "actorgraph: error: " << e.what() << '\n';
    return exit_data;
  } catch (const std::exception& e) {
    std::cerr << "actorgraph: internal error: " << e.what() << " (please report this)\n";
    return exit_internal;
  }
  return exit_ok;
}

}  // namespace actorgraph::cli
