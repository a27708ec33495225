#include "actorgraph/analysis/centrality.hpp"

#include <catch2/catch.hpp>
