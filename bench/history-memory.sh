#!/usr/bin/env bash
# Memory against history (issue 4: "memory must not grow with history beyond what the dimensions
# need"). Runs the days of one generated shop each in a fresh JVM, as the scheduler does, with a
# capped heap and the GC log on, and prints one markdown row per day: wall and CPU seconds, peak
# RSS, the largest heap occupancy after any GC (what the run really holds live, plus what G1 had not
# yet collected), the GC pauses, the size of silver and gold on disk (the history) and the warehouse
# row counts of the dimensions and facts.
#
#   bench/history-memory.sh                              # scale 1, 30 days, -Xmx2g
#   bench/history-memory.sh --scale 2 --days 20 --heap 3g --work /tmp/hm
#
# The heap cap matters: under a large -Xmx G1 lets old garbage pile up and "after GC" says little;
# under a cap a run whose live data grew with history would show it here, then fail.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/runners/flink/target/ecom-flink.jar"
SCALE=1 DAYS=30 HEAP=2g WORK=/tmp/ecom-history-memory
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --days) DAYS="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -f "$JAR" ]] || { echo "build first: ./mvnw -B -o -q install -DskipTests" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "GNU time is needed (apt-get install -y time)" >&2; exit 1; }

lake="$WORK/lake"
rm -rf "$WORK" && mkdir -p "$WORK"
java -jar "$JAR" generate --lake "$lake" --start 2025-01-01 --days "$DAYS" --scale "$SCALE" --seed 42 \
  --dirty-rate 0.01 > "$WORK/generate.log" 2>&1

echo "| day | status | wall s | CPU s | peak RSS MiB | max heap after GC MiB | GC pauses | GC pause s | silver MiB | gold MiB | dim_customer rows | dim_product rows | fact_order_line rows | fact_payment rows |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for (( i = 1; i <= DAYS; i++ )); do
  d="$(date -u -d "2025-01-01 + $(( i - 1 )) day" +%F)"
  set +e
  /usr/bin/time -v -o "$WORK/time-$d.txt" java -Xmx"$HEAP" -Xss4m $("$ROOT/bin/jit-opts" run --lake "$lake" --date "$d") \
      -Xlog:gc:file="$WORK/gc-$d.log" -jar "$JAR" run --lake "$lake" --date "$d" --warehouse "jdbc:duckdb:$WORK/wh.duckdb" \
      > "$WORK/run-$d.log" 2>&1
  rc=$?
  set -e
  python3 - "$i" "$rc" "$WORK/time-$d.txt" "$WORK/gc-$d.log" "$lake/_runs/$d/manifest.json" \
      "$(du -sm "$lake/silver" | cut -f1)" "$(du -sm "$lake/gold" 2>/dev/null | cut -f1)" <<'PY'
import json, re, sys
day, rc, timef, gcf, manf, silver, gold = sys.argv[1:]
t = open(timef, errors="replace").read()
m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t)
wall = 0.0
for p in (m.group(1).split(":") if m else ["0"]): wall = wall * 60 + float(p)
cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", t))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) // 1024
# "[1.234s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 600M->120M(1024M) 12.345ms"
after, pauses, pause_ms = 0, 0, 0.0
for line in open(gcf, errors="replace"):
    g = re.search(r"Pause .* (\d+)M->(\d+)M\(\d+M\) ([\d.]+)ms", line)
    if g:
        after = max(after, int(g.group(2))); pauses += 1; pause_ms += float(g.group(3))
try:
    wr = json.load(open(manf)).get("warehouse_rows") or {}
except Exception:
    wr = {}
status = "ok" if rc == "0" else f"exit {rc}"
f = lambda k: f"{wr[k]:,}" if k in wr else "-"
print(f"| {day} | {status} | {wall:.1f} | {cpu:.1f} | {rss:,} | {after:,} | {pauses} | {pause_ms / 1000:.1f} | {silver} | {gold or 0} | "
      f"{f('dim_customer')} | {f('dim_product')} | {f('fact_order_line')} | {f('fact_payment')} |")
PY
done
