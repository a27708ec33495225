// Mappings of files that another program might truncate while they are read (docs/SNAPSHOTS.md,
// "The cache folder" and "When a snapshot is used").
//
// A snapshot is read through a private read-only mapping of its file. actorgraph replaces a snapshot
// only by a rename, which leaves a mapped file as it was; but if another program truncates the file
// in place, touching a page past its new end raises SIGBUS, which would end the process as a crash.
// A mapping registered here turns that into an error: the SIGBUS handler, when the faulting address
// is inside a registered mapping, removes write_file's temporary files, writes
//   actorgraph: error: PATH: the snapshot was truncated by another program while this command read
//   it; run the command again (it reads the dataset's files and writes the snapshot anew)
// on standard error and exits with status 1 (a file that cannot be read, docs/CLI.md). A SIGBUS for
// any other address goes to the handler that was there before (by default: the process ends with
// SIGBUS, as without this module).
#pragma once

#include <cstddef>
#include <string>

namespace actorgraph::detail {

// Registers the mapping [begin, begin + bytes) of the file at `path` (installing the SIGBUS handler
// on first use). Returns its slot for unregister_mapping, or -1 when the table is full or the path
// too long: that mapping is then unguarded, as before this module.
int register_mapping(const void* begin, std::size_t bytes, const std::string& path) noexcept;

// Forgets a registered mapping (before it is unmapped). -1 does nothing.
void unregister_mapping(int slot) noexcept;

}  // namespace actorgraph::detail
