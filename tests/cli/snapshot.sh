#!/usr/bin/env bash
# Snapshots through the CLI (docs/SNAPSHOTS.md): every output is the same whether the dataset was read
# from the files or from its snapshot; a snapshot is used when the files are unchanged (the file is not
# written again: same inode) and rebuilt when a file was touched, a byte changed behind the same size
# and time (also once the files' changes are settled, docs/SNAPSHOTS.md item 4), or the snapshot is truncated or of another format version; a snapshot that cannot be
# written costs one note on stderr and leaves nothing behind; --snapshot keeps it beside the dataset,
# --no-snapshot and ACTORGRAPH_SNAPSHOT=off keep none, and small datasets have none by default; the
# cache folder is kept under ACTORGRAPH_CACHE_MAX, the least recently used snapshots removed first;
# GraphML and JSON files have snapshots as folders do, DOT files none; the network of a whole dataset
# or a slice is kept beside its snapshot, one file per choice of network options and slice (a slice's
# only in the cache folder), used while the files are unchanged and rebuilt when it is refused.
# Usage: snapshot.sh ACTORGRAPH DATA_DIR WORK_DIR
set -euo pipefail
bin=$(realpath "$1")
data=$(realpath "$2")
work=$3
rm -rf "$work"
mkdir -p "$work/cache"
cp -r "$data/small" "$work/ds"
cd "$work"
export ACTORGRAPH_CACHE_DIR="$work/cache"
export ACTORGRAPH_SNAPSHOT=always
failed=0
fail() {
  echo "snapshot: $*" >&2
  failed=1
}
snapshot() { ls cache/*.snapshot 2>/dev/null | grep -v '\.network-' || true; }
networks() { ls cache/*.network-*.snapshot 2>/dev/null || true; }
inode() { stat -c %i "$1"; }
# Runs the command twice with snapshots (writes, then reads) and once without; the outputs must agree.
same_output() {
  ACTORGRAPH_SNAPSHOT=off "$bin" "$@" >want.out 2>want.err || true
  for run in write read; do
    "$bin" "$@" >got.out 2>got.err || true
    cmp -s want.out got.out || fail "$* ($run): standard output differs from the run without snapshot"
    cmp -s want.err got.err || fail "$* ($run): standard error differs from the run without snapshot"
  done
}

same_output stats ds
same_output actors ds
same_output relations ds --format csv
same_output neighbors ds tajikistan --depth 2
same_output centrality ds --format json
same_output check ds
same_output influence ds --target tajikistan --blocs nato,russia
printf 'stats\nactors --format csv\npath tajikistan nato\n' >queries.txt
same_output batch ds queries.txt

[[ $(snapshot | wc -l) -eq 1 ]] || fail "expected one snapshot in the cache folder, found: $(ls -A cache)"
file=$(snapshot)
[[ "$(basename "$file")" =~ ^[0-9a-f]{32}\.snapshot$ ]] || fail "unexpected snapshot name $file"
# neighbors and centrality ran on the whole dataset with the default network options.
network=${file%.snapshot}.network-00c.snapshot
[[ $(ls -A cache | sort | tr '\n' ' ') == "$(basename "$network") $(basename "$file") " ]] ||
  fail "expected the snapshot and its network's in the cache folder, found: $(ls -A cache)"

# The network snapshot: used while the files are unchanged; another choice of options has its own;
# a slice that leaves relations out has none; a corrupted one is refused, rebuilt, same output.
before=$(inode "$network")
same_output neighbors ds tajikistan --depth 2
[[ $(inode "$network") == "$before" ]] || fail "the network snapshot was rewritten although no file changed"
same_output centrality ds --undirected --merge max --format csv
[[ -f ${file%.snapshot}.network-10m.snapshot ]] || fail "--undirected --merge max wrote no network-10m snapshot: $(ls -A cache)"
# A slice that leaves relations out has its own, named by the slice, used by the next command.
same_output neighbors ds tajikistan --types membership
[[ $(networks | wc -l) -eq 3 ]] || fail "expected a network snapshot for the slice: $(ls -A cache)"
sliced=$(networks | grep -E '\.network-00c-[0-9a-f]{32}\.snapshot$' || true)
[[ -n "$sliced" ]] || fail "the slice's network snapshot is not named by its slice: $(ls -A cache)"
sliced_inode=$(inode "$sliced")
same_output neighbors ds tajikistan --types membership --depth 2
[[ $(inode "$sliced") == "$sliced_inode" ]] || fail "the slice's network snapshot was rewritten although nothing changed"
same_output neighbors ds tajikistan --types membership,visit
[[ $(networks | wc -l) -eq 4 ]] || fail "another slice did not get its own network snapshot: $(ls -A cache)"
rm -f $(networks | grep -E -- '-[0-9a-f]{32}\.snapshot$')
printf '\x01' | dd of="$network" bs=1 seek=100 conv=notrunc status=none
same_output path ds tajikistan nato
[[ $(inode "$network") != "$before" ]] || fail "a corrupted network snapshot was not rebuilt"

# Unchanged files: the snapshot is read, not written again.
before=$(inode "$file")
"$bin" stats ds >/dev/null 2>&1
[[ $(inode "$file") == "$before" ]] || fail "the snapshot was rewritten although no file changed"

# A touched file: rebuilt.
touch -d '2001-01-01 00:00:01' ds/relations.csv
"$bin" stats ds >/dev/null 2>&1
after=$(inode "$file")
[[ "$after" != "$before" ]] || fail "a touched file did not rebuild the snapshot"

# A changed byte behind the same size and modification time: the output shows the change.
cp -p ds/actors.csv actors.orig
sed -i 's/Tajikistan/TajikistaX/' ds/actors.csv
touch -r actors.orig ds/actors.csv
[[ $(stat -c %s ds/actors.csv) == $(stat -c %s actors.orig) ]] || fail "the edit changed the size"
"$bin" actors ds --format csv >got.out 2>/dev/null
grep -q TajikistaX got.out || fail "a changed byte with the same size and time was not seen: $(cat got.out)"
ACTORGRAPH_SNAPSHOT=off "$bin" actors ds --format csv >want.out 2>/dev/null
cmp -s want.out got.out || fail "the output after a changed byte differs from the files'"

# The same once the files' changes are settled (over 2 s before the snapshot's stat), when the next
# command takes their stored hashes instead of reading them: a byte changed behind the same size and
# modification time moves the file's change time, so it is hashed, and seen.
sleep 2.2
actors_inode=$(inode ds/actors.csv)
rm -f "$file"
"$bin" actors ds --format csv >/dev/null 2>&1
before=$(inode "$file")
"$bin" actors ds --format csv >/dev/null 2>&1
[[ $(inode "$file") == "$before" ]] || fail "the snapshot of settled files was rewritten although no file changed"
# In place (dd, not sed -i, which writes a new file: another inode).
at=$(grep -bo TajikistaX ds/actors.csv | head -1 | cut -d: -f1)
printf 'n' | dd of=ds/actors.csv bs=1 seek=$((at + 9)) conv=notrunc status=none
touch -r actors.orig ds/actors.csv
[[ $(inode ds/actors.csv) == "$actors_inode" ]] || fail "the edit made another file"
"$bin" actors ds --format csv >got.out 2>/dev/null
ACTORGRAPH_SNAPSHOT=off "$bin" actors ds --format csv >want.out 2>/dev/null
grep -q TajikistaX got.out && fail "a changed byte behind the same size and time of a settled file was not seen"
cmp -s want.out got.out || fail "the output after a changed byte of a settled file differs from the files'"

# A truncated snapshot, and one of another format version: refused, rebuilt, same output.
ACTORGRAPH_SNAPSHOT=off "$bin" relations ds >want.out 2>/dev/null
truncate -s 100 "$file"
"$bin" relations ds >got.out 2>/dev/null
cmp -s want.out got.out || fail "the output after a truncated snapshot differs"
[[ $(stat -c %s "$file") -gt 100 ]] || fail "a truncated snapshot was not rebuilt"
printf '\x63' | dd of="$file" bs=1 seek=8 conv=notrunc status=none
"$bin" relations ds >got.out 2>/dev/null
cmp -s want.out got.out || fail "the output after a snapshot of another version differs"
before=$(inode "$file")
"$bin" relations ds >/dev/null 2>&1
[[ $(inode "$file") == "$before" ]] || fail "the rebuilt snapshot is not used"

# A snapshot that cannot be written: the command succeeds, with one note, and nothing is left behind.
touch not-a-folder
ACTORGRAPH_CACHE_DIR="$work/not-a-folder/cache" "$bin" stats ds >got.out 2>got.err || fail "a failed snapshot write failed the command"
ACTORGRAPH_SNAPSHOT=off "$bin" stats ds >want.out 2>want.err
cmp -s want.out got.out || fail "the output when the snapshot cannot be written differs"
grep -v "^actorgraph: note: no snapshot written for ds: " got.err >got.rest || true
[[ $(grep -c "^actorgraph: note: no snapshot written for ds: " got.err) -eq 1 ]] && cmp -s want.err got.rest ||
  fail "expected one note on stderr besides the usual, got: $(cat got.err)"
mkdir ro-cache
printf 'x' >ro-cache/placeholder
chmod 500 ro-cache
if [[ ! -w ro-cache ]]; then  # root writes anywhere: the case needs another user
  ACTORGRAPH_CACHE_DIR="$work/ro-cache" "$bin" stats ds >/dev/null 2>&1 || fail "an unwritable cache folder failed the command"
  [[ $(ls -A ro-cache) == placeholder ]] || fail "a failed write left files behind: $(ls -A ro-cache)"
fi
chmod 700 ro-cache

# A GraphML or JSON file has a snapshot too, keyed by the file alone: the same outputs, used while the file
# is unchanged, rebuilt when it is touched; --snapshot puts it beside the file, hidden.
for g in graph.json graph.graphml; do
  ACTORGRAPH_SNAPSHOT=off "$bin" convert ds "$g" >/dev/null 2>&1 || fail "convert ds $g failed"
  rm -rf cache/*
  same_output stats "$g"
  same_output relations "$g" --format csv
  same_output neighbors "$g" tajikistan --depth 2
  [[ $(snapshot | wc -l) -eq 1 ]] || fail "$g: expected one snapshot in the cache folder, found: $(ls -A cache)"
  file=$(snapshot)
  before=$(inode "$file")
  "$bin" stats "$g" >/dev/null 2>&1
  [[ $(inode "$file") == "$before" ]] || fail "$g: the snapshot was rewritten although the file did not change"
  touch -d '2001-01-01 00:00:01' "$g"
  "$bin" stats "$g" >/dev/null 2>&1
  [[ $(inode "$file") != "$before" ]] || fail "$g: touching the file did not rebuild the snapshot"
  same_output actors "$g" --snapshot
  [[ -f ".$g.actorgraph-snapshot" ]] || fail "$g --snapshot wrote no .$g.actorgraph-snapshot"
  rm -f "$g" ".$g.actorgraph-snapshot"
done
# DOT files have none (an edge statement can make more relations than the file has bytes).
ACTORGRAPH_SNAPSHOT=off "$bin" convert ds graph.dot >/dev/null 2>&1 || fail "convert ds graph.dot failed"
rm -rf cache/*
same_output stats graph.dot
[[ -z $(ls -A cache) ]] || fail "a DOT file got a snapshot: $(ls -A cache)"
rm -f graph.dot

# The cache's bound (ACTORGRAPH_CACHE_MAX): a read marks a snapshot as used; with room for one
# snapshot, writing a second dataset's removes the first's, with a note; the snapshot beside a dataset
# is never pruned; a bound that is not a size is a usage error, before any work.
rm -rf cache/*
cp -r "$data/small" ds2
"$bin" stats ds >/dev/null 2>&1
first=$(snapshot)
touch -d '2001-01-01 00:00:01' "$first"
"$bin" stats ds >/dev/null 2>&1
[[ $(stat -c %Y "$first") -gt $(($(date +%s) - 3600)) ]] || fail "reading a snapshot did not mark it as used"
size=$(stat -c %s "$first")
ACTORGRAPH_CACHE_MAX=$((size + size / 2)) "$bin" stats ds2 >got.out 2>got.err || fail "stats ds2 with a small cache bound failed"
[[ $(snapshot | wc -l) -eq 1 && ! -e "$first" ]] || fail "the least recently used snapshot was not removed: $(ls -A cache)"
grep -qE "^actorgraph: note: removed 1 snapshot \([0-9.]+ KiB\) of the datasets used least recently from $work/cache, to keep it under $((size + size / 2)) bytes \(ACTORGRAPH_CACHE_MAX\)$" got.err ||
  fail "no note or a wrong note on the pruned cache: $(cat got.err)"
ACTORGRAPH_SNAPSHOT=off "$bin" stats ds2 >want.out 2>/dev/null
cmp -s want.out got.out || fail "the output of the command that pruned the cache differs"
ACTORGRAPH_CACHE_MAX=1 "$bin" stats ds --snapshot >/dev/null 2>&1
[[ $(snapshot | wc -l) -eq 1 && -f ds/.actorgraph-snapshot ]] || fail "--snapshot pruned the cache or was pruned: $(ls -A cache ds)"
rm -f ds/.actorgraph-snapshot
for bad in lots 0 10GB -5; do
  code=0
  ACTORGRAPH_CACHE_MAX=$bad "$bin" stats ds >got.out 2>got.err || code=$?
  [[ $code -eq 2 && ! -s got.out ]] || fail "ACTORGRAPH_CACHE_MAX=$bad: exit $code (expected 2)"
  grep -qxF "actorgraph: error: ACTORGRAPH_CACHE_MAX must be a size such as 20G (bytes, or with a K, M or G suffix; at least 1), found '$bad'" got.err ||
    fail "ACTORGRAPH_CACHE_MAX=$bad: unexpected message: $(cat got.err)"
done
# Checked before any work, so the same with a snapshot to read: an invalid ACTORGRAPH_MAX_FILE_SIZE
# too; an empty value is unset.
"$bin" stats ds >/dev/null 2>&1
code=0
ACTORGRAPH_MAX_FILE_SIZE=junk "$bin" stats ds >got.out 2>got.err || code=$?
[[ $code -eq 2 && ! -s got.out ]] || fail "ACTORGRAPH_MAX_FILE_SIZE=junk with a snapshot: exit $code (expected 2)"
grep -qxF "actorgraph: error: ACTORGRAPH_MAX_FILE_SIZE must be a size such as 16G (bytes, or with a K, M or G suffix; at least 1), found 'junk'" got.err ||
  fail "ACTORGRAPH_MAX_FILE_SIZE=junk: unexpected message: $(cat got.err)"
ACTORGRAPH_MAX_FILE_SIZE= ACTORGRAPH_CACHE_MAX= "$bin" stats ds >/dev/null 2>&1 || fail "empty ACTORGRAPH_MAX_FILE_SIZE or ACTORGRAPH_CACHE_MAX refused"
# A file over the size limit is refused by the reader, never loaded from the snapshot made before.
code=0
ACTORGRAPH_MAX_FILE_SIZE=600 "$bin" stats ds >got.out 2>got.err || code=$?
[[ $code -eq 1 ]] && grep -q "larger than the limit of 600 bytes per file" got.err ||
  fail "a file over ACTORGRAPH_MAX_FILE_SIZE was read from its snapshot: exit $code, $(cat got.err)"
rm -rf ds2

# --snapshot: beside the dataset, a hidden file that is not part of it; --no-snapshot: none.
rm -rf cache/*
same_output stats ds --snapshot
[[ -f ds/.actorgraph-snapshot ]] || fail "--snapshot wrote no ds/.actorgraph-snapshot"
[[ -z $(ls -A cache) ]] || fail "--snapshot wrote into the cache folder too"
before=$(inode ds/.actorgraph-snapshot)
"$bin" stats ds --snapshot >/dev/null 2>&1
[[ $(inode ds/.actorgraph-snapshot) == "$before" ]] || fail "the snapshot beside the dataset was not used"
# Beside the dataset, the whole dataset's network is kept, not a slice's (the folder has no bound).
same_output neighbors ds tajikistan --snapshot
same_output neighbors ds tajikistan --types membership --snapshot
[[ $(ls -A ds | grep -c network) -eq 1 && -f ds/.actorgraph-snapshot.network-00c ]] ||
  fail "--snapshot kept other networks than the whole dataset's: $(ls -A ds)"
"$bin" format ds -o formatted >/dev/null 2>&1 || fail "format failed"
[[ ! -e formatted/.actorgraph-snapshot ]] || fail "format carried the snapshot into the new dataset"
rm -rf ds/.actorgraph-snapshot cache/*
"$bin" stats ds --no-snapshot >/dev/null 2>&1
ACTORGRAPH_SNAPSHOT=off "$bin" stats ds >/dev/null 2>&1
[[ -z $(ls -A cache) && ! -e ds/.actorgraph-snapshot ]] || fail "--no-snapshot or ACTORGRAPH_SNAPSHOT=off wrote a snapshot"
unset ACTORGRAPH_SNAPSHOT
"$bin" stats ds >/dev/null 2>&1
[[ -z $(ls -A cache) ]] || fail "a small dataset got a snapshot by default"

[[ $failed -eq 0 ]] && echo "snapshot: outputs equal with and without snapshots; refused snapshots rebuilt; failed writes harmless; the cache pruned to its bound; graph files too"
exit $failed
