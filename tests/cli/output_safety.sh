#!/usr/bin/env bash
# No lost data, no false success, through the CLI (issue: "Nothing lost, nothing crashes"):
# standard output that cannot be written, outputs that are symlinks, FIFOs and devices, a full
# disk under format and convert, an endless input, a directory named like a dataset file.
# Usage: output_safety.sh ACTORGRAPH DATA WORKDIR
# Cases that need root (a device node, a tmpfs mount) are skipped with a message where they cannot run.
set -uo pipefail
bin="$1" data="$2" work="$3"
rm -rf "$work"
mkdir -p "$work"
failures=0
fail() { echo "FAILED: $*" >&2; failures=$((failures + 1)); }
# expect CODE STDERR-SUBSTRING -- COMMAND...: runs COMMAND, checks its exit code and stderr.
expect() {
  local code="$1" message="$2"
  shift 3
  "$@" 2>"$work/stderr" >"$work/stdout"
  local got=$?
  [[ $got == "$code" ]] || fail "exit $got (expected $code): $*: $(cat "$work/stderr")"
  grep -qF -- "$message" "$work/stderr" || fail "stderr of '$*' lacks '$message': $(cat "$work/stderr")"
}
# No temporary or half-written file anywhere under the folder.
no_debris() { if find "$1" -name '.*.tmp-*' -o -name '.*.old-*' | grep -q .; then fail "debris left in $1: $(find "$1" -name '.*tmp*')"; fi; }

# 1. Standard output that cannot be written fails, with the reason.
expect 1 "cannot write standard output: No space left on device" -- sh -c "'$bin' stats '$data/small' > /dev/full"
expect 1 "cannot write standard output: No space left on device" -- sh -c "'$bin' convert '$data/small' - -T json > /dev/full"
expect 1 "cannot write standard output: No space left on device" -- sh -c "'$bin' render '$data/small' -o - -T svg > /dev/full"
expect 1 "cannot write standard output: No space left on device" -- sh -c "'$bin' check '$data/small' > /dev/full"
# Tables streamed row by row (csv and json of centrality, components, actors, relations) too.
for query in "centrality '$data/small' --format csv" "components '$data/small' --format json" "actors '$data/small' --format csv" \
             "relations '$data/small' --format json"; do
  expect 1 "cannot write standard output: No space left on device" -- sh -c "'$bin' $query > /dev/full"
done

# 2. An output that is a symlink is written through; the link stays.
cp -r "$data/small" "$work/ds"
echo old >"$work/real.json"
ln -s real.json "$work/link.json"
expect 0 "wrote" -- "$bin" convert "$work/ds" "$work/link.json"
[[ -L "$work/link.json" ]] || fail "the symlink was replaced by a file"
grep -q '"nodes"' "$work/real.json" || fail "the symlink's target was not written"
# ... and a symlink to a dataset folder: the folder it points to is rewritten.
ln -s ds "$work/ds-link"
expect 0 "wrote" -- "$bin" format "$work/ds-link"
[[ -L "$work/ds-link" ]] || fail "the folder symlink was replaced"

# ... and links to an open descriptor: /dev/stdout into a pipe and into a file, a symlink to /proc/self/fd/1.
"$bin" render "$work/ds" -o /dev/stdout -T dot 2>/dev/null | grep -q "digraph" || fail "-o /dev/stdout into a pipe"
"$bin" render "$work/ds" -o /dev/stdout -T dot >"$work/stdout.dot" 2>/dev/null || fail "-o /dev/stdout into a file failed"
grep -q "digraph" "$work/stdout.dot" || fail "-o /dev/stdout into a file wrote nothing"
ln -s /proc/self/fd/1 "$work/fd1"
"$bin" convert "$work/ds" "$work/fd1" -T json 2>/dev/null | grep -q '"nodes"' || fail "a symlink to /proc/self/fd/1"
[[ -L "$work/fd1" ]] || fail "the symlink to /proc/self/fd/1 was replaced"

# 3. A FIFO is written into, not replaced.
mkfifo "$work/pipe"
# The reader gives up after 30 s: when actorgraph fails before it opens the FIFO, a plain cat would
# block on its open for ever, and so would the wait below (a crashed build once left one for an hour).
timeout 30 cat "$work/pipe" >"$work/from-pipe" &
reader=$!
expect 0 "wrote" -- "$bin" render "$work/ds" -o "$work/pipe" -T dot
wait "$reader"
[[ -p "$work/pipe" ]] || fail "the FIFO was replaced by a file"
grep -q "digraph" "$work/from-pipe" || fail "the FIFO's reader did not receive the diagram"

# 4. Devices: /dev/full fails and stays a device; a device node of our own is written, not replaced.
expect 1 "/dev/full: cannot write: No space left on device" -- "$bin" convert "$work/ds" /dev/full -T json
[[ -c /dev/full ]] || fail "/dev/full is no longer a device"
if mknod "$work/null" c 1 3 2>/dev/null; then
  expect 0 "wrote" -- "$bin" convert "$work/ds" "$work/null" -T graphml
  [[ -c "$work/null" ]] || fail "the device node was replaced by a file"
else
  echo "SKIPPED: mknod needs root; the device-node case did not run"
fi

# 5. A full disk: format in place and convert fail, and keep every old file; nothing is left behind.
mkdir -p "$work/disk"
if mount -t tmpfs -o size=256k tmpfs "$work/disk" 2>/dev/null; then
  cp -r "$data/small" "$work/disk/ds"
  printf 'extra\n' >"$work/disk/ds/influence.csv"
  # Rows out of order, so that format has something to rewrite.
  { head -1 "$data/small/actors.csv"; tail -n +2 "$data/small/actors.csv" | sort -r; } >"$work/disk/ds/actors.csv"
  (cd "$work/disk/ds" && md5sum * >"$work/before.md5")
  head -c 1000000 /dev/zero >"$work/disk/filler" 2>/dev/null
  expect 1 "No space left on device" -- "$bin" format "$work/disk/ds"
  (cd "$work/disk/ds" && md5sum -c --quiet "$work/before.md5") || fail "format on a full disk changed the dataset"
  expect 1 "No space left on device" -- "$bin" convert "$work/disk/ds" "$work/disk/copy"
  [[ ! -e "$work/disk/copy" ]] || fail "convert on a full disk left a folder"
  expect 1 "No space left on device" -- "$bin" convert "$work/disk/ds" "$work/disk/copy.json"
  [[ ! -e "$work/disk/copy.json" ]] || fail "convert on a full disk left a file"
  no_debris "$work/disk"
  umount "$work/disk"
else
  echo "SKIPPED: cannot mount a tmpfs (needs root); the full-disk cases did not run"
fi

# 6. An endless input is refused at the size limit, with the way out.
mkdir -p "$work/endless"
ln -s /dev/zero "$work/endless/actors.csv"
cp "$data/small/relations.csv" "$work/endless/"
expect 1 "actors.csv: error: cannot read the file: the input is larger than the limit of 1 MiB per file (set ACTORGRAPH_MAX_FILE_SIZE" -- \
  env ACTORGRAPH_MAX_FILE_SIZE=1M "$bin" check "$work/endless"
# A limit that is not a size is refused before anything is read, never taken as the default.
expect 2 "actorgraph: error: ACTORGRAPH_MAX_FILE_SIZE must be a size such as 16G (bytes, or with a K, M or G suffix; at least 1), found '1 MB'" -- \
  env "ACTORGRAPH_MAX_FILE_SIZE=1 MB" "$bin" check "$work/endless"

# 7. A folder named actors.csv is not an "empty file".
mkdir -p "$work/dirfile/actors.csv"
cp "$data/small/relations.csv" "$work/dirfile/"
expect 1 "actors.csv: error: cannot read the file: is a folder, not a file" -- "$bin" check "$work/dirfile"

# 8. Every file of a dataset folder survives every conversion; what cannot be carried is named.
tajikistan="$data/../../graphs/tajikistan"
for format in dot graphml json; do
  expect 0 "wrote" -- "$bin" convert "$tajikistan" "$work/t.$format"
  expect 0 "wrote" -- "$bin" convert "$work/t.$format" "$work/t-$format"
  diff -r "$tajikistan" "$work/t-$format" >/dev/null || fail "graphs/tajikistan does not survive $format: $(diff -rq "$tajikistan" "$work/t-$format")"
done
cp -r "$data/small" "$work/with-sub"
mkdir "$work/with-sub/photos"
expect 0 "warning: photos is not carried into $work/with-sub.json: it is a folder" -- "$bin" convert "$work/with-sub" "$work/with-sub.json"
expect 0 "warning: photos is not carried into $work/with-sub2: it is a folder" -- "$bin" format "$work/with-sub" -o "$work/with-sub2"
expect 0 "wrote" -- "$bin" format "$work/with-sub"
[[ -d "$work/with-sub/photos" ]] || fail "format in place lost a subfolder"

no_debris "$work"
if ((failures > 0)); then
  echo "$failures failed" >&2
  exit 1
fi
echo "all output safety cases passed"
