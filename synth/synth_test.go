package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"creditetl/schema"
)

func TestDeterminism(t *testing.T) {
	for _, i := range []int{0, 1, 6, 11, 37} {
		a, _ := Marshal(Report(42, i))
		b, _ := Marshal(Report(42, i))
		if !bytes.Equal(a, b) {
			t.Fatalf("Report(42, %d) differs between two calls", i)
		}
	}
	// A whole corpus, scans included, twice.
	d1, d2 := t.TempDir(), t.TempDir()
	for _, d := range []string{d1, d2} {
		if err := WriteCorpus(d, 6, 99, true); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range append(listDir(t, d1), listDir(t, filepath.Join(d1, "scans"))...) {
		rel, _ := filepath.Rel(d1, name)
		a, _ := os.ReadFile(name)
		b, err := os.ReadFile(filepath.Join(d2, rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Fatalf("%s differs between two runs (%v)", rel, err)
		}
	}
	// Another seed is another corpus.
	a, _ := Marshal(Report(1, 1))
	b, _ := Marshal(Report(2, 1))
	if bytes.Equal(a, b) {
		t.Fatal("seeds 1 and 2 give the same report 1")
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if !e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

var reSerial = regexp.MustCompile(`^\d{19}$`)

func TestSerialNumbers(t *testing.T) {
	seen := map[string]int{}
	missing := 0
	for i := 1; i <= 300; i++ {
		r := Report(3, i)
		s, ok := given(r.CreditHeader.SerialNo)
		if !ok {
			missing++
			continue
		}
		if !reSerial.MatchString(s) {
			t.Fatalf("report %d: serialNo %q is not 19 digits", i, s)
		}
		rt := mustDate(t, r.CreditHeader.ReportTime, "reportTime")
		if want := rt.t().Format("20060102"); s[:8] != want {
			t.Errorf("report %d: serialNo %s does not start with the report date %s", i, s, want)
		}
		if j, dup := seen[s]; dup {
			t.Fatalf("reports %d and %d share serialNo %s", j, i, s)
		}
		seen[s] = i
	}
	if missing < 4 || missing > 12 { // i ≡ 11 (mod 48): 7 of 300
		t.Errorf("%d of 300 reports without serialNo, want about 2%%", missing)
	}
}

func TestReportForBytes(t *testing.T) {
	a1, _ := Marshal(ReportForBytes([]byte("scan one")))
	a2, _ := Marshal(ReportForBytes([]byte("scan one")))
	if !bytes.Equal(a1, a2) {
		t.Fatal("same bytes, different reports")
	}
	serials := map[string]bool{}
	for k := range 200 {
		r := ReportForBytes([]byte{byte(k), byte(k >> 8), 'x'})
		s, ok := given(r.CreditHeader.SerialNo)
		if !ok {
			continue
		}
		if serials[s] {
			t.Fatalf("two inputs share serialNo %s", s)
		}
		serials[s] = true
	}
	if len(serials) < 180 {
		t.Errorf("only %d of 200 reports have a serialNo", len(serials))
	}
	// A synth scan is answered with its corpus report.
	for i := 1; i <= 3; i++ {
		_, scan, err := Scan(5, i)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := Marshal(ReportForBytes(scan))
		want, _ := Marshal(Report(5, i))
		if !bytes.Equal(got, want) {
			t.Errorf("scan %d: ReportForBytes is not Report(5, %d)", i, i)
		}
		if bytes.Equal(got, a1) {
			t.Error("scan report equals an unrelated report")
		}
	}
}

// TestDecodesClean: every generated report decodes with no unknown key and
// no value of the wrong shape, and every typed value reads per CONTRACT
// section 3 (no rejects).
func TestDecodesClean(t *testing.T) {
	for i, rep := range corpus(t) {
		walk(reflectOf(rep), "", func(path, kind string, sc schema.Scalar) {
			if p := checkValue(kind, sc); p != "" {
				t.Errorf("report %d: %s = %q (%s)", i+1, path, sc.Raw, p)
			}
		}, func(path string, m *schema.Meta) {
			if len(m.Unknown) > 0 || len(m.Invalid) > 0 {
				t.Errorf("report %d: %s: unknown %v, invalid %v", i+1, path, m.Unknown, m.Invalid)
			}
		})
		if t.Failed() {
			return
		}
	}
}

func TestMarshalShape(t *testing.T) {
	b, err := Marshal(Report(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("{\n  \"creditHeader\": {\n")) || !bytes.HasSuffix(b, []byte("}\n")) {
		t.Errorf("unexpected layout: %.60q … %q", b, b[len(b)-4:])
	}
	// The generated keys are a subset of the seed's: marshal the seed through
	// the same types and compare key paths.
	seed, err := schema.Decode(schema.SeedExample())
	if err != nil {
		t.Fatal(err)
	}
	seedKeys := map[string]bool{}
	walk(reflectOf(seed), "", func(path, _ string, sc schema.Scalar) {
		if sc.Given() {
			seedKeys[stripIdx(path)] = true
		}
	}, func(string, *schema.Meta) {})
	for i := 1; i <= 40; i++ {
		rep, _ := decoded(t, 1, i)
		walk(reflectOf(rep), "", func(path, _ string, sc schema.Scalar) {
			if sc.Kind != schema.Missing && !seedKeys[stripIdx(path)] {
				t.Errorf("report %d: %s is not a key of the seed", i, path)
			}
		}, func(string, *schema.Meta) {})
	}
}

var reIdx = regexp.MustCompile(`\[\d+\]`)

func stripIdx(p string) string { return reIdx.ReplaceAllString(p, "[]") }

func TestWithDefects(t *testing.T) {
	for _, i := range []int{1, 6} { // a full report and an empty one
		b, defects, err := WithDefects(Report(1, i))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := schema.Decode(b)
		if err != nil {
			t.Fatalf("report %d with defects does not decode: %v", i, err)
		}
		if len(defects) != 4 {
			t.Fatalf("%d defects", len(defects))
		}
		if len(rep.Meta.Unknown) != 1 || rep.Meta.Unknown[0].Key != "ocrConfidence" {
			t.Errorf("unknown keys: %v", rep.Meta.Unknown)
		}
		if inv := rep.PersonBasicInfo.Meta.Invalid; len(inv) != 1 || inv[0].Key != "livedInfos" {
			t.Errorf("invalid values: %v", inv)
		}
		var bad []string
		walk(reflectOf(rep), "", func(path, kind string, sc schema.Scalar) {
			if checkValue(kind, sc) != "" {
				bad = append(bad, path+"="+sc.Raw)
			}
		}, func(string, *schema.Meta) {})
		if len(bad) != 2 || bad[0] != defects[0].Path+"="+defects[0].Raw || bad[1] != defects[1].Path+"="+defects[1].Raw {
			t.Errorf("unreadable values %v, want the two injected ones", bad)
		}
	}
	// The report passed in is untouched.
	r := Report(1, 1)
	before, _ := Marshal(r)
	WithDefects(r)
	after, _ := Marshal(r)
	if !bytes.Equal(before, after) {
		t.Error("WithDefects modified its argument")
	}
}
