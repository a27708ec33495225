# ctest: `actorgraph report` on a dataset whose every string is hostile HTML.
#   -DBINARY=actorgraph -DDATA=tests/data -DWORK=scratch folder
# Checks: every file is written; the HTML has no markup from the data (labels, quotes, titles, URLs);
# javascript: URLs are not linked; nothing is fetched (no src= to another host); a second run gives
# byte-identical files and replaces the first report; a folder that is not a report is refused and
# left untouched.
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(out "${WORK}/report")

function(run_report expected_exit)
  execute_process(COMMAND "${BINARY}" report "${DATA}/hostile" -o ${ARGN} --target target
                  RESULT_VARIABLE code OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  if(NOT code EQUAL expected_exit)
    message(FATAL_ERROR "report ${ARGN}: exit ${code}, expected ${expected_exit}\n${stdout}\n${stderr}")
  endif()
  set(last_stderr "${stderr}" PARENT_SCOPE)
endfunction()

run_report(0 "${out}")
set(files centrality.csv ego.dot ego.png ego.svg influence.csv influence.json network.dot network.png network.svg
          report.html timeline.csv timeline.svg)
foreach(f IN LISTS files)
  if(NOT EXISTS "${out}/${f}")
    message(FATAL_ERROR "report did not write ${f}")
  endif()
endforeach()

file(READ "${out}/report.html" html)
foreach(forbidden "<script" "<img" "<b>bold" "<u>field" "<i>Title" "href=\"javascript:" "</td></tr></table>," "src=\"http")
  string(FIND "${html}" "${forbidden}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "report.html contains '${forbidden}' from the dataset (at ${at})")
  endif()
endforeach()
foreach(expected "&lt;script&gt;alert(1)&lt;/script&gt;" "West &amp; &quot;Allies&quot;" "&lt;/blockquote&gt;&lt;script&gt;alert(3)"
                 "&lt;i&gt;Title&lt;/i&gt;" "javascript:alert(4)" "href=\"https://example.org/a?b=1&amp;c=2\"")
  string(FIND "${html}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "report.html lacks '${expected}'")
  endif()
endforeach()
string(REGEX MATCHALL "<svg" svgs "${html}")
list(LENGTH svgs n)
if(n LESS 4)
  message(FATAL_ERROR "report.html has ${n} inline SVG drawings, expected 4 (network, ego, influence, timeline)")
endif()
file(READ "${out}/network.svg" svg)
string(FIND "${svg}" "javascript:" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "network.svg links a javascript: URL")
endif()

# Deterministic, and an existing report is replaced.
file(COPY "${out}/" DESTINATION "${WORK}/first")
run_report(0 "${out}")
foreach(f IN LISTS files)
  file(SHA256 "${out}/${f}" a)
  file(SHA256 "${WORK}/first/${f}" b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "a second run changed ${f}")
  endif()
endforeach()
file(GLOB leftovers "${WORK}/report.*")
if(leftovers)
  message(FATAL_ERROR "temporary folders left behind: ${leftovers}")
endif()

# Without a target: the network and centrality, no influence, ego network or partners.
execute_process(COMMAND "${BINARY}" report "${DATA}/hostile" -o "${WORK}/plain" RESULT_VARIABLE code ERROR_VARIABLE stderr OUTPUT_QUIET)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "report without --target: exit ${code}\n${stderr}")
endif()
foreach(f network.svg centrality.csv report.html)
  if(NOT EXISTS "${WORK}/plain/${f}")
    message(FATAL_ERROR "report without --target did not write ${f}")
  endif()
endforeach()
foreach(f ego.svg influence.csv timeline.svg)
  if(EXISTS "${WORK}/plain/${f}")
    message(FATAL_ERROR "report without --target wrote ${f}")
  endif()
endforeach()
file(READ "${WORK}/plain/report.html" plain)
string(FIND "${plain}" "id=\"influence\"" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "report without --target has an influence section")
endif()

# A folder that is not a report is refused before any work, and kept.
file(MAKE_DIRECTORY "${WORK}/thesis")
file(WRITE "${WORK}/thesis/chapter1.tex" "keep me")
run_report(2 "${WORK}/thesis")
string(FIND "${last_stderr}" "exists and is not an actorgraph report; choose another -o or remove it" at)
if(at EQUAL -1)
  message(FATAL_ERROR "unexpected message: ${last_stderr}")
endif()
if(NOT EXISTS "${WORK}/thesis/chapter1.tex")
  message(FATAL_ERROR "the refused folder lost its file")
endif()
file(REMOVE_RECURSE "${WORK}")

# --pdf without a browser: exit 4 with a message saying how to get one, before any work.
file(MAKE_DIRECTORY "${WORK}/no-browser-path")
execute_process(COMMAND ${CMAKE_COMMAND} -E env "PATH=${WORK}/no-browser-path" "${BINARY}" report "${DATA}/hostile" -o "${WORK}/pdf"
                        --target target --pdf
                RESULT_VARIABLE code OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
if(NOT code EQUAL 4)
  message(FATAL_ERROR "report --pdf without Chromium: exit ${code}, expected 4\n${stderr}")
endif()
string(FIND "${stderr}" "none is installed" at)
if(at EQUAL -1 OR EXISTS "${WORK}/pdf")
  message(FATAL_ERROR "report --pdf without Chromium: no message, or a folder was written\n${stderr}")
endif()
