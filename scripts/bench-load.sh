#!/usr/bin/env bash
# The load benchmark of issue 12, in one run on this machine:
#   - creditetl load into DuckDB (with and without features) and into a
#     Parquet lake, on synthetic corpora (default 10,000 and 100,000
#     reports): seconds, MB/s of JSON, reports/s, peak RSS;
#   - creditetl features on the DuckDB file of each corpus;
#   - the rate on 1 core and on 2 (taskset) at the smallest corpus;
#   - the SQL route (scripts/sqlroute: DuckDB's read_json_objects, UNNEST,
#     TRY_CAST over the same answers) beside creditetl on a 4,000-report
#     corpus, in the same run, with the ratio;
#   - with BENCH_XLSX=1, an Excel workbook of each corpus (time and memory).
# Usage: scripts/bench-load.sh [N ...]
# Corpora are kept in ${TMPDIR:-/tmp}/creditetl-bench-load (100,000 reports
# take 8 GB); each run writes its outputs there and removes them.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ $# -eq 0 ] && sizes=(10000 100000)
work=${TMPDIR:-/tmp}/creditetl-bench-load
mkdir -p "$work"
rm -f "$work"/.warm-*
go build -o "$work/creditetl" ./cmd/creditetl
go build -o "$work/sqlroute" ./scripts/sqlroute
ce="$work/creditetl"

corpus() { # corpus N: the folder of N synthetic reports (seed 1)
  local c="$work/corpus-$1"
  if [ ! -f "$c/.complete" ]; then
    rm -rf "$c"
    "$ce" synth -q -n "$1" -o "$c" --seed 1 >/dev/null
    touch "$c/.complete"
  fi
  # Read once so that every run finds the corpus in the page cache (the
  # first run would otherwise pay for the disk).
  if [ ! -f "$work/.warm-$1" ]; then
    find "$c" -maxdepth 1 -name '*.json' -print0 | xargs -0 cat > /dev/null
    touch "$work/.warm-$1"
  fi
  echo "$c"
}
bytes_of() { find "$1" -maxdepth 1 -name '*.json' -printf '%s\n' | awk '{s+=$1} END {print s}'; }

# measure LABEL N CMD...: runs CMD, prints a row of the table.
measure() {
  local label=$1 n=$2; shift 2
  local c; c=$(corpus "$n")
  local b; b=$(bytes_of "$c")
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/log" 2>&1 || { echo "FAILED: $*"; tail -5 "$work/log"; exit 1; }
  read -r secs rsskb < "$work/time"
  awk -v l="$label" -v n="$n" -v b="$b" -v s="$secs" -v r="$rsskb" 'BEGIN {
    printf "| %-34s | %7d | %7.0f | %7.1f | %6.1f | %7.0f | %6.0f |\n", l, n, b/1e6, s, b/1e6/s, n/s, r/1024 }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "creditetl: $("$ce" version | head -1)"
echo
echo "| run                                | reports |      MB | seconds |   MB/s | reports/s | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  c=$(corpus "$n")
  rm -rf "$work/out.duckdb" "$work/out.duckdb.wal" "$work/lake"
  measure "load -o x.duckdb" "$n" "$ce" load -q -o "$work/out.duckdb" "$c"
  measure "features (on that file)" "$n" "$ce" features -q "$work/out.duckdb"
  rm -rf "$work/out.duckdb" "$work/out.duckdb.wal"
  measure "load -o x.duckdb --no-features" "$n" "$ce" load -q --no-features -o "$work/out.duckdb" "$c"
  rm -rf "$work/out.duckdb" "$work/out.duckdb.wal"
  measure "load -o lake --layout lake" "$n" "$ce" load -q --layout lake -o "$work/lake" "$c"
  rm -rf "$work/lake"
  if [ -n "${BENCH_XLSX:-}" ]; then
    measure "load -o x.xlsx" "$n" "$ce" load -q -o "$work/out.xlsx" "$c"
    rm -f "$work/out.xlsx"
  fi
done

n=${sizes[0]}
c=$(corpus "$n")
echo
echo "Cores (load -o x.duckdb --no-features, $n reports):"
for cpus in 0 0,1; do
  rm -rf "$work/out.duckdb" "$work/out.duckdb.wal"
  measure "taskset -c $cpus" "$n" taskset -c "$cpus" "$ce" load -q --no-features -o "$work/out.duckdb" "$c"
done
rm -rf "$work/out.duckdb" "$work/out.duckdb.wal"

echo
echo "SQL route beside creditetl, 4,000 reports, interleaved:"
c=$(corpus 4000)
for round in 1 2; do
  rm -rf "$work/out.duckdb" "$work/out.duckdb.wal"
  measure "creditetl load --no-features (round $round)" 4000 "$ce" load -q --no-features -o "$work/out.duckdb" "$c"
  ce_secs=$(cut -d' ' -f1 "$work/time")
  measure "SQL route (round $round)" 4000 "$work/sqlroute" "$c"
  sql_secs=$(cut -d' ' -f1 "$work/time")
  echo "  round $round: creditetl ${ce_secs}s, SQL route ${sql_secs}s ($(cat "$work/log")), ratio $(awk -v a="$sql_secs" -v b="$ce_secs" 'BEGIN {printf "%.2f", a/b}')"
done
rm -rf "$work/out.duckdb" "$work/out.duckdb.wal"
