#include "actorgraph/report/report.hpp"

#include "actorgraph/format.hpp"
#include "actorgraph/report/charts.hpp"
#include "actorgraph/report/summary.hpp"
#include "actorgraph/model/metadata.hpp"
#include "actorgraph/model/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace actorgraph {

namespace {

std::string e(std::string_view s) { return xml_escape(s); }

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

// Print: A4 or Letter (the @page size is set from ReportContent::paper), page numbers in the bottom
// margin, headings kept with what follows, figures and table rows not split, screen-only hints hidden.
const char* kStyle = R"(
@page { margin: 16mm 14mm 18mm 14mm; @bottom-center { content: "page " counter(page) " of " counter(pages); font: 8pt "DejaVu Sans", Arial, sans-serif; color: #555; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.4; color: #1a1a1a; max-width: 180mm; margin: 0 auto; padding: 1em; }
h1 { font-size: 20pt; margin-bottom: 0.1em; }
p.subtitle { font-size: 13pt; margin: 0 0 0.3em 0; color: #333; }
h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 1.4em; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin-top: 1em; break-after: avoid; page-break-after: avoid; }
h2 + *, h3 + * { break-before: avoid; page-break-before: avoid; }
h2 + p, h3 + p { break-after: avoid; page-break-after: avoid; }
p.meta { color: #555; margin-top: 0; font-size: 9pt; }
div.answer p { margin: 0.35em 0; }
div.answer p.lead { font-size: 11.5pt; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 9pt; page-break-inside: auto; }
tr, li { break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 1px solid #ddd; padding: 2px 5px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
span.swatch { display: inline-block; width: 0.8em; height: 0.8em; border: 1px solid #555; margin-right: 0.3em; vertical-align: -0.05em; }
figure { margin: 0.6em 0; break-inside: avoid; page-break-inside: avoid; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figure.small svg { max-width: 75%; }
figcaption { font-size: 8.5pt; color: #555; }
blockquote { margin: 0.2em 0 0.2em 1em; color: #333; font-style: italic; }
.warning { color: #8a4b00; }
.facts td:first-child { width: 30%; }
section.sources li { margin-bottom: 0.3em; }
div.note { font-size: 8pt; color: #555; }
div.block, section.keep { break-inside: avoid; page-break-inside: avoid; }
div.legend { font-size: 8.5pt; break-inside: avoid; page-break-inside: avoid; }
div.legend p { margin: 0.2em 0; }
div.legend span.item { white-space: nowrap; margin-right: 0.6em; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .screen-only { display: none; }
  .pagebreak { break-before: page; page-break-before: always; }
}
)";

std::string swatch(const ReportContent& c, const std::string& bloc) {
  const auto it = c.bloc_colours.find(bloc);
  return it == c.bloc_colours.end() ? "" : "<span class=\"swatch\" style=\"background:" + e(it->second) + "\"></span>";
}

std::string percent(double share) { return fixed_number(100 * share, 1) + "%"; }

std::string head(const Dataset& d, const ReportContent& c) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + e(c.title) + "</title>\n<style>" + kStyle +
                  "@page { size: " + (c.paper == "letter" ? "letter" : "A4") + "; }\n</style>\n</head>\n<body>\n";
  h += "<h1>" + e(c.title) + "</h1>\n";
  if (!c.subtitle.empty()) h += "<p class=\"subtitle\">" + e(c.subtitle) + "</p>\n";
  h += "<p class=\"meta\">Dataset: " + e(dataset_folder_name(d)) + " · Slice: " + e(c.slice_description);
  if (c.influence) h += " · As of " + e(c.influence->at.str());
  return h + "</p>\n";
}

// The first page: the answer in sentences, the shares chart, the dataset in a few figures.
std::string summary_section(const ReportContent& c) {
  std::string h = "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"answer\">\n";
  for (std::size_t i = 0; i < c.summary.size(); ++i) h += std::string(i == 0 ? "<p class=\"lead\">" : "<p>") + e(c.summary[i]) + "</p>\n";
  if (c.summary.empty()) h += "<p>No influence was measured (no target or no blocs): the report describes the network.</p>\n";
  h += "</div>\n";
  if (!c.influence_chart_svg.empty()) h += "<figure class=\"small\">\n" + c.influence_chart_svg + "</figure>\n";
  const Stats& s = c.stats;
  std::string kinds, types;
  for (const auto& [k, n] : s.actors_by_kind) kinds += (kinds.empty() ? "" : ", ") + k + " " + std::to_string(n);
  for (const auto& [t, n] : s.relations_by_type) types += (types.empty() ? "" : ", ") + t + " " + std::to_string(n);
  h += "<h3>The data</h3>\n<table class=\"facts\">\n";
  auto row = [&](const std::string& k, const std::string& v) { h += "<tr><td>" + e(k) + "</td><td>" + e(v) + "</td></tr>\n"; };
  row("Actors", std::to_string(s.actors) + ": " + kinds);
  row("Relations", std::to_string(s.relations) + " (" + std::to_string(s.directed_relations) + " directed, " +
                       std::to_string(s.undated_relations) + " undated): " + types);
  row("Dates", (s.earliest ? s.earliest->str() : "?") + " to " + (s.latest ? s.latest->str() : "?"));
  row("Sources", std::to_string(s.sources_cited) + " cited of " + std::to_string(s.sources_total));
  row("Components", std::to_string(s.weak_components) + " (largest: " + std::to_string(s.largest_weak_component) + " actors); density " +
                        fixed_number(s.density, 4));
  return h + "</table>\n</section>\n";
}

std::string influence_table_html(const ReportContent& c, const InfluenceResult& r) {
  std::string h = "<table>\n<tr><th>Bloc</th>";
  for (std::size_t k = 0; k < dimension_count; ++k) h += "<th class=\"num\">" + e(dimension_name(static_cast<Dimension>(k))) + "</th>";
  h += "<th class=\"num\">Score</th><th class=\"num\">Interval</th><th class=\"num\">Share</th><th class=\"num\">Interval</th>"
       "<th class=\"num\">Sources</th></tr>\n";
  for (const auto& b : r.blocs) {
    const auto& all = b.dimensions[all_dimensions];
    h += "<tr><td>" + swatch(c, b.name) + e(b.label) + "</td>";
    for (std::size_t k = 0; k < dimension_count; ++k) h += "<td class=\"num\">" + fixed_number(b.dimensions[k].score.value, 2) + "</td>";
    h += "<td class=\"num\">" + fixed_number(all.score.value, 2) + "</td><td class=\"num\">" + fixed_number(all.score.low, 2) + "–" + fixed_number(all.score.high, 2) +
         "</td><td class=\"num\">" + percent(all.share.value) + "</td><td class=\"num\">" + fixed_number(100 * all.share.low, 1) + "–" +
         percent(all.share.high) + "</td><td class=\"num\">" + std::to_string(b.sources.size()) + "</td></tr>\n";
  }
  return h + "</table>\n";
}

// The score of each bloc by relation type, with the part of the bloc's score each type makes.
std::string by_type_table(const ReportContent& c, const InfluenceResult& r) {
  std::string h = "<table>\n<tr><th>Bloc</th><th>Relation type</th><th class=\"num\">Score</th><th class=\"num\">Part of the bloc's score</th></tr>\n";
  for (const auto& b : r.blocs) {
    std::vector<std::pair<std::string, double>> types(b.by_type.begin(), b.by_type.end());
    std::stable_sort(types.begin(), types.end(), [](const auto& x, const auto& y) { return std::abs(x.second) > std::abs(y.second); });
    const double score = b.dimensions[all_dimensions].score.value;
    for (const auto& [type, value] : types) {
      if (value == 0) continue;
      h += "<tr><td>" + swatch(c, b.name) + e(b.label) + "</td><td>" + e(type) + "</td><td class=\"num\">" + fixed_number(value, 2) +
           "</td><td class=\"num\">" + (score != 0 ? percent(value / score) : std::string("–")) + "</td></tr>\n";
    }
  }
  return h + "</table>\n";
}

std::string weighs_most(const Dataset& d, const ReportContent& c, const BlocInfluence& b) {
  const double score = b.dimensions[all_dimensions].score.value;
  const std::size_t n = facts_to_list(b, c.explain);
  double listed = 0;
  for (std::size_t i = 0; i < n; ++i) listed += b.facts[i].value;
  std::string h = "<div><h3>" + swatch(c, b.name) + "What weighs most for " + e(b.label) + "</h3>\n<p>The " + std::to_string(n) +
                  " largest of " + std::to_string(b.facts.size()) + " facts";
  if (score != 0) h += ", " + percent(listed / score) + " of the score " + fixed_number(score, 2);
  h += ".</p>\n<table>\n<tr><th>Fact</th><th>Type</th><th>Dates</th><th class=\"num\">Value</th><th class=\"num\">Part of the score</th><th>Evidence</th></tr>\n";
  for (std::size_t i = 0; i < n; ++i) {
    const FactContribution& f = b.facts[i];
    const RelationId rel = f.counted ? *f.counted : f.friction ? *f.friction : f.rows.front();
    h += "<tr><td>" + arrow(d, rel) + "</td><td>" + e(d.types()[d.relation_type(rel)].id) + "</td><td>" + e(dates(d, rel)) +
         "</td><td class=\"num\">" + fixed_number(f.value, 2) + "</td><td class=\"num\">" + (score != 0 ? percent(f.value / score) : std::string("–")) +
         "</td><td>" + e(d.relation_id(rel)) + " · " + citation(d, rel) + "</td></tr>\n";
  }
  if (n < b.facts.size()) {
    // The rest in one row, by type, so that the table accounts for the whole score.
    std::map<std::string, double> by_type;
    double rest = 0;
    for (std::size_t i = n; i < b.facts.size(); ++i) {
      const FactContribution& f = b.facts[i];
      const RelationId rel = f.counted ? *f.counted : f.friction ? *f.friction : f.rows.front();
      by_type[d.types()[d.relation_type(rel)].id] += f.value;
      rest += f.value;
    }
    std::string types;
    for (const auto& [type, value] : by_type) types += (types.empty() ? "" : ", ") + type + " " + fixed_number(value, 2);
    h += "<tr><td colspan=\"3\"><em>The other " + std::to_string(b.facts.size() - n) + " facts</em> (" + e(types) + ")</td><td class=\"num\">" +
         fixed_number(rest, 2) + "</td><td class=\"num\">" + (score != 0 ? percent(rest / score) : std::string("–")) + "</td><td></td></tr>\n";
  }
  return h + "</table></div>\n";
}

std::string influence_section(const Dataset& d, const ReportContent& c) {
  const InfluenceResult& r = *c.influence;
  std::string h = "<section id=\"influence\" class=\"pagebreak\">\n<h2>Influence on " + e(d.actor_label(*c.target)) + "</h2>\n";
  h += "<p>What is measured: the documented ties between each bloc and the target in these sources (" + std::to_string(r.sources.size()) +
       " sources), each fact counted once, weighted by type, size and age, conflictual ties subtracted (the method, its defaults and "
       "limits: docs/influence.md in actorgraph). Intervals combine the undated relations' bounds, resampling the sources and drawing "
       "the parameters. Parameters: " +
       (c.influence_parameters.empty() ? std::string("the built-in defaults") : e(c.influence_parameters)) + ".</p>\n";
  h += influence_table_html(c, r);
  if (r.balance) {
    const Estimate& bal = (*r.balance)[all_dimensions];
    h += "<p><strong>Balance " + e(r.blocs[0].label) + " vs " + e(r.blocs[1].label) + ": " + e(signed_number(bal.value)) + "</strong> (interval " +
         e(signed_number(bal.low)) + " to " + e(signed_number(bal.high)) + "; +1 all " + e(r.blocs[0].label) + ", −1 all " + e(r.blocs[1].label) +
         ").</p>\n";
  }
  if (!c.dimension_chart_svg.empty()) h += "<figure>\n" + c.dimension_chart_svg + "</figure>\n";
  if (!c.timeline_svg.empty())
    h += "<figure>\n" + c.timeline_svg + "<figcaption>Scores at the end of each year; the band is the interval.</figcaption>\n</figure>\n";
  h += "<h3>By relation type</h3>\n" + by_type_table(c, r);
  for (const auto& b : r.blocs) h += weighs_most(d, c, b);
  return h + "</section>\n";
}

// The legend of the diagrams: bloc fills, actor shapes, relation lines (colour and line style, so
// that types stay apart in black-and-white print too), each as one wrapping line.
std::string legend_html(const Dataset& d, const ReportContent& c) {
  std::string h = "<div class=\"legend\">\n<p><strong>Fill: bloc.</strong> ";
  for (const auto& [bloc, colour] : c.bloc_colours) {
    std::string label = bloc;
    for (const Bloc& b : d.blocs())
      if (b.id == bloc) label = std::string(d.actor_label(b.lead));
    h += "<span class=\"item\"><span class=\"swatch\" style=\"background:" + e(colour) + "\"></span>" + e(label) + "</span> ";
  }
  h += "<span class=\"item\"><span class=\"swatch\" style=\"background:white\"></span>no bloc</span></p>\n<p><strong>Shape: kind.</strong> ";
  for (std::size_t i = 0; i < c.legend_kinds.size(); ++i)
    h += (i ? ", " : "") + e(c.legend_kinds[i].first) + " " + e(c.legend_kinds[i].second);
  h += ".</p>\n<p><strong>Line: relation type.</strong> ";
  for (const LegendLine& l : c.legend_types) {
    const std::string dash = l.style.find("dashed") != std::string::npos ? " stroke-dasharray=\"5,2\""
                             : l.style.find("dotted") != std::string::npos ? " stroke-dasharray=\"1,3\"" : "";
    h += "<span class=\"item\"><svg width=\"30\" height=\"8\" viewBox=\"0 0 30 8\"><line x1=\"0\" y1=\"4\" x2=\"30\" y2=\"4\" stroke=\"" +
         e(l.colour) + "\" stroke-width=\"" + fixed_number(l.width, 1) + "\"" + dash + "/></svg> " + e(l.type) + "</span> ";
  }
  return h + "</p>\n</div>\n";
}

std::string diagram_sections(const Dataset& d, const ReportContent& c) {
  std::string h;
  if (!c.overview_svg.empty() || !c.network_file.empty()) {
    h += "<section id=\"network\" class=\"pagebreak\">\n<h2>The network</h2>\n";
    if (!c.overview_svg.empty())
      h += "<figure class=\"diagram\">\n" + c.overview_svg +
           "<figcaption>Overview: every actor of the slice (" + e(c.slice_description) +
           "), officials, agencies and units drawn as the state or organisation they belong to; relations of one type between two actors are one line, thicker the more there are.<span class=\"screen-only\"> Hover an edge for its citation.</span>"
           "</figcaption>\n</figure>\n" + legend_html(d, c);
    if (!c.network_file.empty()) {
      const std::string name = c.link_files ? "<a href=\"" + e(c.network_file) + "\">" + e(c.network_file) + "</a>" : e(c.network_file);
      h += "<p>Every actor in detail: " + name + " beside this report (also as PNG and DOT).</p>\n";
    }
    h += "</section>\n";
  }
  if (!c.ego_svg.empty() && c.target)
    h += "<section id=\"ego\" class=\"pagebreak\">\n<h2>" + e(d.actor_label(*c.target)) + " and its partners</h2>\n<figure class=\"diagram\">\n" + c.ego_svg +
         "<figcaption>" +
         (c.ego_depth == 1 ? std::string("The actors directly linked to ") + e(d.actor_label(*c.target))
                           : "The actors within " + std::to_string(c.ego_depth) + " relations of " + e(d.actor_label(*c.target))) +
         ", and the relations among them" + (c.as_of.empty() ? std::string() : " that began by " + e(c.as_of)) +
         (c.ego_collapsed ? std::string("; officials, agencies and units are drawn as the state or organisation they belong to") : "") +
         ". Fills, shapes and lines as in the overview's legend.<span class=\"screen-only\"> Hover an edge for its citation.</span>"
         "</figcaption>\n</figure>\n</section>\n";
  return h;
}

// The measures side by side: one row per rank, one column per measure.
std::string centrality_section(const Dataset& d, const ReportContent& c) {
  if (c.centrality.empty()) return {};
  std::string h = "<section id=\"centrality\" class=\"keep\">\n<h2>Who is central</h2>\n<p>" +
                  std::string(c.centrality_rolled_up ? "States and organisations, with their officials, agencies and units counted in them."
                                                     : "Every actor on its own (officials, agencies and units not rolled up).") +
                  " The full table is centrality.csv.</p>\n<table>\n<tr><th class=\"num\">#</th>";
  std::size_t rows = 0;
  for (const auto& sec : c.centrality) {
    h += "<th>" + e(sec.measure) + "</th>";
    rows = std::max(rows, sec.top.size());
  }
  h += "</tr>\n";
  for (std::size_t i = 0; i < rows; ++i) {
    h += "<tr><td class=\"num\">" + std::to_string(i + 1) + "</td>";
    for (const auto& sec : c.centrality)
      h += i < sec.top.size() ? "<td>" + e(d.actor_label(sec.top[i].actor)) + " <small>" + fixed_number(sec.top[i].score, 3) + "</small></td>" : "<td></td>";
    h += "</tr>\n";
  }
  h += "</table>\n<ul>\n";
  for (const auto& sec : c.centrality) h += "<li>" + e(sec.definition) + "</li>\n";
  return h + "</ul>\n</section>\n";
}

// A partner with every relation, its quote and notes.
std::string partner_block(const Dataset& d, const PartnerSection& p) {
  // A short block is kept on one page; a long one may break between rows.
  std::string h = std::string(p.relations.size() <= 6 ? "<div class=\"block\">" : "<div>") + "\n<h3>" + e(d.actor_label(p.partner)) + " <small>(" + e(d.kind_name(d.actor_kind(p.partner))) +
                  ")</small></h3>\n<table>\n<tr><th>Relation</th><th>Type</th><th>Dates</th><th>Evidence</th></tr>\n";
  for (RelationId r : p.relations)
    h += "<tr><td>" + arrow(d, r) + "</td><td>" + e(d.types()[d.relation_type(r)].id) + "</td><td>" + e(dates(d, r)) + "</td><td>" +
         e(d.relation_id(r)) + " · " + citation(d, r) + evidence(d, r) + "</td></tr>\n";
  return h + "</table>\n</div>\n";
}

std::string partners_section(const Dataset& d, const ReportContent& c) {
  std::string h = "<section id=\"partners\">\n<h2>Who is linked to " + e(d.actor_label(*c.target)) + "</h2>\n";
  if (c.partners.empty()) return h + "<p>No direct partner in this slice.</p>\n</section>\n";
  h += "<p>" + std::to_string(c.partners.size()) + " partners. The " + std::to_string(std::min(c.partner_detail, c.partners.size())) +
       " with the most relations follow with every relation; the others are in the appendix.</p>\n"
       "<table>\n<tr><th>Partner</th><th>Kind</th><th class=\"num\">Relations</th><th>Types</th><th>Years</th></tr>\n";
  for (const auto& p : c.partners) {
    std::map<std::string, std::size_t> types;
    int first = 0, last = 0;
    for (RelationId r : p.relations) {
      ++types[d.types()[d.relation_type(r)].id];
      for (const PartialDate* date : {&d.relation_start(r), &d.relation_end(r)})
        if (!date->empty()) {
          first = first == 0 ? date->year() : std::min(first, date->year());
          last = std::max(last, date->year());
        }
    }
    std::string type_text;
    for (const auto& [t, n] : types) type_text += (type_text.empty() ? "" : ", ") + t + (n > 1 ? " ×" + std::to_string(n) : "");
    h += "<tr><td>" + e(d.actor_label(p.partner)) + "</td><td>" + e(d.kind_name(d.actor_kind(p.partner))) + "</td><td class=\"num\">" +
         std::to_string(p.relations.size()) + "</td><td>" + e(type_text) + "</td><td>" +
         (first == 0 ? std::string("undated") : first == last ? std::to_string(first) : std::to_string(first) + "–" + std::to_string(last)) +
         "</td></tr>\n";
  }
  h += "</table>\n";
  for (std::size_t i = 0; i < c.partners.size() && i < c.partner_detail; ++i) h += partner_block(d, c.partners[i]);
  return h + "</section>\n";
}

std::string source_name(const Dataset& d, SourceId s) {
  std::string name = std::string(d.source_field(s, "publisher"));
  if (const auto date = d.source_field(s, "date"); !date.empty()) name += (name.empty() ? "" : ", ") + std::string(date);
  return (name.empty() ? std::string(d.source_id(s)) : name);
}

// One relation as a claim: who says it, what, in which words.
std::string claim(const Dataset& d, RelationId r) {
  std::string sources;
  for (SourceId s : d.relation_sources(r))
    sources += (sources.empty() ? "" : " and ") + std::string("<a href=\"#src-") + e(d.source_id(s)) + "\">" + e(source_name(d, s)) + "</a>";
  std::string h = (sources.empty() ? std::string("An unsourced row") : sources) + " (" + e(d.relation_id(r)) + ") records " + arrow(d, r) + " (" +
                  e(d.types()[d.relation_type(r)].id) + ", " + e(dates(d, r)) + ")";
  if (const auto quote = d.relation_field(r, "quote"); !quote.empty()) h += ": “" + e(quote) + "”";
  return h + ".";
}

std::string warnings_section(const Dataset& d, const ReportContent& c) {
  std::string h = "<section id=\"warnings\">\n<h2>Where the sources disagree</h2>\n";
  std::set<std::pair<RelationId, RelationId>> pairs;  // a dispute named on either row, once
  for (RelationId a = 0; a < d.relation_count(); ++a)
    for (RelationId b : d.relation_disputes(a)) pairs.insert({std::min(a, b), std::max(a, b)});
  std::string disputes;
  for (const auto& [a, b] : pairs) disputes += "<li>" + claim(d, a) + " But " + claim(d, b) + "</li>\n";
  h += disputes.empty() ? "<p>No relation disputes another (the <code>disputes</code> column).</p>\n" : "<ul>\n" + disputes + "</ul>\n";
  // check's "sources disagree" warnings name the disputes written out above; the others follow.
  std::vector<const Diagnostic*> others;
  for (const auto& w : c.warnings)
    if (w.message.rfind("sources disagree", 0) != 0) others.push_back(&w);
  if (!others.empty()) {
    h += "<h3>What actorgraph check points out</h3>\n<ul>\n";
    for (const Diagnostic* w : others)
      h += "<li class=\"warning\">" + e(w->message) + " <small>(" + e(w->file) + (w->line ? ":" + std::to_string(w->line) : std::string()) +
           ")</small></li>\n";
    h += "</ul>\n";
  }
  return h + "</section>\n";
}

std::string sources_section(const Dataset& d) {
  std::string h = "<section id=\"sources\" class=\"sources\">\n<h2>Sources</h2>\n<ol>\n";
  for (SourceId src = 0; src < d.source_count(); ++src) {
    const auto url = d.source_field(src, "url");
    h += "<li id=\"src-" + e(d.source_id(src)) + "\"><strong>" + e(d.source_field(src, "title")) + "</strong>";
    for (const char* field : {"publisher", "date"})
      if (const auto v = d.source_field(src, field); !v.empty()) h += ", " + e(v);
    h += " <small>(" + e(d.source_id(src)) + ")</small>";
    if (is_linkable_url(url)) h += ". <a href=\"" + e(url) + "\">" + e(url) + "</a>";
    else if (!url.empty()) h += ". " + e(url);
    else h += ". No link in the dataset.";
    h += "</li>\n";
  }
  return h + "</ol>\n</section>\n";
}

std::string appendix_and_files(const Dataset& d, const ReportContent& c) {
  std::string h;
  if (c.target && c.partners.size() > c.partner_detail) {
    h += "<section id=\"appendix\">\n<h2>Appendix: the other partners</h2>\n<p>Each relation with the sources that "
         "state it; the quotes are in the dataset's relations.csv.</p>\n<table>\n<tr><th>Partner</th><th>Relation</th><th>Type</th>"
         "<th>Dates</th><th>Sources</th></tr>\n";
    for (std::size_t i = c.partner_detail; i < c.partners.size(); ++i) {
      const PartnerSection& p = c.partners[i];
      for (std::size_t k = 0; k < p.relations.size(); ++k) {
        const RelationId r = p.relations[k];
        h += "<tr><td>" + (k == 0 ? e(d.actor_label(p.partner)) + " <small>(" + e(d.kind_name(d.actor_kind(p.partner))) + ")</small>" : std::string()) +
             "</td><td>" + arrow(d, r) + "</td><td>" + e(d.types()[d.relation_type(r)].id) + "</td><td>" + e(dates(d, r)) + "</td><td>" +
             e(d.relation_id(r)) + " · " + citation(d, r) + "</td></tr>\n";
      }
    }
    h += "</table>\n</section>\n";
  }
  if (!c.files.empty()) {
    h += "<section id=\"files\">\n<h2>Files</h2>\n<p>Beside this report: ";
    for (std::size_t i = 0; i < c.files.size(); ++i)
      h += (i ? ", " : "") + (c.link_files ? "<a href=\"" + e(c.files[i]) + "\">" + e(c.files[i]) + "</a>" : e(c.files[i]));
    h += ".</p>\n</section>\n";
  }
  return h;
}

}  // namespace

std::string portable_command_line(const std::vector<std::string>& arguments) {
  std::string command = "actorgraph";
  for (const std::string& a : arguments) {
    const auto eq = a.rfind("--", 0) == 0 ? a.find('=') : std::string::npos;
    const std::string option = eq == std::string::npos ? "" : a.substr(0, eq + 1);
    std::string value = eq == std::string::npos ? a : a.substr(eq + 1);
    if (value.find('/') != std::string::npos) {
      std::filesystem::path p = std::filesystem::path(value).lexically_normal();
      if (!p.has_filename()) p = p.parent_path();
      value = p.filename().string();
    }
    command += " " + option + value;
  }
  return command;
}

Diagnostics relative_to_dataset(const Diagnostics& diagnostics, const std::string& dataset_path) {
  Diagnostics out;
  for (Diagnostic diag : diagnostics) {
    const std::filesystem::path relative = std::filesystem::path(diag.file).lexically_relative(dataset_path);
    diag.file = relative.empty() || *relative.begin() == ".." ? std::filesystem::path(diag.file).filename().string() : relative.string();
    out.push_back(std::move(diag));
  }
  return out;
}

std::string fit_svg(const std::string& svg, double max_width, double max_height, double& scale) {
  scale = 1;
  const auto open = svg.find("<svg");
  if (open == std::string::npos) return svg;
  const auto close = svg.find('>', open);
  std::string tag = svg.substr(open, close - open);
  auto attribute = [&](const char* name, std::size_t& at, std::size_t& end) -> double {
    at = tag.find(std::string(" ") + name + "=\"");
    if (at == std::string::npos) return 0;
    at += std::strlen(name) + 3;
    end = tag.find('"', at);
    return std::atof(tag.substr(at, end - at).c_str());
  };
  std::size_t wa = 0, we = 0, ha = 0, he = 0;
  const double width = attribute("width", wa, we), height = attribute("height", ha, he);
  if (width <= 0 || height <= 0) return svg;
  scale = std::min({1.0, max_width / width, max_height / height});
  if (scale >= 1) return svg;
  // Height first: it comes after the width, so the width's position stays valid.
  tag.replace(ha, he - ha, fixed_number(height * scale, 1) + "pt");
  tag.replace(wa, we - wa, fixed_number(width * scale, 1) + "pt");
  return svg.substr(0, open) + tag + svg.substr(close);
}

double smallest_font_size(const std::string& svg) {
  double smallest = 0;
  for (auto at = svg.find("font-size=\""); at != std::string::npos; at = svg.find("font-size=\"", at + 1)) {
    const double size = std::atof(svg.c_str() + at + 11);
    if (size > 0 && (smallest == 0 || size < smallest)) smallest = size;
  }
  return smallest;
}

std::size_t facts_to_list(const BlocInfluence& bloc, std::size_t at_least, double cover) {
  double total = 0;
  for (const auto& f : bloc.facts) total += std::abs(f.value);
  std::size_t n = 0;
  double listed = 0;
  while (n < bloc.facts.size() && (n < at_least || (listed < cover * total && n < std::max(at_least, max_facts_listed))))
    listed += std::abs(bloc.facts[n++].value);
  return n;
}

std::string report_html(const Dataset& d, const ReportContent& c) {
  std::string h = head(d, c) + summary_section(c);
  if (c.influence && c.target) h += influence_section(d, c);
  h += centrality_section(d, c) + diagram_sections(d, c);  // the table fills the page the influence section ends on
  if (c.target) h += partners_section(d, c);
  h += warnings_section(d, c) + sources_section(d) + appendix_and_files(d, c);
  return h + "<p class=\"meta\">" + e(c.generated_with) + "</p>\n</body>\n</html>\n";
}

}  // namespace actorgraph
