#include "actorgraph/io/dataset_writer.hpp"

#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/output_file.hpp"
#include "io/detail/columns.hpp"

#include <algorithm>
#include <numeric>

namespace actorgraph {

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
  FolderWriter out(folder);
  for (const Table* table : {&dataset.actors_table(), &dataset.relations_table(), &dataset.sources_table(),
                             &dataset.types_table(), &dataset.blocs_table()})
    if (table->present()) out.add_file(table->name(), canonical_csv(*table));
  for (const DatasetFile& file : dataset.other_files()) out.add_file(file.name, file.bytes);
  // What else the folder held (hidden files, subfolders) stays; the dataset files it held and the
  // dataset no longer has (e.g. a blocs.csv) go, or the folder would mix two datasets.
  out.carry_over([&](std::string_view name) { return !detail::is_dataset_file_name(name); });
  out.commit();
}

}  // namespace actorgraph
