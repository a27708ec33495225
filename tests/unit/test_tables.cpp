#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/dataset_writer.hpp"
#include "actorgraph/io/exchange.hpp"
#include "actorgraph/io/tables.hpp"
#include "actorgraph/io/text_file.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace actorgraph;
using actorgraph::test::TempDataset;

namespace {

std::string messages(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += d.str() + "\n";
  return out;
}

Table make_table(std::string name, std::vector<std::string> columns, const std::vector<std::vector<std::string_view>>& rows) {
  Table table(std::move(name), std::move(columns));
  for (const auto& row : rows) table.add_row(row);
  return table;
}

// The dataset of the files below, as tables; relations with their columns in another order.
DatasetTables small_tables() {
  DatasetTables t;
  t.actors = make_table("actors", {"id", "label", "kind", "aliases", "region"},
                        {{"ru", "Russia", "state", "RF|Russian Federation", "europe"},
                         {"tj", "Tajikistan", "state", "", "asia"},
                         {"nato", "NATO", "organization", "", ""}});
  t.relations = make_table("relations", {"type", "id", "source", "target", "start", "end", "sources", "weight", "quote"},
                           {{"troop_presence", "r1", "ru", "tj", "2004", "", "s1", "2", "a \"base\", with commas"},
                            {"meeting", "r2", "nato", "tj", "2005-03", "2005-03-04", "s1|s2", "", ""},
                            {"grant", "r3", "nato", "tj", "2010", "2012", "s2", "", ""}});
  t.sources = make_table("sources", {"id", "title", "date"}, {{"s1", "Article one", "2005"}, {"s2", "Article two", "2013-01-02"}});
  t.types = make_table("types", {"id", "description", "directed", "ongoing", "valence"},
                       {{"grant", "money given", "true", "false", "cooperative"}});
  t.blocs = make_table("blocs", {"bloc", "actor", "role"}, {{"west", "nato", "lead"}, {"east", "ru", "lead"}});
  t.other_files.push_back(DatasetFile{"README.md", "# Small\n\nA test dataset.\n"});
  return t;
}

const std::map<std::string, std::string> small_files{
    {"actors.csv", "id,label,kind,aliases,region\nru,Russia,state,RF|Russian Federation,europe\ntj,Tajikistan,state,,asia\n"
                   "nato,NATO,organization,,\n"},
    {"relations.csv", "id,source,target,type,start,end,sources,weight,quote\n"
                      "r1,ru,tj,troop_presence,2004,,s1,2,\"a \"\"base\"\", with commas\"\n"
                      "r2,nato,tj,meeting,2005-03,2005-03-04,s1|s2,,\n"
                      "r3,nato,tj,grant,2010,2012,s2,,\n"},
    {"sources.csv", "id,title,date\ns1,Article one,2005\ns2,Article two,2013-01-02\n"},
    {"types.csv", "id,description,directed,ongoing,valence\ngrant,money given,true,false,cooperative\n"},
    {"blocs.csv", "bloc,actor,role\nwest,nato,lead\neast,ru,lead\n"},
    {"README.md", "# Small\n\nA test dataset.\n"}};

// Every file of a folder, by name.
std::map<std::string, std::string> folder_files(const std::string& folder) {
  std::map<std::string, std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) out[entry.path().filename().string()] = read_text_file(entry.path().string());
  return out;
}

}  // namespace

TEST_CASE("A dataset built from tables in memory equals the same dataset read from its files", "[io][tables]") {
  TempDataset folder(small_files);
  const Dataset from_files = load_dataset(folder.path());
  const Dataset in_memory = build_dataset(small_tables(), "memory");
  CHECK(in_memory.path() == "memory");
  CHECK(in_memory.warnings().empty());
  CHECK(in_memory.actor_count() == 3);
  CHECK(in_memory.relation_count() == 3);
  CHECK(in_memory.source_count() == 2);
  CHECK(in_memory.blocs().size() == 2);
  CHECK(in_memory.types().all().size() == from_files.types().all().size());
  // Known columns first, in canonical order, then the others: as the CSV reader orders them.
  CHECK(in_memory.relations_table().columns() == from_files.relations_table().columns());
  for (RelationId r = 0; r < 3; ++r) {
    CHECK(in_memory.relation_source(r) == from_files.relation_source(r));
    CHECK(in_memory.relation_weight(r) == from_files.relation_weight(r));
    CHECK(in_memory.relation_extent(r).first == from_files.relation_extent(r).first);
    CHECK(in_memory.relation_extent(r).last == from_files.relation_extent(r).last);
    CHECK(in_memory.relation_attested(r) == from_files.relation_attested(r));
    CHECK(in_memory.relation_sources(r).size() == from_files.relation_sources(r).size());
  }
  CHECK(in_memory.match_actor("russian federation") == std::vector<ActorId>{0});
  // Everything else: both written in canonical form, file for file.
  TempDataset out_files({}), out_memory({});
  write_dataset(from_files, out_files.path());
  write_dataset(in_memory, out_memory.path());
  const auto written = folder_files(out_memory.path());
  CHECK(written.size() == 6);
  CHECK(written == folder_files(out_files.path()));
  CHECK(written.at("relations.csv") == "id,source,target,type,start,end,weight,sources,quote\n"
                                       "r1,ru,tj,troop_presence,2004,,2,s1,\"a \"\"base\"\", with commas\"\n"
                                       "r2,nato,tj,meeting,2005-03,2005-03-04,,s1|s2,\n"
                                       "r3,nato,tj,grant,2010,2012,,s2,\n");
}

TEST_CASE("Tables in memory are validated as files are, each problem naming its row and column", "[io][tables]") {
  DatasetTables t = small_tables();
  t.relations.add_row(std::vector<std::string_view>{"visit", "r4", "ru", "tajikistan", "2001-13"});
  t.actors = make_table("actors", {"id", "label"}, {{"ru", "Russia"}});
  const CheckResult result = check_tables(std::move(t), "mem");
  CHECK_FALSE(result.dataset);
  CHECK(messages(result.diagnostics) ==
        "mem/actors.csv: error: missing required column 'kind'\n"
        "mem/relations.csv: error: row 1, column 'target': unknown actor 'tj'\n"
        "mem/relations.csv: error: row 2, column 'source': unknown actor 'nato'\n"
        "mem/relations.csv: error: row 2, column 'target': unknown actor 'tj'\n"
        "mem/relations.csv: error: row 3, column 'source': unknown actor 'nato'\n"
        "mem/relations.csv: error: row 3, column 'target': unknown actor 'tj'\n"
        "mem/relations.csv: error: row 4, column 'target': unknown actor 'tajikistan'\n"
        "mem/relations.csv: error: row 4, column 'start': invalid start date '2001-13': month 13 is not between 01 and 12\n"
        "mem/blocs.csv: error: row 1, column 'actor': unknown actor 'nato'\n");
  CHECK_THROWS_AS(build_dataset(DatasetTables{}, "empty"), DataError);
  CHECK(messages(check_tables(DatasetTables{}, "empty").diagnostics) ==
        "empty/actors.csv: error: no actors.csv table (a dataset needs actors.csv and relations.csv; see docs/FORMAT.md)\n"
        "empty/relations.csv: error: no relations.csv table (a dataset needs actors.csv and relations.csv; see docs/FORMAT.md)\n");
}

TEST_CASE("A problem found in the tables keeps its position in every input format", "[io][tables][exchange]") {
  // The same mistake, a start date with month 13, in a CSV folder and in each graph format: at the
  // cell in CSV, at the edge's element in GraphML and JSON, at the edge in DOT (cgraph keeps no lines).
  const std::string why = "invalid start date '2001-13': month 13 is not between 01 and 12";
  CHECK(messages(check_dataset_files("d", {{"actors.csv", "id,label,kind\na,,state\nb,,state\n"},
                                           {"relations.csv", "id,source,target,type,start\nr1,a,b,visit,2001-13\n"}})
                     .diagnostics) == "d/relations.csv:2:14: error: " + why + "\n");
  CHECK(messages(check_dataset_text("digraph {\n  a\n  b\n  a -> b [key=r1, type=visit, start=\"2001-13\"]\n}\n", ExchangeFormat::dot, "g.dot")
                     .diagnostics) == "g.dot: error: edge 'a' -> 'b' (r1): " + why + "\n");
  CHECK(messages(check_dataset_text("<graphml>\n<key id='t' for='edge' attr.name='type'/><key id='s' for='edge' attr.name='start'/>\n"
                                    "<graph>\n<node id='a'/><node id='b'/>\n"
                                    "<edge id='r1' source='a' target='b'><data key='t'>visit</data><data key='s'>2001-13</data></edge>\n"
                                    "</graph></graphml>\n",
                                    ExchangeFormat::graphml, "g.graphml")
                     .diagnostics) == "g.graphml:5:1: error: edge 'a' -> 'b' (r1): " + why + "\n");
  CHECK(messages(check_dataset_text("{\"directed\": true, \"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\n \"links\": [\n"
                                    "  {\"source\": \"a\", \"target\": \"b\", \"key\": \"r1\", \"type\": \"visit\", \"start\": \"2001-13\"}]}\n",
                                    ExchangeFormat::json, "g.json")
                     .diagnostics) == "g.json:3:3: error: edge 'a' -> 'b' (r1): " + why + "\n");
}

TEST_CASE("Past 1000 problems in a file, those reported first are listed, in file order", "[io][tables]") {
  // 1100 pairs of rows that likely state one meeting: the check across rows reports them by actor
  // (a0000 first), which is the reverse of file order, so the first 100 pairs are the ones left out.
  std::string actors = "id,label,kind\n", relations = "id,source,target,type,start,sources\n";
  char line[96];
  for (int n = 0; n < 2200; ++n) {
    std::snprintf(line, sizeof line, "a%04d,,state\n", n);
    actors += line;
  }
  for (int i = 0; i < 1100; ++i) {
    const int k = 1099 - i;
    std::snprintf(line, sizeof line, "r%d,a%04d,a%04d,meeting,2001,s1\nr%d,a%04d,a%04d,meeting,2002,s2\n", 2 * i, 2 * k, 2 * k + 1,
                  2 * i + 1, 2 * k, 2 * k + 1);
    relations += line;
  }
  const CheckResult result = check_dataset_files(
      "d", {{"actors.csv", actors}, {"relations.csv", relations}, {"sources.csv", "id,title\ns1,One\ns2,Two\n"}});
  REQUIRE(result.diagnostics.size() == 1001);
  CHECK(result.diagnostics.front().str() ==
        "d/relations.csv:203:1: warning: possible disagreement: r200 says a1998 -- a1999, meeting, 2001 (s1); r201 says a1998 -- a1999, "
        "meeting, 2002 (s2) (if the sources disagree, name each relation in the other's disputes column)");
  CHECK(result.diagnostics[999].str().substr(0, 24) == "d/relations.csv:2201:1: ");
  CHECK(result.diagnostics.back().str() == "d/relations.csv: warning: 100 further warnings not listed");
}

TEST_CASE("Types a graph embeds and types its edges add are checked where each comes from", "[io][tables][exchange]") {
  // Declared types (a graph attribute holding types.csv) and a type only an edge names: the first
  // is reported at its line of the attribute, the second at the edge type.
  const std::string dot = "digraph {\n  actorgraph_types=\"id,description,directed,ongoing\nBad,d,true,false\n\"\n"
                          "  a -> b [type=\"Ally Of\"]\n}\n";
  CHECK(messages(check_dataset_text(dot, ExchangeFormat::dot, "g").diagnostics) ==
        "g: error: edge 'a' -> 'b' (e1): unknown relation type 'Ally Of'; declare new types in types.csv\n"
        "g: error: graph attribute actorgraph_types, line 2: type id 'Bad' is not a lower-case slug (a-z, 0-9, _)\n"
        "g: error: edge type 'Ally Of': type id 'Ally Of' is not a lower-case slug (a-z, 0-9, _)\n");
  // A row of an embedded table cites another by its line in the attribute's text.
  CHECK(messages(check_dataset_text("digraph {\n  actorgraph_blocs=\"bloc,actor,role\nw,a,lead\nw,a,member\n\"\n  a\n}\n", ExchangeFormat::dot, "g")
                     .diagnostics) == "g: error: graph attribute actorgraph_blocs, line 3: actor 'a' is listed twice in bloc 'w' (first at line 2)\n");
}

TEST_CASE("A dataset read from a graph file keeps its warnings at the element they concern", "[io][tables][exchange]") {
  const CheckResult result = check_dataset_text("<graphml><graph>\n<node id='a'/>\n  <edge source='a' target='a'/>\n</graph></graphml>\n",
                                                ExchangeFormat::graphml, "g.graphml");
  REQUIRE(result.dataset);
  REQUIRE(result.dataset->warnings().size() == 1);
  CHECK(result.dataset->warnings().front().str() == "g.graphml:3:3: warning: edge 'a' -> 'a' (e1): self-relation: 'a' is both source and target");
}

TEST_CASE("A column name a dataset cannot hold is refused in a graph as in a table in memory", "[io][tables][exchange]") {
  // An attribute name with a byte that is not UTF-8 (found by fuzz_dot): it would become a column.
  CHECK(messages(check_dataset_text("digraph {\n  a -> b [type\xBC=visit]\n}\n", ExchangeFormat::dot, "g").diagnostics) ==
        "g: error: relations.csv (converted): invalid UTF-8 (byte 0xBC); save the file as UTF-8\n");
  DatasetTables t = small_tables();
  t.actors = make_table("actors", {"id", "label", "kind", "x\xBC"}, {{"ru", "Russia", "state", ""}});
  t.relations = make_table("relations", {"id", "source", "target", "type"}, {});
  t.blocs = Table();
  CHECK(messages(check_tables(std::move(t), "mem").diagnostics) == "mem/actors.csv: error: invalid UTF-8 (byte 0xBC); save the file as UTF-8\n");
}
