#include "actorgraph/report/summary.hpp"

#include "actorgraph/format.hpp"
#include "actorgraph/model/metadata.hpp"

#include <algorithm>
#include <cmath>

namespace actorgraph {

namespace {

std::string range_text(double low, double high) { return signed_number(low) + " to " + signed_number(high); }
std::string between(double low, double high) { return "between " + signed_number(low) + " and " + signed_number(high); }

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

std::string label_of(const BlocInfluence& b) { return b.label.empty() ? b.name : b.label; }

// The blocs' index ordered by a figure, largest first; ties keep the blocs' order.
std::vector<std::size_t> by_share(const InfluenceResult& r, std::size_t dimension) {
  std::vector<std::size_t> order(r.blocs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return r.blocs[a].dimensions[dimension].share.value > r.blocs[b].dimensions[dimension].share.value;
  });
  return order;
}

}  // namespace

std::string signed_number(double value) {
  const std::string digits = fixed_number(std::abs(value), 2);
  if (digits == "0.00") return digits;
  return (value < 0 ? "\u2212" : "+") + digits;
}

std::string share_with_interval(const Estimate& share) {
  return percent_number(share.value) + "% (" + percent_number(share.low) + "\u2013" + percent_number(share.high) + "%)";
}

std::string balance_sentence(const std::string& first, const std::string& second, const std::string& target,
                             const std::string& at, const Estimate& balance) {
  const std::string figure = "balance " + signed_number(balance.value) + " (interval " + range_text(balance.low, balance.high) +
                             "; +1 would be " + first + " alone, \u22121 " + second + " alone)";
  std::string verdict;
  if (signed_number(balance.value) == "0.00") verdict = first + " and " + second + " weigh the same with " + target;
  else {
    const bool first_ahead = balance.value > 0;
    verdict = (first_ahead ? first : second) + " weighs more than " + (first_ahead ? second : first) + " with " + target;
  }
  std::string sentence = verdict + " as of " + at + ": " + figure + ".";
  if (balance.low < 0 && balance.high > 0)
    sentence += " The interval includes 0: the evidence does not settle which bloc weighs more.";
  return sentence;
}

std::string shares_sentence(const InfluenceResult& r) {
  std::vector<std::string> parts;
  for (const auto& b : r.blocs) parts.push_back(label_of(b) + " " + share_with_interval(b.dimensions[all_dimensions].share));
  return "Shares of the blocs' documented ties: " + join(parts, ", ") + ".";
}

std::string dimensions_sentence(const InfluenceResult& r) {
  std::vector<std::string> parts;
  for (std::size_t k = 0; k < dimension_count; ++k) {
    const std::string name(dimension_name(static_cast<Dimension>(k)));
    const auto order = by_share(r, k);
    if (order.empty() || r.blocs[order.front()].dimensions[k].share.value <= 0) {
      parts.push_back(name + ", no documented tie");
      continue;
    }
    const auto& lead = r.blocs[order.front()];
    parts.push_back(name + ", " + label_of(lead) + " " + share_with_interval(lead.dimensions[k].share));
  }
  return "Largest share by dimension: " + join(parts, "; ") + ".";
}

std::vector<std::string> strongest_evidence_sentences(const Dataset& d, const InfluenceResult& r) {
  std::vector<std::string> out;
  for (const auto& b : r.blocs) {
    const double score = b.dimensions[all_dimensions].score.value;
    const auto best = std::find_if(b.facts.begin(), b.facts.end(), [](const FactContribution& f) { return f.counted && f.value > 0; });
    if (best == b.facts.end()) continue;
    const RelationId rel = *best->counted;
    std::string s = "The strongest evidence for " + label_of(b) + ": " + std::string(d.actor_label(d.relation_source(rel))) +
                    (d.relation_directed(rel) ? " \u2192 " : " \u2014 ") + std::string(d.actor_label(d.relation_target(rel))) + " (" +
                    d.types()[d.relation_type(rel)].id;
    const std::string dates = relation_dates(d, rel, "\u2013");
    s += (dates.empty() ? ", undated" : ", " + dates) + ")";
    if (score > 0) s += ", " + percent_number(best->value / score) + "% of its score";
    std::vector<std::string> sources;
    for (SourceId src : d.relation_sources(rel)) sources.push_back(std::string(d.source_id(src)));
    if (!sources.empty()) s += ", in " + join(sources, ", ");
    s += ".";
    if (const auto quote = d.relation_field(rel, "quote"); !quote.empty()) s += " \u201C" + std::string(quote) + "\u201D";
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> caveat_sentences(const InfluenceResult& r) {
  std::vector<std::string> out;
  if (r.blocs.size() >= 2) {
    std::vector<std::string> parts;
    std::size_t most = 0, fewest = r.sources.size() + 1;
    for (const auto& b : r.blocs) {
      parts.push_back(label_of(b) + "'s on " + std::to_string(b.sources.size()) + (b.sources.size() == 1 ? " source" : " sources"));
      most = std::max(most, b.sources.size());
      fewest = std::min(fewest, b.sources.size());
    }
    std::string s = "The ties rest on " + std::to_string(r.sources.size()) + (r.sources.size() == 1 ? " source: " : " sources: ") +
                    join(parts, ", ") + ".";
    if (fewest == 0 || most >= 2 * fewest) s += " The sources are lopsided: the comparison leans on what the better-covered bloc's sources chose to report.";
    if (r.balance) {
      const Estimate& bal = (*r.balance)[all_dimensions];
      if (bal.sources.low != bal.sources.high)
        s += " Leaving out any one source moves the balance " + between(bal.sources.low, bal.sources.high) + ".";
    }
    out.push_back(std::move(s));
  }
  if (r.undated_relations > 0) {
    std::string s = std::to_string(r.undated_relations) + (r.undated_relations == 1 ? " tie is" : " ties are") + " undated";
    if (r.not_yet_attested > 0) s += " (" + std::to_string(r.not_yet_attested) + " not attested by the reference date)";
    if (r.balance) {
      const Estimate& bal = (*r.balance)[all_dimensions];
      s += bal.undated.low == bal.undated.high ? ": counting them as active does not change the balance."
                                               : ": counting them all as active moves the balance " +
                                                     between(bal.undated.low, bal.undated.high) + ".";
    } else {
      s += ".";
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> executive_summary(const Dataset& d, const InfluenceResult& r, const std::string& target_label) {
  std::vector<std::string> out;
  if (r.balance && r.blocs.size() == 2)
    out.push_back(balance_sentence(label_of(r.blocs[0]), label_of(r.blocs[1]), target_label, r.at.str(), (*r.balance)[all_dimensions]));
  out.push_back(shares_sentence(r));
  out.push_back(dimensions_sentence(r));
  for (auto& s : strongest_evidence_sentences(d, r)) out.push_back(std::move(s));
  for (auto& s : caveat_sentences(r)) out.push_back(std::move(s));
  return out;
}

std::map<std::string, std::string> assign_bloc_colours(const Dataset& d, const std::vector<std::string>& compared, StyleSheet& style) {
  std::vector<std::string> order = compared;
  for (const Bloc& b : d.blocs())
    if (std::find(order.begin(), order.end(), b.id) == order.end()) order.push_back(b.id);
  for (const auto& id : order)
    if (const std::string declared = declared_bloc_colour(d, id); !declared.empty()) style.set(StyleTarget::bloc, id, "fillcolor", declared);
  const std::vector<StyleAttributes> attributes = style.blocs(order);
  std::map<std::string, std::string> colours;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto fill = attributes[i].find("fillcolor");
    if (fill == attributes[i].end()) continue;
    colours[order[i]] = fill->second;
    style.set(StyleTarget::bloc, order[i], "fillcolor", fill->second);
  }
  return colours;
}

}  // namespace actorgraph
