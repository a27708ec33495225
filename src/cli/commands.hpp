// Each subcommand registers itself on the application; one source file per subcommand.
#pragma once

#include <CLI/CLI.hpp>

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
void add_path_commands(CLI::App& app);  // path, links, neighbors
void add_components_command(CLI::App& app);
void add_diff_command(CLI::App& app);
void add_render_command(CLI::App& app);
void add_convert_command(CLI::App& app);
void add_influence_command(CLI::App& app);
void add_import_command(CLI::App& app);
// The report records the command line that made it.
void add_report_command(CLI::App& app, const std::vector<std::string>& command_line);

}  // namespace actorgraph::cli
