package transform

// The flattener as it was before it read reports through offsets instead of
// reflect.Value.FieldByIndex, kept as test-only reference code: the
// differential test (flatten_diff_test.go) checks that both give the same
// Arrow batches. Do not use it outside tests.

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"creditetl/schema"
)

// refFlattener turns reports into rows of every per-report table, buffered in
// Arrow batches. It is not safe for concurrent use.
type refFlattener struct {
	loadID   string
	builders []*schema.BatchBuilder
	tables   map[*schema.Table]int
	bufs     [][]schema.Value
	buffered int

	rejects, unknown *schema.BatchBuilder
	cur              *ReportStats
	reportID         string
}

// newRefFlattener starts empty batches; every row gets load_id.
func newRefFlattener(loadID string, mem memory.Allocator) *refFlattener {
	compileOnce()
	f := &refFlattener{loadID: loadID, tables: map[*schema.Table]int{}}
	for i, t := range schema.Tables() {
		f.tables[t] = i
		f.builders = append(f.builders, schema.NewBatchBuilder(t, mem))
		f.bufs = append(f.bufs, make([]schema.Value, len(t.Columns)))
	}
	f.rejects = f.builders[f.tables[schema.TableByName("rejects")]]
	f.unknown = f.builders[f.tables[schema.TableByName("unknown_fields")]]
	return f
}

// Buffered is the number of rows waiting in the batches.
func (f *refFlattener) Buffered() int { return f.buffered }

// Flush returns the non-empty batches and starts new ones. The caller owns
// the records and must release them.
func (f *refFlattener) Flush() []schema.Batch {
	var out []schema.Batch
	for _, b := range f.builders {
		if b.Len() > 0 {
			out = append(out, b.NewBatch())
		}
	}
	f.buffered = 0
	return out
}

// Release frees the builders.
func (f *refFlattener) Release() {
	for _, b := range f.builders {
		b.Release()
	}
}

// Add flattens one report into the batches.
func (f *refFlattener) Add(rep *schema.Report, src Source) ReportStats {
	st := ReportStats{ReportID: ReportID(rep, src.SHA256), Rows: make([]int, len(f.builders))}
	f.cur, f.reportID = &st, st.ReportID
	root := reflect.ValueOf(rep).Elem()
	f.emit(rootPlan, root, "", refKeys{}, func(row []schema.Value) {
		t := rootPlan.table
		if rt := t.Col("report_time"); rt >= 0 && row[rt].Valid {
			row[t.Col("report_date")] = schema.IntValue(refFloorDiv(row[rt].I, 86_400_000_000))
		}
		refSet(row, t.Col("input_format"), src.Format)
		refSet(row, t.Col("source_file"), src.File)
		if src.Line > 0 {
			row[t.Col("source_line")] = schema.IntValue(int64(src.Line))
		}
		refSet(row, t.Col("source_sha256"), strings.ToLower(src.SHA256))
		refSet(row, t.Col("response_sha256"), strings.ToLower(src.ResponseSHA256))
		if !src.ExtractedAt.IsZero() {
			row[t.Col("extracted_at")] = schema.IntValue(src.ExtractedAt.UTC().UnixMicro())
		}
		row[t.Col("unknown_fields")] = schema.IntValue(int64(st.Unknown))
	})
	f.cur = nil
	return st
}

func refSet(row []schema.Value, col int, s string) {
	if s != "" {
		row[col] = schema.TextValue(s)
	}
}

func refFloorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// refKeys are the key values a row inherits from its ancestors.
type refKeys struct {
	accountID, accountType string
	rowKey                 string
}

func (f *refFlattener) appendRow(t *schema.Table, row []schema.Value) {
	i := f.tables[t]
	f.builders[i].Append(row)
	f.cur.Rows[i]++
	f.buffered++
}

// emit builds the row of one context (the report, report_summary, a list
// element), then its child rows. finish, when set, completes the row after
// the children ran (the reports row counts unknown refKeys of the whole report).
func (f *refFlattener) emit(p *ctxPlan, v reflect.Value, seqKey string, k refKeys, finish func([]schema.Value)) {
	t := p.table
	row := make([]schema.Value, len(t.Columns)) // children may use the table's buffer
	row[p.colReport] = schema.TextValue(f.reportID)
	row[p.colLoad] = schema.TextValue(f.loadID)
	if p.colAccountID >= 0 && k.accountID != "" {
		row[p.colAccountID] = schema.TextValue(k.accountID)
	}
	if p.colAccountType >= 0 && k.accountType != "" {
		row[p.colAccountType] = schema.TextValue(k.accountType)
	}
	f.fillScalars(p, v, row, k.rowKey)
	if p.colInstitutionType >= 0 {
		f.institutionType(p, v, row, k.rowKey)
	}
	f.keepMeta(p, v, k.rowKey)
	for _, c := range p.children {
		cv := v.FieldByIndex(c.idx)
		switch {
		case c.grid != nil:
			f.emitGrid(c.grid, cv, k)
		case c.node.Shape == schema.ShapeObject:
			f.emit(c.plan, cv, "", refKeys{rowKey: ""}, nil)
		default:
			for i := 0; i < cv.Len(); i++ {
				ev := cv.Index(i)
				f.emitElement(c, ev, refPosition(ev, i), k)
			}
		}
	}
	if finish != nil {
		finish(row)
	}
	f.appendRow(t, row)
}

// emitElement emits one element of a list.
func (f *refFlattener) emitElement(c *childOp, ev reflect.Value, seq int, parent refKeys) {
	p := c.plan
	k := refKeys{accountID: parent.accountID, accountType: parent.accountType}
	var consts []string
	for _, kv := range c.node.Consts {
		consts = append(consts, kv[1])
		if kv[0] == "account_type" {
			k.accountType = kv[1]
		}
	}
	seqs := strconv.Itoa(seq)
	switch p.table.Name {
	case "accounts":
		k.accountID = f.reportID + ":" + k.accountType + ":" + seqs
		k.rowKey = k.accountID
	case "postpaid_accounts":
		k.accountID = f.reportID + ":P:" + seqs
		k.rowKey = k.accountID
	default:
		parts := []string{}
		if parent.accountID != "" {
			parts = append(parts, parent.accountID)
		}
		parts = append(parts, consts...)
		k.rowKey = strings.Join(append(parts, seqs), ":")
	}
	f.emit(p, ev, seqs, k, func(row []schema.Value) {
		if p.colSeq >= 0 {
			row[p.colSeq] = schema.IntValue(int64(seq))
		}
		for i, kv := range c.node.Consts {
			row[p.table.Col(kv[0])] = schema.TextValue(consts[i])
		}
	})
}

// fillScalars types the context's leaves. Where several leaves feed one
// column, the first non-empty one wins; a later different value is kept as
// a rejects row.
func (f *refFlattener) fillScalars(p *ctxPlan, v reflect.Value, row []schema.Value, rowKey string) {
	var winner []int16 // op index + 1 of the leaf that fed each column
	if p.shared {
		winner = make([]int16, len(row))
	}
	for i := range p.scalars {
		op := &p.scalars[i]
		sc := v.FieldByIndex(op.idx).Addr().Interface().(*schema.Scalar)
		val, given, prob := refParseValue(*sc, op.kind)
		if !given {
			continue
		}
		if winner != nil && winner[op.col] != 0 {
			w := &p.scalars[winner[op.col]-1]
			if prob != "" {
				f.reject(p.table, op.column, rowKey, op.path, *sc, prob)
			} else if !row[op.col].Valid || row[op.col] != val {
				f.reject(p.table, op.column, rowKey, op.path, *sc, "conflicts with the value kept from "+w.path)
			}
			continue
		}
		if winner != nil {
			winner[op.col] = int16(i + 1)
		}
		if prob != "" {
			f.reject(p.table, op.column, rowKey, op.path, *sc, prob)
			continue
		}
		row[op.col] = val
	}
}

func (f *refFlattener) reject(t *schema.Table, column, rowKey, path string, sc schema.Scalar, problem string) {
	f.rejectRaw(t, column, rowKey, path, sc.RawJSON(), problem)
}

func (f *refFlattener) rejectRaw(t *schema.Table, column, rowKey, path, raw, problem string) {
	rt := f.rejects.Table
	row := f.bufs[f.tables[rt]]
	clear(row)
	row[0] = schema.TextValue(f.reportID)
	row[rt.Col("table_name")] = schema.TextValue(t.Name)
	refSet(row, rt.Col("column_name"), column)
	refSet(row, rt.Col("row_key"), rowKey)
	row[rt.Col("source_path")] = schema.TextValue(path)
	row[rt.Col("raw_value")] = schema.TextValue(raw)
	row[rt.Col("problem")] = schema.TextValue(problem)
	row[rt.Col("load_id")] = schema.TextValue(f.loadID)
	f.appendRow(rt, row)
	f.cur.Rejects++
}

// keepMeta records unknown refKeys and values of the wrong shape of every object
// of the context.
func (f *refFlattener) keepMeta(p *ctxPlan, v reflect.Value, rowKey string) {
	for _, m := range p.metas {
		meta := v.FieldByIndex(m.idx).Addr().Interface().(schema.HasMeta).Kept()
		for _, u := range meta.Unknown {
			f.keepUnknown(p.table, rowKey, refJoinPath(m.node.Path, u.Key), u.JSON)
		}
		for _, bad := range meta.Invalid {
			key, elem := bad.Key, false
			if i := strings.IndexByte(key, '['); i >= 0 {
				key, elem = key[:i], true
			}
			child := refChildByKey(m.node, key)
			if child == nil {
				continue
			}
			var problem string
			switch {
			case child.Shape == schema.ShapeScalar:
				problem = "an object or a list where a value belongs"
			case elem:
				problem = "a list element that is not an object"
			case child.Shape == schema.ShapeObject:
				problem = "a value where an object belongs"
			default:
				problem = "a value where a list belongs"
			}
			f.rejectRaw(p.table, child.Column, rowKey, child.Path, bad.JSON, problem)
		}
		for _, pr := range meta.Problems {
			key := pr.Key
			if i := strings.IndexByte(key, '['); i >= 0 {
				key = key[:i]
			}
			column, path := "", refJoinPath(m.node.Path, pr.Key)
			if child := refChildByKey(m.node, key); child != nil {
				column, path = child.Column, child.Path
			}
			f.rejectRaw(p.table, column, rowKey, path, pr.Raw, pr.Problem)
		}
	}
}

func (f *refFlattener) keepUnknown(t *schema.Table, rowKey, path, json string) {
	ut := f.unknown.Table
	row := f.bufs[f.tables[ut]]
	clear(row)
	row[0] = schema.TextValue(f.reportID)
	row[ut.Col("table_name")] = schema.TextValue(t.Name)
	refSet(row, ut.Col("row_key"), rowKey)
	row[ut.Col("source_path")] = schema.TextValue(path)
	row[ut.Col("json_value")] = schema.TextValue(json)
	row[ut.Col("load_id")] = schema.TextValue(f.loadID)
	f.appendRow(ut, row)
	f.cur.Unknown++
}

func refJoinPath(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

func refChildByKey(n *schema.Node, key string) *schema.Node {
	for _, c := range n.Children {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// ---- repayment grids ----

type refGridCell struct {
	period              int64
	hasPeriod           bool
	year, month         schema.Value
	state, amount       schema.Value
	detailSeq, monthSeq int
}

func (f *refFlattener) emitGrid(g *gridPlan, years reflect.Value, k refKeys) {
	t := g.table
	var cells []refGridCell
	for di := 0; di < years.Len(); di++ {
		yv := years.Index(di)
		dpos := refPosition(yv, di)
		dseq := strconv.Itoa(dpos)
		yKey := k.accountID + ":" + dseq
		f.keepMeta(g.yearCtx, yv, yKey)
		ysc := yv.FieldByIndex(g.yearIdx).Addr().Interface().(*schema.Scalar)
		year, ygiven, yprob := refParseValue(*ysc, schema.Year)
		if yprob != "" {
			f.reject(t, "year", yKey, g.yearPath, *ysc, yprob)
		}
		months := yv.FieldByIndex(g.cellsIdx)
		for mi := 0; mi < months.Len(); mi++ {
			mv := months.Index(mi)
			mpos := refPosition(mv, mi)
			cKey := yKey + ":" + strconv.Itoa(mpos)
			stateSc := mv.FieldByIndex(g.stateIdx).Addr().Interface().(*schema.Scalar)
			state, sgiven, _ := refParseValue(*stateSc, schema.Text)
			var amount schema.Value
			var agiven bool
			var aprob string
			var amountSc *schema.Scalar
			if g.amountIdx != nil {
				amountSc = mv.FieldByIndex(g.amountIdx).Addr().Interface().(*schema.Scalar)
				amount, agiven, aprob = refParseValue(*amountSc, schema.Money)
			}
			f.keepMeta(g.cellCtx, mv, cKey)
			if !sgiven && !agiven {
				continue // an empty cell is not a row
			}
			if aprob != "" {
				f.reject(t, "amount", cKey, g.amountPath, *amountSc, aprob)
			}
			monthSc := mv.FieldByIndex(g.monthIdx).Addr().Interface().(*schema.Scalar)
			month, mgiven, mprob := refParseValue(*monthSc, schema.MonthOfYear)
			switch {
			case mprob != "":
				f.reject(t, "month", cKey, g.monthPath, *monthSc, mprob)
			case !mgiven:
				f.rejectRaw(t, "month", cKey, g.monthPath, monthSc.RawJSON(), "month missing in a cell with a state or amount")
			}
			if !ygiven && yprob == "" {
				f.rejectRaw(t, "year", cKey, g.yearPath, ysc.RawJSON(), "year missing for a cell with a state or amount")
			}
			c := refGridCell{year: year, month: month, state: state, amount: amount, detailSeq: dpos, monthSeq: mpos}
			if year.Valid && month.Valid {
				c.period, c.hasPeriod = refDays(int(year.I), int(month.I), 1), true
			}
			cells = append(cells, c)
		}
	}
	sort.SliceStable(cells, func(i, j int) bool {
		a, b := cells[i], cells[j]
		if a.hasPeriod != b.hasPeriod {
			return a.hasPeriod
		}
		return a.period < b.period
	})
	row := f.bufs[f.tables[t]]
	for i, c := range cells {
		if i > 0 && c.hasPeriod && cells[i-1].hasPeriod && cells[i-1].period == c.period {
			prev := cells[i-1]
			f.rejectRaw(t, "period", fmt.Sprintf("%s:%d:%d", k.accountID, c.detailSeq, c.monthSeq), g.monthPath,
				fmt.Sprintf("%d-%02d", c.year.I, c.month.I),
				fmt.Sprintf("month repeated in the grid (also at detail_seq %d, month_seq %d); both rows kept", prev.detailSeq, prev.monthSeq))
		}
		clear(row)
		row[g.colReport] = schema.TextValue(f.reportID)
		row[g.colAccountID] = schema.TextValue(k.accountID)
		if g.colAccountType >= 0 {
			row[g.colAccountType] = schema.TextValue(k.accountType)
		}
		if c.hasPeriod {
			row[g.colPeriod] = schema.IntValue(c.period)
		}
		row[g.colYear], row[g.colMonth], row[g.colState] = c.year, c.month, c.state
		if g.colAmount >= 0 {
			row[g.colAmount] = c.amount
		}
		row[g.colDetailSeq] = schema.IntValue(int64(c.detailSeq))
		row[g.colMonthSeq] = schema.IntValue(int64(c.monthSeq))
		row[g.colLoad] = schema.TextValue(f.loadID)
		f.appendRow(t, row)
	}
}

// position is an element's 1-based position in its source list: the decoder
// records it (null elements before it count), else its index + 1.
func refPosition(ev reflect.Value, i int) int {
	if m, ok := ev.Addr().Interface().(schema.HasMeta); ok {
		if pos := m.Kept().Pos; pos > 0 {
			return pos
		}
	}
	return i + 1
}

// institutionType is the features branch's reflect-based derivation of
// institution_type, kept beside the reference flattener it was written for.
func (f *refFlattener) institutionType(p *ctxPlan, v reflect.Value, row []schema.Value, rowKey string) {
	if m, ok := v.Addr().Interface().(schema.HasMeta); ok {
		if it := m.Kept().InstitutionType; it != "" {
			if schema.IsInstitutionType(it) {
				row[p.colInstitutionType] = schema.TextValue(it)
				return
			}
			f.rejectRaw(p.table, "institution_type", rowKey, joinPath(p.metas[0].node.Path, "institution_type"), it,
				"not an institution type (the input format gave it); institution_type derived from the name")
		}
	}
	if inst := row[p.colInstitution]; inst.Valid {
		set(row, p.colInstitutionType, schema.InstitutionType(inst.S))
	}
}
