// The CLI's tabular output: the library's ResultTable (report/table.hpp) and number formats
// (format.hpp).
#pragma once

#include "actorgraph/format.hpp"
#include "actorgraph/report/table.hpp"
