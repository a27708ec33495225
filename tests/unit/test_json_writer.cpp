#include "actorgraph/json_writer.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

using namespace actorgraph;

TEST_CASE("JsonWriter writes objects and arrays on one line, items separated by ', '", "[json]") {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("name").string("NATO").key("members").begin_array().integer(1).integer(std::uint64_t{2}).end_array();
  json.key("share").number(0.25).key("open").boolean(true).key("closed").boolean(false).key("none").null();
  json.key("empty").begin_object().end_object().key("list").begin_array().end_array().end_object();
  CHECK(out == R"({"name": "NATO", "members": [1, 2], "share": 0.25, "open": true, "closed": false, "none": null, "empty": {}, "list": []})");
}

TEST_CASE("JsonWriter escapes quotes, backslashes and control characters in keys and strings", "[json]") {
  std::string out;
  JsonWriter(out).begin_object().key("a\"b").string("x\\y\n\t\x01 Тоҷикистон").end_object();
  CHECK(out == "{\"a\\\"b\": \"x\\\\y\\n\\t\\u0001 Тоҷикистон\"}");
}

TEST_CASE("JsonWriter writes NaN and infinities as null, and numbers in their shortest exact form", "[json]") {
  std::string out;
  JsonWriter json(out);
  json.begin_array().number(std::numeric_limits<double>::quiet_NaN()).number(std::numeric_limits<double>::infinity());
  json.number(-std::numeric_limits<double>::infinity()).number(-0.0).number(1e-9).number(100000).number(0.1);
  // Numbers already written as text (table cells): empty, nan and inf are null too.
  json.number_text("").number_text("nan").number_text("-inf").number_text("2.5").number_text("1e+05").end_array();
  CHECK(out == "[null, null, null, -0, 1e-09, 1e+05, 0.1, null, null, null, 2.5, 1e+05]");
}

TEST_CASE("JsonWriter puts an item or a closing bracket on a new line where asked", "[json]") {
  std::string out;
  JsonWriter json(out);
  json.begin_object().line(2).key("rows").begin_array();
  json.line(4).begin_object().key("id").string("a").end_object();
  json.line(4).begin_object().key("id").string("b").end_object();
  json.line(2).end_array().line(2).key("count").integer(2).line(0).end_object();
  CHECK(out == "{\n  \"rows\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\"}\n  ],\n  \"count\": 2\n}");
}

TEST_CASE("JsonWriter inserts a document written elsewhere as a value", "[json]") {
  std::string out;
  JsonWriter(out).begin_object().key("relations").json("[]\n").key("ranks").json("[1]").end_object();
  CHECK(out == "{\"relations\": []\n, \"ranks\": [1]}");
}
