package pboc

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"creditetl/schema"
)

// The translation plan, compiled once from the resolved mapping
// (schema.InterfaceRoot): for every interface list, a trie of the keys of
// its elements. A leaf of the trie carries, per context (the list's target
// within one target of the enclosing list: a D1 account, an R2 account …),
// the rules that write it; a key the trie knows but the context has no rule
// for is a field of another account type: its value is kept in
// unknown_fields, like a key nobody knows.

type kind uint8

const (
	kindObject kind = iota
	kindLeaf
	kindList
	kindIgnore // deliberately not loaded (schema.InterfaceIgnore)
	kindKeep   // kept verbatim in unknown_fields when present
)

type tnode struct {
	key  string
	path string // interface path, for messages
	kind kind
	kids []*tnode
	byKy map[string]*tnode
	// rules[local] are the rules of the leaf in the list's context local.
	rules [][]*rule
	list  *plist
}

// plist is one interface list (or the report itself).
type plist struct {
	def  *schema.InterfaceList // nil for the report
	from string                // interface path of the list
	trie *tnode                // the keys of an element
	ctxs []*pctx               // every context of the list, by local id
	// byParent[parent local id] are the targets of the list under that
	// context of the enclosing list (empty: the list does not apply there).
	byParent [][]*pctx
	// route: element key path(s) and code → index into byParent[p].
	route    [][]string
	routeIdx []map[string]int
}

// pctx is one context: where elements of a list go.
type pctx struct {
	c      *schema.IfaceContext
	local  int
	list   *plist
	states map[string]string // status code → state sub-object (accounts)
}

// rule is a binding compiled for the engine.
type rule struct {
	b     *schema.IfaceBinding
	codes *schema.CodeTable
	neg   bool   // When starts with "!"
	when  string // condition name, "" always
	label string // the code list's label, for problems
}

var (
	compileOnce sync.Once
	rootList    *plist
	compileErr  error
)

func compiled() (*plist, error) {
	compileOnce.Do(func() { rootList, compileErr = compile() })
	return rootList, compileErr
}

func newNode(key, path string) *tnode {
	return &tnode{key: key, path: path, byKy: map[string]*tnode{}}
}

// insert returns the node at rel (keys joined by "."; "k[]" is a list key),
// creating objects on the way.
func (n *tnode) insert(rel string) *tnode {
	cur := n
	for _, seg := range strings.Split(rel, ".") {
		key := strings.TrimSuffix(seg, "[]")
		next := cur.byKy[key]
		if next == nil {
			next = newNode(key, joinPath(cur.path, seg))
			cur.byKy[key] = next
			cur.kids = append(cur.kids, next)
		}
		cur = next
	}
	return cur
}

func joinPath(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

func compile() (*plist, error) {
	lists := map[string]*plist{}
	root := &plist{from: "", trie: newNode("", "")}
	lists[""] = root
	rc := &pctx{c: schema.InterfaceRoot(), list: root}
	root.ctxs = []*pctx{rc}
	root.byParent = [][]*pctx{{rc}}

	// Contexts, outermost first: a list's contexts are numbered in the order
	// their enclosing contexts are.
	var visit func(parent *pctx)
	visit = func(parent *pctx) {
		seen := map[string]bool{}
		for _, ch := range parent.c.Children {
			from := ch.List.From
			l := lists[from]
			if l == nil {
				l = &plist{def: ch.List, from: from, trie: newNode("", from)}
				lists[from] = l
			}
			if !seen[from] {
				seen[from] = true
				for len(l.byParent) <= parent.local {
					l.byParent = append(l.byParent, nil)
				}
			}
			pc := &pctx{c: ch, local: len(l.ctxs), list: l}
			if from == "PDA.PD01[]" {
				pc.states = schema.InterfaceAccountStates[ch.Name]
			}
			l.ctxs = append(l.ctxs, pc)
			l.byParent[parent.local] = append(l.byParent[parent.local], pc)
		}
		for _, ch := range parent.c.Children {
			for _, pc := range lists[ch.List.From].ctxs {
				if pc.c == ch {
					visit(pc)
				}
			}
		}
	}
	visit(rc)
	for _, l := range lists {
		for len(l.byParent) < len(parentCtxs(l, lists)) {
			l.byParent = append(l.byParent, nil)
		}
	}

	// Nest the lists' tries: a list is a node of its enclosing list's trie.
	for from, l := range lists {
		if from == "" {
			continue
		}
		p := lists[enclosing(from, lists)]
		rel := strings.TrimSuffix(relTo(from, p.from), "[]")
		n := p.trie.insert(rel)
		n.kind, n.list = kindList, l
		if r := l.def.Route; r != "" {
			for _, part := range strings.Split(r, "+") {
				l.route = append(l.route, strings.Split(part, "."))
			}
			l.routeIdx = make([]map[string]int, len(l.byParent))
			for pi, targets := range l.byParent {
				m := map[string]int{}
				for ti, t := range targets {
					for _, code := range t.c.Target.Codes {
						m[code] = ti
					}
				}
				l.routeIdx[pi] = m
			}
		}
	}

	// Rules: each binding becomes a leaf rule of its context.
	for _, l := range lists {
		for _, pc := range l.ctxs {
			for _, b := range pc.c.Bindings {
				r := &rule{b: b, when: strings.TrimPrefix(b.Rule.When, "!"), neg: strings.HasPrefix(b.Rule.When, "!")}
				if b.Rule.Codes != "" {
					name := strings.ReplaceAll(b.Rule.Codes, "{type}", pc.c.Name)
					r.codes = schema.CodeTableByName(name)
					if r.codes == nil {
						return nil, fmt.Errorf("rule %s: no code table %s", b.Rule.From, name)
					}
					r.label = r.codes.Label
				}
				if r.when != "" && r.when != "monthly" {
					return nil, fmt.Errorf("rule %s: condition %q has no implementation", b.Rule.From, r.when)
				}
				switch b.Rule.Handler {
				case "", "route", "grid", "range", "events", "postpaidGrid":
				default:
					return nil, fmt.Errorf("rule %s: handler %q has no implementation", b.Rule.From, b.Rule.Handler)
				}
				n := l.trie.insert(relTo(b.Rule.From, l.from))
				if n.kind != kindLeaf && len(n.kids) > 0 {
					return nil, fmt.Errorf("rule %s: a field where a segment is", b.Rule.From)
				}
				n.kind = kindLeaf
				for len(n.rules) < len(l.ctxs) {
					n.rules = append(n.rules, nil)
				}
				n.rules[pc.local] = append(n.rules[pc.local], r)
			}
		}
	}
	for _, ig := range schema.InterfaceIgnored() {
		l := lists[enclosing(ig.From, lists)]
		n := l.trie.insert(relTo(ig.From, l.from))
		if n.kind == kindLeaf || n.kind == kindList {
			return nil, fmt.Errorf("ignored %s is also mapped", ig.From)
		}
		n.kind = kindIgnore
		if ig.Keep {
			n.kind = kindKeep
		}
	}
	for _, l := range lists {
		if len(l.ctxs) == 0 {
			return nil, fmt.Errorf("list %s: no context", l.from)
		}
		l.trie.finish(len(l.ctxs))
	}
	return root, nil
}

// finish sizes every leaf's rules to the list's contexts and keeps the keys
// in a fixed order (what the report's keys are walked in).
func (n *tnode) finish(ctxs int) {
	for len(n.rules) < ctxs && n.kind == kindLeaf {
		n.rules = append(n.rules, nil)
	}
	sort.SliceStable(n.kids, func(i, j int) bool { return n.kids[i].key < n.kids[j].key })
	for _, k := range n.kids {
		if k.kind != kindList {
			k.finish(ctxs)
		}
	}
}

func parentCtxs(l *plist, lists map[string]*plist) []*pctx {
	if l.from == "" {
		return nil
	}
	return lists[enclosing(l.from, lists)].ctxs
}

// enclosing is the innermost list holding path ("" for the report).
func enclosing(path string, lists map[string]*plist) string {
	best := ""
	for from := range lists {
		if from != "" && from != path && strings.HasPrefix(path, from+".") && len(from) > len(best) {
			best = from
		}
	}
	return best
}

func relTo(path, list string) string {
	if list == "" {
		return path
	}
	return strings.TrimPrefix(path, list+".")
}
