#!/usr/bin/env bash
# Runs every `sh` example of README.md, as written and in order, in a
# temporary folder, and checks each command's exit status: 0, or the one its
# comment announces ("exits 2"). See README.md, "Checking this README".
#
#   scripts/readme-examples.sh            # KEEP=1 keeps the temporary folder
#
# Left out, each with its reason: blocks after a line
# <!-- readme-examples: skip: REASON --> (the paid API, benchmarks); go
# build/test/generate/install/vet (the binary is built once here, CI runs the
# rest); lines that need a program that is not installed (duckdb, python with
# the module they import, jq, man). The sandbox example's port 8080 is
# replaced by a free one. At the end, every file the examples made must be
# covered by .gitignore.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
readme="${README_MD:-$repo/README.md}" # README_MD: another file, to test this script
work=$(mktemp -d "${TMPDIR:-/tmp}/creditetl-readme.XXXXXX")

cleanup() {
	local pids
	pids=$(jobs -p)
	[ -n "$pids" ] && kill $pids 2>/dev/null || true
	if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "== building creditetl once"
(cd "$repo" && go build -o "$work/bin/creditetl" ./cmd/creditetl)
export PATH="$work/bin:$PATH"

run="$work/run"
mkdir -p "$run"
cd "$run"

# The files the examples name, as a reader of the README would have them.
fixtures=(testdata scans answers.jsonl one.json interface-reports report.json day1 day2 docs)
cp -R "$repo/testdata" testdata
cp -R testdata/scans scans
for n in 1 2 3; do tr -d '\r\n' <"testdata/synth/report-0000$n.json"; echo; done >answers.jsonl
cp testdata/synth/report-00004.json one.json
mkdir interface-reports day1 day2 docs
for f in testdata/interface/*.json.gz; do
	gunzip -c "$f" >"interface-reports/$(basename "$f" .gz)"
done
cp "$(ls interface-reports/*.json | head -n 1)" report.json
cp testdata/synth/report-0000[1-6].json day1/
cp testdata/synth/report-0000[5-9].json testdata/synth/report-0001[0-2].json day2/

# A free port for the sandbox example (nothing answers on it).
port=
for p in $(seq 18080 18180); do
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "no free port in 18080-18180" >&2; exit 1; }

# The examples, one a line: LINE, SKIP REASON and COMMAND separated by the
# unit separator (\037: read splits tabs as whitespace, merging an empty
# field); continuation lines joined.
awk '
	/<!-- readme-examples: skip: .* -->/ {
		pending = $0
		sub(/.*<!-- readme-examples: skip: /, "", pending)
		sub(/ -->.*/, "", pending)
		next
	}
	/^```sh[[:space:]]*$/ { inblock = 1; skip = pending; pending = ""; cmd = ""; next }
	/^```/ { inblock = 0; pending = ""; next }
	inblock {
		if (cmd == "") start = NR
		line = $0
		if (line ~ /\\$/) { sub(/\\$/, "", line); cmd = cmd line; next }
		cmd = cmd line
		if (cmd !~ /^[[:space:]]*(#|$)/) {
			printf "%d\037%s\037%s\n", start, skip, cmd
		}
		cmd = ""
	}
' "$readme" >"$work/examples.tsv"

total=0 ran=0 skipped=0 failed=0
skip() {
	skipped=$((skipped + 1))
	printf 'skip  README.md:%s: %s\n      %s\n' "$1" "$2" "$3"
}

# needs names the program a command line needs that is not installed.
needs() {
	local cmd=$1 mod
	for tool in duckdb jq man python spark-sql; do
		if [[ "$cmd" =~ (^|[\|\;\&\(][[:space:]]*)$tool[[:space:]] ]]; then
			if ! command -v "$tool" >/dev/null; then echo "$tool is not installed"; return; fi
			if [ "$tool" = python ] && [[ "$cmd" =~ import[[:space:]]+([a-z_]+) ]]; then
				mod=${BASH_REMATCH[1]}
				python -c "import $mod" 2>/dev/null || { echo "python has no module $mod"; return; }
			fi
		fi
	done
}

while IFS=$'\037' read -r line reason cmd; do
	total=$((total + 1))
	if [ -n "$reason" ]; then skip "$line" "$reason" "$cmd"; continue; fi
	if [[ "$cmd" =~ ^[[:space:]]*go[[:space:]]+(build|test|generate|install|vet)[[:space:]] ]]; then
		skip "$line" "go ${BASH_REMATCH[1]}: the binary is built once above, CI runs the rest" "$cmd"
		continue
	fi
	if why=$(needs "$cmd") && [ -n "$why" ]; then skip "$line" "$why" "$cmd"; continue; fi
	want=0
	if [[ "$cmd" =~ \#.*exits[[:space:]]+([0-9]+) ]]; then want=${BASH_REMATCH[1]}; fi
	# The same program, built once; a free port for the sandbox.
	ex=${cmd//go run .\/cmd\/creditetl/creditetl}
	ex=${ex//.\/creditetl /creditetl }
	ex=${ex//127.0.0.1:8080/127.0.0.1:$port}
	log="$work/log-$line"
	start=$(date +%s)
	set +e
	eval "$ex" </dev/null >"$log" 2>&1
	got=$?
	set -e
	took=$(($(date +%s) - start))
	ran=$((ran + 1))
	if [ "$got" = "$want" ]; then
		printf 'ok    README.md:%s (%ss): %s\n' "$line" "$took" "$cmd"
	else
		failed=$((failed + 1))
		printf 'FAIL  README.md:%s: exit %s, want %s: %s\n' "$line" "$got" "$want" "$cmd"
		sed 's/^/      | /' "$log" | tail -n 30
	fi
done <"$work/examples.tsv"

# Every file the examples made (besides the inputs made above) is ignored
# by git when made in the repository's root.
unignored=()
for f in * .[!.]*; do
	[ -e "$f" ] || continue
	case " ${fixtures[*]} " in *" $f "*) continue ;; esac
	probe=$f
	[ -d "$f" ] && probe="$f/x"
	if ! (cd "$repo" && git check-ignore -q --no-index -- "$probe"); then unignored+=("$f"); fi
done
if [ ${#unignored[@]} -gt 0 ]; then
	failed=$((failed + 1))
	echo "FAIL  .gitignore does not cover what the examples made: ${unignored[*]}"
fi

echo "== $total examples: $ran run, $skipped left out, $failed failed"
[ "$failed" -eq 0 ]
