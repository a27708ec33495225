// Writing a dataset back in canonical form (docs/FORMAT.md, "Canonical form"): the same files, every
// column kept, rows in natural id order, minimal quoting, LF line endings. Writing a canonical
// dataset back gives byte-identical files.
#pragma once

#include "actorgraph/model/dataset.hpp"

#include <string>

namespace actorgraph {

// The canonical text of one of the dataset's tables.
std::string canonical_csv(const Table& table);

// Writes the dataset into `folder` (created if needed) as a whole: its tables in canonical form and
// its other files byte for byte are written into a new folder beside it, with whatever else an
// existing `folder` holds that is not a dataset file (hidden files, subfolders), and the new folder
// then replaces the old one in one step (io/output_file.hpp). A failure leaves `folder` as it was,
// and nothing behind. Throws IoError.
void write_dataset(const Dataset& dataset, const std::string& folder);

}  // namespace actorgraph
