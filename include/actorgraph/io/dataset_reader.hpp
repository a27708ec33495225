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

// How a dataset is read. The result never depends on these: the same dataset and the same
// diagnostics, byte for byte and in the same order, with one thread or many.
struct LoadOptions {
  // Worker threads (0: one per core). A large file is tokenized in chunks, and the rows of
  // relations.csv are checked in blocks, on these threads; what depends on the order of the rows
  // (the first of two equal ids wins, the limit of problems per file, the order of diagnostics)
  // is settled afterwards in file order.
  unsigned threads = 0;
  // A CSV file is cut into chunks of about this many bytes (at least 1), cut where a record
  // starts; a file smaller than two chunks is read in one. Smaller chunks only cost time: tests
  // set a few bytes to cut small files into many chunks.
  std::size_t chunk_bytes = std::size_t{4} << 20;
};

// Reads and validates the dataset in `folder`. Never throws for problems in the data: they are in
// the diagnostics. Throws IoError when `folder` is not a readable folder, or when a mapped file
// changed while it was read ("PATH: the file changed while this command read it; run the command
// again").
//
// Complexity: linear in the size of the files (two passes to tokenize, hash lookups for ids), on
// options.threads threads. Memory: each file's text while it is read (mapped when the process handles
// a truncation's SIGBUS, exit_on_truncated_mapping in io/text_file.hpp; then released: a problem's
// record is read again from the file), the tables, sized exactly (the cells are counted before
// they are copied), each row's offset and line.
CheckResult check_dataset(const std::string& folder);
CheckResult check_dataset(const std::string& folder, const LoadOptions& options);

// Reads a valid dataset; throws DataError with every diagnostic when there is an error, IoError
// when the folder cannot be read. Warnings are kept in Dataset::warnings().
Dataset load_dataset(const std::string& folder);
Dataset load_dataset(const std::string& folder, const LoadOptions& options);

// The same for a dataset given as file contents rather than a folder, e.g. converted from DOT or
// GraphML: `files` maps "actors.csv", "relations.csv", ... to their text, and diagnostics name the
// files "ORIGIN/actors.csv" and so on.
CheckResult check_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files);
CheckResult check_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files, const LoadOptions& options);
Dataset load_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files);
Dataset load_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files, const LoadOptions& options);

}  // namespace actorgraph
