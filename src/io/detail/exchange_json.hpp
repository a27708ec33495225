// A small, strict JSON reader (RFC 8259): enough for node-link graphs. Private to
// src/io/node_link_json.cpp.
//
// Objects keep their members in document order; a number keeps its text exactly as written (so
// "2.50" stays "2.50"); strings are decoded (escapes, surrogate pairs). The first error throws
// ParseError(file, line, column, message): invalid UTF-8, a control character in a string, a lone
// surrogate, a malformed number, a trailing comma, a duplicate member name, anything after the value.
#pragma once

#include "actorgraph/error.hpp"
#include "actorgraph/io/csv.hpp"
#include "actorgraph/model/text.hpp"
#include "io/detail/text_parser.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actorgraph::detail::json {

struct Member;

struct Value {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  std::string text;  // string: decoded; number: as written; boolean: "true" or "false"
  std::vector<Value> items;                            // array
  std::vector<Member> members;                         // object, in document order
  std::uint64_t offset = 0;                            // byte offset where the value starts

  const Value* member(std::string_view key) const noexcept;
};

// An object member. Not std::pair: clang 14 with libstdc++ 12 cannot instantiate
// std::pair<std::string, Value> inside Value, where Value is still incomplete.
struct Member {
  std::string first;  // the name
  Value second;
};

inline const Value* Value::member(std::string_view key) const noexcept {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

inline const char* kind_name(Value::Kind k) {
  switch (k) {
    case Value::Kind::null: return "null";
    case Value::Kind::boolean: return "a boolean";
    case Value::Kind::number: return "a number";
    case Value::Kind::string: return "a string";
    case Value::Kind::array: return "an array";
    case Value::Kind::object: return "an object";
  }
  return "a value";
}

// The compact JSON text of a value (members in their order), e.g. for a list kept in one CSV cell.
inline void append_compact(std::string& out, const Value& v) {
  switch (v.kind) {
    case Value::Kind::null: out += "null"; break;
    case Value::Kind::boolean:
    case Value::Kind::number: out += v.text; break;
    case Value::Kind::string: append_json_string(out, v.text); break;
    case Value::Kind::array:
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ',';
        append_compact(out, v.items[i]);
      }
      out += ']';
      break;
    case Value::Kind::object:
      out += '{';
      for (std::size_t i = 0; i < v.members.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, v.members[i].first);
        out += ':';
        append_compact(out, v.members[i].second);
      }
      out += '}';
      break;
  }
}

// True when `s` is a number as JSON writes it (so it can be written without quotes and read back
// as the same text).
inline bool is_json_number(std::string_view s) noexcept {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

class Reader : public TextParser {
 public:
  using TextParser::TextParser;

  Value parse() {
    start();
    skip_spaces();
    if (pos_ >= text_.size()) fail(pos_, "empty file: expected a JSON value");
    Value v = value(0);
    skip_spaces();
    if (pos_ < text_.size()) fail(pos_, "unexpected text after the JSON value");
    return v;
  }

 private:

  void skip_spaces() noexcept {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) ++pos_;
  }

  std::string describe_here() const {
    if (pos_ >= text_.size()) return "the end of the file";
    const auto c = static_cast<unsigned char>(text_[pos_]);
    if (c < 0x20 || c >= 0x80) return "a character that cannot start a value";
    return "'" + std::string(1, text_[pos_]) + "'";
  }

  void expect(char c, const char* context) {
    skip_spaces();
    if (pos_ >= text_.size() || text_[pos_] != c)
      fail(pos_, std::string("expected '") + c + "' " + context + ", found " + describe_here());
    ++pos_;
  }

  Value value(int depth) {
    if (depth > max_depth) fail(pos_, "values nested deeper than " + std::to_string(max_depth));
    skip_spaces();
    Value v;
    v.offset = pos_;
    if (pos_ >= text_.size()) fail(pos_, "expected a value, found the end of the file");
    const char c = text_[pos_];
    if (c == '{') {
      v.kind = Value::Kind::object;
      ++pos_;
      skip_spaces();
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return v;
      }
      for (;;) {
        skip_spaces();
        if (pos_ >= text_.size() || text_[pos_] != '"')
          fail(pos_, "expected a member name in double quotes, found " + describe_here() +
                         (pos_ < text_.size() && text_[pos_] == '}' ? " (trailing comma?)" : ""));
        const std::size_t at = pos_;
        std::string key = string();
        if (v.member(key)) fail(at, "duplicate member name \"" + key + "\"");
        expect(':', "after a member name");
        Value item = value(depth + 1);
        v.members.push_back(Member{std::move(key), std::move(item)});
        skip_spaces();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        expect('}', "or ',' in an object");
        return v;
      }
    }
    if (c == '[') {
      v.kind = Value::Kind::array;
      ++pos_;
      skip_spaces();
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return v;
      }
      for (;;) {
        skip_spaces();
        if (pos_ < text_.size() && text_[pos_] == ']') fail(pos_, "expected a value, found ']' (trailing comma?)");
        v.items.push_back(value(depth + 1));
        skip_spaces();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        expect(']', "or ',' in an array");
        return v;
      }
    }
    if (c == '"') {
      v.kind = Value::Kind::string;
      v.text = string();
      return v;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      v.kind = Value::Kind::number;
      std::size_t end = pos_;
      while (end < text_.size() && (std::string_view("+-.eE").find(text_[end]) != std::string_view::npos ||
                                    (text_[end] >= '0' && text_[end] <= '9')))
        ++end;
      v.text = std::string(text_.substr(pos_, end - pos_));
      if (!is_json_number(v.text)) fail(pos_, "malformed number '" + v.text + "'");
      pos_ = end;
      return v;
    }
    for (const char* word : {"true", "false", "null"}) {
      const std::string_view w(word);
      if (text_.substr(pos_, w.size()) == w) {
        pos_ += w.size();
        v.kind = w == "null" ? Value::Kind::null : Value::Kind::boolean;
        if (v.kind == Value::Kind::boolean) v.text = std::string(w);
        return v;
      }
    }
    fail(pos_, "expected a value, found " + describe_here() + (c == '\'' ? " (JSON strings use double quotes)" : ""));
  }

  std::uint32_t hex4(std::size_t at) {
    if (at + 4 > text_.size()) fail(at - 2, "incomplete \\u escape (expected 4 hex digits)");
    std::uint32_t cp = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
      const char c = text_[i];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) fail(at - 2, "malformed \\u escape (expected 4 hex digits)");
      cp = cp * 16 + static_cast<std::uint32_t>(d);
    }
    return cp;
  }

  // At '"': the decoded string.
  std::string string() {
    const std::size_t from = pos_++;
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail(from, "unterminated string");
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c < 0x20) fail(pos_, c == '\n' ? "line break inside a string (write it as \\n)" : "control character inside a string (escape it as \\u00XX)");
      if (c != '\\') {
        out += static_cast<char>(c);
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= text_.size()) fail(from, "unterminated string");
      const char e = text_[pos_ + 1];
      const std::size_t at = pos_;
      pos_ += 2;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = hex4(pos_);
          pos_ += 4;
          if (cp == 0) fail(at, "\\u0000 (NUL) in a string: a dataset cannot hold a NUL character; remove it");
          if (cp >= 0xDC00 && cp <= 0xDFFF) fail(at, "lone low surrogate in a \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u") fail(at, "high surrogate not followed by a low surrogate");
            const std::uint32_t low = hex4(pos_ + 2);
            if (low < 0xDC00 || low > 0xDFFF) fail(at, "high surrogate not followed by a low surrogate");
            pos_ += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, static_cast<char32_t>(cp));
          break;
        }
        default:
          fail(at, std::string("invalid escape '\\") + e + "' in a string");
      }
    }
  }
};

inline Value parse(std::string_view text, const std::string& file) { return Reader(text, file).parse(); }

}  // namespace actorgraph::detail::json
