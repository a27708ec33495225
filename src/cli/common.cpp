#include "cli/common.hpp"

#include "actorgraph/io/dataset_reader.hpp"

#include <iostream>

namespace actorgraph::cli {

void SliceArgs::add_to(CLI::App& command) {
  auto* group = command.add_option_group("Slice", "Which part of the network to analyse");
  group->add_option("--types", types, "Keep only relations of these types (comma-separated)")->delimiter(',');
  group->add_option("--exclude-types", exclude_types, "Drop relations of these types (comma-separated)")->delimiter(',');
  group->add_option("--kinds", kinds, "Keep only actors of these kinds, and relations among them")->delimiter(',');
  group->add_option("--from", from, "Keep relations active on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)");
  group->add_option("--to", to, "Keep relations active on or before DATE");
  group->add_option("--at", at, "Keep relations active at some time during DATE's period (2005 = all of 2005)");
}

SliceOptions SliceArgs::options() const {
  SliceOptions o;
  o.types = types;
  o.exclude_types = exclude_types;
  o.kinds = kinds;
  if (!from.empty()) o.from = PartialDate::parse_or_throw(from, "--from");
  if (!to.empty()) o.to = PartialDate::parse_or_throw(to, "--to");
  if (!at.empty()) o.at = PartialDate::parse_or_throw(at, "--at");
  return o;
}

void add_dataset_argument(CLI::App& command, std::string& path) {
  command.add_option("DATASET", path, "Dataset folder (actors.csv, relations.csv, ...)")->required()->check(CLI::ExistingPath);
}

void add_format_option(CLI::App& command, std::string& format) {
  command.add_option("--format", format, "Output format")->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();
}

Dataset load(const std::string& path) {
  Dataset d = load_dataset(path);
  if (const std::size_t n = d.warnings().size(); n > 0)
    std::cerr << "actorgraph: note: " << path << " has " << n << (n == 1 ? " warning" : " warnings")
              << " (run 'actorgraph check " << path << "' to list them)\n";
  return d;
}

void note_slice(const Slice& slice) {
  if (const std::size_t n = slice.undated_excluded(); n > 0)
    std::cerr << "actorgraph: note: the date window leaves out " << n << (n == 1 ? " undated relation" : " undated relations") << "\n";
}

}  // namespace actorgraph::cli
