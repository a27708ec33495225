// One writer for every JSON document the library and the CLI write (result tables, stats, the
// influence result; the exchange format has its own, for now): objects, arrays, keys, strings with
// every control character escaped, numbers finite-or-null, booleans, null. The output is
// deterministic, and the layout is the caller's: items are separated by ", " on one line unless
// line(indent) asks for the next item (or the closing bracket) on a new line, so each document keeps
// the layout it has always had.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

class JsonWriter {
 public:
  // Appends to `out`.
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  // The key of the next member of the open object.
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view text);
  // json_number (format.hpp): the shortest exact form, null for NaN and infinities.
  JsonWriter& number(double value);
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonWriter& integer(T value) {
    item();
    out_ += std::to_string(value);
    return *this;
  }
  // A number already written as text (a result table's numeric cell: format_score, format_number);
  // empty text, and "nan" or "inf" from a formatter that allows them, are written as null.
  JsonWriter& number_text(std::string_view text);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // A value already written as JSON by another writer (e.g. a result table), as it is.
  JsonWriter& json(std::string_view document);

  // The next item, or the closing bracket when the container ends next, starts on a new line
  // indented by `indent` spaces (instead of after ", ", or right after the opening bracket).
  JsonWriter& line(int indent);

 private:
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  void item();  // the separator (and pending line break) before an item

  std::string& out_;
  std::vector<bool> first_;  // per open container: no item written yet
  bool after_key_ = false;
  int line_ = -1;  // pending line break's indent; -1: none
};

}  // namespace actorgraph
