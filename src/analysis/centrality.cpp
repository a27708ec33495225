// Implemented in the centrality work (see include/actorgraph/analysis/centrality.hpp).
#include "actorgraph/analysis/centrality.hpp"
