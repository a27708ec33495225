#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/dataset_writer.hpp"
#include "actorgraph/io/exchange.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace actorgraph;
using actorgraph::test::data_path;
using actorgraph::test::read_file;
using actorgraph::test::TempDataset;

namespace {

const Table* tables(const Dataset& d, int i) {
  const Table* all[] = {&d.actors_table(), &d.relations_table(), &d.sources_table(), &d.types_table(), &d.blocs_table()};
  return all[i];
}

// Every diagnostic, one per line, as the CLI prints them.
std::string messages(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += d.str() + "\n";
  return out;
}

Dataset load_text(const std::string& text, ExchangeFormat format, const std::string& origin = "g") {
  CheckResult result = check_dataset_text(text, format, origin);
  INFO(messages(result.diagnostics));
  REQUIRE(result.dataset);
  return std::move(*result.dataset);
}

// The diagnostics of a graph text that does not load.
std::string errors_of(const std::string& text, ExchangeFormat format, const std::string& origin = "g") {
  const CheckResult result = check_dataset_text(text, format, origin);
  CHECK_FALSE(result.dataset);
  return messages(result.diagnostics);
}

std::string cells(const Dataset& d, ActorId a) {
  std::string out;
  const Table& t = d.actors_table();
  for (std::size_t c = 0; c < t.columns().size(); ++c) out += (c ? "," : "") + t.columns()[c] + "=" + std::string(t.cell(a, c));
  return out;
}

std::string relation_cells(const Dataset& d, RelationId r) {
  std::string out;
  const Table& t = d.relations_table();
  for (std::size_t c = 0; c < t.columns().size(); ++c)
    if (!t.cell(r, c).empty()) out += (out.empty() ? "" : ",") + t.columns()[c] + "=" + std::string(t.cell(r, c));
  return out;
}

const ExchangeFormat text_formats[] = {ExchangeFormat::dot, ExchangeFormat::graphml, ExchangeFormat::json};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Round trips.

TEST_CASE("A dataset converted to DOT, GraphML or JSON and back gives the same files byte for byte", "[io][exchange]") {
  // graphs/tajikistan also has files the engine does not read (influence.csv, README.md): they are
  // carried too.
  for (const std::string& folder : {data_path("small"), std::string(ACTORGRAPH_SOURCE_DIR) + "/graphs/tajikistan"}) {
    INFO(folder);
    const Dataset original = load_dataset(folder);
    for (ExchangeFormat format : text_formats) {
      INFO(format_name(format));
      CHECK(exchange_losses(original, format).empty());
      const Dataset back = load_text(to_text(original, format), format, "g");
      const char* files[] = {"actors.csv", "relations.csv", "sources.csv", "types.csv", "blocs.csv"};
      for (int i = 0; i < 5; ++i) {
        INFO(files[i]);
        if (tables(original, i)->present()) CHECK(canonical_csv(*tables(back, i)) == read_file(folder + "/" + files[i]));
        else CHECK_FALSE(tables(back, i)->present());
      }
      REQUIRE(back.other_files().size() == original.other_files().size());
      for (std::size_t f = 0; f < original.other_files().size(); ++f) {
        INFO(original.other_files()[f].name);
        CHECK(back.other_files()[f].name == original.other_files()[f].name);
        CHECK(back.other_files()[f].bytes == read_file(folder + "/" + original.other_files()[f].name));
      }
      CHECK(back.warnings().size() == original.warnings().size());
    }
  }
  const Dataset tajikistan = load_dataset(std::string(ACTORGRAPH_SOURCE_DIR) + "/graphs/tajikistan");
  std::vector<std::string> names;
  for (const auto& f : tajikistan.other_files()) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{"README.md", "influence.csv"});
}

TEST_CASE("Files that are not text are carried as base64, and what no format can carry is listed", "[io][exchange]") {
  const std::string binary("\x89PNG\r\n\x1a\n\0\0\xff\xfe bytes", 18);
  TempDataset in({{"actors.csv", "id,label,kind\na,,state\n"},
                  {"relations.csv", "id,source,target,type\n"},
                  {"photo.png", binary},
                  {"bell.txt", "ding \x07\n"},
                  {"notes.txt", "plain \\ text\r\nwith \"quotes\"\n\n"},
                  {"empty", ""}});
  std::filesystem::create_directory(in.path() + "/scans");
  const Dataset d = load_dataset(in.path());
  REQUIRE(d.other_files().size() == 4);
  for (ExchangeFormat format : text_formats) {
    INFO(format_name(format));
    const std::string text = to_text(d, format);
    CHECK(text.find("actorgraph_file_base64:photo.png") != std::string::npos);
    CHECK(text.find("actorgraph_file_base64:bell.txt") != std::string::npos);  // GraphML cannot hold U+0007
    CHECK(text.find("actorgraph_file:notes.txt") != std::string::npos);
    const Dataset back = load_text(text, format);
    REQUIRE(back.other_files().size() == 4);
    for (std::size_t f = 0; f < 4; ++f) {
      CHECK(back.other_files()[f].name == d.other_files()[f].name);
      CHECK(back.other_files()[f].bytes == d.other_files()[f].bytes);
    }
    const auto losses = exchange_losses(d, format);
    REQUIRE(losses.size() == 1);
    CHECK(losses[0].name == "scans");
  }
  CHECK(exchange_losses(d, ExchangeFormat::dot)[0].reason ==
        "it is a folder, a special file or unreadable, and a DOT file carries only the dataset's readable regular files");
  CHECK(exchange_losses(d, ExchangeFormat::folder).size() == 1);
}

TEST_CASE("An embedded file must have a plain name that is not a dataset file", "[io][exchange]") {
  const auto j = ExchangeFormat::json;
  auto with = [](const std::string& member) { return "{\"graph\": {" + member + "}, \"nodes\": [], \"links\": []}"; };
  CHECK(errors_of(with("\"actorgraph_file:../evil\": \"x\""), j) ==
        "g: error: graph attribute actorgraph_file:../evil: '../evil' is not the name of a file a dataset folder can hold "
        "(a plain file name, not hidden)\n");
  CHECK(errors_of(with("\"actorgraph_file:actors.csv\": \"id\""), j) ==
        "g: error: graph attribute actorgraph_file:actors.csv: 'actors.csv' is not the name of a file a dataset folder can hold "
        "(that file is made from the nodes, edges or tables)\n");
  CHECK(errors_of(with("\"actorgraph_file:.hidden\": \"x\""), j).find("'.hidden' is not the name") != std::string::npos);
  CHECK(errors_of(with("\"actorgraph_file:a\": \"x\", \"actorgraph_file_base64:a\": \"eA==\""), j) ==
        "g: error: graph attribute actorgraph_file_base64:a: a second copy of file 'a'\n");
  CHECK(errors_of(with("\"actorgraph_file_base64:a\": \"not base64!\""), j) == "g: error: graph attribute actorgraph_file_base64:a: not valid base64\n");
}

TEST_CASE("GraphML and JSON give every relation its resolved direction, and the directed cell reads back", "[io][exchange]") {
  // meeting is undirected by default, visit directed; r3 says so itself.
  TempDataset in({{"actors.csv", "id,label,kind\na,,state\nb,,state\n"},
                  {"relations.csv", "id,source,target,type,directed\nr1,a,b,meeting,\nr2,a,b,visit,\nr3,b,a,visit,false\n"}});
  const Dataset d = load_dataset(in.path());
  const std::string graphml = to_graphml(d);
  CHECK_THAT(graphml, Catch::Contains("<key id=\"d6\" for=\"edge\" attr.name=\"actorgraph_directed\" attr.type=\"boolean\"/>"));
  CHECK_THAT(graphml, Catch::Contains("<edge id=\"r1\" source=\"a\" target=\"b\">\n      <data key=\"d4\">meeting</data>\n"
                                      "      <data key=\"d6\">false</data>\n    </edge>"));
  CHECK_THAT(graphml, Catch::Contains("<data key=\"d4\">visit</data>\n      <data key=\"d6\">true</data>"));
  const std::string json = to_json(d);
  CHECK_THAT(json, Catch::Contains("{\"source\": \"a\", \"target\": \"b\", \"key\": \"r1\", \"type\": \"meeting\", \"actorgraph_directed\": false}"));
  CHECK_THAT(json, Catch::Contains("\"key\": \"r3\", \"type\": \"visit\", \"directed\": \"false\", \"actorgraph_directed\": false}"));
  for (ExchangeFormat format : {ExchangeFormat::graphml, ExchangeFormat::json}) {
    const Dataset back = load_text(to_text(d, format), format);
    CHECK(canonical_csv(back.relations_table()) == canonical_csv(d.relations_table()));
  }
  // Without the relation header (a file another tool rebuilt), it stands in for a missing cell.
  const Dataset foreign = load_text("{\"directed\": true, \"nodes\": [{\"id\": \"a\"}], \"links\": [{\"source\": \"a\", \"target\": \"a\","
                                    " \"type\": \"visit\", \"actorgraph_directed\": false}]}",
                                    ExchangeFormat::json);
  CHECK(relation_cells(foreign, 0) == "id=e1,source=a,target=a,type=visit,directed=false");
  // A column of that name would clash.
  TempDataset clash({{"actors.csv", "id,label,kind\na,,state\n"}, {"relations.csv", "id,source,target,type,actorgraph_directed\nr1,a,a,visit,x\n"}});
  const Dataset c = load_dataset(clash.path());
  CHECK_THROWS_WITH(to_graphml(c), "GraphML output: relations.csv has a column named 'actorgraph_directed', which GraphML uses for each "
                                   "relation's resolved direction; rename the column");
  CHECK_THROWS_WITH(to_json(c), Catch::StartsWith("JSON output: relations.csv has a column named 'actorgraph_directed'"));
}

TEST_CASE("Values that trouble DOT, XML and JSON survive every format", "[io][exchange]") {
  // Backslash at the end, before a quote and before a newline; keywords and Cyrillic as ids; HTML-
  // looking text; CRLF, tab, leading and trailing spaces; an empty column; extra columns.
  TempDataset in({{"actors.csv",
                   "id,label,kind,aliases,note,empty\n"
                   "node,Ends with \\,state,,\"quote \\\"\" inside\",\n"
                   "Тоҷикистон,\"<b>not html</b> & < >\",state,Тоҷик|Tajik,\"line\\\nbreak\",\n"
                   "\"a \"\"b\"\" c\",\"  spaced  \",person,,\"crlf\r\nand\ttab\",\n"
                   "strict,\"<starts and ends with angle>\",state,,\\\\ double \\n \\N \\l,\n"},
                  {"relations.csv",
                   "id,source,target,type,weight,notes\n"
                   "r1,node,Тоҷикистон,visit,0.5,\"a->b /* c */ #hash\"\n"
                   "r2,Тоҷикистон,node,meeting,1e3,\n"
                   "r10,\"a \"\"b\"\" c\",strict,visit,,\\\n"
                   "r3,node,node,statement,,\n"}});
  const Dataset original = load_dataset(in.path());
  for (ExchangeFormat format : text_formats) {
    INFO(format_name(format));
    const std::string text = to_text(original, format);
    INFO(text);
    const Dataset back = load_text(text, format);
    for (int i = 0; i < 2; ++i) CHECK(canonical_csv(*tables(back, i)) == canonical_csv(*tables(original, i)));
    CHECK_FALSE(back.types_table().present());  // nothing to declare: only built-in types
  }
}

TEST_CASE("Any column name and value survives every format: backslashes, quotes, line breaks, Unicode", "[io][exchange]") {
  // Column names `k\ind`, `quote"col` and one with a line break; values that are a lone line break,
  // a line break between escapes (cgraph's lexer drops a real one there), trailing backslashes, `\N`,
  // CR alone, CRLF, long values Graphviz would wrap; ids with quotes, backslashes and line breaks.
  const Dataset original = load_dataset(data_path("exchange/troublesome"));
  REQUIRE(original.actors_table().column("k\\ind"));
  for (ExchangeFormat format : text_formats) {
    INFO(format_name(format));
    const std::string text = to_text(original, format);
    const Dataset back = load_text(text, format);
    for (int i = 0; i < 5; ++i) CHECK(canonical_csv(*tables(back, i)) == canonical_csv(*tables(original, i)));
    // notes.txt: backslashes, quotes, lone line breaks, CRLF, a long line; empty.txt: nothing.
    REQUIRE(back.other_files().size() == 2);
    CHECK(back.other_files()[0].bytes.empty());
    CHECK(back.other_files()[1].bytes == read_file(data_path("exchange/troublesome/notes.txt")));
  }
  // DOT writes a line break as `\n` (Graphviz draws it as one), never as a real line break.
  const std::string dot = to_dot(original);
  CHECK(dot.find("\"\\n\"") != std::string::npos);
  CHECK(std::count(dot.begin(), dot.end(), '\n') == static_cast<std::ptrdiff_t>(4 + original.other_files().size() + original.actor_count() + original.relation_count()));
}

TEST_CASE("DOT from older actorgraph versions and hand-written files keep their backslashes and line breaks", "[io][exchange][dot]") {
  // A real line break (what actorgraph wrote before) still reads as one; `\n` outside labels stays
  // as written in a file actorgraph did not write; a backslash in an attribute name is halved.
  const auto files = graph_to_dataset_files("digraph { a [note=\"x\ny\", \"k\\\\ind\"=\"p\\\\q \\n\"] }", ExchangeFormat::dot, "g");
  CHECK(files.at("actors.csv") == "id,label,kind,k\\ind,note\na,,node,p\\q \\n,\"x\ny\"\n");
  const auto ours = graph_to_dataset_files("digraph { actorgraph_actor_columns=\"id,label,kind,note\"; a [note=\"x\\ny\\\\n\"] }",
                                           ExchangeFormat::dot, "g");
  CHECK(ours.at("actors.csv") == "id,label,kind,note\na,,node,\"x\ny\\n\"\n");
}

TEST_CASE("Ids and keys beginning with a percent sign survive DOT, and a foreign DOT file with one is refused", "[io][exchange][dot]") {
  // cgraph takes such a name for one of its anonymous ids: "%a" read back as "%3" and an edge key
  // "%2" was dropped (found by fuzz_graphml). actorgraph writes them `\%`.
  TempDataset in({{"actors.csv", "id,label,kind\n%a,,state\nb,,state\n%,,state\n"},
                  {"relations.csv", "id,source,target,type\n%2,%a,b,visit\nr1,%,b,visit\n"}});
  const Dataset original = load_dataset(in.path());
  const std::string dot = to_dot(original);
  CHECK(dot.find("  \"\\%a\" -> b [key=\"\\%2\"") != std::string::npos);
  const Dataset back = load_text(dot, ExchangeFormat::dot);
  for (int i = 0; i < 2; ++i) CHECK(canonical_csv(*tables(back, i)) == canonical_csv(*tables(original, i)));
  // A '%' elsewhere in a value is written as it is.
  CHECK(dot.find("\\%\"") != std::string::npos);
  CHECK(errors_of("digraph {\n  \"%a\" -> b\n}\n", ExchangeFormat::dot) ==
        "g:2:4: error: a node name beginning with '%' cannot be read: Graphviz's DOT reader takes it for an anonymous id and gives "
        "it another name; rename it, or write the '%' as '\\%' in a file with actorgraph's embedded tables\n");
  CHECK(errors_of("digraph {\n  a -> b [label=\"%x\", key = \"%2\"]\n}\n", ExchangeFormat::dot) ==
        "g:2:30: error: an edge key beginning with '%' cannot be read: Graphviz's DOT reader takes it for an anonymous id and drops "
        "it; rename it, or write the '%' as '\\%' in a file with actorgraph's embedded tables\n");
  // A label beginning with '%' is no name: it loads.
  CHECK(load_text("digraph { a [label=\"%x\"] }", ExchangeFormat::dot).actor_count() == 1);
}

TEST_CASE("A NUL character is refused by every reader, with its position", "[io][exchange]") {
  CHECK(errors_of(std::string("digraph {\n  a [label=\"x\0y\"]\n}", 27), ExchangeFormat::dot) ==
        "g:2:14: error: NUL byte in the file: a dataset cannot hold a NUL character; remove it\n");
  CHECK(errors_of("{\"nodes\": [\n  {\"id\": \"a\\u0000\"}], \"links\": []}", ExchangeFormat::json) ==
        "g:2:12: error: \\u0000 (NUL) in a string: a dataset cannot hold a NUL character; remove it\n");
  CHECK(errors_of(std::string("{\"nodes\": [{\"id\": \"a\0\"}], \"links\": []}", 32), ExchangeFormat::json) ==
        "g:1:21: error: control character inside a string (escape it as \\u00XX)\n");
  CHECK(errors_of("<graphml><graph><node id='a&#0;'/></graph></graphml>", ExchangeFormat::graphml) ==
        "g:1:28: error: character reference '&#0;' names a character XML does not allow\n");
}

TEST_CASE("The DOT writer writes one statement per line, quoting only what needs it", "[io][exchange][dot]") {
  TempDataset in({{"actors.csv", "id,label,kind,score\na,Alpha,state,\nedge,\"Say \"\"hi\"\"\",state,0.25\nб,C:\\x\\,person,\n"},
                  {"relations.csv", "id,source,target,type,directed\nr1,a,б,meeting,\nr2,edge,a,visit,false\n"}});
  const Dataset d = load_dataset(in.path());
  CHECK(to_dot(d) ==
        "digraph actorgraph {\n"
        "  actorgraph_actor_columns=\"id,label,kind,score\";\n"
        "  actorgraph_relation_columns=\"id,source,target,type,directed\";\n"
        "  a [label=Alpha, kind=state];\n"
        "  \"edge\" [label=\"Say \\\"hi\\\"\", kind=state, score=0.25];\n"
        "  \"б\" [label=\"C:\\\\x\\\\\", kind=person];\n"
        "  a -> \"б\" [key=r1, type=meeting];\n"
        "  \"edge\" -> a [key=r2, type=visit, directed=false];\n"
        "}\n");

  SECTION("annotated with scores and restricted to some actors, for drawing") {
    DotOptions options;
    options.actors = {true, false, true};
    options.node_attributes["pagerank"] = {"0.5", "0.2", "0.3"};
    options.node_attributes["label"] = {"A (0.5)", "", "C"};
    options.embed_tables = false;
    CHECK(to_dot(d, options) ==
          "digraph actorgraph {\n"
          "  a [label=\"A (0.5)\", kind=state, pagerank=0.5];\n"
          "  \"б\" [label=C, kind=person, pagerank=0.3];\n"
          "  a -> \"б\" [key=r1, type=meeting];\n"
          "}\n");
  }
  SECTION("an annotation of the wrong size is refused") {
    DotOptions options;
    options.node_attributes["pagerank"] = {"0.5"};
    CHECK_THROWS_WITH(to_dot(d, options), "DOT output: node attribute 'pagerank' has 1 values for 3 actors");
  }
}

TEST_CASE("GraphML and JSON output declare their keys and types", "[io][exchange]") {
  TempDataset in({{"actors.csv", "id,label,kind\na,A & B,state\nb,,state\n"},
                  {"relations.csv", "id,source,target,type,weight\nr1,a,b,visit,2.5\nr2,a,b,visit,\n"}});
  const Dataset d = load_dataset(in.path());
  const std::string graphml = to_graphml(d);
  CHECK_THAT(graphml, Catch::Contains("<key id=\"d5\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>"));
  CHECK_THAT(graphml, Catch::Contains("<graph id=\"G\" edgedefault=\"directed\">"));
  CHECK_THAT(graphml, Catch::Contains("    <node id=\"a\">\n      <data key=\"d2\">A &amp; B</data>\n"));
  CHECK_THAT(graphml, Catch::Contains("    <edge id=\"r2\" source=\"a\" target=\"b\">\n      <data key=\"d4\">visit</data>\n"
                                      "      <data key=\"d6\">true</data>\n    </edge>\n"));
  const std::string json = to_json(d);
  CHECK_THAT(json, Catch::Contains("{\"source\": \"a\", \"target\": \"b\", \"key\": \"r1\", \"type\": \"visit\", \"weight\": 2.5, "
                                   "\"actorgraph_directed\": true}"));
  CHECK_THAT(json, Catch::Contains("{\"id\": \"b\", \"kind\": \"state\"}"));
}

TEST_CASE("A relation column named 'key' cannot be written to DOT or JSON, which use it for the id", "[io][exchange]") {
  TempDataset in({{"actors.csv", "id,label,kind\na,,state\n"}, {"relations.csv", "id,source,target,type,key\nr1,a,a,visit,k\n"}});
  const Dataset d = load_dataset(in.path());
  CHECK_THROWS_WITH(to_dot(d), "DOT output: relations.csv has a column named 'key', which DOT uses for the relation id; rename the column");
  CHECK_THROWS_WITH(to_json(d), "JSON output: relations.csv has a column named 'key', which JSON uses for the relation id; rename the column");
  CHECK(canonical_csv(load_text(to_graphml(d), ExchangeFormat::graphml).relations_table()) == canonical_csv(d.relations_table()));
}

TEST_CASE("GraphML cannot hold control characters and says so", "[io][exchange][graphml]") {
  TempDataset in({{"actors.csv", "id,label,kind\na,bell \x07,state\n"}, {"relations.csv", "id,source,target,type\n"}});
  const Dataset d = load_dataset(in.path());
  CHECK_THROWS_WITH(to_graphml(d), "GraphML cannot hold the control character U+0007 (XML 1.0 does not allow it); "
                                   "remove it from the dataset or convert to DOT or JSON");
  CHECK(load_text(to_json(d), ExchangeFormat::json).actors_table().cell(0, 1) == "bell \x07");
  CHECK(load_text(to_dot(d), ExchangeFormat::dot).actors_table().cell(0, 1) == "bell \x07");
}

// ---------------------------------------------------------------------------------------------
// DOT written by people and other tools.

TEST_CASE("A hand-drawn DOT file with clusters, defaults, HTML labels and ports loads", "[io][exchange][dot]") {
  const Dataset d = read_dataset_any(data_path("exchange/central_asia.dot"));
  REQUIRE(d.actor_count() == 9);
  REQUIRE(d.relation_count() == 10);
  CHECK(d.path() == data_path("exchange/central_asia.dot"));
  // Nodes in file order; defaults applied; the innermost cluster; HTML labels as text + raw HTML.
  CHECK(cells(d, 0) == "id=nato,label=NATO\nNorth Atlantic Treaty\nOrganization,kind=organization,aliases=,fillcolor=lightblue,"
                       "label_html=<b>NATO</b><br/>North Atlantic Treaty<br/>Organization,shape=box,style=filled,cluster=cluster_nato");
  CHECK(cells(d, 3) == "id=pfp,label=Partnership\nfor Peace,kind=program,aliases=,fillcolor=lightblue,label_html=,shape=ellipse,"
                       "style=filled,cluster=cluster_pfp");
  CHECK(cells(d, 5) == "id=csto,label=CSTO & allies,kind=organization,aliases=,fillcolor=#eeeeee,label_html=CSTO &amp; allies,"
                       "shape=box,style=filled,cluster=cluster_csto");
  // Quoted ids with escapes; \l line ends; \N is the default label (the id is shown).
  CHECK(d.actor_id(7) == "mod \"TJ\"");
  CHECK(d.actor_label(7) == "Ministry of Defence\n(Dushanbe)");
  CHECK(d.actor_id(8) == "C:\\archive");
  CHECK(d.actor_label(8) == "C:\\archive");
  CHECK(d.actor_id(*d.find_actor("Тоҷикистон")) == "Тоҷикистон");
  CHECK(d.match_actor("russia").size() == 1);

  // Keys are relation ids; anonymous edges are numbered in file order; ports are kept.
  CHECK(relation_cells(d, *d.find_relation("pfp2002")) == "id=pfp2002,source=Тоҷикистон,target=pfp,type=membership,"
                                                          "start=2002-02-20,color=gray40,label=joins");
  CHECK(relation_cells(d, *d.find_relation("e4")) == "id=e4,source=uk,target=mod \"TJ\",type=funding,start=2009,end=2011,"
                                                     "weight=2.5,color=gray40,headport=w,tailport=e");
  CHECK(d.relation_weight(*d.find_relation("e1")) == 3);
  CHECK_FALSE(d.relation_directed(*d.find_relation("e7")));  // directed=false
  // An edge chain a -> b -> c is two relations; the type `cites` is declared for the file.
  CHECK(d.relation_field(*d.find_relation("e5"), "target") == "csto");
  CHECK(canonical_csv(d.types_table()) == "id,description,directed,ongoing\n"
                                          "cites,declared by actorgraph for the edges of central_asia.dot,true,false\n");
}

TEST_CASE("An undirected DOT graph gives undirected relations of a declared type 'link'", "[io][exchange][dot]") {
  const Dataset d = read_dataset_any(data_path("exchange/exercises.gv"));
  CHECK(canonical_csv(d.actors_table()) == "id,label,kind,population\n1,Dushanbe,node,\n2,Tashkent,node,\n3,Bishkek,node,1100000\n4,,node,\n");
  // The edge `id` attribute is the relation id when there is no key; the others are e1, e2...
  CHECK(canonical_csv(d.relations_table()) == "id,source,target,type,directed,weight,label\n"
                                              "e1,1,2,link,false,1,\n"
                                              "e2,2,3,link,false,,\n"
                                              "e3,3,4,link,false,,\"joint\nexercise\"\n"
                                              "e4,1,1,link,false,,\n"
                                              "x12,1,2,link,false,2,\n");
  CHECK(canonical_csv(d.types_table()) == "id,description,directed,ongoing\nlink,declared by actorgraph for the edges of exercises.gv,false,false\n");
}

TEST_CASE("A strict DOT graph merges repeated edges as Graphviz does", "[io][exchange][dot]") {
  const Dataset d = read_dataset_any(data_path("exchange/strict.dot"));
  CHECK(canonical_csv(d.relations_table()) == "id,source,target,type,start\ne1,a,b,visit,2004\ne2,b,a,visit,\ne3,a,a,statement,\ne4,b,c,link,\n");
}

TEST_CASE("Record labels and ports are kept as text", "[io][exchange][dot]") {
  const Dataset d = read_dataset_any(data_path("exchange/records.dot"));
  CHECK(d.actor_label(0) == "<f0> left|<f1> mid\\ dle|<f2> right");
  CHECK(relation_cells(d, 1) == "id=e2,source=struct1,target=struct3,type=link,headport=here,tailport=f2");
}

TEST_CASE("DOT syntax errors are reported as file:line with cgraph's message", "[io][exchange][dot]") {
  const std::string syntax = data_path("exchange/broken_syntax.dot");
  const std::string quote = data_path("exchange/broken_quote.dot");
  // A good file first: cgraph's lexer keeps state between reads, and must not shift the lines.
  REQUIRE(check_dataset_any(data_path("exchange/strict.dot")).dataset);
  CHECK(messages(check_dataset_any(syntax).diagnostics) == syntax + ":3: error: syntax error in line 3 near '->'\n");
  CHECK(messages(check_dataset_any(quote).diagnostics) ==
        quote + ":3: error: syntax error in line 3 scanning a quoted string (missing endquote? longer than 16384?)\n");
  CHECK(messages(check_dataset_any(syntax).diagnostics) == syntax + ":3: error: syntax error in line 3 near '->'\n");
  CHECK_THROWS_AS(read_dataset_any(syntax), ParseError);
  CHECK(errors_of("", ExchangeFormat::dot) == "g: error: empty file: expected a DOT graph\n");
  CHECK(errors_of("graph a { x }\ngraph b { y }\n", ExchangeFormat::dot) ==
        "g: error: the file holds more than one graph; actorgraph reads one graph per file (split it)\n");
  CHECK(errors_of("graph a { x }\n}\n", ExchangeFormat::dot) == "g:2: error: syntax error in line 2 near '}'\n");
  // Nesting deeper than the parser's stack is named as such, not as a syntax error.
  const std::string deep = "digraph { " + std::string(20000, '{') + "a" + std::string(20000, '}') + " }\n";
  CHECK(errors_of(deep, ExchangeFormat::dot) ==
        "g:1: error: the graph nests subgraphs or brackets too deeply for Graphviz's DOT parser (its stack ran out, \"memory exhausted\")\n");
  CHECK(errors_of("graph a { x }\n}\n", ExchangeFormat::dot) == "g:2: error: syntax error in line 2 near '}'\n");  // and the next read is clean
  // A file that ends inside a quoted string after its graph left the lexer scanning a string, and the
  // next file failed to parse (found by fuzz_dot); the lexer is reset after every read.
  check_dataset_text("digraph { a }\n\"", ExchangeFormat::dot, "g");
  CHECK(load_text("digraph { b -> c }", ExchangeFormat::dot).actor_count() == 2);
  // The reads leave cgraph's lexer clean: the next file's lines count from 1 again.
  CHECK(messages(check_dataset_any(syntax).diagnostics) == syntax + ":3: error: syntax error in line 3 near '->'\n");
}

TEST_CASE("Backslashes in HTML labels are kept as written", "[io][exchange][dot]") {
  const auto files = graph_to_dataset_files("digraph { a [label=<x \\ y<br/>z>] }", ExchangeFormat::dot, "g");
  CHECK(files.at("actors.csv").find("x \\ y<br/>z") != std::string::npos);
}

TEST_CASE("Invalid data in a graph file is reported on the node or edge it comes from", "[io][exchange][dot]") {
  const std::string path = data_path("exchange/bad_types.dot");
  CHECK(messages(check_dataset_any(path).diagnostics) ==
        path + ": error: node 'a': kind 'State' is not a lower-case slug (a-z, 0-9, _) (did you mean 'state'?)\n" +
        path + ": error: edge 'a' -> 'b' (e1): unknown relation type 'Ally Of'; declare new types in types.csv\n" +
        path + ": error: edge 'b' -> 'c' (e2): invalid start date '2004-13': month 13 is not between 01 and 12\n" +
        path + ": error: edge type 'Ally Of': type id 'Ally Of' is not a lower-case slug (a-z, 0-9, _)\n");
  CHECK_THROWS_AS(read_dataset_any(path), DataError);
  // GraphML and JSON know the element's line and column.
  CHECK(errors_of("{\"nodes\": [{\"id\": \"a\"},\n {\"id\": \"a\"}],\n \"links\": [\n  {\"source\": \"a\", \"target\": \"zz\"}]}",
                  ExchangeFormat::json) ==
        "g:2:2: error: node 'a': duplicate actor id 'a' (first defined at line 1)\n"
        "g:4:3: error: edge 'a' -- 'zz' (e1): unknown actor 'zz'\n");
  // Tables embedded as graph attributes are named.
  CHECK(errors_of("digraph { actorgraph_blocs=\"bloc,actor,role\nx,nobody,lead\n\"; a }", ExchangeFormat::dot) ==
        "g: error: graph attribute actorgraph_blocs, line 2: unknown actor 'nobody'\n");
}

// ---------------------------------------------------------------------------------------------
// GraphML and JSON written by other tools.

TEST_CASE("GraphML from NetworkX loads with its keys, ids and edge direction", "[io][exchange][graphml]") {
  const Dataset karate = read_dataset_any(data_path("exchange/networkx_karate.graphml"));
  CHECK(karate.actor_count() == 34);
  CHECK(karate.relation_count() == 78);
  CHECK(karate.actor_id(33) == "33");
  CHECK(karate.actors_table().cell(9, "club") == "Officer");
  CHECK_FALSE(karate.relation_directed(0));
  CHECK(karate.relation_weight(0) == 4);

  const Dataset multi = read_dataset_any(data_path("exchange/networkx_multi.graphml"));
  CHECK(canonical_csv(multi.actors_table()) == "id,label,kind,member,population\n"
                                               "csto,\"CSTO \"\"Collective\"\"\",organization,,\n"
                                               "russia,Россия,state,,144.1\n"
                                               "tajikistan,Тоҷикистон,state,True,\n");
  CHECK(canonical_csv(multi.relations_table()) == "id,source,target,type,start,weight,count\n"
                                                  "r1,russia,tajikistan,troop_presence,1993,3.0,\n"
                                                  "r2,russia,tajikistan,troop_presence,2004,1.5,\n"
                                                  "r3,tajikistan,csto,membership,,1.0,2\n");
  CHECK_FALSE(multi.types_table().present());

  // NetworkX 2.8 writes the same without indentation.
  const Dataset compact = read_dataset_any(data_path("exchange/networkx2_multi.graphml"));
  for (int i = 0; i < 2; ++i) CHECK(canonical_csv(*tables(compact, i)) == canonical_csv(*tables(multi, i)));
}

TEST_CASE("GraphML from yEd loads its labels from the graphics and its key defaults", "[io][exchange][graphml]") {
  const Dataset d = read_dataset_any(data_path("exchange/yed.graphml"));
  CHECK(canonical_csv(d.actors_table()) == "id,label,kind,url,description\n"
                                           "n0,Kazakhstan,state,,Caspian <littoral> state\n"
                                           "n1,Turkmenistan – neutral,state,https://example.org/?a=1&b=2,\n"
                                           "n2,SCO,organization,,\n");
  CHECK(canonical_csv(d.relations_table()) == "id,source,target,type,directed,label\n"
                                              "e0,n0,n2,membership,,member since 2001\n"
                                              "e1,n0,n1,meeting,false,\n");
}

TEST_CASE("Node-link JSON from NetworkX and D3 loads", "[io][exchange][json]") {
  // NetworkX 3.6 writes "edges"; D3 and earlier NetworkX write "links".
  const Dataset multi = read_dataset_any(data_path("exchange/networkx_multi.json"));
  CHECK(canonical_csv(multi.actors_table()) == "id,label,kind,population,member\n"
                                               "csto,\"CSTO \"\"Collective\"\"\",organization,,\n"
                                               "russia,Россия,state,144.1,\n"
                                               "tajikistan,Тоҷикистон,state,,true\n");
  CHECK(canonical_csv(multi.relations_table()) == "id,source,target,type,start,weight,count\n"
                                                  "r1,russia,tajikistan,troop_presence,1993,3.0,\n"
                                                  "r2,russia,tajikistan,troop_presence,2004,1.5,\n"
                                                  "r3,tajikistan,csto,membership,,1.0,2\n");
  const Dataset karate = read_dataset_any(data_path("exchange/networkx_karate.json"));
  CHECK(karate.actor_count() == 34);
  CHECK(karate.relation_count() == 78);

  // Without "directed" the graph is undirected, as for NetworkX; nested values are kept as JSON.
  const Dataset d3 = read_dataset_any(data_path("exchange/miserables.json"));
  CHECK(relation_cells(d3, 3) == "id=e4,source=Mme.Magloire,target=Mlle.Baptistine,type=link,directed=false,value=6,"
                                 "tags=[\"family\",{\"since\":1815}]");
}

TEST_CASE("GraphML syntax and structure errors give file:line:column and what is wrong", "[io][exchange][graphml]") {
  const auto g = ExchangeFormat::graphml;
  CHECK(errors_of("<graphml>\n<graph>\n<node id='a'>\n</graph>\n</graphml>", g) == "g:4:1: error: </graph> does not match <node> (opened at line 3)\n");
  CHECK(errors_of("<graphml>\n  <graph><node id=\"a\" id=\"b\"/></graph></graphml>", g) == "g:2:23: error: duplicate attribute 'id' in <node>\n");
  CHECK(errors_of("<graphml><graph><node id=a/></graph></graphml>", g) == "g:1:26: error: attribute value must be enclosed in quotes\n");
  CHECK(errors_of("<graphml><graph><node id=\"<\"/></graph></graphml>", g) ==
        "g:1:27: error: '<' where it is not allowed (in text or an attribute value, write it as &lt;)\n");
  CHECK(errors_of("<graphml><graph/></graphml>\n<graphml/>", g) == "g:2:1: error: a second root element <graphml>; an XML document has one\n");
  CHECK(errors_of("<graphml><graph/></graphml> x", g) == "g:1:29: error: text after the root element\n");
  CHECK(errors_of("<graphml><!-- never closed <graph/></graphml>", g) == "g:1:10: error: unterminated comment (no closing -->)\n");
  CHECK(errors_of("<!DOCTYPE graphml [ <!ENTITY x \"y\"> ]>\n<graphml/>", g) ==
        "g:1:21: error: entity declaration 'x': GraphML needs none, and entities can expand without bound (the \"billion laughs\"); "
        "they are refused\n");
  CHECK(errors_of("<graphml>Tom &amp Jerry</graphml>", g) == "g:1:14: error: '&' not followed by an entity such as &amp; (write a literal & as &amp;)\n");
  CHECK(errors_of("<graphml>&#1;</graphml>", g) == "g:1:10: error: character reference '&#1;' names a character XML does not allow\n");
  CHECK(errors_of("<graphml>\n\xC3\x28</graphml>", g) == "g:2:1: error: invalid UTF-8 (byte 0xC3); save the file as UTF-8\n");
  CHECK(errors_of("<graphml>\n  <graph>", g) == "g:2:3: error: element <graph> is never closed (expected </graph>)\n");
  CHECK(errors_of("", g) == "g:1:1: error: no root element (the file is empty or holds only comments)\n");
  CHECK(errors_of("<graph/>", g) == "g:1:1: error: expected a <graphml> root element, found <graph>\n");
  CHECK(errors_of("<graphml><key for='node'/></graphml>", g) == "g:1:10: error: <key> without an id attribute\n");
  CHECK(errors_of("<graphml><graph><node id='a'><data key='k'>x</data></node></graph></graphml>", g) ==
        "g:1:30: error: <data key=\"k\"> names no <key>\n");
  CHECK(errors_of("<graphml><graph><node id='a'><graph/></node></graph></graphml>", g) ==
        "g:1:30: error: nested graphs (a <graph> inside a <node>) are not supported\n");
  CHECK(errors_of("<graphml><graph><hyperedge/></graph></graphml>", g) ==
        "g:1:17: error: hyperedges are not supported (a relation links two actors)\n");
  CHECK(errors_of("<graphml><graph edgedefault='mixed'/></graphml>", g) == "g:1:10: error: edgedefault must be directed or undirected, found 'mixed'\n");
  CHECK(errors_of(read_file(data_path("exchange/broken_entity.graphml")), g) ==
        "g:4:36: error: unknown entity '&eacute;' (XML knows &lt; &gt; &amp; &quot; &apos; and &#N;)\n");
}

TEST_CASE("GraphML is read in the encoding its XML declaration or byte-order mark gives", "[io][exchange][graphml]") {
  // ISO-8859-1: 0xE9 is é, 0xF6 is ö.
  const Dataset latin1 = load_text("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                                   "<graphml><key id='l' for='node' attr.name='label'/><graph>"
                                   "<node id='caf\xE9'><data key='l'>K\xF6ln \xE9t\xE9</data></node></graph></graphml>\n",
                                   ExchangeFormat::graphml);
  CHECK(cells(latin1, 0) == "id=caf\u00E9,label=K\u00F6ln \u00E9t\u00E9,kind=node");
  // UTF-16, little-endian with a byte-order mark: every character two bytes.
  const std::string utf8 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<graphml><graph>\n<node id='\xD0\x94'/>\n<node id='b'/>\n"
                           "<edge source='\xD0\x94' target='b' id='r1'/></graph></graphml>\n";
  std::string utf16 = "\xFF\xFE";
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    char32_t cp = static_cast<unsigned char>(utf8[i]);
    if (cp == 0xD0) cp = 0x0400 + (static_cast<unsigned char>(utf8[++i]) - 0x80);  // the one two-byte character, Д
    utf16 += static_cast<char>(cp & 0xFF);
    utf16 += static_cast<char>(cp >> 8);
  }
  const Dataset wide = load_text(utf16, ExchangeFormat::graphml);
  CHECK(cells(wide, 0) == "id=\xD0\x94,label=,kind=node");
  CHECK(relation_cells(wide, 0) == "id=r1,source=\xD0\x94,target=b,type=link");
  // Lines and columns are counted in UTF-16 too: the edge naming an unknown actor is at line 5, column 1.
  std::string bad = utf16;
  bad.replace(bad.find(std::string("b\0'\0/\0>", 8)), 2, std::string("c\0", 2));
  CHECK(errors_of(bad, ExchangeFormat::graphml) == "g:5:1: error: edge '\xD0\x94' -> 'b' (r1): unknown actor 'b'\n");
  // Bytes that are not in the declared encoding.
  CHECK(errors_of("<?xml version=\"1.0\"?>\n<graphml>\n  <graph>caf\xE9</graph></graphml>", ExchangeFormat::graphml) ==
        "g:3:13: error: invalid UTF-8 (byte 0xE9); save the file as UTF-8\n");
}

TEST_CASE("GraphML elements are recognised by their namespace, whatever their prefix", "[io][exchange][graphml]") {
  const Dataset d = load_text("<g:graphml xmlns:g=\"http://graphml.graphdrawing.org/xmlns\" xmlns:y=\"urn:other\">\n"
                              "  <g:key id=\"k\" for=\"node\" attr.name=\"note\"/>\n"
                              "  <g:graph edgedefault=\"undirected\">\n"
                              "    <g:node id=\"a\"><g:data key=\"k\">first</g:data></g:node>\n"
                              "    <g:node id=\"b\"/><y:node id=\"not-a-node\"/>\n"
                              "    <g:edge id=\"r1\" source=\"a\" target=\"b\"/>\n"
                              "  </g:graph>\n</g:graphml>\n",
                              ExchangeFormat::graphml);
  REQUIRE(d.actor_count() == 2);
  CHECK(cells(d, 0) == "id=a,label=,kind=node,note=first");
  CHECK(relation_cells(d, 0) == "id=r1,source=a,target=b,type=link,directed=false");
  // An element of another namespace is not GraphML, even named graphml.
  CHECK(errors_of("<graphml xmlns=\"urn:other\"/>", ExchangeFormat::graphml) ==
        "g:1:1: error: expected a <graphml> root element, found <{urn:other}graphml>\n");
  CHECK(errors_of("<graphml><graph><q:node id='a'/></graph></graphml>", ExchangeFormat::graphml) ==
        "g:1:17: error: unbound namespace prefix (declare it with xmlns:PREFIX=\"...\")\n");
}

TEST_CASE("GraphML with entity declarations is refused before anything expands", "[io][exchange][graphml]") {
  // The "billion laughs": ten levels of ten references would expand to 10^9 copies.
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n  <!ENTITY l0 \"ha\">\n";
  for (int i = 1; i < 10; ++i) {
    bomb += "  <!ENTITY l" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) bomb += "&l" + std::to_string(i - 1) + ";";
    bomb += "\">\n";
  }
  bomb += "]>\n<graphml><graph><node id=\"&l9;\"/></graph></graphml>\n";
  CHECK(errors_of(bomb, ExchangeFormat::graphml) ==
        "g:3:3: error: entity declaration 'l0': GraphML needs none, and entities can expand without bound (the \"billion laughs\"); "
        "they are refused\n");
  // An external DTD is never read; its entities are unknown.
  CHECK(errors_of("<!DOCTYPE graphml SYSTEM \"http://example.com/g.dtd\">\n<graphml>&ext;</graphml>", ExchangeFormat::graphml) ==
        "g:2:10: error: unknown entity '&ext;' (XML knows &lt; &gt; &amp; &quot; &apos; and &#N;)\n");
}

TEST_CASE("The XML reader takes CDATA, comments, character references and CRLF", "[io][exchange][graphml]") {
  const Dataset d = load_text("\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<!DOCTYPE graphml>\r\n<!-- c -->\r\n"
                              "<graphml><key id='k' for='node' attr.name='note'/><graph edgedefault='undirected'>"
                              "<node id='&#1058;&#x0430;j'><data key='k'>a<![CDATA[<b>&amp;</b>]]>&lt;\r\nz<?pi x?><!-- y --></data></node>"
                              "</graph></graphml>\r\n",
                              ExchangeFormat::graphml);
  CHECK(cells(d, 0) == "id=Таj,label=,kind=node,note=a<b>&amp;</b><\nz");
}

TEST_CASE("JSON syntax and structure errors give file:line:column and what is wrong", "[io][exchange][json]") {
  const auto j = ExchangeFormat::json;
  CHECK(errors_of(read_file(data_path("exchange/broken_comma.json")), j) == "g:5:3: error: expected a value, found ']' (trailing comma?)\n");
  CHECK(errors_of("{\"nodes\": [], \"nodes\": []}", j) == "g:1:15: error: duplicate member name \"nodes\"\n");
  CHECK(errors_of("{\"nodes\": [01]}", j) == "g:1:12: error: malformed number '01'\n");
  CHECK(errors_of("{\"nodes\": [1.]}", j) == "g:1:12: error: malformed number '1.'\n");
  CHECK(errors_of("{\"a\": \"x\ny\"}", j) == "g:1:9: error: line break inside a string (write it as \\n)\n");
  CHECK(errors_of("{\"a\": \"\\udc00\"}", j) == "g:1:8: error: lone low surrogate in a \\u escape\n");
  CHECK(errors_of("{\"a\": \"\\q\"}", j) == "g:1:8: error: invalid escape '\\q' in a string\n");
  CHECK(errors_of("{\"a\": 'x'}", j) == "g:1:7: error: expected a value, found ''' (JSON strings use double quotes)\n");
  CHECK(errors_of("{\"a\": 1,}", j) == "g:1:9: error: expected a member name in double quotes, found '}' (trailing comma?)\n");
  CHECK(errors_of("{\"a\": 1} {", j) == "g:1:10: error: unexpected text after the JSON value\n");
  CHECK(errors_of("{\"a\": \"never closed", j) == "g:1:7: error: unterminated string\n");
  CHECK(errors_of("  ", j) == "g:1:3: error: empty file: expected a JSON value\n");
  CHECK(errors_of("[1, 2]", j) == "g:1:1: error: expected an object with \"nodes\" and \"links\" (node-link format), found an array\n");
  CHECK(errors_of("{\"links\": []}", j) == "g:1:1: error: no \"nodes\" array\n");
  CHECK(errors_of("{\"nodes\": []}", j) == "g:1:1: error: no \"links\" (or \"edges\") array\n");
  CHECK(errors_of("{\"nodes\": [{\"label\": \"x\"}], \"links\": []}", j) == "g:1:12: error: node without \"id\"\n");
  CHECK(errors_of("{\"nodes\": [{\"id\": [1]}], \"links\": []}", j) == "g:1:19: error: \"id\" must be a string or a number, found an array\n");
  CHECK(errors_of("{\"directed\": \"yes\", \"nodes\": [], \"links\": []}", j) == "g:1:14: error: \"directed\" must be true or false, found a string\n");
  CHECK(errors_of("{\"nodes\": [], \"links\": [], \"edges\": []}", j) == "g:1:37: error: both \"links\" and \"edges\": give the edges once\n");
  CHECK(errors_of(read_file(data_path("exchange/broken_link.json")), j) == "g:4:12: error: link without \"target\"\n");
  CHECK(errors_of("{\"a\": \"\xFF\"}", j) == "g:1:8: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8\n");
}

TEST_CASE("The JSON reader decodes escapes and keeps numbers as written", "[io][exchange][json]") {
  const Dataset d = load_text("{\"directed\": true, \"nodes\": [{\"id\": 7, \"label\": \"\\u0422\\ud83d\\ude00\\t\\\"/\\/\", \"n\": -1.50e+3,"
                              " \"ok\": false, \"none\": null}], \"links\": [{\"source\": 7, \"target\": 7, \"key\": 0, \"weight\": 2.50}]}",
                              ExchangeFormat::json);
  CHECK(cells(d, 0) == "id=7,label=Т\xF0\x9F\x98\x80\t\"//,kind=node,n=-1.50e+3,ok=false,none=");
  CHECK(relation_cells(d, 0) == "id=0,source=7,target=7,type=link,weight=2.50");
}

// ---------------------------------------------------------------------------------------------
// Formats and files.

TEST_CASE("The format of a path follows its extension", "[io][exchange]") {
  CHECK(exchange_format(data_path("small")) == ExchangeFormat::folder);
  CHECK(exchange_format("x.dot") == ExchangeFormat::dot);
  CHECK(exchange_format("x.GV") == ExchangeFormat::dot);
  CHECK(exchange_format("x.graphml") == ExchangeFormat::graphml);
  CHECK(exchange_format("dir/x.json") == ExchangeFormat::json);
  CHECK(exchange_format("new_folder") == ExchangeFormat::folder);
  CHECK_THROWS_WITH(exchange_format("x.csv"), "x.csv: unknown format '.csv' (expected a dataset folder or a .dot, .gv, .graphml or .json file)");
  CHECK(parse_exchange_format("gv") == ExchangeFormat::dot);
  CHECK_FALSE(parse_exchange_format("svg"));
}

TEST_CASE("A dataset is written to and read from any format's file", "[io][exchange]") {
  const Dataset original = load_dataset(data_path("small"));
  TempDataset dir({});
  for (const char* name : {"small.dot", "small.graphml", "small.json", "folder"}) {
    INFO(name);
    const std::string path = dir.path() + "/" + name;
    write_dataset_any(original, path, exchange_format(path));
    const Dataset back = read_dataset_any(path);
    CHECK(canonical_csv(back.relations_table()) == read_file(data_path("small/relations.csv")));
    CHECK(canonical_csv(back.blocs_table()) == read_file(data_path("small/blocs.csv")));
  }
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/.small.dot.tmp"));
  CHECK_THROWS_AS(read_dataset_any(dir.path() + "/missing.dot"), IoError);
}
