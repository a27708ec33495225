#include "actorgraph/report/charts.hpp"

#include "actorgraph/format.hpp"

#include <algorithm>
#include <cmath>

namespace actorgraph {

namespace {

const char* kPalette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"};

// Coordinates: one decimal (a tenth of a point).
std::string num(double v) { return fixed_number(v, 1); }

std::string tick_label(double v) { return std::abs(v) >= 100 || v == std::floor(v) ? fixed_number(v, 0) : significant_number(v, 2); }

// A "nice" step (1, 2 or 5 times a power of ten) giving about `count` ticks over [0, span].
double nice_step(double span, int count) {
  if (span <= 0) return 1;
  const double raw = span / count, magnitude = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * magnitude) return m * magnitude;
  return 10 * magnitude;
}

std::string header(int width, int height, const std::string& title) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) +
         "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) + "\" role=\"img\" aria-label=\"" +
         xml_escape(title) + "\" font-family=\"sans-serif\" font-size=\"12\">\n<title>" + xml_escape(title) + "</title>\n" +
         "<text x=\"" + std::to_string(width / 2) + "\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">" +
         xml_escape(title) + "</text>\n";
}

}  // namespace

std::string bar_chart_svg(const std::vector<Bar>& bars, const std::string& title, const std::string& axis_label) {
  // Room on the right for the value written after the longest whisker; thinner bars when there are many.
  const int left = 140, right = 60, top = 34, bar_height = bars.size() > 4 ? 16 : 26, gap = bars.size() > 4 ? 6 : 12;
  const int plot_width = 460, width = left + plot_width + right;
  const int height = top + static_cast<int>(bars.size()) * (bar_height + gap) + 50;
  double max = 0;
  for (const auto& b : bars) max = std::max({max, b.value, b.high});
  const double step = nice_step(max, 5);
  const double axis_max = max > 0 ? std::ceil(max / step) * step : 1;
  auto x = [&](double v) { return left + plot_width * v / axis_max; };
  std::string svg = header(width, height, title);
  const int axis_y = top + static_cast<int>(bars.size()) * (bar_height + gap);
  for (double t = 0; t <= axis_max + step / 2; t += step) {
    svg += "<line x1=\"" + num(x(t)) + "\" y1=\"" + std::to_string(top - 4) + "\" x2=\"" + num(x(t)) + "\" y2=\"" +
           std::to_string(axis_y) + "\" stroke=\"#dddddd\"/>\n";
    svg += "<text x=\"" + num(x(t)) + "\" y=\"" + std::to_string(axis_y + 16) + "\" text-anchor=\"middle\">" + tick_label(t) + "</text>\n";
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const int y = top + static_cast<int>(i) * (bar_height + gap);
    const std::string colour = b.colour.empty() ? kPalette[i % 8] : b.colour;
    svg += "<text x=\"" + std::to_string(left - 8) + "\" y=\"" + std::to_string(y + bar_height / 2 + 4) + "\" text-anchor=\"end\">" +
           xml_escape(b.label) + "</text>\n";
    svg += "<rect x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(y) + "\" width=\"" + num(x(b.value) - left) +
           "\" height=\"" + std::to_string(bar_height) + "\" fill=\"" + xml_escape(colour) + "\"><title>" + xml_escape(b.label) + ": " +
           tick_label(b.value) + "</title></rect>\n";
    if (b.low < b.high) {
      const std::string mid = std::to_string(y + bar_height / 2);
      svg += "<line x1=\"" + num(x(b.low)) + "\" y1=\"" + mid + "\" x2=\"" + num(x(b.high)) + "\" y2=\"" + mid +
             "\" stroke=\"#222222\" stroke-width=\"2\"/>\n";
      for (double end : {b.low, b.high})
        svg += "<line x1=\"" + num(x(end)) + "\" y1=\"" + std::to_string(y + 6) + "\" x2=\"" + num(x(end)) + "\" y2=\"" +
               std::to_string(y + bar_height - 6) + "\" stroke=\"#222222\" stroke-width=\"2\"/>\n";
    }
    const std::string value = significant_number(b.value, 3);
    svg += "<text x=\"" + num(x(std::max(b.value, b.high)) + 6) + "\" y=\"" + std::to_string(y + bar_height / 2 + 4) + "\">" + value + "</text>\n";
  }
  svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(axis_y) + "\" x2=\"" + std::to_string(left + plot_width) +
         "\" y2=\"" + std::to_string(axis_y) + "\" stroke=\"#333333\"/>\n";
  svg += "<text x=\"" + std::to_string(left + plot_width / 2) + "\" y=\"" + std::to_string(axis_y + 36) + "\" text-anchor=\"middle\">" +
         xml_escape(axis_label) + "</text>\n</svg>\n";
  return svg;
}

std::string line_chart_svg(const std::vector<std::string>& x_labels, const std::vector<Series>& series, const std::string& title,
                           const std::string& y_label) {
  const int left = 60, right = 150, top = 34, plot_height = 240, plot_width = 420;
  const int width = left + plot_width + right, height = top + plot_height + 60;
  double low = 0, high = 0;
  for (const auto& s : series)
    for (const auto* values : {&s.values, &s.low, &s.high})
      for (double v : *values) {
        low = std::min(low, v);
        high = std::max(high, v);
      }
  const double step = nice_step(high - low, 5);
  const double y_min = std::floor(low / step) * step, y_max = high > y_min ? std::ceil(high / step) * step : y_min + 1;
  const std::size_t n = x_labels.size();
  auto x = [&](std::size_t i) { return left + (n > 1 ? plot_width * static_cast<double>(i) / static_cast<double>(n - 1) : plot_width / 2.0); };
  auto y = [&](double v) { return top + plot_height * (1 - (v - y_min) / (y_max - y_min)); };
  std::string svg = header(width, height, title);
  for (double t = y_min; t <= y_max + step / 2; t += step) {
    svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + num(y(t)) + "\" x2=\"" + std::to_string(left + plot_width) + "\" y2=\"" +
           num(y(t)) + "\" stroke=\"#dddddd\"/>\n";
    svg += "<text x=\"" + std::to_string(left - 6) + "\" y=\"" + num(y(t) + 4) + "\" text-anchor=\"end\">" + tick_label(t) + "</text>\n";
  }
  const std::size_t every = std::max<std::size_t>(1, (n + 9) / 10);  // at most ~10 x labels
  for (std::size_t i = 0; i < n; i += every)
    svg += "<text x=\"" + num(x(i)) + "\" y=\"" + std::to_string(top + plot_height + 18) + "\" text-anchor=\"middle\">" +
           xml_escape(x_labels[i]) + "</text>\n";
  svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(top + plot_height) + "\" x2=\"" + std::to_string(left + plot_width) +
         "\" y2=\"" + std::to_string(top + plot_height) + "\" stroke=\"#333333\"/>\n";
  svg += "<text transform=\"translate(16," + std::to_string(top + plot_height / 2) + ") rotate(-90)\" text-anchor=\"middle\">" +
         xml_escape(y_label) + "</text>\n";
  for (std::size_t s = 0; s < series.size(); ++s) {
    const std::string colour = series[s].colour.empty() ? kPalette[s % 8] : series[s].colour;
    if (series[s].low.size() == series[s].values.size() && series[s].high.size() == series[s].values.size()) {
      // The band: the upper ends left to right, then the lower ends back.
      std::string band;
      const std::size_t m = std::min(series[s].values.size(), n);
      for (std::size_t i = 0; i < m; ++i) band += (i ? " " : "") + num(x(i)) + "," + num(y(series[s].high[i]));
      for (std::size_t i = m; i-- > 0;) band += " " + num(x(i)) + "," + num(y(series[s].low[i]));
      svg += "<polygon class=\"band\" fill=\"" + xml_escape(colour) + "\" fill-opacity=\"0.3\" stroke=\"none\" points=\"" + band + "\"/>\n";
    }
    std::string points;
    for (std::size_t i = 0; i < series[s].values.size() && i < n; ++i) points += (i ? " " : "") + num(x(i)) + "," + num(y(series[s].values[i]));
    svg += "<polyline fill=\"none\" stroke=\"" + xml_escape(colour) + "\" stroke-width=\"2.5\" points=\"" + points + "\"/>\n";
    for (std::size_t i = 0; i < series[s].values.size() && i < n; ++i)
      svg += "<circle cx=\"" + num(x(i)) + "\" cy=\"" + num(y(series[s].values[i])) + "\" r=\"3\" fill=\"" + xml_escape(colour) + "\"><title>" +
             xml_escape(series[s].name + " " + x_labels[i]) + ": " + tick_label(series[s].values[i]) + "</title></circle>\n";
    const int ly = top + 10 + static_cast<int>(s) * 20;
    svg += "<line x1=\"" + std::to_string(left + plot_width + 16) + "\" y1=\"" + std::to_string(ly) + "\" x2=\"" +
           std::to_string(left + plot_width + 40) + "\" y2=\"" + std::to_string(ly) + "\" stroke=\"" + xml_escape(colour) + "\" stroke-width=\"2.5\"/>\n";
    svg += "<text x=\"" + std::to_string(left + plot_width + 46) + "\" y=\"" + std::to_string(ly + 4) + "\">" + xml_escape(series[s].name) + "</text>\n";
  }
  return svg + "</svg>\n";
}

}  // namespace actorgraph
