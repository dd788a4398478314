#!/usr/bin/env bash
# Re-runs one date on fresh copies of one lake and compares every silver, gold and quarantine file
# with the first run's, byte for byte (rule 5). A run whose files differ keeps them, with its log,
# under WORK/diff-N/ (run 1's are in WORK/first/) so their rows can be compared, e.g. with DuckDB:
#   select * from 'a.parquet' except select * from 'b.parquet'
#
#   bench/determinism.sh --lake /tmp/snap --date 2025-01-02 --runs 10 [--silver-only] [--work DIR]
#
# The lake is copied with `cp -a` (modification times kept: gold's lineage depends on them), the
# JIT option is bin/jit-opts' as bin/ecom would choose it, the warehouse is not loaded.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/runners/flink/target/ecom-flink.jar"
LAKE="" DATE="" RUNS=10 WORK=/tmp/ecom-determinism MODE=(--no-load)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --lake) LAKE="$2"; shift 2 ;;
    --date) DATE="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --silver-only) MODE=(--silver-only); shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -d "$LAKE/bronze" && -n "$DATE" ]] || { echo "needs --lake (a lake with bronze/) and --date" >&2; exit 2; }
[[ -f "$JAR" ]] || { echo "build first: ./mvnw -B -o -q install -DskipTests" >&2; exit 1; }
mkdir -p "$WORK"
copy="$WORK/lake"

digests() { # lake -> "md5  path" of every data file, sorted
  (cd "$1" && find silver gold quarantine -type f \( -name '*.parquet' -o -name '*.jsonl' \) 2>/dev/null | sort | xargs -r md5sum)
}

differing=0
for (( i = 1; i <= RUNS; i++ )); do
  rm -rf "$copy" && cp -a "$LAKE" "$copy"
  java -Xss4m $("$ROOT/bin/jit-opts" run --lake "$copy" --date "$DATE") -jar "$JAR" run --lake "$copy" --date "$DATE" \
    "${MODE[@]}" > "$WORK/run.log" 2>&1 || { echo "run $i failed, see $WORK/run.log" >&2; exit 1; }
  digests "$copy" > "$WORK/run-$i.md5"
  if [[ $i -eq 1 ]]; then
    rm -rf "$WORK/first" && mkdir -p "$WORK/first"
    for layer in silver gold quarantine; do [[ -d "$copy/$layer" ]] && cp -a "$copy/$layer" "$WORK/first/"; done
    echo "run 1: $(wc -l < "$WORK/run-1.md5") files, the reference (kept in $WORK/first)"
  elif diff -q "$WORK/run-1.md5" "$WORK/run-$i.md5" > /dev/null; then
    echo "run $i: identical"
  else
    differing=$((differing + 1))
    keep="$WORK/diff-$i"
    mkdir -p "$keep"
    # diff exits 1 on a difference: with pipefail that alone would end the script here
    { diff "$WORK/run-1.md5" "$WORK/run-$i.md5" || true; } | awk '/^>/ {print $3}' | while read -r f; do
      mkdir -p "$keep/$(dirname "$f")" && cp "$copy/$f" "$keep/$f"
    done
    cp "$WORK/run.log" "$keep/"
    echo "run $i: DIFFERENT, kept in $keep:"
    { diff "$WORK/run-1.md5" "$WORK/run-$i.md5" || true; } | sed 's/^/  /'
  fi
done
echo "$differing of $((RUNS - 1)) re-runs differed from run 1"
[[ $differing -eq 0 ]]
