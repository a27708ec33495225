// What a dataset says about itself, beyond its tables (docs/FORMAT.md, "The dataset's title").
#pragma once

#include "actorgraph/model/dataset.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace actorgraph {

// The longest title accepted, in characters (code points): a title is a heading, not a paragraph.
inline constexpr std::size_t max_title_length = 200;

// The title in the text of a README.md: its first line when that line is a Markdown level-1 heading
// ("# Tajikistan between NATO and Russia"), without the "# ", surrounding spaces and closing #s.
// nullopt when the first line is not such a heading or the heading is empty; a byte-order mark
// before it is skipped.
std::optional<std::string> readme_title(std::string_view readme);

// Why the README's title cannot be used ("" when it can, or when there is no title at all): an empty
// heading, or more than max_title_length characters. `check` reports it as a warning.
std::string readme_title_problem(std::string_view readme);

// The dataset's title: readme_title of its README.md when there is one and it is usable; nullopt
// otherwise (callers then name the dataset by its folder's name).
std::optional<std::string> dataset_title(const Dataset& dataset);

// The last part of the dataset's path: the folder's (or graph file's) name, never the folders above
// it; "." and ".." are named by the folder they stand for.
std::string dataset_folder_name(const Dataset& dataset);

// How a report names the dataset: its title, else dataset_folder_name.
std::string dataset_display_name(const Dataset& dataset);

// True for a colour written #RRGGBB (six hexadecimal digits, either case): the form blocs.csv
// takes, which Graphviz, SVG and CSS all read the same way.
bool is_hex_colour(std::string_view text) noexcept;

// The colour blocs.csv gives the bloc `bloc_id` in its `colour` (or `color`) column: the first row
// of the bloc, in file order, that gives one; "" when none does (docs/FORMAT.md, "blocs.csv").
std::string declared_bloc_colour(const Dataset& dataset, std::string_view bloc_id);

}  // namespace actorgraph
