#include "actorgraph/report/table.hpp"

#include "actorgraph/io/csv.hpp"
#include "actorgraph/json_writer.hpp"
#include "actorgraph/model/text.hpp"

#include <sstream>

namespace actorgraph {

void ResultTable::add_column(std::string name, bool numeric) { columns_.push_back({std::move(name), numeric}); }

void ResultTable::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

std::string ResultTable::text(std::string_view format) const {
  std::ostringstream out;
  write(out, format);
  return out.str();
}

void ResultTable::write(std::ostream& out, std::string_view format) const {
  if (format == "csv") {
    std::string text;
    std::vector<std::string_view> values;
    for (const auto& c : columns_) values.push_back(c.name);
    append_csv_record(text, values);
    for (const auto& row : rows_) {
      values.assign(row.begin(), row.end());
      append_csv_record(text, values);
    }
    out << text;
    return;
  }
  if (format == "json") {
    // [\n  {"a": 1, "b": "x"},\n  {...}\n]: one row a line.
    std::string text;
    JsonWriter json(text);
    json.begin_array();
    for (const auto& row : rows_) {
      json.line(2).begin_object();
      for (std::size_t c = 0; c < columns_.size(); ++c) {
        json.key(columns_[c].name);
        if (columns_[c].numeric) json.number_text(row[c]);
        else json.string(row[c]);
      }
      json.end_object();
    }
    if (!rows_.empty()) json.line(0);
    json.end_array();
    out << text << "\n";
    return;
  }
  // Text table: columns padded to their widest cell (in code points); line breaks and tabs shown as
  // spaces, every other control character as a visible escape (terminal_safe), whether or not the
  // output is a terminal: a table is read by people, and a saved one is shown on a terminal later.
  auto flat = [](const std::string& s) {
    std::string t = s;
    for (char& c : t)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return terminal_safe(t);
  };
  std::vector<std::size_t> width(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    width[c] = count_code_points(columns_[c].name);
    for (const auto& row : rows_) width[c] = std::max(width[c], count_code_points(flat(row[c])));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::string cell = flat(cells[c]);
      const std::string pad(width[c] - count_code_points(cell), ' ');
      if (c) text += "  ";
      if (columns_[c].numeric) text += pad + cell;
      else text += c + 1 == columns_.size() ? cell : cell + pad;
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  };
  std::vector<std::string> header;
  for (const auto& c : columns_) header.push_back(c.name);
  line(header);
  std::vector<std::string> rule;
  for (std::size_t c = 0; c < columns_.size(); ++c) rule.push_back(std::string(width[c], '-'));
  line(rule);
  for (const auto& row : rows_) line(row);
}

}  // namespace actorgraph
