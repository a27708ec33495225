#include "actorgraph/analysis/paths.hpp"

#include <catch2/catch.hpp>
