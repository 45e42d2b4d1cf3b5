package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"creditetl/schema"
)

var update = flag.Bool("update", false, "rewrite generated docs and golden files")

// runCLI runs the app as main does and returns the exit status and outputs.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runCLIWith(context.Background(), t, nil, args...)
}

// runCLIWith runs the app with a context and a standard input.
func runCLIWith(ctx context.Context, t *testing.T, stdin io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	app := NewApp(Options{Stdin: stdin, Stdout: &out, Stderr: &errb, Now: func() time.Time { return time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC) }})
	err := app.RunContext(ctx, append([]string{"creditetl"}, args...))
	code = exitCode(ctx, err, &errb)
	return code, out.String(), errb.String()
}

// creditetl schema --format json lists every one of the seed's 517 leaf
// paths with a table and a column, plus the paths the seed shows on another
// account type only (CONTRACT section 4's sibling shapes), each landing where
// its sibling does.
func TestSchemaJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "schema", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var raw []map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	// Text fields as strings; "personal" is a boolean on personal columns.
	var entries []map[string]string
	personal := map[string]bool{}
	for _, r := range raw {
		e := map[string]string{}
		for k, v := range r {
			if s, ok := v.(string); ok {
				e[k] = s
			} else if k == "personal" && v == true {
				personal[fmt.Sprint(r["table"], ".", r["column"])] = true
			}
		}
		entries = append(entries, e)
	}
	for _, c := range []string{"reports.name", "reports.id_number", "phones.phone", "accounts.account_number", "residences.address"} {
		if !personal[c] {
			t.Errorf("%s is not marked personal", c)
		}
	}
	if personal["accounts.balance"] || personal["reports.report_date"] {
		t.Errorf("non-personal columns marked personal: %v", personal)
	}
	var seed any
	json.Unmarshal(schema.SeedExample(), &seed)
	want := map[string]bool{}
	var walk func(v any, p string)
	walk = func(v any, p string) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if p == "" {
					walk(e, k)
				} else {
					walk(e, p+"."+k)
				}
			}
		case []any:
			for _, e := range x {
				walk(e, p+"[]")
			}
		default:
			want[p] = true
		}
	}
	walk(seed, "")
	// Entries without a path are interface-only fields (no OCR key): they
	// name their interface fields, table and column.
	var ocr []map[string]string
	for _, e := range entries {
		if e["path"] != "" {
			ocr = append(ocr, e)
		} else if e["interface"] == "" || e["table"] == "" || e["column"] == "" {
			t.Errorf("entry without path nor interface field: %v", e)
		}
	}
	if len(want) != 517 {
		t.Fatalf("seed leaves %d, want 517", len(want))
	}
	byPath := map[string]map[string]string{}
	for _, e := range ocr {
		byPath[e["path"]] = e
		for _, k := range []string{"path", "table", "column", "type", "label"} {
			if e[k] == "" {
				t.Errorf("%s: empty %s", e["path"], k)
			}
		}
	}
	siblings := 0
	for _, e := range ocr {
		if want[e["path"]] {
			delete(want, e["path"])
			continue
		}
		sib, ok := schema.SiblingOf(e["path"])
		if !ok {
			t.Errorf("unknown path %s", e["path"])
			continue
		}
		siblings++
		if s := byPath[sib]; s["table"] != e["table"] || s["column"] != e["column"] || s["type"] != e["type"] {
			t.Errorf("%s lands in %s.%s, its sibling %s in %s.%s", e["path"], e["table"], e["column"], sib, s["table"], s["column"])
		}
	}
	for p := range want {
		t.Errorf("path %s missing", p)
	}
	if len(ocr) != 517+siblings || siblings == 0 {
		t.Errorf("%d entries with a path: 517 seed paths and %d sibling paths", len(ocr), siblings)
	}
	for _, p := range []string{"creditTransInfoDetail.acyclicCreditAccount[].refundRecord.detail[].month[].state",
		"creditTransInfoDetail.cyclicalLoanAccount[].accountState.normal.surplusAmount"} {
		if byPath[p] == nil {
			t.Errorf("%s is not listed", p)
		}
	}
}

func TestSchemaFormats(t *testing.T) {
	if code, out, _ := runCLI(t, "schema"); code != 0 || !strings.Contains(out, "creditHeader.serialNo") {
		t.Errorf("table format: %d %q", code, out[:min(len(out), 200)])
	}
	if code, _, errOut := runCLI(t, "schema", "--format", "yaml"); code != 1 || !strings.Contains(errOut, "unknown --format") {
		t.Errorf("bad format: %d %s", code, errOut)
	}
}

// docs/tables.md is the output of `creditetl schema --format markdown`.
func TestDocsTablesCurrent(t *testing.T) {
	_, out, _ := runCLI(t, "schema", "--format", "markdown")
	checkGeneratedDoc(t, "tables.md", out)
}

// checkGeneratedDoc compares docs/name with what the CLI generates (and
// rewrites it with -update).
func checkGeneratedDoc(t *testing.T, name, generated string) {
	t.Helper()
	path := filepath.Join("..", "..", "docs", name)
	if *update {
		if err := os.WriteFile(path, []byte(generated), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != generated {
		t.Errorf("docs/%s is stale: run go test ./cmd/creditetl -run %s -update", name, t.Name())
	}
}

// Every command appears in --help.
func TestHelpListsCommands(t *testing.T) {
	_, out, _ := runCLI(t, "--help")
	for _, c := range []string{"run", "extract", "load", "features", "sandbox", "synth", "schema"} {
		if !strings.Contains(out, "   "+c+" ") {
			t.Errorf("--help lacks %s:\n%s", c, out)
		}
	}
}
