// Reading a whole file as text, for the readers of small files (style sheets, parameter files,
// graph files). The dataset reader reads its CSV files itself: it reports an unreadable file as a
// diagnostic among the others instead of throwing.
#pragma once

#include <string>
#include <string_view>

namespace actorgraph {

// The bytes of the file at `path`. Throws IoError "PATH: cannot read WHAT: REASON" when it cannot be
// opened or read; `what` names the file for the reader ("the style file").
std::string read_text_file(const std::string& path, std::string_view what = "the file");

}  // namespace actorgraph
