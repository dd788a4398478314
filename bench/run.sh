#!/usr/bin/env bash
# Benchmark harness: one day end to end (bronze -> DuckDB warehouse) per scale and runner, plus the
# plain-DuckDB-SQL baseline over the same files, written as tables into docs/BENCHMARKS.md.
#
#   bench/run.sh                      # flink at scales 1 and 10, direct at 0.02, spark at 1 (if its jar works)
#   bench/run.sh --with-100           # also flink at scale 100 (~2.5M order lines/day: long)
#   bench/run.sh --flink-scales "1" --direct-scales "0.02" --spark-scales "" --history 5
#   bench/run.sh --flink-scales "" --direct-scales "" --spark-scales 100 --spark-java-opts -Xmx16g
#
# Per (scale, runner): generate a 2-day lake (day 1 is the full customer/product load), run day 1
# untimed, then run day 2 under /usr/bin/time -v: wall time, peak RSS, the manifest's stage times,
# the day's bronze order lines and the fact rows. On flink day 2 also runs bronze -> silver only
# (`run --silver-only`, on a copy of the lake before day 2; --no-silver-only skips it). The DuckDB baseline (bench/duckdb-baseline.sql via
# bench/Baseline.java) runs on the same lake and date. Runs are sequential; the 1-minute load
# average before each run is recorded because other work on the machine skews the numbers.
#
# Needs: java 17, python3 (to read manifest.json), /usr/bin/time (GNU time; installed with apt-get
# if missing), the built jars: ./mvnw -B -o -q install -DskipTests.
set -euo pipefail

ROOT="${BENCH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
FLINK_JAR="$ROOT/runners/flink/target/ecom-flink.jar"
SPARK_JAR="$ROOT/runners/spark/target/ecom-spark.jar"
DUCKDB_JAR="${DUCKDB_JAR:-$HOME/.m2/repository/org/duckdb/duckdb_jdbc/2.0.0.1/duckdb_jdbc-2.0.0.1.jar}"
WORK="${BENCH_WORK:-/tmp/ecom-bench}"
OUT="$ROOT/docs/BENCHMARKS.md"
FLINK_SCALES="1 10"
DIRECT_SCALES="0.02"
SPARK_SCALES="1"
HISTORY=0            # if > 0: also time day 2 vs day N at scale 1 on flink (cost growth with history)
TIMEOUT=1800         # seconds per timed run; a run over it is reported as "timeout"
DIRTY=0.01
JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx8g}"
SPARK_JAVA_OPTS="${BENCH_SPARK_JAVA_OPTS:-$JAVA_OPTS}"   # Spark at scale 100 needs more than 8 GiB (docs/BENCHMARKS.md)
RENDER_ONLY=0
GEN=1
SILVER_ONLY=1        # also time each flink day N bronze -> silver only (run --silver-only), issue 3's target

while [[ $# -gt 0 ]]; do
  case "$1" in
    --with-100) FLINK_SCALES="$FLINK_SCALES 100"; shift ;;
    --flink-scales) FLINK_SCALES="$2"; shift 2 ;;
    --direct-scales) DIRECT_SCALES="$2"; shift 2 ;;
    --spark-scales) SPARK_SCALES="$2"; shift 2 ;;
    --spark-java-opts) SPARK_JAVA_OPTS="$2"; shift 2 ;;
    --history) HISTORY="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --render-only) RENDER_ONLY=1; shift ;;   # re-write docs/BENCHMARKS.md from $WORK/results.tsv
    --no-gen-rate) GEN=0; shift ;;
    --no-silver-only) SILVER_ONLY=0; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [[ ! -x /usr/bin/time ]]; then
  echo "GNU time is missing: installing it with apt-get (package 'time')" >&2
  apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
[[ -f "$FLINK_JAR" ]] || { echo "build first: ./mvnw -B -o -q install -DskipTests" >&2; exit 1; }
[[ -f "$DUCKDB_JAR" ]] || { echo "DuckDB JDBC jar not found at $DUCKDB_JAR (set DUCKDB_JAR)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed to read manifest.json" >&2; exit 1; }

mkdir -p "$WORK"
# Spark binds to the host's address unless told (as bin/ecom does); its jar's manifest opens the JDK packages it needs.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
RESULTS="$WORK/results.tsv"
[[ $RENDER_ONLY -eq 1 ]] || : > "$RESULTS"
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }

# /usr/bin/time -v output -> "wall_s rss_mb cpu_s" (cpu = user + system: robust when the machine is shared)
time_fields() {
  python3 - "$1" <<'PY'
import sys, re
t = open(sys.argv[1], errors="replace").read()
m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t)
parts = [float(p) for p in m.group(1).split(":")] if m else [0]
wall = 0.0
for p in parts: wall = wall * 60 + p
r = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)
cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", t))
print(f"{wall:.1f} {int(r.group(1)) / 1024 if r else 0:.0f} {cpu:.1f}")
PY
}

# manifest.json -> "transform_s quality_s publish_s load_s lines_read fact_rows outcome"
manifest_fields() {
  python3 - "$1" <<'PY'
import sys, json
try:
    m = json.load(open(sys.argv[1]))
except Exception:
    print("- - - - - - missing"); sys.exit(0)
st = {s["name"]: s.get("duration_ms", 0) / 1000 for s in m.get("stages", [])}
c = m.get("counters", {})
f = lambda k: f"{st[k]:.1f}" if k in st else "-"
print(f("transform"), f("quality"), f("publish"), f("load"),
      c.get("silver.order_items.read", "-"), (m.get("warehouse_rows") or {}).get("fact_order_line", c.get("write.fact_order_line.rows", "-")),
      m.get("outcome", "-"))
PY
}

generate() { # scale days lake
  java $JAVA_OPTS -jar "$FLINK_JAR" generate --lake "$3" --start 2025-01-01 --days "$2" --scale "$1" --seed 42 --dirty-rate "$DIRTY"
}

day() { # n -> date of day n
  date -u -d "2025-01-01 + $(( $1 - 1 )) day" +%F
}

# Generates (or reuses) a bronze lake for a scale, copies it to a fresh lake for a runner.
fresh_lake() { # scale days runner -> path
  local src="$WORK/bronze-s$1-d$2" lake="$WORK/lake-s$1-d$2-$3"
  if [[ ! -d "$src/bronze" ]]; then
    log "generating scale $1, $2 days"
    generate "$1" "$2" "$src" > "$WORK/generate-s$1-d$2.log" 2>&1
  fi
  rm -rf "$lake" && mkdir -p "$lake" && cp -r "$src/bronze" "$lake/bronze"
  echo "$lake"
}

jar_for() { [[ "$1" == spark ]] && echo "$SPARK_JAR" || echo "$FLINK_JAR"; }
opts_for() { [[ "$1" == spark ]] && echo "$SPARK_JAVA_OPTS" || echo "$JAVA_OPTS"; }
# The JVM options bin/ecom would add for this run (the JIT from bin/jit-opts, the class-data archive from
# bin/cds-archive, made on the first call), so the harness times what users run.
launch_opts() {
  "$ROOT/bin/jit-opts" run --lake "$1" --date "$2" --runner "$3"
  "$ROOT/bin/cds-archive" "$(jar_for "$3")" "$([[ "$3" == spark ]] && echo spark || echo flink)"
}

# Runs days 1..N-1 untimed, day N timed; appends a result row. A direct row's untimed days run on
# Flink: every runner leaves the same lake (the parity tests), and the DirectRunner's cost is per key.
bench_run() { # scale runner days
  local scale="$1" runner="$2" days="$3" jar opts lake wh d before
  jar="$(jar_for "$runner")"
  opts="$(opts_for "$runner")"
  lake="$(fresh_lake "$scale" "$days" "$runner")"
  wh="$lake/warehouse.duckdb"
  before="$([[ "$runner" == direct ]] && echo flink || echo "$runner")"
  for (( i = 1; i < days; i++ )); do
    d="$(day "$i")"
    log "scale $scale $runner: day $d (untimed, on $before)"
    if ! timeout "$TIMEOUT" java $(launch_opts "$lake" "$d" "$before") $opts -jar "$jar" run --lake "$lake" --date "$d" --runner "$before" --warehouse "jdbc:duckdb:$wh" \
        > "$lake/run-$d.log" 2>&1; then
      log "untimed day $d failed, see $lake/run-$d.log"
      printf '%s\t%s\t%s\tfailed(day %s)\t-\t-\t-\t-\t-\t-\t-\t-\t%s\t-\n' "$scale" "$runner" "$days" "$i" "$(loadavg)" >> "$RESULTS"
      return 0
    fi
  done
  d="$(day "$days")"
  # The same day bronze -> silver only (issue 3's target) on a copy of the lake as the full run finds it.
  local silver_lake="$lake-silver-only"
  rm -rf "$silver_lake"
  [[ $SILVER_ONLY -eq 1 && "$runner" == flink ]] && cp -a "$lake" "$silver_lake"
  timed_day "$scale" "$runner" "$days" "$lake" "$d" "$runner" --warehouse "jdbc:duckdb:$wh"
  if [[ -d "$silver_lake" ]]; then
    timed_day "$scale" "$runner" "$days" "$silver_lake" "$d" "$runner (silver only)" --silver-only
    rm -rf "$silver_lake"
  fi
}

# Times one run of date d on lake under /usr/bin/time -v and appends its result row.
timed_day() { # scale runner days lake d label run-options...
  local scale="$1" runner="$2" days="$3" lake="$4" d="$5" label="$6" jar opts rc la
  shift 6
  jar="$(jar_for "$runner")"
  opts="$(opts_for "$runner")"
  la="$(loadavg)"
  log "scale $scale $label: day $d (timed; load $la)"
  set +e
  timeout "$TIMEOUT" /usr/bin/time -v -o "$lake/time-$d.txt" java $(launch_opts "$lake" "$d" "$runner") $opts -jar "$jar" run --lake "$lake" --date "$d" \
      --runner "$runner" "$@" > "$lake/run-$d.log" 2>&1
  rc=$?
  set -e
  local tf mf
  tf="$(time_fields "$lake/time-$d.txt" 2>/dev/null || echo "0 0 0")"
  mf="$(manifest_fields "$lake/_runs/$d/manifest.json")"
  local status="ok"
  [[ $rc -eq 124 ]] && status="timeout(${TIMEOUT}s)"
  [[ $rc -ne 0 && $rc -ne 124 ]] && status="exit $rc"
  # scale runner day status wall rss transform quality publish load lines facts load_avg cpu
  read -r wall rss cpu <<< "$tf"
  read -r tr qu pu lo lines facts _ <<< "$mf"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$scale" "$label" "$days" "$status" "$wall" "$rss" "$tr" "$qu" "$pu" "$lo" "$lines" "$facts" "$la" "$cpu" >> "$RESULTS"
}

baseline_run() { # scale days
  local scale="$1" days="$2" lake d la
  lake="$WORK/bronze-s$scale-d$days"
  d="$(day "$days")"
  la="$(loadavg)"
  log "scale $scale: DuckDB baseline for $d (load $la)"
  /usr/bin/time -v -o "$WORK/baseline-s$scale-time.txt" \
    java -cp "$DUCKDB_JAR" "$ROOT/bench/Baseline.java" "$ROOT/bench/duckdb-baseline.sql" "$lake" "$d" "$WORK/baseline-s$scale-out" \
    > "$WORK/baseline-s$scale.out" 2> "$WORK/baseline-s$scale.err"
  local secs facts lines tf
  secs="$(awk '/^BASELINE_SECONDS/ {print $2}' "$WORK/baseline-s$scale.out")"
  facts="$(awk '/^BASELINE_COUNT fact_order_line/ {sub("read=", "", $3); print $3}' "$WORK/baseline-s$scale.out")"
  lines="$(awk '/^BASELINE_COUNT order_items_today/ {sub("read=", "", $3); print $3}' "$WORK/baseline-s$scale.out")"
  tf="$(time_fields "$WORK/baseline-s$scale-time.txt")"
  read -r wall rss cpu <<< "$tf"
  printf '%s\tduckdb-sql\t%s\tok\t%s\t%s\t%s\t-\t-\t-\t%s\t%s\t%s\t%s\n' \
    "$scale" "$days" "$wall" "$rss" "$secs" "$lines" "$facts" "$la" "$cpu" >> "$RESULTS"
}

spark_works() {
  [[ -f "$SPARK_JAR" ]] || return 1
  local lake; lake="$(fresh_lake 0.01 1 spark-probe)"
  timeout 600 java $JAVA_OPTS -jar "$SPARK_JAR" run --lake "$lake" --date 2025-01-01 --runner spark --no-load \
    > "$WORK/spark-probe.log" 2>&1
}

if [[ $RENDER_ONLY -eq 0 ]]; then
# ------------------------------------------------------------------ generator rate (scale 10, one day)
if [[ $GEN -eq 1 ]]; then
log "generator rate: scale 10, one day"
rm -rf "$WORK/gen-rate"
/usr/bin/time -v -o "$WORK/gen-rate-time.txt" java $JAVA_OPTS -jar "$FLINK_JAR" generate --lake "$WORK/gen-rate" \
  --start 2025-01-01 --days 1 --scale 10 --seed 42 --dirty-rate "$DIRTY" > "$WORK/gen-rate.log" 2>&1
GEN_RATE="$(grep -o '[0-9,]* order lines/s' "$WORK/gen-rate.log" | tr -d ',' | awk '{print $1}')"
GEN_LINE="$(grep 'order lines/s' "$WORK/gen-rate.log")"
GEN_WALL="$(time_fields "$WORK/gen-rate-time.txt")"
rm -rf "$WORK/gen-rate"
printf '%s\n%s\n' "$GEN_LINE" "$GEN_WALL" > "$WORK/gen.txt"
fi

# ------------------------------------------------------------------ the runs
for s in $DIRECT_SCALES; do
  if awk "BEGIN {exit !($s > 0.1)}"; then log "direct at scale $s: hours from scale 1 on (its cost is per key per GroupByKey); --timeout $TIMEOUT s bounds it"; fi
  bench_run "$s" direct 2
done
for s in $FLINK_SCALES; do
  bench_run "$s" flink 2
  baseline_run "$s" 2
done
if [[ -n "$SPARK_SCALES" ]]; then
  if spark_works; then
    for s in $SPARK_SCALES; do bench_run "$s" spark 2; done
  else
    log "spark runner not usable (see $WORK/spark-probe.log); skipped"
    echo "spark runner probe failed: $(tail -3 "$WORK/spark-probe.log" | tr '\n' ' ')" > "$WORK/spark-skipped.txt"
  fi
fi
for s in $DIRECT_SCALES; do
  awk "BEGIN {exit !($s <= 0.1)}" && baseline_run "$s" 2
done
if [[ "$HISTORY" -gt 2 ]]; then
  bench_run 1 flink "$HISTORY"
  baseline_run 1 "$HISTORY"
fi

fi
# ------------------------------------------------------------------ docs/BENCHMARKS.md (generated section)
GEN_LINE="$(sed -n 1p "$WORK/gen.txt" 2>/dev/null || echo '?')"
GEN_WALL="$(sed -n 2p "$WORK/gen.txt" 2>/dev/null || echo '?')"
CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
NPROC="$(nproc)"
MEM="$(free -g | awk '/^Mem:/ {print $2 " GiB total, " $7 " GiB available"}')"
JAVA="$(java -version 2>&1 | head -1)"
python3 - "$RESULTS" "$OUT" "$CPU" "$NPROC" "$MEM" "$JAVA" "-" "${GEN_LINE:-?}" "$GEN_WALL" "$JAVA_OPTS$([[ "$SPARK_JAVA_OPTS" != "$JAVA_OPTS" ]] && echo "; spark: $SPARK_JAVA_OPTS")" <<'PY'
import sys, datetime, os, re
res, out, cpu, nproc, mem, java, gen_rate, gen_line, gen_wall, opts = sys.argv[1:]
rows = [l.rstrip("\n").split("\t") for l in open(res) if l.strip()]
def num(x):
    try: return float(x)
    except ValueError: return None
base = {(r[0], r[2]): r for r in rows if r[1] == "duckdb-sql"}
lines = []
lines.append(f"_Generated by `bench/run.sh` on {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC._\n")
lines.append("**Machine:** " + f"{cpu}; `nproc` = {nproc}; memory {mem}; {java}; JVM options `{opts}`.\n")
lines.append(f"**Generator** (scale 10, one day): {gen_line.strip()} (process: {gen_wall}).\n")
lines.append("| scale | runner | timed day | status | wall s | CPU s | peak RSS MiB | transform s | quality s | publish s | load s | order lines (day's bronze) | fact rows | lines/s (wall) | × DuckDB SQL (wall) | × DuckDB SQL (CPU) | load avg |")
lines.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    scale, runner, days, status, wall, rss, tr, qu, pu, lo, nlines, facts, la, cpu = (r + ["-"] * 14)[:14]
    w, n, c = num(wall), num(nlines), num(cpu)
    rate = (f"{n / w:,.0f}" if n / w >= 10 else f"{n / w:.2f}") if w and n else "-"
    ratio = cratio = "-"
    b = base.get((scale, days))
    # the baseline builds gold too: a silver-only run is not compared with it
    if runner != "duckdb-sql" and "silver only" not in runner and b and num(b[4]) and w:
        ratio = f"{w / num(b[4]):.0f}×"
    if runner != "duckdb-sql" and "silver only" not in runner and b and len(b) > 13 and num(b[13]) and c:
        cratio = f"{c / num(b[13]):.0f}×"
    if runner == "duckdb-sql":
        tr = f"{tr} (SQL only)"
    lines.append(f"| {scale} | {runner} | day {days} | {status} | {wall} | {cpu} | {rss} | {tr} | {qu} | {pu} | {lo} | {nlines} | {facts} | {rate} | {ratio} | {cratio} | {la} |")
lines.append("")
lines.append("`wall s` is the whole process (JVM start included), `transform s` … `load s` come from the run's "
             "`_runs/<date>/manifest.json`; for `duckdb-sql` the transform column is the SQL time without JVM start. "
             "`CPU s` = user + system seconds of the process (what the run costs, less sensitive than wall to other load on the machine). "
             "`lines/s` = the day's bronze order lines / wall s. `× DuckDB SQL` = our time / the baseline's on the same lake and date. "
             "`(silver only)` rows are the same day run bronze → silver only (`run --silver-only`, issue 3's target) on a copy of the lake before it; "
             "the baseline, which builds gold too, is not compared with them.")
gen = "\n".join(lines) + "\n"
begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
text = open(out).read() if os.path.exists(out) else f"# Benchmarks\n\n{begin}\n{end}\n"
if begin not in text:
    text += f"\n{begin}\n{end}\n"
pre, rest = text.split(begin, 1)
post = rest.split(end, 1)[1] if end in rest else ""
open(out, "w").write(pre + begin + "\n" + gen + end + post)
print(gen)
PY
log "results: $RESULTS; written to $OUT"
