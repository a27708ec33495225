// A small, strict XML 1.0 reader: enough for GraphML. Private to src/io/exchange.cpp.
//
// It builds a tree of elements (name, attributes in document order, child elements, the element's
// own text) and throws ParseError(file, line, column, message) at the first violation of
// well-formedness it checks: unmatched or misnested tags, a duplicate attribute, an unquoted
// attribute value, `<` in an attribute value, an unknown entity, a character reference to a
// character XML does not allow, invalid UTF-8, text or a second element after the root.
//
// Supported: the XML declaration, comments, processing instructions (skipped), CDATA sections, the
// five predefined entities and numeric character references, a DOCTYPE without an internal subset
// (skipped). Line endings are normalised to LF and whitespace in attribute values to spaces, as the
// XML specification requires. Namespaces are not interpreted: `y:ShapeNode` is just a name.
// Not supported (reported as errors): a DOCTYPE with an internal subset, entities it would declare.
#pragma once

#include "actorgraph/error.hpp"
#include "actorgraph/io/csv.hpp"
#include "actorgraph/model/text.hpp"
#include "io/detail/text_parser.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actorgraph::detail::xml {

struct Element {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;  // in document order, decoded
  std::vector<Element> children;
  std::string text;  // the element's own character data (text and CDATA), concatenated
  std::uint64_t offset = 0;  // byte offset of its '<'

  const std::string* attribute(std::string_view key) const noexcept {
    for (const auto& [k, v] : attributes)
      if (k == key) return &v;
    return nullptr;
  }
  // Its text and the text of every descendant, in document order.
  void append_all_text(std::string& out) const {
    out += text;
    for (const auto& c : children) c.append_all_text(out);
  }
};

class Reader : public TextParser {
 public:
  using TextParser::TextParser;

  Element parse() {
    start();
    for (std::size_t i = 0; i < text_.size(); ++i) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') fail(i, "control character U+00" + hex(c) + " (XML does not allow it)");
    }
    if (starts("<?xml") && pos_ + 5 < text_.size() && is_space(text_[pos_ + 5])) skip_pi();
    bool doctype = false;
    for (;;) {
      skip_spaces();
      if (starts("<!--")) skip_comment();
      else if (starts("<?")) skip_pi();
      else if (starts("<!DOCTYPE")) {
        if (doctype) fail(pos_, "a second DOCTYPE");
        doctype = true;
        skip_doctype();
      } else break;
    }
    if (pos_ >= text_.size()) fail(pos_, "no root element (the file is empty or holds only comments)");
    if (text_[pos_] != '<') fail(pos_, "text before the root element");
    Element root = element(0);
    for (;;) {
      skip_spaces();
      if (pos_ >= text_.size()) break;
      if (starts("<!--")) skip_comment();
      else if (starts("<?")) skip_pi();
      else if (text_[pos_] == '<') fail(pos_, "a second root element <" + peek_name() + ">; an XML document has one");
      else fail(pos_, "text after the root element");
    }
    return root;
  }

 private:

  static bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  static bool is_name_char(char c) noexcept {
    return !(is_space(c) || c == '<' || c == '>' || c == '/' || c == '=' || c == '"' || c == '\'' || c == '&' ||
             c == '!' || c == '?' || c == ';');
  }
  bool starts(std::string_view s) const noexcept { return text_.substr(pos_, s.size()) == s; }
  void skip_spaces() noexcept {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }
  std::string peek_name() const {
    std::size_t p = pos_ + 1;
    while (p < text_.size() && is_name_char(text_[p])) ++p;
    return std::string(text_.substr(pos_ + 1, p - pos_ - 1));
  }

  void skip_until(std::string_view end, std::size_t from, const char* what) {
    const std::size_t at = text_.find(end, pos_);
    if (at == std::string_view::npos) fail(from, std::string("unterminated ") + what + " (no closing " + std::string(end) + ")");
    pos_ = at + end.size();
  }
  void skip_comment() {
    const std::size_t from = pos_;
    pos_ += 4;
    const std::size_t at = text_.find("--", pos_);
    if (at == std::string_view::npos) fail(from, "unterminated comment (no closing -->)");
    if (text_.substr(at, 3) != "-->") fail(at, "'--' inside a comment");
    pos_ = at + 3;
  }
  void skip_pi() { skip_until("?>", pos_, "processing instruction"); }
  void skip_doctype() {
    const std::size_t from = pos_;
    for (char quote = 0; pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        fail(pos_, "a DOCTYPE with an internal subset is not supported");
      } else if (c == '>') {
        ++pos_;
        return;
      }
    }
    fail(from, "unterminated DOCTYPE");
  }

  std::string name(const char* what) {
    const std::size_t from = pos_;
    while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
    if (pos_ == from) fail(from, std::string("expected ") + what);
    return std::string(text_.substr(from, pos_ - from));
  }

  // At '&': decodes one entity or character reference into `out`.
  void reference(std::string& out) {
    const std::size_t from = pos_;
    const std::size_t semi = text_.find(';', pos_);
    if (semi == std::string_view::npos || semi - pos_ > 12)
      fail(from, "'&' not followed by an entity such as &amp; (write a literal & as &amp;)");
    const std::string_view ref = text_.substr(pos_ + 1, semi - pos_ - 1);
    pos_ = semi + 1;
    if (ref == "lt") out += '<';
    else if (ref == "gt") out += '>';
    else if (ref == "amp") out += '&';
    else if (ref == "quot") out += '"';
    else if (ref == "apos") out += '\'';
    else if (!ref.empty() && ref[0] == '#') {
      const bool is_hex = ref.size() > 1 && ref[1] == 'x';
      const std::string_view digits = ref.substr(is_hex ? 2 : 1);
      std::uint32_t cp = 0;
      bool ok = !digits.empty();
      for (char c : digits) {
        int d = -1;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (is_hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (is_hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        if (d < 0 || cp > 0x10FFFF) { ok = false; break; }
        cp = cp * (is_hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      }
      const bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!ok) fail(from, "malformed character reference '&" + std::string(ref) + ";'");
      if (!allowed) fail(from, "character reference '&" + std::string(ref) + ";' names a character XML does not allow");
      append_utf8(out, static_cast<char32_t>(cp));
    } else {
      fail(from, "unknown entity '&" + std::string(ref) + ";' (XML knows &lt; &gt; &amp; &quot; &apos; and &#N;)");
    }
  }

  std::string attribute_value() {
    const char quote = pos_ < text_.size() ? text_[pos_] : 0;
    if (quote != '"' && quote != '\'') fail(pos_, "attribute value must be enclosed in quotes");
    const std::size_t from = pos_++;
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail(from, "unterminated attribute value");
      const char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        return out;
      }
      if (c == '<') fail(pos_, "'<' inside an attribute value (write it as &lt;)");
      if (c == '&') {
        reference(out);
        continue;
      }
      if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;  // CRLF is one line end
      out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
      ++pos_;
    }
  }

  // At '<' of a start tag.
  Element element(int depth) {
    if (depth > max_depth) fail(pos_, "elements nested deeper than " + std::to_string(max_depth));
    Element e;
    e.offset = pos_;
    ++pos_;
    e.name = name("an element name after '<'");
    for (;;) {
      const std::size_t before = pos_;
      skip_spaces();
      if (pos_ >= text_.size()) fail(e.offset, "unterminated start tag <" + e.name + ">");
      if (starts("/>")) {
        pos_ += 2;
        return e;
      }
      if (text_[pos_] == '>') {
        ++pos_;
        break;
      }
      if (before == pos_) fail(pos_, "expected whitespace, '>' or '/>' in start tag <" + e.name + ">");
      const std::size_t at = pos_;
      std::string key = name("an attribute name");
      skip_spaces();
      if (pos_ >= text_.size() || text_[pos_] != '=') fail(pos_, "expected '=' after attribute name '" + key + "'");
      ++pos_;
      skip_spaces();
      std::string value = attribute_value();
      if (e.attribute(key)) fail(at, "duplicate attribute '" + key + "' in <" + e.name + ">");
      e.attributes.emplace_back(std::move(key), std::move(value));
    }
    // Content.
    for (;;) {
      if (pos_ >= text_.size()) fail(e.offset, "element <" + e.name + "> is never closed (expected </" + e.name + ">)");
      const char c = text_[pos_];
      if (c == '<') {
        if (starts("</")) {
          const std::size_t at = pos_;
          pos_ += 2;
          const std::string closing = name("an element name after '</'");
          skip_spaces();
          if (pos_ >= text_.size() || text_[pos_] != '>') fail(pos_, "expected '>' to end </" + closing + ">");
          ++pos_;
          if (closing != e.name) fail(at, "</" + closing + "> does not match <" + e.name + "> (opened at line " + std::to_string(line_of(e.offset)) + ")");
          return e;
        }
        if (starts("<!--")) skip_comment();
        else if (starts("<![CDATA[")) {
          const std::size_t from = pos_;
          const std::size_t end = text_.find("]]>", pos_ + 9);
          if (end == std::string_view::npos) fail(from, "unterminated CDATA section (no closing ]]>)");
          append_text(e.text, text_.substr(pos_ + 9, end - pos_ - 9));
          pos_ = end + 3;
        } else if (starts("<?")) skip_pi();
        else if (starts("<!")) fail(pos_, "unexpected markup '<!' in element content");
        else e.children.push_back(element(depth + 1));
      } else if (c == '&') {
        reference(e.text);
      } else {
        const std::size_t from = pos_;
        while (pos_ < text_.size() && text_[pos_] != '<' && text_[pos_] != '&') ++pos_;
        const std::string_view chunk = text_.substr(from, pos_ - from);
        if (const std::size_t bad = chunk.find("]]>"); bad != std::string_view::npos)
          fail(from + bad, "']]>' in text (write '>' as &gt;)");
        append_text(e.text, chunk);
      }
    }
  }

  // Appends character data with its line ends normalised (CRLF and CR become LF).
  static void append_text(std::string& out, std::string_view chunk) {
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      if (chunk[i] == '\r') {
        out += '\n';
        if (i + 1 < chunk.size() && chunk[i + 1] == '\n') ++i;
      } else {
        out += chunk[i];
      }
    }
  }
};

inline Element parse(std::string_view text, const std::string& file) { return Reader(text, file).parse(); }

}  // namespace actorgraph::detail::xml
