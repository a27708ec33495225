// Runs a fuzz target's LLVMFuzzerTestOneInput on files, without libFuzzer: the normal test build
// replays the seed corpus and the regression inputs this way (ctest fuzz_replay.TARGET).
// Usage: fuzz_replay_TARGET PATH...   (a folder stands for its files, in name order; a missing
// folder is skipped with a note). Fails when no file was replayed; a failed check aborts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    return false;
  }
  std::fprintf(stderr, "%s (%zu bytes)\n", file.c_str(), bytes.size());
  // A copy of exactly `size` bytes, as libFuzzer passes it, so ASan sees reads past the end.
  const std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(data.data(), data.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::size_t replayed = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const fs::path path(argv[i]);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(path))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        ok = replay(f) && ok;
        ++replayed;
      }
    } else if (fs::exists(path, ec)) {
      ok = replay(path) && ok;
      ++replayed;
    } else {
      std::fprintf(stderr, "%s does not exist: skipped\n", path.c_str());
    }
  }
  std::fprintf(stderr, "%zu inputs replayed\n", replayed);
  return ok && replayed > 0 ? 0 : 1;
}
