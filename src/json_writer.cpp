#include "actorgraph/json_writer.hpp"

#include "actorgraph/format.hpp"
#include "actorgraph/model/text.hpp"

namespace actorgraph {

void JsonWriter::item() {
  if (after_key_) {  // the value of a member: its key wrote the separator
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += line_ >= 0 ? "," : ", ";
    first_.back() = false;
  }
  if (line_ >= 0) out_ += "\n" + std::string(static_cast<std::size_t>(line_), ' ');
  line_ = -1;
}

JsonWriter& JsonWriter::open(char bracket) {
  item();
  out_ += bracket;
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  if (line_ >= 0) out_ += "\n" + std::string(static_cast<std::size_t>(line_), ' ');
  line_ = -1;
  first_.pop_back();
  out_ += bracket;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  item();
  append_json_string(out_, name);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  item();
  append_json_string(out_, text);
  return *this;
}

JsonWriter& JsonWriter::number(double value) {
  item();
  out_ += json_number(value);
  return *this;
}

JsonWriter& JsonWriter::number_text(std::string_view text) {
  item();
  const bool finite = !text.empty() && text.find_first_of("ni") == std::string_view::npos;  // nan, -nan, inf, -inf
  out_ += finite ? text : "null";
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  item();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  item();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::json(std::string_view document) {
  item();
  out_ += document;
  return *this;
}

JsonWriter& JsonWriter::line(int indent) {
  line_ = indent;
  return *this;
}

}  // namespace actorgraph
