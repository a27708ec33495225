#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/graph.hpp"

#include "actorgraph/io/text_file.hpp"
#include "fixtures.hpp"
#include "io/detail/file_text.hpp"
#include "io/detail/table_validation.hpp"

#include <boost/range/iterator_range.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sstream>

using namespace actorgraph;
using actorgraph::test::data_path;
using actorgraph::test::MappingFiles;
using actorgraph::test::TempDataset;

namespace {

// The diagnostics of a broken fixture, with the fixture folder's path removed.
std::vector<std::string> diagnostics_of(const std::string& name) {
  const std::string folder = data_path("broken/" + name);
  std::vector<std::string> out;
  for (const auto& d : check_dataset(folder).diagnostics) {
    std::string s = d.str();
    if (s.rfind(folder + "/", 0) == 0) s.erase(0, folder.size() + 1);
    out.push_back(s);
  }
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("A valid dataset loads with every field", "[io][dataset]") {
  const Dataset d = load_dataset(data_path("small"));
  REQUIRE(d.actor_count() == 8);
  REQUIRE(d.relation_count() == 9);
  REQUIRE(d.source_count() == 2);

  const ActorId tj = *d.find_actor("tajikistan");
  CHECK(d.actor_label(tj) == "Tajikistan");
  CHECK(d.kind_name(d.actor_kind(tj)) == "state");
  CHECK(d.actor_aliases(*d.find_actor("rahmon")).size() == 2);

  const RelationId r3 = *d.find_relation("r3");
  CHECK(d.actor_id(d.relation_source(r3)) == "russia");
  CHECK(d.actor_id(d.relation_target(r3)) == "tajikistan");
  CHECK(d.types()[d.relation_type(r3)].id == "troop_presence");
  CHECK(d.relation_directed(r3));
  CHECK(d.relation_magnitude(r3).low == 25000);
  CHECK(d.relation_field(r3, "unit") == "troops");
  CHECK(d.relation_field(r3, "notes") == "the 201st division, line\ntwo of the note");
  CHECK(d.relation_extent(r3).last == Extent::open);  // ongoing type, no end

  const RelationId r6 = *d.find_relation("r6");
  CHECK(d.relation_weight(r6) == 2.5);
  CHECK(d.relation_extent(r6).first == days_from_civil(2009, 1, 1));
  CHECK(d.relation_extent(r6).last == days_from_civil(2011, 12, 31));
  CHECK(d.relation_weight(r3) == 1.0);  // empty weight

  const RelationId r7 = *d.find_relation("r7");
  REQUIRE(d.relation_sources(r7).size() == 2);
  CHECK(d.source_id(d.relation_sources(r7)[1]) == "rferl_2002");
  CHECK(d.relation_extent(r7).last == days_from_civil(2005, 7, 31));  // event: the period of its start

  const RelationId r9 = *d.find_relation("r9");
  CHECK(d.relation_magnitude(r9).low == 300);
  CHECK(d.relation_magnitude(r9).high == 400);
  CHECK_FALSE(d.relation_directed(r9));  // meeting: undirected by default

  CHECK_FALSE(d.relation_extent(*d.find_relation("r5")).dated);
  CHECK(d.relation_field(*d.find_relation("r1"), "confidence") == "high");  // unknown column kept
}

TEST_CASE("Declared types set direction and the meaning of an empty end", "[io][dataset]") {
  const Dataset d = load_dataset(data_path("small"));
  const auto t = d.types().find("consultation");
  REQUIRE(t);
  CHECK_FALSE(d.types()[*t].builtin);
  CHECK(d.types()[*t].ongoing);
  const RelationId r8 = *d.find_relation("r8");
  CHECK_FALSE(d.relation_directed(r8));  // directed=false overrides the type's default
  CHECK(d.relation_extent(r8).last == Extent::open);
}

TEST_CASE("Disputes are symmetric and reported once as a warning", "[io][dataset]") {
  const Dataset d = load_dataset(data_path("small"));
  const RelationId r1 = *d.find_relation("r1"), r2 = *d.find_relation("r2");
  REQUIRE(d.relation_disputes(r1).size() == 1);
  CHECK(d.relation_disputes(r1)[0] == r2);
  CHECK(d.relation_disputes(r2)[0] == r1);
  REQUIRE(d.warnings().size() == 1);
  CHECK(d.warnings()[0].message ==
        "sources disagree: r1 says tajikistan -> pfp, membership, 2002-02-20 (rferl_2002); "
        "r2 says tajikistan -> pfp, membership, 2001 (mfa_2013)");
  CHECK(d.warnings()[0].line == 2);
}

TEST_CASE("Blocs have a lead and sorted members", "[io][dataset]") {
  const Dataset d = load_dataset(data_path("small"));
  const Bloc* nato = d.find_bloc("nato");
  REQUIRE(nato);
  CHECK(d.actor_id(nato->lead) == "nato");
  CHECK(nato->members.size() == 3);
  CHECK(std::is_sorted(nato->members.begin(), nato->members.end()));
  CHECK(d.find_bloc("russia")->members.size() == 1);
  CHECK(d.find_bloc("china") == nullptr);
}

TEST_CASE("Actors resolve by id, label or alias, ignoring case", "[io][dataset]") {
  const Dataset d = load_dataset(data_path("small"));
  const ActorId tj = *d.find_actor("tajikistan");
  CHECK(d.resolve_actor("TAJIKISTAN") == tj);
  CHECK(d.resolve_actor("тоҷикистон") == tj);
  CHECK(d.resolve_actor("Rahmonov") == *d.find_actor("rahmon"));
  CHECK(d.resolve_actor("эмомалӣ раҳмон") == *d.find_actor("rahmon"));
  CHECK(d.resolve_actor(" alliance ") == *d.find_actor("nato"));
}

TEST_CASE("Actor names match across case in Vietnamese, Greek, Armenian and German", "[io][dataset]") {
  TempDataset t({{"actors.csv", "id,label,kind,aliases\nvnm,Việt Nam,state,\ngrc,Ελλάδα,state,\narm,Հայաստան,state,\n"
                                "strasse,Hauptstraße,place,\n"},
                 {"relations.csv", "id,source,target,type\n"}});
  const Dataset d = load_dataset(t.path());
  CHECK(d.resolve_actor("VIỆT NAM") == *d.find_actor("vnm"));
  CHECK(d.resolve_actor("ΕΛΛΆΔΑ") == *d.find_actor("grc"));
  CHECK(d.resolve_actor("ՀԱՅԱՍՏԱՆ") == *d.find_actor("arm"));
  CHECK(d.resolve_actor("HAUPTSTRASSE") == *d.find_actor("strasse"));
}

TEST_CASE("An unknown actor name suggests close names, an ambiguous one lists the candidates", "[io][dataset]") {
  const Dataset d = load_dataset(data_path("small"));
  CHECK_THROWS_MATCHES(d.resolve_actor("tajkistan"), UsageError,
                       Catch::Message("unknown actor 'tajkistan' (did you mean 'tajikistan'?)"));
  CHECK_THROWS_MATCHES(d.resolve_actor("Atlantis"), UsageError,
                       Catch::Message("unknown actor 'Atlantis' (list the actors with 'actorgraph actors')"));
  TempDataset t({{"actors.csv", "id,label,kind,aliases\ncongo_b,Congo,state,\ncongo_k,Congo,state,DRC\n"},
                 {"relations.csv", "id,source,target,type\n"}});
  const Dataset two = load_dataset(t.path());
  CHECK_THROWS_MATCHES(two.resolve_actor("congo"), UsageError,
                       Catch::Message("ambiguous actor 'congo': it names 'congo_b' (Congo), 'congo_k' (Congo); use the id"));
  CHECK(two.resolve_actor("drc") == 1);
}

TEST_CASE("Each kind of error is reported with its position and message", "[io][dataset][errors]") {
  CHECK(diagnostics_of("missing_file") ==
        Lines{"relations.csv: error: file not found (a dataset needs actors.csv and relations.csv; see docs/FORMAT.md)"});
  CHECK(diagnostics_of("missing_column") == Lines{"actors.csv:1:1: error: missing required column 'kind' (did you mean 'kinds'?)"});
  CHECK(diagnostics_of("field_count") ==
        Lines{"relations.csv:3:31: error: expected 8 fields, found 10 (a value that contains a comma must be enclosed in double quotes)",
              "relations.csv:4:20: error: expected 8 fields, found 4 (missing: start, end, weight, sources)"});
  CHECK(diagnostics_of("unterminated_quote") ==
        Lines{"relations.csv:3:28: error: unterminated quoted field: the quote opened here is never closed"});
  CHECK(diagnostics_of("stray_quote") ==
        Lines{"relations.csv:3:12: error: quote character inside an unquoted field (enclose the field in quotes and write the quote as \"\")",
              "relations.csv:3:33: error: unexpected text after a closing quote (a quote inside a quoted field is written \"\")"});
  CHECK(diagnostics_of("invalid_utf8") == Lines{"actors.csv:2:11: error: invalid UTF-8 (byte 0xE9); save the file as UTF-8",
                                                "actors.csv:4:17: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8"});
  CHECK(diagnostics_of("duplicate_id") == Lines{"actors.csv:4:1: error: duplicate actor id 'alpha' (first defined at line 2)",
                                                "relations.csv:3:1: error: duplicate relation id 'r1' (first defined at line 2)"});
  CHECK(diagnostics_of("unknown_actor") == Lines{"relations.csv:2:4: error: unknown actor 'tajkistan' (did you mean 'tajikistan'?)",
                                                 "relations.csv:3:10: error: unknown actor 'nobody_at_all'"});
  CHECK(diagnostics_of("unknown_source") == Lines{"relations.csv:2:31: error: unknown source 's3'",
                                                  "relations.csv:3:28: error: unknown source 'sourc1'"});
  CHECK(diagnostics_of("no_sources_file") ==
        Lines{"relations.csv:2:28: error: unknown source 's1' (the dataset has no sources.csv)"});
  CHECK(diagnostics_of("invalid_date") ==
        Lines{"relations.csv:2:21: error: invalid start date '2004-13-40': month 13 is not between 01 and 12",
              "relations.csv:3:21: error: invalid start date '2004-02-30': day 30 is not between 01 and 29 in 2004-02",
              "relations.csv:4:21: error: invalid start date '05/2004': expected YYYY, YYYY-MM or YYYY-MM-DD",
              "relations.csv:5:35: error: end 2001 is before start 2002",
              "relations.csv:6:31: error: end date without a start date (give the earliest start the source allows, or leave both empty)"});
  CHECK(diagnostics_of("unknown_type") ==
        Lines{"relations.csv:2:15: error: unknown relation type 'vist' (did you mean 'visit'?); declare new types in types.csv",
              "relations.csv:3:15: error: unknown relation type 'alliance'; declare new types in types.csv"});
  CHECK(diagnostics_of("bad_weight") == Lines{"relations.csv:2:29: error: weight 'heavy' is not a number",
                                              "relations.csv:3:29: error: weight -2 is negative (weights are non-negative)",
                                              "relations.csv:4:29: error: weight 'inf' is not finite"});
  CHECK(diagnostics_of("empty_field") == Lines{"actors.csv:3:11: error: empty kind (state, organization, person, agency, ...)",
                                               "relations.csv:2:1: error: empty relation id",
                                               "relations.csv:3:4: error: empty source",
                                               "relations.csv:4:15: error: empty type"});
  CHECK(diagnostics_of("bad_blocs") ==
        Lines{"blocs.csv:2:1: error: bloc 'west' has no lead (give one of its rows the role lead)",
              "blocs.csv:5:11: error: bloc 'east' has a second lead (the first is 'tajikistan' at line 4)",
              "blocs.csv:6:6: error: actor 'beta' is listed twice in bloc 'east' (first at line 5)",
              "blocs.csv:7:7: error: unknown actor 'gamma'",
              "blocs.csv:7:13: error: role must be lead or member, found 'leader'"});
  CHECK(diagnostics_of("bad_types") ==
        Lines{"types.csv:2:1: error: relation type 'visit' is built in; give the declared type another id",
              "types.csv:3:1: error: type id 'Alliance' is not a lower-case slug (a-z, 0-9, _)",
              "types.csv:3:22: error: directed must be true or false, found 'yes'"});
}

TEST_CASE("Warnings: self-relations, repeated relations, undeclared disagreements", "[io][dataset][errors]") {
  CHECK(diagnostics_of("warnings") ==
        Lines{"relations.csv:2:10: warning: self-relation: 'alpha' is both source and target",
              "relations.csv:4:1: warning: relation 'r3' repeats relation 'r2' (line 3) field for field; remove one of them",
              "relations.csv:6:1: warning: possible disagreement: r4 says beta -> tajikistan, membership, 2001 (s1); "
              "r5 says beta -> tajikistan, membership, 2002 (s2) (if the sources disagree, name each relation in the "
              "other's disputes column)"});
  CHECK(check_dataset(data_path("broken/warnings")).dataset.has_value());  // warnings do not refuse a dataset
}

TEST_CASE("A repeated relation is one equal in every field but its id, its coded columns compared by code", "[io][dataset][errors]") {
  // The actor columns are coded by the actors found, type, start and quote by dictionaries of their
  // own: rows that differ in one of them only are not repeats; rows equal in all are, each of the
  // first it repeats.
  std::map<std::string, std::string> files{
      {"actors.csv", "id,label,kind\na,A,state\nb,B,state\n"},
      {"sources.csv", "id,title\ns1,One\n"},
      {"relations.csv", "id,source,target,type,start,sources,quote\n"
                        "r1,a,b,visit,2003,s1,q\n"
                        "r2,a,b,visit,2003,s1,q\n"
                        "r3,b,a,visit,2003,s1,q\n"
                        "r4,a,b,meeting,2003,s1,q\n"
                        "r5,a,b,visit,2004,s1,q\n"
                        "r6,a,b,visit,2003,s1,Q\n"
                        "r7,a,b,visit,2003,s1,q\n"
                        "r8,a,b,visit,2003,s1,\n"}};
  const CheckResult result = check_dataset_files("m", files);
  REQUIRE(result.dataset);
  CHECK(result.dataset->relations_table().column_cells(1).is_coded());
  CHECK(result.dataset->relations_table().column_cells(3).is_coded());
  Lines repeats;
  for (const auto& d : result.diagnostics)
    if (d.message.find("repeats") != std::string::npos) repeats.push_back(d.str());
  CHECK(repeats == Lines{"m/relations.csv:3:1: warning: relation 'r2' repeats relation 'r1' (line 2) field for field; remove one of them",
                         "m/relations.csv:8:1: warning: relation 'r7' repeats relation 'r1' (line 2) field for field; remove one of them"});
}

TEST_CASE("A date column in dictionary form is parsed once per value, and a bad value reported in each of its rows", "[io][dataset][errors]") {
  // 40 rows of two start dates and two end dates: the columns are coded, and the loader parses each
  // value once; the invalid ones are still reported at every row that has them.
  std::string relations = "id,source,target,type,start,end,sources\n";
  for (int k = 0; k < 40; ++k)
    relations += "r" + std::to_string(k) + ",a,b,troop_presence," + (k % 2 ? "2003" : "2001-13") + "," + (k % 4 == 3 ? "2002" : "2004") + ",s1\n";
  const std::map<std::string, std::string> files{
      {"actors.csv", "id,label,kind\na,A,state\nb,B,state\n"}, {"sources.csv", "id,title\ns1,One\n"}, {"relations.csv", relations}};
  Lines errors;  // the rows repeat one another too: those warnings are not this test's
  for (const auto& d : check_dataset_files("m", files).diagnostics)
    if (d.severity == Severity::error) errors.push_back(d.str());
  Lines expected;
  for (int k = 0; k < 40; ++k) {
    const std::string at = "m/relations.csv:" + std::to_string(k + 2) + ":";
    const std::size_t start = ("r" + std::to_string(k) + ",a,b,troop_presence,").size() + 1;  // its column
    if (k % 2 == 0) expected.push_back(at + std::to_string(start) + ": error: invalid start date '2001-13': month 13 is not between 01 and 12");
    if (k % 4 == 3) expected.push_back(at + std::to_string(start + 5) + ": error: end 2002 is before start 2003");
  }
  CHECK(errors == expected);
}

TEST_CASE("A type column in dictionary form is looked up once per value, and an unknown type reported in each of its rows",
          "[io][dataset][errors]") {
  // 60 rows of three types, in turn: the column is coded, each known type is found by its code,
  // and the unknown one is still reported, with its hint, at every row that has it.
  const auto relations = [](bool with_unknown) {
    std::string text = "id,source,target,type,start,sources\n";
    for (int k = 0; k < 60; ++k)
      text += "r" + std::to_string(k) + ",a,b," +
              (k % 3 == 0     ? "meeting"
               : k % 3 == 1   ? "visit"
               : with_unknown ? "meetng"
                              : "training") +
              "," + std::to_string(1950 + k) + ",s1\n";
    return text;
  };
  std::map<std::string, std::string> files{
      {"actors.csv", "id,label,kind\na,A,state\nb,B,state\n"}, {"sources.csv", "id,title\ns1,One\n"}, {"relations.csv", relations(false)}};
  const CheckResult valid = check_dataset_files("m", files);
  REQUIRE(valid.dataset);
  CHECK(valid.dataset->relations_table().column_cells(3).is_coded());
  for (RelationId r = 0; r < 60; ++r)
    CHECK(valid.dataset->types()[valid.dataset->relation_type(r)].id == (r % 3 == 0 ? "meeting" : r % 3 == 1 ? "visit" : "training"));
  files["relations.csv"] = relations(true);
  Lines errors;
  for (const auto& d : check_dataset_files("m", files).diagnostics)
    if (d.severity == Severity::error) errors.push_back(d.str());
  Lines expected;
  for (int k = 2; k < 60; k += 3)
    expected.push_back("m/relations.csv:" + std::to_string(k + 2) + ":" + std::to_string(("r" + std::to_string(k) + ",a,b,").size() + 1) +
                       ": error: unknown relation type 'meetng' (did you mean 'meeting'?); declare new types in types.csv");
  CHECK(errors == expected);
}

TEST_CASE("An invalid dataset is refused whole", "[io][dataset][errors]") {
  const auto result = check_dataset(data_path("broken/unknown_actor"));
  CHECK_FALSE(result.dataset);
  CHECK_THROWS_AS(load_dataset(data_path("broken/unknown_actor")), DataError);
  try {
    load_dataset(data_path("broken/unknown_actor"));
  } catch (const DataError& e) {
    CHECK(e.diagnostics().size() == 2);
  }
}

TEST_CASE("A folder that does not exist is an I/O error", "[io][dataset][errors]") {
  CHECK_THROWS_MATCHES(check_dataset("/nonexistent/dataset"), IoError, Catch::Message("/nonexistent/dataset: no such dataset folder"));
}

TEST_CASE("CRLF line endings, a BOM and quoted line breaks load", "[io][dataset]") {
  const Dataset d = load_dataset(data_path("broken/crlf_bom"));
  CHECK(d.actor_label(0) == "Alpha, the \"first\"");
  CHECK(d.actor_label(1) == "Beta\r\nsecond line");
  CHECK(d.actor_id(2) == "tajikistan");
}

TEST_CASE("Columns may come in any order", "[io][dataset]") {
  TempDataset t({{"actors.csv", "kind,note,id,label\nstate,x,a,A\nstate,y,b,B\n"},
                 {"relations.csv", "type,target,source,id\nvisit,b,a,r1\n"}});
  const Dataset d = load_dataset(t.path());
  CHECK(d.actor_id(1) == "b");
  CHECK(d.actors_table().columns() == std::vector<std::string>{"id", "label", "kind", "note"});
  CHECK(d.actor_id(d.relation_source(0)) == "a");
}

TEST_CASE("Errors in a file are capped, and the rest counted", "[io][dataset][errors]") {
  std::string relations = "id,source,target,type\n";
  for (int i = 0; i < 1005; ++i) relations += "r" + std::to_string(i) + ",a,nobody,visit\n";
  TempDataset t({{"actors.csv", "id,label,kind\na,A,state\n"}, {"relations.csv", relations}});
  const auto result = check_dataset(t.path());  // 1005 errors, and 1004 warnings for the repeated rows
  REQUIRE(result.diagnostics.size() == 1002);
  CHECK(result.diagnostics[1000].str() == t.path() + "/relations.csv: error: 5 further errors not listed");
  CHECK(result.diagnostics[1001].str() == t.path() + "/relations.csv: warning: 1004 further warnings not listed");
  // Totals count problems, not lines (check's summary and the note other commands print).
  CHECK(count_errors(result.diagnostics) == 1005);
  CHECK(count_warnings(result.diagnostics) == 1004);
}

TEST_CASE("A dataset can be validated from file contents in memory", "[io][dataset]") {
  const std::map<std::string, std::string> files{{"actors.csv", "id,label,kind\na,A,state\nb,B,state\n"},
                                                 {"relations.csv", "id,source,target,type\nr1,a,c,visit\n"}};
  const auto result = check_dataset_files("converted.dot", files);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].str() == "converted.dot/relations.csv:2:6: error: unknown actor 'c'");
  CHECK(load_dataset_files("x", {{"actors.csv", "id,label,kind\na,A,state\n"}, {"relations.csv", "id,source,target,type\n"}}).actor_count() == 1);
}

TEST_CASE("Disagreements between rows with unknown actors are not described (was a crash)", "[io][dataset][errors]") {
  // Two relations that dispute each other, and two that look like one event dated differently; with
  // no actor rows every actor is unknown, and with one actor row the other is.
  const std::string relations = "id,source,target,type,start,sources,disputes\n"
                                "r1,z,y,membership,2001,s1,r2\nr2,z,y,membership,2002,s2,r1\n"
                                "r3,z,y,visit,2001,s1,\nr4,z,y,visit,2002,s2,\n";
  const std::string sources = "id,title\ns1,One\ns2,Two\n";
  for (const std::string actors : {"id,label,kind\n", "id,label,kind\nz,Z,state\n"}) {
    TempDataset t({{"actors.csv", actors}, {"relations.csv", relations}, {"sources.csv", sources}});
    const auto result = check_dataset(t.path());
    CHECK_FALSE(result.dataset);
    for (const auto& d : result.diagnostics) {
      INFO(d.str());
      CHECK(d.severity == Severity::error);
      CHECK(d.message.find("unknown actor") == 0);
    }
  }
}

TEST_CASE("A NUL byte in a dataset file is refused with its position", "[io][dataset][errors]") {
  TempDataset t({{"actors.csv", std::string("id,label,kind\na,A\0B,state\nb,B,state\n", 36)},
                 {"relations.csv", "id,source,target,type\nr1,a,b,visit\n"}});
  const auto result = check_dataset(t.path());
  CHECK_FALSE(result.dataset);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].str() ==
        t.path() + "/actors.csv:2:4: error: NUL byte (0x00) in the file; a dataset file is text and cannot contain one");
}

// Issue 14: the columns that let the influence measure count facts, sign ties and date evidence.
namespace {

std::vector<std::string> diagnostics_in_memory(const std::map<std::string, std::string>& files) {
  std::vector<std::string> out;
  for (const auto& d : check_dataset_files("m", files).diagnostics) out.push_back(d.str());
  return out;
}

const std::string two_actors = "id,label,kind\na,A,state\nb,B,state\n";

}  // namespace

TEST_CASE("fact, part_of, stance and attested load into the model", "[io][dataset]") {
  const Dataset d = load_dataset_files(
      "m", {{"actors.csv", two_actors},
            {"sources.csv", "id,title,date\ns1,One,2010-05\ns2,Two,2006\n"},
            {"relations.csv", "id,source,target,type,sources,fact,part_of,stance,attested\n"
                              "r1,a,b,troop_presence,s1|s2,,,,\n"
                              "r2,a,b,troop_presence,s1,f1,r1,,\n"
                              "r3,a,b,statement,s1,f1,,negative,2009-11-02\n"
                              "r4,a,b,visit,,,,neutral,\n"}});
  CHECK(d.source_date(0).str() == "2010-05");
  CHECK(d.relation_fact(0).empty());
  CHECK(d.relation_fact(1) == "f1");
  CHECK_FALSE(d.relation_part_of(0));
  CHECK(d.relation_part_of(1) == RelationId{0});
  CHECK(d.relation_stance(0) == Stance::unstated);
  CHECK(d.relation_stance(2) == Stance::negative);
  CHECK(d.relation_stance(3) == Stance::neutral);
  CHECK(d.relation_attested(0).str() == "2006");     // the earliest of its sources' dates
  CHECK(d.relation_attested(1).str() == "2010-05");  // its one source's date
  CHECK(d.relation_attested(2).str() == "2009-11-02");  // stated
  CHECK(d.relation_attested(3).empty());             // no source, no date
}

TEST_CASE("types.csv may give a declared type's valence and dimension", "[io][dataset]") {
  const Dataset d = load_dataset_files(
      "m", {{"actors.csv", two_actors},
            {"types.csv", "id,description,directed,ongoing,valence,dimension\nsanction,a sanction,true,false,conflictual,economic\n"
                          "aid,aid,true,false,,\n"},
            {"relations.csv", "id,source,target,type\nr1,a,b,sanction\n"}});
  const RelationType& sanction = d.types()[*d.types().find("sanction")];
  CHECK(sanction.valence == Valence::conflictual);
  CHECK(sanction.dimension == Dimension::economic);
  const RelationType& aid = d.types()[*d.types().find("aid")];
  CHECK(aid.valence == Valence::cooperative);
  CHECK(aid.dimension == Dimension::political);
  const RelationType& statement = d.types()[*d.types().find("statement")];
  CHECK(statement.valence == Valence::neutral);
  CHECK(d.types()[*d.types().find("troop_presence")].dimension == Dimension::security);
  CHECK(d.types()[*d.types().find("funding")].dimension == Dimension::economic);
}

TEST_CASE("Invalid fact, part_of, stance, attested, valence and dimension values are errors with their position", "[io][dataset][errors]") {
  CHECK(diagnostics_in_memory(
            {{"actors.csv", two_actors},
             {"relations.csv", "id,source,target,type,fact,part_of,stance,attested\n"
                               "r1,a,b,visit,f|g,,,\n"
                               "r2,a,b,visit,,r9,,\n"
                               "r3,a,b,visit,,r3,,\n"
                               "r4,a,b,visit,,,hostile,\n"
                               "r5,a,b,visit,,,,2010-13\n"
                               "r6,a,b,visit, f,,,\n"}}) ==
        Lines{"m/relations.csv:2:14: error: fact id 'f|g' contains '|', which separates list values",
              "m/relations.csv:3:15: error: part_of names unknown relation 'r9'",
              "m/relations.csv:4:15: error: relation 'r3' is part of itself",
              "m/relations.csv:5:16: error: stance must be positive, negative, neutral or empty (the type's valence), found 'hostile'",
              "m/relations.csv:6:17: error: invalid attested date '2010-13': month 13 is not between 01 and 12",
              "m/relations.csv:7:14: error: fact id ' f' has leading or trailing spaces"});
  CHECK(diagnostics_in_memory(
            {{"actors.csv", two_actors},
             {"types.csv", "id,description,directed,ongoing,valence,dimension\nx,X,true,false,hostile,\ny,Y,true,false,,military\n"},
             {"relations.csv", "id,source,target,type\n"}}) ==
        Lines{"m/types.csv:2:16: error: valence must be cooperative, conflictual, neutral or empty (cooperative), found 'hostile'",
              "m/types.csv:3:17: error: dimension must be security, political, economic, social or empty (political), found 'military'"});
}

TEST_CASE("status loads into the model, empty meaning held", "[io][dataset]") {
  const Dataset d = load_dataset_files("m", {{"actors.csv", two_actors},
                                             {"relations.csv", "id,source,target,type,status\n"
                                                               "r1,a,b,exercise,\nr2,a,b,exercise,planned\n"
                                                               "r3,a,b,exercise,intended\nr4,a,b,exercise,held\n"}});
  CHECK(d.relation_status(0) == Status::held);
  CHECK(d.relation_status(1) == Status::planned);
  CHECK(d.relation_status(2) == Status::intended);
  CHECK(d.relation_status(3) == Status::held);
  CHECK(status_name(Status::planned) == "planned");
  CHECK_FALSE(parse_status("Planned"));
}

TEST_CASE("An unknown status is an error at its position with a suggestion, every one at once", "[io][dataset][errors]") {
  CHECK(diagnostics_in_memory({{"actors.csv", two_actors},
                               {"relations.csv", "id,source,target,type,status\n"
                                                 "r1,a,b,exercise,planed\nr2,a,b,exercise,future\nr3,a,b,exercise,intendet\n"}}) ==
        Lines{"m/relations.csv:2:17: error: status must be held, planned, intended or empty (held), found 'planed' (did you mean 'planned'?)",
              "m/relations.csv:3:17: error: status must be held, planned, intended or empty (held), found 'future'",
              "m/relations.csv:4:17: error: status must be held, planned, intended or empty (held), found 'intendet' (did you mean 'intended'?)"});
}

// The loader on several threads (LoadOptions): the same dataset and the same diagnostics, byte for
// byte and in the same order, as one thread reading each file whole. Small chunks (a few bytes)
// cut the test files at nearly every line, so that every problem below lies on both sides of some
// chunk boundary and quoted line ends straddle them.

namespace {

using Files = std::map<std::string, std::string>;

// Everything a load gives, as text: the diagnostics, every cell of every table, every typed column
// through the public accessors, and the graph's arcs. Two loads agree when their dumps are equal.
std::string dump(const CheckResult& result) {
  std::ostringstream out;
  out << std::hexfloat;
  for (const auto& d : result.diagnostics) out << d.str() << '\n';
  if (!result.dataset) return out.str();
  const Dataset& d = *result.dataset;
  for (const Table* t : {&d.actors_table(), &d.relations_table(), &d.sources_table(), &d.types_table(), &d.blocs_table()}) {
    out << t->name() << ' ' << t->rows() << " rows:";
    for (const auto& c : t->columns()) out << ' ' << c;
    out << '\n';
    for (std::size_t r = 0; r < t->rows(); ++r) {
      for (std::size_t c = 0; c < t->columns().size(); ++c) out << '[' << t->cell(r, c) << ']';
      out << '\n';
    }
  }
  for (ActorId a = 0; a < d.actor_count(); ++a) {
    out << d.actor_id(a) << ' ' << d.kind_name(d.actor_kind(a)) << ' ' << d.actor_label(a);
    for (const auto alias : d.actor_aliases(a)) out << " |" << alias;
    out << ' ' << d.match_actor(d.actor_label(a)).size() << '\n';
  }
  for (RelationId r = 0; r < d.relation_count(); ++r) {
    const Extent e = d.relation_extent(r);
    out << d.relation_id(r) << ' ' << d.relation_source(r) << ' ' << d.relation_target(r) << ' ' << d.relation_type(r) << ' '
        << d.relation_start(r).str() << ' ' << d.relation_end(r).str() << ' ' << e.first << ' ' << e.last << ' ' << e.dated << ' '
        << d.relation_directed(r) << ' ' << d.relation_weight(r) << ' ' << d.relation_magnitude(r).low << ' '
        << d.relation_magnitude(r).high << ' ' << static_cast<int>(d.relation_stance(r)) << ' ' << static_cast<int>(d.relation_status(r))
        << ' ' << d.relation_attested(r).str() << ' ' << d.relation_part_of(r).value_or(9999) << " sources";
    for (const SourceId s : d.relation_sources(r)) out << ' ' << s;
    out << " disputes";
    for (const RelationId o : d.relation_disputes(r)) out << ' ' << o;
    out << '\n';
  }
  for (SourceId s = 0; s < d.source_count(); ++s) out << d.source_id(s) << ' ' << d.source_date(s).str() << '\n';
  for (const Bloc& b : d.blocs()) {
    out << b.id << ' ' << b.lead;
    for (const ActorId a : b.members) out << ' ' << a;
    out << '\n';
  }
  const Graph& g = d.graph();
  out << g.vertex_count() << " vertices, " << g.arc_count() << " arcs\n";
  for (CoreVertex v = 0; v < g.vertex_count(); ++v) {
    for (const auto arc : boost::make_iterator_range(boost::out_edges(v, g.bgl())))
      out << v << '>' << boost::target(arc, g.bgl()) << '#' << g.relation(arc) << ' ';
    for (const auto arc : boost::make_iterator_range(boost::in_edges(v, g.bgl())))
      out << v << '<' << boost::source(arc, g.bgl()) << '#' << g.relation(arc) << ' ';
    out << '\n';
  }
  for (const auto& w : d.warnings()) out << w.str() << '\n';
  return out.str();
}

CheckResult load(const Files& files, unsigned threads, std::size_t chunk_bytes) {
  LoadOptions options;
  options.threads = threads;
  options.chunk_bytes = chunk_bytes;
  return check_dataset_files("mem", files, options);
}

// Loads `files` on one thread, each file in one chunk, and checks that 1, 2 and 4 threads with
// chunks of a few bytes give the same dump. Returns the one-thread result.
CheckResult check_same_on_threads(const Files& files) {
  CheckResult reference = load(files, 1, std::size_t{1} << 30);
  const std::string expected = dump(reference);
  for (const unsigned threads : {1u, 2u, 4u})
    for (const std::size_t chunk_bytes : {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{500}}) {
      INFO(threads << " threads, chunks of " << chunk_bytes << " bytes");
      CHECK(dump(load(files, threads, chunk_bytes)) == expected);
    }
  return reference;
}

struct Shape {
  std::size_t actors = 40, relations = 600;
  bool crlf = false;
  bool final_line_end = true;
  bool broken = false;  // errors scattered over the rows
};

// A dataset with what makes cutting a file into chunks hard: quoted fields holding commas, doubled
// quotes and line ends, empty lines, CRLF line ends, no final line end; when `broken`, errors every
// few rows (unknown actors with suggestions, bad dates and numbers, duplicate ids far apart, rows
// with too few or too many fields, stray quotes, a NUL byte and bytes that are not UTF-8).
Files generated(const Shape& shape) {
  const std::string nl = shape.crlf ? "\r\n" : "\n";
  std::string actors = "id,label,kind,aliases" + nl;
  for (std::size_t i = 0; i < shape.actors; ++i) {
    actors += "a" + std::to_string(i) + ",\"Actor " + std::to_string(i) + ", the \"\"" + std::to_string(i) + "th\"\"\"," +
              (i % 3 ? "state" : "organization") + "," + (i % 4 ? "A" + std::to_string(i) + "|alias " + std::to_string(i) : "") + nl;
    if (shape.broken && i % 17 == 16) actors += "a" + std::to_string(i - 10) + ",Again,state," + nl;  // duplicate id
  }
  std::string sources = "id,title,date" + nl + "s1,One,2001" + nl + "s2,\"Two,\nthree\",2003-04" + nl + "s3,Three," + nl;
  std::string relations = "id,source,target,type,start,end,directed,weight,sources,notes,disputes" + nl;
  const char* types[] = {"meeting", "visit", "agreement", "funding", "exercise", "troop_presence"};
  for (std::size_t i = 0; i < shape.relations; ++i) {
    const std::string id = "r" + std::to_string(i);
    std::string source = "a" + std::to_string(i % shape.actors), target = "a" + std::to_string((i * 7 + 3) % shape.actors);
    std::string start = std::to_string(1995 + i % 25), end = i % 5 == 0 ? std::to_string(1996 + i % 25) : "";
    std::string weight = i % 6 == 0 ? "2.5" : "", notes;
    if (i % 3 == 0)
      notes = "\"first line\nsecond, with \"\"quotes\"\"" + nl + "third\"";
    else if (i % 3 == 1)
      notes = "plain note " + std::to_string(i);
    std::string row_id = id;
    if (shape.broken) {
      if (i % 97 == 5) target = "a" + std::to_string(i % shape.actors) + "x";  // unknown, close to a known id
      if (i % 89 == 3) start = "20x1";
      if (i % 83 == 7 && i >= 40) row_id = "r" + std::to_string(i - 40);  // duplicate, another chunk
      if (i % 79 == 9) weight = "-1";
      if (i % 71 == 2) notes = "stray\"quote";
    }
    relations += row_id + "," + source + "," + target + "," + types[i % 6] + "," + start + "," + end + ",," + weight + "," +
                 (i % 4 == 0   ? "s1|s2"
                  : i % 4 == 1 ? "s3"
                               : "") +
                 "," + notes + "," + (i % 50 == 49 ? "r" + std::to_string(i - 1) : "");
    if (shape.broken && i % 101 == 11) relations += ",surplus";
    relations += nl;
    if (shape.broken && i % 103 == 13) relations += "r_short" + std::to_string(i) + ",a1" + nl;
    if (i % 37 == 0) relations += nl;  // an empty line
  }
  if (shape.broken) {
    relations.insert(relations.size() / 3, 1, '\0');
    relations.insert(relations.size() / 2, "\xC3(");  // a lead byte without its continuation
  }
  if (!shape.final_line_end) relations.erase(relations.size() - nl.size());
  return {{"actors.csv", actors}, {"sources.csv", sources}, {"relations.csv", relations}};
}

}  // namespace

TEST_CASE("The checks across rows list the same warnings on any number of threads, past the limit too", "[io][dataset][threads]") {
  // 300 pairs of actors, each with ten relations a year apart from alternating sources: 2,700
  // possible disagreements, more than the 1,000 problems listed per file, so which are listed
  // depends on the order the checks report them in; and repeated rows for the duplicate check.
  std::string actors = "id,label,kind\n", relations = "id,source,target,type,start,sources\n";
  for (int a = 0; a < 300; ++a) actors += "a" + std::to_string(a) + ",A,state\n";
  for (int k = 0; k < 3000; ++k)
    relations += "r" + std::to_string(k) + ",a" + std::to_string(k % 300) + ",a" + std::to_string((k * 7 + 1) % 300) + ",meeting," +
                 std::to_string(2000 + k / 300) + "," + (k / 300 % 2 ? "s1" : "s2") + "\n";
  for (int k = 0; k < 40; ++k)
    relations += "x" + std::to_string(k) + ",a" + std::to_string(k) + ",a" + std::to_string(k * 7 + 1) + ",meeting,2000,s2\n";
  const Files files{{"actors.csv", actors}, {"sources.csv", "id,title\ns1,One\ns2,Two\n"}, {"relations.csv", relations}};
  const auto lines = [&](unsigned threads) {
    Lines out;
    for (const auto& d : load(files, threads, 256).diagnostics) out.push_back(d.str());
    return out;
  };
  const Lines one = lines(1);
  REQUIRE(one.size() == 1001);
  CHECK(one.front() ==
        "mem/relations.csv:302:1: warning: possible disagreement: r0 says a0 -- a1, meeting, 2000 (s2); r300 says a0 -- a1, meeting, "
        "2001 (s1) (if the sources disagree, name each relation in the other's disputes column)");
  CHECK(one.back() == "mem/relations.csv: warning: 1780 further warnings not listed");
  CHECK(lines(2) == one);
  CHECK(lines(4) == one);
}

TEST_CASE("Repeated relations are found the same on any number of threads", "[io][dataset][threads]") {
  // 2,000 rows over 50 actors, distinct (their notes differ) but for copies, id apart: from row 40
  // on every fifth is a copy of the row 37 before it (392), and from row 111 on every tenth a
  // second copy of the row 99 before it (189), which repeats that row, not its first copy. The
  // repeats are spread over the duplicate check's buckets, which are searched in blocks on the
  // threads.
  std::string actors = "id,label,kind\n", relations = "id,source,target,type,start,sources,notes\n";
  for (int a = 0; a < 50; ++a) actors += "a" + std::to_string(a) + ",A,state\n";
  const auto fields = [](int k) {
    return ",a" + std::to_string(k % 50) + ",a" + std::to_string((k + 1 + k / 50 % 3) % 50) + ",meeting,2000,s1,n" + std::to_string(k);
  };
  const auto copied = [](int k) { return k >= 40 && k % 5 == 4 ? k - 37 : k >= 111 && k % 10 == 1 ? k - 99 : k; };
  for (int k = 0; k < 2000; ++k) relations += "r" + std::to_string(k) + fields(copied(k)) + "\n";
  const Files files{{"actors.csv", actors}, {"sources.csv", "id,title\ns1,One\n"}, {"relations.csv", relations}};
  const auto repeats = [&](unsigned threads) {
    Lines out;
    for (const auto& d : load(files, threads, 256).diagnostics)
      if (d.message.find(" repeats ") != std::string::npos) out.push_back(d.str());
    return out;
  };
  const Lines one = repeats(1);
  REQUIRE(one.size() == 392 + 189);
  CHECK(one.front() ==
        "mem/relations.csv:46:1: warning: relation 'r44' repeats relation 'r7' (line 9) field for field; remove one of them");
  CHECK(
      std::find(one.begin(), one.end(),
                "mem/relations.csv:113:1: warning: relation 'r111' repeats relation 'r12' (line 14) field for field; remove one of them") !=
      one.end());
  CHECK(one.back() ==
        "mem/relations.csv:2001:1: warning: relation 'r1999' repeats relation 'r1962' (line 1964) field for field; remove one of them");
  CHECK(repeats(2) == one);
  CHECK(repeats(4) == one);
}

TEST_CASE("A valid dataset loads the same on several threads and in small chunks", "[io][dataset][threads]") {
  const CheckResult result = check_same_on_threads(generated({}));
  REQUIRE(result.dataset);
  CHECK(result.dataset->relation_count() == 600);
  CHECK(result.dataset->relation_field(0, "notes") == "first line\nsecond, with \"quotes\"\nthird");
}

TEST_CASE("CRLF line ends and a file without a final line end load the same on several threads", "[io][dataset][threads]") {
  Shape shape;
  shape.crlf = true;
  shape.final_line_end = false;
  const CheckResult result = check_same_on_threads(generated(shape));
  REQUIRE(result.dataset);
  CHECK(result.dataset->relation_count() == 600);
  CHECK(result.dataset->relation_field(0, "notes") == "first line\nsecond, with \"quotes\"\r\nthird");
}

TEST_CASE("A broken dataset gives the same diagnostics on several threads", "[io][dataset][threads]") {
  Shape shape;
  shape.broken = true;
  const CheckResult result = check_same_on_threads(generated(shape));
  CHECK_FALSE(result.dataset);
  const auto has = [&](const std::string& text) {
    return std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                       [&](const Diagnostic& d) { return d.message.find(text) != std::string::npos; });
  };
  CHECK(has("duplicate relation id 'r50' (first defined at line"));
  CHECK(has("duplicate actor id"));
  CHECK(has("did you mean"));
  CHECK(has("NUL byte"));
  CHECK(has("invalid UTF-8"));
  CHECK(has("expected 11 fields, found 2"));
  CHECK(has("expected 11 fields, found 12"));
  CHECK(has("quote character inside an unquoted field"));
}

TEST_CASE("More than 1000 problems in one file are cut at the same place on several threads", "[io][dataset][threads]") {
  Shape shape;
  shape.broken = true;
  shape.relations = 2500;
  Files files = generated(shape);
  // An unknown type on every row.
  std::string& relations = files["relations.csv"];
  for (const std::string type : {",meeting,", ",visit,", ",agreement,", ",funding,", ",exercise,", ",troop_presence,"})
    for (std::size_t at = relations.find(type); at != std::string::npos; at = relations.find(type, at + 1))
      relations.replace(at, type.size(), ",typo" + type.substr(1));
  const CheckResult result = check_same_on_threads(files);
  REQUIRE_FALSE(result.diagnostics.empty());
  CHECK(std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                    [](const Diagnostic& d) { return d.message.find("further errors not listed") != std::string::npos; }));
}

TEST_CASE("An unterminated quote takes the rest of the file on several threads", "[io][dataset][threads]") {
  Files files = generated({});
  // The quotes of the second half removed, and one opened at a record's start there.
  std::string& relations = files["relations.csv"];
  const std::size_t middle = relations.find("\nr", relations.size() / 2) + 1;
  relations.erase(std::remove(relations.begin() + static_cast<std::ptrdiff_t>(middle), relations.end(), '"'), relations.end());
  relations.insert(middle, "\"");
  const CheckResult result = check_same_on_threads(files);
  CHECK(std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                    [](const Diagnostic& d) { return d.message.find("unterminated quoted field") != std::string::npos; }));
}

TEST_CASE("The broken fixtures give the same diagnostics on several threads", "[io][dataset][threads]") {
  for (const auto& entry : std::filesystem::directory_iterator(data_path("broken"))) {
    const std::string folder = entry.path().string();
    INFO(folder);
    const std::string expected = dump(check_dataset(folder, LoadOptions{1, std::size_t{1} << 30}));
    for (const unsigned threads : {1u, 2u, 4u}) CHECK(dump(check_dataset(folder, LoadOptions{threads, 3})) == expected);
  }
}

TEST_CASE("A folder loads the same on several threads", "[io][dataset][threads]") {
  Shape shape;
  shape.relations = 300;
  const TempDataset folder(generated(shape));
  const std::string expected = dump(check_dataset(folder.path(), LoadOptions{1, std::size_t{1} << 30}));
  CHECK(dump(check_dataset(folder.path(), LoadOptions{2, 16})) == expected);
  CHECK(dump(check_dataset(folder.path())) == expected);
}

TEST_CASE("A dataset large enough to be sorted in parts loads the same on several threads", "[io][dataset][threads]") {
  // Past 2 x 65536 relations, the checks across rows sort on the threads (duplicates, similar claims).
  Shape shape;
  shape.actors = 3000;
  shape.relations = 140000;
  const Files files = generated(shape);
  const CheckResult reference = load(files, 1, std::size_t{1} << 30);
  REQUIRE(reference.dataset);
  CHECK(dump(load(files, 4, std::size_t{1} << 16)) == dump(reference));
}

TEST_CASE("A folder's problems are placed as those of the same files given in memory", "[io][dataset][threads]") {
  // From a folder, the text is released after reading and each problem's record read again from
  // the file; in memory, the text is kept.
  for (const bool broken : {false, true}) {
    Shape shape;
    shape.broken = broken;
    shape.crlf = broken;
    const Files files = generated(shape);
    const TempDataset folder(files);
    INFO("broken: " << broken);
    const std::string from_memory = dump(check_dataset_files(folder.path(), files, LoadOptions{2, 64}));
    CHECK(dump(check_dataset(folder.path(), LoadOptions{1, std::size_t{1} << 30})) == from_memory);
    CHECK(dump(check_dataset(folder.path(), LoadOptions{4, 7})) == from_memory);
  }
}

TEST_CASE("Row places keep every row's offset and line across 4 GiB and records over several lines", "[io][dataset_reader]") {
  // Rows whose offsets cross 2^32 twice (one jump of more than 4 GiB), and lines that skip: the
  // header's second line, records of 3 and 2 lines.
  const std::vector<std::uint64_t> offsets{20, 4000, 4294967290ull, 4294967300ull, 4294967400ull, 12884901890ull, 12884901990ull};
  const std::vector<std::uint64_t> lines{3, 4, 7, 8, 10, 11, 12};
  detail::RowPlaces places;
  for (std::size_t i = 0; i < offsets.size(); ++i) places.push_back(offsets[i], lines[i]);
  REQUIRE(places.size() == offsets.size());
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    CHECK(places.offset(i) == offsets[i]);
    CHECK(places.line(i) == lines[i]);
  }
}

namespace {

bool is_mapped(const std::string& path) {
  std::string why;
  const auto text = detail::map_or_read_file(path, why, 1);
  return text && text->mapped();
}

// Gives the file at `path` another modification time, one second later, as a write in a later clock
// tick would.
void touch_later(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  timespec times[2] = {info.st_atim, info.st_mtim};
  times[1].tv_sec += 1;
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

// A dataset folder whose relations.csv is mapped, as the command-line tool maps it, and a reader
// of that file.
struct MappedRelations {
  explicit MappedRelations(const std::string& relations, const std::string& actors = "id,label,kind\n")
      : folder({{"actors.csv", actors}, {"relations.csv", relations}}),
        path(folder.path() + "/relations.csv"),
        csv(TableKind::relations, path) {
    std::string why;
    std::optional<detail::FileText> mapped = detail::map_or_read_file(path, why, 1);
    REQUIRE(mapped);
    REQUIRE(mapped->mapped());
    text = std::move(*mapped);
  }
  void read() { csv.read(std::move(text), table, reporter, malformed); }

  TempDataset folder;
  std::string path;
  MappingFiles mapping;
  detail::FileText text;
  detail::CsvTableFile csv;
  Table table;
  detail::Reporter reporter;
  std::vector<std::uint8_t> malformed;
};

}  // namespace

TEST_CASE("A folder loads the same from mapped files as from files read into memory", "[io][dataset][threads]") {
  std::vector<std::string> folders;
  for (const auto& entry : std::filesystem::directory_iterator(data_path("broken"))) folders.push_back(entry.path().string());
  Shape shape;
  shape.relations = 300;
  shape.crlf = true;
  shape.final_line_end = false;
  const TempDataset generated_folder(generated(shape));
  shape.broken = true;
  const TempDataset broken_folder(generated(shape));
  folders.push_back(generated_folder.path());
  folders.push_back(broken_folder.path());
  for (const std::string& folder : folders) {
    INFO(folder);
    REQUIRE_FALSE(is_mapped(folder + "/relations.csv"));
    const std::string read = dump(check_dataset(folder, LoadOptions{1, std::size_t{1} << 30}));
    const MappingFiles mapping;
    std::error_code ec;
    if (std::filesystem::file_size(folder + "/relations.csv", ec) > 0 && !ec) CHECK(is_mapped(folder + "/relations.csv"));
    CHECK(dump(check_dataset(folder, LoadOptions{1, std::size_t{1} << 30})) == read);
    CHECK(dump(check_dataset(folder, LoadOptions{2, 16})) == read);
  }
}

TEST_CASE("A mapped file that changes before it is read is refused, not read half old and half new", "[io][dataset][errors]") {
  MappedRelations f("id,source,target,type\nr1,a,b,meeting\n", "id,label,kind\na,A,state\nb,B,state\n");
  CHECK_FALSE(f.text.changed());
  {
    // One byte rewritten in place (same size): the mapping shows it.
    const int fd = ::open(f.path.c_str(), O_WRONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    REQUIRE(::pwrite(fd, "I", 1, 0) == 1);
    ::close(fd);
  }
  touch_later(f.path);
  CHECK(f.text.bytes().front() == 'I');
  CHECK(f.text.changed());
  CHECK_THROWS_WITH(f.read(), f.path + ": the file changed while this command read it; run the command again");
}

TEST_CASE("What is not a non-empty regular file is read, not mapped, with the reader's messages", "[io][dataset][errors]") {
  const TempDataset folder({{"actors.csv", ""}, {"relations.csv", "id,source,target,type\n"}});
  const MappingFiles mapping;
  std::string why;
  const auto empty = detail::map_or_read_file(folder.path() + "/actors.csv", why, 1);
  REQUIRE(empty);
  CHECK_FALSE(empty->mapped());
  CHECK(empty->bytes().empty());
  CHECK(is_mapped(folder.path() + "/relations.csv"));
  CHECK_FALSE(detail::map_or_read_file(folder.path() + "/none.csv", why, 1));
  CHECK(why == "No such file or directory");
  CHECK_FALSE(detail::map_or_read_file(folder.path(), why, 1));
  CHECK(why == "is a folder, not a file");
}

TEST_CASE("A mapped file's cells are placed in the file read, even once another file is renamed over its path", "[io][dataset][errors]") {
  MappedRelations f("id,source,target,type\nr1,a,b,meeting\nr2,a,ccc,visit\n");
  f.csv.open_for_release(f.text);
  f.read();
  // Replaced by a rename (another file, of another size) once read: the descriptor kept still names
  // the file read, and its records are read again from it once the text is released.
  std::ofstream(f.folder.path() + "/other.csv", std::ios::binary) << "id,source,target,type\n\"\"\"\",x,y,z\n";
  REQUIRE(::rename((f.folder.path() + "/other.csv").c_str(), f.path.c_str()) == 0);
  f.csv.release_text();
  const TablePosition target = f.csv.locate(1, 2, 0);
  CHECK(target.file == f.path);
  CHECK(target.line == 3);
  CHECK(target.column == 6);
}

TEST_CASE("A mapped file rewritten between the two passes is refused, and no cell is written past what the first counted",
          "[io][dataset][errors]") {
  // The same size and modification time: the second pass finds a source cell of 4 bytes where the
  // first counted 1 (the buffer's size), stops there, and the file is refused. Under AddressSanitizer
  // a copy past the buffer would be an error.
  const std::string before = "id,source,target,type\nr1,a,b,meeting\n", after = "id,source,target,type\nr1,abcd,b,meet\n";
  REQUIRE(before.size() == after.size());
  MappedRelations f(before);
  struct stat info {};
  REQUIRE(::stat(f.path.c_str(), &info) == 0);
  f.csv.set_between_passes([&] {
    const int fd = ::open(f.path.c_str(), O_WRONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    REQUIRE(::pwrite(fd, after.data(), after.size(), 0) == static_cast<ssize_t>(after.size()));
    ::close(fd);
    const timespec times[2] = {info.st_atim, info.st_mtim};
    REQUIRE(::utimensat(AT_FDCWD, f.path.c_str(), times, 0) == 0);
  });
  CHECK_THROWS_WITH(f.read(), f.path + ": the file changed while this command read it; run the command again");
}
