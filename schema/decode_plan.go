package schema

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unsafe"
)

// Decoding plans. Each object type of the report (any struct following the
// tag conventions of report.go: Scalar leaves, struct and slice-of-struct
// children named by their json tag, an embedded Meta) gets one plan, compiled
// once from its reflect.Type: for every key the field's offset and shape. The
// decoder writes fields through these offsets, so no reflection runs per
// field; reflect is used once per list (to allocate the slice).

type fieldShape uint8

const (
	shapeScalar fieldShape = iota
	shapeStruct
	shapeSlice
)

type fieldPlan struct {
	name  string
	off   uintptr
	shape fieldShape
	// sub is the plan of the struct (shapeStruct) or of the slice element
	// (shapeSlice).
	sub *structPlan
	// For shapeSlice: the slice type, its element size, and the length of the
	// last list decoded for this field (a capacity hint; any value is correct).
	sliceType reflect.Type
	elemSize  uintptr
	capHint   int32 // read and written with sync/atomic
}

type structPlan struct {
	typ     reflect.Type
	metaOff uintptr
	fields  []fieldPlan
	byName  map[string]int
}

var (
	scalarType = reflect.TypeFor[Scalar]()
	metaType   = reflect.TypeFor[Meta]()

	planMu sync.Mutex
	plans  sync.Map // reflect.Type → *structPlan, complete plans only

	reportPlan = sync.OnceValue(func() *structPlan { return planOf(reflect.TypeFor[Report]()) })
)

// planOf returns the plan of a struct type, compiling it (and the plans of
// every type it contains) on first use. It panics on a type that breaks the
// conventions: that is a programming error in report.go, found by any test.
func planOf(t reflect.Type) *structPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*structPlan)
	}
	planMu.Lock()
	defer planMu.Unlock()
	building := map[reflect.Type]*structPlan{}
	p := compilePlan(t, building)
	for t, p := range building {
		plans.Store(t, p)
	}
	return p
}

func compilePlan(t reflect.Type, building map[reflect.Type]*structPlan) *structPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*structPlan)
	}
	if p, ok := building[t]; ok {
		return p // a recursive type: the plan is being filled in
	}
	if t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("schema: %s is not a struct, cannot decode an object into it", t))
	}
	p := &structPlan{typ: t, metaOff: ^uintptr(0), byName: map[string]int{}}
	building[t] = p
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == metaType {
			p.metaOff = f.Offset
			continue
		}
		name := jsonName(f)
		if name == "" {
			continue
		}
		if !f.IsExported() {
			panic(fmt.Sprintf("schema: field %s.%s is not exported", t.Name(), f.Name))
		}
		if _, dup := p.byName[name]; dup {
			panic(fmt.Sprintf("schema: %s has two fields for key %q", t.Name(), name))
		}
		fp := fieldPlan{name: name, off: f.Offset}
		switch {
		case f.Type == scalarType:
			fp.shape = shapeScalar
		case f.Type.Kind() == reflect.Struct:
			fp.shape = shapeStruct
			fp.sub = compilePlan(f.Type, building)
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct && f.Type.Elem() != scalarType:
			fp.shape = shapeSlice
			fp.sliceType = f.Type
			fp.elemSize = f.Type.Elem().Size()
			fp.sub = compilePlan(f.Type.Elem(), building)
		default:
			panic(fmt.Sprintf("schema: field %s.%s has unsupported type %s", t.Name(), f.Name, f.Type))
		}
		p.byName[name] = len(p.fields)
		p.fields = append(p.fields, fp)
	}
	if p.metaOff == ^uintptr(0) {
		panic(fmt.Sprintf("schema: %s does not embed Meta: every object type must, so that nothing is lost", t.Name()))
	}
	return p
}

func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	if tag == "-" || tag == "" {
		return ""
	}
	name, _, _ := strings.Cut(tag, ",")
	return name
}

// lookup finds the field of a key. Keys usually come in the order of the
// struct (the order of response-example.json), some left out, so the fields
// after the previous match are tried first.
func (p *structPlan) lookup(key string, hint int) int {
	for i, n := hint, min(hint+6, len(p.fields)); i < n; i++ {
		if p.fields[i].name == key {
			return i
		}
	}
	if i, ok := p.byName[key]; ok {
		return i
	}
	return -1
}

func (p *structPlan) meta(base unsafe.Pointer) *Meta {
	return (*Meta)(unsafe.Add(base, p.metaOff))
}
