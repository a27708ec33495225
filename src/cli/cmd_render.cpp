#include "cli/commands.hpp"

namespace actorgraph::cli {

void add_render_command(CLI::App&) {}

}  // namespace actorgraph::cli
