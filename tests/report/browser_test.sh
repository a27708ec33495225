#!/usr/bin/env bash
# End-to-end: open the report of graphs/tajikistan in headless Chromium, as a reader would.
# Usage: browser_test.sh ACTORGRAPH DATASET WORKDIR
# Fails on any console message (the report has no script, so any message is an error: a blocked
# resource, a parse error), on a missing diagram (the inline SVGs: overview and ego diagrams with
# their nodes, the influence, dimension and timeline charts), on any element that would fetch
# something (img, script, link, iframe, object), and when the screenshot or the printed PDF is not
# produced. Also fails when:
# - any file of the report folder names an absolute path (the dataset's, the work folder's, /tmp,
#   /home, /root, /work, file://);
# - a bloc has two colours: the charts' bars and timeline points, the tables' swatches and the
#   diagrams' fills of the bloc's lead must agree;
# - the summary does not name NATO and Russia by label with a share and its interval, and the balance
#   with its sign;
# - a diagram's text would print under 6 pt on A4 (its smallest font-size times its printed width
#   over its viewBox width, the printed width being at most the page's 515 pt);
# - the A4 print has more than MAX_PAGES pages (the report of graphs/tajikistan had 17 when this
#   bound was set; 22 before issue 15) or a page with almost no text (pdftotext, when installed);
# - a second run does not give a byte-identical folder (every layout included).
# Leaves report.png (screenshot) and report.pdf (A4 print) in WORKDIR for a human to look at.
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
"$bin" report "$dataset" -o "$work/report" --target tajikistan --blocs nato,russia >/dev/null 2>&1
max_pages=22
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
((svgs >= 5)) || fail "the page has $svgs SVG drawings, expected at least 5 (overview, ego, influence and dimension charts, timeline)"
nodes=$(grep -o 'class="node"' "$work/dom.html" | wc -l)
((nodes >= 30)) || fail "the diagrams have $nodes nodes, expected the rolled-up network's actors and the ego network's"
for section in summary network ego influence centrality partners warnings sources appendix; do
  grep -q "id=\"$section\"" "$work/dom.html" || fail "section '$section' is missing"
done
if grep -Eq "<(img|script|link|iframe|object|embed)[ >]" "$work/dom.html"; then
  grep -Eo "<(img|script|link|iframe|object|embed)[^>]*>" "$work/dom.html" | head -5 >&2
  fail "the page would fetch something"
fi

# Nothing local leaked: no absolute path in any file of the folder (binary files included).
dataset_abs="$(cd "$dataset" && pwd)"
for needle in "$work" "$dataset_abs" "file://" "/tmp/" "/home/" "/root/" "/work/"; do
  if grep -rlaF -- "$needle" "$work/report" >/dev/null; then
    grep -raoF -- "$needle" "$work/report" | sort | uniq -c | head -5 >&2
    fail "the report folder names an absolute path ($needle)"
  fi
done

# One colour per bloc: bar chart, timeline, table swatch and diagram fill of the lead.
html="$work/report/report.html"
for bloc in NATO:nato Russia:russia; do
  label="${bloc%%:*}" id="${bloc##*:}"
  colours=$( {
    grep -o "fill=\"#[0-9A-Fa-f]*\"><title>$label: " "$html" | grep -o "#[0-9A-Fa-f]*"
    grep -o "fill=\"#[0-9A-Fa-f]*\"><title>$label [0-9]*: " "$html" | grep -o "#[0-9A-Fa-f]*"
    grep -o "background:#[0-9A-Fa-f]*\"></span>$label<" "$html" | grep -o "#[0-9A-Fa-f]*"
    grep -A3 "<title>$id</title>" "$work/report/overview.svg" | grep -o "fill=\"#[0-9a-fA-F]*\"" | head -1 | grep -o "#[0-9A-Fa-f]*"
    grep -A3 "<title>$id</title>" "$work/report/ego.svg" | grep -o "fill=\"#[0-9a-fA-F]*\"" | head -1 | grep -o "#[0-9A-Fa-f]*"
  } | tr 'A-F' 'a-f' | sort | uniq -c)
  kinds=$(wc -l <<<"$colours")
  count=$(awk '{ n += $1 } END { print n }' <<<"$colours")
  ((kinds == 1 && count >= 5)) || fail "bloc $label has colours: $colours (expected one, seen in the bar chart, timeline, table and both diagrams)"
done

# The summary: blocs by label, shares with intervals, the balance with its sign.
summary=$(sed -n '/<section id="summary">/,/<\/section>/p' "$html")
for label in NATO Russia; do
  grep -Eq "$label [0-9]+% \([0-9]+–[0-9]+%\)" <<<"$summary" || fail "the summary does not give $label's share with its interval"
done
grep -Eq "balance [+−][0-9]\.[0-9]{2} \(interval [+−]?[0-9.]+ to [+−]?[0-9.]+" <<<"$summary" || fail "the summary has no signed balance with its interval"
if grep -Eq "\b(nato|russia)\b" <<<"$(sed 's/<[^>]*>//g' <<<"$summary")"; then fail "the summary names a bloc by its id"; fi

# Diagram text at print size: smallest font-size × printed width / viewBox width ≥ 6 pt.
awk -v page=515 '
  /<svg width="[0-9.]+pt"/ { match($0, /width="[0-9.]+pt"/); w = substr($0, RSTART + 7, RLENGTH - 10) + 0; pending = 1 }
  pending && /viewBox="/ { match($0, /viewBox="[^"]*"/); split(substr($0, RSTART + 9, RLENGTH - 10), v, " "); vb = v[3] + 0;
                           printed = (w < page ? w : page) / vb; smallest = 1000; inside = 1; pending = 0; n++ }
  inside { while (match($0, /font-size="[0-9.]+"/)) { f = substr($0, RSTART + 11, RLENGTH - 12) + 0; if (f < smallest) smallest = f; $0 = substr($0, RSTART + RLENGTH) } }
  inside && /<\/svg>/ { inside = 0; if (smallest * printed < 6) { printf "diagram %d: %.2f pt\n", n, smallest * printed; bad = 1 } }
  END { if (n < 2) { print "fewer than 2 diagrams found"; bad = 1 } exit bad }' "$html" >&2 || fail "diagram text would print under 6 pt"

"$browser" "${flags[@]}" --window-size=1200,3000 --hide-scrollbars --screenshot="$work/report.png" "$page" \
  >/dev/null 2>>"$work/console.log" || fail "no screenshot"
[[ -s "$work/report.png" ]] || fail "the screenshot is empty"
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$work/report.pdf" "$page" \
  >/dev/null 2>>"$work/console.log" || fail "no PDF"
[[ "$(head -c 4 "$work/report.pdf")" == "%PDF" ]] || fail "the printed PDF is not a PDF"
if command -v pdfinfo >/dev/null; then
  pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ { print $2 }')
  grep -q "^Page size:.*(A4)" <(pdfinfo "$work/report.pdf") || fail "the print is not A4"
else
  pages=$(grep -ac "/Type /Page\b" "$work/report.pdf" || true)
fi
((pages >= 5 && pages <= max_pages)) || fail "the A4 print has $pages pages, expected 5 to $max_pages"
if command -v pdftotext >/dev/null; then
  for ((p = 1; p <= pages; p++)); do
    chars=$(pdftotext -f $p -l $p "$work/report.pdf" - | tr -d '[:space:]' | wc -c)
    ((chars >= 150)) || fail "page $p of the print has almost no text ($chars characters)"
  done
fi

# Deterministic: a second run gives a byte-identical folder, the diagrams included.
"$bin" report "$dataset" -o "$work/again" --target tajikistan --blocs nato,russia >/dev/null 2>&1
sed -i "s| -o again | -o report |" "$work/again/report.html"
diff -r "$work/report" "$work/again" >&2 || fail "a second run gave another report"
# report --pdf prints the same report to report.pdf (Letter here), listed in the report, with no path.
"$bin" report "$dataset" -o "$work/printed" --target tajikistan --blocs nato,russia --pdf --paper letter >/dev/null 2>&1 \
  || fail "report --pdf failed"
[[ "$(head -c 4 "$work/printed/report.pdf")" == "%PDF" ]] || fail "report --pdf wrote no PDF"
grep -q '<a href="report.pdf">' "$work/printed/report.html" || fail "report.html does not list report.pdf"
for needle in "$work" "file://" "/tmp/"; do
  if grep -qaF -- "$needle" "$work/printed/report.pdf"; then fail "report.pdf names an absolute path ($needle)"; fi
done
if command -v pdfinfo >/dev/null; then
  grep -q "^Page size:.*(letter)" <(pdfinfo "$work/printed/report.pdf") || fail "report --paper letter did not print on Letter"
fi
echo "ok: $svgs drawings, $nodes diagram nodes, $pages A4 pages; screenshot $work/report.png, print $work/report.pdf"
