// The known columns of each dataset file, in canonical order (docs/FORMAT.md). Shared by the
// reader, which checks them, and the writer, which orders them.
#pragma once

#include <array>
#include <initializer_list>
#include <span>
#include <string_view>

namespace actorgraph::detail {

struct ColumnSpec {
  std::string_view name;
  bool required;
};

struct FileSpec {
  std::string_view name;  // e.g. "actors.csv"
  bool required;
  std::span<const ColumnSpec> columns;  // the first is always the id (for blocs: the bloc)
};

inline constexpr std::array<ColumnSpec, 4> actor_columns{{{"id", true}, {"label", true}, {"kind", true}, {"aliases", false}}};
inline constexpr std::array<ColumnSpec, 20> relation_columns{{{"id", true}, {"source", true}, {"target", true},
    {"type", true}, {"start", false}, {"end", false}, {"directed", false}, {"weight", false}, {"magnitude", false},
    {"unit", false}, {"role", false}, {"sources", false}, {"quote", false}, {"notes", false}, {"disputes", false},
    {"fact", false}, {"part_of", false}, {"stance", false}, {"attested", false}, {"status", false}}};
inline constexpr std::array<ColumnSpec, 6> source_columns{{{"id", true}, {"title", true}, {"publisher", false},
    {"date", false}, {"url", false}, {"text", false}}};
inline constexpr std::array<ColumnSpec, 6> type_columns{{{"id", true}, {"description", true}, {"directed", true},
    {"ongoing", true}, {"valence", false}, {"dimension", false}}};
inline constexpr std::array<ColumnSpec, 5> bloc_columns{{{"bloc", true}, {"actor", true}, {"role", true},
    {"sources", false}, {"notes", false}}};

inline constexpr FileSpec actors_file{"actors.csv", true, actor_columns};
inline constexpr FileSpec relations_file{"relations.csv", true, relation_columns};
inline constexpr FileSpec sources_file{"sources.csv", false, source_columns};
inline constexpr FileSpec types_file{"types.csv", false, type_columns};
inline constexpr FileSpec blocs_file{"blocs.csv", false, bloc_columns};

// True for the five files the reader reads itself (actors.csv, relations.csv, ...).
inline bool is_dataset_file_name(std::string_view name) noexcept {
  for (const FileSpec* spec : {&actors_file, &relations_file, &sources_file, &types_file, &blocs_file})
    if (spec->name == name) return true;
  return false;
}

}  // namespace actorgraph::detail
