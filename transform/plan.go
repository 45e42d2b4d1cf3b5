package transform

import (
	"reflect"
	"strings"
	"sync"
	"unsafe"

	"creditetl/schema"
)

// The plans are compiled once from schema.Tree(): for every row context (the
// report, report_summary, each list's elements) the leaves it types, the
// objects whose Meta it keeps, and its child lists. Each place in the report
// is found by its byte offset from the context's struct, computed here from
// the Go types, so that flattening a report runs no reflection (idx, the
// field index path, is kept for the reference flattener of the tests).

type ctxPlan struct {
	id       int // index of the Flattener's row buffer for this context
	table    *schema.Table
	tableIdx int // index of table in schema.Tables()
	scalars  []scalarOp
	metas    []metaOp
	children []*childOp
	// shared is set when several leaves feed one column (account states).
	shared bool

	colReport, colLoad, colSeq, colAccountID, colAccountType int
	// colInstitution and colInstitutionType are set (>= 0) on the tables
	// with a derived institution_type (CONTRACT section 5.1).
	colInstitution, colInstitutionType int
}

type scalarOp struct {
	idx    []int
	off    uintptr // of the Scalar
	col    int
	column string
	kind   schema.Kind
	path   string
}

type metaOp struct {
	idx  []int
	off  uintptr // of the object's Meta
	node *schema.Node
}

type childOp struct {
	idx  []int
	off  uintptr // of the struct (an object) or of the slice (a list or grid)
	node *schema.Node
	plan *ctxPlan
	grid *gridPlan

	elemSize, elemMetaOff uintptr // list elements
	// The list's constant columns: their values, their columns, the
	// account_type among them, and the values joined for row keys.
	constVals      []string
	constCols      []int
	accountType    string
	hasAccountType bool
	constKey       string
}

type gridPlan struct {
	table                                            *schema.Table
	tableIdx                                         int
	yearCtx, cellCtx                                 *ctxPlan // for Meta of year blocks and cells
	yearIdx, cellsIdx, monthIdx, amountIdx, stateIdx []int
	yearPath, monthPath, amountPath                  string

	yearSize, yearMetaOff, yearOff, cellsOff  uintptr // in a year block
	cellSize, cellMetaOff, monthOff, stateOff uintptr // in a cell
	amountOff                                 uintptr
	hasAmount                                 bool

	colReport, colLoad, colAccountID, colAccountType, colPeriod       int
	colYear, colMonth, colState, colAmount, colDetailSeq, colMonthSeq int
}

var (
	rootPlan    *ctxPlan
	nCtx        int // contexts compiled (row buffers a Flattener needs)
	compileSync sync.Once

	metaType = reflect.TypeFor[schema.Meta]()
)

func compileOnce() {
	compileSync.Do(func() { rootPlan = compileCtx(schema.Tree()) })
}

func tableIndex(t *schema.Table) int {
	for i, x := range schema.Tables() {
		if x == t {
			return i
		}
	}
	panic("transform: table " + t.Name + " is not in schema.Tables()")
}

func newCtx(t *schema.Table) *ctxPlan {
	p := &ctxPlan{id: nCtx, table: t, tableIdx: tableIndex(t), colReport: t.Col("report_id"), colLoad: t.Col("load_id"), colSeq: t.Col("seq"),
		colAccountID: t.Col("account_id"), colAccountType: t.Col("account_type"),
		colInstitution: -1, colInstitutionType: t.Col("institution_type")}
	nCtx++
	if p.colInstitutionType >= 0 {
		p.colInstitution = t.Col("institution")
		if p.colInstitution < 0 {
			panic("transform: table " + t.Name + " has institution_type but no institution")
		}
	}
	return p
}

// metaOffset is the offset of the Meta every object type embeds.
func metaOffset(t reflect.Type) uintptr {
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.Type == metaType {
			return f.Offset
		}
	}
	panic("transform: " + t.String() + " does not embed schema.Meta")
}

func compileCtx(n *schema.Node) *ctxPlan {
	p := newCtx(schema.TableByName(n.Table))
	p.metas = append(p.metas, metaOp{idx: nil, off: metaOffset(n.Type), node: n})
	compileInto(p, n, nil, 0)
	seen := map[int]bool{}
	for _, s := range p.scalars {
		if seen[s.col] {
			p.shared = true
		}
		seen[s.col] = true
	}
	return p
}

// compileInto adds the children of n, an object at offset base of the
// context's struct, to p.
func compileInto(p *ctxPlan, n *schema.Node, prefix []int, base uintptr) {
	for _, c := range n.Children {
		idx := append(append([]int{}, prefix...), c.Index)
		off := base + n.Type.Field(c.Index).Offset
		switch c.Shape {
		case schema.ShapeScalar:
			p.scalars = append(p.scalars, scalarOp{idx: idx, off: off, col: p.table.Col(c.Column), column: c.Column, kind: c.Kind, path: c.Path})
		case schema.ShapeObject:
			if c.NewRow {
				p.children = append(p.children, &childOp{idx: idx, off: off, node: c, plan: compileCtx(c)})
				continue
			}
			p.metas = append(p.metas, metaOp{idx: idx, off: off + metaOffset(c.Type), node: c})
			compileInto(p, c, idx, off)
		case schema.ShapeList:
			ch := &childOp{idx: idx, off: off, node: c, plan: compileCtx(c),
				elemSize: c.Type.Size(), elemMetaOff: metaOffset(c.Type)}
			for _, kv := range c.Consts {
				ch.constVals = append(ch.constVals, kv[1])
				ch.constCols = append(ch.constCols, ch.plan.table.Col(kv[0]))
				if kv[0] == "account_type" {
					ch.accountType, ch.hasAccountType = kv[1], true
				}
			}
			ch.constKey = strings.Join(ch.constVals, ":")
			p.children = append(p.children, ch)
		case schema.ShapeGrid:
			p.children = append(p.children, &childOp{idx: idx, off: off, node: c, grid: compileGrid(c)})
		}
	}
}

func compileGrid(n *schema.Node) *gridPlan {
	t := schema.TableByName(n.Table)
	g := &gridPlan{table: t, tableIdx: tableIndex(t),
		colReport: t.Col("report_id"), colLoad: t.Col("load_id"), colAccountID: t.Col("account_id"), colAccountType: t.Col("account_type"),
		colPeriod: t.Col("period"), colYear: t.Col("year"), colMonth: t.Col("month"), colState: t.Col("state"), colAmount: t.Col("amount"),
		colDetailSeq: t.Col("detail_seq"), colMonthSeq: t.Col("month_seq"),
		yearSize: n.Type.Size(), yearMetaOff: metaOffset(n.Type)}
	g.yearCtx = &ctxPlan{table: t, metas: []metaOp{{node: n, off: g.yearMetaOff}}}
	for _, c := range n.Children {
		switch {
		case c.Shape == schema.ShapeScalar && c.Column == "year":
			g.yearIdx, g.yearPath = []int{c.Index}, c.Path
			g.yearOff = n.Type.Field(c.Index).Offset
		case c.Shape == schema.ShapeGridCells:
			g.cellsIdx = []int{c.Index}
			g.cellsOff = n.Type.Field(c.Index).Offset
			g.cellSize, g.cellMetaOff = c.Type.Size(), metaOffset(c.Type)
			g.cellCtx = &ctxPlan{table: t, metas: []metaOp{{node: c, off: g.cellMetaOff}}}
			for _, m := range c.Children {
				off := c.Type.Field(m.Index).Offset
				switch m.Column {
				case "month":
					g.monthIdx, g.monthPath, g.monthOff = []int{m.Index}, m.Path, off
				case "amount":
					g.amountIdx, g.amountPath, g.amountOff, g.hasAmount = []int{m.Index}, m.Path, off, true
				case "state":
					g.stateIdx, g.stateOff = []int{m.Index}, off
				}
			}
		}
	}
	if g.yearIdx == nil || g.cellsIdx == nil || g.monthIdx == nil || g.stateIdx == nil {
		panic("transform: grid " + n.Path + " lacks year, month or state")
	}
	return g
}

// sliceHeader is the layout of any Go slice, to walk a list of a type known
// only by its size.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// elem returns element i of the slice at p whose elements are size bytes.
func (h *sliceHeader) elem(i int, size uintptr) unsafe.Pointer {
	return unsafe.Add(h.data, uintptr(i)*size)
}
