// Small SVG charts for reports, written directly (no Graphviz): a horizontal bar chart with optional
// ranges, and a line chart over years. Deterministic text, every label XML-escaped, no scripts, sized
// in CSS pixels so they print at the width of an A4 column.
#pragma once

#include "actorgraph/model/text.hpp"  // xml_escape

#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

struct Bar {
  std::string label;
  double value = 0;
  double low = 0, high = 0;  // an error bar from low to high when low < high
  std::string colour;        // CSS colour; empty: a default
};

// Bars from 0 to the largest value (or high) on a linear axis with ticks; `axis_label` names the unit.
std::string bar_chart_svg(const std::vector<Bar>& bars, const std::string& title, const std::string& axis_label);

struct Series {
  std::string name;
  std::vector<double> values;  // one per x label
  std::string colour;
  // The interval of each value, drawn as a translucent band around the line; empty: no band.
  std::vector<double> low, high;
};

// Lines over the x labels (e.g. years) with their bands, a y axis from min(0, smallest value or band
// end) to the largest, a legend.
std::string line_chart_svg(const std::vector<std::string>& x_labels, const std::vector<Series>& series,
                           const std::string& title, const std::string& y_label);

}  // namespace actorgraph
