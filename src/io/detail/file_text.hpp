// Private: the bytes of a whole file, read into memory or mapped (map_or_read_file), for the dataset
// reader.
#pragma once

#include "io/detail/guarded_mappings.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace actorgraph::detail {

// A file's bytes and what keeps them: a string, or a private read-only mapping of a regular file.
// A mapping costs no copy and no fresh memory (at L, an 851 MiB relations.csv in the page cache:
// mapped and touched in 0.03-0.05 s, read into fresh memory in 1.15-1.55 s on one thread), but it
// shows what the file holds now: another program that writes the file while it is read changes the
// bytes under the reader, and one that truncates it raises SIGBUS. So a file is mapped only while
// that fault is handled (exit_on_truncated_mapping), and the reader asks changed() once it is done.
class FileText {
 public:
  FileText() = default;
  explicit FileText(std::string text);  // owns it

  std::string_view bytes() const noexcept { return bytes_; }
  bool mapped() const noexcept { return mapping_ != nullptr; }

  // Whether a mapped file's size, modification or change time differ from when it was mapped (it
  // was written meanwhile, so its bytes may have changed while they were read; see
  // GuardedMapping::changed for what it cannot see). False for a string.
  bool changed() const noexcept;

  // A mapped file, open (GuardedMapping::descriptor); null for a string.
  std::shared_ptr<const int> descriptor() const noexcept { return mapping_ ? mapping_->descriptor() : nullptr; }

  // Frees the bytes (unmaps the file).
  void reset() noexcept { *this = FileText(); }

 private:
  friend std::optional<FileText> map_file(const std::string& path);
  std::string_view bytes_;
  std::shared_ptr<const std::string> text_;
  std::shared_ptr<const GuardedMapping> mapping_;
};

// A mapping of the file at `path`, when it is a non-empty regular file within the size limit
// (max_input_file_bytes), SIGBUS in a mapping is handled (mapping_faults_handled) and a slot is free
// to register it (register_mapping); else nullopt.
std::optional<FileText> map_file(const std::string& path);

// The bytes of the file at `path`, as try_read_file (io/text_file.hpp) gives them, with its size
// limit and messages; mapped instead where map_file can.
std::optional<FileText> map_or_read_file(const std::string& path, std::string& why, unsigned threads);

}  // namespace actorgraph::detail
