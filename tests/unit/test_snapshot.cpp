#include "actorgraph/io/snapshot.hpp"

#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/exchange.hpp"
#include "actorgraph/io/text_file.hpp"
#include "actorgraph/model/graph.hpp"

#include "../fuzz/snapshot_walk.hpp"
#include "fixtures.hpp"
#include "io/detail/file_text.hpp"

#include <catch2/catch.hpp>

#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <thread>
#include <tuple>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace actorgraph;
using actorgraph::test::data_path;
using actorgraph::test::read_file;
using actorgraph::test::TempDataset;

namespace fs = std::filesystem;

namespace {

// Every file of a folder, hidden ones included (name -> bytes), for a TempDataset copy.
std::map<std::string, std::string> files_of(const std::string& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file()) files[entry.path().filename().string()] = read_file(entry.path().string());
  return files;
}

void write_bytes(const std::string& path, std::string_view bytes) { std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes; }

std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> arcs(const Graph& g) {
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> out;
  for (CoreVertex v = 0; v < g.vertex_count(); ++v) {
    for (const auto& e : boost::make_iterator_range(out_edges(v, g.bgl()))) out.emplace_back(v, target(e, g.bgl()), g.relation(e));
    for (const auto& e : boost::make_iterator_range(in_edges(v, g.bgl()))) out.emplace_back(source(e, g.bgl()) + (1u << 31), v, g.relation(e));
  }
  return out;
}

void require_same_table(const Table& a, const Table& b) {
  REQUIRE(a.name() == b.name());
  REQUIRE(a.columns() == b.columns());
  REQUIRE(a.rows() == b.rows());
  for (std::size_t r = 0; r < a.rows(); ++r)
    for (std::size_t c = 0; c < a.columns().size(); ++c) REQUIRE(a.cell(r, c) == b.cell(r, c));
}

// Every public accessor of two datasets gives the same answer.
void require_same(const Dataset& a, const Dataset& b) {
  require_same_table(a.actors_table(), b.actors_table());
  require_same_table(a.relations_table(), b.relations_table());
  require_same_table(a.sources_table(), b.sources_table());
  require_same_table(a.types_table(), b.types_table());
  require_same_table(a.blocs_table(), b.blocs_table());
  REQUIRE(a.other_files().size() == b.other_files().size());
  for (std::size_t i = 0; i < a.other_files().size(); ++i) {
    CHECK(a.other_files()[i].name == b.other_files()[i].name);
    CHECK(a.other_files()[i].bytes == b.other_files()[i].bytes);
  }
  CHECK(a.other_entries() == b.other_entries());
  REQUIRE(a.actor_count() == b.actor_count());
  CHECK(a.kinds() == b.kinds());
  for (ActorId x = 0; x < a.actor_count(); ++x) {
    REQUIRE(a.actor_id(x) == b.actor_id(x));
    REQUIRE(a.actor_label(x) == b.actor_label(x));
    REQUIRE(a.actor_kind(x) == b.actor_kind(x));
    REQUIRE(std::vector<std::string_view>(a.actor_aliases(x).begin(), a.actor_aliases(x).end()) ==
            std::vector<std::string_view>(b.actor_aliases(x).begin(), b.actor_aliases(x).end()));
    REQUIRE(b.find_actor(a.actor_id(x)) == x);
    REQUIRE(a.match_actor(a.actor_label(x)) == b.match_actor(a.actor_label(x)));
    for (auto alias : a.actor_aliases(x)) REQUIRE(a.match_actor(alias) == b.match_actor(alias));
  }
  CHECK(b.find_actor("no such actor") == std::nullopt);
  REQUIRE(a.relation_count() == b.relation_count());
  for (RelationId r = 0; r < a.relation_count(); ++r) {
    REQUIRE(a.relation_id(r) == b.relation_id(r));
    if (!a.relation_id(r).empty()) REQUIRE(b.find_relation(a.relation_id(r)) == a.find_relation(a.relation_id(r)));
    REQUIRE(a.relation_source(r) == b.relation_source(r));
    REQUIRE(a.relation_target(r) == b.relation_target(r));
    REQUIRE(a.relation_type(r) == b.relation_type(r));
    REQUIRE(a.relation_start(r) == b.relation_start(r));
    REQUIRE(a.relation_end(r) == b.relation_end(r));
    REQUIRE(a.relation_extent(r).first == b.relation_extent(r).first);
    REQUIRE(a.relation_extent(r).last == b.relation_extent(r).last);
    REQUIRE(a.relation_extent(r).dated == b.relation_extent(r).dated);
    REQUIRE(a.relation_directed(r) == b.relation_directed(r));
    REQUIRE(a.relation_weight(r) == b.relation_weight(r));
    REQUIRE(a.relation_magnitude(r).present() == b.relation_magnitude(r).present());
    if (a.relation_magnitude(r).present()) REQUIRE(a.relation_magnitude(r).midpoint() == b.relation_magnitude(r).midpoint());
    REQUIRE(std::vector<SourceId>(a.relation_sources(r).begin(), a.relation_sources(r).end()) ==
            std::vector<SourceId>(b.relation_sources(r).begin(), b.relation_sources(r).end()));
    REQUIRE(std::vector<RelationId>(a.relation_disputes(r).begin(), a.relation_disputes(r).end()) ==
            std::vector<RelationId>(b.relation_disputes(r).begin(), b.relation_disputes(r).end()));
    REQUIRE(a.relation_part_of(r) == b.relation_part_of(r));
    REQUIRE(a.relation_stance(r) == b.relation_stance(r));
    REQUIRE(a.relation_status(r) == b.relation_status(r));
    REQUIRE(a.relation_attested(r) == b.relation_attested(r));
  }
  REQUIRE(a.source_count() == b.source_count());
  for (SourceId s = 0; s < a.source_count(); ++s) {
    REQUIRE(a.source_id(s) == b.source_id(s));
    REQUIRE(b.find_source(a.source_id(s)) == s);
    REQUIRE(a.source_date(s) == b.source_date(s));
  }
  REQUIRE(a.types().size() == b.types().size());
  for (TypeId t = 0; t < a.types().size(); ++t) {
    const RelationType &x = a.types()[t], &y = b.types()[t];
    REQUIRE(std::tie(x.id, x.description, x.directed, x.ongoing, x.builtin, x.valence, x.dimension) ==
            std::tie(y.id, y.description, y.directed, y.ongoing, y.builtin, y.valence, y.dimension));
    REQUIRE(b.types().find(x.id) == t);
  }
  REQUIRE(a.blocs().size() == b.blocs().size());
  for (std::size_t i = 0; i < a.blocs().size(); ++i) {
    CHECK(std::tie(a.blocs()[i].id, a.blocs()[i].lead, a.blocs()[i].members) == std::tie(b.blocs()[i].id, b.blocs()[i].lead, b.blocs()[i].members));
    CHECK(b.find_bloc(a.blocs()[i].id) == &b.blocs()[i]);
  }
  CHECK(a.graph().vertex_count() == b.graph().vertex_count());
  CHECK(a.graph().arc_count() == b.graph().arc_count());
  CHECK(arcs(a.graph()) == arcs(b.graph()));
  REQUIRE(a.warnings().size() == b.warnings().size());
  for (std::size_t i = 0; i < a.warnings().size(); ++i) {
    CHECK(a.warnings()[i].str() == b.warnings()[i].str());
    CHECK(a.warnings()[i].count == b.warnings()[i].count);
  }
  CHECK(a.path() == b.path());
}

// Sets a file's modification time (and access time) to `when`.
void set_mtime(const std::string& path, const timespec& when) {
  const timespec times[2] = {when, when};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

timespec mtime_of(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mtim;
}

// A copy of a dataset in a temporary folder, loaded, with its snapshot beside it.
struct SnapshotFixture {
  explicit SnapshotFixture(const std::string& name) : copy(files_of(data_path(name))), loaded(load_dataset(copy.path())) {
    write_snapshot(loaded, snapshot_key(copy.path()), file());
  }
  std::string file() const { return beside_snapshot_path(copy.path()); }
  SnapshotLoad read() const { return read_snapshot(file(), copy.path(), snapshot_key(copy.path())); }
  // The snapshot read back, which must not be refused.
  SnapshotLoad read_back() const {
    SnapshotLoad got = read();
    INFO(got.refused);
    REQUIRE(got.dataset);
    return got;
  }
  TempDataset copy;
  const Dataset loaded;  // from the files
};

}  // namespace

TEST_CASE("A snapshot reads back as the dataset loaded from the files", "[io][snapshot]") {
  for (const char* name : {"small", "broken/warnings", "../../graphs/tajikistan"}) {
    INFO(name);
    TempDataset copy(files_of(data_path(name)));
    const Dataset loaded = load_dataset(copy.path());
    const SnapshotKey key = snapshot_key(copy.path());
    const std::string bytes = encode_snapshot(loaded, key);
    SnapshotLoad back = decode_snapshot(bytes, copy.path(), key);
    INFO(back.refused);
    REQUIRE(back.dataset);
    require_same(loaded, *back.dataset);
    // The checks on one thread or three (ACTORGRAPH_THREADS), the same dataset.
    for (const unsigned threads : {1u, 3u}) {
      const SnapshotLoad again = decode_snapshot(bytes, copy.path(), key, threads);
      REQUIRE(again.dataset);
      require_same(loaded, *again.dataset);
    }
    // The relations' actor columns, stored as nothing but a flag, are the actors' ids coded by the
    // relations' actors again.
    for (const std::size_t c : {1, 2}) {
      REQUIRE(loaded.relations_table().column_cells(c).is_coded());
      CHECK(back.dataset->relations_table().column_cells(c).is_coded());
    }
    // A dataset read from a snapshot stores again as the same bytes.
    CHECK(encode_snapshot(*back.dataset, key) == bytes);
    // write_snapshot writes it in pieces, never whole in memory: the same bytes, whatever the size of
    // the pieces (these datasets are smaller than the default 1 MiB piece, so small ones are asked for).
    const std::string file = copy.path() + "/.actorgraph-snapshot";
    for (const std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, std::size_t{1} << 20}) {
      INFO("pieces of " << piece << " bytes");
      write_snapshot(loaded, key, file, piece);
      std::ifstream in(file, std::ios::binary);
      CHECK(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()) == bytes);
    }
    // read_snapshot maps the file and the dataset's columns view it in place: the dataset, moved out
    // of its SnapshotLoad, and a table copied from it, stay whole after the others are gone.
    std::optional<Dataset> mapped;
    std::optional<Table> relations;
    {
      SnapshotLoad read = read_snapshot(file, copy.path(), key);
      INFO(read.refused);
      REQUIRE(read.dataset);
      mapped.emplace(std::move(*read.dataset));
    }
    require_same(loaded, *mapped);
    CHECK(encode_snapshot(*mapped, key) == bytes);
    relations.emplace(mapped->relations_table());
    mapped.reset();
    REQUIRE(relations->rows() == loaded.relation_count());
    for (RelationId r = 0; r < loaded.relation_count(); ++r)
      for (std::size_t c = 0; c < relations->columns().size(); ++c) REQUIRE(relations->cell(r, c) == loaded.relations_table().cell(r, c));
  }
}

TEST_CASE("A graph file's snapshot is keyed by the file alone and reads back as the dataset converted from it", "[io][snapshot]") {
  // broken/warnings: the warnings name the graph file, stored relative to the dataset's path.
  for (const char* name : {"small", "broken/warnings"}) {
    for (const ExchangeFormat format : {ExchangeFormat::json, ExchangeFormat::graphml, ExchangeFormat::dot}) {
      const std::string file_name = std::string("graph.") + (format == ExchangeFormat::json      ? "json"
                                                             : format == ExchangeFormat::graphml ? "graphml"
                                                                                                 : "dot");
      INFO(name << " as " << file_name);
      TempDataset folder(std::map<std::string, std::string>{{file_name, to_text(load_dataset(data_path(name)), format)}});
      const std::string path = folder.path() + "/" + file_name;
      CheckResult checked = check_dataset_any(path);
      REQUIRE(checked.dataset);
      const SnapshotKey key = snapshot_key(path);
      REQUIRE(key.files.size() == 1);
      CHECK(key.files[0].name == "/" + file_name);
      CHECK(key.files[0].regular);
      CHECK(key.files[0].size == fs::file_size(path));
      CHECK(key.files[0].hash != 0);
      const std::string snapshot = beside_snapshot_path(path);
      CHECK(snapshot == folder.path() + "/." + file_name + ".actorgraph-snapshot");
      write_snapshot(*checked.dataset, key, snapshot);
      SnapshotLoad back = read_snapshot(snapshot, path, key);
      INFO(back.refused);
      REQUIRE(back.dataset);
      require_same(*checked.dataset, *back.dataset);
      CHECK(back.dataset->path() == path);
      // Read through another spelling of the path (same name, same key): named as the files would be.
      const std::string other = folder.path() + "/./" + file_name;
      REQUIRE(snapshot_key(other) == key);
      SnapshotLoad again = read_snapshot(snapshot, other, key);
      REQUIRE(again.dataset);
      const CheckResult direct = check_dataset_any(other);
      REQUIRE(direct.dataset);
      require_same(*direct.dataset, *again.dataset);
      if (std::string_view(name) == "broken/warnings") {
        REQUIRE(!again.dataset->warnings().empty());
        CHECK(again.dataset->warnings().front().file == other);
        CHECK(direct.dataset->warnings().front().file == other);
      }
      // A folder that holds one file of that name, with the same size, time and bytes, is another key.
      fs::create_directory(folder.path() + "/as-folder");
      fs::copy_file(path, folder.path() + "/as-folder/" + file_name);
      const SnapshotKey of_folder = snapshot_key(folder.path() + "/as-folder");
      REQUIRE(of_folder.files.size() == 1);
      CHECK(of_folder.files[0].name == file_name);
      CHECK_FALSE(of_folder == key);
      // Another byte behind the same size and time: another key, so the snapshot is refused.
      struct stat before {};
      REQUIRE(::stat(path.c_str(), &before) == 0);
      std::string text = read_file(path);
      text[text.size() / 2] = text[text.size() / 2] == ' ' ? '\t' : ' ';
      write_bytes(path, text);
      const timespec times[2] = {before.st_atim, before.st_mtim};
      REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
      CHECK_FALSE(read_snapshot(snapshot, path, snapshot_key(path)).dataset);
    }
  }
}

TEST_CASE("A path that is neither a folder nor a regular file has no snapshot key", "[io][snapshot][errors]") {
  TempDataset folder({});
  const std::string fifo = folder.path() + "/graph.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(stat_snapshot_key(fifo), fifo + ": not a regular file, so it has no snapshot");
  CHECK_THROWS_AS(stat_snapshot_key(folder.path() + "/missing.json"), IoError);
}

TEST_CASE("A snapshot takes the path it is read through, and names the warnings' files under it", "[io][snapshot]") {
  TempDataset copy(files_of(data_path("broken/warnings")));
  const Dataset loaded = load_dataset(copy.path());
  REQUIRE(!loaded.warnings().empty());
  const SnapshotKey key = snapshot_key(copy.path());
  const std::string other = copy.path() + "/../" + fs::path(copy.path()).filename().string() + "//";
  SnapshotLoad back = decode_snapshot(encode_snapshot(loaded, key), other, key);
  REQUIRE(back.dataset);
  const Dataset again = load_dataset(other);
  CHECK(back.dataset->path() == again.path());
  REQUIRE(back.dataset->warnings().size() == again.warnings().size());
  for (std::size_t i = 0; i < again.warnings().size(); ++i) CHECK(back.dataset->warnings()[i].str() == again.warnings()[i].str());
}

TEST_CASE("A snapshot's key lists the folder's entries but hidden ones, with sizes and content hashes", "[io][snapshot]") {
  TempDataset copy({{"actors.csv", "id,label,kind\na,A,state\n"}, {"relations.csv", "id,source,target,type\n"}, {".hidden", "x"}, {"notes.txt", "n"}});
  fs::create_directory(fs::path(copy.path()) / "sub");
  const SnapshotKey key = snapshot_key(copy.path());
  REQUIRE(key.files.size() == 4);
  CHECK(key.files[0].name == "actors.csv");
  CHECK(key.files[1].name == "notes.txt");
  CHECK(key.files[2].name == "relations.csv");
  CHECK(key.files[3].name == "sub");
  CHECK(!key.files[3].regular);
  CHECK(key.files[0].size == 24);
  CHECK(key.bytes() == 24 + 1 + 22);
  CHECK(key.files[0].hash != key.files[2].hash);
  CHECK(stat_snapshot_key(copy.path()).files[0].hash == 0);
  CHECK(snapshot_key(copy.path()) == key);
}

TEST_CASE("A snapshot is refused when a file was touched, even with the same content", "[io][snapshot]") {
  SnapshotFixture f("small");
  REQUIRE(f.read().dataset);
  const std::string relations = f.copy.path() + "/relations.csv";
  timespec later = mtime_of(relations);
  later.tv_sec += 10;
  set_mtime(relations, later);
  const SnapshotLoad got = f.read();
  CHECK(!got.dataset);
  CHECK(got.refused == "relations.csv changed (size or modification time)");
}

TEST_CASE("A snapshot is refused when a byte changed behind the same size and modification time", "[io][snapshot]") {
  SnapshotFixture f("small");
  const std::string actors = f.copy.path() + "/actors.csv";
  const timespec was = mtime_of(actors);
  std::string text = read_file(actors);
  const std::size_t at = text.find("Tajikistan");
  REQUIRE(at != std::string::npos);
  text[at] = 'X';
  write_bytes(actors, text);
  set_mtime(actors, was);
  const SnapshotLoad got = f.read();
  CHECK(!got.dataset);
  CHECK(got.refused == "actors.csv changed (its content, behind the same size and time)");
}

TEST_CASE("A file unchanged since a snapshot hashed it takes the stored hash, and any sign of a change has it hashed again",
          "[io][snapshot]") {
  TempDataset copy(files_of(data_path("small")));
  // Settled at once (settle_ns 0) when the file system keeps fractions of a second, as the
  // temporary folder's does.
  const SnapshotKey key = [&] {
    SnapshotKey k = stat_snapshot_key(copy.path(), 0);
    hash_snapshot_key(copy.path(), k);
    return k;
  }();
  const auto at = std::find_if(key.files.begin(), key.files.end(), [](const SnapshotFile& f) { return f.name == "actors.csv"; });
  REQUIRE(at != key.files.end());
  const std::size_t i = static_cast<std::size_t>(at - key.files.begin());
  REQUIRE(key.files[i].settled);
  CHECK(key.files[i].inode != 0);
  CHECK(key.files[i].ctime_ns != 0);
  CHECK_FALSE(stat_snapshot_key(copy.path()).files[i].settled);  // changed less than snapshot_settle_ns ago

  // A stored hash that is not the file's shows which way the hash came.
  SnapshotKey known = key;
  known.files[i].hash = 12345;
  const auto hashed = [&](const SnapshotKey& k) {
    SnapshotKey now = stat_snapshot_key(copy.path(), 0);
    hash_snapshot_key(copy.path(), now, &k);
    return now.files[i].hash;
  };
  CHECK(hashed(known) == 12345);
  CHECK(hashed(key) == key.files[i].hash);
  for (const auto& change : std::vector<std::function<void(SnapshotFile&)>>{
           [](SnapshotFile& f) { f.settled = false; }, [](SnapshotFile& f) { f.ctime_ns += 1; }, [](SnapshotFile& f) { f.inode += 1; },
           [](SnapshotFile& f) { f.device += 1; }, [](SnapshotFile& f) { f.name = "other.csv"; }}) {
    SnapshotKey other = known;
    change(other.files[i]);
    CHECK(hashed(other) == key.files[i].hash);
  }

  // A byte changed behind the same size and modification time moves the change time: hashed again,
  // and the snapshot refused.
  const std::string file = beside_snapshot_path(copy.path());
  write_snapshot(load_dataset(copy.path()), key, file);
  const std::string actors = copy.path() + "/actors.csv";
  const timespec was = mtime_of(actors);
  std::string text = read_file(actors);
  text[text.find("Tajikistan")] = 'X';
  write_bytes(actors, text);
  set_mtime(actors, was);
  const std::optional<SnapshotKey> stored = stored_snapshot_key(file);
  REQUIRE(stored);
  CHECK(hashed(*stored) != key.files[i].hash);
  SnapshotKey now = stat_snapshot_key(copy.path(), 0);
  hash_snapshot_key(copy.path(), now, &*stored);
  CHECK(read_snapshot(file, copy.path(), now).refused == "actors.csv changed (its content, behind the same size and time)");
}

TEST_CASE("The key stored in a snapshot is read from its head, or not at all", "[io][snapshot]") {
  SnapshotFixture f("small");
  const SnapshotKey key = snapshot_key(f.copy.path());
  const std::optional<SnapshotKey> stored = stored_snapshot_key(f.file());
  REQUIRE(stored);
  CHECK(*stored == key);
  REQUIRE(stored->files.size() == key.files.size());
  for (std::size_t i = 0; i < key.files.size(); ++i) {
    CHECK(stored->files[i].device == key.files[i].device);
    CHECK(stored->files[i].inode == key.files[i].inode);
    CHECK(stored->files[i].ctime_ns == key.files[i].ctime_ns);
    CHECK(stored->files[i].settled == key.files[i].settled);
  }
  // A network snapshot's too.
  const NetworkOptions options;
  const std::string network = network_snapshot_path(f.file(), options);
  write_network_snapshot(Network(f.loaded, Slice(f.loaded), options), Slice(f.loaded), options, key, network);
  CHECK(stored_snapshot_key(network) == stored);
  // Its checksum is not checked (read_snapshot checks the whole); its length and identity are.
  std::string bytes = read_file(f.file());
  bytes[bytes.size() - 1] = static_cast<char>(bytes[bytes.size() - 1] ^ 1);
  write_bytes(f.file(), bytes);
  CHECK(stored_snapshot_key(f.file()) == stored);
  CHECK(f.read().refused == "corrupted (checksum mismatch)");
  write_bytes(f.file(), bytes.substr(0, bytes.size() - 8));
  CHECK_FALSE(stored_snapshot_key(f.file()));
  write_bytes(f.file(), "AGSNAP");
  CHECK_FALSE(stored_snapshot_key(f.file()));
  CHECK_FALSE(stored_snapshot_key(f.file() + ".none"));
}

TEST_CASE("A snapshot is refused when a file is added to or removed from the dataset", "[io][snapshot]") {
  SnapshotFixture f("small");
  write_bytes(f.copy.path() + "/notes.txt", "new");
  CHECK(f.read().refused == "the dataset has a new file, notes.txt");
  fs::remove(f.copy.path() + "/notes.txt");
  REQUIRE(f.read().dataset);
  write_bytes(f.copy.path() + "/.notes.txt.swp", "hidden files are not part of a dataset");
  REQUIRE(f.read().dataset);
  fs::remove(f.copy.path() + "/types.csv");
  CHECK(f.read().refused == "the dataset's files changed: types.csv was removed or renamed");
}

TEST_CASE("A truncated, extended or corrupted snapshot is refused", "[io][snapshot]") {
  SnapshotFixture f("small");
  const std::string bytes = read_file(f.file());
  const SnapshotKey key = snapshot_key(f.copy.path());
  CHECK(decode_snapshot(bytes.substr(0, bytes.size() - 8), f.copy.path(), key).refused.rfind("truncated or extended", 0) == 0);
  CHECK(decode_snapshot(bytes.substr(0, 10), f.copy.path(), key).refused == "truncated (10 bytes)");
  CHECK(decode_snapshot(bytes + "x", f.copy.path(), key).refused.rfind("truncated or extended", 0) == 0);
  CHECK(decode_snapshot("", f.copy.path(), key).refused == "truncated (0 bytes)");
  for (std::size_t at : {bytes.size() / 2, bytes.size() - 1, bytes.size() - 300}) {
    std::string corrupted = bytes;
    corrupted[at] = static_cast<char>(corrupted[at] ^ 0x20);
    const SnapshotLoad got = decode_snapshot(corrupted, f.copy.path(), key);
    CHECK(!got.dataset);
    CHECK(got.refused == "corrupted (checksum mismatch)");
  }
  // The file on disk, truncated: refused, and the same snapshot written again is used again.
  write_bytes(f.file(), bytes.substr(0, bytes.size() / 3));
  CHECK(f.read().refused.rfind("truncated or extended", 0) == 0);
  write_bytes(f.file(), bytes);
  CHECK(f.read().dataset);
}

TEST_CASE("A snapshot of another format version, build or kind of file is refused", "[io][snapshot]") {
  SnapshotFixture f("small");
  const std::string bytes = read_file(f.file());
  const SnapshotKey key = snapshot_key(f.copy.path());
  std::string other_version = bytes;
  other_version[8] = 99;
  CHECK(decode_snapshot(other_version, f.copy.path(), key).refused == "format version 99 (this build reads version 6)");
  std::string other_magic = bytes;
  other_magic[0] = 'X';
  CHECK(decode_snapshot(other_magic, f.copy.path(), key).refused == "not an actorgraph snapshot");
  std::string other_order = bytes;
  std::swap(other_order[12], other_order[15]);
  CHECK(decode_snapshot(other_order, f.copy.path(), key).refused == "written on a machine of another byte order");
  // The build identity follows the header: "actorgraph VERSION; ..." with another version.
  std::string other_build = bytes;
  const std::size_t at = other_build.find("actorgraph ");
  REQUIRE(at != std::string::npos);
  other_build[at + 11] = static_cast<char>(other_build[at + 11] + 1);
  seal_snapshot(other_build);
  CHECK(decode_snapshot(other_build, f.copy.path(), key).refused == "written by another build of actorgraph");
  CHECK(read_snapshot(f.copy.path() + "/actors.csv", f.copy.path(), key).refused == "not an actorgraph snapshot");
  CHECK(read_snapshot(f.copy.path() + "/none", f.copy.path(), key).refused == "no snapshot yet");
}

TEST_CASE("A snapshot path that is short, empty, a folder or a FIFO is refused with its reason, without waiting", "[io][snapshot]") {
  SnapshotFixture f("small");
  const SnapshotKey key = snapshot_key(f.copy.path());
  write_bytes(f.file(), "AGSNAP");
  CHECK(f.read().refused == "truncated (6 bytes)");
  write_bytes(f.file(), "");
  CHECK(f.read().refused == "truncated (0 bytes)");
  CHECK(read_snapshot(f.copy.path(), f.copy.path(), key).refused == "not a regular file");
  // A FIFO without a writer: opened without blocking, and refused.
  const std::string fifo = f.copy.path() + "/fifo.snapshot";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(read_snapshot(fifo, f.copy.path(), key).refused == "not a regular file");
}

TEST_CASE("A sealed snapshot with any one byte changed is refused or read, never read out of bounds", "[io][snapshot]") {
  // Sealing makes the checksum right again, so the change reaches the structural checks: run under
  // the sanitizers (scripts/test), any read out of bounds fails the test.
  TempDataset copy(files_of(data_path("small")));
  const Dataset loaded = load_dataset(copy.path());
  const SnapshotKey key = snapshot_key(copy.path());
  const std::string bytes = encode_snapshot(loaded, key);
  std::size_t refused = 0;
  for (std::size_t at = 32; at < bytes.size(); ++at) {
    for (const unsigned char flip : {0x01, 0x80, 0xFF}) {
      std::string changed = bytes;
      changed[at] = static_cast<char>(changed[at] ^ flip);
      seal_snapshot(changed);
      const SnapshotLoad got = decode_snapshot(changed, copy.path(), key);
      if (!got.dataset) {
        ++refused;
        continue;
      }
      actorgraph::fuzz::walk(*got.dataset);
    }
  }
  CHECK(refused > 0);
}

TEST_CASE("A sealed snapshot file with any one byte changed is refused or read where it is mapped, never out of bounds", "[io][snapshot]") {
  // As above, through read_snapshot: the columns are then views of the mapped file, not copies.
  SnapshotFixture f("small");
  const SnapshotKey key = snapshot_key(f.copy.path());
  const std::string bytes = read_file(f.file());
  const std::string file = f.copy.path() + "/.changed-snapshot";
  std::size_t refused = 0, read = 0;
  for (std::size_t at = 32; at < bytes.size(); ++at) {
    std::string changed = bytes;
    changed[at] = static_cast<char>(changed[at] ^ 0xFF);
    seal_snapshot(changed);
    write_bytes(file, changed);
    const SnapshotLoad got = read_snapshot(file, f.copy.path(), key);
    if (!got.dataset) {
      ++refused;
      continue;
    }
    ++read;
    actorgraph::fuzz::walk(*got.dataset);
  }
  CHECK(refused > 0);
  CHECK(read > 0);
}

TEST_CASE("A snapshot that cannot be written leaves nothing behind", "[io][snapshot]") {
  TempDataset copy(files_of(data_path("small")));
  const Dataset loaded = load_dataset(copy.path());
  const SnapshotKey key = snapshot_key(copy.path());
  // A folder where the snapshot should be, and a file where its folder should be.
  fs::create_directory(copy.path() + "/.actorgraph-snapshot");
  CHECK_THROWS_AS(write_snapshot(loaded, key, beside_snapshot_path(copy.path())), IoError);
  CHECK_THROWS_AS(write_snapshot(loaded, key, copy.path() + "/actors.csv/snapshot"), IoError);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(copy.path())) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{".actorgraph-snapshot", "actors.csv", "blocs.csv", "relations.csv", "sources.csv", "types.csv"});
}

TEST_CASE("Snapshots go to the cache folder the environment names, one per dataset path", "[io][snapshot]") {
  const char* was = std::getenv("ACTORGRAPH_CACHE_DIR");
  const std::string saved = was ? was : "";
  ::setenv("ACTORGRAPH_CACHE_DIR", "/tmp/actorgraph-cache-test", 1);
  CHECK(snapshot_cache_folder() == "/tmp/actorgraph-cache-test");
  const std::string a = cached_snapshot_path(data_path("small"));
  CHECK(a.rfind("/tmp/actorgraph-cache-test/", 0) == 0);
  CHECK(a.size() == std::string("/tmp/actorgraph-cache-test/").size() + 32 + std::string(".snapshot").size());
  CHECK(cached_snapshot_path(data_path("small") + "/") == a);  // the canonical path
  CHECK(cached_snapshot_path(data_path("pairs")) != a);
  if (was) ::setenv("ACTORGRAPH_CACHE_DIR", saved.c_str(), 1);
  else ::unsetenv("ACTORGRAPH_CACHE_DIR");
  CHECK(beside_snapshot_path("data/x") == "data/x/.actorgraph-snapshot");
}

namespace {

// Sets a file's modification time to `seconds` since 1970.
void set_mtime(const std::string& path, std::int64_t seconds) {
  const timespec times[2] = {{seconds, 0}, {seconds, 0}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

std::vector<std::string> names_in(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("The cache folder is pruned to its bound, the least recently used snapshots first", "[io][snapshot]") {
  const std::string a(32, 'a'), b(32, 'b'), c(32, 'c'), d(32, 'd');
  TempDataset cache({{a + ".snapshot", std::string(100, 'x')},
                     {b + ".snapshot", std::string(200, 'x')},
                     {c + ".snapshot", std::string(300, 'x')},
                     {d + ".snapshot", std::string(400, 'x')},
                     // Not snapshots of the cache: never touched, whatever their size.
                     {"notes.txt", std::string(5000, 'x')},
                     {"ABCDEF0123456789ABCDEF0123456789.snapshot", std::string(5000, 'x')},  // upper case
                     {a + ".snapshot.bak", std::string(5000, 'x')},
                     {a + ".network-2xc.snapshot", std::string(5000, 'x')},  // not a network snapshot's name
                     // write_file's temporary files: an old one (a killed write) and a fresh one.
                     {"." + b + ".snapshot.tmp-Ab12Cd", "x"},
                     {"." + c + ".snapshot.tmp-Ef34Gh", "x"}});
  const std::string dir = cache.path();
  const std::int64_t now = std::time(nullptr);
  set_mtime(dir + "/" + a + ".snapshot", now - 10);   // used most recently
  set_mtime(dir + "/" + b + ".snapshot", now - 300);  // the one just written: kept, counted first
  set_mtime(dir + "/" + c + ".snapshot", now - 20);
  set_mtime(dir + "/" + d + ".snapshot", now - 30);
  set_mtime(dir + "/." + b + ".snapshot.tmp-Ab12Cd", now - 2 * 3600);
  set_mtime(dir + "/." + c + ".snapshot.tmp-Ef34Gh", now - 60);
  fs::create_symlink(dir + "/" + d + ".snapshot", dir + "/" + std::string(32, 'e') + ".snapshot");  // a link: not followed

  // b (200, kept) + a (100) = 300; c (300) would make 600 > 550, so it goes; d (400) too: 700.
  const CachePruning pruned = prune_snapshot_cache(dir, 550, {dir + "/" + b + ".snapshot"});
  CHECK(pruned.snapshots == 2);
  CHECK(pruned.bytes == 700);
  CHECK(pruned.leftovers == 1);
  CHECK(names_in(dir) == std::vector<std::string>{"." + c + ".snapshot.tmp-Ef34Gh", "ABCDEF0123456789ABCDEF0123456789.snapshot",
                                                  a + ".network-2xc.snapshot", a + ".snapshot", a + ".snapshot.bak", b + ".snapshot",
                                                  std::string(32, 'e') + ".snapshot", "notes.txt"});

  // Within the bound: nothing more goes. The kept snapshot stays even when it alone is over the bound.
  CHECK(prune_snapshot_cache(dir, 300).snapshots == 0);
  const CachePruning tight = prune_snapshot_cache(dir, 1, {dir + "/" + b + ".snapshot"});
  CHECK(tight.snapshots == 1);
  CHECK(tight.bytes == 100);
  CHECK(fs::exists(dir + "/" + b + ".snapshot"));
  CHECK(!fs::exists(dir + "/" + a + ".snapshot"));

  // Equal times: by name, so the outcome does not depend on the order the folder lists.
  write_bytes(dir + "/" + c + ".snapshot", std::string(100, 'x'));
  write_bytes(dir + "/" + d + ".snapshot", std::string(100, 'x'));
  set_mtime(dir + "/" + c + ".snapshot", now - 5);
  set_mtime(dir + "/" + d + ".snapshot", now - 5);
  fs::remove(dir + "/" + b + ".snapshot");
  CHECK(prune_snapshot_cache(dir, 150).snapshots == 1);
  CHECK(fs::exists(dir + "/" + c + ".snapshot"));
  CHECK(!fs::exists(dir + "/" + d + ".snapshot"));

  // Least recently used first out: once one does not fit, every older one goes, even one that would.
  const std::string x(32, '1'), y(32, '2'), z(32, '3');
  for (const auto& [name, size, age] : {std::tuple{x, 300, 1}, std::tuple{y, 400, 2}, std::tuple{z, 50, 3}}) {
    write_bytes(dir + "/" + name + ".snapshot", std::string(static_cast<std::size_t>(size), 'x'));
    set_mtime(dir + "/" + name + ".snapshot", now - age);
  }
  const CachePruning lru = prune_snapshot_cache(dir, 400);
  CHECK(lru.bytes == 400 + 50 + 100);  // y, z, and c (100, used 5 s ago)
  CHECK(fs::exists(dir + "/" + x + ".snapshot"));
  CHECK(!fs::exists(dir + "/" + y + ".snapshot"));
  CHECK(!fs::exists(dir + "/" + z + ".snapshot"));
  CHECK(!fs::exists(dir + "/" + c + ".snapshot"));

  // A folder that does not exist: nothing to do, no error.
  CHECK(prune_snapshot_cache(dir + "/missing", 1).snapshots == 0);
}

TEST_CASE("Network snapshots in the cache folder are pruned as snapshots, and their unfinished files too", "[io][snapshot][network]") {
  const std::string a(32, 'a'), b(32, 'b');
  TempDataset cache({{a + ".snapshot", std::string(100, 'x')},
                     {a + ".network-00c.snapshot", std::string(100, 'x')},
                     {b + ".network-11m.snapshot", std::string(100, 'x')},
                     {b + ".network-00c-" + a + ".snapshot", std::string(100, 'x')},                     // a slice's
                     {b + ".network-00c-" + std::string(31, 'a') + ".snapshot", std::string(100, 'x')},  // not a slice's name
                     {"." + b + ".network-01s.snapshot.tmp-Ab12Cd", "x"},
                     {"." + b + ".network-01s-" + b + ".snapshot.tmp-Ab12Cd", "x"}});
  const std::string dir = cache.path();
  const std::int64_t now = std::time(nullptr);
  set_mtime(dir + "/" + a + ".snapshot", now - 10);
  set_mtime(dir + "/" + a + ".network-00c.snapshot", now - 20);
  set_mtime(dir + "/" + b + ".network-11m.snapshot", now - 30);
  set_mtime(dir + "/" + b + ".network-00c-" + a + ".snapshot", now - 40);
  set_mtime(dir + "/." + b + ".network-01s.snapshot.tmp-Ab12Cd", now - 2 * 3600);
  set_mtime(dir + "/." + b + ".network-01s-" + b + ".snapshot.tmp-Ab12Cd", now - 2 * 3600);
  const CachePruning pruned = prune_snapshot_cache(dir, 200);
  CHECK(pruned.snapshots == 2);
  CHECK(pruned.bytes == 200);
  CHECK(pruned.leftovers == 2);
  CHECK(names_in(dir) ==
        std::vector<std::string>{a + ".network-00c.snapshot", a + ".snapshot", b + ".network-00c-" + std::string(31, 'a') + ".snapshot"});
  fs::remove(dir + "/" + b + ".network-00c-" + std::string(31, 'a') + ".snapshot");

  // A network snapshot just written keeps its dataset's snapshot (older) with it, over the bound.
  set_mtime(dir + "/" + a + ".snapshot", now - 40);
  write_bytes(dir + "/" + b + ".snapshot", std::string(100, 'x'));  // used in between
  set_mtime(dir + "/" + b + ".snapshot", now - 30);
  const CachePruning both = prune_snapshot_cache(dir, 150, {dir + "/" + a + ".network-00c.snapshot", dir + "/" + a + ".snapshot"});
  CHECK(both.snapshots == 1);
  CHECK(names_in(dir) == std::vector<std::string>{a + ".network-00c.snapshot", a + ".snapshot"});
}

TEST_CASE("A snapshot marked as used gets the current time", "[io][snapshot]") {
  TempDataset cache({{std::string(32, 'a') + ".snapshot", "x"}});
  const std::string path = cache.path() + "/" + std::string(32, 'a') + ".snapshot";
  set_mtime(path, 1000);
  mark_snapshot_used(path);
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK(info.st_mtim.tv_sec >= std::time(nullptr) - 60);
  mark_snapshot_used(cache.path() + "/missing.snapshot");  // fails, and says nothing (noexcept)
}

namespace {

// Reads every byte that the dataset's actor and relation ids and labels view, so that each page of
// a snapshot's mapping they lie in is touched.
std::size_t touch_ids(const Dataset& d) {
  std::size_t sum = 0;
  for (ActorId a = 0; a < d.actor_count(); ++a)
    for (const char c : std::string(d.actor_id(a)) + std::string(d.actor_label(a))) sum += static_cast<unsigned char>(c);
  for (RelationId r = 0; r < d.relation_count(); ++r)
    for (const char c : d.relation_id(r)) sum += static_cast<unsigned char>(c);
  return sum;
}

// Runs `body` in a child process with SIGBUS handled as the command-line tool handles it (not by the
// test framework) and standard error sent to `stderr_path`; returns the child's wait status.
template <class Body>
int in_child(const std::string& stderr_path, Body&& body) {
  std::fflush(nullptr);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::signal(SIGBUS, SIG_DFL);  // then the tool's handler, as the command-line tool installs it
    exit_on_truncated_mapping();
    const int fd = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || ::dup2(fd, 2) < 0) ::_exit(20);
    body();
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return status;
}

}  // namespace

TEST_CASE("A snapshot truncated by another program while it is read ends the process with a message, not a crash",
          "[io][snapshot][errors]") {
  // 3,000 actors in a chain: a snapshot of many pages, whose ids and labels lie past the first one.
  std::string actors = "id,label,kind\n", relations = "id,source,target,type\n";
  for (int i = 0; i < 3000; ++i) {
    actors += "a" + std::to_string(10000 + i) + ",Actor number " + std::to_string(i) + " with a label of some length,state\n";
    if (i > 0) relations += "r" + std::to_string(i) + ",a" + std::to_string(9999 + i) + ",a" + std::to_string(10000 + i) + ",meeting\n";
  }
  TempDataset copy({{"actors.csv", actors}, {"relations.csv", relations}});
  const SnapshotKey key = snapshot_key(copy.path());
  const std::string file = copy.path() + "/.actorgraph-snapshot", err = copy.path() + "/.stderr";
  write_snapshot(load_dataset(copy.path()), key, file);
  REQUIRE(fs::file_size(file) > 64 * 4096);

  // Truncated in place after it was mapped and checked: the next read of a page past the new end.
  const int status = in_child(err, [&] {
    const SnapshotLoad got = read_snapshot(file, copy.path(), key);
    if (!got.dataset) ::_exit(10);
    if (touch_ids(*got.dataset) == 0) ::_exit(11);
    if (::truncate(file.c_str(), 32) != 0) ::_exit(12);
    (void)touch_ids(*got.dataset);
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);
  CHECK(read_file(err) == "actorgraph: error: " + file +
                              ": the snapshot was truncated by another program while this command read it; run the command again (it "
                              "reads the dataset's files and writes the snapshot anew)\n");

  // A SIGBUS that is not about a snapshot ends the process as it would have, with the signal.
  write_snapshot(load_dataset(copy.path()), key, file);
  const int other = in_child(err, [&] {
    const SnapshotLoad got = read_snapshot(file, copy.path(), key);
    if (!got.dataset) ::_exit(10);
    std::raise(SIGBUS);
  });
  CHECK(WIFSIGNALED(other));
  CHECK(WTERMSIG(other) == SIGBUS);
  CHECK(read_file(err).empty());
}

TEST_CASE("A dataset file truncated by another program while it is mapped ends the process with a message, not a crash",
          "[io][dataset][errors]") {
  std::string relations = "id,source,target,type\n";
  for (int i = 0; i < 20000; ++i) relations += "r" + std::to_string(i) + ",a,b,meeting\n";
  TempDataset copy({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\n"}, {"relations.csv", relations}});
  const std::string file = copy.path() + "/relations.csv", err = copy.path() + "/.stderr";
  const int status = in_child(err, [&] {
    std::string why;
    const auto text = detail::map_or_read_file(file, why, 1);
    if (!text || !text->mapped()) ::_exit(10);
    if (::truncate(file.c_str(), 10) != 0) ::_exit(12);
    volatile char last = text->bytes().back();  // a page past the new end
    (void)last;
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);
  CHECK(read_file(err) ==
        "actorgraph: error: " + file + ": the file was truncated by another program while this command read it; run the command again\n");
}

TEST_CASE("A snapshot whose table claims more rows than its files have bytes is refused", "[io][snapshot]") {
  // A blocs.csv with a header and no rows: its columns are columns of empty values, stored without
  // ends, so only this bound limits how many rows the snapshot can claim for it.
  auto files = files_of(data_path("small"));
  files["blocs.csv"] = "bloc,actor,role,sources,notes\n";
  TempDataset copy(files);
  const Dataset loaded = load_dataset(copy.path());
  const SnapshotKey key = snapshot_key(copy.path());
  std::string bytes = encode_snapshot(loaded, key);
  // The table's name (its last occurrence: the key and the warnings name the file before the tables
  // come), then its column names, then its row count (u64 items, strings padded to 8).
  const std::string name = "blocs.csv";
  std::size_t at = bytes.rfind(name);
  REQUIRE(at != std::string::npos);
  at += 16;  // "blocs.csv" and its padding to 16 bytes
  std::uint64_t columns = 0;
  std::memcpy(&columns, bytes.data() + at, 8);
  REQUIRE(columns == 5);
  at += 8;
  for (std::uint64_t c = 0; c < columns; ++c) {
    std::uint64_t length = 0;
    std::memcpy(&length, bytes.data() + at, 8);
    at += 8 + (length + 7) / 8 * 8;
  }
  std::uint64_t rows = 1;
  std::memcpy(&rows, bytes.data() + at, 8);
  REQUIRE(rows == 0);
  rows = std::uint64_t{1} << 40;
  std::memcpy(bytes.data() + at, &rows, 8);
  seal_snapshot(bytes);
  CHECK(decode_snapshot(bytes, copy.path(), key).refused == "corrupted (a table's length)");
  rows = key.bytes();  // as many rows as bytes: allowed by the bound, and read as empty rows
  std::memcpy(bytes.data() + at, &rows, 8);
  seal_snapshot(bytes);
  const SnapshotLoad within = decode_snapshot(bytes, copy.path(), key);
  REQUIRE(within.dataset);
  CHECK(within.dataset->blocs_table().rows() == key.bytes());
}

TEST_CASE("A dataset without sources or dates reads back from its snapshot", "[io][snapshot]") {
  // Empty date columns: their copies without padding are empty too (once a memset of a null
  // pointer, which UndefinedBehaviorSanitizer stops at).
  TempDataset copy({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\n"}, {"relations.csv", "id,source,target,type\nr1,a,b,meeting\n"}});
  const Dataset loaded = load_dataset(copy.path());
  REQUIRE(loaded.source_count() == 0);
  const SnapshotKey key = snapshot_key(copy.path());
  SnapshotLoad back = decode_snapshot(encode_snapshot(loaded, key), copy.path(), key);
  INFO(back.refused);
  REQUIRE(back.dataset);
  require_same(loaded, *back.dataset);
}

namespace {

// Every accessor of two networks gives the same values (of two equal datasets, or of one).
void check_same_links(const Network& got, const Network& want) {
  CHECK(got.directed() == want.directed());
  REQUIRE(got.vertex_bound() == want.vertex_bound());
  CHECK(std::equal(got.vertices().begin(), got.vertices().end(), want.vertices().begin(), want.vertices().end()));
  REQUIRE(got.link_count() == want.link_count());
  const auto same_links = [](std::span<const Link> a, std::span<const Link> b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const Link& x, const Link& y) { return x.weight == y.weight && x.other == y.other && x.id == y.id; });
  };
  for (Vertex v = 0; v < want.vertex_bound(); ++v) {
    CHECK(got.contains(v) == want.contains(v));
    CHECK(got.representative(v) == want.representative(v));
    CHECK(same_links(got.out_links(v), want.out_links(v)));
    CHECK(same_links(got.in_links(v), want.in_links(v)));
  }
  for (std::uint32_t link = 0; link < want.link_count(); ++link) {
    const auto a = got.evidence(link), b = want.evidence(link);
    CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end()));
  }
}

// As check_same_links, for two networks of the same dataset.
void check_same_network(const Network& got, const Network& want) {
  REQUIRE(&got.dataset() == &want.dataset());
  check_same_links(got, want);
}

}  // namespace

TEST_CASE("A snapshot's networks are built from its stored graph arrays, equal to the loaded dataset's", "[io][snapshot][network]") {
  const SnapshotFixture f("../../graphs/tajikistan");
  const Dataset& loaded = f.loaded;
  const SnapshotLoad read = f.read_back();
  const Dataset& d = *read.dataset;
  // The stored arrays, as the loader built them; in the mapping, not in the graph made later.
  const GraphArrays got = d.graph_arrays(), want = loaded.graph().arrays();
  const auto same = [](auto a, auto b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); };
  CHECK(same(got.out_starts, want.out_starts));
  CHECK(same(got.heads, want.heads));
  CHECK(std::equal(got.relations.begin(), got.relations.end(), want.relations.begin(), want.relations.end(),
                   [](ArcRelation x, ArcRelation y) { return x.relation == y.relation; }));
  CHECK(same(got.in_starts, want.in_starts));
  CHECK(same(got.tails, want.tails));
  CHECK(same(got.in_arcs, want.in_arcs));
  CHECK(got.heads.data() != d.graph().arrays().heads.data());
  CHECK(d.graph_arrays().heads.data() == got.heads.data());  // unchanged once the graph is made
  // Slices of under a quarter of the relations are built from their relations (types, window), the
  // others from the stored arrays (kinds, exclude).
  SliceOptions types, window, kinds, exclude;
  types.types = {"meeting", "visit", "agreement"};
  window.from = PartialDate::parse("2015");
  kinds.kinds = {"state", "organization"};
  exclude.exclude_types = {"meeting"};
  for (const SliceOptions* options : {&types, &window, &kinds, &exclude}) {
    const Slice a(d, *options), b(loaded, *options);
    REQUIRE(a.relation_count() == b.relation_count());
    REQUIRE(a.relation_count() > 0);
    REQUIRE(a.relation_count() < loaded.relation_count());
    REQUIRE((a.relation_count() >= loaded.relation_count() / 4) == (options == &kinds || options == &exclude));
    for (const bool undirected : {false, true})
      for (const Merge merge : {Merge::count, Merge::max}) {
        INFO(a.description() << " undirected " << undirected << " merge " << static_cast<int>(merge));
        const NetworkOptions network{undirected, false, merge, 2};
        check_same_links(Network(d, a, network), Network(loaded, b, network));
      }
  }
}

TEST_CASE("A network snapshot reads back as the network built, for every choice of options", "[io][snapshot][network]") {
  for (const char* name : {"small", "../../graphs/tajikistan"}) {
    TempDataset copy(files_of(data_path(name)));
    const Dataset d = load_dataset(copy.path());
    const SnapshotKey key = snapshot_key(copy.path());
    const Slice whole(d);
    for (const bool undirected : {false, true})
      for (const bool collapse : {false, true})
        for (const Merge merge : {Merge::count, Merge::sum, Merge::max}) {
          INFO(name << " undirected " << undirected << " collapse " << collapse << " merge " << static_cast<int>(merge));
          const NetworkOptions options{undirected, collapse, merge, 1};
          const Network built(d, whole, options);
          const std::string file = network_snapshot_path(beside_snapshot_path(copy.path()), options);
          write_network_snapshot(built, Slice(d), options, key, file, 64);  // in small pieces
          NetworkSnapshotLoad read = read_network_snapshot(file, d, Slice(d), NetworkOptions{undirected, collapse, merge, 2}, key);
          REQUIRE(read.refused == "");
          REQUIRE(read.network);
          check_same_network(*read.network, built);
          // Unmapped bytes (copied where they are not aligned) read back the same.
          NetworkSnapshotLoad decoded = decode_network_snapshot(read_file(file), d, Slice(d), options, key);
          REQUIRE(decoded.network);
          check_same_network(*decoded.network, built);
        }
  }
}

TEST_CASE("A slice's network snapshot is named and checked by the slice, and reads back as the network built", "[io][snapshot][network]") {
  TempDataset copy(files_of(data_path("../../graphs/tajikistan")));
  const Dataset d = load_dataset(copy.path());
  const SnapshotKey key = snapshot_key(copy.path());
  SliceOptions visit_options, window_options, kind_options;
  visit_options.types = {"visit"};
  window_options.from = PartialDate::parse("2010");
  // A slice that keeps everything is the whole dataset's: every kind named.
  kind_options.kinds.assign(d.kinds().begin(), d.kinds().end());
  const Slice whole(d), visits(d, visit_options), window(d, window_options), every_kind(d, kind_options);
  REQUIRE(visits.relation_count() < d.relation_count());
  REQUIRE(window.relation_count() < d.relation_count());
  CHECK(slice_snapshot_id(d, whole).empty());
  CHECK(slice_snapshot_id(d, every_kind).empty());
  const std::string id = slice_snapshot_id(d, visits);
  CHECK(id.size() == 32);
  CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(slice_snapshot_id(d, Slice(d, visit_options)) == id);
  CHECK(slice_snapshot_id(d, window) != id);
  CHECK(network_snapshot_path("/c/0123.snapshot", NetworkOptions{}, id) == "/c/0123.network-00c-" + id + ".snapshot");
  CHECK(network_snapshot_path("/d/.actorgraph-snapshot", NetworkOptions{}, id) == "/d/.actorgraph-snapshot.network-00c-" + id);

  for (const Slice* slice : {&visits, &window})
    for (const bool collapse : {false, true}) {
      const NetworkOptions options{false, collapse, Merge::sum, 1};
      const Network built(d, *slice, options);
      const std::string file = network_snapshot_path(beside_snapshot_path(copy.path()), options, slice_snapshot_id(d, *slice));
      write_network_snapshot(built, *slice, options, key, file);
      NetworkSnapshotLoad read = read_network_snapshot(file, d, *slice, options, key);
      REQUIRE(read.refused == "");
      REQUIRE(read.network);
      check_same_network(*read.network, built);
      // Under another slice, or as the whole dataset's: refused.
      CHECK(read_network_snapshot(file, d, slice == &visits ? window : visits, options, key).refused == "of another slice");
      CHECK(read_network_snapshot(file, d, whole, options, key).refused == "of another slice");
    }
  const std::string file = network_snapshot_path(beside_snapshot_path(copy.path()), NetworkOptions{});
  write_network_snapshot(Network(d, whole, NetworkOptions{}), whole, NetworkOptions{}, key, file);
  CHECK(read_network_snapshot(file, d, visits, NetworkOptions{}, key).refused == "of another slice");
  CHECK(read_network_snapshot(file, d, every_kind, NetworkOptions{}, key).network);
}

TEST_CASE("A network snapshot of other options, files or bytes is refused with its reason", "[io][snapshot][network]") {
  SnapshotFixture f("small");
  const Dataset d = load_dataset(f.copy.path());
  const SnapshotKey key = snapshot_key(f.copy.path());
  const NetworkOptions options;
  const std::string file = network_snapshot_path(f.file(), options);
  CHECK(file == f.file() + ".network-00c");
  CHECK(network_snapshot_path("/c/0123.snapshot", NetworkOptions{true, true, Merge::max}) == "/c/0123.network-11m.snapshot");
  write_network_snapshot(Network(d, Slice(d), options), Slice(d), options, key, file);
  const std::string bytes = read_file(file);
  REQUIRE(decode_network_snapshot(bytes, d, Slice(d), options, key).network);

  CHECK(decode_network_snapshot(bytes, d, Slice(d), NetworkOptions{false, false, Merge::sum}, key).refused ==
        "built with other network options");
  CHECK(decode_network_snapshot(bytes, d, Slice(d), NetworkOptions{true}, key).refused == "built with other network options");
  SnapshotKey touched = key;
  touched.files[0].mtime_ns += 1;
  CHECK(decode_network_snapshot(bytes, d, Slice(d), options, touched).refused ==
        touched.files[0].name + " changed (size or modification time)");
  CHECK(decode_network_snapshot(read_file(f.file()), d, Slice(d), options, key).refused == "not an actorgraph network snapshot");
  CHECK(read_network_snapshot(f.file() + ".none", d, Slice(d), options, key).refused == "no snapshot yet");
  CHECK(decode_network_snapshot(bytes.substr(0, bytes.size() - 8), d, Slice(d), options, key).refused.rfind("truncated or extended", 0) ==
        0);
  std::string corrupted = bytes;
  corrupted[bytes.size() / 2] = static_cast<char>(corrupted[bytes.size() / 2] ^ 1);
  CHECK(decode_network_snapshot(corrupted, d, Slice(d), options, key).refused == "corrupted (checksum mismatch)");

  // Another dataset under the same key (as a crafted file could claim): its counts differ.
  const Dataset other = load_dataset(data_path("../../graphs/tajikistan"));
  CHECK(decode_network_snapshot(bytes, other, Slice(other), options, key).refused == "of another dataset (its actor or relation count)");
}

TEST_CASE("A sealed network snapshot with any one byte changed is refused or read, never read out of bounds", "[io][snapshot][network]") {
  SnapshotFixture f("small");
  const Dataset d = load_dataset(f.copy.path());
  const SnapshotKey key = snapshot_key(f.copy.path());
  const NetworkOptions options{false, true, Merge::count, 1};
  const Network built(d, Slice(d), options);
  const std::string file = network_snapshot_path(f.file(), options);
  write_network_snapshot(built, Slice(d), options, key, file);
  const std::string bytes = read_file(file);
  std::size_t refused = 0;
  for (std::size_t at = 32; at < bytes.size(); ++at) {
    std::string changed = bytes;
    changed[at] = static_cast<char>(changed[at] + 1);
    seal_snapshot(changed);
    const NetworkSnapshotLoad got = decode_network_snapshot(changed, d, Slice(d), options, key);
    if (!got.network) {
      ++refused;
      continue;
    }
    // Read: every list and every piece of evidence stays within its arrays.
    for (Vertex v = 0; v < got.network->vertex_bound(); ++v)
      for (const Link& l : got.network->out_links(v)) {
        CHECK(l.other < d.actor_count());
        for (const RelationId r : got.network->evidence(l.id)) CHECK(r < d.relation_count());
      }
  }
  CHECK(refused > 0);
}

TEST_CASE("A snapshot's graph is made on first use, once, whichever threads ask for it at once", "[io][snapshot][threads]") {
  const SnapshotFixture f("../../graphs/tajikistan");
  const Dataset& loaded = f.loaded;
  const SnapshotLoad read = f.read_back();
  const Dataset& d = *read.dataset;
  std::vector<const Graph*> seen(4, nullptr);
  {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i) threads.emplace_back([&, i] { seen[i] = &d.graph(); });
    for (std::thread& t : threads) t.join();
  }
  for (const Graph* g : seen) CHECK(g == &d.graph());
  REQUIRE(d.graph().vertex_count() == loaded.graph().vertex_count());
  REQUIRE(d.graph().arc_count() == loaded.graph().arc_count());
  CHECK(arcs(d.graph()) == arcs(loaded.graph()));
}
