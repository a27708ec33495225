// The mappings of snapshot files, which another program might truncate while they are read
// (docs/SNAPSHOTS.md, "When a snapshot is used"; exit_on_truncated_snapshot in io/snapshot.hpp).
//
// A snapshot is read through a private read-only mapping of its file. actorgraph replaces a snapshot
// only by a rename, which leaves a mapped file as it was; but if another program truncates the file
// in place, touching a page past its new end raises SIGBUS. read_snapshot registers each mapping
// here, so that the handler that exit_on_truncated_snapshot installs can tell such a fault from any
// other.
#pragma once

#include <cstddef>
#include <string>

namespace actorgraph::detail {

// Registers the mapping [begin, begin + bytes) of the file at `path`. Returns its slot for
// unregister_mapping, or -1 when the table is full or the path too long: a fault in that mapping
// then ends the process as any SIGBUS.
int register_mapping(const void* begin, std::size_t bytes, const std::string& path) noexcept;

// Forgets a registered mapping (before it is unmapped). -1 does nothing.
void unregister_mapping(int slot) noexcept;

}  // namespace actorgraph::detail
