# The fuzz targets: each NAME is tests/fuzz/fuzz_NAME.cpp, with its seed corpus in corpus/NAME/, its
# dictionary NAME.dict and its regression inputs in tests/data/fuzz/NAME/ (docs/FUZZING.md).
# Included by tests/fuzz/CMakeLists.txt (libFuzzer builds) and tests/CMakeLists.txt (replay).
set(ACTORGRAPH_FUZZ_TARGETS csv dataset dot graphml json date style influence gdelt snapshot)
