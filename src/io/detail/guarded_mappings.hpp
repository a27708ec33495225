// The mappings of snapshot files and of dataset files, which another program might truncate while
// they are read (docs/SNAPSHOTS.md, "When a snapshot is used"; exit_on_truncated_mapping in
// io/text_file.hpp).
//
// A snapshot is read through a private read-only mapping of its file, and so is a dataset's CSV file
// when such faults are handled (map_or_read_file). actorgraph replaces a file only by a rename, which
// leaves a mapped file as it was; but if another program truncates the file in place, touching a
// page past its new end raises SIGBUS. Each mapping is registered here, so that the handler that
// exit_on_truncated_mapping installs can tell such a fault from any other.
#pragma once

#include <cstddef>
#include <string>

namespace actorgraph::detail {

// What a mapped file is, for the message on its truncation.
enum class MappedFile { snapshot, input };

// Registers the mapping [begin, begin + bytes) of the file at `path`. Returns its slot for
// unregister_mapping, or -1 when the table is full or the path too long: a fault in that mapping
// then ends the process as any SIGBUS.
int register_mapping(const void* begin, std::size_t bytes, const std::string& path, MappedFile kind = MappedFile::snapshot) noexcept;

// Whether the handler of exit_on_truncated_mapping is the process's SIGBUS handler now: only then
// is an input file mapped rather than read (a fault in it is a message, not a crash).
bool mapping_faults_handled() noexcept;

// Forgets a registered mapping (before it is unmapped). -1 does nothing.
void unregister_mapping(int slot) noexcept;

}  // namespace actorgraph::detail
