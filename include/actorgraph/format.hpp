// How numbers and dataset values are written as text, in one place, so that every output (tables,
// CSV, JSON, reports, diagrams) writes the same value the same way.
#pragma once

#include "actorgraph/model/dataset.hpp"

#include <string>
#include <string_view>

namespace actorgraph {

// Shortest text that reads back as the same double ("0.1", "2", "1e-09"); NaN and infinities are
// not valid JSON and are written as empty text (null).
std::string format_number(double value);

// Scores for result tables: six significant digits in text tables ("table"), the shortest exact
// form in "csv" and "json".
std::string format_score(double value, const std::string& format);

// The relation's sources, '|'-separated as in the file.
std::string relation_sources(const Dataset& d, RelationId r);

}  // namespace actorgraph
