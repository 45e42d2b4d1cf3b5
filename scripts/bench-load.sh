#!/usr/bin/env bash
# Measures `creditetl load` into DuckDB on synthetic corpora of 1,000 and
# 10,000 reports: wall time, reports/s, MB/s of JSON and peak RSS.
# Usage: scripts/bench-load.sh [N ...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
[ $# -eq 0 ] && sizes=(1000 10000)
work=${TMPDIR:-/tmp}/creditetl-bench-load
mkdir -p "$work"
go build -o "$work/creditetl" ./cmd/creditetl
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3)"
printf "%8s %10s %10s %10s %10s %12s\n" reports MB seconds reports/s MB/s peak-RSS-MB
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  if [ ! -f "$corpus/.complete" ]; then
    rm -rf "$corpus"
    "$work/creditetl" synth -n "$n" -o "$corpus" --seed 1 2>/dev/null
    touch "$corpus/.complete"
  fi
  bytes=$(find "$corpus" -name '*.json' -printf '%s\n' | awk '{s+=$1} END {print s}')
  out="$work/out-$n.duckdb"
  rm -f "$out" "$out.wal"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %M' -o "$work/time-$n" "$work/creditetl" load -o "$out" "$corpus" >"$work/log-$n" 2>&1
    read -r secs rsskb < "$work/time-$n"
  else
    start=$(date +%s.%N)
    "$work/creditetl" load -o "$out" "$corpus" >"$work/log-$n" 2>&1
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    rsskb=0
  fi
  awk -v n="$n" -v b="$bytes" -v s="$secs" -v r="$rsskb" 'BEGIN {
    printf "%8d %10.1f %10.2f %10.0f %10.1f %12.0f\n", n, b/1e6, s, n/s, b/1e6/s, r/1024 }'
done
