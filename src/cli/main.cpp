// actorgraph: the command-line tool over the actorgraph library. Exit codes: docs/CLI.md.
#include "cli/commands.hpp"
#include "cli/streams.hpp"

#include "actorgraph/io/text_file.hpp"

#include <string>
#include <vector>

#include <malloc.h>

int main(int argc, char** argv) {
  using namespace actorgraph::cli;
  // Every allocation of 1 MiB or more is its own mapping, given back to the system when freed.
  // glibc otherwise raises that threshold each time such a block is freed (up to 32 MiB), and the
  // load's many arrays of a few MiB then come from the heap, whose freed middle it keeps: at M
  // (1M relations) the peak was 222 MB instead of 200.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  StandardStreams streams;  // checked standard output, terminal-safe standard error
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  const auto app = make_app(arguments);
  if (!arguments.empty() && arguments[0][0] != '-')
    if (const int code = refuse_unknown_command(*app, arguments[0]); code != 0) return streams.finish(code);
  actorgraph::exit_on_truncated_mapping();  // an error message, not a crash (docs/SNAPSHOTS.md)
  return streams.finish(run_reporting_errors(*app, [&] { app->parse(argc, argv); }));
}
