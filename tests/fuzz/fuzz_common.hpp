// Shared helpers of the fuzz targets (docs/FUZZING.md). Each target is one function,
// LLVMFuzzerTestOneInput, built twice: with libFuzzer in the clang fuzz build (ACTORGRAPH_FUZZ), and
// with replay_main.cpp in the normal test build, where it replays the seed corpus and the
// regression inputs under tests/data/fuzz.
//
// Beyond what the sanitizers catch, a target checks that a valid input round-trips. A failed check
// is a finding: it prints what differed and aborts, so libFuzzer keeps the input.
#pragma once

#include "actorgraph/error.hpp"
#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/dataset_writer.hpp"
#include "actorgraph/io/exchange.hpp"
#include "actorgraph/model/dataset.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <string_view>

#include <unistd.h>

namespace actorgraph::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Prints the failed check and aborts: the input that got here is a finding.
[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "\nfuzz: check failed: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

inline void check(bool ok, const std::string& what) {
  if (!ok) fail(what);
}

// A text quoted for a failure message, cut after `limit` bytes.
inline std::string quoted(std::string_view text, std::size_t limit = 2000) {
  std::string out = "\"";
  for (char c : text.substr(0, limit)) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '"' || c == '\\') (out += '\\') += c;
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
      out += hex;
    } else out += c;
  }
  out += '"';
  if (text.size() > limit) out += "...";
  return out;
}

// A fixed file under /tmp for readers that only read from a path: one per process and target,
// overwritten by each input, removed at exit.
class ScratchFile {
 public:
  explicit ScratchFile(const char* target)
      : path_("/tmp/actorgraph-fuzz-" + std::string(target) + "-" + std::to_string(::getpid()) + ".csv") {}
  ~ScratchFile() { std::remove(path_.c_str()); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

inline void write_scratch(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) fail("cannot write the scratch file " + path);
}

// The canonical text of every table the dataset has, by file name.
inline std::map<std::string, std::string> canonical_files(const Dataset& dataset) {
  std::map<std::string, std::string> files;
  for (const Table* t : {&dataset.actors_table(), &dataset.relations_table(), &dataset.sources_table(),
                         &dataset.types_table(), &dataset.blocs_table()})
    if (t->present()) files[t->name()] = canonical_csv(*t);
  return files;
}

inline std::string first_diagnostics(const Diagnostics& diagnostics) {
  std::string out;
  for (std::size_t i = 0; i < diagnostics.size() && i < 5; ++i) out += "\n  " + diagnostics[i].str();
  return out;
}

// Fails unless `after` holds the same canonical files as `before`, naming the first difference.
inline void check_same_files(const std::map<std::string, std::string>& before,
                             const std::map<std::string, std::string>& after, const std::string& route) {
  for (const auto& [name, text] : before) {
    const auto it = after.find(name);
    check(it != after.end(), route + ": " + name + " is lost\n  before: " + quoted(text));
    check(it->second == text, route + ": " + name + " changes\n  before: " + quoted(text) + "\n  after:  " + quoted(it->second));
  }
  for (const auto& [name, text] : after)
    check(before.count(name), route + ": " + name + " appears\n  after: " + quoted(text));
}

// The round trip every valid dataset must survive: its canonical files load again to the same
// canonical files, and so does its text in each exchange format. A format may refuse the dataset
// with an Error where exchange.hpp documents it (a control character GraphML cannot hold, a
// relations column named `key`); reading back what a writer wrote must never fail.
inline void check_dataset_round_trip(const Dataset& dataset) {
  const auto canonical = canonical_files(dataset);
  {
    const CheckResult again = check_dataset_files("canonical", canonical);
    check(again.dataset.has_value(), "the canonical files do not load:" + first_diagnostics(again.diagnostics));
    check_same_files(canonical, canonical_files(*again.dataset), "canonical -> canonical");
  }
  for (const ExchangeFormat format : {ExchangeFormat::dot, ExchangeFormat::graphml, ExchangeFormat::json}) {
    const std::string route = "dataset -> " + std::string(format_name(format)) + " -> dataset";
    std::string text;
    try {
      text = to_text(dataset, format);
    } catch (const Error&) {
      continue;  // a documented refusal
    }
    CheckResult back;
    try {
      back = check_dataset_text(text, format, "roundtrip." + std::string(format_name(format)));
    } catch (const Error& e) {
      fail(route + ": reading the written text throws: " + e.what() + "\n  text: " + quoted(text));
    }
    check(back.dataset.has_value(), route + ": the written text does not load:" + first_diagnostics(back.diagnostics) +
                                        "\n  text: " + quoted(text));
    check_same_files(canonical, canonical_files(*back.dataset), route);
  }
}

// The target of a graph exchange reader: any text is read without crashing, and a graph that loads
// as a valid dataset round-trips.
inline void exchange_target(const std::uint8_t* data, std::size_t size, ExchangeFormat format) {
  CheckResult result;
  try {
    result = check_dataset_text(as_text(data, size), format, "fuzz." + std::string(format_name(format)));
  } catch (const Error&) {
    return;  // refused, with a message
  }
  if (result.dataset) check_dataset_round_trip(*result.dataset);
}

}  // namespace actorgraph::fuzz
