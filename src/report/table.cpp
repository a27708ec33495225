#include "actorgraph/report/table.hpp"

#include "actorgraph/io/csv.hpp"
#include "actorgraph/json_writer.hpp"
#include "actorgraph/model/text.hpp"

#include <sstream>

namespace actorgraph {

void ResultTable::add_column(std::string name, bool numeric) { columns_.push_back({std::move(name), numeric}); }

void ResultTable::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  if (stream_) {
    views_.assign(cells.begin(), cells.end());
    stream_row();
    return;
  }
  ++row_count_;
  rows_.push_back(std::move(cells));
}

void ResultTable::add_row(std::span<const std::string_view> cells) {
  if (stream_) {
    views_.assign(cells.begin(), cells.end());
    views_.resize(columns_.size());
    stream_row();
    return;
  }
  add_row(std::vector<std::string>(cells.begin(), cells.end()));
}

void ResultTable::stream_row() {
  ++row_count_;
  if (stream_format_ == "csv") {
    append_csv_record(block_, views_);
  } else {
    block_ += row_count_ == 1 ? "[\n  " : ",\n  ";  // as write() does
    append_json_object(block_, views_);
  }
  if (block_.size() >= 64 * 1024) {
    *stream_ << block_;
    block_.clear();
  }
}

void ResultTable::stream_to(std::ostream& out, std::string_view format) {
  if (format != "csv" && format != "json") return;
  stream_ = &out;
  stream_format_ = format;
  if (format == "csv") {
    std::vector<std::string> header;
    for (const auto& c : columns_) header.push_back(c.name);
    out << csv_record(header);
  }
}

std::string ResultTable::csv_record(const std::vector<std::string>& cells) const {
  std::string text;
  append_csv_record(text, std::vector<std::string_view>(cells.begin(), cells.end()));
  return text;
}

// {"a": 1, "b": "x"}: numeric columns unquoted (an empty cell is null).
void ResultTable::append_json_object(std::string& out, std::span<const std::string_view> cells) const {
  JsonWriter json(out);
  json.begin_object();
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    json.key(columns_[c].name);
    if (columns_[c].numeric) json.number_text(cells[c]);
    else json.string(cells[c]);
  }
  json.end_object();
}

std::string ResultTable::text(std::string_view format) const {
  std::ostringstream out;
  write(out, format);
  return out.str();
}

void ResultTable::write(std::ostream& out, std::string_view format) const {
  if (stream_) {  // the rows went to the stream but for the last block: end the output there
    if (stream_format_ == "json") block_ += row_count_ == 0 ? "[]\n" : "\n]\n";
    *stream_ << block_;
    block_.clear();
    return;
  }
  if (format == "csv") {
    std::vector<std::string_view> cells;
    for (const auto& c : columns_) cells.push_back(c.name);
    std::string text;
    append_csv_record(text, cells);
    for (const auto& row : rows_) {
      cells.assign(row.begin(), row.end());
      append_csv_record(text, cells);
    }
    out << text;
    return;
  }
  if (format == "json") {
    // [\n  {"a": 1, "b": "x"},\n  {...}\n]: one row a line, as streaming writes it.
    std::string text = "[";
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      text += r ? ",\n  " : "\n  ";
      const std::vector<std::string_view> cells(rows_[r].begin(), rows_[r].end());
      append_json_object(text, cells);
    }
    text += rows_.empty() ? "]\n" : "\n]\n";
    out << text;
    return;
  }
  write_text(out);
}

// Text table: columns padded to their widest cell (in code points); line breaks and tabs shown as
// spaces, every other control character as a visible escape (terminal_safe), whether or not the
// output is a terminal: a table is read by people, and a saved one is shown on a terminal later.
// Each cell is made printable once; the lines go out in blocks of about 64 KiB.
void ResultTable::write_text(std::ostream& out) const {
  const auto flat = [](std::string_view s) {
    std::string t(s);
    for (char& c : t)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return terminal_safe(t);
  };
  struct Shown {
    std::string text;
    std::size_t width;  // in code points
  };
  std::vector<std::vector<Shown>> rows;
  rows.reserve(rows_.size() + 2);
  std::vector<std::size_t> width(columns_.size(), 0);
  const auto add = [&](const auto& cells) {
    std::vector<Shown>& shown = rows.emplace_back();
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      std::string text = flat(cells[c]);
      const std::size_t w = count_code_points(text);
      width[c] = std::max(width[c], w);
      shown.push_back({std::move(text), w});
    }
  };
  std::vector<std::string_view> header;
  for (const auto& c : columns_) header.push_back(c.name);
  add(header);
  rows.emplace_back();  // the rule, made once the widths are known
  for (const auto& row : rows_) add(row);
  for (std::size_t c = 0; c < columns_.size(); ++c) rows[1].push_back({std::string(width[c], '-'), width[c]});
  std::string block;
  for (const auto& cells : rows) {
    const std::size_t start = block.size();
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (c) block += "  ";
      const std::size_t pad = width[c] - cells[c].width;
      if (columns_[c].numeric) block.append(pad, ' ');
      block += cells[c].text;
      if (!columns_[c].numeric && c + 1 < columns_.size()) block.append(pad, ' ');
    }
    while (block.size() > start && block.back() == ' ') block.pop_back();
    block += '\n';
    if (block.size() >= 64 * 1024) {
      out << block;
      block.clear();
    }
  }
  out << block;
}

}  // namespace actorgraph
