#include "actorgraph/format.hpp"

#include <catch2/catch.hpp>

#include <charconv>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>

using namespace actorgraph;

namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

std::string to_chars_text(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string printf_text(const char* format, int digits, double v) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, digits, v);
  return buf;
}

}  // namespace

TEST_CASE("shortest_number writes the shortest round-trip text, fixed or exponent form as to_chars does", "[format]") {
  CHECK(shortest_number(0.1) == "0.1");
  CHECK(shortest_number(2) == "2");
  CHECK(shortest_number(-7.25) == "-7.25");
  CHECK(shortest_number(1e-9) == "1e-09");
  CHECK(shortest_number(100000) == "1e+05");  // 5 characters against 6
  CHECK(shortest_number(123456) == "123456");
  CHECK(shortest_number(0.0001234) == "0.0001234");  // a tie: the fixed form
  CHECK(shortest_number(0.00001234) == "1.234e-05");
  CHECK(shortest_number(1e300) == "1e+300");
  CHECK(shortest_number(5e-324) == "5e-324");
  CHECK(shortest_number(12345678901234567000.0) == "12345678901234567168");  // an integer in full
  CHECK(shortest_number(-0.0) == "-0");
  CHECK(shortest_number(0.0) == "0");
  CHECK(shortest_number(nan_value) == "nan");
  CHECK(shortest_number(inf) == "inf");
  CHECK(shortest_number(-inf) == "-inf");
}

TEST_CASE("shortest_number, fixed_number and significant_number agree with to_chars and printf on many values", "[format]") {
  std::mt19937_64 random(7);
  std::size_t differences = 0;
  for (int i = 0; i < 20000; ++i) {
    double v;
    const std::uint64_t bits = random();
    if (i % 2 == 0) std::memcpy(&v, &bits, sizeof v);  // any double: tiny, huge, NaN
    else v = static_cast<double>(static_cast<std::int64_t>(bits % 2000000001) - 1000000000) / std::pow(10, static_cast<int>(random() % 12));
    if (shortest_number(v) != to_chars_text(v)) ++differences;
    if (significant_number(v, 3) != printf_text("%.*g", 3, v)) ++differences;
    if (significant_number(v, 6) != printf_text("%.*g", 6, v)) ++differences;
    if (std::isfinite(v) && std::abs(v) < 1e20)
      for (int digits : {0, 1, 2, 4})
        if (fixed_number(v, digits) != printf_text("%.*f", digits, v)) ++differences;
  }
  CHECK(differences == 0);
}

TEST_CASE("json_number writes NaN and infinities as null, never a bare nan", "[format]") {
  CHECK(json_number(0.25) == "0.25");
  CHECK(json_number(-0.0) == "-0");
  CHECK(json_number(1e21) == "1e+21");
  CHECK(json_number(nan_value) == "null");
  CHECK(json_number(-nan_value) == "null");
  CHECK(json_number(inf) == "null");
  CHECK(json_number(-inf) == "null");
  // A table cell: empty for what JSON cannot hold (the table writes null, or an empty CSV cell).
  CHECK(format_number(0.5) == "0.5");
  CHECK(format_number(nan_value).empty());
  CHECK(format_number(-inf).empty());
}

TEST_CASE("fixed_number and trimmed_number round to a number of decimals", "[format]") {
  CHECK(fixed_number(2.345, 1) == "2.3");  // 2.345 is stored as 2.34499...
  CHECK(fixed_number(2.5, 0) == "2");      // exact halves go to even, as printf does
  CHECK(fixed_number(3.5, 0) == "4");
  CHECK(fixed_number(-0.001, 2) == "-0.00");
  CHECK(fixed_number(1e20, 1) == "100000000000000000000.0");
  CHECK(fixed_number(nan_value, 2) == "nan");
  CHECK(fixed_number(-inf, 2) == "-inf");
  CHECK(trimmed_number(2.50, 2) == "2.5");
  CHECK(trimmed_number(7, 2) == "7");
  CHECK(trimmed_number(0.333, 2) == "0.33");
  CHECK(trimmed_number(10, 2) == "10");
  CHECK(trimmed_number(-0.001, 2) == "0");
  CHECK(trimmed_number(-0.0, 2) == "0");
  CHECK(trimmed_number(inf, 2) == "inf");
}

TEST_CASE("significant_number keeps a number of significant digits, as %g", "[format]") {
  CHECK(significant_number(0.000123456, 3) == "0.000123");
  CHECK(significant_number(0.0000123456, 3) == "1.23e-05");
  CHECK(significant_number(1234567, 3) == "1.23e+06");
  CHECK(significant_number(123456, 6) == "123456");
  CHECK(significant_number(0.5, 6) == "0.5");
  CHECK(significant_number(-0.0, 6) == "-0");
  CHECK(significant_number(nan_value, 6) == "nan");
  CHECK(significant_number(-inf, 3) == "-inf");
}

TEST_CASE("percent_number writes a share as a whole percentage, never -0", "[format]") {
  CHECK(percent_number(0.25) == "25");
  CHECK(percent_number(0.996) == "100");
  CHECK(percent_number(1.5) == "150");
  CHECK(percent_number(-0.001) == "0");
  CHECK(percent_number(-0.0) == "0");
  CHECK(percent_number(-0.3) == "-30");
  CHECK(percent_number(nan_value) == "nan");
}

TEST_CASE("format_score: six significant digits for tables, shortest for CSV, null for NaN in JSON", "[format]") {
  CHECK(format_score(0.123456789, "table") == "0.123457");
  CHECK(format_score(0.123456789, "csv") == "0.123456789");
  CHECK(format_score(0.123456789, "json") == "0.123456789");
  CHECK(format_score(100000, "csv") == "1e+05");
  CHECK(format_score(nan_value, "table") == "nan");
  CHECK(format_score(nan_value, "csv") == "nan");
  CHECK(format_score(nan_value, "json") == "null");
  CHECK(format_score(inf, "json") == "null");
}
