package synth

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"creditetl/schema"
)

// The committed fixtures: testdata/synth (12 reports of seed 1) and
// testdata/scans (3 scans of seed 1: a PDF, a PNG, a JPEG). Regenerate with
//
//	go test ./synth -run TestFixtures -update
var update = flag.Bool("update", false, "rewrite the committed fixtures under ../testdata")

const (
	fixtureSeed    = 1
	fixtureReports = 12
	fixtureScans   = 3
	reportsDir     = "../testdata/synth"
	scansDir       = "../testdata/scans"
)

func TestFixtures(t *testing.T) {
	if *update {
		if err := WriteCorpus(reportsDir, fixtureReports, fixtureSeed, false); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(scansDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= fixtureScans; i++ {
			name, b, err := Scan(fixtureSeed, i)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(scansDir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	const regen = "; regenerate with: go test ./synth -run TestFixtures -update"
	// Exactly the generator's output, and nothing stale beside it.
	want := map[string][]byte{}
	for i := 1; i <= fixtureReports; i++ {
		b, err := Marshal(Report(fixtureSeed, i))
		if err != nil {
			t.Fatal(err)
		}
		want[filepath.Join(reportsDir, ReportName(i))] = b
	}
	for i := 1; i <= fixtureScans; i++ {
		name, b, err := Scan(fixtureSeed, i)
		if err != nil {
			t.Fatal(err)
		}
		want[filepath.Join(scansDir, name)] = b
	}
	for path, b := range want {
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v%s", err, regen)
			continue
		}
		if !bytes.Equal(got, b) {
			t.Errorf("%s is not what the generator writes%s", path, regen)
		}
	}
	for _, dir := range []string{reportsDir, scansDir} {
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			p := filepath.Join(dir, e.Name())
			if (strings.HasPrefix(e.Name(), "report-") || strings.HasPrefix(e.Name(), "scan-")) && want[p] == nil {
				t.Errorf("%s is stale: the generator does not write it%s", p, regen)
			}
		}
	}

	// What the fixture set must cover.
	types := map[string]bool{}
	empty, noSerial := 0, 0
	for i := 1; i <= fixtureReports; i++ {
		rep, err := schema.Decode(want[filepath.Join(reportsDir, ReportName(i))])
		if err != nil {
			t.Fatal(err)
		}
		as := accounts(t, rep)
		for _, a := range as {
			types[a.typ] = true
		}
		if len(as) == 0 {
			empty++
		}
		if _, ok := given(rep.CreditHeader.SerialNo); !ok {
			noSerial++
		}
	}
	for _, typ := range []string{tC1, tD1, tR4, tR1, tR2, tR3} {
		if !types[typ] {
			t.Errorf("no %s account in the fixtures", typ)
		}
	}
	if empty == 0 || noSerial == 0 {
		t.Errorf("fixtures: %d empty reports, %d without serialNo; want at least one of each", empty, noSerial)
	}
}
