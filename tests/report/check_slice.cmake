# ctest: `actorgraph report --at 2003` on graphs/tajikistan draws only relations that began by 2003:
# every relation named in the diagrams' DOT (tooltips "r123 · type · START..END") starts in 2003 or
# before, and the caption says so.
#   -DBINARY=actorgraph -DDATASET=graphs/tajikistan -DWORK=scratch folder
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE "${WORK}")
execute_process(COMMAND "${BINARY}" report "${DATASET}" -o "${WORK}/report" --target tajikistan --blocs nato,russia --at 2003 --no-png
                RESULT_VARIABLE code OUTPUT_QUIET ERROR_VARIABLE stderr)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "report --at 2003: exit ${code}\n${stderr}")
endif()
foreach(diagram network overview ego)
  file(READ "${WORK}/report/${diagram}.dot" dot)
  string(REGEX MATCHALL "r[0-9]+ · [a-z_]+ · [0-9][0-9][0-9][0-9]" relations "${dot}")
  list(LENGTH relations n)
  if(n EQUAL 0)
    message(FATAL_ERROR "${diagram}.dot names no dated relation")
  endif()
  foreach(r IN LISTS relations)
    string(REGEX MATCH "[0-9][0-9][0-9][0-9]$" year "${r}")
    if(year GREATER 2003)
      message(FATAL_ERROR "${diagram}.dot draws ${r}..., which began after 2003")
    endif()
  endforeach()
endforeach()
file(READ "${WORK}/report/report.html" html)
string(FIND "${html}" "relations begun by 2003 (undated relations left out)" at)
if(at EQUAL -1)
  message(FATAL_ERROR "report.html does not say that it shows the relations begun by 2003")
endif()
