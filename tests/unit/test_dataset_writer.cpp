#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/dataset_writer.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace actorgraph;
using actorgraph::test::data_path;
using actorgraph::test::read_file;
using actorgraph::test::TempDataset;

TEST_CASE("A canonical dataset is written back byte for byte", "[io][writer]") {
  const Dataset d = load_dataset(data_path("small"));
  // The relations' actor columns are in dictionary form (the actors' ids by actor number), which
  // the writer reads as it reads any column.
  const Table& relations = d.relations_table();
  CHECK((relations.column_cells(1).is_coded() && relations.column_cells(2).is_coded()));
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    CHECK(relations.cell(r, 1) == d.actor_id(d.relation_source(r)));
    CHECK(relations.cell(r, 2) == d.actor_id(d.relation_target(r)));
  }
  TempDataset out({});
  write_dataset(d, out.path());
  for (const char* file : {"actors.csv", "relations.csv", "sources.csv", "types.csv", "blocs.csv"}) {
    INFO(file);
    CHECK(read_file(out.path() + "/" + file) == read_file(data_path("small") + "/" + file));
  }
}

TEST_CASE("Writing sorts rows naturally, puts known columns first and keeps the rest", "[io][writer]") {
  TempDataset in({{"actors.csv", "\xEF\xBB\xBFnote,kind,label,id\r\nz,state,Bee,b\r\n\"x, y\",state,A,a\r\n"},
                  {"relations.csv", "type,id,target,source,extra\nvisit,r10,b,a,1\nvisit,r9,a,b,\"two\nlines\"\n"}});
  const Dataset d = load_dataset(in.path());
  CHECK(canonical_csv(d.actors_table()) == "id,label,kind,note\na,A,state,\"x, y\"\nb,Bee,state,z\n");
  CHECK(canonical_csv(d.relations_table()) == "id,source,target,type,extra\nr9,b,a,visit,\"two\nlines\"\nr10,a,b,visit,1\n");

  // Written once, the files are canonical: reading and writing them again changes nothing.
  TempDataset first({}), second({});
  write_dataset(d, first.path());
  write_dataset(load_dataset(first.path()), second.path());
  for (const char* file : {"actors.csv", "relations.csv"})
    CHECK(read_file(first.path() + "/" + file) == read_file(second.path() + "/" + file));
  CHECK_FALSE(std::filesystem::exists(first.path() + "/sources.csv"));  // absent files stay absent
}

TEST_CASE("Blocs are written by bloc, lead first", "[io][writer]") {
  TempDataset in({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\nc,C,state\n"},
                  {"relations.csv", "id,source,target,type\n"},
                  {"blocs.csv", "bloc,actor,role\nwest,a,member\neast,c,member\nwest,b,lead\neast,a,lead\n"}});
  CHECK(canonical_csv(load_dataset(in.path()).blocs_table()) ==
        "bloc,actor,role\neast,a,lead\neast,c,member\nwest,b,lead\nwest,a,member\n");
}
