#!/usr/bin/env bash
# End-to-end: open the report of graphs/tajikistan in headless Chromium, as a reader would.
# Usage: browser_test.sh ACTORGRAPH DATASET WORKDIR
# Fails on any console message (the report has no script, so any message is an error: a blocked
# resource, a parse error), on a missing diagram (the four inline SVGs: network and ego diagrams with
# their nodes, the influence and timeline charts), on any element that would fetch something (img,
# script, link, iframe, object), and when the screenshot or the printed PDF is not produced.
# Leaves report.png (screenshot) and report.pdf (A4 print) in WORKDIR/report for a human to look at.
# Exit 77 (ctest: skipped) when no Chromium is installed: `scripts/install-deps --browser` installs it.
set -euo pipefail
bin="$1" dataset="$2" work="$3"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
  echo "SKIPPED: no Chromium on this machine; run 'scripts/install-deps --browser' to install Debian's chromium"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
"$bin" report "$dataset" -o "$work/report" --target tajikistan --blocs nato,russia >/dev/null
page="file://$work/report/report.html"
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --user-data-dir="$work/profile"
       --enable-logging=stderr --v=0 --virtual-time-budget=10000)

fail() { echo "FAILED: $*" >&2; exit 1; }

"$browser" "${flags[@]}" --dump-dom "$page" >"$work/dom.html" 2>"$work/console.log" || fail "chromium could not open $page"
if grep -q ":CONSOLE" "$work/console.log"; then
  grep ":CONSOLE" "$work/console.log" >&2
  fail "the report logged console messages"
fi
[[ -s "$work/dom.html" ]] || fail "chromium rendered an empty page"
svgs=$(grep -o "<svg" "$work/dom.html" | wc -l)
((svgs >= 4)) || fail "the page has $svgs SVG drawings, expected at least 4 (network, ego, influence chart, timeline)"
nodes=$(grep -o 'class="node"' "$work/dom.html" | wc -l)
((nodes >= 2 * 50)) || fail "the diagrams have $nodes nodes, expected the network's actors in both"
for section in summary network ego influence centrality partners warnings sources; do
  grep -q "id=\"$section\"" "$work/dom.html" || fail "section '$section' is missing"
done
if grep -Eq "<(img|script|link|iframe|object|embed)[ >]" "$work/dom.html"; then
  grep -Eo "<(img|script|link|iframe|object|embed)[^>]*>" "$work/dom.html" | head -5 >&2
  fail "the page would fetch something"
fi

"$browser" "${flags[@]}" --window-size=1200,3000 --hide-scrollbars --screenshot="$work/report/report.png" "$page" \
  >/dev/null 2>>"$work/console.log" || fail "no screenshot"
[[ -s "$work/report/report.png" ]] || fail "the screenshot is empty"
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$work/report/report.pdf" "$page" \
  >/dev/null 2>>"$work/console.log" || fail "no PDF"
[[ "$(head -c 4 "$work/report/report.pdf")" == "%PDF" ]] || fail "the printed PDF is not a PDF"
echo "ok: $svgs drawings, $nodes diagram nodes; screenshot $work/report/report.png, print $work/report/report.pdf"
