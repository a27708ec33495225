// Fuzz target: the snapshot readers (decode_snapshot and decode_network_snapshot, io/snapshot.hpp).
// The first byte chooses what is read:
// - bit 1 clear: a dataset snapshot; set: a network snapshot (of the whole built-in dataset below,
//   built with collapse when bit 2 is set too), read against that dataset;
// - bit 0 clear: the rest of the input is the snapshot, as is (header, version and length checks);
// - bit 0 set: the snapshot of the built-in dataset with the rest of the input applied as edits,
//   each 5 bytes (a 32-bit little-endian offset, taken modulo the size, and a byte to XOR there); 1 to
//   4 bytes left over truncate the snapshot to that many bytes' value modulo its size.
// Either way the snapshot is then sealed (seal_snapshot: length and checksum made right), so that the
// edits get past the checksum to the structural checks. A snapshot that is read must be walkable:
// every accessor that follows a stored offset or number is called on every actor and relation (for
// a network, on every vertex and link; a dataset's networks, built from its stored graph arrays,
// are walked too).
#include "fuzz_common.hpp"
#include "snapshot_walk.hpp"

#include "actorgraph/io/snapshot.hpp"
#include "actorgraph/model/graph.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

namespace {

using namespace actorgraph;

const Dataset& built_in_dataset() {
  static const Dataset dataset = [] {
    const std::map<std::string, std::string> files{
        {"actors.csv", "id,label,kind,aliases\nru,Russia,state,RF|Rossiya\ntj,Tajikistan,state,\ncsto,CSTO,organization,ODKB\n"},
        {"relations.csv",
         "id,source,target,type,start,end,directed,weight,sources,disputes,stance,status,attested\n"
         "r1,ru,tj,troop_presence,2004,,,,s1,,,,\n"
         "r2,tj,csto,membership,1994-05,,,2,s1|s2,,,,2001\n"
         "r3,ru,tj,statement,2005-03-02,,,,s2,r1,negative,planned,\n"},
        {"sources.csv", "id,title,date\ns1,One,2004\ns2,Two,2005-03\n"},
        {"types.csv", "id,description,directed,ongoing\nalliance,an alliance,false,true\n"},
        {"blocs.csv", "bloc,actor,role\nrussia_bloc,ru,lead\nrussia_bloc,tj,member\n"},
        {"README.md", "# Built-in\n"}};
    return load_dataset_files("fuzz", files);
  }();
  return dataset;
}

const std::string& built_in_snapshot() {
  static const std::string bytes = encode_snapshot(built_in_dataset(), SnapshotKey{});
  return bytes;
}

// The network snapshot of the built-in dataset, written through a file (write_network_snapshot is the
// one encoder), with collapse or without.
const std::string& built_in_network_snapshot(bool collapse) {
  static const std::array<std::string, 2> bytes = [] {
    std::array<std::string, 2> out;
    const std::string file = std::filesystem::temp_directory_path() / ("actorgraph-fuzz-network-" + std::to_string(::getpid()));
    for (const bool c : {false, true}) {
      const NetworkOptions options{false, c, Merge::count, 1};
      write_network_snapshot(Network(built_in_dataset(), Slice(built_in_dataset()), options), Slice(built_in_dataset()), options,
                             SnapshotKey{}, file);
      std::ifstream in(file, std::ios::binary);
      out[c] = std::string(std::istreambuf_iterator<char>(in), {});
    }
    std::filesystem::remove(file);
    return out;
  }();
  return bytes[collapse];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool network = data[0] & 2, collapse = data[0] & 4;
  std::string bytes;
  if ((data[0] & 1) == 0) {
    bytes.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  } else {
    bytes = network ? built_in_network_snapshot(collapse) : built_in_snapshot();
    std::size_t at = 1;
    for (; at + 5 <= size; at += 5) {
      const std::uint32_t offset = data[at] | data[at + 1] << 8 | data[at + 2] << 16 | static_cast<std::uint32_t>(data[at + 3]) << 24;
      bytes[offset % bytes.size()] = static_cast<char>(bytes[offset % bytes.size()] ^ data[at + 4]);
    }
    if (at < size) {
      std::uint32_t length = 0;
      for (std::size_t i = size; i-- > at;) length = length << 8 | data[i];
      bytes.resize(length % bytes.size());
    }
  }
  seal_snapshot(bytes);
  if (network) {
    const NetworkOptions options{false, collapse, Merge::count, 1};
    const NetworkSnapshotLoad got = decode_network_snapshot(bytes, built_in_dataset(), Slice(built_in_dataset()), options, SnapshotKey{});
    actorgraph::fuzz::check((got.network != nullptr) != !got.refused.empty(), "a network snapshot is either read or refused with a reason");
    if (got.network) fuzz::walk(*got.network);
    return 0;
  }
  const SnapshotLoad got = decode_snapshot(bytes, "fuzz", SnapshotKey{});
  actorgraph::fuzz::check(got.dataset.has_value() != !got.refused.empty(), "a snapshot is either read or refused with a reason");
  if (got.dataset) fuzz::walk(*got.dataset);
  return 0;
}
