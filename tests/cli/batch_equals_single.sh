#!/usr/bin/env bash
# `actorgraph batch DATASET QUERIES` gives, for every query, the same standard output as the command
# run alone: block N (after its "### N: QUERY" line) equals `actorgraph COMMAND DATASET ARGS`.
# Usage: batch_equals_single.sh ACTORGRAPH DATA_DIR
set -euo pipefail
bin=$1
cd "$2"
dataset=small
queries=batch/queries.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" batch "$dataset" "$queries" > "$work/batch" 2>/dev/null
n=0
failed=0
while IFS= read -r line; do
  [[ -z "${line// }" || "$line" == \#* ]] && continue
  n=$((n + 1))
  read -r -a words <<<"$line"
  "$bin" "${words[0]}" "$dataset" "${words[@]:1}" > "$work/single" 2>/dev/null || true
  awk -v n="$n" '/^### [0-9]+: /{block = ($2 == n ":")} block && !/^### /' "$work/batch" > "$work/block"
  if ! cmp -s "$work/single" "$work/block"; then
    echo "batch_equals_single: query $n ($line) differs from the command run alone:" >&2
    diff "$work/single" "$work/block" | head -20 >&2 || true
    failed=1
  fi
done < "$queries"
[[ $n -gt 0 ]] || { echo "batch_equals_single: no queries in $queries" >&2; exit 1; }
[[ $failed -eq 0 ]] && echo "batch_equals_single: $n queries, each block equals the command run alone"
exit $failed
