#include "cli/common.hpp"

#include "actorgraph/render/diagram.hpp"

#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/exchange.hpp"
#include "actorgraph/io/snapshot.hpp"
#include "actorgraph/io/text_file.hpp"
#include "actorgraph/model/text.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <iterator>
#include <iostream>
#include <map>
#include <memory>
#include <unistd.h>

namespace actorgraph::cli {

void SliceArgs::add_to(CLI::App& command, bool with_dates) {
  auto* group = command.add_option_group("Slice", "Which part of the network to analyse");
  group->add_option("--types", types, "Keep only relations of these types (comma-separated)")->delimiter(',');
  group->add_option("--exclude-types", exclude_types, "Drop relations of these types (comma-separated)")->delimiter(',');
  group->add_option("--kinds", kinds, "Keep only actors of these kinds, and relations among them")->delimiter(',');
  if (!with_dates) return;
  group->add_option("--from", from, "Keep relations active on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)");
  group->add_option("--to", to, "Keep relations active on or before DATE");
  group->add_option("--at", at, "Keep relations active at some time during DATE's period (2005 = all of 2005)");
}

SliceOptions SliceArgs::options() const {
  SliceOptions o;
  o.types = types;
  o.exclude_types = exclude_types;
  o.kinds = kinds;
  if (!from.empty()) o.from = PartialDate::parse_or_throw(from, "--from");
  if (!to.empty()) o.to = PartialDate::parse_or_throw(to, "--to");
  if (!at.empty()) o.at = PartialDate::parse_or_throw(at, "--at");
  return o;
}

void NetworkArgs::add_to(CLI::App& command) {
  auto* group = command.add_option_group("Network", "How relations become links");
  group->add_flag("--undirected", undirected, "Ignore the direction of every relation");
  group->add_flag("--collapse", collapse, "Roll persons, agencies and units up to the actor they belong to (affiliation relations)");
  group->add_option("--merge", merge, "Weight of a link that merges parallel relations: their count, the sum or the max of their weights")
      ->check(CLI::IsMember({"count", "sum", "max"}))->capture_default_str();
  group->add_flag("--weight", weight, "Use link weights (see --merge); without it every link weighs 1");
  group->add_option("--weight-as", weight_as, "default: strength for degree, PageRank, eigenvector, Katz and length for paths, "
                    "betweenness, closeness (as NetworkX); strength or length: the weights mean that everywhere")
      ->check(CLI::IsMember({"default", "strength", "length"}))->capture_default_str();
}

NetworkOptions NetworkArgs::options() const {
  NetworkOptions o;
  o.undirected = undirected;
  o.collapse = collapse;
  o.merge = merge == "sum" ? Merge::sum : merge == "max" ? Merge::max : Merge::count;
  o.threads = load_options().threads;  // ACTORGRAPH_THREADS, as for the load
  return o;
}

WeightAs NetworkArgs::weight_meaning() const {
  return weight_as == "strength" ? WeightAs::strength : weight_as == "length" ? WeightAs::length : WeightAs::measure_default;
}

Progress terminal_progress(const std::string& label) {
  if (!::isatty(STDERR_FILENO)) return {};
  const auto start = std::chrono::steady_clock::now();
  auto shown = std::make_shared<int>(-1);
  return [label, start, shown](std::size_t done, std::size_t total) {
    if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1) || total == 0) return;
    const int percent = static_cast<int>(100 * done / total);
    if (percent == *shown) return;
    *shown = percent;
    std::cerr << "\r" << label << ": " << percent << "%" << (done == total ? "\n" : "") << std::flush;
  };
}

std::string read_input(const std::string& path, std::string_view what) {
  if (path != "-") return read_text_file(path, what);
  std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  if (std::cin.bad()) throw IoError("cannot read " + std::string(what) + " from standard input");
  return text;
}

std::vector<Vertex> network_vertices(const Network& network, const std::string& names) {
  if (names.find(',') == std::string::npos || network.dataset().match_actor(trim(names)).size() == 1)
    return {network_vertex(network, names)};
  std::vector<Vertex> out;
  std::size_t start = 0;
  for (std::size_t comma = names.find(','); start <= names.size(); comma = names.find(',', start)) {
    if (comma == std::string::npos) comma = names.size();
    const std::string name(trim(std::string_view(names).substr(start, comma - start)));
    if (!name.empty()) out.push_back(network_vertex(network, name));
    start = comma + 1;
  }
  if (out.empty()) throw UsageError("no actor named in '" + names + "'");
  return out;
}

namespace {

// Where snapshots are kept in this process (docs/SNAPSHOTS.md): --snapshot, --no-snapshot, and the
// environment variable ACTORGRAPH_SNAPSHOT (off, auto or always).
struct SnapshotSettings {
  bool beside = false;  // --snapshot: DATASET/.actorgraph-snapshot, whatever the dataset's size
  bool off = false;     // --no-snapshot
};
SnapshotSettings& snapshot_settings() {
  static SnapshotSettings settings;
  return settings;
}

// Below this size (the folder's regular files together) the files are read in a few hundredths of a
// second, and a snapshot (about three times their size on disk) would save milliseconds, so the
// default (ACTORGRAPH_SNAPSHOT=auto) keeps none.
constexpr std::uint64_t snapshot_min_bytes = std::uint64_t{4} << 20;

// What to do for a dataset path: the snapshot file to use, or "" for none.
struct SnapshotPlan {
  std::string file;
  bool any_size = false;  // --snapshot or ACTORGRAPH_SNAPSHOT=always: no size threshold
  // In the cache folder: the bound it is kept under (ACTORGRAPH_CACHE_MAX); 0 for --snapshot.
  std::uint64_t cache_bytes = 0;
};

// The cache folder's bound: ACTORGRAPH_CACHE_MAX when set (a size: 20G, 500M), else 10 GiB. A value
// that is not a size is a usage error (check_environment finds it before any work): pruning deletes
// files, so it is never done on a guess.
std::uint64_t snapshot_cache_bytes() {
  const char* text = std::getenv("ACTORGRAPH_CACHE_MAX");
  if (text == nullptr || *text == '\0') return default_snapshot_cache_bytes;
  if (const auto bytes = parse_byte_size(text)) return *bytes;
  throw UsageError("ACTORGRAPH_CACHE_MAX must be a size such as 20G (bytes, or with a K, M or G suffix; at least 1), found '" +
                   std::string(text) + "'");
}

SnapshotPlan snapshot_plan(const std::string& path) {
  const char* env = std::getenv("ACTORGRAPH_SNAPSHOT");
  const std::string mode = env ? env : "auto";
  const SnapshotSettings& s = snapshot_settings();
  if (s.off || mode == "off") return {};
  // A dataset folder, or a GraphML or JSON file (a regular file: a FIFO or a device is read each
  // time). Not DOT: an edge statement such as a -> {b c} makes more relations than the file has bytes,
  // more rows than a snapshot's structural checks accept (docs/SNAPSHOTS.md). A name that is none of
  // these is the same usage error here as in the loader (exchange_format).
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) {
    if (!std::filesystem::is_regular_file(path, ec)) return {};
    const ExchangeFormat format = exchange_format(path);
    if (format != ExchangeFormat::graphml && format != ExchangeFormat::json) return {};
  }
  std::string folder = path;
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  if (s.beside) return {beside_snapshot_path(folder), true};
  std::string file = cached_snapshot_path(folder);
  const std::uint64_t bound = file.empty() ? 0 : snapshot_cache_bytes();
  return {std::move(file), mode == "always", bound};
}

// The key of the folder's files, or nullopt when the plan keeps no snapshot for it (too small, or a
// file that cannot be read: the loader then reports it as usual). A file unchanged since the
// snapshot there hashed it takes its stored hash (hash_snapshot_key): at L, reading and hashing the
// 902 MB of CSV was a fifth of a query's time from the snapshot.
std::optional<SnapshotKey> planned_key(const std::string& path, const SnapshotPlan& plan) {
  if (plan.file.empty()) return std::nullopt;
  try {
    SnapshotKey key = stat_snapshot_key(path);
    if (!plan.any_size && key.bytes() < snapshot_min_bytes) return std::nullopt;
    // A file over the size limit is refused by the reader, not loaded from an older snapshot.
    for (const SnapshotFile& f : key.files)
      if (f.regular && f.size > max_input_file_bytes()) return std::nullopt;
    const std::optional<SnapshotKey> stored = stored_snapshot_key(plan.file);
    hash_snapshot_key(path, key, stored ? &*stored : nullptr, load_options().threads);
    return key;
  } catch (const Error&) {
    return std::nullopt;
  }
}

// Keeps the cache folder under its bound once the snapshot `plan.file` was added to it, and says
// what went. Never removes that file, nor `also`: the dataset snapshot beside which a network
// snapshot was written (pruning it would make the next command read the files, and the snapshot
// that command writes would then push out the network's).
void prune_cache(const SnapshotPlan& plan, const std::string& also = {}) {
  const std::string folder = std::filesystem::path(plan.file).parent_path().string();
  std::vector<std::string> keep{plan.file};
  if (!also.empty()) keep.push_back(also);
  const CachePruning pruned = prune_snapshot_cache(folder, plan.cache_bytes, keep);
  if (pruned.snapshots > 0)
    std::cerr << "actorgraph: note: removed " << pruned.snapshots << (pruned.snapshots == 1 ? " snapshot" : " snapshots") << " ("
              << describe_size(pruned.bytes) << ") of the datasets used least recently from " << folder << ", to keep it under "
              << describe_bytes(plan.cache_bytes) << " (ACTORGRAPH_CACHE_MAX)\n";
  if (pruned.leftovers > 0)
    std::cerr << "actorgraph: note: removed " << pruned.leftovers << " unfinished snapshot " << (pruned.leftovers == 1 ? "file" : "files")
              << " (left by a command that was killed) from " << folder << "\n";
}

// Writes the snapshot of a dataset just read from the files, when they did not change while they
// were read; false when it wrote none. A failure costs one note on stderr, never the command
// (write_file leaves nothing).
bool store_snapshot(const std::string& path, const SnapshotPlan& plan, const SnapshotKey& key, const Dataset& d) {
  try {
    // A file changed meanwhile (its size or times, or another file in its place): the next command
    // reads the files again.
    const SnapshotKey now = stat_snapshot_key(path);
    if (!std::equal(now.files.begin(), now.files.end(), key.files.begin(), key.files.end(), same_state)) return false;
    const std::filesystem::path folder = std::filesystem::path(plan.file).parent_path();
    if (!folder.empty()) std::filesystem::create_directories(folder);
    write_snapshot(d, key, plan.file);
  } catch (const std::exception& e) {
    std::cerr << "actorgraph: note: no snapshot written for " << path << ": " << e.what() << "\n";
    return false;
  }
  if (plan.cache_bytes != 0) prune_cache(plan);
  return true;
}

// The snapshot a loaded dataset came with (read, or written by this process), by path: its network
// snapshots go beside it, under the same key.
struct KeptSnapshot {
  SnapshotPlan plan;
  SnapshotKey key;
};
std::map<std::string, KeptSnapshot>& kept_snapshots() {
  static auto& kept = *new std::map<std::string, KeptSnapshot>;  // never destroyed, as load()'s
  return kept;
}

// The network of `slice` of the dataset at `path` (see SlicedNetwork), read from its snapshot or
// built and written there; nullptr when the dataset has no snapshot to keep it beside, or the slice
// leaves something out and the dataset's snapshot is not in the cache folder (`--snapshot`: the
// dataset's folder has no bound, and every slice asked for would add a file to it). Writing it costs
// a note on failure, never the command.
std::unique_ptr<const Network> stored_network(const std::string& path, const Dataset& d, const Slice& slice, const NetworkOptions& o) {
  const auto kept = kept_snapshots().find(path);
  if (kept == kept_snapshots().end()) return nullptr;
  const KeptSnapshot& k = kept->second;
  const std::string slice_id = slice_snapshot_id(d, slice);
  if (!slice_id.empty() && k.plan.cache_bytes == 0) return nullptr;
  SnapshotPlan plan = k.plan;
  plan.file = network_snapshot_path(k.plan.file, o, slice_id);
  if (NetworkSnapshotLoad stored = read_network_snapshot(plan.file, d, slice, o, k.key); stored.network) {
    if (plan.cache_bytes != 0) mark_snapshot_used(plan.file);
    return std::move(stored.network);
  }
  auto built = std::make_unique<const Network>(d, slice, o);
  try {
    write_network_snapshot(*built, slice, o, k.key, plan.file);
  } catch (const std::exception& e) {
    std::cerr << "actorgraph: note: no network snapshot written for " << path << ": " << e.what() << "\n";
    return built;
  }
  if (plan.cache_bytes != 0) prune_cache(plan, k.plan.file);
  return built;
}

}  // namespace

void add_dataset_argument(CLI::App& command, std::string& path, bool snapshot_options) {
  command.add_option("DATASET", path, "Dataset folder (actors.csv, relations.csv, ...), or a .dot/.gv, .graphml or .json graph file")->required()->check(CLI::ExistingPath);
  if (snapshot_options) add_snapshot_options(command);
}

void add_snapshot_options(CLI::App& command) {
  SnapshotSettings& s = snapshot_settings();
  auto* beside = command.add_flag("--snapshot", s.beside,
                                  "Keep the dataset's snapshot beside it (DATASET/.actorgraph-snapshot; for a GraphML or JSON file "
                                  "DIR/NAME, DIR/.NAME.actorgraph-snapshot), whatever its size (docs/SNAPSHOTS.md)");
  command.add_flag("--no-snapshot", s.off, "Read no snapshot and write none: parse and validate the files")->excludes(beside);
}

void add_layout_seed_option(CLI::App& command, std::uint32_t& seed) {
  command.add_option("--layout-seed", seed, "Seed of the neato, fdp and sfdp layouts: another seed, another arrangement "
                     "(docs/RENDER.md)")
      ->check(CLI::Range(std::uint32_t{1}, max_layout_seed))
      ->capture_default_str();
}

void add_format_option(CLI::App& command, std::string& format) {
  command.add_option("--format", format, "Output format")->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();
}

void check_environment() {
  (void)load_options();
  (void)snapshot_cache_bytes();
  // The library takes a size it cannot read as its default; the tool refuses it, as every setting.
  if (const char* size = std::getenv("ACTORGRAPH_MAX_FILE_SIZE"); size != nullptr && *size != '\0' && !parse_byte_size(size))
    throw UsageError("ACTORGRAPH_MAX_FILE_SIZE must be a size such as 16G (bytes, or with a K, M or G suffix; at least 1), found '" +
                     std::string(size) + "'");
}

LoadOptions load_options() {
  LoadOptions options;
  const char* text = std::getenv("ACTORGRAPH_THREADS");
  if (text == nullptr || *text == '\0') return options;
  const std::string_view value(text);
  unsigned threads = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), threads);
  if (ec != std::errc() || end != value.data() + value.size() || threads > 1024)
    throw UsageError("ACTORGRAPH_THREADS must be a number of threads from 0 (one per core) to 1024, found '" + std::string(value) + "'");
  options.threads = threads;
  return options;
}

const Dataset& load(const std::string& path) {
  // Loaded once per process and path: `batch` runs many queries on one load. Commands never change
  // a loaded dataset (format and convert write new files from it). Never destroyed: freeing millions
  // of blocks at exit took longer than reading a snapshot, and the system reclaims the memory anyway.
  static auto& loaded = *new std::map<std::string, std::unique_ptr<const Dataset>>;
  if (const auto it = loaded.find(path); it != loaded.end()) return *it->second;
  // The snapshot of a folder, or of a GraphML or JSON file, when it matches the files (any refusal
  // means: read the files). Otherwise a folder, or a DOT, GraphML or JSON file converted through the
  // same validated loader; a syntax error in a graph file is one diagnostic (file:line[:column]),
  // reported like a CSV error.
  const SnapshotPlan plan = snapshot_plan(path);
  const std::optional<SnapshotKey> key = planned_key(path, plan);
  std::unique_ptr<const Dataset> d;
  bool snapshot = false;  // d came with one: read, or written now
  if (key)
    if (SnapshotLoad read = read_snapshot(plan.file, path, *key, load_options().threads); read.dataset) {
      d = std::make_unique<const Dataset>(std::move(*read.dataset));
      if (plan.cache_bytes != 0) mark_snapshot_used(plan.file);  // kept first when the cache is pruned
      snapshot = true;
    }
  if (!d) {
    CheckResult checked = check_dataset_any(path, load_options());
    if (!checked.dataset) throw DataError(std::move(checked.diagnostics));
    d = std::make_unique<const Dataset>(std::move(*checked.dataset));
    snapshot = key && store_snapshot(path, plan, *key, *d);
  }
  if (snapshot) kept_snapshots().insert_or_assign(path, KeptSnapshot{plan, *key});
  if (const std::size_t n = count_warnings(d->warnings()); n > 0)
    std::cerr << "actorgraph: note: " << path << " has " << n << (n == 1 ? " warning" : " warnings")
              << " (run 'actorgraph check " << path << "' to list them)\n";
  return *loaded.emplace(path, std::move(d)).first->second;
}

void note_slice(const Slice& slice) {
  if (const std::size_t n = slice.undated_excluded(); n > 0)
    std::cerr << "actorgraph: note: the date window leaves out " << n << (n == 1 ? " undated relation" : " undated relations") << "\n";
}

namespace {

std::unique_ptr<const Network> network_of(const std::string& path, const Dataset& d, const Slice& slice, const NetworkOptions& o) {
  if (auto stored = stored_network(path, d, slice, o)) return stored;
  return std::make_unique<const Network>(d, slice, o);
}

}  // namespace

SlicedNetwork::SlicedNetwork(const std::string& path, const Dataset& d, const SliceOptions& slice_options,
                             const NetworkOptions& network_options)
    : dataset(d), slice(d, slice_options, network_options.threads), held_(network_of(path, d, slice, network_options)), network(*held_) {}

const SlicedNetwork& sliced_network(const std::string& path, const SliceArgs& slice_args, const NetworkArgs& network_args) {
  // The key: every option that changes the slice or the network, as given (names are resolved by
  // the slice, so two spellings of one type are two entries, which is only a missed reuse).
  std::string key = path;
  const auto add = [&key](std::string_view part) { key.append(1, '\x1f').append(part); };
  for (const auto* list : {&slice_args.types, &slice_args.exclude_types, &slice_args.kinds}) {
    add(std::to_string(list->size()));
    for (const auto& item : *list) add(item);
  }
  for (const auto* date : {&slice_args.from, &slice_args.to, &slice_args.at}) add(*date);
  const NetworkOptions no = network_args.options();
  add(std::to_string(no.undirected) + std::to_string(no.collapse) + std::to_string(static_cast<int>(no.merge)));

  static auto& kept = *new std::deque<std::pair<std::string, std::unique_ptr<const SlicedNetwork>>>;  // never destroyed, as load()'s
  auto it = std::find_if(kept.begin(), kept.end(), [&](const auto& entry) { return entry.first == key; });
  if (it == kept.end()) {
    const Dataset& d = load(path);
    auto built = std::make_unique<const SlicedNetwork>(path, d, slice_args.options(), no);
    if (kept.size() == 4) kept.pop_front();  // no command holds one across queries
    kept.emplace_back(std::move(key), std::move(built));
    it = kept.end() - 1;
  }
  note_slice(it->second->slice);
  return *it->second;
}

}  // namespace actorgraph::cli
