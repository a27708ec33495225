// Fuzz target: the snapshot reader (decode_snapshot, io/snapshot.hpp). The first byte chooses what
// is read:
// - 0: the rest of the input is the snapshot, as is (header, version and length checks);
// - otherwise: the snapshot of a small built-in dataset with the rest of the input applied as edits,
//   each 5 bytes (a 32-bit little-endian offset, taken modulo the size, and a byte to XOR there); 1 to
//   4 bytes left over truncate the snapshot to that many bytes' value modulo its size.
// Either way the snapshot is then sealed (seal_snapshot: length and checksum made right), so that the
// edits get past the checksum to the structural checks. A snapshot that is read must be walkable:
// every accessor that follows a stored offset or number is called on every actor and relation.
#include "fuzz_common.hpp"

#include "actorgraph/io/snapshot.hpp"
#include "actorgraph/model/graph.hpp"

#include <boost/range/iterator_range.hpp>

namespace {

using namespace actorgraph;

const std::string& built_in_snapshot() {
  static const std::string bytes = [] {
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
    const Dataset d = load_dataset_files("fuzz", files);
    return encode_snapshot(d, SnapshotKey{});
  }();
  return bytes;
}

void walk(const Dataset& d) {
  for (ActorId a = 0; a < d.actor_count(); ++a) {
    (void)d.actor_label(a);
    (void)d.actor_aliases(a);
    (void)d.find_actor(d.actor_id(a));
    (void)d.match_actor(d.actor_label(a));
    (void)d.kind_name(d.actor_kind(a));
  }
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    (void)d.relation_sources(r);
    (void)d.relation_disputes(r);
    (void)d.find_relation(d.relation_id(r));
    (void)d.types()[d.relation_type(r)];
    (void)d.relation_part_of(r);
    (void)relation_dates(d, r);
    (void)d.relation_attested(r).str();
  }
  for (SourceId s = 0; s < d.source_count(); ++s) (void)d.source_date(s).str();
  const CoreGraph& g = d.graph().bgl();
  for (CoreVertex v = 0; v < d.graph().vertex_count(); ++v) {
    for (const auto& e : boost::make_iterator_range(out_edges(v, g))) (void)d.relation_source(d.graph().relation(e)), (void)target(e, g);
    for (const auto& e : boost::make_iterator_range(in_edges(v, g))) (void)d.relation_target(d.graph().relation(e)), (void)source(e, g);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string bytes;
  if (data[0] == 0) {
    bytes.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  } else {
    bytes = built_in_snapshot();
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
  const SnapshotLoad got = decode_snapshot(bytes, "fuzz", SnapshotKey{});
  actorgraph::fuzz::check(got.dataset.has_value() != !got.refused.empty(), "a snapshot is either read or refused with a reason");
  if (got.dataset) walk(*got.dataset);
  return 0;
}
