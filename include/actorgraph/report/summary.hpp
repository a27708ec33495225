// The report's first page: the answer in plain sentences generated from the influence result, and
// one colour per bloc for every picture and table of the report.
//
// The sentences are plain text (the report escapes them). Numbers are written as a reader expects
// them: shares as whole percentages with their interval ("62% (48–75%)"), the balance with its sign
// and two decimals ("+0.42", "−0.30", with a true minus sign).
#pragma once

#include "actorgraph/analysis/influence.hpp"
#include "actorgraph/model/dataset.hpp"
#include "actorgraph/render/style.hpp"

#include <map>
#include <string>
#include <vector>

namespace actorgraph {

// "+0.42", "−0.30", "0.00": two decimals, a sign on every non-zero value.
std::string signed_number(double value);

// "62% (48–75%)": a share in [0, 1] as a whole percentage with its interval.
std::string share_with_interval(const Estimate& share);

// The balance between two blocs, labelled `first` and `second`, as of `at`, on `target`:
//   "NATO weighs more than Russia with Tajikistan as of 2021: balance +0.42 (interval +0.10 to
//   +0.65; +1 would be NATO alone, −1 Russia alone)."
// When the interval contains 0, the sentence says the evidence does not settle it; a balance of
// exactly 0 reads "NATO and Russia weigh the same".
std::string balance_sentence(const std::string& first, const std::string& second, const std::string& target,
                             const std::string& at, const Estimate& balance);

// "Shares of the blocs' documented ties: NATO 62% (48–75%), Russia 38% (25–52%)."
std::string shares_sentence(const InfluenceResult& result);

// One clause per dimension naming the bloc with the largest share and its interval, or saying that
// no bloc has a tie in it: "By dimension: security, Russia 71% (55–85%); political, NATO 80% (…);
// economic, no documented tie; social, no documented tie."
std::string dimensions_sentence(const InfluenceResult& result);

// For each bloc its strongest fact (largest value) and the part of the bloc's score it makes:
// "The strongest evidence for Russia: Russia → Tajikistan (troop_presence, 2004–), 31% of its score,
// in edm_2006." Blocs without a counted fact are left out.
std::vector<std::string> strongest_evidence_sentences(const Dataset& dataset, const InfluenceResult& result);

// The main caveats: how lopsided the sources are (one bloc's ties rest on far more sources than the
// other's) and what the undated relations do (how many there are and the range they open on the
// balance, or on the first bloc's share when there is no balance).
std::vector<std::string> caveat_sentences(const InfluenceResult& result);

// Every sentence of the executive summary, in reading order.
std::vector<std::string> executive_summary(const Dataset& dataset, const InfluenceResult& result, const std::string& target_label);

// One fill colour per bloc for the whole report. The blocs compared come first (in the order given),
// then the dataset's other blocs (blocs.csv order), so the compared blocs take the well-known
// colours (NATO blue, Russia vermillion) whatever sorts first in blocs.csv. A colour declared in
// blocs.csv (declared_bloc_colour) is used as given. The colours are also written into `style` as
// each bloc's fillcolor, so the diagrams drawn with it agree with the charts and tables. Returns
// the colour by bloc id.
std::map<std::string, std::string> assign_bloc_colours(const Dataset& dataset, const std::vector<std::string>& compared,
                                                       StyleSheet& style);

}  // namespace actorgraph
