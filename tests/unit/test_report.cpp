#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/text.hpp"
#include "actorgraph/report/charts.hpp"
#include "actorgraph/report/report.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

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
  const std::vector<Series> series = {{"nato", {1, 2, 3}, "#80B9D9"}, {"<russia>", {3, 2, 1}, "#E8A77F"}};
  const std::string svg = line_chart_svg({"2001", "2002", "2003"}, series, "By year", "score");
  CHECK(count(svg, "<polyline") == 2);
  CHECK(count(svg, "<circle") == 6);
  CHECK(count(svg, "&lt;russia&gt;") >= 1);
  CHECK(count(svg, "<russia>") == 0);
  CHECK(count(svg, ">2002</text>") == 1);
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
