#!/usr/bin/env bash
# bench-xlsx.sh: peak memory and time of `creditetl load` to Excel (and to
# Parquet) over a generated corpus whose repayments table has about ROWS rows
# (default 2,000,000, more than one Excel sheet holds). Prints the load
# summary and /usr/bin/time's figures. Needs /usr/bin/time (Debian: time).
#
#   scripts/bench-xlsx.sh              # 2,000,000 rows
#   ROWS=300000 scripts/bench-xlsx.sh  # a quick run
#   KEEP=1 WORK=/tmp/bench scripts/bench-xlsx.sh
set -euo pipefail
ROWS=${ROWS:-2000000}
WORK=${WORK:-$(mktemp -d)}
cd "$(dirname "$0")/.."
mkdir -p "$WORK"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT

go build -o "$WORK/creditetl" ./cmd/creditetl
# A synthetic report has about 275 repayment months.
N=$(( ROWS / 270 + 1 ))
if [ ! -d "$WORK/corpus" ]; then
	echo "synth: $N reports into $WORK/corpus"
	"$WORK/creditetl" synth -n "$N" -o "$WORK/corpus" --seed 4 >/dev/null 2>&1
fi

run() { # name output
	echo "== $1"
	/usr/bin/time -f '   %e s elapsed, peak RSS %M KiB' "$WORK/creditetl" load --overwrite -o "$2" "$WORK/corpus" 2>&1 |
		sed -n -e 's/^loaded/   loaded/p' -e 's/.*\(repayments [0-9]*\).*/   \1 rows/p' -e '/peak RSS/p'
}
run xlsx "$WORK/book.xlsx"
ls -l "$WORK/book.xlsx" | awk '{printf "   book.xlsx %.1f MiB\n", $5/1048576}'
run parquet "$WORK/dataset"
du -sk "$WORK/dataset" | awk '{printf "   dataset %.1f MiB\n", $1/1024}'
