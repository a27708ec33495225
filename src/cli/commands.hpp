// Each subcommand registers itself on the application; one source file per subcommand.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace actorgraph::cli {

void add_check_command(CLI::App& app);
void add_stats_command(CLI::App& app);
void add_actors_command(CLI::App& app);
void add_relations_command(CLI::App& app);
void add_format_command(CLI::App& app);
void add_types_command(CLI::App& app);
void add_centrality_command(CLI::App& app);
void add_path_commands(CLI::App& app);  // path, links, neighbors, distances
void add_components_command(CLI::App& app);
void add_diff_command(CLI::App& app);
void add_render_command(CLI::App& app);
void add_convert_command(CLI::App& app);
void add_influence_command(CLI::App& app);
void add_import_command(CLI::App& app);
// The report records the command line that made it.
void add_report_command(CLI::App& app, const std::vector<std::string>& command_line);
// Queries from a file against one loaded dataset (cmd_batch.cpp).
void add_batch_command(CLI::App& app);

// The application with every command (app.cpp); `command_line` is what the report records.
std::unique_ptr<CLI::App> make_app(const std::vector<std::string>& command_line);
// When `name` is not a command: says so with a suggestion and returns the usage exit code; else 0.
int refuse_unknown_command(const CLI::App& app, const std::string& name);
// Runs `parse` (which parses a command line on `app` and so runs its command), turning every error
// into its message on stderr and its exit code (docs/CLI.md).
int run_reporting_errors(CLI::App& app, const std::function<void()>& parse);

}  // namespace actorgraph::cli
