#include "actorgraph/io/dataset_writer.hpp"

#include "actorgraph/io/csv.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>

namespace actorgraph {

namespace fs = std::filesystem;

std::string canonical_csv(const Table& table) {
  std::string out;
  if (!table.present()) return out;
  std::vector<std::string_view> values(table.columns().begin(), table.columns().end());
  append_csv_record(out, values);

  std::vector<std::size_t> order(table.rows());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (table.name() == "blocs.csv") {
    // By bloc, the lead first, then by actor.
    const std::size_t role = *table.column("role"), actor = *table.column("actor");
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if (table.cell(a, 0) != table.cell(b, 0)) return natural_less(table.cell(a, 0), table.cell(b, 0));
      const bool lead_a = table.cell(a, role) == "lead", lead_b = table.cell(b, role) == "lead";
      if (lead_a != lead_b) return lead_a;
      return natural_less(table.cell(a, actor), table.cell(b, actor));
    });
  } else {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return natural_less(table.cell(a, 0), table.cell(b, 0)); });
  }
  for (std::size_t row : order) {
    for (std::size_t c = 0; c < values.size(); ++c) values[c] = table.cell(row, c);
    append_csv_record(out, values);
  }
  return out;
}

void write_dataset(const Dataset& dataset, const std::string& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw IoError(folder + ": cannot create the folder: " + ec.message());
  for (const Table* table : {&dataset.actors_table(), &dataset.relations_table(), &dataset.sources_table(),
                             &dataset.types_table(), &dataset.blocs_table()}) {
    if (!table->present()) continue;
    const fs::path target = fs::path(folder) / table->name();
    const fs::path temporary = fs::path(folder) / ("." + table->name() + ".tmp");
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      const std::string text = canonical_csv(*table);
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
      if (!out) throw IoError(temporary.string() + ": cannot write");
    }
    fs::rename(temporary, target, ec);
    if (ec) throw IoError(target.string() + ": cannot write: " + ec.message());
  }
}

}  // namespace actorgraph
