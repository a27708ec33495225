// What the subcommands share: exit codes, loading a dataset with its diagnostics, the slice options.
#pragma once

#include "actorgraph/analysis/centrality.hpp"
#include "actorgraph/analysis/network.hpp"
#include "actorgraph/format.hpp"
#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/slice.hpp"
#include "actorgraph/report/build_report.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
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
  exit_no_browser = 4,  // report --pdf: no headless Chromium to print with
};

// Thrown by a command to end with a given exit code after printing what it had to.
struct Exit {
  int code;
};

// The slice options every analysis takes, as typed on the command line.
struct SliceArgs {
  std::vector<std::string> types, exclude_types, kinds;
  std::string from, to, at;
  // with_dates false: only types and kinds (for commands that take their own dates).
  void add_to(CLI::App& command, bool with_dates = true);
  SliceOptions options() const;  // throws UsageError for a malformed date
};

// How the slice becomes a network: direction, roll-up, parallel relations, weights.
struct NetworkArgs {
  bool undirected = false;
  bool collapse = false;
  std::string merge = "count";
  bool weight = false;
  std::string weight_as = "default";
  void add_to(CLI::App& command);
  NetworkOptions options() const;
  WeightAs weight_meaning() const;
};

// A progress callback that shows "label: 42%" on stderr when it is a terminal and the work has
// lasted more than a second; empty otherwise.
Progress terminal_progress(const std::string& label);

// An actor given on the command line as a vertex: network_vertex (report/build_report.hpp).
// Actors given as one name or several separated by commas: the whole text when it names one actor
// (a label may hold a comma), else each part, in the order given.
std::vector<Vertex> network_vertices(const Network& network, const std::string& names);

// The text of an input file the user named, or of standard input for "-"; `what` names it in errors
// ("the query file"). Throws IoError.
std::string read_input(const std::string& path, std::string_view what);

// Registers the DATASET positional argument and, for commands that load() it, --snapshot and
// --no-snapshot (docs/SNAPSHOTS.md), which set where load() keeps snapshots for the whole process.
void add_dataset_argument(CLI::App& command, std::string& path, bool snapshot_options = true);
// Registers --snapshot and --no-snapshot alone (for `convert`, whose dataset is its IN argument).
void add_snapshot_options(CLI::App& command);

// Registers --layout-seed N (DiagramOptions::layout_seed: 1 to max_layout_seed, default 1).
void add_layout_seed_option(CLI::App& command, std::uint32_t& seed);

// Registers --format table|csv|json.
void add_format_option(CLI::App& command, std::string& format);

// How every command reads datasets: on ACTORGRAPH_THREADS threads (unset or 0: one per core;
// README, "Environment"). Throws UsageError when the variable is not a number.
LoadOptions load_options();

// Checks the environment variables that hold settings (ACTORGRAPH_THREADS, ACTORGRAPH_MAX_FILE_SIZE,
// ACTORGRAPH_CACHE_MAX), before any command does any work, so that a value that is not valid is
// the same usage error whatever the command and whether a snapshot is used. Empty is unset.
void check_environment();

// Loads a dataset (DataError on any error) and notes its warnings on stderr in one line; a path
// loaded before in this process is not read again (the dataset lives until the process ends).
// A dataset folder (or GraphML or JSON file) is read from its snapshot when one matches its files, and a snapshot is written
// after it was read from the files (docs/SNAPSHOTS.md: where, from which size, how to turn it off).
const Dataset& load(const std::string& path);

// Notes on stderr what a date window left out.
void note_slice(const Slice& slice);

// What an analysis command works on: the dataset (load), the slice its options ask for and the
// network projected from that slice.
struct SlicedNetwork {
  // The network is read from its snapshot beside the dataset's when there is one (io/snapshot.hpp,
  // "The network of a dataset or a slice"), and else built and stored there for the next command;
  // the network of a slice that leaves something out only when the dataset's snapshot is in the
  // cache folder (not with --snapshot).
  SlicedNetwork(const std::string& path, const Dataset& d, const SliceOptions& slice_options, const NetworkOptions& network_options);
  const Dataset& dataset;
  const Slice slice;

 private:
  std::unique_ptr<const Network> held_;

 public:
  const Network& network;
};

// The SlicedNetwork of a dataset path and options, with the note of what a date window left out.
// Built once per process for the same dataset, slice and network options, as load() keeps the
// dataset: `batch` asks many questions of one network without building it again (building is a sort
// of the slice's relations, most of a query's time on a large dataset). The last 4 are kept.
const SlicedNetwork& sliced_network(const std::string& path, const SliceArgs& slice_args, const NetworkArgs& network_args);

}  // namespace actorgraph::cli
