// How numbers and dataset values are written as text, in one place, so that every output (tables,
// CSV, JSON, reports, diagrams, messages) writes the same value the same way. Every style is
// written with libfmt (never the C locale: a decimal point is always '.').
#pragma once

#include "actorgraph/model/dataset.hpp"

#include <string>
#include <string_view>

namespace actorgraph {

// The shortest text that reads back as the same double, as std::to_chars writes it: the fixed or
// the exponent form, whichever is shorter (fixed on a tie): "0.1", "2", "1e-09", "1e+05", "-0";
// a fixed form of an integer is its exact value ("12345678901234567168"). NaN and infinities are
// "nan", "-nan", "inf", "-inf": not numbers in JSON (json_number).
std::string shortest_number(double value);

// A number in JSON: shortest_number for a finite value, `null` for NaN and infinities (JSON has no
// other way to write them), so that a JSON output never holds a bare `nan`.
std::string json_number(double value);

// A cell of a ResultTable's numeric column: shortest_number for a finite value, empty text for NaN
// and infinities (the table writes an empty numeric cell as null in JSON, and empty in CSV).
std::string format_number(double value);

// `digits` digits after the point, rounded to nearest (printf's "%.*f"): fixed_number(2.345, 1) is
// "2.3" (2.345 is stored as 2.34499...), fixed_number(-0.001, 2) is "-0.00".
std::string fixed_number(double value, int digits);

// fixed_number without trailing zeros after the point, nor the point when nothing follows it, and
// never "-0": trimmed_number(2.50, 2) is "2.5", trimmed_number(7, 2) is "7", (-0.001, 2) is "0".
std::string trimmed_number(double value, int digits);

// `digits` significant digits (printf's "%.*g"): the exponent form below 1e-4 or from 10^digits on,
// trailing zeros dropped: significant_number(0.000123456, 3) is "0.000123", (1234567, 3) "1.23e+06".
std::string significant_number(double value, int digits);

// A share (0.25) as a whole percentage without the sign ("25"); a share that rounds to 0 from
// below is "0", never "-0".
std::string percent_number(double share);

// Scores in result tables, by output format: six significant digits in "table" (for people), the
// shortest exact form in "csv" (NaN as "nan"), json_number in "json" (NaN as null).
std::string format_score(double value, std::string_view format);

// The relation's sources, '|'-separated as in the file.
std::string relation_sources(const Dataset& d, RelationId r);

}  // namespace actorgraph
