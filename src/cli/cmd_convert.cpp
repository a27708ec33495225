#include "cli/commands.hpp"

namespace actorgraph::cli {

void add_convert_command(CLI::App&) {}

}  // namespace actorgraph::cli
