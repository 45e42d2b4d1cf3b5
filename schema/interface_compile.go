package schema

import (
	"fmt"
	"sort"
	"strings"
)

// The mapping tables of interface_map.go resolved against the model: every
// rule's leaf in every target it can land in. The interface adapter
// (input/pboc) runs on this; the data dictionary shows it. A rule that does
// not resolve is a programming error found at start-up.

// IfaceContext is one place rules apply: the report, or one target of an
// interface list (within one target of its enclosing list: the special
// transactions of an R4 account are another context than those of a D1).
type IfaceContext struct {
	List   *InterfaceList   // nil for the report
	Target *InterfaceTarget // nil for the report and for a list its handler writes inline
	// Name is the target's name, or the enclosing context's when the target
	// has none (an account's nested lists carry its type).
	Name string
	// Node is the OCR node the elements fill: a list (Node.Type is the
	// element type), an object, or the report. For an inline handler list
	// it is the enclosing context's node.
	Node   *Node
	IsList bool
	// Field is the index path from the enclosing context's element to the
	// OCR slice or object; nil for an inline list.
	Field    []int
	Parent   *IfaceContext
	Children []*IfaceContext
	Bindings []*IfaceBinding
}

// IfaceBinding is one rule resolved in one context.
type IfaceBinding struct {
	Rule *InterfaceRule
	// Leaves are the candidate leaves in model order; empty for a route rule.
	Leaves []IfaceLeaf
	// state: the leaf an account state sub-object selects (index into Leaves).
	state map[string]int
}

// Leaf is where the value goes for an element in the given account state
// (InterfaceAccountStates; "" for none).
func (b *IfaceBinding) Leaf(state string) *IfaceLeaf {
	if len(b.Leaves) == 0 {
		return nil
	}
	return &b.Leaves[b.state[state]]
}

// IfaceLeaf is one leaf of the model a rule can fill.
type IfaceLeaf struct {
	Node *Node
	// Index is the field index path from the context's element to the
	// Scalar; Parent to the struct that holds it (whose Meta takes the
	// value's problems). Both nil when the leaf sits in a nested list (a
	// repayment grid's cells), which a handler fills.
	Index, Parent []int
}

var (
	ifaceRoot     *IfaceContext
	ifaceByList   = map[string][]*IfaceContext{} // interface list path → its contexts
	ifaceByColumn = map[string][]string{}        // "table.column" → interface paths
)

// InterfaceRoot is the resolved mapping, the report's context first.
func InterfaceRoot() *IfaceContext { return ifaceRoot }

// InterfaceSources lists the interface fields that land in a column.
func InterfaceSources(table, column string) []string { return ifaceByColumn[table+"."+column] }

func init() {
	if err := compileInterface(); err != nil {
		panic("schema: interface mapping: " + err.Error())
	}
	annotateInterface()
}

func compileInterface() error {
	ifaceRoot = &IfaceContext{Node: tree}
	lists := make([]*InterfaceList, len(interfaceLists))
	for i := range interfaceLists {
		lists[i] = &interfaceLists[i]
	}
	sort.SliceStable(lists, func(i, j int) bool {
		return strings.Count(lists[i].From, "[]") < strings.Count(lists[j].From, "[]")
	})
	for _, l := range lists {
		if !strings.HasSuffix(l.From, "[]") {
			return fmt.Errorf("list %s: path does not end in []", l.From)
		}
		if len(ifaceByList[l.From]) > 0 {
			return fmt.Errorf("list %s declared twice", l.From)
		}
		parents := contextsOf(l.From)
		for _, pc := range parents {
			if l.Only != "" && !named(l.Only, pc.Name) {
				continue
			}
			if len(l.Targets) == 0 {
				if l.Handler == "" {
					return fmt.Errorf("list %s: no target and no handler", l.From)
				}
				c := &IfaceContext{List: l, Name: pc.Name, Node: pc.Node, Parent: pc}
				pc.Children = append(pc.Children, c)
				ifaceByList[l.From] = append(ifaceByList[l.From], c)
				continue
			}
			if len(l.Targets) > 1 && l.Route == "" {
				return fmt.Errorf("list %s: several targets and no route", l.From)
			}
			for ti := range l.Targets {
				t := &l.Targets[ti]
				n, idx, ok := resolveTarget(pc, t.To)
				if !ok {
					return fmt.Errorf("list %s: target %s not in the model (under %s)", l.From, t.To, pc.Node.Path)
				}
				name := t.Name
				if name == "" {
					name = pc.Name
				}
				c := &IfaceContext{List: l, Target: t, Name: name, Node: n, Field: idx, Parent: pc,
					IsList: n.Shape == ShapeList || n.Shape == ShapeGrid}
				pc.Children = append(pc.Children, c)
				ifaceByList[l.From] = append(ifaceByList[l.From], c)
			}
		}
		if len(ifaceByList[l.From]) == 0 {
			return fmt.Errorf("list %s: no context (Only %q)", l.From, l.Only)
		}
	}
	for i := range interfaceRules {
		r := &interfaceRules[i]
		if r.Codes != "" {
			for _, name := range codeNames(r.Codes) {
				if codeTables[name] == nil {
					return fmt.Errorf("rule %s: no code table %s", r.From, name)
				}
			}
		}
		if r.When != "" {
			if _, ok := InterfaceConditions[strings.TrimPrefix(r.When, "!")]; !ok {
				return fmt.Errorf("rule %s: unknown condition %q", r.From, r.When)
			}
		}
		bound := 0
		for _, c := range contextsOf(r.From) {
			if r.Only != "" && !named(r.Only, c.Name) {
				continue
			}
			b := &IfaceBinding{Rule: r}
			if r.Handler != "route" {
				leaves, err := resolveLeaves(c, r.To)
				if err != nil {
					return fmt.Errorf("rule %s in %s: %w", r.From, c.Node.Path, err)
				}
				b.Leaves = leaves
				b.state = preferState(c.Name, leaves, c.Node)
			}
			c.Bindings = append(c.Bindings, b)
			bound++
		}
		if bound == 0 {
			return fmt.Errorf("rule %s: applies to no context (Only %q)", r.From, r.Only)
		}
	}
	return nil
}

// contextsOf returns the contexts of the innermost list that holds path.
func contextsOf(path string) []*IfaceContext {
	best := ""
	for _, l := range interfaceLists {
		if strings.HasPrefix(path, l.From+".") && len(l.From) > len(best) {
			best = l.From
		}
	}
	if best == "" {
		return []*IfaceContext{ifaceRoot}
	}
	return ifaceByList[best]
}

func named(list, name string) bool {
	for _, s := range strings.Split(list, ",") {
		if s == name {
			return true
		}
	}
	return false
}

// codeNames expands "{type}" to every account type.
func codeNames(codes string) []string {
	if !strings.Contains(codes, "{type}") {
		return []string{codes}
	}
	var out []string
	for t := range InterfaceAccountStates {
		out = append(out, strings.ReplaceAll(codes, "{type}", t))
	}
	sort.Strings(out)
	return out
}

// resolveTarget finds a list's OCR node: an absolute path from the report,
// or, in a nested context, a path relative to the enclosing element, looked
// for among its interface-only fields too.
func resolveTarget(pc *IfaceContext, to string) (*Node, []int, bool) {
	n, idx, crossed := walkKeys(pc.Node, to)
	if n == nil && pc.Parent != nil {
		n, idx, crossed = walkKeys(pc.Node, "pboc."+to)
	}
	if n == nil || crossed {
		return nil, nil, false
	}
	return n, idx, true
}

// walkKeys follows a key path from a node. The last segment may be a list
// ("key[]"); crossed reports a list crossed before it.
func walkKeys(n *Node, path string) (*Node, []int, bool) {
	var idx []int
	crossed := false
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		key, isList := strings.CutSuffix(seg, "[]")
		var next *Node
		for _, c := range n.Children {
			if c.Key == key {
				next = c
				break
			}
		}
		if next == nil {
			return nil, nil, false
		}
		listish := next.Shape == ShapeList || next.Shape == ShapeGrid || next.Shape == ShapeGridCells
		if listish != isList {
			return nil, nil, false
		}
		idx = append(idx, next.Index)
		if isList && i < len(segs)-1 {
			crossed = true
		}
		n = next
	}
	return n, idx, crossed
}

// resolveLeaves finds the leaves a rule's To names in a context.
func resolveLeaves(c *IfaceContext, to string) ([]IfaceLeaf, error) {
	if table, column, ok := strings.Cut(to, "."); ok && TableByName(table) != nil && !strings.Contains(column, ".") {
		var out []IfaceLeaf
		collectColumn(c.Node, table, column, nil, &out)
		if len(out) == 0 {
			return nil, fmt.Errorf("no leaf feeds %s", to)
		}
		return out, nil
	}
	n, idx, crossed := walkKeys(c.Node, to)
	if n == nil {
		n, idx, crossed = walkKeys(c.Node, "pboc."+to)
	}
	if n == nil || n.Shape != ShapeScalar {
		return nil, fmt.Errorf("no leaf %s", to)
	}
	if crossed {
		return []IfaceLeaf{{Node: n}}, nil
	}
	return []IfaceLeaf{{Node: n, Index: idx, Parent: idx[:len(idx)-1]}}, nil
}

// collectColumn gathers, in model order, the leaves of an element that feed
// a column: its own scalars and those of its objects, not those of its lists.
func collectColumn(n *Node, table, column string, prefix []int, out *[]IfaceLeaf) {
	for _, ch := range n.Children {
		idx := append(append([]int{}, prefix...), ch.Index)
		switch ch.Shape {
		case ShapeScalar:
			if ch.Table == table && ch.Column == column {
				*out = append(*out, IfaceLeaf{Node: ch, Index: idx, Parent: idx[:len(idx)-1]})
			}
		case ShapeObject:
			collectColumn(ch, table, column, idx, out)
		}
	}
}

// preferState picks, per account state, the candidate inside that state's
// sub-object (accountState.<state>.…); the default is the first.
func preferState(name string, leaves []IfaceLeaf, ctx *Node) map[string]int {
	states := InterfaceAccountStates[name]
	if len(leaves) < 2 || len(states) == 0 {
		return nil
	}
	m := map[string]int{}
	for _, s := range states {
		prefix := ctx.Path + ".accountState." + s + "."
		for i, l := range leaves {
			if strings.HasPrefix(l.Node.Path, prefix) {
				m[s] = i
				break
			}
		}
	}
	return m
}

// annotateInterface writes the interface fields into the dictionary: each
// OCR leaf's and interface-only leaf's Interface, and the columns' sources.
func annotateInterface() {
	byPath := map[string][]string{}
	var visit func(c *IfaceContext)
	visit = func(c *IfaceContext) {
		for _, b := range c.Bindings {
			from := b.Rule.From
			if b.Rule.When != "" {
				from += " (" + conditionNote(b.Rule.When) + ")"
			}
			if b.Rule.Handler == "route" {
				addUnique(ifaceByColumn, b.Rule.To, b.Rule.From)
				continue
			}
			for _, l := range b.Leaves {
				addUnique(byPath, l.Node.Path, from)
				addUnique(ifaceByColumn, l.Node.Table+"."+l.Node.Column, b.Rule.From)
			}
		}
		for _, ch := range c.Children {
			visit(ch)
		}
	}
	visit(ifaceRoot)
	for i := range leaves {
		leaves[i].Interface = strings.Join(byPath[leaves[i].Path], "; ")
	}
	for i := range ifaceLeaves {
		ifaceLeaves[i].Interface = strings.Join(byPath[ifaceLeaves[i].Path], "; ")
	}
	for _, t := range tables {
		for i := range t.Columns {
			c := &t.Columns[i]
			if c.Comment == "interface reports only" {
				if src := ifaceByColumn[t.Name+"."+c.Name]; len(src) > 0 {
					c.Comment = "interface reports only: " + strings.Join(src, ", ")
				}
			}
		}
	}
}

// conditionNote is a rule's condition in a few words: "with PD01C".
func conditionNote(when string) string {
	short := map[string]string{"monthly": "PD01C"}
	if c, ok := strings.CutPrefix(when, "!"); ok {
		return "without " + short[c]
	}
	return "with " + short[when]
}

func addUnique(m map[string][]string, key, v string) {
	for _, s := range m[key] {
		if s == v {
			return
		}
	}
	m[key] = append(m[key], v)
}

// InterfaceLeaves are the interface-only leaves of the model (not among the
// OCR answer's paths), with the interface fields that fill them.
func InterfaceLeaves() []Leaf { return ifaceLeaves }

// ModelPath finds the node at a key path below n ("refundRecord.detail[]",
// also among n's interface-only fields) and the field index path to it; ok
// is false when it is absent or lies beyond a list.
func ModelPath(n *Node, path string) (*Node, []int, bool) {
	m, idx, crossed := walkKeys(n, path)
	if m == nil {
		m, idx, crossed = walkKeys(n, "pboc."+path)
	}
	if m == nil || crossed {
		return nil, nil, false
	}
	return m, idx, true
}
