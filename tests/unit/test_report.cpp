#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/text.hpp"
#include "actorgraph/report/build_report.hpp"
#include "actorgraph/report/charts.hpp"
#include "actorgraph/report/report.hpp"
#include "actorgraph/report/summary.hpp"
#include "actorgraph/model/metadata.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

using namespace actorgraph;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("xml_escape escapes the five XML specials and nothing else", "[report]") {
  CHECK(xml_escape("a<b>&\"c'd") == "a&lt;b&gt;&amp;&quot;c&#39;d");
  CHECK(xml_escape("Тоҷикистон → NATO") == "Тоҷикистон → NATO");
  CHECK(xml_escape("") == "");
}

TEST_CASE("Only web and mail URLs are linkable", "[report]") {
  CHECK(is_linkable_url("https://example.org/a?b=1&c=2"));
  CHECK(is_linkable_url("HTTP://example.org"));
  CHECK(is_linkable_url("ftp://host/file"));
  CHECK(is_linkable_url("mailto:someone@example.org"));
  CHECK_FALSE(is_linkable_url("javascript:alert(1)"));
  CHECK_FALSE(is_linkable_url(" JavaScript:alert(1)"));
  CHECK_FALSE(is_linkable_url("data:text/html,<script>alert(1)</script>"));
  CHECK_FALSE(is_linkable_url("file:///etc/passwd"));
  CHECK_FALSE(is_linkable_url("report.html"));
  CHECK_FALSE(is_linkable_url("https:"));
  CHECK_FALSE(is_linkable_url(""));
}

TEST_CASE("A bar chart draws one bar per value, whiskers for ranges, escaped labels", "[report]") {
  const std::vector<Bar> bars = {{"<nato>", 80, 70, 90, "#80B9D9"}, {"russia & co", 20, 0, 0, ""}};
  const std::string svg = bar_chart_svg(bars, "Share \"of\" influence", "share (%)");
  CHECK(svg.rfind("<svg", 0) == 0);
  CHECK(count(svg, "<rect") == 2);
  CHECK(count(svg, "&lt;nato&gt;") >= 1);
  CHECK(count(svg, "<nato>") == 0);
  CHECK(count(svg, "russia &amp; co") >= 1);
  CHECK(count(svg, "Share &quot;of&quot; influence") >= 1);
  // Axis from 0 to the largest value or range end: 90 fits, and ticks are labelled.
  CHECK(count(svg, ">0</text>") == 1);
  CHECK(bar_chart_svg(bars, "t", "a") == bar_chart_svg(bars, "t", "a"));  // deterministic
}

TEST_CASE("A line chart draws one line per series over the labels", "[report]") {
  const std::vector<Series> series = {{"nato", {1, 2, 3}, "#80B9D9", {}, {}}, {"<russia>", {3, 2, 1}, "#E8A77F", {0, 1, 0}, {4, 3, 2}}};
  const std::string svg = line_chart_svg({"2001", "2002", "2003"}, series, "By year", "score");
  CHECK(count(svg, "<polyline") == 2);
  CHECK(count(svg, "<circle") == 6);
  CHECK(count(svg, "&lt;russia&gt;") >= 1);
  CHECK(count(svg, "<russia>") == 0);
  CHECK(count(svg, ">2002</text>") == 1);
  // A band only for the series with an interval: upper ends left to right, lower ends back.
  CHECK(count(svg, "<polygon class=\"band\"") == 1);
  CHECK(count(svg, "fill=\"#E8A77F\" fill-opacity=\"0.3\"") == 1);
}

TEST_CASE("The report escapes every string of a hostile dataset and links only web URLs", "[report]") {
  const Dataset d = load_dataset(test::data_path("hostile"));
  ReportContent c;
  c.title = "Report on " + std::string(d.actor_label(0));
  c.slice_description = "whole dataset";
  c.target = *d.find_actor("target");
  c.partners.push_back({*d.find_actor("west"), {0, 3}});
  c.partners.push_back({*d.find_actor("east"), {1}});
  c.files = {"network.svg"};
  const std::string html = report_html(d, c);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(html, "<script") == 0);
  CHECK(count(html, "<img") == 0);
  CHECK(count(html, "&lt;script&gt;alert(1)&lt;/script&gt;") >= 2);  // title and partner heading
  CHECK(count(html, "&lt;/blockquote&gt;&lt;script&gt;alert(3)&lt;/script&gt;") == 1);
  CHECK(count(html, "West &amp; &quot;Allies&quot;") >= 1);
  CHECK(count(html, "href=\"javascript:") == 0);
  CHECK(count(html, ". javascript:alert(4)") == 1);  // shown as text
  CHECK(count(html, "<a href=\"https://example.org/a?b=1&amp;c=2\">") == 1);
  CHECK(count(html, "id=\"partners\"") == 1);
  CHECK(count(html, "id=\"influence\"") == 0);  // no influence computed, no section
  CHECK(count(html, "<a href=\"network.svg\">") == 1);
  CHECK(count(html, "@page { size: A4") == 1);
  // Notes are shown with the evidence, escaped like everything else.
  CHECK(count(html, "<div class=\"note\">&lt;u&gt;field&lt;/u&gt; &amp; co</div>") == 1);
}

namespace {

Estimate estimate(double value, double low, double high) {
  Estimate e;
  e.value = value;
  e.low = low;
  e.high = high;
  return e;
}

// Two blocs with hand-set figures: NATO 0.62 (0.48–0.75) of the ties, Russia 0.38 (0.25–0.52);
// security all Russia, political all NATO, no economic or social tie.
InfluenceResult two_blocs() {
  InfluenceResult r;
  r.at = *PartialDate::parse("2021");
  r.blocs.resize(2);
  r.blocs[0].name = "nato";
  r.blocs[0].label = "NATO";
  r.blocs[1].name = "russia";
  r.blocs[1].label = "Russia";
  r.blocs[0].dimensions[all_dimensions].share = estimate(0.62, 0.48, 0.75);
  r.blocs[1].dimensions[all_dimensions].share = estimate(0.38, 0.25, 0.52);
  r.blocs[1].dimensions[static_cast<std::size_t>(Dimension::security)].share = estimate(1, 0.9, 1);
  r.blocs[0].dimensions[static_cast<std::size_t>(Dimension::political)].share = estimate(0.8, 0.6, 0.95);
  r.blocs[1].dimensions[static_cast<std::size_t>(Dimension::political)].share = estimate(0.2, 0.05, 0.4);
  return r;
}

}  // namespace

TEST_CASE("Signed numbers carry their sign and a true minus", "[report][summary]") {
  CHECK(signed_number(0.4249) == "+0.42");
  CHECK(signed_number(-0.3) == "\u22120.30");
  CHECK(signed_number(0) == "0.00");
  CHECK(signed_number(-0.001) == "0.00");
  CHECK(share_with_interval(estimate(0.62, 0.48, 0.754)) == "62% (48\u201375%)");
}

TEST_CASE("The balance sentence names the bloc ahead by label and says when the interval includes 0", "[report][summary]") {
  const std::string ahead = balance_sentence("NATO", "Russia", "Tajikistan", "2021", estimate(0.42, 0.10, 0.65));
  CHECK(ahead == "NATO weighs more than Russia with Tajikistan as of 2021: balance +0.42 (interval +0.10 to +0.65; "
                 "+1 would be NATO alone, \u22121 Russia alone).");
  const std::string behind = balance_sentence("NATO", "Russia", "Tajikistan", "2003", estimate(-0.3, -0.6, 0.2));
  CHECK(behind.rfind("Russia weighs more than NATO with Tajikistan as of 2003: balance \u22120.30 (interval \u22120.60 to +0.20;", 0) == 0);
  CHECK(count(behind, "The interval includes 0: the evidence does not settle which bloc weighs more.") == 1);
  CHECK(balance_sentence("A", "B", "T", "2000", estimate(0, 0, 0)).rfind("A and B weigh the same with T", 0) == 0);
}

TEST_CASE("The shares and dimension sentences give each bloc's share with its interval", "[report][summary]") {
  const InfluenceResult r = two_blocs();
  CHECK(shares_sentence(r) == "Shares of the blocs' documented ties: NATO 62% (48\u201375%), Russia 38% (25\u201352%).");
  CHECK(dimensions_sentence(r) == "Largest share by dimension: security, Russia 100% (90\u2013100%); political, NATO 80% (60\u201395%); "
                                  "economic, no documented tie; social, no documented tie.");
}

TEST_CASE("The caveats say how lopsided the sources are and what the undated ties do", "[report][summary]") {
  InfluenceResult r = two_blocs();
  r.sources = {0, 1, 2, 3, 4};
  r.blocs[0].sources = {0, 1, 2, 3};
  r.blocs[1].sources = {4};
  r.undated_relations = 3;
  r.not_yet_attested = 1;
  std::array<Estimate, dimension_count + 1> balance{};
  balance[all_dimensions] = estimate(0.2, -0.1, 0.5);
  balance[all_dimensions].undated = {0.2, 0.35};
  balance[all_dimensions].sources = {-0.1, 0.4};
  r.balance = balance;
  const auto caveats = caveat_sentences(r);
  REQUIRE(caveats.size() == 2);
  CHECK(caveats[0] == "The ties rest on 5 sources: NATO's on 4 sources, Russia's on 1 source. The sources are lopsided: the comparison "
                      "leans on what the better-covered bloc's sources chose to report. Leaving out any one source moves the balance "
                      "between \u22120.10 and +0.40.");
  CHECK(caveats[1] == "3 ties are undated (1 not attested by the reference date): counting them all as active moves the balance between "
                      "+0.20 and +0.35.");
}

TEST_CASE("Bloc colours: the compared blocs first, a colour from blocs.csv as given, and the style sheet agrees", "[report][colour]") {
  const Dataset d = load_dataset(test::data_path("hostile"));
  REQUIRE(d.blocs().size() >= 2);
  std::vector<std::string> ids;
  for (const Bloc& b : d.blocs()) ids.push_back(b.id);
  StyleSheet style;
  const auto colours = assign_bloc_colours(d, {ids.back()}, style);
  REQUIRE(colours.size() == ids.size());
  // The compared bloc takes the first free palette colour, whatever its place in blocs.csv.
  StyleSheet fresh;
  CHECK(colours.at(ids.back()) == fresh.blocs({ids.back()}).front().at("fillcolor"));
  // The style sheet now gives every bloc the colour the charts use, in any order it is asked.
  const auto attributes = style.blocs(ids);
  for (std::size_t i = 0; i < ids.size(); ++i) CHECK(attributes[i].at("fillcolor") == colours.at(ids[i]));
  // Deterministic.
  StyleSheet again;
  CHECK(assign_bloc_colours(d, {ids.back()}, again) == colours);
}

TEST_CASE("The dataset's title is the README's first-line heading", "[report][metadata]") {
  CHECK(readme_title("# Tajikistan between NATO and Russia\n\ntext") == "Tajikistan between NATO and Russia");
  CHECK(readme_title("\xEF\xBB\xBF#  Spaced title ##  \r\nmore") == "Spaced title");
  CHECK(readme_title("#C# is not a heading") == std::nullopt);
  CHECK(readme_title("Text first\n# Heading later") == std::nullopt);
  CHECK(readme_title("## A level-2 heading") == std::nullopt);
  CHECK(readme_title("#\n") == std::nullopt);
  CHECK(readme_title_problem("#\n") == "the title (the first line's '# ' heading) is empty");
  CHECK(readme_title_problem("# ok") == "");
  CHECK(readme_title_problem("no heading") == "");
  const std::string long_title = "# " + std::string(201, 'x');
  CHECK(readme_title(long_title) == std::nullopt);
  CHECK(count(readme_title_problem(long_title), "201 characters, more than 200") == 1);
  const Dataset hostile = load_dataset(test::data_path("hostile"));
  CHECK(dataset_title(hostile) == std::nullopt);  // no README
  CHECK(dataset_display_name(hostile) == "hostile");
  CHECK(dataset_folder_name(hostile) == "hostile");
  CHECK(is_hex_colour("#80B9d9"));
  CHECK_FALSE(is_hex_colour("80B9D9"));
  CHECK_FALSE(is_hex_colour("#80B9D"));
  CHECK_FALSE(is_hex_colour("red"));
}

TEST_CASE("What weighs most lists facts until they cover 80% of the score", "[report]") {
  BlocInfluence b;
  for (double v : {5.0, 2.0, 1.0, 1.0, 0.5, 0.5}) {
    FactContribution f;
    f.value = v;
    b.facts.push_back(f);
  }
  // Total 10: 5 + 2 = 7 < 8, + 1 = 8 covers 80%.
  CHECK(facts_to_list(b, 1) == 3);
  CHECK(facts_to_list(b, 5) == 5);
  CHECK(facts_to_list(b, 1, 1.0) == 6);
  CHECK(facts_to_list(BlocInfluence{}, 5) == 0);
  // Never more than max_facts_listed, unless more are asked for.
  BlocInfluence many;
  for (int i = 0; i < 100; ++i) many.facts.push_back(b.facts.back());
  CHECK(facts_to_list(many, 1) == max_facts_listed);
  CHECK(facts_to_list(many, 30) == 30);
}

TEST_CASE("A colour in blocs.csv is the bloc's colour everywhere, and the title comes from README.md", "[report][colour]") {
  const test::TempDataset folder({{"actors.csv", "id,label,kind\na,Alpha,state\nb,Beta,state\nt,Target,state\n"},
                                  {"relations.csv", "id,source,target,type\nr1,a,t,visit\nr2,b,t,visit\n"},
                                  {"blocs.csv", "bloc,actor,role,colour\nnato,a,lead,\nrussia,b,lead,#123456\n"},
                                  {"README.md", "# Two blocs and a target\n\nText.\n"}});
  const Dataset d = load_dataset(folder.path());
  StyleSheet style;
  const auto colours = assign_bloc_colours(d, {"russia", "nato"}, style);
  CHECK(colours.at("russia") == "#123456");
  // nato keeps its well-known blue although russia is compared first.
  CHECK(colours.at("nato") == StyleSheet().blocs({"nato"}).front().at("fillcolor"));
  CHECK(style.blocs({"nato", "russia"})[1].at("fillcolor") == "#123456");
  CHECK(dataset_display_name(d) == "Two blocs and a target");
}

TEST_CASE("The report's command line and warnings name no folder of the machine", "[report]") {
  CHECK(portable_command_line({"report", "/home/ana/graphs/tajikistan", "-o", "/tmp/out/", "--params=/etc/x/influence.csv", "--target",
                               "tajikistan", "--style", "./style.csv"}) ==
        "actorgraph report tajikistan -o out --params=influence.csv --target tajikistan --style style.csv");
  CHECK(portable_command_line({}) == "actorgraph");
  Diagnostics in(2);
  in[0].file = "/home/ana/graphs/tajikistan/relations.csv";
  in[0].line = 54;
  in[1].file = "/etc/style.csv";
  const Diagnostics out = relative_to_dataset(in, "/home/ana/graphs/tajikistan");
  CHECK(out[0].file == "relations.csv");
  CHECK(out[0].line == 54);
  CHECK(out[1].file == "style.csv");
}

namespace {

std::vector<std::string> names_of(const ReportResult& r) {
  std::vector<std::string> names;
  for (const auto& f : r.files) names.push_back(f.name);
  return names;
}

ReportOptions tajikistan_options() {
  ReportOptions o;
  o.target = "tajikistan";
  o.blocs = {"nato", "russia"};
  o.command_line = {"report", "tajikistan", "-o", "/tmp/x/report", "--target", "tajikistan"};
  return o;
}

// Every file of build_report(d, o) made in a child process, as one string (name, size, bytes of each):
// each child starts from the Graphviz state its parent has, as each `actorgraph report` does.
std::string report_in_child(const Dataset& d, const ReportOptions& o) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    std::string all;
    try {
      for (const auto& f : build_report(d, o).files) all += f.name + '\n' + std::to_string(f.bytes.size()) + '\n' + f.bytes;
    } catch (...) {
      ::_exit(2);
    }
    for (std::size_t at = 0; at < all.size();) {
      const ssize_t n = ::write(fds[1], all.data() + at, all.size() - at);
      if (n <= 0) ::_exit(3);
      at += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string all;
  char buffer[65536];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) all.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  return all;
}

}  // namespace

TEST_CASE("build_report on graphs/tajikistan returns every file in a fixed order and the messages", "[report][build]") {
  const Dataset d = load_dataset(std::string(ACTORGRAPH_SOURCE_DIR) + "/graphs/tajikistan");
  std::vector<std::string> progress;
  std::vector<ReportFile> handed;
  const ReportResult r = build_report(
      d, tajikistan_options(), [&](const ReportMessage& m) { progress.push_back(m.text); }, [&](const ReportFile& f) { handed.push_back(f); });
  CHECK(names_of(r) == std::vector<std::string>{"centrality.csv", "overview.dot", "overview.svg", "overview.png", "network.dot",
                                                "network.svg", "network.png", "ego.dot", "ego.svg", "ego.png", "influence.csv",
                                                "influence.json", "timeline.csv", "timeline.svg", "report.html"});
  std::string messages;
  for (const auto& m : r.messages) messages += m.text + "\n";
  INFO(messages);
  REQUIRE(r.messages.size() == 3);
  CHECK(progress == std::vector<std::string>{"drawing overview", "drawing network", "drawing ego"});
  CHECK(r.messages[0].kind == ReportMessage::Kind::progress);
  CHECK(r.files.back().bytes == r.html);
  // Each file was handed over as it was made: the same files, in the same order.
  REQUIRE(handed.size() == r.files.size());
  for (std::size_t i = 0; i < handed.size(); ++i) CHECK((handed[i].name == r.files[i].name && handed[i].bytes == r.files[i].bytes));
  CHECK(r.print_html.empty());
  CHECK(r.html.find("Made with actorgraph " ACTORGRAPH_VERSION ": actorgraph report tajikistan -o report --target tajikistan") !=
        std::string::npos);
  CHECK(r.files[0].bytes.rfind("id,label,kind,degree,betweenness,pagerank,harmonic\n", 0) == 0);
  CHECK(r.files[11].bytes.rfind("{\n  \"target\": \"tajikistan\",\n", 0) == 0);
}

// A known open defect, so hidden ([.]) and not run by ctest: it fails in most runs (docs/RENDER.md,
// "Determinism": the page diagrams of report.html differ between the two children, while two
// `report` commands agree). Run it by name to work on it:
//   build/release/tests/actorgraph_tests "build_report gives the same bytes twice when each report starts from the same process state"
TEST_CASE("build_report gives the same bytes twice when each report starts from the same process state", "[.][report][build]") {
  // Two reports made one after the other in one process may lay the page diagrams out differently
  // (Graphviz keeps state between layouts: docs/RENDER.md, "Determinism"), so each is made in a
  // child of this process, as each `report` command is made in a process of its own.
  const Dataset d = load_dataset(std::string(ACTORGRAPH_SOURCE_DIR) + "/graphs/tajikistan");
  const std::string first = report_in_child(d, tajikistan_options());
  const std::string second = report_in_child(d, tajikistan_options());
  CHECK(first.size() > 100000);
  CHECK(first == second);
}

TEST_CASE("build_report on a small dataset without a target: no influence, and png, at and pdf change what is made", "[report][build]") {
  const Dataset d = load_dataset(test::data_path("small"));
  ReportOptions o;
  const ReportResult all = build_report(d, o);
  CHECK(names_of(all) == std::vector<std::string>{"centrality.csv", "overview.dot", "overview.svg", "overview.png", "network.dot",
                                                  "network.svg", "network.png", "report.html"});
  CHECK(all.html.find("relations begun by") == std::string::npos);

  o.png = false;
  o.at = "2005";
  o.pdf = true;
  const ReportResult at = build_report(d, o);
  CHECK(names_of(at) == std::vector<std::string>{"centrality.csv", "overview.dot", "overview.svg", "network.dot", "network.svg", "report.html"});
  CHECK(at.html.find("relations begun by 2005 (undated relations left out)") != std::string::npos);
  // The page to print links no file (a PDF would turn the links into paths of a temporary folder),
  // and both list report.pdf.
  CHECK(count(at.html, "href=\"centrality.csv\"") >= 1);
  CHECK(count(at.print_html, "href=\"centrality.csv\"") == 0);
  CHECK(count(at.html, "report.pdf") >= 1);

  o.target = "nobody-at-all";
  CHECK_THROWS_AS(build_report(d, o), UsageError);
}
