package schema_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"syscall"
	"testing"
	"time"

	json "github.com/goccy/go-json"

	"creditetl/internal/benchutil"
	"creditetl/schema"
	"creditetl/synth"
)

// The decoder's benchmarks run on the first benchReports reports of the
// synth benchmark corpus (internal/benchutil), read into memory first, so
// that they measure decoding, not the disk:
//
//	go test ./schema -run '^$' -bench 'Decode' -count 5
//
// BenchmarkDecode is schema.Decode. BenchmarkDecodeTree is the decoder it
// replaced (goccy/go-json into map[string]any, then reflection).
// BenchmarkDecodeBare is the practical upper bound of issue 12: one plain
// goccy/go-json pass over the same bytes into structs of the same shape.
const benchReports = 200

var benchCorpus = sync.OnceValues(func() ([][]byte, error) {
	dir, _, err := benchutil.Corpus(1000)
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for i := 1; i <= benchReports; i++ {
		b, err := os.ReadFile(filepath.Join(dir, synth.ReportName(i)))
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
})

func benchDecoder(b *testing.B, decode func([]byte) error) {
	corpus, err := benchCorpus()
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, d := range corpus {
		size += int64(len(d))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range corpus {
			if err := decode(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(corpus)*b.N)/b.Elapsed().Seconds(), "reports/s")
	// The machine is shared: CPU time (all threads, GC included) moves less
	// than wall time when other processes compete for the cores.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}

// cpuTime is the CPU time (user + system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkDecode(b *testing.B) {
	benchDecoder(b, func(d []byte) error {
		_, err := schema.Decode(d)
		return err
	})
}

func BenchmarkDecodeTree(b *testing.B) {
	benchDecoder(b, func(d []byte) error {
		_, err := schema.DecodeTree(d)
		return err
	})
}

// BenchmarkDecodeBare decodes with goccy/go-json's Unmarshal into a parallel
// of the report's types, built by reflection from them: the same json keys
// and nesting, every Scalar replaced by bareScalar (the same two fields,
// with an UnmarshalJSON, since a leaf may be a string or a number), no Meta.
// It does less than Decode (no unknown keys kept, no tolerance of lists for
// objects or the other way round, no duplicate or UTF-8 checks) and is the
// practical upper bound of a reflection-free single pass with the library
// the project already uses. goccy hands UnmarshalJSON a copy of the value's
// bytes; that is the cost of a custom leaf type with this library.
func BenchmarkDecodeBare(b *testing.B) {
	t := bareType(reflect.TypeFor[schema.Report]())
	benchDecoder(b, func(d []byte) error {
		v := reflect.New(t).Interface()
		return json.Unmarshal(d, v)
	})
}

// BenchmarkDecodeBareAny is BenchmarkDecodeBare with every leaf an `any`
// (goccy's own string and json.Number values: a Decoder with UseNumber, as
// numbers must keep their text): the same bound without a custom leaf type.
func BenchmarkDecodeBareAny(b *testing.B) {
	t := bareTypeWith(reflect.TypeFor[schema.Report](), reflect.TypeFor[any](), map[reflect.Type]reflect.Type{})
	benchDecoder(b, func(d []byte) error {
		dec := json.NewDecoder(bytes.NewReader(d))
		dec.UseNumber()
		return dec.Decode(reflect.New(t).Interface())
	})
}

// bareScalar is schema.Scalar with the decoding goccy/go-json needs.
type bareScalar struct {
	Raw  string
	Kind schema.JSONKind
}

func (s *bareScalar) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case '"':
		if bytes.IndexByte(b, '\\') < 0 {
			s.Raw, s.Kind = string(b[1:len(b)-1]), schema.String
			return nil
		}
		s.Kind = schema.String
		return json.Unmarshal(b, &s.Raw)
	case 'n':
		s.Kind = schema.Null
	case 't', 'f':
		s.Raw, s.Kind = string(b), schema.Bool
	case '{', '[':
		return fmt.Errorf("not a scalar")
	default:
		s.Raw, s.Kind = string(b), schema.Number
	}
	return nil
}

func bareType(t reflect.Type) reflect.Type {
	return bareTypeWith(t, reflect.TypeFor[bareScalar](), map[reflect.Type]reflect.Type{})
}

func bareTypeWith(t, leaf reflect.Type, done map[reflect.Type]reflect.Type) reflect.Type {
	if bt, ok := done[t]; ok {
		return bt
	}
	var fields []reflect.StructField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "" || tag == "-" {
			continue
		}
		ft := f.Type
		switch {
		case ft == reflect.TypeFor[schema.Scalar]():
			ft = leaf
		case ft.Kind() == reflect.Struct:
			ft = bareTypeWith(ft, leaf, done)
		case ft.Kind() == reflect.Slice:
			ft = reflect.SliceOf(bareTypeWith(ft.Elem(), leaf, done))
		}
		fields = append(fields, reflect.StructField{Name: f.Name, Type: ft, Tag: reflect.StructTag(`json:"` + tag + `"`)})
	}
	bt := reflect.StructOf(fields)
	done[t] = bt
	return bt
}

// The bare decode reads the benchmark corpus; check that it reads all of it
// (a leaf decoded where it belongs), or the bound means nothing.
func TestDecodeBareReadsCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the benchmark corpus")
	}
	data, err := synth.Marshal(synth.Report(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := schema.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	v := reflect.New(bareType(reflect.TypeFor[schema.Report]()))
	if err := json.Unmarshal(data, v.Interface()); err != nil {
		t.Fatal(err)
	}
	got := v.Elem().FieldByName("CreditTransInfoDetail").FieldByName("AcyclicCreditAccount")
	want := rep.CreditTransInfoDetail.AcyclicCreditAccount
	if got.Len() != len(want) || got.Len() == 0 {
		t.Fatalf("bare decode: %d D1 accounts, Decode %d", got.Len(), len(want))
	}
	if g := got.Index(0).FieldByName("ManageCompany").FieldByName("Raw").String(); g != want[0].ManageCompany.Raw {
		t.Fatalf("bare decode: institution %q, Decode %q", g, want[0].ManageCompany.Raw)
	}
}
