package schema_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"creditetl/schema"
	"creditetl/synth"
)

// Decode and the decoder it replaced agree on every file of the repository.
func TestDecodeDifferentialFiles(t *testing.T) {
	schema.CompareDecoders(t, "seed", schema.SeedExample())
	var files []string
	for _, dir := range []string{"synth", "mixed", "features"} {
		m, err := filepath.Glob(filepath.Join("..", "testdata", dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(f, ".json"):
			schema.CompareDecoders(t, f, data)
			n++
		case strings.HasSuffix(f, ".jsonl"):
			sc := bufio.NewScanner(bytes.NewReader(data))
			sc.Buffer(nil, 1<<24)
			for line := 1; sc.Scan(); line++ {
				schema.CompareDecoders(t, f+":"+strconv.Itoa(line), sc.Bytes())
				n++
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d files compared", n)
	}
}

// ... on synth corpora, as written and in a compact form.
func TestDecodeDifferentialSynth(t *testing.T) {
	t.Parallel()
	n := 2000
	if testing.Short() {
		n = 300
	}
	for i := 1; i <= n; i++ {
		data, err := synth.Marshal(synth.Report(int64(i%7), i))
		if err != nil {
			t.Fatal(err)
		}
		schema.CompareDecoders(t, fmt.Sprintf("synth %d", i), data)
		if i%10 == 0 {
			var c bytes.Buffer
			if err := json.Compact(&c, data); err != nil {
				t.Fatal(err)
			}
			schema.CompareDecoders(t, fmt.Sprintf("synth %d compact", i), c.Bytes())
		}
	}
}

// ... on synth reports mutated the ways OCR output goes wrong: values
// turned into numbers, null, bools, lists and objects; objects into lists
// and the other way round; keys dropped, renamed, added; escapes.
func TestDecodeDifferentialMutated(t *testing.T) {
	t.Parallel()
	n := 1000
	if testing.Short() {
		n = 150
	}
	rng := rand.New(rand.NewPCG(14, 6))
	seen := map[string]int{}
	for i := 1; i <= n; i++ {
		data, err := synth.Marshal(synth.Report(3, i))
		if err != nil {
			t.Fatal(err)
		}
		root, err := parseNode(data)
		if err != nil {
			t.Fatal(err)
		}
		var all []*node
		root.walk(func(x *node) { all = append(all, x) })
		for k := 0; k < 1+rng.IntN(40); k++ {
			mutate(rng, all[rng.IntN(len(all))])
		}
		var b bytes.Buffer
		root.write(&b, rng.IntN(2) == 0, "")
		schema.CompareDecoders(t, fmt.Sprintf("mutated %d: %s", i, clipText(b.String())), b.Bytes())
		if rep, err := schema.Decode(b.Bytes()); err != nil {
			seen["refused"]++
		} else {
			schema.WalkMeta(rep, func(m *schema.Meta) {
				seen["unknown"] += len(m.Unknown)
				seen["invalid"] += len(m.Invalid)
				for _, p := range m.Problems {
					seen[strings.SplitN(p.Problem, ":", 2)[0]]++
				}
				if m.Pos > 0 {
					seen["elements"]++
				}
			})
		}
	}
	// The mutations reach every branch they are meant to.
	for _, k := range []string{"unknown", "invalid", "elements", "duplicate key", "not valid UTF-8", "key is not valid UTF-8",
		"a lone UTF-16 surrogate escape was replaced by U+FFFD", "key has a lone UTF-16 surrogate escape, replaced by U+FFFD"} {
		if seen[k] == 0 {
			t.Errorf("no mutated report had %q: %v", k, seen)
		}
	}
	t.Logf("mutated reports: %v", seen)
}

func clipText(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// node is a JSON value that keeps its keys in order (and may have the same
// key twice).
type node struct {
	kind byte     // '{', '[', or 's' (a scalar: raw is its JSON text)
	keys []string // JSON text of the keys of an object
	kids []*node
	raw  string
}

func parseNode(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var read func() (*node, error)
	read = func() (*node, error) {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch x := tok.(type) {
		case json.Delim:
			n := &node{kind: byte(x)}
			for dec.More() {
				if x == '{' {
					k, err := dec.Token()
					if err != nil {
						return nil, err
					}
					kb, err := json.Marshal(k)
					if err != nil {
						return nil, err
					}
					n.keys = append(n.keys, string(kb))
				}
				kid, err := read()
				if err != nil {
					return nil, err
				}
				n.kids = append(n.kids, kid)
			}
			_, err := dec.Token()
			return n, err
		default:
			b, err := json.Marshal(x)
			return &node{kind: 's', raw: string(b)}, err
		}
	}
	return read()
}

func (n *node) walk(fn func(*node)) {
	fn(n)
	for _, k := range n.kids {
		k.walk(fn)
	}
}

func (n *node) write(b *bytes.Buffer, indent bool, pre string) {
	nl := func(p string) {
		if indent {
			b.WriteString("\n" + p)
		}
	}
	switch n.kind {
	case 's':
		b.WriteString(n.raw)
	case '{', '[':
		b.WriteByte(n.kind)
		for i, k := range n.kids {
			if i > 0 {
				b.WriteByte(',')
			}
			nl(pre + "  ")
			if n.kind == '{' {
				b.WriteString(n.keys[i] + ": ")
			}
			k.write(b, indent, pre+"  ")
		}
		if len(n.kids) > 0 {
			nl(pre)
		}
		if n.kind == '{' {
			b.WriteByte('}')
		} else {
			b.WriteByte(']')
		}
	}
}

func scalar(raw string) *node { return &node{kind: 's', raw: raw} }

// mutate changes n in place, one way OCR output goes wrong.
func mutate(rng *rand.Rand, n *node) {
	scalars := []string{`12`, `-3.50`, `1e3`, `0`, `null`, `true`, `false`, `""`, `"--"`, `"—"`, `" / "`,
		`"a\nb\u4e2d\"q\\"`, `"<&>"`, `"２０１５．０５"`, `"x"`, "\"bad\xff\xe4\xb8\"", `"\ud800x\udc00"`}
	pick := func() *node { return scalar(scalars[rng.IntN(len(scalars))]) }
	switch n.kind {
	case 's':
		switch rng.IntN(4) {
		case 0:
			*n = *pick()
		case 1:
			*n = node{kind: '{', keys: []string{`"b"`, `"a"`}, kids: []*node{pick(), {kind: '[', kids: []*node{pick(), pick()}}}}
		case 2:
			*n = node{kind: '[', kids: []*node{pick()}}
		case 3:
			*n = node{kind: '[', kids: []*node{{kind: '{', keys: []string{`"no"`}, kids: []*node{pick()}}}}
		}
	case '{':
		switch rng.IntN(7) {
		case 0:
			c := *n
			*n = node{kind: '[', kids: []*node{&c}}
		case 1:
			c := *n
			*n = node{kind: '[', kids: []*node{&c, pick()}}
		case 2:
			*n = *pick()
		case 3: // drop a key
			if len(n.keys) > 0 {
				i := rng.IntN(len(n.keys))
				n.keys = append(n.keys[:i:i], n.keys[i+1:]...)
				n.kids = append(n.kids[:i:i], n.kids[i+1:]...)
			}
		case 4: // rename a key to one the contract does not know
			if len(n.keys) > 0 {
				i := rng.IntN(len(n.keys))
				n.keys[i] = `"x_` + n.keys[i][1:]
			}
		case 5: // add an unknown key with a nested value
			v, _ := parseNode([]byte(`{"z": [1, {"k": "<v>"}, null], "a": "\u00e9", "m": {}}`))
			n.keys = append(n.keys, []string{`"ocr1"`, `"ocr2"`, "\"ocr\xff\"", `"ocr\udc00"`}[rng.IntN(4)])
			n.kids = append(n.kids, v)
			if rng.IntN(2) == 0 { // the same key twice: not compared value by value
				n.keys = append(n.keys, `"zzDup"`, `"zz\u0044up"`)
				n.kids = append(n.kids, pick(), pick())
			}
		case 6: // an escaped key that decodes to a known one
			if len(n.keys) > 0 {
				i := rng.IntN(len(n.keys))
				if k := n.keys[i]; len(k) > 2 && k[1] < 0x80 && k[1] != '\\' {
					n.keys[i] = fmt.Sprintf(`"\u%04x`, k[1]) + k[2:]
				}
			}
		}
	case '[':
		switch rng.IntN(6) {
		case 0:
			if len(n.kids) > 0 {
				*n = *n.kids[0]
			}
		case 1:
			*n = *pick()
		case 2:
			*n = node{kind: '['}
		case 3:
			n.kids = append([]*node{scalar(`null`), pick(), {kind: '[', kids: []*node{pick()}}}, n.kids...)
		case 4:
			if len(n.kids) > 0 {
				n.kids[rng.IntN(len(n.kids))] = pick()
			}
		case 5:
			n.kids = append(n.kids, scalar(`""`), scalar(`"--"`))
		}
	}
}
