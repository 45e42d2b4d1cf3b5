package pboc

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"creditetl/schema"
)

// The fields whose translation is code rather than one value to one leaf:
// the repayment grid (two interface records, one model grid), the grid's
// date range (two fields, one text), special events (a list, one text) and
// a post-paid account's 24-month payment string (one text, a grid).

// gridAcc gathers an account's repayment months from PD01D (24 months,
// states) and PD01E (60 months, states and amounts).
type gridAcc struct {
	field []int // the account's []GridYear
	cells map[int]*gcell
}

type gcell struct {
	year, month   int
	state, amount schema.Scalar
	fromE         bool
	otherState    string // a different state the 24-month record gives
}

// gridCells reads the months of one of the two records into the account's
// accumulator; buildGrid makes the grid once the account is read.
func (d *decoder) gridCells(l *plist, t *pctx, elems []any, f *frame, key string) {
	sixty := strings.HasSuffix(l.from, "PD01EH[]")
	monthKey, stateKey := "PD01DR03", "PD01DD01"
	if sixty {
		monthKey, stateKey = "PD01ER03", "PD01ED01"
	}
	if f.grid == nil {
		f.grid = &gridAcc{field: t.c.Field, cells: map[int]*gcell{}}
	}
	for i, e := range elems {
		m, ok := e.(map[string]any)
		ek := fmt.Sprintf("%s[%d]", key, i)
		if !ok {
			if !emptyValue(e) {
				d.badShape(f, ek, e, "a list element that is not an object")
			}
			continue
		}
		for k, v := range m {
			if l.trie.byKy[k] == nil {
				f.meta.Unknown = append(f.meta.Unknown, schema.RawField{Key: ek + "." + k, JSON: rawJSON(v)})
			}
		}
		state, _ := scalarOf(m[stateKey])
		var amount schema.Scalar
		if sixty {
			amount, _ = scalarOf(m["PD01EJ01"])
		}
		if !given(state) && (!given(amount) || schema.IsEmptyMarker(schema.Normalize(amount.Raw))) {
			continue // an empty month is not a cell
		}
		ms, _ := scalarOf(m[monthKey])
		y, mo, ok := yearMonth(ms.Raw)
		if !ok {
			f.meta.AddProblem(ek, ms.Raw, fmt.Sprintf("not a year-month (%s) at %s: the month's state %q is not loaded", monthKey, f.where(ek), state.Raw))
			continue
		}
		k := y*12 + mo - 1
		c := f.grid.cells[k]
		if c == nil {
			c = &gcell{year: y, month: mo}
			f.grid.cells[k] = c
		}
		switch {
		case sixty && c.fromE:
			f.meta.AddProblem(ek, ms.Raw, fmt.Sprintf("month repeated in the 60-month record at %s; the first is kept", f.where(ek)))
		case sixty:
			if c.state.Given() && given(c.state) && given(state) && schema.Normalize(c.state.Raw) != schema.Normalize(state.Raw) {
				c.otherState = c.state.Raw
			}
			c.state, c.amount, c.fromE = state, amount, true
		case c.fromE:
			if given(state) && given(c.state) && schema.Normalize(c.state.Raw) != schema.Normalize(state.Raw) {
				c.otherState = state.Raw
			}
		case c.state.Given():
			f.meta.AddProblem(ek, ms.Raw, fmt.Sprintf("month repeated in the 24-month record at %s; the first is kept", f.where(ek)))
		default:
			c.state = state
		}
	}
}

// buildGrid writes the account's months as year blocks, oldest first.
func (d *decoder) buildGrid(f *frame) {
	keys := make([]int, 0, len(f.grid.cells))
	for k := range f.grid.cells {
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return
	}
	sort.Ints(keys)
	var years []schema.GridYear
	for _, k := range keys {
		c := f.grid.cells[k]
		if len(years) == 0 || years[len(years)-1].Year.Raw != strconv.Itoa(c.year) {
			years = append(years, schema.GridYear{Year: schema.Int(int64(c.year))})
			years[len(years)-1].Pos = len(years)
		}
		y := &years[len(years)-1]
		y.Month = append(y.Month, schema.GridMonth{MonthValue: schema.Int(int64(c.month)), State: c.state, Amount: c.amount})
		cell := &y.Month[len(y.Month)-1]
		cell.Pos = len(y.Month)
		if c.otherState != "" {
			cell.AddProblem("state", c.otherState, fmt.Sprintf("the 24-month record (PD01D) gives %q for %d-%02d; the 60-month record's %q is kept",
				c.otherState, c.year, c.month, c.state.Raw))
		}
	}
	f.elem.FieldByIndex(f.grid.field).Set(reflect.ValueOf(years))
}

// yearMonth reads "YYYY-MM" (also "YYYYMM", "YYYY.MM", "YYYY/MM").
func yearMonth(raw string) (int, int, bool) {
	s := schema.Normalize(raw)
	var ys, ms string
	if i := strings.IndexAny(s, "-./"); i >= 0 {
		ys, ms = s[:i], s[i+1:]
	} else if len(s) == 6 {
		ys, ms = s[:4], s[4:]
	} else {
		return 0, 0, false
	}
	y, err1 := strconv.Atoi(ys)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || len(ys) != 4 || m < 1 || m > 12 {
		return 0, 0, false
	}
	return y, m, true
}

func monthText(y, m int) string { return fmt.Sprintf("%d年%02d月", y, m) }

// dateRange writes the 60-month record's first and last month as the grid's
// range text, as the OCR answer prints it ("2019年05月-2022年02月").
func (d *decoder) dateRange(r *rule, f *frame) {
	if f.rangeDone {
		return // written when the other end was read
	}
	f.rangeDone = true
	e, _ := f.obj["PD01E"].(map[string]any)
	leaf := r.b.Leaf(f.state)
	target := f.elem.FieldByIndex(leaf.Index).Addr().Interface().(*schema.Scalar)
	var parts [2]string
	for i, k := range [2]string{"PD01ER01", "PD01ER02"} {
		sc, _ := scalarOf(e[k])
		if !given(sc) {
			continue
		}
		y, m, ok := yearMonth(sc.Raw)
		if !ok {
			meta(f.elem.FieldByIndex(leaf.Parent)).AddProblem(leaf.Node.Key, sc.Raw,
				fmt.Sprintf("not a year-month (%s) at %s", k, f.where("PD01E."+k)))
			return
		}
		parts[i] = monthText(y, m)
	}
	*target = schema.Str(parts[0] + "-" + parts[1])
}

// events writes an account's special events (PD01G) as its special event
// text: "YYYY年MM月 <event>" per event, joined by "; ".
func (d *decoder) events(l *plist, t *pctx, elems []any, f *frame, key string) {
	var codeRule, monthRule *rule
	for _, k := range l.trie.kids {
		for _, r := range k.rules[t.local] {
			switch k.key {
			case "PD01GD01":
				codeRule = r
			case "PD01GR01":
				monthRule = r
			}
		}
	}
	if codeRule == nil || monthRule == nil {
		return
	}
	leaf := codeRule.b.Leaf(f.state)
	var texts []string
	for i, e := range elems {
		m, ok := e.(map[string]any)
		ek := fmt.Sprintf("%s[%d]", key, i)
		if !ok {
			if !emptyValue(e) {
				d.badShape(f, ek, e, "a list element that is not an object")
			}
			continue
		}
		for k, v := range m {
			if l.trie.byKy[k] == nil {
				f.meta.Unknown = append(f.meta.Unknown, schema.RawField{Key: ek + "." + k, JSON: rawJSON(v)})
			}
		}
		cs, _ := scalarOf(m["PD01GD01"])
		ms, _ := scalarOf(m["PD01GR01"])
		if !given(cs) && !given(ms) {
			continue
		}
		text := schema.Normalize(cs.Raw)
		if given(cs) {
			if s, ok := codeRule.codes.Lookup(text); ok {
				text = s
			} else {
				meta(f.elem.FieldByIndex(leaf.Parent)).AddProblem(leaf.Node.Key, cs.Raw,
					fmt.Sprintf("unknown code %q of %s (%s) at %s: kept as is", text, codeRule.codes.Name, codeRule.label, f.where(ek+".PD01GD01")))
			}
		}
		when := schema.Normalize(ms.Raw)
		if y, mo, ok := yearMonth(ms.Raw); ok {
			when = monthText(y, mo)
		}
		texts = append(texts, strings.TrimSpace(when+" "+text))
	}
	if len(texts) > 0 {
		*f.elem.FieldByIndex(leaf.Index).Addr().Interface().(*schema.Scalar) = schema.Str(strings.Join(texts, "; "))
	}
}

// postpaidGrid turns a post-paid account's 24-month payment string (one
// state a character, the last for 记账年月 PE01AR02) into its payment grid.
func (d *decoder) postpaidGrid(r *rule, sc schema.Scalar, f *frame, key string) {
	a, _ := f.obj["PE01A"].(map[string]any)
	ms, _ := scalarOf(a["PE01AR02"])
	y, m, ok := yearMonth(ms.Raw)
	if !ok {
		f.meta.AddProblem(key, sc.Raw, fmt.Sprintf("the payment record at %s has no 记账年月 (PE01AR02) to date it: not loaded", f.where(key)))
		return
	}
	_, idx, ok := schema.ModelPath(f.ctx.c.Node, "refundRecord.detail[]")
	_, rng, ok2 := schema.ModelPath(f.ctx.c.Node, "refundRecord.dateRange")
	if !ok || !ok2 {
		f.meta.Unknown = append(f.meta.Unknown, schema.RawField{Key: key, JSON: sc.Raw})
		return
	}
	states := []rune(schema.Normalize(sc.Raw))
	var years []schema.PostpaidGridYear
	last := y*12 + m - 1
	first := last - len(states) + 1
	for i, st := range states {
		mi := first + i
		yy, mm := mi/12, mi%12+1
		if len(years) == 0 || years[len(years)-1].Year.Raw != strconv.Itoa(yy) {
			years = append(years, schema.PostpaidGridYear{Year: schema.Int(int64(yy))})
			years[len(years)-1].Pos = len(years)
		}
		blk := &years[len(years)-1]
		state := schema.Str(string(st))
		if st == ' ' {
			state = schema.Str("")
		}
		blk.Month = append(blk.Month, schema.PostpaidGridMonth{MonthValue: schema.Int(int64(mm)), State: state})
		blk.Month[len(blk.Month)-1].Pos = len(blk.Month)
	}
	f.elem.FieldByIndex(idx).Set(reflect.ValueOf(years))
	*f.elem.FieldByIndex(rng).Addr().Interface().(*schema.Scalar) = schema.Str(monthText(first/12, first%12+1) + "-" + monthText(y, m))
}
