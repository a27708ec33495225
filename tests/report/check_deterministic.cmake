# ctest: `actorgraph report` on graphs/tajikistan twice gives byte-identical folders, every diagram
# (SVG, PNG, DOT) included: each layout is made in a process of its own (docs/RENDER.md,
# "Determinism"), so the ego diagram, the third layout of the run, no longer varies.
#   -DBINARY=actorgraph -DDATASET=graphs/tajikistan -DWORK=scratch folder
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
foreach(run first second)
  execute_process(COMMAND "${BINARY}" report "${DATASET}" -o "${WORK}/${run}/report" --target tajikistan --blocs nato,russia
                  RESULT_VARIABLE code OUTPUT_QUIET ERROR_VARIABLE stderr)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "report (${run} run): exit ${code}\n${stderr}")
  endif()
endforeach()
file(GLOB files RELATIVE "${WORK}/first/report" "${WORK}/first/report/*")
file(GLOB again RELATIVE "${WORK}/second/report" "${WORK}/second/report/*")
if(NOT files STREQUAL again)
  message(FATAL_ERROR "the two runs wrote different files:\n${files}\n${again}")
endif()
list(LENGTH files n)
if(n LESS 15)
  message(FATAL_ERROR "the report has ${n} files, expected report.html and 14 beside it: ${files}")
endif()
foreach(f IN LISTS files)
  file(SHA256 "${WORK}/first/report/${f}" a)
  file(SHA256 "${WORK}/second/report/${f}" b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "a second run changed ${f}")
  endif()
endforeach()
message(STATUS "${n} files byte-identical in two runs")
