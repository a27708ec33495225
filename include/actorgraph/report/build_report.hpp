// The whole report, from a dataset to its files: runs stats, centrality, the diagrams, influence
// and its timeline, and the partners, and lays them out as report.html (report.hpp) with the pieces
// beside it. Nothing is written: the caller writes the files (the CLI into a folder that replaces the
// old report only when complete) and prints the messages.
#pragma once

#include "actorgraph/analysis/centrality.hpp"
#include "actorgraph/analysis/network.hpp"
#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/slice.hpp"
#include "actorgraph/report/report.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace actorgraph {

struct ReportOptions {
  std::string target;               // the actor the report is about (id, label or alias); "": no target
  std::vector<std::string> blocs;   // blocs from blocs.csv to compare ("": all, influence_blocs)
  std::vector<std::string> ad_hoc;  // blocs given as NAME=ACTOR+ACTOR...
  std::string at;                   // reference date of influence, and the last start date drawn ("": the latest)
  std::string params;               // influence parameter file ("": DATASET/influence.csv if present)
  std::string timeline;             // years of the timeline, FROM:TO ("": the dataset's first year to `at`)
  std::string layout;               // Graphviz layout of the diagrams ("": by the number of actors)
  std::uint32_t layout_seed = 1;    // seed of the neato, fdp and sfdp layouts (DiagramOptions::layout_seed)
  std::string style;                // style sheet file for the diagrams ("": the defaults)
  std::string paper = "a4";         // a4 or letter
  std::size_t depth = 1;            // depth of the target's ego network
  std::size_t top = 10;             // actors listed per centrality measure
  std::size_t explain = 5;          // facts listed at least per bloc under 'What weighs most'
  bool collapse = false;            // roll officials, agencies and units up in diagrams and centrality
  bool png = true;                  // write the PNG copies of the diagrams
  bool unrolled_centrality = false;  // rank every actor in 'Who is central'
  bool pdf = false;                 // the caller prints report.pdf: list it, and return print_html
  SliceOptions slice;               // without a date window of its own: `at` sets the drawn slice's end
  std::vector<std::string> command_line;  // the arguments, shown (without paths) as how the report was made
  // The dataset's warnings listed in the report (e.g. check's, with positions in a graph file);
  // unset: dataset.warnings().
  std::optional<Diagnostics> warnings;
  // Progress of one centrality measure (named), or an empty Progress.
  std::function<Progress(const std::string& measure)> measure_progress;
};

// A message for the person who asked for the report, in the order it arose.
struct ReportMessage {
  enum class Kind { progress, note, warning };
  Kind kind;
  std::string text;  // e.g. "drawing overview", without the "note: " or "warning: " prefix
};

struct ReportFile {
  std::string name;   // file name inside the report folder
  std::string bytes;
};

struct ReportResult {
  // Every file to write, in the order they were made, report.html last (report.pdf, printed by the
  // caller from print_html, is not among them).
  std::vector<ReportFile> files;
  std::string html;        // report.html (also the last of `files`)
  std::string print_html;  // with options.pdf: the page to print (files not linked); else empty
  std::vector<ReportMessage> messages;
};

// The report of `dataset`. `on_message`, when given, receives each message as it arises, and
// `on_file` each file as soon as it is made (the result keeps them all too), so that a caller shows
// progress and writes each file while the next diagram is drawn, as the CLI does.
// Deterministic: the same dataset and options give the same bytes, from the same process state.
// Each diagram is laid out in a child process, but Graphviz keeps some state in the calling process
// too: a second report made in one process was seen to choose other layouts for the page diagrams of
// report.html (docs/RENDER.md, "Determinism"); one report per process, as the CLI makes, is stable.
// Throws UsageError for an unknown target, bloc, layout, or a malformed date or year range;
// ParseError for a bad style sheet or parameter file; Error from the analyses and the renderer.
ReportResult build_report(const Dataset& dataset, const ReportOptions& options,
                          const std::function<void(const ReportMessage&)>& on_message = {},
                          const std::function<void(const ReportFile&)>& on_file = {});

}  // namespace actorgraph
