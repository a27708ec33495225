// Implemented in the paths work (see include/actorgraph/analysis/paths.hpp).
#include "actorgraph/analysis/paths.hpp"
