package rules

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "creditetl"

// allowed lists, for every package of the module, the project packages its
// non-test files may import. Dependencies point inward to schema; the
// stages (extract, transform, load, features, input) do not import each
// other except features → load and sql; only the pipeline and the CLI wire
// stages together. A new package needs a line here: the test fails until
// its rules are written down.
var allowed = map[string][]string{
	"schema":            {},
	"sql":               {},
	"internal/fsutil":   {},
	"internal/progress": {},
	"input":             {"schema", "input/*"},
	"input/*":           {"schema"},
	"transform":         {"schema"},
	"extract":           {"schema", "internal/fsutil", "internal/progress"},
	"load":              {"schema", "internal/fsutil", "internal/progress"},
	"features":          {"schema", "load", "sql", "internal/fsutil", "internal/progress"},
	"synth":             {"schema"},
	"sandbox":           {"extract", "synth"},
	"internal/pipeline": {"schema", "input", "transform", "extract", "load", "features", "internal/progress", "internal/fsutil"},
	"cmd/creditetl":     {"schema", "input", "transform", "extract", "load", "features", "sql", "sandbox", "synth", "internal/pipeline", "internal/progress"},
	// Helpers of tests and benchmarks only.
	"internal/testutil":  {"schema"},
	"internal/benchutil": {"synth"},
	"internal/rules":     {},
	"scripts/*":          {}, // benchmark helpers: DuckDB only
}

// testOnly packages may be imported by tests and by each other, never by a
// package's own code.
var testOnly = []string{"internal/testutil", "internal/benchutil"}

type pkg struct {
	ImportPath string
	Imports    []string
}

// rule finds the rule of a package: its own line, or the line of its
// parent with /*.
func rule(rel string) ([]string, bool) {
	if r, ok := allowed[rel]; ok {
		return r, true
	}
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		r, ok := allowed[rel[:i]+"/*"]
		return r, ok
	}
	return nil, false
}

func matches(patterns []string, rel string) bool {
	for _, p := range patterns {
		if p == rel || (strings.HasSuffix(p, "/*") && strings.HasPrefix(rel, strings.TrimSuffix(p, "*")) && !strings.Contains(rel[len(p)-1:], "/")) {
			return true
		}
	}
	return false
}

// violations checks the packages against the rules.
func violations(pkgs []pkg) []string {
	var out []string
	for _, p := range pkgs {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		allow, ok := rule(rel)
		if !ok {
			out = append(out, p.ImportPath+": no import rule (add one to internal/rules)")
			continue
		}
		for _, imp := range p.Imports {
			if imp != module && !strings.HasPrefix(imp, module+"/") {
				continue
			}
			target := strings.TrimPrefix(imp, module+"/")
			switch {
			case slices.Contains(testOnly, target) && !slices.Contains(testOnly, rel):
				out = append(out, p.ImportPath+" imports "+imp+", a helper of tests only")
			case !matches(allow, target):
				out = append(out, p.ImportPath+" imports "+imp+": not allowed (allowed: "+strings.Join(allow, ", ")+")")
			}
		}
	}
	return out
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	touchSources(t)
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v: %s", err, stderr.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	return pkgs
}

// touchSources reads the module's folders and stats its Go files, so that
// go test's cache (which records the files a test opens, not what go list
// reads in a subprocess) reruns this test when a source changes.
func touchSources(t *testing.T) {
	t.Helper()
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			_, err = os.Stat(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImportRules fails when a package imports what its rule does not allow.
func TestImportRules(t *testing.T) {
	for _, v := range violations(listPackages(t)) {
		t.Error(v)
	}
}

// The rules catch what they are for: a forbidden import, a helper of tests
// imported by code, a package without a rule.
func TestImportRulesCatch(t *testing.T) {
	bad := []pkg{
		{ImportPath: "creditetl/schema", Imports: []string{"fmt", "creditetl/transform"}},
		{ImportPath: "creditetl/load", Imports: []string{"creditetl/features"}},
		{ImportPath: "creditetl/transform", Imports: []string{"creditetl/load"}},
		{ImportPath: "creditetl/extract", Imports: []string{"creditetl/synth"}},
		{ImportPath: "creditetl/load", Imports: []string{"creditetl/internal/testutil"}},
		{ImportPath: "creditetl/input/pboc", Imports: []string{"creditetl/transform"}},
		{ImportPath: "creditetl/newthing", Imports: nil},
	}
	got := violations(bad)
	if len(got) != len(bad) {
		t.Errorf("%d violations for %d bad packages:\n%s", len(got), len(bad), strings.Join(got, "\n"))
	}
	good := []pkg{
		{ImportPath: "creditetl/features", Imports: []string{"creditetl/load", "creditetl/sql", "creditetl/schema"}},
		{ImportPath: "creditetl/input", Imports: []string{"creditetl/input/pboc"}},
		{ImportPath: "creditetl/input/pboc", Imports: []string{"creditetl/schema"}},
	}
	if got := violations(good); len(got) > 0 {
		t.Errorf("allowed imports refused:\n%s", strings.Join(got, "\n"))
	}
}
