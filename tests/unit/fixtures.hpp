// Test fixtures: paths from a compile definition (never the working directory), and small datasets
// written to a temporary folder from strings.
#pragma once

#include "actorgraph/io/text_file.hpp"

#include <unistd.h>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace actorgraph::test {

inline std::string data_path(const std::string& name) { return std::string(ACTORGRAPH_TEST_DATA) + "/" + name; }

// NetworkX's figures for a reference network (tests/data/reference/NAME/graph-info.csv: key,value
// rows, written by scripts/networkx-reference).
inline std::map<std::string, std::string> reference_info(const std::string& name) {
  std::ifstream in(data_path("reference/" + name + "/graph-info.csv"));
  std::map<std::string, std::string> values;
  for (std::string line; std::getline(in, line);)
    if (const auto comma = line.find(','); comma != std::string::npos) values[line.substr(0, comma)] = line.substr(comma + 1);
  return values;
}

// A file's bytes, or "" when it cannot be read (the comparison that follows then fails).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A dataset folder holding the given files (name -> content), removed when the object goes.
class TempDataset {
 public:
  explicit TempDataset(const std::map<std::string, std::string>& files) {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("actorgraph-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
    for (const auto& [name, content] : files) std::ofstream(path_ / name, std::ios::binary) << content;
  }
  ~TempDataset() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDataset(const TempDataset&) = delete;
  TempDataset& operator=(const TempDataset&) = delete;
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// While it lives, SIGBUS is handled as the command-line tool handles it (exit_on_truncated_mapping),
// so that the readers map files (io/detail/file_text.hpp); then the handler before is back.
class MappingFiles {
 public:
  MappingFiles() {
    ::sigaction(SIGBUS, nullptr, &before_);
    exit_on_truncated_mapping();
  }
  ~MappingFiles() { ::sigaction(SIGBUS, &before_, nullptr); }
  MappingFiles(const MappingFiles&) = delete;
  MappingFiles& operator=(const MappingFiles&) = delete;

 private:
  struct sigaction before_ {};
};

// Random test data: next(n) is in [0, n), the same sequence for the same seed on every machine (a
// linear congruential generator).
class Lcg {
 public:
  explicit Lcg(std::uint32_t seed) : x_(seed) {}
  std::uint32_t next(std::uint32_t n) {
    x_ = x_ * 1103515245u + 12345u;
    return (x_ >> 8) % n;
  }

 private:
  std::uint32_t x_;
};

// actors.csv of `n` actors a0, a1...: every `organization_every`-th an organization (a0 first),
// the others states.
inline std::string numbered_actors_csv(int n, int organization_every) {
  std::string csv = "id,label,kind\n";
  for (int a = 0; a < n; ++a) csv += "a" + std::to_string(a) + ",," + (a % organization_every ? "state" : "organization") + "\n";
  return csv;
}

}  // namespace actorgraph::test
