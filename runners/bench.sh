#!/usr/bin/env bash
# One day bronze -> gold (and -> DuckDB) on each runner, sequentially; prints a Markdown row per
# run with wall time, rows/s (bronze records read / wall) and peak RSS (/usr/bin/time -v).
# Usage: runners/bench.sh SCALE "direct flink spark" [WORKDIR]
# The lake is generated once per scale and copied per run, so every runner starts from the same bytes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-1}"; runners="${2:-flink spark}"; work="${3:-/tmp/ecom-bench-runners}"
date=2025-03-01
flink_jar="$root/runners/flink/target/ecom-flink.jar"; spark_jar="$root/runners/spark/target/ecom-spark.jar"
spark_opens=(--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
             --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED)
export SPARK_LOCAL_IP=127.0.0.1
mkdir -p "$work"
src="$work/source-s$scale"
if [ ! -d "$src/bronze" ]; then
  java -jar "$flink_jar" generate --lake "$src" --start "$date" --days 1 --scale "$scale" --seed 42 >/dev/null
fi
for runner in $runners; do
  for mode in no-load duckdb; do
    lake="$work/lake-s$scale-$runner-$mode"; rm -rf "$lake" "$lake.duckdb"; cp -r "$src" "$lake"
    if [ "$runner" = spark ]; then cmd=(java -Xss4m "${spark_opens[@]}" -jar "$spark_jar"); else cmd=(java -Xss4m -jar "$flink_jar"); fi
    args=(run --runner "$runner" --lake "$lake" --date "$date")
    if [ "$mode" = no-load ]; then args+=(--no-load); else args+=(--warehouse "jdbc:duckdb:$lake.duckdb"); fi
    log="$work/s$scale-$runner-$mode.log"
    /usr/bin/time -v "${cmd[@]}" "${args[@]}" >"$log" 2>&1 || { echo "| $scale | $runner | $mode | FAILED (see $log) |"; continue; }
    wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.2f", $NF/1048576}')
    read=$(grep -o 'ok: read [0-9,]*' "$log" | tr -dc '0-9')
    stages=$(grep -oE '(transform|publish|load) succeeded in [0-9.]+ s' "$log" | awk '{printf "%s %ss ", $1, $4}')
    printf '| %s | %s | %s | %.1f | %s | %.0f | %s | %s|\n' "$scale" "$runner" "$mode" "$wall" "$read" "$(echo "$read / $wall" | bc -l)" "$rss" "$stages"
  done
done
