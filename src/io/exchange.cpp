// The graph exchange formats' entry points (include/actorgraph/io/exchange.hpp, docs/EXCHANGE.md):
// formats by name and extension, reading and checking a dataset from any of them, writing one.
// Each format's reading and writing is in its own file (src/io/dot.cpp, graphml.cpp,
// node_link_json.cpp); graph_tables.cpp maps graphs to datasets and back.
#include "actorgraph/io/exchange.hpp"

#include "actorgraph/io/dataset_writer.hpp"
#include "actorgraph/io/output_file.hpp"
#include "actorgraph/io/text_file.hpp"
#include "io/detail/graph_data.hpp"

#include <cctype>
#include <filesystem>

namespace actorgraph {

namespace fs = std::filesystem;
using namespace detail::exchange;

std::string_view format_name(ExchangeFormat format) noexcept {
  switch (format) {
    case ExchangeFormat::folder: return "folder";
    case ExchangeFormat::dot: return "dot";
    case ExchangeFormat::graphml: return "graphml";
    case ExchangeFormat::json: return "json";
  }
  return "folder";
}

namespace {
std::string to_upper_name(ExchangeFormat format) {
  switch (format) {
    case ExchangeFormat::dot: return "DOT";
    case ExchangeFormat::graphml: return "GraphML";
    case ExchangeFormat::json: return "JSON";
    case ExchangeFormat::folder: break;
  }
  return "folder";
}
}  // namespace

std::optional<ExchangeFormat> parse_exchange_format(std::string_view name) noexcept {
  if (name == "folder") return ExchangeFormat::folder;
  if (name == "dot" || name == "gv") return ExchangeFormat::dot;
  if (name == "graphml") return ExchangeFormat::graphml;
  if (name == "json") return ExchangeFormat::json;
  return std::nullopt;
}

ExchangeFormat exchange_format(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return ExchangeFormat::folder;
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".dot" || ext == ".gv") return ExchangeFormat::dot;
  if (ext == ".graphml") return ExchangeFormat::graphml;
  if (ext == ".json") return ExchangeFormat::json;
  if (ext.empty() && !fs::exists(path, ec)) return ExchangeFormat::folder;
  throw UsageError(path + ": unknown format" + (ext.empty() ? std::string() : " '" + ext + "'") +
                   " (expected a dataset folder or a .dot, .gv, .graphml or .json file)");
}

std::map<std::string, std::string> graph_to_dataset_files(std::string_view text, ExchangeFormat format, const std::string& origin) {
  return graph_dataset_files(read_graph(text, format, origin), origin);
}

namespace {

CheckResult check_graph_text(std::string_view text, ExchangeFormat format, const std::string& origin, const LoadOptions& options) {
  try {
    return check_graph(read_graph(text, format, origin), origin, options);
  } catch (const ParseError& e) {
    CheckResult result;
    result.diagnostics.push_back(parse_diagnostic(e));
    return result;
  }
}

}  // namespace

CheckResult check_dataset_text(std::string_view text, ExchangeFormat format, const std::string& origin) {
  return check_graph_text(text, format, origin, LoadOptions{});
}

CheckResult check_dataset_any(const std::string& path, const LoadOptions& options) {
  const ExchangeFormat format = exchange_format(path);
  if (format == ExchangeFormat::folder) return check_dataset(path, options);
  return check_graph_text(read_text_file(path), format, path, options);
}

CheckResult check_dataset_any(const std::string& path) { return check_dataset_any(path, LoadOptions{}); }

Dataset read_dataset_any(const std::string& path) {
  const ExchangeFormat format = exchange_format(path);
  if (format == ExchangeFormat::folder) return load_dataset(path);
  CheckResult result = check_graph(read_graph(read_text_file(path), format, path), path);
  if (!result.dataset) throw DataError(std::move(result.diagnostics));
  return std::move(*result.dataset);
}

std::vector<ExchangeLoss> exchange_losses(const Dataset& d, ExchangeFormat format) {
  std::vector<ExchangeLoss> out;
  const std::string target = format == ExchangeFormat::folder ? "a dataset folder" : "a " + to_upper_name(format) + " file";
  for (const std::string& name : d.other_entries())
    out.push_back({name, "it is a folder, a special file or unreadable, and " + target + " carries only the dataset's readable regular files"});
  return out;
}

std::string to_text(const Dataset& d, ExchangeFormat format) {
  switch (format) {
    case ExchangeFormat::dot: return to_dot(d);
    case ExchangeFormat::graphml: return to_graphml(d);
    case ExchangeFormat::json: return to_json(d);
    case ExchangeFormat::folder: break;
  }
  throw UsageError("a dataset folder is not a text format: give dot, graphml or json");
}

void write_dataset_any(const Dataset& d, const std::string& path, ExchangeFormat format) {
  if (format == ExchangeFormat::folder) {
    write_dataset(d, path);
    return;
  }
  write_file(path, to_text(d, format));
}

}  // namespace actorgraph
