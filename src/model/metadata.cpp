#include "actorgraph/model/metadata.hpp"

#include <cctype>
#include <filesystem>

namespace actorgraph {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The text of the first line's level-1 heading, possibly empty; nullopt when the line is no such heading.
std::optional<std::string_view> heading(std::string_view readme) {
  if (readme.substr(0, 3) == "\xEF\xBB\xBF") readme.remove_prefix(3);
  std::string_view line = readme.substr(0, readme.find('\n'));
  line = trim(line);
  if (line != "#" && line.substr(0, 2) != "# ") return std::nullopt;
  line = trim(line.substr(1));
  // An ATX heading may close with #s after a space ("# Title #").
  const auto closing = line.find_last_not_of('#');
  if (closing != std::string_view::npos && closing + 1 < line.size() && (line[closing] == ' ' || line[closing] == '\t'))
    line = trim(line.substr(0, closing));
  else if (closing == std::string_view::npos)
    line = {};
  return line;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string readme_title_problem(std::string_view readme) {
  const auto text = heading(readme);
  if (!text) return {};
  if (text->empty()) return "the title (the first line's '# ' heading) is empty";
  if (code_points(*text) > max_title_length)
    return "the title (the first line's '# ' heading) has " + std::to_string(code_points(*text)) + " characters, more than " +
           std::to_string(max_title_length) + ": it is not used";
  return {};
}

std::optional<std::string> readme_title(std::string_view readme) {
  const auto text = heading(readme);
  if (!text || text->empty() || !readme_title_problem(readme).empty()) return std::nullopt;
  return std::string(*text);
}

std::optional<std::string> dataset_title(const Dataset& dataset) {
  for (const DatasetFile& f : dataset.other_files())
    if (f.name == "README.md") return readme_title(f.bytes);
  return std::nullopt;
}

std::string dataset_display_name(const Dataset& dataset) {
  if (auto title = dataset_title(dataset)) return *title;
  return dataset_folder_name(dataset);
}

std::string dataset_folder_name(const Dataset& dataset) {
  // "graphs/tajikistan/", "." and ".." name the folder by its own name.
  std::filesystem::path p = std::filesystem::path(dataset.path()).lexically_normal();
  if (p.empty() || p.filename() == "." || p.filename() == "..") p = std::filesystem::absolute(p).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();
  return p.filename().string();
}

bool is_hex_colour(std::string_view text) noexcept {
  if (text.size() != 7 || text[0] != '#') return false;
  for (const char c : text.substr(1))
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string declared_bloc_colour(const Dataset& dataset, std::string_view bloc_id) {
  const Table& t = dataset.blocs_table();
  if (!t.present()) return {};
  const auto bloc = t.column("bloc");
  if (!bloc) return {};
  for (const char* name : {"colour", "color"})
    if (const auto c = t.column(name))
      for (std::size_t row = 0; row < t.rows(); ++row)
        if (t.cell(row, *bloc) == bloc_id && !t.cell(row, *c).empty()) return std::string(t.cell(row, *c));
  return {};
}

}  // namespace actorgraph
