// What the subcommands share: exit codes, loading a dataset with its diagnostics, the slice options.
#pragma once

#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/slice.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace actorgraph::cli {

// Documented in docs/CLI.md.
enum ExitCode : int {
  exit_ok = 0,
  exit_data = 1,      // invalid dataset, failed check, unreadable or unwritable file
  exit_usage = 2,     // bad command line: unknown option, command, actor or type
  exit_internal = 3,  // a bug: please report it
};

// Thrown by a command to end with a given exit code after printing what it had to.
struct Exit {
  int code;
};

// The slice options every analysis takes, as typed on the command line.
struct SliceArgs {
  std::vector<std::string> types, exclude_types, kinds;
  std::string from, to, at;
  void add_to(CLI::App& command);
  SliceOptions options() const;  // throws UsageError for a malformed date
};

// Registers the DATASET positional argument.
void add_dataset_argument(CLI::App& command, std::string& path);

// Registers --format table|csv|json.
void add_format_option(CLI::App& command, std::string& format);

// Loads a dataset (DataError on any error) and notes its warnings on stderr in one line.
Dataset load(const std::string& path);

// Notes on stderr what a date window left out.
void note_slice(const Slice& slice);

}  // namespace actorgraph::cli
