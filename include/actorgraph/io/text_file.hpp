// Reading whole files, with one size limit for every reader.
//
// Every file actorgraph reads is read whole into memory (positions in diagnostics point into it).
// A file larger than max_input_file_bytes() is refused with a message instead of exhausting memory;
// this also stops an endless input such as /dev/zero or a FIFO that never closes its writing end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace actorgraph {

// The largest file any reader accepts: 4 GiB, or the value of the environment variable
// ACTORGRAPH_MAX_FILE_SIZE (bytes, with an optional K, M or G suffix for KiB, MiB, GiB) when it is
// set to a valid size. Read once per process.
std::uint64_t max_input_file_bytes();

// A size as the environment variables that set one write it: a positive number of bytes with an
// optional suffix K, M or G (KiB, MiB, GiB; either case): "16G", "512K", "100". Nullopt when the text
// is not one, or is 0, or does not fit in 64 bits.
std::optional<std::uint64_t> parse_byte_size(std::string_view text);

// "4 GiB", "512 KiB", "100 bytes": a byte count as the size limit messages show it.
std::string describe_bytes(std::uint64_t bytes);
// "1.5 GiB", "16.9 KiB", "100 bytes": a measured size, in the largest unit it reaches, to a tenth.
std::string describe_size(std::uint64_t bytes);

// The bytes of the file at `path` (any file that can be read: regular file, FIFO, device), or
// nullopt with `why` set to the reason: the system's message ("No such file or directory"), "is a
// folder, not a file", or the size limit. A regular file of 16 MiB or more is read in two halves at
// once on `threads` threads (0: one per core; 1: in one loop); a file that changes while it is read
// is read as it is found, as by one loop.
std::optional<std::string> try_read_file(const std::string& path, std::string& why, unsigned threads = 1);

// For a command-line program: from now on, a SIGBUS in a mapped file (another program truncated it in
// place while it was read: a snapshot, io/snapshot.hpp, or a dataset's CSV file) removes
// write_file's temporary files, writes
//   actorgraph: error: PATH: the snapshot was truncated by another program while this command read
//   it; run the command again (it reads the dataset's files and writes the snapshot anew)
// or, for a dataset's file,
//   actorgraph: error: PATH: the file was truncated by another program while this command read it;
//   run the command again
// on standard error and ends the process with exit status 1, instead of a crash. A SIGBUS for any
// other address, or one sent by kill, goes to the handler that was there before (by default: the
// process ends with SIGBUS). Not done unless asked: a library does not end its host's process. While
// this handler is in place, the dataset reader maps a dataset's CSV files instead of reading them
// into memory (no copy, and no fresh memory for the text), and the snapshot key hashes the files
// through a mapping too; without it, both read them.
void exit_on_truncated_mapping();

// The bytes of the file at `path`. Throws IoError "PATH: cannot read WHAT: REASON" when it cannot be
// opened or read or is over the size limit; `what` names the file for the reader ("the style file").
std::string read_text_file(const std::string& path, std::string_view what = "the file");

}  // namespace actorgraph
