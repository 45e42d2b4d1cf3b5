package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"creditetl/internal/testutil"
	"creditetl/sandbox"
	"creditetl/schema"
)

// The tests of the command line users of restic, DuckDB and dlt expect
// (issue 13): streams, --json, global flags anywhere, version, errors that
// help, inputs, interrupts, a dead endpoint, progress, completion.

var synthDir = filepath.Join("..", "..", "testdata", "synth")

func synthReport(n int) string { return filepath.Join(synthDir, fmt.Sprintf("report-%05d.json", n)) }

// decodeReport parses stdout as exactly one JSON object.
func decodeReport(t *testing.T, stdout string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(stdout))
	var r map[string]any
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("stdout is not a JSON object: %v\n%s", err, stdout)
	}
	if dec.More() {
		t.Fatalf("stdout holds more than one JSON value:\n%s", stdout)
	}
	return r
}

// path reads a value of a decoded JSON object by keys.
func path(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// 1. The summary goes to stdout, diagnostics and progress to stderr;
// --json prints one object whose fields say what happened.
func TestStreamsAndJSONLoad(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "pq")
	code, stdout, stderr := runCLI(t, "load", "--no-features", "--progress", "off", "-o", out, synthReport(1), synthReport(2))
	if code != 0 || !strings.HasPrefix(stdout, "loaded 2 reports into "+out) || stderr != "" {
		t.Fatalf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}

	// --json, with a failed input: exit 2, the object says partial and why.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"creditHeader": `), 0o644)
	code, stdout, stderr = runCLI(t, "load", "--json", "--no-features", "-o", filepath.Join(dir, "pq2"), synthReport(1), bad)
	if code != 2 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := decodeReport(t, stdout)
	for k, want := range map[string]any{"command": "load", "status": "partial", "exit_code": 2.0} {
		if r[k] != want {
			t.Errorf("%s = %v, want %v", k, r[k], want)
		}
	}
	if s, _ := r["error"].(string); !strings.Contains(s, "1 of 2 inputs failed") {
		t.Errorf("error %q", r["error"])
	}
	if v, _ := r["tool_version"].(string); v != currentVersion().String() {
		t.Errorf("tool_version %q", v)
	}
	load := r["load"]
	if path(load, "reports") != 1.0 || path(load, "committed") != true || path(load, "format") != "parquet" ||
		path(load, "load_id") == "" || path(load, "finished_at") == nil || path(load, "rows", "reports") != 1.0 {
		t.Errorf("load part: %v", load)
	}
	fails, _ := path(load, "failures").([]any)
	if len(fails) != 1 || path(fails[0], "file") != bad || !strings.Contains(path(fails[0], "reason").(string), "truncated JSON") {
		t.Errorf("failures %v", fails)
	}
	for _, k := range []string{"rejects", "unknown_fields", "feature_rows", "duplicates", "replaced", "warnings", "started_at", "seconds"} {
		if _, ok := load.(map[string]any)[k]; !ok {
			t.Errorf("load part lacks %s", k)
		}
	}
	if strings.Contains(stderr, "loaded 1 reports") || !strings.Contains(stderr, "creditetl: load: 1 of 2 inputs failed") {
		t.Errorf("stderr %q: want the error, not the summary", stderr)
	}

	// A fatal error still prints one object.
	code, stdout, _ = runCLI(t, "load", "--json", "-o", filepath.Join(dir, "pq3"), "no-such-dir")
	r = decodeReport(t, stdout)
	if code != 1 || r["status"] != "failed" || r["exit_code"] != 1.0 || !strings.Contains(r["error"].(string), "no-such-dir") {
		t.Errorf("fatal: exit %d: %v", code, r)
	}
}

// extract, run and features print their --json objects; run has an
// extract and a load part.
func TestJSONExtractRunFeatures(t *testing.T) {
	_, endpoint := testSandbox(t, sandbox.Options{})
	in := testutil.WriteScans(t, 2)
	os.WriteFile(filepath.Join(in, "notes.txt"), []byte("not a scan"), 0o644)
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	code, stdout, stderr := runEnv(context.Background(), t, testEnv, "extract", "--json", "--store", store, "--endpoint", endpoint, in)
	if code != 2 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := decodeReport(t, stdout)
	x := r["extract"]
	if r["status"] != "partial" || path(x, "files") != 3.0 || path(x, "stored") != 2.0 || path(x, "skipped") != 1.0 || path(x, "paid") != 2.0 || path(x, "store") != store {
		t.Errorf("extract: %v", r)
	}
	inc, _ := path(x, "incomplete").([]any)
	if len(inc) != 1 || path(inc[0], "outcome") != "skipped" || !strings.Contains(path(inc[0], "reason").(string), "unknown file type") {
		t.Errorf("incomplete %v", inc)
	}

	out := filepath.Join(dir, "r.duckdb")
	code, stdout, stderr = runEnv(context.Background(), t, testEnv, "run", "--store", store, "--endpoint", endpoint, "-o", out, in, "--json")
	if code != 2 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	r = decodeReport(t, stdout)
	if r["command"] != "run" || path(r, "extract", "already_stored") != 2.0 || path(r, "extract", "paid") != 0.0 ||
		path(r, "load", "reports") != 2.0 || path(r, "load", "feature_rows") != 2.0 || path(r, "load", "output") != out {
		t.Errorf("run: %v", r)
	}

	code, stdout, stderr = runCLI(t, "--json", "features", out)
	if code != 0 {
		t.Fatalf("features: exit %d: %s", code, stderr)
	}
	r = decodeReport(t, stdout)
	if r["status"] != "ok" || path(r, "features", "reports") != 2.0 || path(r, "features", "target") != out {
		t.Errorf("features: %v", r)
	}
	// features --list --json is the dictionary itself.
	code, stdout, _ = runCLI(t, "features", "--list", "--json")
	var list []map[string]any
	if code != 0 || json.Unmarshal([]byte(stdout), &list) != nil || len(list) < 100 {
		t.Errorf("features --list --json: exit %d, %d entries", code, len(list))
	}
	// Commands without a summary refuse --json; schema takes it as --format json.
	if code, _, stderr := runCLI(t, "synth", "--json", "-o", t.TempDir()); code != 1 || !strings.Contains(stderr, "--json: synth prints no summary") {
		t.Errorf("synth --json: exit %d: %s", code, stderr)
	}
	if code, stdout, _ := runCLI(t, "schema", "--json"); code != 0 || !strings.HasPrefix(stdout, "[") {
		t.Errorf("schema --json: exit %d", code)
	}
}

// 2. -v, -q, --json and --progress are accepted before the command, after
// it, and after its inputs.
func TestGlobalFlagsAnywhere(t *testing.T) {
	dir := t.TempDir()
	for i, args := range [][]string{
		{"-q", "load", "--no-features", "-o", "OUT", synthReport(1)},
		{"load", "-q", "--no-features", "-o", "OUT", synthReport(1)},
		{"load", "--no-features", "-o", "OUT", synthReport(1), "-q"},
		{"--quiet", "load", "--no-features", "-o", "OUT", synthReport(1), "--progress", "bar"},
	} {
		out := filepath.Join(dir, fmt.Sprint("q", i))
		for j := range args {
			if args[j] == "OUT" {
				args[j] = out
			}
		}
		code, stdout, stderr := runCLI(t, args...)
		if code != 0 || stdout != "" || stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q: want silence", args, code, stdout, stderr)
		}
	}
	for i, args := range [][]string{
		{"--json", "load", "--no-features", "-o", "OUT", synthReport(1)},
		{"load", "--no-features", "-o", "OUT", synthReport(1), "--json"},
	} {
		out := filepath.Join(dir, fmt.Sprint("j", i))
		args[slicesIndex(args, "OUT")] = out
		code, stdout, _ := runCLI(t, args...)
		if r := decodeReport(t, stdout); code != 0 || path(r, "load", "reports") != 1.0 {
			t.Errorf("%v: exit %d: %v", args, code, r)
		}
	}
	// --verbose after the inputs logs diagnostics; with --quiet it is refused.
	if code, _, stderr := runCLI(t, "load", "--no-features", "-o", filepath.Join(dir, "v"), synthReport(1), "-v"); code != 0 || !strings.Contains(stderr, "level=DEBUG") && !strings.Contains(stderr, "level=INFO") {
		t.Errorf("-v after the inputs: exit %d: %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "-v", "load", "-q", "-o", filepath.Join(dir, "vq"), synthReport(1)); code != 1 || !strings.Contains(stderr, "choose one") {
		t.Errorf("-v -q: exit %d: %s", code, stderr)
	}
	// --progress bar draws on stderr even when it is not a terminal;
	// --progress with a bad value is a usage error.
	if code, _, stderr := runCLI(t, "load", "--no-features", "-o", filepath.Join(dir, "bar"), synthReport(1), "--progress", "bar"); code != 0 || !strings.Contains(stderr, "load") || !strings.Contains(stderr, "100%") {
		t.Errorf("--progress bar: exit %d: %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "--progress", "loud", "load", "-o", filepath.Join(dir, "x"), synthReport(1)); code != 1 || !strings.Contains(stderr, "--progress \"loud\"") {
		t.Errorf("--progress loud: exit %d: %s", code, stderr)
	}
}

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// 3. creditetl version, --version and loads.tool_version say the same.
func TestVersion(t *testing.T) {
	v := currentVersion()
	if v.Go == "" || v.DuckDB == "" || v.DuckDB == "unknown" || v.Version == "" {
		t.Fatalf("version %+v", v)
	}
	code, stdout, _ := runCLI(t, "version")
	if code != 0 || stdout != "creditetl "+v.String()+"\n" || !strings.Contains(stdout, "DuckDB v") {
		t.Errorf("version: exit %d: %q", code, stdout)
	}
	if code, out, _ := runCLI(t, "--version"); code != 0 || out != stdout {
		t.Errorf("--version: exit %d: %q, want %q", code, out, stdout)
	}
	code, stdout, _ = runCLI(t, "version", "--json")
	r := decodeReport(t, stdout)
	if code != 0 || r["go"] != v.Go || r["duckdb"] != v.DuckDB || r["version"] != v.Version {
		t.Errorf("version --json: %v", r)
	}
	out := filepath.Join(t.TempDir(), "pq")
	if code, _, stderr := runCLI(t, "load", "-q", "--no-features", "-o", out, synthReport(1)); code != 0 {
		t.Fatalf("load: %s", stderr)
	}
	if got := query(t, "", "SELECT tool_version FROM '"+filepath.Join(out, "loads.parquet")+"'"); len(got) != 1 || got[0] != v.String() {
		t.Errorf("loads.tool_version %q, want %q", got, v.String())
	}

	// The build info makes the version: module version, revision, dirty.
	got := readVersion(func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}, true
	})
	got.DuckDB = "v1.5.6"
	if s := got.String(); !strings.HasPrefix(s, "v1.2.3 (revision 0123456789ab, dirty, go1.26.8, DuckDB v1.5.6, ") {
		t.Errorf("from build info: %q", s)
	}
}

// 4. An unknown command says what was meant and where to read more; a
// wrong flag is the error and the usage line, not the whole help.
func TestErrorsThatHelp(t *testing.T) {
	code, stdout, stderr := runCLI(t, "lod", "-o", "x.duckdb", "in")
	if code != 1 || stdout != "" || !strings.Contains(stderr, `"lod" is not a command`) || !strings.Contains(stderr, `Did you mean "load"?`) || !strings.Contains(stderr, "Run 'creditetl --help'") {
		t.Errorf("lod: exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
	code, _, stderr = runCLI(t, "xyzzy")
	if code != 1 || strings.Contains(stderr, "Did you mean") || !strings.Contains(stderr, "Commands: run, extract, load") {
		t.Errorf("xyzzy: exit %d: %s", code, stderr)
	}
	code, stdout, stderr = runCLI(t, "load", "--overwrit", "-o", "x.xlsx", "in")
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if code != 1 || stdout != "" || len(lines) > 4 || !strings.Contains(stderr, "flag provided but not defined: -overwrit") ||
		!strings.Contains(stderr, "Did you mean --overwrite?") || !strings.Contains(stderr, "Usage: creditetl load -o OUT [flags] INPUT...") {
		t.Errorf("wrong flag: exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
	code, _, stderr = runCLI(t, "lake", "vews", "x")
	if code != 1 || !strings.Contains(stderr, `Did you mean "views"?`) {
		t.Errorf("lake vews: exit %d: %s", code, stderr)
	}
	// A flag that needs a value, at the end after the inputs.
	code, _, stderr = runCLI(t, "load", synthReport(1), "-o")
	if code != 1 || !strings.Contains(stderr, "flag needs an argument: -o") || !strings.Contains(stderr, "Usage: creditetl load") {
		t.Errorf("-o at the end: exit %d: %s", code, stderr)
	}
	// run --help: -o has a default, it is not also "required".
	_, stdout, _ = runCLI(t, "run", "--help")
	if strings.Contains(stdout, "(required)") || !strings.Contains(stdout, `(default: "creditetl.duckdb")`) {
		t.Errorf("run --help:\n%s", stdout)
	}
}

// 5. Inputs: no report in the inputs is an error that writes nothing; "-"
// reads one answer or JSON lines from stdin; the same answer formatted
// otherwise is the same answer.
func TestInputs(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("no answer here"), 0o644)
	out := filepath.Join(dir, "e.duckdb")
	code, stdout, stderr := runCLI(t, "load", "-o", out, empty)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "no report found in the inputs") || !strings.Contains(stderr, empty) {
		t.Errorf("empty folder: exit %d: %s%s", code, stdout, stderr)
	}
	// Inputs that are all bad: their reasons, and nothing written.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`[1, 2]`), 0o644)
	code, stdout, stderr = runCLI(t, "load", "-o", out, bad)
	if code != 1 || !strings.Contains(stdout, "failed: "+bad) || !strings.Contains(stderr, "no report found in the inputs") {
		t.Errorf("bad input only: exit %d: %s%s", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("left %v", entries)
	}

	one, err := os.ReadFile(synthReport(1))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	json.Unmarshal(one, &v)
	pretty, _ := json.MarshalIndent(v, "", "    ")
	// One answer, pretty-printed, on stdin.
	pq := filepath.Join(dir, "stdin1")
	code, stdout, stderr = runCLIWith(context.Background(), t, bytes.NewReader(pretty), "load", "--no-features", "-o", pq, "-")
	if code != 0 || !strings.Contains(stdout, "loaded 1 reports") {
		t.Fatalf("stdin, one answer: exit %d: %s%s", code, stdout, stderr)
	}
	if got := query(t, "", "SELECT source_file || ' ' || coalesce(source_line::VARCHAR, '-') FROM '"+filepath.Join(pq, "reports.parquet")+"'"); fmt.Sprint(got) != "[stdin -]" {
		t.Errorf("stdin lineage %q", got)
	}
	// JSON lines on stdin; an empty stdin is no report.
	lines := compactJSON(t, synthReport(1)) + "\n\n" + compactJSON(t, synthReport(2)) + "\n"
	pq = filepath.Join(dir, "stdin2")
	code, stdout, stderr = runCLIWith(context.Background(), t, strings.NewReader(lines), "load", "--no-features", "-o", pq, "-")
	if code != 0 || !strings.Contains(stdout, "loaded 2 reports") {
		t.Fatalf("stdin, JSON lines: exit %d: %s%s", code, stdout, stderr)
	}
	if got := query(t, "", "SELECT string_agg(source_line::VARCHAR, ',' ORDER BY source_line) FROM '"+filepath.Join(pq, "reports.parquet")+"'"); got[0] != "1,3" {
		t.Errorf("stdin lines %q", got)
	}
	if code, _, stderr := runCLIWith(context.Background(), t, strings.NewReader("\n"), "load", "-o", filepath.Join(dir, "x"), "-"); code != 1 || !strings.Contains(stderr, "no report found") {
		t.Errorf("empty stdin: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "load", "-o", filepath.Join(dir, "x"), "-", "-"); code != 1 || !strings.Contains(stderr, "named 2 times") {
		t.Errorf("- twice: exit %d: %s", code, stderr)
	}

	// The same answer pretty-printed, with its keys sorted and its text as
	// \u escapes (Python's json.dump), is the same answer: loaded once.
	same := filepath.Join(dir, "same")
	os.Mkdir(same, 0o755)
	os.WriteFile(filepath.Join(same, "a.json"), one, 0o644)
	os.WriteFile(filepath.Join(same, "b.json"), pretty, 0o644)
	os.WriteFile(filepath.Join(same, "c.json"), asciiJSON(t, v), 0o644)
	pq = filepath.Join(dir, "same-pq")
	code, stdout, stderr = runCLI(t, "load", "--no-features", "-o", pq, same)
	if code != 0 || !strings.Contains(stdout, "loaded 1 reports") || !strings.Contains(stdout, "2 duplicate answers skipped") {
		t.Errorf("reformatted answers: exit %d: %s%s", code, stdout, stderr)
	}
	// response_sha256 stays the hash of the bytes as received.
	if got := query(t, "", "SELECT response_sha256 FROM '"+filepath.Join(pq, "reports.parquet")+"'"); got[0] != testutil.FileSHA256(t, filepath.Join(same, "a.json")) {
		t.Errorf("response_sha256 %q", got)
	}
}

func compactJSON(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := json.Compact(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// asciiJSON is v as Python's json.dumps(v, sort_keys=True) writes it:
// sorted keys, ", " and ": ", every non-ASCII character escaped.
func asciiJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v) // sorted keys
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range string(data) {
		switch {
		case r > 0xFFFF:
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		case r > 0x7F:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return []byte(strings.ReplaceAll(strings.ReplaceAll(b.String(), `","`, `", "`), `":`, `": `))
}

// 6. An interrupted command exits 130 and says what was kept; the output
// is as it was.
func TestInterruptedInProcess(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "i.duckdb")
	code, stdout, stderr := runCLIWith(ctx, t, nil, "load", "--json", "-o", out, synthDir)
	if code != 130 || !strings.Contains(stderr, "creditetl: interrupted:") || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if r := decodeReport(t, stdout); r["status"] != "interrupted" || r["exit_code"] != 130.0 {
		t.Errorf("json %v", r)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was created", out)
	}
}

// 7. A dead endpoint (a closed port) stops extract after a few attempts:
// exit 1 with the reason, in well under a second per file.
func TestDeadEndpointCLI(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := "http://" + ln.Addr().String() + "/release/v2/credit_report"
	ln.Close()
	in := testutil.WriteScans(t, 20)
	start := time.Now()
	code, stdout, stderr := runEnv(context.Background(), t, testEnv, "extract", "--store", filepath.Join(t.TempDir(), "store"), "--endpoint", endpoint, "--retry-wait", "10ms", in)
	if code != 1 || !strings.Contains(stderr, "cannot be reached") || !strings.Contains(stderr, "connection refused") || !strings.Contains(stderr, "check --endpoint") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "not sent") {
		t.Errorf("summary %s", stdout)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("took %s", el)
	}
}

// 8. load and features show progress on stderr (log lines, or a bar when
// asked), nothing with -q.
func TestProgressLoadFeatures(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	code, _, stderr := runCLI(t, "load", "--progress", "bar", "-o", db, synthReport(1))
	if code != 0 || !strings.Contains(stderr, "load") || !strings.Contains(stderr, "100%") {
		t.Errorf("load bar: exit %d: %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "features", db, "--progress", "bar")
	if code != 0 || !strings.Contains(stderr, "features") || !strings.Contains(stderr, "steps") {
		t.Errorf("features bar: exit %d: %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "features", db, "-q"); code != 0 || stderr != "" {
		t.Errorf("features -q: exit %d: %q", code, stderr)
	}
}

// 9. Completion scripts and the man page.
func TestCompletionAndMan(t *testing.T) {
	for shell, want := range map[string]string{
		"bash": "complete -o bashdefault -o default -o nospace -F _creditetl_bash_autocomplete creditetl",
		"zsh":  "#compdef creditetl",
		"fish": "complete -c creditetl -n '__fish_creditetl_no_subcommand' -f -l verbose",
	} {
		code, stdout, stderr := runCLI(t, "completion", shell)
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("completion %s: exit %d: %s\n%.500s", shell, code, stderr, stdout)
		}
	}
	if code, _, stderr := runCLI(t, "completion", "tcsh"); code != 1 || !strings.Contains(stderr, "want bash, zsh or fish") {
		t.Errorf("completion tcsh: exit %d: %s", code, stderr)
	}
	// The shell asks the binary for the words that fit (urfave/cli reads
	// the word being completed from os.Args).
	args := os.Args
	defer func() { os.Args = args }()
	os.Args = []string{"creditetl", "lo", "--generate-bash-completion"}
	code, stdout, _ := runCLI(t, "lo", "--generate-bash-completion")
	if code != 0 || !strings.Contains(stdout, "load\n") || !strings.Contains(stdout, "extract\n") {
		t.Errorf("bash completion of commands: %q", stdout)
	}
	os.Args = []string{"creditetl", "load", "--ov", "--generate-bash-completion"}
	code, stdout, _ = runCLI(t, "load", "--ov", "--generate-bash-completion")
	if code != 0 || stdout != "--overwrite\n" {
		t.Errorf("bash completion of flags: %q", stdout)
	}
	os.Args = []string{"creditetl", "load", "--generate-bash-completion"}
	if code, stdout, _ = runCLI(t, "load", "--generate-bash-completion"); code != 0 || stdout != "" {
		t.Errorf("bash completion of load's INPUTs: %q, want nothing (the shell completes file names)", stdout)
	}
	code, stdout, _ = runCLI(t, "man")
	if code != 0 || !strings.Contains(stdout, ".SH NAME") || !strings.Contains(stdout, "creditetl") || !strings.Contains(stdout, "load") {
		t.Errorf("man: exit %d: %.300s", code, stdout)
	}
	code, stdout, _ = runCLI(t, "man", "--markdown")
	if code != 0 || !strings.Contains(stdout, "# NAME") {
		t.Errorf("man --markdown: exit %d: %.300s", code, stdout)
	}
}

// 12. Numeric flags refuse NaN, infinities and meaningless negatives.
func TestNumericFlags(t *testing.T) {
	in := testutil.WriteScans(t, 1)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"extract", "--qps", "NaN", in}, "--qps NaN: want a finite number"},
		{[]string{"extract", "--qps", "-1", in}, "--qps -1: want 0 (no limit) or more"},
		{[]string{"extract", "--retry-wait", "-1s", in}, "--retry-wait -1s: want a duration above 0"},
		{[]string{"extract", "--retry-wait", "0s", in}, "--retry-wait 0s: want a duration above 0"},
		{[]string{"extract", "--max-wait", "-5s", in}, "--max-wait -5s"},
		{[]string{"extract", "--timeout", "-1m", in}, "--timeout -1m0s"},
		{[]string{"extract", "--concurrency", "0", in}, "--concurrency 0: want 1 or more"},
		{[]string{"extract", "--max-retries", "-2", in}, "--max-retries -2"},
		{[]string{"extract", "--max-calls", "-1", in}, "--max-calls -1"},
		{[]string{"run", "--sandbox", in, "--qps", "Inf"}, "--qps +Inf: want a finite number"},
		{[]string{"sandbox", "--fail-rate", "NaN"}, "--fail-rate NaN"},
		{[]string{"sandbox", "--fail-rate", "-0.5"}, "--fail-rate -0.5"},
		{[]string{"sandbox", "--latency", "-1s"}, "--latency"},
		{[]string{"synth", "-n", "0", "-o", t.TempDir()}, "-n 0: want 1 or more"},
	} {
		code, stdout, stderr := runEnv(context.Background(), t, testEnv, c.args...)
		if code != 1 || stdout != "" || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "Usage: creditetl") {
			t.Errorf("%v: exit %d, want 1 with %q:\n%s%s", c.args, code, c.want, stdout, stderr)
		}
	}
}

// helperCommand is the creditetl command line in a child process (the
// test binary itself, see TestHelperProcessCLI), with the test
// credentials.
func helperCommand(args ...string) (*exec.Cmd, *syncBuffer, *syncBuffer) {
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcessCLI$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "CREDITETL_TEST_HELPER=1", "CREDITETL_SECRET_ID="+testSecretID, "CREDITETL_SECRET_KEY="+testSecretKey)
	var stdout, stderr syncBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

// waitFor polls cond for up to 30 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// 6. Ctrl-C in a real process: the first one lets the call in flight
// finish, keeps its answer and exits 130 saying so; a second one quits at
// once.
func TestCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes; skipped with -short")
	}
	t.Run("once", func(t *testing.T) {
		sb, endpoint := testSandbox(t, sandbox.Options{LatencyMin: 700 * time.Millisecond})
		store := filepath.Join(t.TempDir(), "store")
		cmd, stdout, stderr := helperCommand("extract", "--store", store, "--endpoint", endpoint, "--concurrency", "1", "--qps", "0", "--progress", "off", testutil.WriteScans(t, 3))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the first call", func() bool { return sb.Counts().Requests >= 1 })
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != 130 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		for _, want := range []string{"finishing cleanly", "creditetl: interrupted: extract: stopped: every answer that arrived is kept in " + store} {
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
			}
		}
		if !strings.Contains(stdout.String(), "1 stored") || !strings.Contains(stdout.String(), "2 not sent") {
			t.Errorf("summary:\n%s", stdout.String())
		}
		if entries, _ := os.ReadDir(filepath.Join(store, "responses")); len(entries) != 1 {
			t.Errorf("%d answers kept, want the one in flight", len(entries))
		}
	})
	t.Run("twice", func(t *testing.T) {
		sb, endpoint := testSandbox(t, sandbox.Options{LatencyMin: time.Minute})
		cmd, _, stderr := helperCommand("extract", "--store", filepath.Join(t.TempDir(), "store"), "--endpoint", endpoint, "--progress", "off", testutil.WriteScans(t, 1))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the call", func() bool { return sb.Counts().Requests >= 1 })
		start := time.Now()
		cmd.Process.Signal(os.Interrupt)
		waitFor(t, "the first Ctrl-C to be heard", func() bool { return strings.Contains(stderr.String(), "finishing cleanly") })
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != 130 || time.Since(start) > 10*time.Second {
			t.Fatalf("exit %d after %s: %s", code, time.Since(start), stderr.String())
		}
		if !strings.Contains(stderr.String(), "quitting at once") {
			t.Errorf("stderr:\n%s", stderr.String())
		}
	})
}

// 10. The auditor's workbook from the command line: --headers zh names
// the sheets and writes the README and the dictionary in Chinese, labels
// are right per account type, empty tables are listed instead of getting
// sheets unless --all-sheets.
func TestWorkbookCLI(t *testing.T) {
	dir := t.TempDir()
	zh := filepath.Join(dir, "zh.xlsx")
	if code, _, stderr := runCLI(t, "load", "-q", "--no-features", "--headers", "zh", "-o", zh, synthReport(1)); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(zh)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheets[0] != "说明" || sheets[1] != "数据字典" || !slices.Contains(sheets, "信贷账户") || slices.Contains(sheets, "accounts") {
		t.Errorf("sheets %q", sheets)
	}
	rows, _ := f.GetRows("信贷账户")
	if !slices.Contains(rows[0], "开立日期（C1：债权接收日期）") {
		t.Errorf("accounts headers %q", rows[0])
	}
	readme, _ := f.GetRows("说明")
	var empty string
	for _, r := range readme {
		if len(r) > 1 && r[0] == "无数据的表" {
			empty = r[1]
		}
	}
	if empty == "" || !strings.Contains(empty, "--all-sheets") {
		t.Errorf("README lists no empty table: %q", readme)
	}

	all := filepath.Join(dir, "all.xlsx")
	if code, _, stderr := runCLI(t, "load", "-q", "--no-features", "--all-sheets", "-o", all, synthReport(1)); code != 0 {
		t.Fatalf("--all-sheets: exit %d: %s", code, stderr)
	}
	g, err := excelize.OpenFile(all)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if n := len(g.GetSheetList()); n != len(schema.Tables())+2 {
		t.Errorf("--all-sheets: %d sheets for %d tables", n, len(schema.Tables()))
	}
}
