#!/usr/bin/env bash
# Extract throughput against the sandbox: builds creditetl, starts the sandbox
# with a fixed latency, writes FILES small scans (creditetl synth --scans), runs
# extract, and prints files/s beside the expected min(qps, concurrency/latency).
#
#   scripts/bench-extract.sh                       # 200 files, 3s latency, concurrency 4, qps 5
#   FILES=200 CONCURRENCY=16 QPS=2 scripts/bench-extract.sh
#
# Everything stays on 127.0.0.1; the throwaway credentials are made up here
# and never printed.
set -euo pipefail
cd "$(dirname "$0")/.."

FILES=${FILES:-200}
LATENCY=${LATENCY:-3s}
CONCURRENCY=${CONCURRENCY:-4}
QPS=${QPS:-5}

work=$(mktemp -d)
sandbox_pid=
cleanup() {
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== build"
go build -o "$work/creditetl" ./cmd/creditetl

echo "== $FILES scans"
"$work/creditetl" synth -n "$FILES" -o "$work/corpus" --scans >/dev/null
scans="$work/corpus/scans"
echo "$(ls "$scans" | wc -l) files in $scans"

export CREDITETL_SECRET_ID="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export CREDITETL_SECRET_KEY="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

echo "== sandbox --latency $LATENCY"
"$work/creditetl" sandbox --listen 127.0.0.1:0 --latency "$LATENCY" >"$work/sandbox.out" 2>"$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 100); do
  grep -q '^listening on ' "$work/sandbox.out" 2>/dev/null && break
  sleep 0.1
done
base=$(sed -n 's/^listening on //p' "$work/sandbox.out")
[ -n "$base" ] || { echo "the sandbox did not start:"; cat "$work/sandbox.log"; exit 1; }

echo "== extract --concurrency $CONCURRENCY --qps $QPS"
start=$(date +%s.%N)
"$work/creditetl" extract --store "$work/store" --endpoint "$base/release/v2/credit_report" \
  --concurrency "$CONCURRENCY" --qps "$QPS" --progress log "$scans"
end=$(date +%s.%N)

stored=$(ls "$work/store/responses" | wc -l)
requests=$(grep -c 'msg=request' "$work/sandbox.log" || true)
awk -v n="$stored" -v files="$FILES" -v s="$start" -v e="$end" -v c="$CONCURRENCY" -v q="$QPS" -v lat="$LATENCY" -v req="$requests" 'BEGIN {
  sub(/s$/, "", lat); el = e - s; got = n / el
  want = c / lat; if (q > 0 && q < want) want = q
  printf "result: %d of %d files stored, %d requests, in %.1fs: %.3f files/s; expected min(qps %g, concurrency %d / %gs) = %.3f files/s; ratio %.3f (%s)\n",
    n, files, req, el, got, q, c, lat, want, got / want, (got >= 0.9 * want && got <= 1.1 * want) ? "within 10%" : "NOT within 10%"
}'
