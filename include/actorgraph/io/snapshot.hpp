// Dataset snapshots: a loaded, validated dataset and its graph saved as one binary file, so that the
// next command on the same, unchanged files copies it back into memory instead of parsing and
// validating the CSV again (docs/SNAPSHOTS.md).
//
// A snapshot is keyed by the dataset folder's files as they were when it was loaded: for every entry
// of the folder that the reader looks at (the five CSV files and every other file that the Dataset
// keeps, hidden files excepted) its name, size, modification time in nanoseconds and an XXH3 hash of
// its bytes. It is used only when the key of the files as they are now equals the stored one, so a
// touched file, an added or removed file, and a changed byte behind an unchanged size and time all
// refuse it. A file whose inode and change time show it unchanged since the snapshot hashed it is
// not hashed again (SnapshotFile::settled). Before the key, the file must carry the right magic, format version and build identity
// (actorgraph's version, the sizes and alignments of the stored types, the byte order), its stated
// length must be its length, and the XXH3 checksum of its body must match: a snapshot from another
// version, a truncated or a corrupted one is refused with the reason, never trusted. Offsets and
// numbers that index other arrays are bounds-checked too, so that even a crafted file with a valid
// checksum cannot make the reader or a later accessor read out of bounds.
//
// A dataset read from a GraphML or JSON file has one too, keyed by that file alone (DOT files do
// not: an edge statement such as a -> {b c} makes more relations than it has bytes, more rows than
// the structural checks below allow a snapshot). Loading a snapshot is bulk copies of each stored array (no per-row parsing, no
// validation), one pass that turns the id indexes' entries from offsets back into views, and the
// bounds checks; the folded-name index is kept as the sorted arrays it is stored as.
#pragma once

#include "actorgraph/analysis/network.hpp"
#include "actorgraph/model/dataset.hpp"
#include "actorgraph/model/slice.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

// One entry of a dataset folder as the key records it.
struct SnapshotFile {
  std::string name;       // the entry's name, without folder
  bool regular = false;   // a regular file (after symlinks); else a folder or special file: name only
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  // modification time, nanoseconds since 1970
  std::uint64_t hash = 0;     // XXH3-64 of the bytes (0 until hash_snapshot_key)
  // Where the file was found and its inode's change time (nanoseconds since 1970; the system sets
  // it at every change of the file, and no program can set it back), and whether that change was
  // settled then (see snapshot_settle_ns): what lets hash_snapshot_key take a snapshot's stored hash
  // for the file instead of reading it again. Not part of the key's equality: a copy of the dataset
  // (another inode, a new change time) has the same key, its files are only hashed again.
  std::uint64_t device = 0, inode = 0;
  std::int64_t ctime_ns = 0;
  bool settled = false;
  // The key's fields: name, regular, size, modification time and hash.
  friend bool operator==(const SnapshotFile& a, const SnapshotFile& b) noexcept {
    return a.name == b.name && a.regular == b.regular && a.size == b.size && a.mtime_ns == b.mtime_ns && a.hash == b.hash;
  }
};

// `a` and `b` were found in one state: the same name, kind, size, modification and change times,
// device and inode (more than the key's equality: what says that no file changed between two stats).
bool same_state(const SnapshotFile& a, const SnapshotFile& b) noexcept;

// A file's change is settled when its change time is at least this long before the stat that
// found it, and has a fraction of a second (a file system that keeps whole seconds, such as FAT's,
// never settles). Any later change of the file then gets a later change time, even on a file
// system whose clock ticks coarsely: so a file found with the same device, inode, size and times as
// a settled entry has not changed since that entry's hash was taken (the rule git's index applies
// to its "racily clean" files). A file changed less than this before the stat is hashed every time.
inline constexpr std::int64_t snapshot_settle_ns = std::int64_t{2'000'000'000};

// The state of a dataset folder's files that a snapshot must match: every entry except hidden ones
// (".name"), by name in byte order.
struct SnapshotKey {
  std::vector<SnapshotFile> files;
  // The total size of the regular files.
  std::uint64_t bytes() const noexcept;
  friend bool operator==(const SnapshotKey&, const SnapshotKey&) = default;
};

// The folder's entries with their sizes and times (one stat each), hashes left 0. For a graph file
// (a path that is not a folder: .graphml, .json), the file alone, named "/NAME" (NAME the last part
// of the path it is read by), which no folder's entry can be. Throws IoError when the folder cannot
// be listed, or the path is neither a folder nor a regular file, or cannot be stat'ed.
// `settle_ns`: how long before the stat a change must be to be settled (tests pass 0).
SnapshotKey stat_snapshot_key(const std::string& folder, std::int64_t settle_ns = snapshot_settle_ns);
// Fills in the hash of every regular file of the key (reads each file once, in 16 MiB blocks on
// every core); for a graph file's key, of the file `folder` itself. A file that `known` (a stored
// snapshot's key, stored_snapshot_key) lists as settled, with the same name, device, inode, size,
// modification and change times, is not read: it takes the stored hash. Throws IoError when a file
// cannot be read.
// The files are hashed on `threads` threads (0: one per core).
void hash_snapshot_key(const std::string& folder, SnapshotKey& key, const SnapshotKey* known = nullptr, unsigned threads = 0);
// The key stored in the snapshot file at `path`, or nullopt when the file is missing, or not a
// snapshot (or network snapshot) of this build. Only its header and key are read: its checksum is
// not checked, so the key is a hint for hash_snapshot_key, which read_snapshot then checks whole.
std::optional<SnapshotKey> stored_snapshot_key(const std::string& path);
// Both: the full key of the folder (or graph file) as it is now.
SnapshotKey snapshot_key(const std::string& folder);

// The snapshot of `dataset`, keyed by `key`, as bytes (docs/SNAPSHOTS.md has the layout). Throws
// Error when the dataset cannot be stored (a view of its indexes outside its tables, which a loaded
// dataset never has).
std::string encode_snapshot(const Dataset& dataset, const SnapshotKey& key);
// Writes the snapshot to `path` through write_file (written aside, checked, renamed; nothing is left
// behind on failure), in pieces of about `piece_bytes`, never whole in memory: the bytes are
// encode_snapshot's. Throws IoError or Error.
void write_snapshot(const Dataset& dataset, const SnapshotKey& key, const std::string& path,
                    std::size_t piece_bytes = std::size_t{1} << 20);

// A snapshot read back, or the reason it was refused.
struct SnapshotLoad {
  std::optional<Dataset> dataset;
  std::string refused;  // empty when dataset is present: "truncated", "from another version"...
};

// The dataset stored in `bytes` when the snapshot is intact, of this build, and keyed by exactly
// `key`; its path() is `dataset_path` (trailing slashes removed, as load_dataset does), and the file
// names of its warnings are given under that path. Never throws for a bad snapshot: it is refused.
// The checksum and the structural checks run on `threads` threads (0: one per core).
SnapshotLoad decode_snapshot(std::string_view bytes, const std::string& dataset_path, const SnapshotKey& key, unsigned threads = 0);
// The same for the snapshot file at `path`, mapped into memory. A missing or unreadable file is
// refused too.
SnapshotLoad read_snapshot(const std::string& path, const std::string& dataset_path, const SnapshotKey& key, unsigned threads = 0);

// ---- The network of a dataset or a slice --------------------------------------------------------
//
// The Network of a slice (the whole dataset, or one that leaves actors or relations out) for one
// choice of NetworkOptions (undirected, collapse, merge; not threads, which do not change it), kept
// in a file of its own beside the dataset's snapshot (network_snapshot_path), so that a query on a
// large dataset maps it instead of building it again: at 10 million relations the build takes most
// of a query's time, most of it the system giving the network's 0.4 GB of fresh memory
// (docs/SNAPSHOTS.md). It is keyed, checked and refused as a dataset snapshot is (magic
// "AGNETW\r\n", the same header, build identity and key), and by its options, its slice
// (slice_snapshot_id) and the dataset's actor and relation counts; its arrays are bounds-checked
// against the dataset before it is used.

// What identifies the network snapshot of `slice` of `dataset`: "" for a slice that keeps every actor
// and every relation (the whole dataset's network), else 32 lowercase hex digits, the XXH3-128 of
// the slice's date window (windowed, first and last day) and its actor and relation masks, which
// are all a network build reads of a slice.
std::string slice_snapshot_id(const Dataset& dataset, const Slice& slice);
// The network snapshot for `options` (and the slice `slice_id`) beside the dataset snapshot
// `snapshot_path`: CACHE/HASH.snapshot gives CACHE/HASH.network-UCM.snapshot, or
// CACHE/HASH.network-UCM-SLICE.snapshot for a slice, and any other path P gives P.network-UCM (or
// P.network-UCM-SLICE) (U undirected and C collapse, 0 or 1; M the merge: c, s or m; SLICE the
// slice_id).
std::string network_snapshot_path(const std::string& snapshot_path, const NetworkOptions& options, std::string_view slice_id = {});
// Writes the snapshot of `network`, the network of `slice` of the dataset keyed by `key` built with
// `options`, to `path` (as write_snapshot: written aside, checked, renamed). Throws IoError or Error.
void write_network_snapshot(const Network& network, const Slice& slice, const NetworkOptions& options, const SnapshotKey& key,
                            const std::string& path, std::size_t piece_bytes = std::size_t{1} << 20);

// A network snapshot read back, or the reason it was refused.
struct NetworkSnapshotLoad {
  std::unique_ptr<const Network> network;  // its dataset() is the dataset given to the reader
  std::string refused;
};
// The network stored in `bytes` when it is intact, of this build, keyed by exactly `key`, built with
// `options` (threads aside) from `slice` (its slice_snapshot_id), and fits `dataset` (which must be
// the dataset of that key: its actor and relation counts and every index are checked). The network
// holds a copy of what `bytes` stores. Never throws for a bad file: it is refused. The checksum and
// the checks run on options.threads threads (0: one per core).
NetworkSnapshotLoad decode_network_snapshot(std::string_view bytes, const Dataset& dataset, const Slice& slice,
                                            const NetworkOptions& options, const SnapshotKey& key);
// The same for the file at `path`, mapped into memory (the network keeps the mapping alive).
NetworkSnapshotLoad read_network_snapshot(const std::string& path, const Dataset& dataset, const Slice& slice,
                                          const NetworkOptions& options, const SnapshotKey& key);

// A snapshot is read through a mapping of its file: a command-line program calls
// exit_on_truncated_mapping (io/text_file.hpp) so that another program truncating the file while it
// is read ends the command with a message rather than a crash.

// Recomputes the stated length and the checksum of snapshot bytes in place (when they are long
// enough to have a header). For tests and the fuzz target: a snapshot altered on purpose then
// reaches the structural checks instead of stopping at the checksum.
void seal_snapshot(std::string& bytes) noexcept;

// Where snapshots go by default: $ACTORGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/actorgraph, else
// $HOME/.cache/actorgraph; empty when none of them is set.
std::string snapshot_cache_folder();
// The snapshot of the dataset folder `folder` in the cache folder: CACHE/HASH.snapshot, HASH the
// XXH3-128 of the folder's canonical path in hex (for a graph file, its folder's canonical path and
// the file's name as given). Empty when there is no cache folder.
std::string cached_snapshot_path(const std::string& folder);
// The snapshot kept beside the dataset (`--snapshot`): FOLDER/.actorgraph-snapshot, a hidden file,
// so not part of the dataset; for a graph file DIR/NAME, DIR/.NAME.actorgraph-snapshot.
std::string beside_snapshot_path(const std::string& folder);

// The cache folder's bound (docs/SNAPSHOTS.md, "The cache folder"). Each dataset folder has one
// snapshot there, replaced when its files change, but the snapshots of folders that were deleted,
// moved or not used for months would stay, a few times their datasets' size each (1.55 GB at 10
// million relations), so the cache is kept under a total size, the least recently used first out.
// 10 GiB unless ACTORGRAPH_CACHE_MAX says otherwise.
constexpr std::uint64_t default_snapshot_cache_bytes = std::uint64_t{10} << 30;

// What prune_snapshot_cache removed.
struct CachePruning {
  std::size_t snapshots = 0;  // snapshots removed
  std::uint64_t bytes = 0;    // their size together
  std::size_t leftovers = 0;  // temporary files of writes that never finished
};

// Keeps the snapshots of the cache folder `cache` (its regular files named HASH.snapshot, HASH 32
// lowercase hex digits, as cached_snapshot_path names them, and HASH.network-UCM.snapshot, as
// network_snapshot_path names them, each pruned on its own) within `max_bytes` together, least
// recently used first out: in order of use (newest modification time first, which a read sets
// through mark_snapshot_used; ties by name), snapshots are kept while the total fits, and from the
// first that does not fit, it and every snapshot after it are removed (each unless it changed since
// it was listed: another command wrote or read it meanwhile). `keep` (paths in the folder, such as
// the snapshot just written, and the dataset snapshot a network snapshot was written beside) are
// counted first and never removed. Also removes the temporary files
// that write_file leaves only when its process is killed (.HASH.snapshot.tmp-XXXXXX) once unchanged
// for an hour: a write in progress changes its file continually. Nothing else in the folder is
// touched. A file that cannot be removed, or a folder that cannot be listed, is skipped: pruning is
// housekeeping and never fails a command. Removing a snapshot that another process has mapped is
// safe: its pages live on until that process unmaps it.
CachePruning prune_snapshot_cache(const std::string& cache, std::uint64_t max_bytes, const std::vector<std::string>& keep = {});

// Marks the snapshot at `path` as used now (its modification time), so that pruning keeps it before
// the ones used earlier. A failure (a file of another user, a read-only file system) is ignored.
void mark_snapshot_used(const std::string& path) noexcept;

}  // namespace actorgraph
