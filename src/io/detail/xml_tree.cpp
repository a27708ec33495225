// The XML tree reader on Expat (io/detail/xml_tree.hpp).
#include "io/detail/xml_tree.hpp"

#include "actorgraph/error.hpp"
#include "actorgraph/model/text.hpp"

#include <expat.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <optional>

namespace actorgraph::detail::xml {

namespace {

// Expat gives a namespaced name as URI, separator, local name, separator, prefix.
constexpr char ns_separator = '\x01';

struct ParserDeleter {
  void operator()(XML_ParserStruct* p) const noexcept { XML_ParserFree(p); }
};
using ParserPtr = std::unique_ptr<XML_ParserStruct, ParserDeleter>;

// Two upper-case hex digits.
std::string hex_byte(char c) {
  static constexpr char digits[] = "0123456789ABCDEF";
  const auto byte = static_cast<unsigned char>(c);
  return {digits[byte >> 4], digits[byte & 15]};
}

struct Failure {
  std::uint64_t line, column;
  std::string message;
};

class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  Element run() {
    parser_.reset(XML_ParserCreateNS(nullptr, ns_separator));
    if (!parser_) throw std::bad_alloc();
    XML_Parser p = parser_.get();
    XML_SetUserData(p, this);
    XML_SetReturnNSTriplet(p, XML_TRUE);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetElementHandler(p, &TreeBuilder::on_start, &TreeBuilder::on_end);
    XML_SetCharacterDataHandler(p, &TreeBuilder::on_text);
    XML_SetEntityDeclHandler(p, &TreeBuilder::on_entity_declaration);
    XML_SetSkippedEntityHandler(p, &TreeBuilder::on_skipped_entity);
    std::string_view rest = text_;
    do {
      const std::size_t chunk = std::min<std::size_t>(rest.size(), INT_MAX / 2);
      const bool last = chunk == rest.size();
      if (XML_Parse(p, rest.data(), static_cast<int>(chunk), last ? XML_TRUE : XML_FALSE) != XML_STATUS_OK) fail_parse();
      rest.remove_prefix(chunk);
    } while (!rest.empty());
    if (!root_) throw ParseError(file_, 1, 1, "no root element (the file is empty or holds only comments)");
    return std::move(*root_);
  }

 private:
  static TreeBuilder& self(void* data) { return *static_cast<TreeBuilder*>(data); }

  // The position of the event being reported, 1-based. Expat counts a byte-order mark as a
  // character of line 1; an editor does not.
  std::pair<std::uint64_t, std::uint64_t> position() const {
    const std::uint64_t line = XML_GetCurrentLineNumber(parser_.get());
    std::uint64_t column = XML_GetCurrentColumnNumber(parser_.get()) + 1;
    if (line == 1 && has_bom() && column > 1) --column;
    return {line, column};
  }
  bool has_bom() const {
    return text_.substr(0, 3) == "\xEF\xBB\xBF" || text_.substr(0, 2) == "\xFF\xFE" || text_.substr(0, 2) == "\xFE\xFF";
  }

  // Stops the parse with a message at the current position; run() throws it.
  void stop(std::string message) {
    if (failure_) return;
    const auto [line, column] = position();
    failure_ = Failure{line, column > column_shift_ ? column - column_shift_ : 1, std::move(message)};
    XML_StopParser(parser_.get(), XML_FALSE);
  }

  // A name as the tree holds it (xml_tree.hpp).
  static std::string element_name(const XML_Char* raw) {
    const std::string_view name(raw);
    const std::size_t first = name.find(ns_separator);
    if (first == std::string_view::npos) return std::string(name);
    const std::string_view uri = name.substr(0, first);
    std::string_view local = name.substr(first + 1), prefix;
    if (const std::size_t second = local.find(ns_separator); second != std::string_view::npos) {
      prefix = local.substr(second + 1);
      local = local.substr(0, second);
    }
    if (uri == graphml_namespace) return std::string(local);
    if (prefix.empty()) return "{" + std::string(uri) + "}" + std::string(local);
    return std::string(prefix) + ":" + std::string(local);
  }
  static std::string attribute_name(const XML_Char* raw) {
    const std::string_view name(raw);
    const std::size_t first = name.find(ns_separator);
    if (first == std::string_view::npos) return std::string(name);
    std::string_view local = name.substr(first + 1), prefix;
    if (const std::size_t second = local.find(ns_separator); second != std::string_view::npos) {
      prefix = local.substr(second + 1);
      local = local.substr(0, second);
    }
    return prefix.empty() ? std::string(local) : std::string(prefix) + ":" + std::string(local);
  }

  static void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
    TreeBuilder& b = self(data);
    if (b.open_.size() >= static_cast<std::size_t>(max_depth)) return b.stop("elements nested deeper than " + std::to_string(max_depth));
    Element e;
    e.name = element_name(name);
    std::tie(e.line, e.column) = b.position();
    for (const XML_Char** a = attributes; *a; a += 2) e.attributes.emplace_back(attribute_name(a[0]), a[1]);
    if (b.open_.empty()) {
      b.root_.emplace(std::move(e));
      b.open_.push_back(&*b.root_);
    } else {
      auto& siblings = b.open_.back()->children;
      siblings.push_back(std::move(e));
      b.open_.push_back(&siblings.back());
    }
  }
  static void XMLCALL on_end(void* data, const XML_Char*) {
    TreeBuilder& b = self(data);
    if (!b.open_.empty()) b.open_.pop_back();
  }
  static void XMLCALL on_text(void* data, const XML_Char* s, int length) {
    TreeBuilder& b = self(data);
    if (!b.open_.empty()) b.open_.back()->text.append(s, static_cast<std::size_t>(length));
  }
  static void XMLCALL on_entity_declaration(void* data, const XML_Char* name, int, const XML_Char*, int, const XML_Char*,
                                            const XML_Char*, const XML_Char*, const XML_Char*) {
    TreeBuilder& b = self(data);
    // Expat reports the declaration where its value starts: point at its "<!ENTITY" instead.
    const XML_Index index = XML_GetCurrentByteIndex(b.parser_.get());
    if (index > 0 && b.bytes_readable()) {
      const auto at = static_cast<std::size_t>(index);
      const std::size_t start = b.text_.rfind("<!ENTITY", at);
      if (start != std::string_view::npos && b.text_.substr(start, at - start).find('\n') == std::string_view::npos)
        b.column_shift_ = at - start;
    }
    b.stop("entity declaration '" + std::string(name) +
                    "': GraphML needs none, and entities can expand without bound (the \"billion laughs\"); they are refused");
  }
  static void XMLCALL on_skipped_entity(void* data, const XML_Char* name, int) {
    self(data).stop("unknown entity '&" + std::string(name) + ";' (XML knows &lt; &gt; &amp; &quot; &apos; and &#N;)");
  }

  // Whether the text can be looked at byte by byte for messages: UTF-8 and the single-byte
  // encodings, not UTF-16.
  bool bytes_readable() const {
    return text_.substr(0, 2) != "\xFF\xFE" && text_.substr(0, 2) != "\xFE\xFF" &&
           text_.substr(0, std::min<std::size_t>(text_.size(), 4)).find('\0') == std::string_view::npos;
  }
  [[noreturn]] void fail_parse();
  std::string invalid_token(std::size_t at, std::uint64_t& column) const;
  std::string name_at(std::size_t offset) const;

  std::string_view text_;
  const std::string& file_;
  ParserPtr parser_;
  std::optional<Element> root_;
  std::vector<Element*> open_;  // the open elements, innermost last (children vectors only grow at the back)
  std::optional<Failure> failure_;
  std::uint64_t column_shift_ = 0;  // characters from the reported position back to the failure's start
};

// The XML name at byte `offset`, when the text there is ASCII-compatible ("" otherwise).
std::string TreeBuilder::name_at(std::size_t offset) const {
  std::string out;
  for (std::size_t i = offset; i < text_.size(); ++i) {
    const auto c = static_cast<unsigned char>(text_[i]);
    if (!(std::isalnum(c) || c == '_' || c == ':' || c == '.' || c == '-' || c >= 0x80)) break;
    out += static_cast<char>(c);
  }
  return out;
}

// What is wrong at byte `at`, where Expat found a token it does not accept, in the words of the
// usual mistakes; moves `column` back to an unterminated reference's '&'.
std::string TreeBuilder::invalid_token(std::size_t at, std::uint64_t& column) const {
  if (at >= text_.size()) return "not well-formed XML (invalid token)";
  const auto byte = static_cast<unsigned char>(text_[at]);
  if (byte >= 0x80 && find_invalid_utf8(text_, at) == at) return "invalid UTF-8 (byte 0x" + hex_byte(text_[at]) + "); save the file as UTF-8";
  if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') return "control character U+00" + hex_byte(text_[at]) + " (XML does not allow it)";
  // `&amp ` or `& `: a reference without its ';'.
  const std::size_t amp = text_.rfind('&', at);
  if (amp != std::string_view::npos && at - amp <= 12 && text_.substr(amp, at - amp).find_first_of("; \t\n\r<>\"'") == std::string_view::npos) {
    column = column > at - amp ? column - (at - amp) : 1;
    return "'&' not followed by an entity such as &amp; (write a literal & as &amp;)";
  }
  std::size_t before = at;
  while (before > 0 && (text_[before - 1] == ' ' || text_[before - 1] == '\t' || text_[before - 1] == '\n' || text_[before - 1] == '\r')) --before;
  if (before > 0 && text_[before - 1] == '=' && byte != '"' && byte != '\'') return "attribute value must be enclosed in quotes";
  if (byte == '<') return "'<' where it is not allowed (in text or an attribute value, write it as &lt;)";
  return "not well-formed XML (invalid token)";
}

// Throws the failure a handler recorded, or Expat's error in our words where we know better ones.
void TreeBuilder::fail_parse() {
  if (failure_) throw ParseError(file_, failure_->line, failure_->column, failure_->message);
  const XML_Parser p = parser_.get();
  const XML_Error code = XML_GetErrorCode(p);
  auto [line, column] = position();
  const XML_Index index = XML_GetCurrentByteIndex(p);
  const std::size_t at = index < 0 ? text_.size() : std::min(static_cast<std::size_t>(index), text_.size());
  const bool bytes_readable = this->bytes_readable();
  std::string message = XML_ErrorString(code);
  switch (code) {
    case XML_ERROR_NO_ELEMENTS:
      if (!open_.empty()) {
        const Element& e = *open_.back();
        throw ParseError(file_, e.line, e.column, "element <" + e.name + "> is never closed (expected </" + e.name + ">)");
      }
      if (!root_) throw ParseError(file_, 1, 1, "no root element (the file is empty or holds only comments)");
      break;
    case XML_ERROR_TAG_MISMATCH:
      if (!open_.empty()) {
        std::string closing = "closing tag";
        if (bytes_readable && at >= 2 && text_.substr(at - 2, 2) == "</") {
          closing = "</" + name_at(at) + ">";
          column = column > 2 ? column - 2 : 1;
        }
        message = closing + " does not match <" + open_.back()->name + "> (opened at line " + std::to_string(open_.back()->line) + ")";
      }
      break;
    case XML_ERROR_DUPLICATE_ATTRIBUTE:
      if (const std::size_t tag = text_.rfind('<', at); bytes_readable && tag != std::string_view::npos)
        message = "duplicate attribute '" + name_at(at) + "' in <" + name_at(tag + 1) + ">";
      break;
    case XML_ERROR_JUNK_AFTER_DOC_ELEMENT:
      message = bytes_readable && at < text_.size() && text_[at] == '<'
                    ? "a second root element <" + name_at(at + 1) + ">; an XML document has one"
                    : "text after the root element";
      break;
    case XML_ERROR_UNDEFINED_ENTITY:
      if (bytes_readable && at < text_.size() && text_[at] == '&')
        message = "unknown entity '&" + name_at(at + 1) + ";' (XML knows &lt; &gt; &amp; &quot; &apos; and &#N;)";
      break;
    case XML_ERROR_BAD_CHAR_REF:
      if (const std::size_t semi = text_.find(';', at); bytes_readable && semi != std::string_view::npos && semi - at < 12)
        message = "character reference '" + std::string(text_.substr(at, semi + 1 - at)) + "' names a character XML does not allow";
      break;
    case XML_ERROR_UNCLOSED_TOKEN:
      if (bytes_readable && text_.substr(at, 4) == "<!--") message = "unterminated comment (no closing -->)";
      else if (bytes_readable && text_.substr(at, 9) == "<![CDATA[") message = "unterminated CDATA section (no closing ]]>)";
      else message = "unterminated markup (" + message + ")";
      break;
    case XML_ERROR_INVALID_TOKEN:
      if (bytes_readable) message = invalid_token(at, column);
      else message = "not well-formed XML (invalid token)";
      break;
    case XML_ERROR_UNKNOWN_ENCODING:
      message = "unknown encoding (XML files are read in UTF-8, UTF-16, ISO-8859-1 or US-ASCII)";
      break;
    case XML_ERROR_UNBOUND_PREFIX:
      message = "unbound namespace prefix (declare it with xmlns:PREFIX=\"...\")";
      break;
    default:
      break;
  }
  throw ParseError(file_, line, column, message);
}

}  // namespace

Element parse(std::string_view text, const std::string& file) { return TreeBuilder(text, file).run(); }

}  // namespace actorgraph::detail::xml
