package transform

import (
	"sync"

	"creditetl/schema"
)

// The plans are compiled once from schema.Tree(): for every row context (the
// report, report_summary, each list's elements) the leaves it types, the
// objects whose Meta it keeps, and its child lists.

type ctxPlan struct {
	table    *schema.Table
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
	col    int
	column string
	kind   schema.Kind
	path   string
}

type metaOp struct {
	idx  []int
	node *schema.Node
}

type childOp struct {
	idx  []int
	node *schema.Node
	plan *ctxPlan
	grid *gridPlan
}

type gridPlan struct {
	table                                            *schema.Table
	yearCtx, cellCtx                                 *ctxPlan // for Meta of year blocks and cells
	yearIdx, cellsIdx, monthIdx, amountIdx, stateIdx []int
	yearPath, monthPath, amountPath                  string

	colReport, colLoad, colAccountID, colAccountType, colPeriod       int
	colYear, colMonth, colState, colAmount, colDetailSeq, colMonthSeq int
}

var (
	rootPlan    *ctxPlan
	compileSync sync.Once
)

func compileOnce() {
	compileSync.Do(func() { rootPlan = compileCtx(schema.Tree()) })
}

func newCtx(t *schema.Table) *ctxPlan {
	p := &ctxPlan{table: t, colReport: t.Col("report_id"), colLoad: t.Col("load_id"), colSeq: t.Col("seq"),
		colAccountID: t.Col("account_id"), colAccountType: t.Col("account_type"),
		colInstitution: -1, colInstitutionType: t.Col("institution_type")}
	if p.colInstitutionType >= 0 {
		p.colInstitution = t.Col("institution")
		if p.colInstitution < 0 {
			panic("transform: table " + t.Name + " has institution_type but no institution")
		}
	}
	return p
}

func compileCtx(n *schema.Node) *ctxPlan {
	p := newCtx(schema.TableByName(n.Table))
	p.metas = append(p.metas, metaOp{idx: nil, node: n})
	compileInto(p, n, nil)
	seen := map[int]bool{}
	for _, s := range p.scalars {
		if seen[s.col] {
			p.shared = true
		}
		seen[s.col] = true
	}
	return p
}

func compileInto(p *ctxPlan, n *schema.Node, prefix []int) {
	for _, c := range n.Children {
		idx := append(append([]int{}, prefix...), c.Index)
		switch c.Shape {
		case schema.ShapeScalar:
			p.scalars = append(p.scalars, scalarOp{idx: idx, col: p.table.Col(c.Column), column: c.Column, kind: c.Kind, path: c.Path})
		case schema.ShapeObject:
			if c.NewRow {
				p.children = append(p.children, &childOp{idx: idx, node: c, plan: compileCtx(c)})
				continue
			}
			p.metas = append(p.metas, metaOp{idx: idx, node: c})
			compileInto(p, c, idx)
		case schema.ShapeList:
			p.children = append(p.children, &childOp{idx: idx, node: c, plan: compileCtx(c)})
		case schema.ShapeGrid:
			p.children = append(p.children, &childOp{idx: idx, node: c, grid: compileGrid(c)})
		}
	}
}

func compileGrid(n *schema.Node) *gridPlan {
	t := schema.TableByName(n.Table)
	g := &gridPlan{table: t,
		colReport: t.Col("report_id"), colLoad: t.Col("load_id"), colAccountID: t.Col("account_id"), colAccountType: t.Col("account_type"),
		colPeriod: t.Col("period"), colYear: t.Col("year"), colMonth: t.Col("month"), colState: t.Col("state"), colAmount: t.Col("amount"),
		colDetailSeq: t.Col("detail_seq"), colMonthSeq: t.Col("month_seq")}
	g.yearCtx = &ctxPlan{table: t, metas: []metaOp{{node: n}}}
	for _, c := range n.Children {
		switch {
		case c.Shape == schema.ShapeScalar && c.Column == "year":
			g.yearIdx, g.yearPath = []int{c.Index}, c.Path
		case c.Shape == schema.ShapeGridCells:
			g.cellsIdx = []int{c.Index}
			g.cellCtx = &ctxPlan{table: t, metas: []metaOp{{node: c}}}
			for _, m := range c.Children {
				switch m.Column {
				case "month":
					g.monthIdx, g.monthPath = []int{m.Index}, m.Path
				case "amount":
					g.amountIdx, g.amountPath = []int{m.Index}, m.Path
				case "state":
					g.stateIdx = []int{m.Index}
				}
			}
		}
	}
	if g.yearIdx == nil || g.cellsIdx == nil || g.monthIdx == nil || g.stateIdx == nil {
		panic("transform: grid " + n.Path + " lacks year, month or state")
	}
	return g
}
