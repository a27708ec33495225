// Dataset snapshots (io/snapshot.hpp, docs/SNAPSHOTS.md): the key of a folder's files, the binary
// layout, and the checks that refuse a snapshot that is not exactly what this build wrote for these
// files.
//
// Layout: a 32-byte header (magic "AGSNAP\r\n", format version u32, byte-order mark u32, file length
// u64, XXH3-64 checksum u64 of everything after the header), then the body: a sequence of items,
// each a u64 in the machine's byte order, or a length-prefixed byte string or array padded to 8
// bytes. The body starts with the build identity and the key, then the dataset's members in the order
// SnapshotCodec::encode writes them. Arrays of trivially copyable values are stored as their
// bytes, so reading one is a copy; the byte-order mark and the identity (sizes and alignments of
// those types) make sure only a build with the same layout reads them.
#include "actorgraph/io/snapshot.hpp"

#include "actorgraph/error.hpp"
#include "actorgraph/io/output_file.hpp"
#include "actorgraph/model/graph.hpp"
#include "detail/graph_slot.hpp"
#include "detail/parallel.hpp"
#include "io/detail/block_hash.hpp"
#include "io/detail/guarded_mappings.hpp"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <boost/version.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <type_traits>
#include <variant>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace actorgraph {

namespace fs = std::filesystem;

namespace {

std::int64_t nanoseconds(const timespec& t) noexcept { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; }

std::int64_t mtime_ns(const struct stat& info) noexcept { return nanoseconds(info.st_mtim); }

// The clock file times are set from (the system's real-time clock), read before the stat.
std::int64_t now_ns() noexcept {
  timespec t{};
  ::clock_gettime(CLOCK_REALTIME, &t);
  return nanoseconds(t);
}

// A regular file's entry from its stat, found at `taken_ns` (SnapshotFile::settled).
void stat_into(SnapshotFile& file, const struct stat& info, std::int64_t taken_ns, std::int64_t settle_ns) {
  file.regular = true;
  file.size = static_cast<std::uint64_t>(info.st_size);
  file.mtime_ns = mtime_ns(info);
  file.device = static_cast<std::uint64_t>(info.st_dev);
  file.inode = static_cast<std::uint64_t>(info.st_ino);
  file.ctime_ns = nanoseconds(info.st_ctim);
  file.settled = info.st_ctim.tv_nsec != 0 && file.ctime_ns <= taken_ns - settle_ns;
}

// The stored hash of `known` stands for the bytes of `now`: a settled entry of the same file,
// found as it was then (SnapshotFile::settled says why that is enough).
bool unchanged_since(const SnapshotFile& known, const SnapshotFile& now) noexcept {
  return known.settled && known.regular && same_state(known, now);
}

// 32 lowercase hex digits: a cached snapshot's name, a slice's id.
std::string hex128(const XXH128_hash_t& h) {
  char text[40];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(h.high64), static_cast<unsigned long long>(h.low64));
  return text;
}

}  // namespace

// ---- The key ------------------------------------------------------------------------------------

bool same_state(const SnapshotFile& a, const SnapshotFile& b) noexcept {
  return a.name == b.name && a.regular == b.regular && a.size == b.size && a.mtime_ns == b.mtime_ns && a.ctime_ns == b.ctime_ns &&
         a.device == b.device && a.inode == b.inode;
}

std::uint64_t SnapshotKey::bytes() const noexcept {
  std::uint64_t total = 0;
  for (const auto& f : files) total += f.regular ? f.size : 0;
  return total;
}

namespace {

// The key of a graph file (.graphml, .json): the file alone, as the name it is read by with a
// leading '/', which no entry of a folder has, so that a folder holding one file of that name never
// matches it. The name stays in the key: the converter writes it into the dataset.
SnapshotKey stat_file_key(const std::string& path, std::int64_t settle_ns) {
  const std::int64_t taken = now_ns();
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw IoError(path + ": cannot read the file: " + std::strerror(errno));
  if (!S_ISREG(info.st_mode)) throw IoError(path + ": not a regular file, so it has no snapshot");
  SnapshotFile file;
  file.name = "/" + fs::path(path).filename().string();
  stat_into(file, info, taken, settle_ns);
  return {{std::move(file)}};
}

// Where the key's file `name` is: in the folder, or, for a graph file's key, the file itself.
std::string key_file_path(const std::string& path, const std::string& name) {
  std::error_code ec;
  return fs::is_directory(path, ec) ? path + "/" + name : path;
}

}  // namespace

SnapshotKey stat_snapshot_key(const std::string& folder, std::int64_t settle_ns) {
  std::error_code kind;
  if (!fs::is_directory(folder, kind) && fs::exists(folder, kind)) return stat_file_key(folder, settle_ns);
  const std::int64_t taken = now_ns();
  SnapshotKey key;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name.front() == '.') continue;  // hidden: not part of the dataset (read_other_files)
    SnapshotFile file;
    struct stat info {};
    // stat, not lstat: the reader follows symlinks. An entry that cannot be stat'ed (a dangling link)
    // is neither read nor kept by the reader: its name is enough.
    if (::stat((folder + "/" + name).c_str(), &info) == 0 && S_ISREG(info.st_mode)) stat_into(file, info, taken, settle_ns);
    file.name = std::move(name);
    key.files.push_back(std::move(file));
  }
  if (ec) throw IoError(folder + ": cannot list the folder: " + ec.message());
  std::sort(key.files.begin(), key.files.end(), [](const SnapshotFile& a, const SnapshotFile& b) { return a.name < b.name; });
  return key;
}

void hash_snapshot_key(const std::string& folder, SnapshotKey& key, const SnapshotKey* known, unsigned threads) {
  for (auto& file : key.files) {
    if (!file.regular) continue;
    if (known) {
      // Both lists are sorted by name.
      const auto it = std::lower_bound(known->files.begin(), known->files.end(), file.name,
                                       [](const SnapshotFile& f, const std::string& name) { return f.name < name; });
      if (it != known->files.end() && unchanged_since(*it, file)) {
        file.hash = it->hash;
        continue;
      }
    }
    std::uint64_t size = 0;
    const std::string path = key_file_path(folder, file.name);
    file.hash = detail::block_hash_file(path, size, threads);
    if (size != file.size) throw IoError(path + ": the file changed while it was read");
  }
}

SnapshotKey snapshot_key(const std::string& folder) {
  SnapshotKey key = stat_snapshot_key(folder);
  hash_snapshot_key(folder, key);
  return key;
}

// ---- Where snapshots are kept -------------------------------------------------------------------

std::string snapshot_cache_folder() {
  const auto env = [](const char* name) -> std::string {
    const char* value = std::getenv(name);
    return value && *value ? value : "";
  };
  if (std::string dir = env("ACTORGRAPH_CACHE_DIR"); !dir.empty()) return dir;
  if (std::string dir = env("XDG_CACHE_HOME"); !dir.empty()) return dir + "/actorgraph";
  if (std::string home = env("HOME"); !home.empty()) return home + "/.cache/actorgraph";
  return {};
}

std::string cached_snapshot_path(const std::string& folder) {
  const std::string cache = snapshot_cache_folder();
  if (cache.empty()) return {};
  // A graph file by its folder's canonical path and the name it is read by, which its dataset
  // holds (stat_file_key): a symlink and its target are two snapshots, not one rewritten in turn.
  std::error_code ec;
  const bool file = !fs::is_directory(folder, ec) && fs::exists(folder, ec);
  const fs::path named = file ? fs::path(folder).parent_path() : fs::path(folder);
  fs::path canonical = fs::canonical(named.empty() ? fs::path(".") : named, ec);
  if (ec) canonical = fs::absolute(named, ec).lexically_normal();
  if (file) canonical /= fs::path(folder).filename();
  const std::string text = canonical.string();
  const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  return cache + "/" + hex128(h) + ".snapshot";
}

std::string beside_snapshot_path(const std::string& folder) {
  std::error_code ec;
  if (fs::is_directory(folder, ec) || !fs::exists(folder, ec)) return folder + "/.actorgraph-snapshot";
  const fs::path file(folder);
  return (file.parent_path() / ("." + file.filename().string() + ".actorgraph-snapshot")).string();
}

// ---- The cache's bound --------------------------------------------------------------------------

namespace {

constexpr std::string_view snapshot_suffix = ".snapshot", temporary_infix = ".tmp-";
constexpr std::size_t hash_digits = 32, temporary_random = 6;  // cached_snapshot_path's; mkostemp's XXXXXX
// A temporary file unchanged for this long belongs to a write that will never finish.
constexpr std::int64_t leftover_after_ns = std::int64_t{3600} * 1'000'000'000;

bool is_hex_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// "network-UCM" or "network-UCM-SLICE" (network_snapshot_path's infix without its dot): U and C 0
// or 1, M c, s or m, SLICE 32 lowercase hex digits (slice_snapshot_id).
bool is_network_infix(std::string_view infix) {
  constexpr std::string_view start = "network-";
  constexpr std::size_t options_end = start.size() + 3;
  if (infix.size() != options_end && infix.size() != options_end + 1 + hash_digits) return false;
  if (infix.size() > options_end && (infix[options_end] != '-' || !is_hex_digits(infix.substr(options_end + 1)))) return false;
  return infix.starts_with(start) && (infix[8] == '0' || infix[8] == '1') && (infix[9] == '0' || infix[9] == '1') &&
         (infix[10] == 'c' || infix[10] == 's' || infix[10] == 'm');
}

// HASH.snapshot, HASH.network-UCM.snapshot or HASH.network-UCM-SLICE.snapshot, HASH 32 lowercase hex
// digits: a name that cached_snapshot_path or network_snapshot_path gives in the cache.
bool is_cached_snapshot_name(std::string_view name) {
  if (name.size() < hash_digits + snapshot_suffix.size() || !name.ends_with(snapshot_suffix)) return false;
  if (!is_hex_digits(name.substr(0, hash_digits))) return false;
  const std::string_view middle = name.substr(hash_digits, name.size() - hash_digits - snapshot_suffix.size());
  return middle.empty() || (middle.front() == '.' && is_network_infix(middle.substr(1)));
}

// .NAME.tmp-XXXXXX, NAME a cached snapshot's: write_file's temporary file for it.
bool is_leftover_name(std::string_view name) {
  const std::size_t tail = temporary_infix.size() + temporary_random;
  if (name.size() < 1 + tail || name.front() != '.') return false;
  const std::string_view snapshot = name.substr(1, name.size() - 1 - tail);
  return is_cached_snapshot_name(snapshot) && name.substr(1 + snapshot.size(), temporary_infix.size()) == temporary_infix;
}

struct CachedSnapshot {
  std::string name;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  ino_t inode = 0;
};

// Removes a cached snapshot unless it changed since it was listed: another command may have
// written it anew, or read it (mark_snapshot_used), meanwhile.
bool remove_unchanged(const std::string& cache, const CachedSnapshot& s) {
  const std::string path = cache + "/" + s.name;
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0 || info.st_ino != s.inode || mtime_ns(info) != s.mtime_ns) return false;
  return ::unlink(path.c_str()) == 0;
}

}  // namespace

CachePruning prune_snapshot_cache(const std::string& cache, std::uint64_t max_bytes, const std::vector<std::string>& keep) {
  CachePruning pruned;
  std::vector<std::string> kept;
  for (const std::string& path : keep) kept.push_back(fs::path(path).filename().string());
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::vector<CachedSnapshot> snapshots;
  std::uint64_t total = 0;
  std::error_code ec;
  for (fs::directory_iterator it(cache, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    struct stat info {};
    if (::lstat((cache + "/" + name).c_str(), &info) != 0 || !S_ISREG(info.st_mode)) continue;
    if (is_leftover_name(name) && now - mtime_ns(info) > leftover_after_ns) {
      if (::unlink((cache + "/" + name).c_str()) == 0) ++pruned.leftovers;
    } else if (std::find(kept.begin(), kept.end(), name) != kept.end()) {
      total += static_cast<std::uint64_t>(info.st_size);
    } else if (is_cached_snapshot_name(name)) {
      snapshots.push_back({std::move(name), static_cast<std::uint64_t>(info.st_size), mtime_ns(info), info.st_ino});
    }
  }
  std::sort(snapshots.begin(), snapshots.end(), [](const CachedSnapshot& a, const CachedSnapshot& b) {
    return a.mtime_ns != b.mtime_ns ? a.mtime_ns > b.mtime_ns : a.name < b.name;
  });
  // The most recently used that fit are kept; from the first that does not, it and all used before
  // it go (least recently used first out: an old snapshot never outlives a newer one).
  bool full = false;
  for (const CachedSnapshot& s : snapshots) {
    full = full || total + s.size > max_bytes;
    if (!full) {
      total += s.size;
    } else if (remove_unchanged(cache, s)) {
      ++pruned.snapshots;
      pruned.bytes += s.size;
    }
  }
  return pruned;
}

void mark_snapshot_used(const std::string& path) noexcept { ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0); }

std::string slice_snapshot_id(const Dataset& dataset, const Slice& slice) {
  if (slice.actor_count() == dataset.actor_count() && slice.relation_count() == dataset.relation_count()) return {};
  XXH3_state_t* state = XXH3_createState();
  if (!state) throw std::bad_alloc();
  XXH3_128bits_reset(state);
  const std::int64_t window[3] = {slice.windowed() ? 1 : 0, slice.first_day(), slice.last_day()};
  XXH3_128bits_update(state, window, sizeof window);
  for (const std::span<const std::uint8_t> mask : {slice.actor_mask(), slice.relation_mask()}) {
    const std::uint64_t size = mask.size();
    XXH3_128bits_update(state, &size, sizeof size);
    XXH3_128bits_update(state, mask.data(), mask.size());
  }
  const XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  return hex128(h);
}

std::string network_snapshot_path(const std::string& snapshot_path, const NetworkOptions& options, std::string_view slice_id) {
  constexpr char merges[] = {'c', 's', 'm'};
  std::string infix = "network-";
  infix += options.undirected ? '1' : '0';
  infix += options.collapse ? '1' : '0';
  infix += merges[static_cast<std::size_t>(options.merge)];
  if (!slice_id.empty()) infix.append("-").append(slice_id);
  const std::string_view path(snapshot_path);
  if (path.ends_with(snapshot_suffix)) return std::string(path.substr(0, path.size() - snapshot_suffix.size())) + "." + infix + ".snapshot";
  return snapshot_path + "." + infix;
}

// ---- Encoding and decoding ----------------------------------------------------------------------

namespace {

constexpr char magic[8] = {'A', 'G', 'S', 'N', 'A', 'P', '\r', '\n'};
constexpr char network_magic[8] = {'A', 'G', 'N', 'E', 'T', 'W', '\r', '\n'};  // a network snapshot's
// Raised whenever the layout of the body changes; the identity string catches type layouts besides.
constexpr std::uint32_t format_version = 6;  // 5: the key's files with device, inode, change time, settled; 6: a network snapshot's slice
constexpr std::uint32_t byte_order_mark = 0x01020304;
constexpr std::size_t header_size = 32;  // magic, version, byte order, length, checksum
constexpr std::size_t length_at = 16, checksum_at = 24;

// Thrown while decoding; decode_snapshot turns it into SnapshotLoad::refused.
struct Refused {
  std::string reason;
};

// Appends the body; in counting mode it only measures it, so that the buffer is allocated once.
class Encoder {
 public:
  // Counts the bytes; hashes them into `hash` when given; appends them to `out` when given, and when
  // `flush` is given too, hands `out` to it (which empties it) each time it holds `piece_bytes` or more.
  explicit Encoder(std::string* out, detail::BlockHash* hash = nullptr, std::function<void(std::string&)> flush = {},
                   std::size_t piece_bytes = std::size_t{1} << 20)
      : out_(out), hash_(hash), flush_(std::move(flush)), piece_bytes_(piece_bytes) {}
  // Hands the rest of `out` to `flush`.
  void finish() {
    if (flush_ && out_ && !out_->empty()) flush_(*out_);
  }
  std::size_t size() const noexcept { return size_; }
  void u64(std::uint64_t value) { append(&value, sizeof value); }
  void bytes(std::string_view text) {
    u64(text.size());
    append(text.data(), text.size());
    pad();
  }
  template <class T>
  void array(const std::vector<T>& values) {
    array(std::span<const T>(values));
  }
  template <class T>
  void array(const Column<T>& values) {
    array(std::span<const T>(values));
  }
  template <class T>
  void array(std::span<const T> values) {
    static_assert(std::is_trivially_copyable_v<T>);
    u64(values.size());
    append(values.data(), values.size() * sizeof(T));
    pad();
  }

 private:
  void append(const void* data, std::size_t n) {
    if (hash_ && n) hash_->update(data, n);
    if (out_ && n) {
      out_->append(static_cast<const char*>(data), n);
      if (flush_ && out_->size() >= piece_bytes_) flush_(*out_);
    }
    size_ += n;
  }
  void pad() {
    static constexpr char zeros[8] = {};
    append(zeros, (8 - size_ % 8) % 8);
  }
  std::string* out_;
  detail::BlockHash* hash_;
  std::function<void(std::string&)> flush_;
  std::size_t piece_bytes_;
  std::size_t size_ = 0;
};

// Reads the body in order, and refuses any item that would run past the end (the checksum was
// verified before). An array read into a Column views the body in place when the body is a mapped
// file (`keep` set) and the array is aligned for its type, else it is copied.
class Decoder {
 public:
  // `keep`: the body is part of a read-only private file mapping that `keep` keeps alive (see
  // read_snapshot).
  Decoder(std::string_view body, std::shared_ptr<const void> keep) : rest_(body), keep_(std::move(keep)) {}
  std::uint64_t u64() {
    std::uint64_t value;
    std::memcpy(&value, take(sizeof value), sizeof value);
    return value;
  }
  // A count of items of at least `item_bytes` bytes each: refused when the rest cannot hold them,
  // so that a corrupted count never makes a huge allocation.
  std::size_t count(std::size_t item_bytes) {
    const std::uint64_t n = u64();
    if (n > rest_.size() / std::max<std::size_t>(item_bytes, 1)) throw Refused{"corrupted (a count past the end of the file)"};
    return static_cast<std::size_t>(n);
  }
  std::string_view bytes() {
    const std::size_t n = count(1);
    const std::string_view out(take(n), n);
    skip_padding(n);
    return out;
  }
  template <class T>
  void array(std::vector<T>& out) {
    const auto [first, n] = next_array<T>();
    array_copy(first, n, out);
  }
  // A view when the body is mapped and the array aligned for T (a mapped body always is: items are
  // padded to 8 bytes from a page start), else a copy.
  template <class T>
  void array(Column<T>& out) {
    const auto [first, n] = next_array<T>();
    if (keep_ && reinterpret_cast<std::uintptr_t>(first) % alignof(T) == 0) {
      out = Column<T>(std::span<const T>(reinterpret_cast<const T*>(first), n), keep_);
      return;
    }
    std::vector<T> copy;
    array_copy(first, n, copy);
    out = Column<T>(std::move(copy));
  }
  std::size_t remaining() const noexcept { return rest_.size(); }

 private:
  // The next array's bytes and its number of values.
  template <class T>
  std::pair<const char*, std::size_t> next_array() {
    static_assert(std::is_trivially_copyable_v<T>);
    const std::size_t n = count(sizeof(T));
    const char* first = take(n * sizeof(T));
    skip_padding(n * sizeof(T));
    return {first, n};
  }
  // Copied through memcpy, so the stored bytes need no alignment.
  template <class T>
  static void array_copy(const char* first, std::size_t n, std::vector<T>& out) {
    out.resize(n);
    if (n) std::memcpy(static_cast<void*>(out.data()), first, n * sizeof(T));
  }
  const char* take(std::size_t n) {
    if (n > rest_.size()) throw Refused{"truncated (the body ends before its last item)"};
    const char* at = rest_.data();
    rest_.remove_prefix(n);
    return at;
  }
  void skip_padding(std::size_t n) { take((8 - n % 8) % 8); }
  std::string_view rest_;
  std::shared_ptr<const void> keep_;
};

template <class T>
std::string layout_of(const char* name) {
  return std::string(name) + "=" + std::to_string(sizeof(T)) + "/" + std::to_string(alignof(T)) + " ";
}

std::string strip_trailing_slashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// block_hash of the body on every core. For a mapped body, each block's pages are given back once
// hashed (MADV_DONTNEED: the kernel maps them again from the file when a column reads them), so
// that the checksum never makes the whole file resident.
std::uint64_t body_checksum(std::string_view body, bool mapped, unsigned threads = 0) {
  const auto release = [&](std::size_t offset, std::size_t length) {
    constexpr std::uintptr_t page = 4096;
    const auto from = (reinterpret_cast<std::uintptr_t>(body.data() + offset) + page - 1) & ~(page - 1);
    const auto to = reinterpret_cast<std::uintptr_t>(body.data() + offset + length) & ~(page - 1);
    if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
  };
  return detail::block_hash(body.data(), body.size(), threads, detail::snapshot_block_bytes,
                            mapped ? std::function<void(std::size_t, std::size_t)>(release) : nullptr);
}

void check(bool ok, const char* what) {
  if (!ok) throw Refused{std::string("corrupted (") + what + ")"};
}

// The body of the file `bytes` once its header is checked: the magic (`expected`; else "not an
// actorgraph KIND"), the byte order, the format version and the stated length; not the checksum.
std::string_view unchecked_body(std::string_view bytes, const char (&expected)[8], const char* kind) {
  if (bytes.size() < header_size) throw Refused{"truncated (" + std::to_string(bytes.size()) + " bytes)"};
  if (std::memcmp(bytes.data(), expected, sizeof expected) != 0) throw Refused{std::string("not an actorgraph ") + kind};
  std::uint32_t version, order;
  std::uint64_t length;
  std::memcpy(&version, bytes.data() + 8, 4);
  std::memcpy(&order, bytes.data() + 12, 4);
  std::memcpy(&length, bytes.data() + length_at, 8);
  if (order != byte_order_mark) throw Refused{"written on a machine of another byte order"};
  if (version != format_version)
    throw Refused{"format version " + std::to_string(version) + " (this build reads version " + std::to_string(format_version) + ")"};
  if (length != bytes.size())
    throw Refused{"truncated or extended (" + std::to_string(bytes.size()) + " bytes, " + std::to_string(length) + " written)"};
  return bytes.substr(header_size);
}

// unchecked_body, and the body's checksum (on `threads` threads; 0: one per core).
std::string_view checked_body(std::string_view bytes, const char (&expected)[8], const char* kind, bool mapped, unsigned threads) {
  const std::string_view body = unchecked_body(bytes, expected, kind);
  std::uint64_t checksum;
  std::memcpy(&checksum, bytes.data() + checksum_at, 8);
  if (body_checksum(body, mapped, threads) != checksum) throw Refused{"corrupted (checksum mismatch)"};
  return body;
}

// The checks below run over every stored array (tens of millions of values at L) for files that are
// almost always valid, so they have no early exit: each ORs a flag over the whole array, a loop the
// compiler vectorizes (a find_if's exit per value made them a quarter of `types` from a snapshot).

// True when `values` never decrease and end at `last` (an offsets array of a CSR or a TextColumn).
template <class T>
bool ascending_to(const T& values, std::uint64_t last) {
  const std::size_t n = values.size();
  if (n == 0) return last == 0;
  const auto* v = values.data();
  bool descends = false;
  for (std::size_t i = 1; i < n; ++i) descends |= v[i] < v[i - 1];
  return !descends && v[n - 1] == last;
}

// A date that PartialDate's functions can take: a known precision and a month that indexes the
// month lengths (0 when not given).
bool usable_dates(std::span<const PartialDate> dates) {
  bool unusable = false;
  for (const PartialDate& d : dates) {
    unusable |= static_cast<unsigned>(d.precision()) > static_cast<unsigned>(DatePrecision::day);
    unusable |= d.month() > 12;
  }
  return !unusable;
}

template <class T>
bool all_below(const T& values, std::uint64_t bound) {
  using V = std::remove_cvref_t<decltype(*values.data())>;
  if constexpr (std::is_unsigned_v<V>) {
    if (bound > std::numeric_limits<V>::max()) return true;  // every value is
    const V b = static_cast<V>(bound);
    bool over = false;
    for (const V v : values) over |= v >= b;
    return !over;
  } else {
    bool over = false;
    for (const auto v : values) over |= static_cast<std::uint64_t>(v) >= bound;
    return !over;
  }
}

}  // namespace

namespace detail {

// The one piece of code that sees the private members of the model's classes to store and restore
// them (each class names it a friend).
class SnapshotCodec {
 public:
  static std::string identity();
  static std::string network_identity();  // identity() and what a stored network also depends on
  static void encode(Encoder& out, const Dataset& d, const SnapshotKey& key);
  // `keep`: set when `bytes` is read_snapshot's file mapping, which it keeps alive (see Decoder).
  // The checksum and the checks on `threads` threads (0: one per core).
  static Dataset decode(std::string_view bytes, const std::string& dataset_path, const SnapshotKey& key, std::shared_ptr<const void> keep,
                        unsigned threads);
  // The key of a snapshot or network snapshot `bytes` of this build, its checksum not checked.
  static SnapshotKey peek_key(std::string_view bytes);

 private:
  // An alias, as the position of its text in the aliases column's buffer.
  struct Span {
    std::uint32_t offset, size;
  };

  static void encode_key(Encoder& out, const SnapshotKey& key);
  static void check_key(Decoder& in, const SnapshotKey& key);
  static std::vector<SnapshotFile> decode_key(Decoder& in);
  static void encode_table(Encoder& out, const Table& t, bool actor_columns = false);
  static bool shares_actor_ids(const Dataset& d);
  static void share_actor_ids(Dataset& d);
  // Decodes a table; its columns' values are left to check_tables, which `to_check` gets them for.
  static void decode_table(Decoder& in, Table& t, std::uint64_t max_rows, std::vector<const TextColumn*>& to_check);
  static void check_tables(const std::vector<const TextColumn*>& columns);
  static std::uint32_t offset_in(const TextColumn& column, std::string_view view);
  static void encode_index(Encoder& out, const IdIndex& index);
  static void decode_index(Decoder& in, IdIndex& index, const Table& table);
  static void encode_names(Encoder& out, const Dataset& d);
  static void decode_names(Decoder& in, Dataset& d);
  static void encode_small(Encoder& out, const Dataset& d);
  static void decode_small(Decoder& in, Dataset& d, const std::string& dataset_path);
  static void encode_columns(Encoder& out, const Dataset& d);
  static void decode_columns(Decoder& in, Dataset& d);
  static void encode_graph(Encoder& out, const Graph& g);
  // The graph's arrays as stored (views of the mapping, or copies), checked and kept apart from
  // the rest (on another thread), and copied into the graph only when it is first asked for.
  struct StoredGraph {
    Column<CoreGraph::vertices_size_type> out_starts, in_starts;
    Column<CoreVertex> heads, tails;
    Column<ArcRelation> relations;
    Column<CoreGraph::edges_size_type> in_arcs;
  };
  static StoredGraph decode_graph(Decoder& in);
  static void check_graph(const StoredGraph& s, const Dataset& d);
  static void keep_graph(StoredGraph s, Dataset& d);
  static void check_structure(const Dataset& d);
  static std::vector<PartialDate> without_padding(std::span<const PartialDate> dates);

 public:
  // A network snapshot's body (io/snapshot.hpp, "The network of a whole dataset").
  static void encode_network(Encoder& out, const Network& n, std::string_view slice_id, const NetworkOptions& o, const SnapshotKey& key);
  static std::unique_ptr<const Network> decode_network(std::string_view bytes, const Dataset& d, std::string_view slice_id,
                                                       const NetworkOptions& o, const SnapshotKey& key, std::shared_ptr<const void> keep);

 private:
  static std::uint64_t network_options_code(const NetworkOptions& o);
  static void check_network(const Network& n, const Dataset& d, unsigned threads);
};

std::string SnapshotCodec::identity() {
  return "actorgraph " ACTORGRAPH_VERSION "; snapshot " + std::to_string(format_version) + "; boost " + std::to_string(BOOST_VERSION) +
         "; " + (std::endian::native == std::endian::little ? "little" : "big") + "-endian; " + layout_of<PartialDate>("PartialDate") +
         layout_of<Magnitude>("Magnitude") + layout_of<Dataset::StatedMagnitude>("StatedMagnitude") + layout_of<Stance>("Stance") +
         layout_of<Status>("Status") + layout_of<KindId>("KindId") + layout_of<TypeId>("TypeId") + layout_of<ArcRelation>("ArcRelation") +
         layout_of<IdIndex::Slot>("IdIndex::Slot") + layout_of<CoreGraph::vertex_descriptor>("Vertex") +
         layout_of<CoreGraph::edges_size_type>("EdgeIndex");
}

void SnapshotCodec::encode_key(Encoder& out, const SnapshotKey& key) {
  out.u64(key.files.size());
  for (const auto& f : key.files) {
    out.bytes(f.name);
    out.u64(f.regular);
    out.u64(f.size);
    out.u64(static_cast<std::uint64_t>(f.mtime_ns));
    out.u64(f.hash);
    out.u64(f.device);
    out.u64(f.inode);
    out.u64(static_cast<std::uint64_t>(f.ctime_ns));
    out.u64(f.settled);
  }
}

std::vector<SnapshotFile> SnapshotCodec::decode_key(Decoder& in) {
  const std::size_t n = in.count(72);
  std::vector<SnapshotFile> stored(n);
  for (auto& f : stored) {
    f.name = std::string(in.bytes());
    f.regular = in.u64() != 0;
    f.size = in.u64();
    f.mtime_ns = static_cast<std::int64_t>(in.u64());
    f.hash = in.u64();
    f.device = in.u64();
    f.inode = in.u64();
    f.ctime_ns = static_cast<std::int64_t>(in.u64());
    f.settled = in.u64() != 0;
  }
  return stored;
}

SnapshotKey SnapshotCodec::peek_key(std::string_view bytes) {
  const bool network = bytes.size() >= sizeof network_magic && std::memcmp(bytes.data(), network_magic, sizeof network_magic) == 0;
  Decoder in(network ? unchecked_body(bytes, network_magic, "network snapshot") : unchecked_body(bytes, magic, "snapshot"), nullptr);
  if (in.bytes() != (network ? network_identity() : identity())) throw Refused{"written by another build of actorgraph"};
  return {decode_key(in)};
}

// Refuses the snapshot unless its key is `key`, naming the first file that differs and how.
void SnapshotCodec::check_key(Decoder& in, const SnapshotKey& key) {
  const std::vector<SnapshotFile> stored = decode_key(in);
  const std::size_t n = stored.size();
  // Both lists are sorted by name: a merge finds the first name only one of them has.
  std::size_t i = 0, j = 0;
  for (; i < n && j < key.files.size(); ++i, ++j) {
    const SnapshotFile& was = stored[i];
    const SnapshotFile& now = key.files[j];
    if (now.name < was.name) throw Refused{"the dataset has a new file, " + now.name};
    if (was.name < now.name) throw Refused{"the dataset's files changed: " + was.name + " was removed or renamed"};
    if (was.regular != now.regular || was.size != now.size || was.mtime_ns != now.mtime_ns)
      throw Refused{now.name + " changed (size or modification time)"};
    if (was.hash != now.hash) throw Refused{now.name + " changed (its content, behind the same size and time)"};
  }
  if (j < key.files.size()) throw Refused{"the dataset has a new file, " + key.files[j].name};
  if (i < n) throw Refused{"the dataset's files changed: " + stored[i].name + " was removed or renamed"};
}

void SnapshotCodec::encode_table(Encoder& out, const Table& t, bool actor_columns) {
  out.bytes(t.name_);
  out.u64(t.columns_.size());
  for (const auto& c : t.columns_) out.bytes(c);
  out.u64(t.rows_);
  for (std::size_t k = 0; k < t.cells_.size(); ++k) {
    const TextColumn& c = t.cells_[k];
    if (actor_columns && (k == 1 || k == 2)) {  // made again when read (share_actor_ids): three empty arrays
      for (int array = 0; array < 3; ++array) out.array(std::span<const std::uint32_t>());
      continue;
    }
    out.array(c.data_);
    // A column of empty values only: its ends (all 0) are not stored.
    out.array(c.data_.empty() && !c.is_coded() ? std::span<const std::uint32_t>() : std::span<const std::uint32_t>(c.ends_));
    out.array(c.codes_);  // dictionary form (TextColumn::coded): data_ and ends_ are the dictionary
  }
}

// `max_rows`: the bytes of the dataset's files (the key's), which no table's rows can outnumber; a
// column of empty values stores no ends, so nothing else bounds its length.
void SnapshotCodec::decode_table(Decoder& in, Table& t, std::uint64_t max_rows, std::vector<const TextColumn*>& to_check) {
  t.name_ = std::string(in.bytes());
  t.columns_.resize(in.count(8));
  for (auto& c : t.columns_) c = std::string(in.bytes());
  const std::uint64_t rows = in.u64();
  check(rows <= max_rows, "a table's length");
  t.rows_ = static_cast<std::size_t>(rows);
  check(!t.columns_.empty() || t.rows_ == 0, "rows without columns");
  t.cells_.assign(t.columns_.size(), TextColumn{});
  for (TextColumn& c : t.cells_) {
    in.array(c.data_);
    in.array(c.ends_);
    in.array(c.codes_);
    if (c.data_.empty() && c.ends_.empty() && !c.is_coded()) {
      c = TextColumn::empty_values(t.rows_);
      continue;
    }
    check((c.is_coded() ? c.codes_.size() : c.ends_.size()) == t.rows_, "a column's length");
    to_check.push_back(&c);
  }
}

// The values of the columns decode_table leaves to check: each code below the number of values,
// each value's end ascending within the text (then every cell lies in its column's text).
void SnapshotCodec::check_tables(const std::vector<const TextColumn*>& columns) {
  for (const TextColumn* c : columns) {
    check(!c->is_coded() || all_below(c->codes_, c->ends_.size()), "a column's codes");
    check(ascending_to(c->ends_, c->data_.size()), "a column's offsets");
  }
}

// Whether the relations' source and target columns are the actors' id column coded by the
// relations' actor numbers, as the loader leaves them (DatasetBuilder::code_actor_columns): then a
// snapshot stores neither (at L, 80 MB of codes and a second copy of the ids), and reading it makes
// them again from those two (share_actor_ids).
bool SnapshotCodec::shares_actor_ids(const Dataset& d) {
  const auto& cells = d.relations_.cells_;
  if (cells.size() < 3 || d.actors_.cells_.empty()) return false;
  const TextColumn& ids = d.actors_.cells_[0];
  const auto shared = [&](const TextColumn& c, const Column<ActorId>& actors) {
    return c.is_coded() && c.codes_.data() == actors.data() && c.data_.data() == ids.data_.data() && c.ends_.data() == ids.ends_.data();
  };
  return shared(cells[1], d.rel_source_) && shared(cells[2], d.rel_target_);
}

// After check_structure, which checked every relation's actors below the actor count.
void SnapshotCodec::share_actor_ids(Dataset& d) {
  check(d.relations_.cells_.size() >= 3 && !d.actors_.cells_.empty() && !d.actors_.cells_[0].is_coded() &&
            d.actors_.cells_[0].size() == d.actor_count() && d.rel_source_.size() == d.relation_count(),
        "the relations' actor columns");
  d.relations_.cells_[1] = TextColumn::coded(d.actors_.cells_[0], d.rel_source_.shared());
  d.relations_.cells_[2] = TextColumn::coded(d.actors_.cells_[0], d.rel_target_.shared());
}

std::uint32_t SnapshotCodec::offset_in(const TextColumn& column, std::string_view view) {
  const char* begin = column.data_.data();
  const char* end = begin + column.data_.size();
  // Compared as integers: a view into another buffer is refused without comparing unrelated pointers.
  const auto at = reinterpret_cast<std::uintptr_t>(view.data());
  if (view.empty() && (at < reinterpret_cast<std::uintptr_t>(begin) || at > reinterpret_cast<std::uintptr_t>(end))) return 0;
  if (at < reinterpret_cast<std::uintptr_t>(begin) || at + view.size() > reinterpret_cast<std::uintptr_t>(end))
    throw Error("cannot store the dataset: an alias refers to text outside its table");
  return static_cast<std::uint32_t>(at - reinterpret_cast<std::uintptr_t>(begin));
}

// The index's slots as they are and its size: reading it back views the slots in place. The rows
// in the slots need no check: a probe skips rows past the id column and stops after every slot.
void SnapshotCodec::encode_index(Encoder& out, const IdIndex& index) {
  out.array(index.slots_);
  out.u64(index.size_);
}

void SnapshotCodec::decode_index(Decoder& in, IdIndex& index, const Table& table) {
  in.array(index.slots_);
  index.size_ = static_cast<std::size_t>(in.u64());
  check(std::has_single_bit(index.slots_.size()) || index.slots_.empty(), "an index's size");
  check(!IdIndex::over_load(index.size_, index.slots_.size()) && index.size_ <= table.rows_, "an index's load");
}

// The folded-name index (Dataset::SortedNames): four arrays, stored as they are.
void SnapshotCodec::encode_names(Encoder& out, const Dataset& d) {
  const Dataset::SortedNames& s = d.sorted_names_;
  out.array(s.keys);
  out.array(s.key_ends);
  out.array(s.list_ends);
  out.array(s.actors);
}

void SnapshotCodec::decode_names(Decoder& in, Dataset& d) {
  Dataset::SortedNames& s = d.sorted_names_;
  in.array(s.keys);
  in.array(s.key_ends);
  in.array(s.list_ends);
  in.array(s.actors);
  // Ascending offsets keep every name and list inside its buffer; names out of order would only
  // make lookups miss.
  check(s.key_ends.size() == s.list_ends.size() && ascending_to(s.key_ends, s.keys.size()) && ascending_to(s.list_ends, s.actors.size()),
        "the name index");
  check(all_below(s.actors, d.actor_count()), "an actor number");
}

// The members of few items: path, other files and entries, kinds, relation types, blocs, warnings.
void SnapshotCodec::encode_small(Encoder& out, const Dataset& d) {
  out.bytes(d.path_);
  out.u64(d.other_files_.size());
  for (const auto& f : d.other_files_) {
    out.bytes(f.name);
    out.bytes(f.bytes);
  }
  out.u64(d.other_entries_.size());
  for (const auto& e : d.other_entries_) out.bytes(e);
  out.u64(d.kinds_.size());
  for (const auto& k : d.kinds_) out.bytes(k);
  out.u64(d.types_.types_.size());
  for (const auto& t : d.types_.types_) {
    out.bytes(t.id);
    out.bytes(t.description);
    out.u64((t.directed ? 1u : 0u) | (t.ongoing ? 2u : 0u) | (t.builtin ? 4u : 0u));
    out.u64(static_cast<std::uint64_t>(t.valence));
    out.u64(static_cast<std::uint64_t>(t.dimension));
  }
  out.u64(d.blocs_.size());
  for (const auto& b : d.blocs_) {
    out.bytes(b.id);
    out.u64(b.lead);
    out.array(b.members);
  }
  // A warning's file is stored relative to the dataset's path when it is under it, so that a
  // snapshot read through another spelling of the path names the files as load_dataset would.
  const std::string prefix = d.path_ + "/";
  out.u64(d.warnings_.size());
  for (const auto& w : d.warnings_) {
    const bool under = w.file.rfind(prefix, 0) == 0;
    const bool is_path = w.file == d.path_;
    out.u64(under ? 1 : is_path ? 2 : 0);
    out.bytes(under ? std::string_view(w.file).substr(prefix.size()) : is_path ? std::string_view() : std::string_view(w.file));
    out.u64(w.line);
    out.u64(w.column);
    out.u64(w.severity == Severity::error ? 0 : 1);
    out.bytes(w.message);
    out.u64(w.count);
  }
}

void SnapshotCodec::decode_small(Decoder& in, Dataset& d, const std::string& dataset_path) {
  in.bytes();  // the path it was loaded as: the caller's path is used instead
  d.path_ = dataset_path;
  d.other_files_.resize(in.count(16));
  for (auto& f : d.other_files_) {
    f.name = std::string(in.bytes());
    f.bytes = std::string(in.bytes());
  }
  d.other_entries_.resize(in.count(8));
  for (auto& e : d.other_entries_) e = std::string(in.bytes());
  d.kinds_.resize(in.count(8));
  for (auto& k : d.kinds_) k = std::string(in.bytes());
  d.types_.types_.resize(in.count(40));
  for (auto& t : d.types_.types_) {
    t.id = std::string(in.bytes());
    t.description = std::string(in.bytes());
    const std::uint64_t flags = in.u64(), valence = in.u64(), dimension = in.u64();
    check(flags < 8 && valence <= 2 && dimension < dimension_count, "a relation type");
    t.directed = flags & 1;
    t.ongoing = flags & 2;
    t.builtin = flags & 4;
    t.valence = static_cast<Valence>(valence);
    t.dimension = static_cast<Dimension>(dimension);
  }
  d.blocs_.resize(in.count(24));
  for (auto& b : d.blocs_) {
    b.id = std::string(in.bytes());
    b.lead = static_cast<ActorId>(in.u64());
    in.array(b.members);
  }
  d.warnings_.resize(in.count(56));
  for (auto& w : d.warnings_) {
    const std::uint64_t where = in.u64();
    const std::string_view file = in.bytes();
    check(where <= 2, "a warning's file");
    w.file = where == 1 ? dataset_path + "/" + std::string(file) : where == 2 ? dataset_path : std::string(file);
    w.line = in.u64();
    w.column = in.u64();
    const std::uint64_t severity = in.u64();
    check(severity <= 1, "a warning's severity");
    w.severity = severity == 0 ? Severity::error : Severity::warning;
    w.message = std::string(in.bytes());
    w.count = in.u64();
  }
}

// Copies whose padding bytes are zero: the loaded values leave them undefined, and a snapshot must
// not carry whatever the heap held there (nor differ from one write to the next because of it).
std::vector<PartialDate> SnapshotCodec::without_padding(std::span<const PartialDate> dates) {
  std::vector<PartialDate> out(dates.size());
  if (out.empty()) return out;  // data() may be null, which memset must not be given
  std::memset(static_cast<void*>(out.data()), 0, out.size() * sizeof(PartialDate));
  for (std::size_t i = 0; i < dates.size(); ++i) {
    out[i].year_ = dates[i].year_;
    out[i].month_ = dates[i].month_;
    out[i].day_ = dates[i].day_;
    out[i].precision_ = dates[i].precision_;
  }
  return out;
}

// The typed columns, each one array; the aliases as positions in the actors table's aliases column.
void SnapshotCodec::encode_columns(Encoder& out, const Dataset& d) {
  out.array(d.actor_kind_);
  out.array(d.alias_offsets_);
  const auto aliases_column = d.actors_.column("aliases");
  std::vector<Span> aliases;
  aliases.reserve(d.aliases_.size());
  for (const std::string_view alias : d.aliases_) {
    if (!aliases_column) throw Error("cannot store the dataset: aliases without an aliases column");
    aliases.push_back({offset_in(d.actors_.cells_[*aliases_column], alias), static_cast<std::uint32_t>(alias.size())});
  }
  out.array(aliases);
  out.array(d.rel_source_);
  out.array(d.rel_target_);
  out.array(d.rel_type_);
  out.array(without_padding(d.rel_start_));
  out.array(without_padding(d.rel_end_));
  out.array(d.rel_directed_);
  out.array(d.rel_weight_);
  out.array(d.rel_magnitudes_);
  out.array(d.rel_source_offsets_);
  out.array(d.rel_sources_);
  out.array(d.rel_dispute_offsets_);
  out.array(d.rel_disputes_);
  out.array(d.rel_stance_);
  out.array(d.rel_status_);
  out.array(without_padding(d.rel_attested_));
  out.array(d.rel_part_of_);
  out.array(without_padding(d.source_date_));
}

void SnapshotCodec::decode_columns(Decoder& in, Dataset& d) {
  in.array(d.actor_kind_);
  in.array(d.alias_offsets_);
  std::vector<Span> aliases;
  in.array(aliases);
  const auto aliases_column = d.actors_.column("aliases");
  check(aliases.empty() || aliases_column, "aliases without an aliases column");
  d.aliases_.clear();
  d.aliases_.reserve(aliases.size());
  for (const Span& a : aliases) {
    const Column<char>& text = d.actors_.cells_[*aliases_column].data_;
    check(std::uint64_t{a.offset} + a.size <= text.size(), "an alias");
    d.aliases_.emplace_back(text.data() + a.offset, a.size);
  }
  in.array(d.rel_source_);
  in.array(d.rel_target_);
  in.array(d.rel_type_);
  in.array(d.rel_start_);
  in.array(d.rel_end_);
  in.array(d.rel_directed_);
  in.array(d.rel_weight_);
  in.array(d.rel_magnitudes_);
  in.array(d.rel_source_offsets_);
  in.array(d.rel_sources_);
  in.array(d.rel_dispute_offsets_);
  in.array(d.rel_disputes_);
  in.array(d.rel_stance_);
  in.array(d.rel_status_);
  in.array(d.rel_attested_);
  in.array(d.rel_part_of_);
  in.array(d.source_date_);
}

// BGL's CSR keeps its arrays in public members (Boost 1.74): the out-arcs' row starts, heads and
// relation numbers, and the in-arc index's row starts, tails and arc numbers.
void SnapshotCodec::encode_graph(Encoder& out, const Graph& g) {
  const CoreGraph& c = g.graph_;
  out.array(c.m_forward.m_rowstart);
  out.array(c.m_forward.m_column);
  out.array(c.m_forward.m_edge_properties);
  out.array(c.m_backward.m_rowstart);
  out.array(c.m_backward.m_column);
  out.array(c.m_backward.m_edge_properties);
}

SnapshotCodec::StoredGraph SnapshotCodec::decode_graph(Decoder& in) {
  // The element types of the vectors they are copied into, which encode_graph stores.
  using Forward = decltype(std::declval<CoreGraph&>().m_forward);
  using Backward = decltype(std::declval<CoreGraph&>().m_backward);
  static_assert(std::is_same_v<decltype(std::declval<Forward&>().m_rowstart)::value_type, CoreGraph::vertices_size_type> &&
                std::is_same_v<decltype(std::declval<Forward&>().m_column)::value_type, CoreVertex> &&
                std::is_same_v<decltype(std::declval<Forward&>().m_edge_properties)::value_type, ArcRelation> &&
                std::is_same_v<decltype(std::declval<Backward&>().m_rowstart)::value_type, CoreGraph::vertices_size_type> &&
                std::is_same_v<decltype(std::declval<Backward&>().m_column)::value_type, CoreVertex> &&
                std::is_same_v<decltype(std::declval<Backward&>().m_edge_properties)::value_type, CoreGraph::edges_size_type>);
  StoredGraph s;
  in.array(s.out_starts);
  in.array(s.heads);
  in.array(s.relations);
  in.array(s.in_starts);
  in.array(s.tails);
  in.array(s.in_arcs);
  return s;
}

void SnapshotCodec::check_graph(const StoredGraph& s, const Dataset& d) {
  const std::size_t n = d.actor_count(), arcs = s.heads.size();
  check(s.out_starts.size() == n + 1 && s.in_starts.size() == n + 1, "the graph's vertices");
  check(s.relations.size() == arcs && s.tails.size() == arcs && s.in_arcs.size() == arcs, "the graph's arcs");
  check(ascending_to(s.out_starts, arcs) && ascending_to(s.in_starts, arcs), "the graph's rows");
  check(all_below(s.heads, n) && all_below(s.tails, n) && all_below(s.in_arcs, arcs), "the graph's arcs");
  bool outside = false;
  for (const ArcRelation& a : s.relations) outside |= a.relation >= d.relation_count();
  check(!outside, "the graph's relations");
}

void SnapshotCodec::keep_graph(StoredGraph s, Dataset& d) {
  const std::size_t n = d.actor_count();
  // Held by a shared pointer, so that the arrays' views point where the columns stay.
  const auto stored = std::make_shared<const StoredGraph>(std::move(s));
  const GraphArrays arrays{stored->out_starts, stored->heads, stored->relations, stored->in_starts, stored->tails, stored->in_arcs};
  d.graph_ = std::make_unique<Dataset::GraphSlot>(arrays, [stored, n] {
    Graph g;
    CoreGraph& c = g.graph_;
    c.m_forward.m_rowstart.assign(stored->out_starts.begin(), stored->out_starts.end());
    c.m_forward.m_column.assign(stored->heads.begin(), stored->heads.end());
    c.m_forward.m_edge_properties.assign(stored->relations.begin(), stored->relations.end());
    c.m_backward.m_rowstart.assign(stored->in_starts.begin(), stored->in_starts.end());
    c.m_backward.m_column.assign(stored->tails.begin(), stored->tails.end());
    c.m_backward.m_edge_properties.assign(stored->in_arcs.begin(), stored->in_arcs.end());
    c.resize(n);  // the vertex properties (no_property): one per vertex
    return g;
  });
}

// The bounds that the accessors rely on: every array as long as its table, every offset array
// ascending within its target, every number below the count it indexes.
void SnapshotCodec::check_structure(const Dataset& d) {
  const std::size_t n = d.actor_count(), m = d.relation_count(), s = d.source_count();
  check(!d.actors_.cells_.empty() && !d.relations_.cells_.empty() && d.actors_.columns_.size() >= 3, "the tables");
  check(d.actor_kind_.size() == n && all_below(d.actor_kind_, d.kinds_.size()), "the actors' kinds");
  check(d.alias_offsets_.size() == n + 1 && ascending_to(d.alias_offsets_, d.aliases_.size()), "the aliases");
  for (const auto* column : {&d.rel_source_, &d.rel_target_}) check(column->size() == m && all_below(*column, n), "a relation's actor");
  check(d.rel_type_.size() == m && all_below(d.rel_type_, d.types_.size()), "a relation's type");
  check(d.rel_start_.size() == m && d.rel_end_.size() == m && d.rel_directed_.size() == m &&
            (d.rel_weight_.size() == m || d.rel_weight_.empty()) && d.rel_stance_.size() == m && d.rel_status_.size() == m &&
            d.rel_attested_.size() == m && d.rel_part_of_.size() <= m && d.source_date_.size() == s,
        "a column's length");
  for (const auto* dates : {&d.rel_start_, &d.rel_end_, &d.rel_attested_, &d.source_date_}) check(usable_dates(*dates), "a date");
  check(all_below(d.rel_stance_, 4) && all_below(d.rel_status_, 3), "a stance or status");
  // Ascending relations below m: relation_magnitude's bisection then finds each one.
  check(std::adjacent_find(d.rel_magnitudes_.begin(), d.rel_magnitudes_.end(),
                           [](const auto& a, const auto& b) { return a.relation >= b.relation; }) == d.rel_magnitudes_.end() &&
            (d.rel_magnitudes_.empty() || d.rel_magnitudes_.back().relation < m),
        "the magnitudes");
  check(d.rel_source_offsets_.size() == m + 1 && ascending_to(d.rel_source_offsets_, d.rel_sources_.size()) &&
            all_below(d.rel_sources_, s), "the relations' sources");
  check(((d.rel_dispute_offsets_.size() == m + 1 && ascending_to(d.rel_dispute_offsets_, d.rel_disputes_.size())) ||
         (d.rel_dispute_offsets_.empty() && d.rel_disputes_.empty())) &&
            all_below(d.rel_disputes_, m),
        "the disputes");
  check(std::all_of(d.rel_part_of_.begin(), d.rel_part_of_.end(), [&](RelationId r) { return r < m || r == Dataset::no_relation; }),
        "part_of");
  for (const auto& b : d.blocs_) check(b.lead < n && all_below(b.members, n), "a bloc");
}

void SnapshotCodec::encode(Encoder& out, const Dataset& d, const SnapshotKey& key) {
  out.bytes(identity());
  encode_key(out, key);
  encode_small(out, d);
  const bool actor_columns = shares_actor_ids(d);
  out.u64(actor_columns ? 1 : 0);
  for (const Table* t : {&d.actors_, &d.relations_, &d.sources_, &d.types_table_, &d.blocs_table_})
    encode_table(out, *t, actor_columns && t == &d.relations_);
  encode_index(out, d.actor_by_id_);
  encode_index(out, d.relation_by_id_);
  encode_index(out, d.source_by_id_);
  encode_names(out, d);
  encode_columns(out, d);
  encode_graph(out, d.graph());
}

Dataset SnapshotCodec::decode(std::string_view bytes, const std::string& dataset_path, const SnapshotKey& key,
                              std::shared_ptr<const void> keep, unsigned threads) {
  const std::string_view body = checked_body(bytes, magic, "snapshot", keep != nullptr, threads);
  Decoder in(body, std::move(keep));
  if (in.bytes() != identity()) throw Refused{"written by another build of actorgraph"};
  check_key(in, key);
  Dataset d;
  decode_small(in, d, strip_trailing_slashes(dataset_path));
  const std::uint64_t actor_columns = in.u64();
  check(actor_columns <= 1, "a flag");
  std::vector<const TextColumn*> columns;  // checked below, with the rest
  for (Table* t : {&d.actors_, &d.relations_, &d.sources_, &d.types_table_, &d.blocs_table_}) decode_table(in, *t, key.bytes(), columns);
  decode_index(in, d.actor_by_id_, d.actors_);
  decode_index(in, d.relation_by_id_, d.relations_);
  decode_index(in, d.source_by_id_, d.sources_);
  decode_names(in, d);
  decode_columns(in, d);
  StoredGraph graph = decode_graph(in);
  if (in.remaining() != 0) throw Refused{"corrupted (bytes after the last item)"};
  // Passes over tens of millions of values at L, shared between the cores. No cell is read before.
  run_both(
      threads, [&] { check_structure(d); },
      [&] {
        check_graph(graph, d);
        check_tables(columns);
      });
  keep_graph(std::move(graph), d);
  if (actor_columns) share_actor_ids(d);
  return d;
}

std::uint64_t SnapshotCodec::network_options_code(const NetworkOptions& o) {
  return (o.undirected ? 1u : 0u) | (o.collapse ? 2u : 0u) | static_cast<std::uint64_t>(o.merge) << 2;
}

// The rules of the network build (analysis/network.cpp: merging, collapse, direction, dropped
// self-relations) under which a network snapshot was made. A network snapshot stores derived data,
// which a change of those rules makes wrong, not unreadable: bump this with any such change, so
// that the stored networks are refused and built again.
constexpr int network_rules = 1;

std::string SnapshotCodec::network_identity() {
  return identity() + "; network rules " + std::to_string(network_rules) + "; " + layout_of<Link>("Link");
}

// Identity, key, options and the dataset's counts, then the members in declaration order.
void SnapshotCodec::encode_network(Encoder& out, const Network& n, std::string_view slice_id, const NetworkOptions& o,
                                   const SnapshotKey& key) {
  out.bytes(network_identity());
  encode_key(out, key);
  out.u64(network_options_code(o));
  out.bytes(slice_id);
  out.u64(n.dataset().actor_count());
  out.u64(n.dataset().relation_count());
  out.u64(n.directed_ ? 1 : 0);
  out.array(n.vertices_);
  out.array(n.member_);
  out.array(n.representative_);
  out.array(n.out_offsets_);
  out.array(n.in_offsets_);
  out.array(n.out_);
  out.array(n.in_);
  out.array(n.evidence_offsets_);
  out.array(n.evidence_);
}

std::unique_ptr<const Network> SnapshotCodec::decode_network(std::string_view bytes, const Dataset& d, std::string_view slice_id,
                                                             const NetworkOptions& o, const SnapshotKey& key,
                                                             std::shared_ptr<const void> keep) {
  const std::string_view body = checked_body(bytes, network_magic, "network snapshot", keep != nullptr, o.threads);
  Decoder in(body, std::move(keep));
  if (in.bytes() != network_identity()) throw Refused{"written by another build of actorgraph"};
  check_key(in, key);
  if (in.u64() != network_options_code(o)) throw Refused{"built with other network options"};
  if (in.bytes() != slice_id) throw Refused{"of another slice"};
  if (in.u64() != d.actor_count() || in.u64() != d.relation_count()) throw Refused{"of another dataset (its actor or relation count)"};
  std::unique_ptr<Network> n(new Network());
  n->dataset_ = &d;
  const std::uint64_t directed = in.u64();
  check(directed <= 1, "a flag");
  n->directed_ = directed == 1;
  in.array(n->vertices_);
  in.array(n->member_);
  in.array(n->representative_);
  in.array(n->out_offsets_);
  in.array(n->in_offsets_);
  in.array(n->out_);
  in.array(n->in_);
  in.array(n->evidence_offsets_);
  in.array(n->evidence_);
  if (in.remaining() != 0) throw Refused{"corrupted (bytes after the last item)"};
  check_network(*n, d, o.threads);
  return n;
}

// The bounds the accessors and the algorithms rely on: the vertex arrays as long as the actors, the
// vertices the members in ascending order, every list's offsets ascending within it, every link's
// other end an actor and its id a link, every piece of evidence a relation.
void SnapshotCodec::check_network(const Network& n, const Dataset& d, unsigned threads) {
  const std::size_t actors = d.actor_count(), links = n.evidence_offsets_.empty() ? 0 : n.evidence_offsets_.size() - 1;
  check(n.member_.size() == actors && n.representative_.size() == actors && all_below(n.representative_, actors) && all_below(n.member_, 2),
        "the network's actors");
  check(std::adjacent_find(n.vertices_.begin(), n.vertices_.end(), std::greater_equal<>()) == n.vertices_.end() &&
            all_below(n.vertices_, actors) &&
            std::all_of(n.vertices_.begin(), n.vertices_.end(), [&](Vertex v) { return n.member_[v] == 1; }) &&
            static_cast<std::size_t>(std::count(n.member_.begin(), n.member_.end(), 1)) == n.vertices_.size(),
        "the network's vertices");
  check(!n.evidence_offsets_.empty() && ascending_to(n.evidence_offsets_, n.evidence_.size()) && all_below(n.evidence_, d.relation_count()),
        "the network's evidence");
  // Each link's ends and number within their arrays (a loop with no exit, which vectorizes); the
  // out-lists on one core, the in-lists on the other.
  const auto lists = [&](const std::vector<std::uint32_t>& offsets, const Column<Link>& list) {
    bool outside = false;
    for (const Link& l : list) {
      outside |= l.other >= actors;
      outside |= l.id >= links;
    }
    return offsets.size() == actors + 1 && ascending_to(offsets, list.size()) && !outside;
  };
  bool out_ok = false, in_ok = false;
  run_both(
      threads, [&] { out_ok = lists(n.out_offsets_, n.out_); },
      [&] { in_ok = n.directed_ ? lists(n.in_offsets_, n.in_) : n.in_offsets_.empty() && n.in_.empty(); });
  check(out_ok, "the network's out-links");
  check(in_ok, "the network's in-links");
}

}  // namespace detail

namespace {

// The header of a snapshot file (a dataset's or a network's: `file_magic`) of `length` bytes in all
// whose body has the checksum `checksum`.
std::string snapshot_header(const char (&file_magic)[8], std::uint64_t length, std::uint64_t checksum) {
  std::string header(header_size, '\0');
  std::memcpy(header.data(), file_magic, sizeof file_magic);
  std::memcpy(header.data() + 8, &format_version, 4);
  std::memcpy(header.data() + 12, &byte_order_mark, 4);
  std::memcpy(header.data() + length_at, &length, 8);
  std::memcpy(header.data() + checksum_at, &checksum, 8);
  return header;
}

// A snapshot file's bytes, handed to `put` in pieces of about `piece_bytes` (it empties each), the
// header (with `file_magic`) first. Two passes of `encode`, so that the file is never whole in memory
// (a dataset's snapshot at L is 2.9 GB): the first measures and hashes the body, the second hands
// out the header, which holds that length and checksum, then the body.
void produce_file(const char (&file_magic)[8], const std::function<void(Encoder&)>& encode, std::size_t piece_bytes,
                  const std::function<void(std::string&)>& put) {
  detail::BlockHash hash;
  Encoder measure(nullptr, &hash);
  encode(measure);
  std::string buffer = snapshot_header(file_magic, header_size + measure.size(), hash.digest());
  Encoder out(&buffer, nullptr, put, std::max<std::size_t>(piece_bytes, 1));
  encode(out);
  out.finish();
}

// Writes the file that produce_file makes to `path` (write_file: aside, checked, then renamed).
void write_produced(const std::string& path, const char (&file_magic)[8], const std::function<void(Encoder&)>& encode,
                    std::size_t piece_bytes) {
  write_file(path, [&](const WritePiece& write) {
    bool ok = true;  // after a failed write, the rest is not written (write_file reports the failure)
    produce_file(file_magic, encode, piece_bytes, [&](std::string& piece) {
      ok = ok && write(piece);
      piece.clear();
    });
  });
}

}  // namespace

std::string encode_snapshot(const Dataset& dataset, const SnapshotKey& key) {
  std::string bytes;
  produce_file(
      magic, [&](Encoder& out) { detail::SnapshotCodec::encode(out, dataset, key); }, std::size_t{1} << 20,
      [&](std::string& piece) {
        bytes += piece;
        piece.clear();
      });
  return bytes;
}

void seal_snapshot(std::string& bytes) noexcept {
  if (bytes.size() < header_size) return;
  const std::uint64_t length = bytes.size();
  const std::uint64_t checksum = body_checksum(std::string_view(bytes).substr(header_size), false);
  std::memcpy(bytes.data() + length_at, &length, 8);
  std::memcpy(bytes.data() + checksum_at, &checksum, 8);
}

void write_snapshot(const Dataset& dataset, const SnapshotKey& key, const std::string& path, std::size_t piece_bytes) {
  write_produced(
      path, magic, [&](Encoder& out) { detail::SnapshotCodec::encode(out, dataset, key); }, piece_bytes);
}

void write_network_snapshot(const Network& network, const Slice& slice, const NetworkOptions& options, const SnapshotKey& key,
                            const std::string& path, std::size_t piece_bytes) {
  const std::string slice_id = slice_snapshot_id(network.dataset(), slice);
  write_produced(
      path, network_magic, [&](Encoder& out) { detail::SnapshotCodec::encode_network(out, network, slice_id, options, key); }, piece_bytes);
}

namespace {

// Runs `decode`, and gives the reason a snapshot is refused (Refused, or too little memory for what
// it states) in `refused`.
template <class Decode>
void refusing(std::string& refused, Decode&& decode) {
  try {
    decode();
  } catch (const Refused& r) {
    refused = r.reason;
  } catch (const std::bad_alloc&) {
    refused = "too large for the memory available";
  } catch (const std::length_error&) {
    refused = "too large for the memory available";
  }
}

SnapshotLoad decode(std::string_view bytes, const std::string& dataset_path, const SnapshotKey& key, std::shared_ptr<const void> keep,
                    unsigned threads) {
  SnapshotLoad out;
  refusing(out.refused, [&] { out.dataset.emplace(detail::SnapshotCodec::decode(bytes, dataset_path, key, std::move(keep), threads)); });
  return out;
}

NetworkSnapshotLoad decode_network(std::string_view bytes, const Dataset& dataset, const Slice& slice, const NetworkOptions& options,
                                   const SnapshotKey& key, std::shared_ptr<const void> keep) {
  NetworkSnapshotLoad out;
  refusing(out.refused, [&] {
    out.network = detail::SnapshotCodec::decode_network(bytes, dataset, slice_snapshot_id(dataset, slice), options, key, std::move(keep));
  });
  return out;
}

// A private read-only mapping of a snapshot file, which the columns read from it view for as long
// as they live (the last one unmaps it); null, with the reason in `refused`, when the file cannot be
// mapped. A snapshot is replaced by a rename, never rewritten in place, so the mapped file does not
// change under the reader, unless another program truncates it: a SIGBUS in it is then an error
// message, not a crash (exit_on_truncated_mapping). A snapshot is mapped even where no slot is free
// to guard it, as before the guard existed.
std::shared_ptr<const void> map_snapshot(const std::string& path, std::string& refused) {
  using detail::GuardedMapping;
  auto mapped = GuardedMapping::map(path, detail::MappedFile::snapshot, {.min_bytes = header_size});
  if (auto* mapping = std::get_if<std::shared_ptr<const GuardedMapping>>(&mapped)) return std::move(*mapping);
  const GuardedMapping::Refusal refusal = std::get<GuardedMapping::Refusal>(mapped);
  switch (refusal.reason) {
    case GuardedMapping::Refusal::cannot_open:
      refused = refusal.error == ENOENT ? "no snapshot yet" : std::string("cannot open it: ") + std::strerror(refusal.error);
      break;
    case GuardedMapping::Refusal::not_regular: refused = "not a regular file"; break;
    case GuardedMapping::Refusal::too_small: refused = "truncated (" + std::to_string(refusal.size) + " bytes)"; break;
    case GuardedMapping::Refusal::cannot_map: refused = std::string("cannot map it: ") + std::strerror(refusal.error); break;
    case GuardedMapping::Refusal::too_large:
    case GuardedMapping::Refusal::unguarded: refused = "cannot map it"; break;  // not asked for
  }
  return nullptr;
}

std::string_view mapped_bytes(const std::shared_ptr<const void>& mapping) {
  return static_cast<const detail::GuardedMapping*>(mapping.get())->bytes();
}

}  // namespace

SnapshotLoad decode_snapshot(std::string_view bytes, const std::string& dataset_path, const SnapshotKey& key, unsigned threads) {
  return decode(bytes, dataset_path, key, nullptr, threads);
}

SnapshotLoad read_snapshot(const std::string& path, const std::string& dataset_path, const SnapshotKey& key, unsigned threads) {
  SnapshotLoad out;
  std::shared_ptr<const void> mapping = map_snapshot(path, out.refused);
  if (!mapping) return out;
  const std::string_view bytes = mapped_bytes(mapping);
  return decode(bytes, dataset_path, key, std::move(mapping), threads);
}

std::optional<SnapshotKey> stored_snapshot_key(const std::string& path) {
  std::string refused;
  const std::shared_ptr<const void> mapping = map_snapshot(path, refused);
  if (!mapping) return std::nullopt;
  std::optional<SnapshotKey> key;
  refusing(refused, [&] { key = detail::SnapshotCodec::peek_key(mapped_bytes(mapping)); });
  return key;
}

NetworkSnapshotLoad decode_network_snapshot(std::string_view bytes, const Dataset& dataset, const Slice& slice,
                                            const NetworkOptions& options, const SnapshotKey& key) {
  return decode_network(bytes, dataset, slice, options, key, nullptr);
}

NetworkSnapshotLoad read_network_snapshot(const std::string& path, const Dataset& dataset, const Slice& slice,
                                          const NetworkOptions& options, const SnapshotKey& key) {
  NetworkSnapshotLoad out;
  std::shared_ptr<const void> mapping = map_snapshot(path, out.refused);
  if (!mapping) return out;
  const std::string_view bytes = mapped_bytes(mapping);
  return decode_network(bytes, dataset, slice, options, key, std::move(mapping));
}

}  // namespace actorgraph
