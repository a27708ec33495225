#!/usr/bin/env bash
# DOT that Graphviz's own tools rewrote still reads back to the same dataset.
# Usage: graphviz_roundtrip.sh BINARY WORK DATASET...
# For each DATASET: convert it to a folder (the reference, canonical) and to DOT; rewrite the DOT
# with `dot -Tcanon` and `gvpr -c 'N{}'` (which reorder statements, add defaults and wrap long
# strings with backslash-newline); convert each back to a folder and compare every file, byte for
# byte. Exits 77 (ctest's SKIP_RETURN_CODE) with a message when dot or gvpr is missing.
set -euo pipefail
binary=$1 work=$2
shift 2
for tool in dot gvpr; do
  if ! command -v "$tool" > /dev/null; then
    echo "SKIPPED: Graphviz's $tool is not installed (Debian package graphviz)" >&2
    exit 77
  fi
done
rm -rf "$work"
mkdir -p "$work"
status=0
for dataset in "$@"; do
  name=$(basename "$dataset")
  out=$work/$name
  mkdir -p "$out"
  "$binary" convert "$dataset" "$out/reference" 2> "$out/reference.err"
  "$binary" convert "$dataset" "$out/written.dot" 2> "$out/written.err"
  dot -Tcanon "$out/written.dot" > "$out/canon.dot"
  gvpr -c 'N{}' "$out/written.dot" > "$out/gvpr.dot"
  for rewritten in canon gvpr; do
    if ! "$binary" convert "$out/$rewritten.dot" "$out/$rewritten" > /dev/null 2> "$out/$rewritten.err"; then
      echo "FAILED: $name: the DOT rewritten by $rewritten does not read back:" >&2
      head -5 "$out/$rewritten.err" >&2
      status=1
      continue
    fi
    if ! diff -r "$out/reference" "$out/$rewritten" > "$out/$rewritten.diff"; then
      echo "FAILED: $name: the DOT rewritten by $rewritten reads back to a different dataset:" >&2
      head -20 "$out/$rewritten.diff" >&2
      status=1
      continue
    fi
    echo "ok: $name through $rewritten ($(ls "$out/reference" | wc -l) files identical)"
  done
  # The rewriting must actually have wrapped something, or this test proves little.
  if ! grep -q '\\$' "$out/canon.dot"; then
    echo "note: $name: dot -Tcanon wrapped no line" >&2
  fi
done
exit $status
