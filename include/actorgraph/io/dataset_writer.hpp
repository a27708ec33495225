// Writing a dataset back in canonical form (docs/FORMAT.md, "Canonical form"): the same files, every
// column kept, rows in natural id order, minimal quoting, LF line endings. Writing a canonical
// dataset back gives byte-identical files.
#pragma once

#include "actorgraph/model/dataset.hpp"

#include <string>

namespace actorgraph {

// The canonical text of one of the dataset's tables.
std::string canonical_csv(const Table& table);

// Writes every file the dataset was read from into `folder` (created if needed). Each file is
// written to a temporary name and renamed, so a failure never leaves a half-written file.
// Throws IoError.
void write_dataset(const Dataset& dataset, const std::string& folder);

}  // namespace actorgraph
