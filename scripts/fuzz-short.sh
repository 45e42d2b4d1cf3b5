#!/usr/bin/env bash
# Runs every fuzz target of the module for a short time each (issue 14): a
# smoke run for CI on top of `go test ./...`, which only replays the seeds.
# Targets are found with `go test -list`, so a new Fuzz function is picked up
# without editing this script.
#
#   scripts/fuzz-short.sh                          # every target, 5s each
#   FUZZTIME=2m scripts/fuzz-short.sh ./schema     # longer, one package
#   FUZZTIME=30s scripts/fuzz-short.sh ./transform FuzzFlatten
#
# A failure leaves the input that broke the target in the package's
# testdata/fuzz/<target>/ (commit it with the fix: it then runs in every
# `go test`). MINTIME bounds the minimizing of each new input (go's default
# is a minute, which a short run would spend on one large input).
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZTIME=${FUZZTIME:-5s}
MINTIME=${MINTIME:-2s}
pkgs=${1:-./...}
only=${2:-}

# `go test -list` prints each package's matching names, then its ok line.
listing=$(go test -run '^$' -list '^Fuzz' $pkgs)
targets=()
names=()
while IFS= read -r line; do
  case "$line" in
    Fuzz*) names+=("$line") ;;
    ok*)
      pkg=$(awk '{print $2}' <<<"$line")
      for n in ${names[@]+"${names[@]}"}; do
        if [ -z "$only" ] || [ "$n" = "$only" ]; then targets+=("$pkg $n"); fi
      done
      names=()
      ;;
  esac
done <<<"$listing"

if [ ${#targets[@]} -eq 0 ]; then
  echo "no fuzz target found in $pkgs${only:+ named $only}" >&2
  exit 1
fi

failed=()
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  echo "== $pkg $name ($FUZZTIME)"
  if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$MINTIME" "$pkg"; then
    failed+=("$pkg $name")
  fi
done

echo "== ${#targets[@]} fuzz targets, ${#failed[@]} failed"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failed[@]}"
  exit 1
fi
