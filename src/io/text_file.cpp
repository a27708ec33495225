#include "actorgraph/io/text_file.hpp"

#include "actorgraph/error.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace actorgraph {

std::string read_text_file(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path + ": cannot read " + std::string(what) + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw IoError(path + ": cannot read " + std::string(what));
  return std::move(text).str();
}

}  // namespace actorgraph
