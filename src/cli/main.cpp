// actorgraph: the command-line tool over the actorgraph library. Exit codes: docs/CLI.md.
#include "cli/commands.hpp"
#include "cli/streams.hpp"

#include <string>
#include <vector>

int main(int argc, char** argv) {
  using namespace actorgraph::cli;
  StandardStreams streams;  // checked standard output, terminal-safe standard error
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  const auto app = make_app(arguments);
  if (!arguments.empty() && arguments[0][0] != '-')
    if (const int code = refuse_unknown_command(*app, arguments[0]); code != 0) return streams.finish(code);
  return streams.finish(run_reporting_errors(*app, [&] { app->parse(argc, argv); }));
}
