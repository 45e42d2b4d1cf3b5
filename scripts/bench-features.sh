#!/usr/bin/env bash
# Times `creditetl features` on a DuckDB file and on a Parquet folder of
# synthetic reports (default 10,000: creditetl synth -n N, then creditetl
# load), three runs each; prints the wall time, the peak RSS and the number
# of features. The corpus and outputs are kept under $TMPDIR between runs.
# Usage: scripts/bench-features.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
work=${TMPDIR:-/tmp}/creditetl-bench-features
mkdir -p "$work"
go build -o "$work/creditetl" ./cmd/creditetl
bin="$work/creditetl"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), load average $(cut -d' ' -f1-3 /proc/loadavg)"

corpus="$work/corpus-$n"
if [ ! -f "$corpus/.complete" ]; then
  rm -rf "$corpus"
  "$bin" synth -n "$n" -o "$corpus" --seed 1 >/dev/null 2>&1
  touch "$corpus/.complete"
fi
db="$work/synth-$n.duckdb"
pq="$work/synth-$n-parquet"
if [ ! -f "$db" ]; then
  "$bin" load -o "$db.tmp.duckdb" "$corpus" >"$work/load-$n.log" 2>&1
  mv "$db.tmp.duckdb" "$db"
fi
if [ ! -f "$pq/reports.parquet" ]; then
  rm -rf "$pq"
  "$bin" load -o "$pq" "$corpus" >>"$work/load-$n.log" 2>&1
fi
cells=$(grep -oE ', repayments [0-9]+' "$work/load-$n.log" | head -1 | awk '{print $3}')
features=$("$bin" features --list --format json | grep -c '"group": "[a-z]*"' || true)
features=$((features - 2)) # report_id and report_date are keys
echo "corpus: $n reports, ${cells:-?} repayment cells; $features features"

timeit() { # label, command...
  local label=$1; shift
  for run in 1 2 3; do
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f '%e %M' -o "$work/time" "$@" 2>"$work/features.log" >/dev/null
      read -r secs rsskb < "$work/time"
    else
      local start; start=$(date +%s.%N)
      "$@" 2>"$work/features.log" >/dev/null
      secs=$(echo "$(date +%s.%N) - $start" | bc); rsskb=0
    fi
    printf "%-28s run %d: %6.2f s, peak RSS %5.0f MB   (%s)\n" "$label" "$run" "$secs" "$(echo "$rsskb/1024" | bc -l)" "$(head -1 "$work/features.log")"
  done
}
timeit "features DuckDB file" "$bin" features "$db"
timeit "features Parquet folder" "$bin" features "$pq"
timeit "features + export .csv" "$bin" features "$db" -o "$work/features-$n.csv"
