// Writing files and folders so that nothing the user had is lost and no failure passes for success.
//
// - write_file: a regular file, or a path that does not exist yet, is written to a temporary file
//   beside it (".NAME.tmp-XXXXXX"); every write, the flush to disk and the close are checked; the
//   file gets the permissions of the file it replaces (else 0666 less the umask); then it is renamed
//   over the target, so readers see the old file or the new one, never half of one. A symlink is
//   followed and the file it points to is replaced (the link stays a link). A FIFO, a character or
//   block device or a socket is written directly: renaming over it would destroy it.
// - FolderWriter: a folder (a dataset, a report) is assembled in a temporary folder beside its
//   target and then put in place in one step, so a folder changes as a whole or not at all.
//
// Temporary files and folders are removed on every failure path, and when the process is ended by
// SIGINT, SIGTERM or SIGHUP. Only SIGKILL or a crash can leave one behind (named as above).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace actorgraph {

// Writes all of `bytes` to an open file descriptor, retrying short writes and EINTR. Returns 0, or
// the errno of the write that failed. The one loop behind every write of actorgraph's outputs.
int write_to_descriptor(int fd, std::string_view bytes) noexcept;

// Writes `bytes` to `path` as described above. Throws IoError "PATH: cannot write: REASON".
void write_file(const std::string& path, std::string_view bytes);

// The same for a file made in pieces, so that it need not be whole in memory: `produce(write)` calls
// write(piece) for each piece, in order; write returns false once a write has failed (the producer
// may stop early; the file is not written either way). An exception from `produce` removes the
// temporary file and goes on to the caller.
using WritePiece = std::function<bool(std::string_view piece)>;
void write_file(const std::string& path, const std::function<void(const WritePiece& write)>& produce);

// Where a write to `path` lands: `path` itself, or, when it is a symlink (or a chain of them), the
// path it finally points to. Throws IoError for a symlink loop.
std::string resolve_output_path(const std::string& path);

// A folder written as a whole. Files are added to a temporary folder beside the target; commit()
// puts it in place of the target in one step (an atomic exchange where the file system supports
// it, else two renames that undo the first when the second fails). Destroying an uncommitted
// writer removes the temporary folder. The target may be a symlink to a folder: the folder it
// points to is replaced.
class FolderWriter {
 public:
  // Throws IoError when the target exists and is not a folder, or the temporary folder cannot be
  // made.
  explicit FolderWriter(const std::string& target);
  ~FolderWriter();
  FolderWriter(const FolderWriter&) = delete;
  FolderWriter& operator=(const FolderWriter&) = delete;

  // The folder that commit() replaces, symlinks resolved.
  const std::string& target() const noexcept;

  // Writes one file of the new folder (name without folder). Every write is checked; a file of the
  // same name in the existing target lends its permissions. Throws IoError.
  void add_file(std::string_view name, std::string_view bytes);

  // Carries every entry of the existing target that the new folder does not have and for which
  // `keep(name)` is true into the new folder: regular files as hard links (copied where links are
  // not possible), folders and symlinks copied as they are. Throws IoError for an entry that cannot
  // be carried (a FIFO, a device), naming it, before anything is replaced.
  void carry_over(const std::function<bool(std::string_view name)>& keep);

  // Puts the new folder in place of the target (created when absent). Throws IoError; the target
  // is then unchanged.
  void commit();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace actorgraph
