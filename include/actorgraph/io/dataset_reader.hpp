// Reading and validating a dataset folder (docs/FORMAT.md).
//
// Validation is all-or-nothing: every problem in every file is collected, each with its position,
// and a dataset with any error is refused as a whole. Nothing works on half a dataset.
#pragma once

#include "actorgraph/error.hpp"
#include "actorgraph/model/dataset.hpp"

#include <map>
#include <optional>
#include <string>

namespace actorgraph {

struct CheckResult {
  std::optional<Dataset> dataset;  // present when there is no error
  Diagnostics diagnostics;         // errors and warnings, by file and position
};

// Reads and validates the dataset in `folder`. Never throws for problems in the data: they are in
// the diagnostics. Throws IoError when `folder` is not a readable folder.
//
// Complexity: linear in the size of the files (one pass to tokenize, hash lookups for ids).
CheckResult check_dataset(const std::string& folder);

// Reads a valid dataset; throws DataError with every diagnostic when there is an error, IoError
// when the folder cannot be read. Warnings are kept in Dataset::warnings().
Dataset load_dataset(const std::string& folder);

// The same for a dataset given as file contents rather than a folder, e.g. converted from DOT or
// GraphML: `files` maps "actors.csv", "relations.csv", ... to their text, and diagnostics name the
// files "ORIGIN/actors.csv" and so on.
CheckResult check_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files);
Dataset load_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files);

}  // namespace actorgraph
