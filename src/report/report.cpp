#include "actorgraph/report/report.hpp"

#include "actorgraph/report/charts.hpp"
#include "actorgraph/model/text.hpp"

#include <cstdio>

namespace actorgraph {

namespace {

std::string e(std::string_view s) { return xml_escape(s); }

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string dates(const Dataset& d, RelationId r) {
  const std::string text = relation_dates(d, r, "–");
  return text.empty() ? "undated" : text;
}

std::string citation(const Dataset& d, RelationId r) {
  std::string out;
  for (SourceId s : d.relation_sources(r)) out += (out.empty() ? "" : ", ") + std::string("<a href=\"#src-") + e(d.source_id(s)) + "\">" + e(d.source_id(s)) + "</a>";
  return out;
}

// The quote, then the analyst's notes (for cooperation, the field; for dates, where they come from).
std::string evidence(const Dataset& d, RelationId r) {
  std::string out;
  if (const auto quote = d.relation_field(r, "quote"); !quote.empty()) out += "<blockquote>“" + e(quote) + "”</blockquote>";
  if (const auto notes = d.relation_field(r, "notes"); !notes.empty()) out += "<div class=\"note\">" + e(notes) + "</div>";
  return out;
}

std::string arrow(const Dataset& d, RelationId r) {
  return e(d.actor_label(d.relation_source(r))) + (d.relation_directed(r) ? " → " : " — ") + e(d.actor_label(d.relation_target(r)));
}

const char* kStyle = R"(
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1a1a1a; max-width: 180mm; margin: 0 auto; padding: 1em; }
h1 { font-size: 20pt; margin-bottom: 0.2em; }
h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 1.6em; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin-top: 1.2em; page-break-after: avoid; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 9.5pt; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0.8em 0; page-break-inside: avoid; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #555; }
blockquote { margin: 0.2em 0 0.2em 1em; color: #333; font-style: italic; }
.warning { color: #8a4b00; }
.summary td:first-child { width: 35%; }
section.sources li { margin-bottom: 0.3em; }
div.note { font-size: 8.5pt; color: #555; }
div.block { break-inside: avoid-page; page-break-inside: avoid; }
@media print { a { color: inherit; text-decoration: none; } section { page-break-inside: auto; } .pagebreak { page-break-before: always; } }
)";

}  // namespace

std::string report_html(const Dataset& d, const ReportContent& c) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + e(c.title) + "</title>\n<style>" + kStyle +
       "</style>\n</head>\n<body>\n";
  h += "<h1>" + e(c.title) + "</h1>\n<p class=\"meta\">Dataset: " + e(d.path()) + " · Slice: " + e(c.slice_description);
  if (c.influence) h += " · As of " + e(c.influence->at.str());
  h += "</p>\n";

  // Summary.
  const Stats& s = c.stats;
  h += "<section id=\"summary\">\n<h2>Dataset</h2>\n<table class=\"summary\">\n";
  auto row = [&](const std::string& k, const std::string& v) { h += "<tr><td>" + e(k) + "</td><td>" + e(v) + "</td></tr>\n"; };
  row("Actors", std::to_string(s.actors));
  std::string kinds;
  for (const auto& [k, n] : s.actors_by_kind) kinds += (kinds.empty() ? "" : ", ") + k + " " + std::to_string(n);
  row("Actors by kind", kinds);
  row("Relations", std::to_string(s.relations) + " (" + std::to_string(s.directed_relations) + " directed, " +
                       std::to_string(s.undated_relations) + " undated)");
  std::string types;
  for (const auto& [t, n] : s.relations_by_type) types += (types.empty() ? "" : ", ") + t + " " + std::to_string(n);
  row("Relations by type", types);
  row("Dates", (s.earliest ? s.earliest->str() : "?") + " to " + (s.latest ? s.latest->str() : "?"));
  row("Sources", std::to_string(s.sources_cited) + " cited of " + std::to_string(s.sources_total));
  row("Components", std::to_string(s.weak_components) + " (largest: " + std::to_string(s.largest_weak_component) + " actors)");
  row("Density", fixed(s.density, 4));
  h += "</table>\n</section>\n";

  if (!c.network_svg.empty())
    h += "<section id=\"network\" class=\"pagebreak\">\n<h2>The network</h2>\n<figure>\n" + c.network_svg +
         "<figcaption>Every actor and relation of the slice. Shape: kind of actor; fill: bloc; edge colour: relation type; "
         "hover an edge for its citation.</figcaption>\n</figure>\n</section>\n";
  if (!c.ego_svg.empty() && c.target)
    h += "<section id=\"ego\">\n<h2>" + e(d.actor_label(*c.target)) + " and its partners</h2>\n<figure>\n" + c.ego_svg +
         "<figcaption>" + (c.ego_depth == 1 ? std::string("The actors directly linked to ") + e(d.actor_label(*c.target))
                                              : "The actors within " + std::to_string(c.ego_depth) + " relations of " + e(d.actor_label(*c.target))) +
         ", and the relations among them" +
         (c.ego_collapsed ? std::string("; officials, agencies and units are drawn as the state or organisation they belong to") : "") +
         ".</figcaption>\n</figure>\n</section>\n";

  // Influence.
  if (c.influence && c.target) {
    const InfluenceResult& r = *c.influence;
    h += "<section id=\"influence\" class=\"pagebreak\">\n<h2>Influence on " + e(d.actor_label(*c.target)) + "</h2>\n";
    h += "<p>What is measured: the documented ties between each bloc and the target in these sources (" +
         std::to_string(r.sources.size()) + " sources), each fact counted once, weighted by type, size and age, "
         "conflictual ties subtracted; the method, every default and its limits are in docs/influence.md. "
         "Intervals combine the undated relations' bounds, resampling the sources and drawing the parameters; "
         "the CSV and JSON files give each part. Parameters: " +
         (c.influence_parameters.empty() ? std::string("the built-in defaults") : e(c.influence_parameters)) + ".</p>\n";
    if (!c.influence_chart_svg.empty()) h += "<figure>\n" + c.influence_chart_svg + "</figure>\n";
    h += "<table>\n<tr><th>Bloc</th><th class=\"num\">Security</th><th class=\"num\">Political</th><th class=\"num\">Economic</th>"
         "<th class=\"num\">Social</th><th class=\"num\">Score</th><th class=\"num\">Interval</th><th class=\"num\">Share</th>"
         "<th class=\"num\">Interval</th><th class=\"num\">Dependence</th><th class=\"num\">Sources</th></tr>\n";
    for (const auto& b : r.blocs) {
      const auto& all = b.dimensions[all_dimensions];
      h += "<tr><td>" + e(b.label) + "</td>";
      for (std::size_t k = 0; k < dimension_count; ++k) h += "<td class=\"num\">" + fixed(b.dimensions[k].score.value, 2) + "</td>";
      h += "<td class=\"num\">" + fixed(all.score.value, 2) + "</td><td class=\"num\">" + fixed(all.score.low, 2) + "–" +
           fixed(all.score.high, 2) + "</td><td class=\"num\">" + fixed(100 * all.share.value, 1) + "%</td><td class=\"num\">" +
           fixed(100 * all.share.low, 1) + "–" + fixed(100 * all.share.high, 1) + "%</td><td class=\"num\">" +
           fixed(100 * all.dependence.value, 1) + "%</td><td class=\"num\">" + std::to_string(b.sources.size()) + "</td></tr>\n";
    }
    h += "</table>\n";
    if (r.balance) {
      const Estimate& bal = (*r.balance)[all_dimensions];
      h += "<p><strong>Balance " + e(r.blocs[0].label) + " vs " + e(r.blocs[1].label) + ": " + fixed(bal.value, 3) + "</strong> (interval " +
           fixed(bal.low, 3) + " to " + fixed(bal.high, 3) + "; +1 all " + e(r.blocs[0].label) + ", −1 all " + e(r.blocs[1].label) + ").</p>\n";
    }
    if (!c.timeline_svg.empty()) h += "<figure>\n" + c.timeline_svg + "<figcaption>Scores at the end of each year.</figcaption>\n</figure>\n";
    for (const auto& b : r.blocs) {
      h += "<h3>What weighs most for " + e(b.name) + "</h3>\n<table>\n<tr><th>Relation</th><th>Type</th><th>Dates</th>"
           "<th class=\"num\">Value</th><th>Evidence</th></tr>\n";
      for (std::size_t i = 0; i < b.contributions.size() && i < c.explain; ++i) {
        const auto& k = b.contributions[i];
        h += "<tr><td>" + arrow(d, k.relation) + "</td><td>" + e(d.types()[d.relation_type(k.relation)].id) + "</td><td>" +
             e(dates(d, k.relation)) + "</td><td class=\"num\">" + fixed(k.value, 2) + "</td><td>" + e(d.relation_id(k.relation)) + " · " +
             citation(d, k.relation) + evidence(d, k.relation) + "</td></tr>\n";
      }
      h += "</table>\n";
    }
    h += "</section>\n";
  }

  // Centrality.
  if (!c.centrality.empty()) {
    h += "<section id=\"centrality\" class=\"pagebreak\">\n<h2>Who is central</h2>\n";
    for (const auto& sec : c.centrality) {
      h += "<h3>" + e(sec.measure) + "</h3>\n<p>" + e(sec.definition) + "</p>\n<table>\n<tr><th class=\"num\">#</th><th>Actor</th>"
           "<th>Kind</th><th class=\"num\">Score</th></tr>\n";
      for (std::size_t i = 0; i < sec.top.size(); ++i)
        h += "<tr><td class=\"num\">" + std::to_string(i + 1) + "</td><td>" + e(d.actor_label(sec.top[i].actor)) + "</td><td>" +
             e(d.kind_name(d.actor_kind(sec.top[i].actor))) + "</td><td class=\"num\">" + fixed(sec.top[i].score, 4) + "</td></tr>\n";
      h += "</table>\n";
    }
    h += "</section>\n";
  }

  // Who is linked to whom.
  if (c.target) {
    h += "<section id=\"partners\" class=\"pagebreak\">\n<h2>Who is linked to " + e(d.actor_label(*c.target)) + "</h2>\n";
    if (c.partners.empty()) h += "<p>No direct partner in this slice.</p>\n";
    for (const auto& p : c.partners) {
      h += "<div class=\"block\">\n<h3>" + e(d.actor_label(p.partner)) + " <small>(" + e(d.kind_name(d.actor_kind(p.partner))) + ")</small></h3>\n<table>\n"
           "<tr><th>Relation</th><th>Type</th><th>Dates</th><th>Evidence</th></tr>\n";
      for (RelationId r : p.relations) {
        h += "<tr><td>" + arrow(d, r) + "</td><td>" + e(d.types()[d.relation_type(r)].id) + "</td><td>" + e(dates(d, r)) + "</td><td>" +
             e(d.relation_id(r)) + " · " + citation(d, r) + evidence(d, r) + "</td></tr>\n";
      }
      h += "</table>\n</div>\n";
    }
    h += "</section>\n";
  }

  // Disagreements.
  h += "<section id=\"warnings\">\n<h2>Where the sources disagree</h2>\n";
  if (c.warnings.empty()) h += "<p>actorgraph check found no warning.</p>\n";
  else {
    h += "<ul>\n";
    for (const auto& w : c.warnings) h += "<li class=\"warning\">" + e(w.message) + " <small>(" + e(w.str().substr(0, w.str().find(": warning"))) + ")</small></li>\n";
    h += "</ul>\n";
  }
  h += "</section>\n";

  // Sources.
  h += "<section id=\"sources\" class=\"sources\">\n<h2>Sources</h2>\n<ol>\n";
  for (SourceId src = 0; src < d.source_count(); ++src) {
    const auto url = d.source_field(src, "url");
    h += "<li id=\"src-" + e(d.source_id(src)) + "\"><strong>" + e(d.source_id(src)) + "</strong>: " + e(d.source_field(src, "title"));
    for (const char* field : {"publisher", "date"})
      if (const auto v = d.source_field(src, field); !v.empty()) h += ", " + e(v);
    if (is_linkable_url(url)) h += ". <a href=\"" + e(url) + "\">" + e(url) + "</a>";
    else if (!url.empty()) h += ". " + e(url);
    h += "</li>\n";
  }
  h += "</ol>\n</section>\n";

  if (!c.files.empty()) {
    h += "<section id=\"files\">\n<h2>Files</h2>\n<p>Beside this report: ";
    for (std::size_t i = 0; i < c.files.size(); ++i) h += (i ? ", " : "") + std::string("<a href=\"") + e(c.files[i]) + "\">" + e(c.files[i]) + "</a>";
    h += ".</p>\n</section>\n";
  }
  h += "<p class=\"meta\">" + e(c.generated_with) + "</p>\n</body>\n</html>\n";
  return h;
}

}  // namespace actorgraph
