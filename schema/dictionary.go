package schema

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

//go:embed seed/response-example.json
var seedExample []byte

// SeedExample is the API document's response example: every leaf holds the
// Chinese description of the field. It is where the labels come from.
func SeedExample() []byte { return seedExample }

// Shape is what a node of the report tree is.
type Shape uint8

const (
	ShapeScalar    Shape = iota // a leaf
	ShapeObject                 // an object flattened into its parent's row, or a one-row table
	ShapeList                   // a list whose elements are rows of Table
	ShapeGrid                   // a repayment grid: year blocks (rows come from GridCells below)
	ShapeGridCells              // the month cells of a year block
)

// Node describes one key of the report: where it sits, and where it lands.
type Node struct {
	Key   string // the JSON key
	Path  string // keys joined by ".", "[]" after a list key
	Index int    // field index in the parent Go struct
	Shape Shape
	Type  reflect.Type
	// Table is the table the node's values land in: for a scalar its row's
	// table, for a list or grid the table of its elements.
	Table string
	// NewRow marks a node that starts rows of Table (lists, grids, a one-row
	// object table such as report_summary).
	NewRow bool
	// Column and Kind are set on scalars.
	Column string
	Kind   Kind
	// Consts are constant columns of a list's rows (account_type=D1 …).
	Consts [][2]string
	// Label is the Chinese label; Description the seed document's full text.
	Label, Description string
	Children           []*Node
	// Interface marks a node only interface reports fill: it sits under a
	// field tagged `json:"-" pboc:"..."` (interface_model.go), which the OCR
	// decoder never binds.
	Interface bool
}

// Leaf is one line of the data dictionary.
type Leaf struct {
	Path        string `json:"path"`
	Table       string `json:"table"`
	Column      string `json:"column"`
	Type        string `json:"type"`
	Label       string `json:"label"`
	Kind        Kind   `json:"-"`
	Description string `json:"-"`

	// Interface lists the interface report fields (segment code paths) that
	// land in this leaf, "; "-separated (interface_map.go).
	Interface string `json:"interface,omitempty"`
	// Personal marks a leaf whose column identifies a person (--pii).
	Personal bool `json:"personal,omitempty"`
}

var (
	// seedLabels maps every leaf path of the example to its text.
	seedLabels = map[string]string{}
	tree       *Node
	leaves     []Leaf
	tables     []*Table
	tableMap   = map[string]*Table{}
)

// ifaceLeaves are the interface-only leaves (Node.Interface), in tree order;
// they are not among the OCR answer's paths.
var ifaceLeaves []Leaf

func init() {
	labels := seedLabels
	var seed any
	if err := json.Unmarshal(seedExample, &seed); err != nil {
		panic("schema: embedded seed: " + err.Error())
	}
	collectSeed(seed, "", labels)

	specs := map[string]*tableSpec{}
	for i := range tableSpecs {
		specs[tableSpecs[i].name] = &tableSpecs[i]
	}
	source := map[string][]Column{} // table → columns fed by the report, in order
	tree = &Node{Type: reflect.TypeFor[Report](), Shape: ShapeObject, Table: "reports", NewRow: true}
	b := builder{labels: labels, specs: specs, source: source}
	b.walk(tree, "", "reports")
	columnLabels(tree, source)
	ifaceCols := b.interfaceColumns()

	for i := range tableSpecs {
		s := &tableSpecs[i]
		var cols []Column
		cols = append(cols, s.head...)
		for _, c := range orderFirst(source[s.name], s.first) {
			cols = append(cols, c)
			if d, ok := s.derived[c.Name]; ok {
				cols = append(cols, d)
			}
		}
		cols = append(cols, ifaceCols[s.name]...)
		cols = append(cols, s.tail...)
		t, err := NewTable(s.name, s.label, s.comment, s.perReport, cols)
		if err != nil {
			panic("schema: " + err.Error())
		}
		tables = append(tables, t)
		tableMap[t.Name] = t
	}
	for table := range ifaceCols {
		if tableMap[table] == nil {
			panic("schema: interface-only fields name table " + table + " that tables.go does not declare")
		}
	}
	for table := range source {
		if tableMap[table] == nil {
			panic("schema: struct tags name table " + table + " that tables.go does not declare")
		}
	}
	for i, l := range leaves {
		t := tableMap[l.Table]
		if t.Col(l.Column) < 0 {
			panic("schema: leaf " + l.Path + " has no column")
		}
		leaves[i].Personal = t.Columns[t.Col(l.Column)].Personal
	}
	for i, l := range ifaceLeaves {
		if t := tableMap[l.Table]; t != nil && t.Col(l.Column) >= 0 {
			ifaceLeaves[i].Personal = t.Columns[t.Col(l.Column)].Personal
		}
	}
}

// collectSeed maps every leaf path of the seed to its text.
func collectSeed(v any, path string, out map[string]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := k
			if path != "" {
				p = path + "." + k
			}
			collectSeed(e, p, out)
		}
	case []any:
		for _, e := range x {
			collectSeed(e, path+"[]", out)
		}
	case string:
		out[path] = x
	}
}

type builder struct {
	labels map[string]string
	specs  map[string]*tableSpec
	source map[string][]Column
	iface  []*Node // interface-only leaves, placed after the walk
}

func (b *builder) walk(n *Node, prefix, table string) {
	t := n.Type
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == metaType {
			continue
		}
		keyName, iface := jsonName(f), n.Interface
		if keyName == "" && f.Tag.Get("pboc") != "" {
			keyName, iface = f.Tag.Get("pboc"), true
		}
		path := keyName
		if n.Path != "" {
			path = n.Path + "." + keyName
		}
		c := &Node{Key: keyName, Path: path, Index: i, Type: f.Type, Table: table, Interface: iface}
		n.Children = append(n.Children, c)
		switch {
		case f.Type == scalarType:
			c.Shape = ShapeScalar
			c.Column = resolveCol(f.Tag.Get("col"), prefix)
			k, err := ParseKind(f.Tag.Get("kind"))
			if err != nil || c.Column == "" {
				panic(fmt.Sprintf("schema: %s: bad tags (%v)", path, err))
			}
			c.Kind = k
			c.Description = b.labels[path]
			if c.Description == "" {
				if sib, ok := siblingOf(path, b.labels); ok {
					c.Description = b.labels[sib]
				}
			}
			c.Label = f.Tag.Get("label")
			if c.Label == "" {
				c.Label = shortLabel(c.Description)
			}
			b.addColumn(c)
		case f.Type.Kind() == reflect.Struct:
			c.Shape = ShapeObject
			if tt := f.Tag.Get("table"); tt != "" {
				c.Table, c.NewRow = tt, true
			}
			p := prefix
			if col := f.Tag.Get("col"); col != "" {
				p = resolveCol(col, prefix)
			}
			b.walk(c, p, c.Table)
		case f.Type.Kind() == reflect.Slice:
			c.Type = f.Type.Elem()
			c.Path = path + "[]"
			c.Table = f.Tag.Get("table")
			c.NewRow = true
			switch f.Tag.Get("grid") {
			case "true":
				c.Shape = ShapeGrid
			case "cells":
				c.Shape = ShapeGridCells
				c.Table, c.NewRow = table, false
			default:
				c.Shape = ShapeList
			}
			if c.Table == "" {
				panic("schema: list " + path + " has no table")
			}
			for _, kv := range strings.Split(f.Tag.Get("const"), ",") {
				if k, v, ok := strings.Cut(kv, "="); ok {
					c.Consts = append(c.Consts, [2]string{k, v})
					if !specHas(b.specs[c.Table], k) {
						panic("schema: const column " + k + " not declared in " + c.Table)
					}
				}
			}
			b.walk(c, "", c.Table)
		default:
			panic("schema: unsupported field " + path)
		}
	}
}

func specHas(s *tableSpec, col string) bool {
	if s == nil {
		return false
	}
	for _, c := range append(append([]Column{}, s.head...), s.tail...) {
		if c.Name == col {
			return true
		}
	}
	return false
}

func (b *builder) addColumn(n *Node) {
	if n.Interface {
		b.iface = append(b.iface, n)
		return
	}
	leaves = append(leaves, Leaf{Path: n.Path, Table: n.Table, Column: n.Column, Type: n.Kind.SQLType(), Label: n.Label, Kind: n.Kind, Description: n.Description})
	cols := b.source[n.Table]
	for i := range cols {
		if cols[i].Name == n.Column {
			if cols[i].Kind != n.Kind {
				panic(fmt.Sprintf("schema: column %s.%s fed as %s and %s", n.Table, n.Column, cols[i].Kind, n.Kind))
			}
			cols[i].Sources = append(cols[i].Sources, n.Path)
			return
		}
	}
	b.source[n.Table] = append(cols, Column{Name: n.Column, Storage: n.Kind.Storage(), Kind: n.Kind, Label: n.Label, Comment: n.Description, Sources: []string{n.Path}})
}

// interfaceColumns places the interface-only leaves once every OCR leaf is
// placed: a leaf whose column the OCR answer feeds lands there (same kind);
// the others make new columns, returned per table in tree order, which go
// after the table's OCR-fed columns (so OCR tables keep their column order).
func (b *builder) interfaceColumns() map[string][]Column {
	extra := map[string][]Column{}
	for _, n := range b.iface {
		kind, found := Kind(0), false
		for _, c := range append(b.source[n.Table], extra[n.Table]...) {
			if c.Name == n.Column {
				kind, found = c.Kind, true
				if n.Label == "" {
					n.Label = c.Label
				}
			}
		}
		ifaceLeaves = append(ifaceLeaves, Leaf{Path: n.Path, Table: n.Table, Column: n.Column, Type: n.Kind.SQLType(), Label: n.Label, Kind: n.Kind})
		if found && kind != n.Kind {
			panic(fmt.Sprintf("schema: column %s.%s fed as %s and %s", n.Table, n.Column, kind, n.Kind))
		}
		if !found && specHas(b.specs[n.Table], n.Column) {
			panic(fmt.Sprintf("schema: interface-only leaf %s names the table's own column %s", n.Path, n.Column))
		}
		if !found {
			extra[n.Table] = append(extra[n.Table], Column{Name: n.Column, Storage: n.Kind.Storage(), Kind: n.Kind, Label: n.Label,
				Comment: "interface reports only"})
		}
	}
	return extra
}

func resolveCol(tag, prefix string) string {
	if strings.Contains(tag, "@") {
		return strings.ReplaceAll(tag, "@", prefix)
	}
	return tag
}

// accountLists are the keys of creditTransInfoDetail whose elements are
// accounts, in the order of the example.
var accountLists = []string{"recoveryInfo", "acyclicCreditAccount", "cyclicalAmountPerAccount",
	"cyclicalLoanAccount", "creditAccount", "quasiCreditAccount"}

// SiblingOf tells, for a path of the dictionary that the example does not
// show, which path of the example it mirrors (CONTRACT section 4: a state
// sub-object, a field of one or a list that the example shows on one account
// type is read the same way on every account type). The sibling is the same
// path under another account list (the first in the example's order that has
// it), or, for a field of a state block (normal, overdue) that the example
// shows in the other block only, that path. ok is false for a path of the
// example itself and for a path that mirrors none.
func SiblingOf(path string) (sibling string, ok bool) { return siblingOf(path, seedLabels) }

func siblingOf(path string, seed map[string]string) (string, bool) {
	if _, in := seed[path]; in {
		return "", false
	}
	const base = "creditTransInfoDetail."
	rest, found := strings.CutPrefix(path, base)
	if !found {
		return "", false
	}
	list, tail, found := strings.Cut(rest, "[].")
	if !found || !slices.Contains(accountLists, list) {
		return "", false
	}
	tails := []string{tail}
	for _, sw := range [][2]string{{"accountState.normal.", "accountState.overdue."}, {"accountState.overdue.", "accountState.normal."}} {
		if t, found := strings.CutPrefix(tail, sw[0]); found {
			tails = append(tails, sw[1]+t)
		}
	}
	for _, t := range tails {
		for _, l := range accountLists {
			if p := base + l + "[]." + t; p != path {
				if _, in := seed[p]; in {
					return p, true
				}
			}
		}
	}
	return "", false
}

// shortLabel cuts a seed description to its label: the text before the first
// comma ("账户状态,不同状态取不同的值" → "账户状态").
func shortLabel(desc string) string {
	if i := strings.IndexAny(desc, ",，"); i > 0 {
		return strings.TrimSpace(desc[:i])
	}
	return strings.TrimSpace(desc)
}

// Tree is the report's structure, root first (the Report type).
func Tree() *Node { return tree }

// Leaves is the data dictionary: one entry per source leaf path, in the order
// of response-example.json.
func Leaves() []Leaf { return leaves }

// Tables are all output tables, in documentation order.
func Tables() []*Table { return tables }

// TableByName returns a table, or nil.
func TableByName(name string) *Table { return tableMap[name] }

// orderFirst moves the named columns to the front, in the order named.
func orderFirst(cols []Column, first []string) []Column {
	if len(first) == 0 {
		return cols
	}
	out := make([]Column, 0, len(cols))
	taken := map[string]bool{}
	for _, name := range first {
		for _, c := range cols {
			if c.Name == name {
				out = append(out, c)
				taken[name] = true
			}
		}
		if !taken[name] {
			panic("schema: first column " + name + " is not fed by the report")
		}
	}
	for _, c := range cols {
		if !taken[c.Name] {
			out = append(out, c)
		}
	}
	return out
}
