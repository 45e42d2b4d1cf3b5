package transform

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"

	"creditetl/schema"
	"creditetl/synth"
)

// The flattener gives exactly the Arrow batches of the reference flattener
// (flatten_ref_test.go, the code it replaced), with the same stats, on the
// seed (every leaf a reject), every testdata file, synth reports with and
// without defects, and the fuzz seeds.
func TestFlattenDifferential(t *testing.T) {
	var inputs [][]byte
	inputs = append(inputs, schema.SeedExample())
	for _, s := range flattenSeeds {
		inputs = append(inputs, []byte(s))
	}
	for _, dir := range []string{"synth", "features", "mixed"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*.json*"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(f, ".jsonl") {
				inputs = append(inputs, data)
				continue
			}
			sc := bufio.NewScanner(bytes.NewReader(data))
			for sc.Scan() {
				inputs = append(inputs, append([]byte(nil), sc.Bytes()...))
			}
		}
	}
	n := 400
	if testing.Short() {
		n = 60
	}
	for i := 1; i <= n; i++ {
		r := synth.Report(int64(i%5), i)
		if i%4 == 0 {
			data, _, err := synth.WithDefects(r)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, data)
			continue
		}
		data, err := synth.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, data)
	}

	got, want := NewFlattener("L", nil), newRefFlattener("L", nil)
	defer got.Release()
	defer want.Release()
	compare := func(at int) {
		gb, wb := got.Flush(), want.Flush()
		defer func() {
			for _, b := range append(gb, wb...) {
				b.Record.Release()
			}
		}()
		if len(gb) != len(wb) {
			t.Fatalf("before input %d: %d batches, reference %d", at, len(gb), len(wb))
		}
		for i := range gb {
			if gb[i].Table != wb[i].Table || !array.RecordEqual(gb[i].Record, wb[i].Record) || !gb[i].Record.Schema().Equal(wb[i].Record.Schema()) {
				t.Fatalf("before input %d: batch of %s differs from the reference", at, gb[i].Table.Name)
			}
		}
	}
	decoded := 0
	for i, data := range inputs {
		rep, err := schema.Decode(data)
		if err != nil {
			continue
		}
		decoded++
		src := Source{Format: "ocr", File: fmt.Sprintf("r%d.json", i), Line: i % 3, SHA256: strings.Repeat("Ab", 32),
			ResponseSHA256: strings.Repeat("cd", 32), ExtractedAt: time.Unix(int64(i)*1000, 0)}
		gs, ws := got.Add(rep, src), want.Add(rep, src)
		if !reflect.DeepEqual(gs, ws) {
			t.Fatalf("input %d: stats %+v, reference %+v", i, gs, ws)
		}
		if got.Buffered() != want.Buffered() {
			t.Fatalf("input %d: %d rows buffered, reference %d", i, got.Buffered(), want.Buffered())
		}
		if i%37 == 0 {
			compare(i)
		}
	}
	compare(len(inputs))
	if decoded < n {
		t.Fatalf("only %d inputs decoded", decoded)
	}
}
