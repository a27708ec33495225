// What the process does on its way out when a signal ends it (io/output_file.cpp keeps the table
// these read): the async-signal-safe pieces that more than one signal handler shares.
#pragma once

#include <string_view>

namespace actorgraph::detail {

// Removes every temporary file and folder that write_file and FolderWriter have registered and not
// yet renamed or removed. System calls only: safe in a signal handler.
void remove_temporaries_now() noexcept;

// Writes `text` to standard error, whole, with write(2) only: safe in a signal handler. Errors are
// ignored (there is nowhere left to report them).
void write_to_stderr_now(std::string_view text) noexcept;

}  // namespace actorgraph::detail
