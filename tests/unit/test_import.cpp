// The event-data importer (io/events.hpp): GDELT layouts detected per row, gzip and zip, CRLF, bad
// rows with their messages, unknown codes, aggregation counts, filters, the merge into a curated
// dataset, and the result passing the dataset checks. Fixtures: tests/data/events (README there).
#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/events.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace actorgraph;
using actorgraph::test::data_path;

namespace {

const ImportedTable& table(const EventImportResult& r, const std::string& name) {
  for (const auto& t : r.tables)
    if (t.name == name) return t;
  FAIL("no table " << name);
  throw 0;
}

// The cell of `column` in the row whose id is `id` ("" when absent).
std::string cell(const ImportedTable& t, const std::string& id, const std::string& column) {
  const auto c = std::find(t.columns.begin(), t.columns.end(), column) - t.columns.begin();
  for (const auto& row : t.rows)
    if (row[0] == id) return row[static_cast<std::size_t>(c)];
  return "(no row " + id + ")";
}

std::vector<std::string> ids(const ImportedTable& t) {
  std::vector<std::string> out;
  for (const auto& row : t.rows) out.push_back(row[0]);
  return out;
}

struct Run {
  EventImportResult result;
  std::vector<std::string> messages;
};

Run run(const std::vector<std::string>& files, EventImportOptions options = {}) {
  Run r;
  EventImportCallbacks callbacks;
  callbacks.message = [&](const std::string& m) { r.messages.push_back(m); };
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f == "-" ? f : data_path("events/" + f));
  r.result = import_events(paths, options, callbacks);
  for (auto& m : r.messages) m = m.substr(m.find("events/") + 7);
  return r;
}

}  // namespace

TEST_CASE("Every GDELT row is detected by its layout and accounted for, bad rows reported with file:line", "[io][import]") {
  const Run r = run({"gdelt_mixed.tsv"});
  const EventImportSummary& s = r.result.summary;
  CHECK(s.rows_read == 14);
  CHECK(s.rows_gdelt2 == 10);
  CHECK(s.rows_gdelt1 == 2);
  CHECK(s.rows_backfile == 1);
  CHECK(s.imported == 7);
  CHECK(s.refused_one_actor == 1);
  CHECK(s.refused_uncoded_actor == 1);
  CHECK(s.refused_same_actor == 1);
  CHECK(s.refused_duplicate == 1);
  CHECK(s.refused_bad_row == 3);
  CHECK(s.rows_read == s.imported + s.kept_single + s.filtered() + s.refused());
  CHECK(s.uncoded_actors == std::map<std::string, std::uint64_t>{{"GOV", 1}});
  CHECK(s.unknown_codes == std::map<std::string, std::uint64_t>{{"999", 1}});
  CHECK(r.messages == std::vector<std::string>{
                          "gdelt_mixed.tsv:5: unknown CAMEO event code '999': kept as type 'event'",
                          "gdelt_mixed.tsv:8: expected 61 (GDELT 2.0), 58 (GDELT 1.0) or 57 (GDELT 1.0 backfile) tab-separated fields, found 4",
                          "gdelt_mixed.tsv:9: SQLDATE '2016013' is not a date YYYYMMDD",
                          "gdelt_mixed.tsv:10: NumMentions 'x' is not a whole number"});
}

TEST_CASE("Duplicate events are found in any order of ids and across files", "[io][import]") {
  // Ids arrive in increasing order in GDELT's files (kept in a sorted vector), but not across files
  // or in a reversed file (kept in a set): every order finds the same duplicates.
  const Run forward = run({"gdelt_mixed.tsv"});
  const Run reversed = run({"gdelt_reversed.tsv"});
  CHECK(reversed.result.summary.imported == forward.result.summary.imported);
  CHECK(reversed.result.summary.refused_duplicate == 1);
  const Run twice = run({"gdelt_mixed.tsv", "gdelt_reversed.tsv"});
  CHECK(twice.result.summary.imported == forward.result.summary.imported);
  CHECK(twice.result.summary.refused_duplicate == 1 + forward.result.summary.imported + 1);
}

TEST_CASE("CAMEO codes become actors, roles sub-actors affiliated to their country, events typed relations", "[io][import]") {
  const Run r = run({"gdelt_mixed.tsv"});
  const auto& actors = table(r.result, "actors.csv");
  CHECK(ids(actors) == std::vector<std::string>{"nato", "russia", "russia_mil", "tajikistan", "tajikistan_gov", "united_states"});
  CHECK(cell(actors, "russia_mil", "kind") == "military_unit");
  CHECK(cell(actors, "russia_mil", "label") == "Russia: Military");
  CHECK(cell(actors, "nato", "cameo_code") == "NAT");
  const auto& rel = table(r.result, "relations.csv");
  // 042 "Make a visit": Actor1 visits Actor2; 043 "Host a visit" reversed: Actor2 visits Actor1.
  CHECK(cell(rel, "gdelt-100", "source") == "russia");
  CHECK(cell(rel, "gdelt-100", "type") == "visit");
  CHECK(cell(rel, "gdelt-101", "source") == "russia");
  CHECK(cell(rel, "gdelt-101", "target") == "tajikistan");
  CHECK(cell(rel, "gdelt-101", "cameo_code") == "043");
  CHECK(cell(rel, "gdelt-101", "cameo_text") == "Host a visit");
  // Leading zeros kept; GDELT 1.0 (58 columns) rows cite their SOURCEURL.
  CHECK(cell(rel, "gdelt-102", "cameo_code") == "0871");
  CHECK(cell(rel, "gdelt-102", "sources") == "gdelt-102");
  CHECK(cell(rel, "gdelt-102", "goldstein") == "9");
  // The backfile row (57 columns) has no source URL.
  CHECK(cell(rel, "gdelt-103", "sources").empty());
  CHECK(cell(rel, "gdelt-103", "type") == "threat");
  CHECK(cell(rel, "gdelt-103", "start") == "1982-01-02");
  CHECK(cell(rel, "gdelt-104", "type") == "event");
  // agreement is undirected: the pair is written in id order.
  CHECK(cell(rel, "gdelt-110", "source") == "russia");
  CHECK(cell(rel, "gdelt-110", "target") == "united_states");
  CHECK(cell(rel, "russia_mil~russia~affiliation", "type") == "affiliation");
  CHECK(cell(rel, "russia_mil~russia~affiliation", "start") == "2016-01-15");
  // Two events citing one URL share one source, named after the first event.
  CHECK(cell(rel, "gdelt-101", "sources") == "gdelt-100");
  CHECK(ids(table(r.result, "types.csv")) == std::vector<std::string>{"event", "fight", "threat", "yield"});
}

TEST_CASE("The import passes the dataset checks and is the same for plain, gzip, zip and repeated runs", "[io][import]") {
  const Run plain = run({"gdelt_mixed.tsv"});
  const CheckResult check = check_dataset_files("import", imported_csv(plain.result.tables));
  REQUIRE(check.dataset);
  CHECK(check.dataset->relation_count() == 9);
  CHECK(count_errors(check.diagnostics) == 0);
  const Run gz = run({"gdelt_mixed.tsv.gz"});
  CHECK(imported_csv(gz.result.tables) == imported_csv(plain.result.tables));
  CHECK(imported_csv(run({"gdelt_mixed.tsv"}).result.tables) == imported_csv(plain.result.tables));
  // The zip holds the same file (deflated) and a second entry (stored) with one more event.
  const Run zip = run({"gdelt_mixed.zip"});
  CHECK(zip.result.summary.rows_read == 15);
  CHECK(zip.result.summary.imported == 8);
  CHECK(zip.messages[1] == "gdelt_mixed.zip:gdelt_mixed.tsv:8: expected 61 (GDELT 2.0), 58 (GDELT 1.0) or 57 (GDELT 1.0 backfile) "
                           "tab-separated fields, found 4");
  CHECK(cell(table(zip.result, "relations.csv"), "gdelt-200", "type") == "disapproval");
}

TEST_CASE("Import with --strict stops at the first bad row with its position", "[io][import]") {
  EventImportOptions o;
  o.strict = true;
  try {
    run({"gdelt_mixed.tsv"}, o);
    FAIL("no error");
  } catch (const ParseError& e) {
    CHECK(e.line() == 8);
    CHECK(std::string(e.what()).ends_with(
        "gdelt_mixed.tsv:8: error: expected 61 (GDELT 2.0), 58 (GDELT 1.0) or 57 (GDELT 1.0 backfile) tab-separated fields, found 4 (--strict)"));
  }
}

TEST_CASE("Aggregation: one relation per dyad, type and period, weighing its events", "[io][import]") {
  EventImportOptions o;
  o.aggregation = EventAggregation::month;
  const Run r = run({"gdelt_mixed.tsv"}, o);
  const auto& rel = table(r.result, "relations.csv");
  const std::string id = "russia~tajikistan~visit~2016-01";
  CHECK(cell(rel, id, "weight") == "2");
  CHECK(cell(rel, id, "events") == "2");
  CHECK(cell(rel, id, "event_ids") == "100|101");
  CHECK(cell(rel, id, "cameo_code") == "042|043");
  CHECK(cell(rel, id, "goldstein") == "2.35");  // (1.9 + 2.8) / 2
  CHECK(cell(rel, id, "mentions") == "8");
  CHECK(cell(rel, id, "sources") == "gdelt-100");
  CHECK(cell(rel, id, "start") == "2016-01");
  CHECK(r.result.summary.imported == 7);
  CHECK(rel.rows.size() == 8);  // 6 groups and 2 affiliations
  o.aggregation = EventAggregation::year;
  CHECK(cell(table(run({"gdelt_mixed.tsv"}, o).result, "relations.csv"), "russia~tajikistan~visit~2016", "weight") == "2");
}

TEST_CASE("Filters count what they leave out, each row under the first filter that refuses it", "[io][import]") {
  EventImportOptions o;
  o.filters.countries = {"USA"};
  Run r = run({"gdelt_mixed.tsv"}, o);
  CHECK(r.result.summary.imported == 1);
  CHECK(r.result.summary.filtered_countries == 10);
  CHECK(r.result.summary.refused_bad_row == 3);
  o = {};
  o.filters.countries = {"NAT"};  // a known group counts as a country
  CHECK(run({"gdelt_mixed.tsv"}, o).result.summary.imported == 2);
  o = {};
  o.filters.from = *PartialDate::parse("2016-02");
  o.filters.to = *PartialDate::parse("2016");
  r = run({"gdelt_mixed.tsv"}, o);
  CHECK(r.result.summary.imported == 2);
  CHECK(r.result.summary.filtered_dates == 9);
  o = {};
  o.filters.root_events_only = true;
  o.filters.root_codes = {"19", "04"};
  r = run({"gdelt_mixed.tsv"}, o);
  CHECK(r.result.summary.filtered_root_codes == 7);
  CHECK(r.result.summary.filtered_root_events == 1);
  o = {};
  o.filters.min_mentions = 5;
  CHECK(run({"gdelt_mixed.tsv"}, o).result.summary.filtered_mentions == 11);
}

TEST_CASE("Import with --keep-single counts one-actor events on their actor", "[io][import]") {
  EventImportOptions o;
  o.keep_single = true;
  const Run r = run({"gdelt_mixed.tsv"}, o);
  CHECK(r.result.summary.kept_single == 1);
  CHECK(r.result.summary.refused_one_actor == 0);
  CHECK(cell(table(r.result, "actors.csv"), "russia", "single_events") == "1");
}

TEST_CASE("ICEWS: header row, country names, sectors as roles, stories as sources", "[io][import]") {
  EventImportOptions o;
  o.format = EventFormat::icews;
  const Run r = run({"icews.tsv"}, o);
  CHECK(r.result.summary.rows_read == 4);
  CHECK(r.result.summary.imported == 2);
  CHECK(r.result.summary.refused_bad_row == 1);
  CHECK(r.result.summary.refused_uncoded_actor == 1);
  CHECK(r.messages == std::vector<std::string>{"icews.tsv:4: Event Date '2016-10-32' is not a date YYYY-MM-DD"});
  const auto& rel = table(r.result, "relations.csv");
  CHECK(cell(rel, "icews-9002", "source") == "nato");
  CHECK(cell(rel, "icews-9002", "target") == "russia_mil");
  CHECK(cell(rel, "icews-9002", "type") == "military_cooperation");
  CHECK(cell(rel, "icews-9001", "sources") == "icews-story-5001");
  CHECK(cell(table(r.result, "sources.csv"), "icews-story-5001", "publisher") == "Interfax");
  REQUIRE(check_dataset_files("icews", imported_csv(r.result.tables)).dataset);
  o.filters.min_mentions = 2;
  CHECK_THROWS_AS(run({"icews.tsv"}, o), UsageError);
}

TEST_CASE("Merged into a curated dataset: its rows kept byte for byte, actors joined by id or map, ids kept apart", "[io][import]") {
  const std::string folder = data_path("small");
  const Dataset curated = load_dataset(folder);
  EventImportOptions o;
  for (std::size_t a = 0; a < curated.actor_count(); ++a) o.existing.actors.emplace(curated.actor_id(static_cast<ActorId>(a)));
  o.existing.relations = {"gdelt-100"};  // as if the curated dataset had used the id
  o.actor_map = {{"USA", "usa"}};
  const Run r = run({"gdelt_mixed.tsv"}, o);
  CHECK(r.result.summary.actors_joined == 4);  // nato, russia, tajikistan; usa through the map
  CHECK(ids(table(r.result, "actors.csv")) == std::vector<std::string>{"russia_mil", "tajikistan_gov"});
  CHECK(cell(table(r.result, "relations.csv"), "gdelt-100~2", "type") == "visit");
  CHECK(cell(table(r.result, "relations.csv"), "gdelt-110", "target") == "usa");

  std::map<std::string, std::string> files;
  for (const char* name : {"actors.csv", "relations.csv", "sources.csv", "types.csv", "blocs.csv"})
    files[name] = test::read_file(folder + "/" + name);
  const auto merged = merge_imported(files, r.result.tables);
  // Every curated record is there, byte for byte, followed by empty fields for the added columns.
  for (const auto& [name, text] : files) {
    const std::string& out = merged.at(name);
    std::size_t at = text.find('\n') + 1, out_at = out.find('\n') + 1;
    while (at < text.size()) {
      const std::size_t end = text.find('\n', at);
      const std::string line = text.substr(at, end - at);
      CHECK(out.compare(out_at, line.size(), line) == 0);
      at = end + 1;
      out_at = out.find('\n', out_at) + 1;
    }
  }
  CHECK(merged.at("blocs.csv") == files.at("blocs.csv"));
  const CheckResult check = check_dataset_files("merged", merged);
  REQUIRE(check.dataset);
  CHECK(check.dataset->actor_count() == curated.actor_count() + 2);
  CHECK(check.dataset->relation_count() == curated.relation_count() + 9);
  CHECK(check.dataset->find_relation("gdelt-100~2"));
}

TEST_CASE("The CAMEO tables give distinct actor ids, and the rule file and actor map are read with positions", "[io][import]") {
  std::set<std::string> seen;
  EventImportOptions o;
  CHECK(default_event_type_rules().size() > 20);
  for (const auto& rule : default_event_type_rules()) CHECK(rule.prefix.size() >= 2);
  test::TempDataset files({{"rules.csv", "code,type,reverse\n04,meeting,false\n19,conflict,true\n1x,bad,\n"},
                           {"map.csv", "code,actor\nRUS,russia\nRUS,moscow\n"}});
  try {
    read_event_type_rules(files.path() + "/rules.csv");
    FAIL("no error");
  } catch (const ParseError& e) {
    CHECK(e.line() == 4);
    CHECK(std::string(e.what()).find("code '1x' is not a CAMEO code or prefix (2 to 4 digits)") != std::string::npos);
  }
  try {
    read_actor_map(files.path() + "/map.csv");
    FAIL("no error");
  } catch (const ParseError& e) {
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()).find("code 'RUS' is mapped twice") != std::string::npos);
  }
}

TEST_CASE("A row that is not UTF-8 text is refused with its position, and the rest imports", "[io][import]") {
  // Found by fuzz_gdelt: a SOURCEURL with a control character or a Latin-1 byte went into
  // sources.csv, and the dataset failed its own check.
  const Run r = run({"gdelt_not_text.tsv"});
  CHECK(r.result.summary.rows_read == 3);
  CHECK(r.result.summary.refused_bad_row == 2);
  CHECK(r.result.summary.imported == 1);
  CHECK(r.messages == std::vector<std::string>{
                          "gdelt_not_text.tsv:1: control character 0x01 at byte 170; the row is not imported",
                          "gdelt_not_text.tsv:2: invalid UTF-8 (byte 0xE9) at byte 173; the row is not imported"});
  CHECK(cell(table(r.result, "sources.csv"), "gdelt-102", "url") == "http://example.org/caf\xC3\xA9");
}

TEST_CASE("A DATEADDED that is not a real day is a bad row", "[io][import]") {
  // Found by fuzz_gdelt: DATEADDED becomes the source's publication date, and month 13 failed check.
  const Run r = run({"gdelt_bad_dateadded.tsv"});
  CHECK(r.result.summary.refused_bad_row == 1);
  CHECK(r.messages ==
        std::vector<std::string>{"gdelt_bad_dateadded.tsv:1: DATEADDED '20161303120000' is not a date YYYYMMDD or YYYYMMDDHHMMSS"});
}
