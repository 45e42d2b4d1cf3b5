package transform

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"creditetl/schema"
)

// Source is where a report came from: the lineage columns of reports.
type Source struct {
	// Format is the input format the report was read from (input.Format.Name).
	Format string
	File   string
	// Line is the 1-based line of a .jsonl file, 0 otherwise.
	Line int
	// SHA256 is the hex SHA-256 of the source file: the scan when the report
	// came through extract, else the response file (or the .jsonl line).
	SHA256 string
	// ResponseSHA256 is the hex SHA-256 of the JSON answer itself.
	ResponseSHA256 string
	// ExtractedAt is when the API answered; zero when unknown.
	ExtractedAt time.Time
}

// ReportID is the report's key: creditHeader.serialNo when given, else "f" +
// the first 16 hex digits of the source's SHA-256 (lower case).
//
// The key is a string of its own: the report's strings share the memory of
// the whole answer (schema.Decode), and callers keep keys after the report
// is gone (to find a report loaded twice in a run).
func ReportID(rep *schema.Report, sourceSHA256 string) string {
	if sc := rep.CreditHeader.SerialNo; sc.Given() {
		if s := schema.Normalize(sc.Raw); !schema.IsEmptyMarker(s) {
			return strings.Clone(s)
		}
	}
	h := strings.ToLower(sourceSHA256)
	if len(h) > 16 {
		h = h[:16]
	}
	return "f" + h
}

// ReportStats says what one report produced.
type ReportStats struct {
	ReportID string
	// Rows per table, indexed like schema.Tables().
	Rows    []int
	Rejects int
	Unknown int
}

// Flattener turns reports into rows of every per-report table, buffered in
// Arrow batches. It is not safe for concurrent use.
type Flattener struct {
	loadID   string
	builders []*schema.BatchBuilder
	bufs     [][]schema.Value // a row of each table, for rows appended at once
	ctxRows  [][]schema.Value // a row of each context, filled while its children run
	winner   []int16          // fillScalars' scratch
	cells    []gridCell       // emitGrid's scratch
	order    []int32
	buffered int

	rejects, unknown int // indexes of the rejects and unknown_fields tables
	cur              *ReportStats
	reportID         string

	privacy   Privacy
	personal  [][]int // per table: the positions of its personal columns
	narrative [][]int // per table: the positions of its free-text columns
	seen      []string
}

// Columns of the tables the flattener fills itself.
var (
	colsOnce sync.Once
	rejCol   struct{ table, column, rowKey, path, raw, problem, load int }
	unkCol   struct{ table, rowKey, path, json, load int }
	repCol   struct {
		reportTime, reportDate, inputFormat, file, line, sha, responseSHA, extracted, unknown int
	}
)

func compileColumns() {
	rt := schema.TableByName("rejects")
	rejCol.table, rejCol.column, rejCol.rowKey = rt.Col("table_name"), rt.Col("column_name"), rt.Col("row_key")
	rejCol.path, rejCol.raw, rejCol.problem, rejCol.load = rt.Col("source_path"), rt.Col("raw_value"), rt.Col("problem"), rt.Col("load_id")
	ut := schema.TableByName("unknown_fields")
	unkCol.table, unkCol.rowKey, unkCol.path = ut.Col("table_name"), ut.Col("row_key"), ut.Col("source_path")
	unkCol.json, unkCol.load = ut.Col("json_value"), ut.Col("load_id")
	t := rootPlan.table
	repCol.reportTime, repCol.reportDate = t.Col("report_time"), t.Col("report_date")
	repCol.inputFormat, repCol.file, repCol.line = t.Col("input_format"), t.Col("source_file"), t.Col("source_line")
	repCol.sha, repCol.responseSHA = t.Col("source_sha256"), t.Col("response_sha256")
	repCol.extracted, repCol.unknown = t.Col("extracted_at"), t.Col("unknown_fields")
}

// NewFlattener starts empty batches; every row gets load_id.
func NewFlattener(loadID string, mem memory.Allocator) *Flattener {
	compileOnce()
	colsOnce.Do(compileColumns)
	f := &Flattener{loadID: loadID, ctxRows: make([][]schema.Value, nCtx)}
	width := 0
	for i, t := range schema.Tables() {
		f.builders = append(f.builders, schema.NewBatchBuilder(t, mem))
		f.bufs = append(f.bufs, make([]schema.Value, len(t.Columns)))
		width = max(width, len(t.Columns))
		switch t.Name {
		case "rejects":
			f.rejects = i
		case "unknown_fields":
			f.unknown = i
		}
	}
	f.winner = make([]int16, width)
	return f
}

// SetPrivacy makes the flattener pseudonymise or drop personal values (see
// Privacy) in every row it makes from now on.
func (f *Flattener) SetPrivacy(p Privacy) {
	f.privacy = p
	f.personal, f.narrative = nil, nil
	if !p.Active() {
		return
	}
	f.personal = make([][]int, len(f.builders))
	f.narrative = make([][]int, len(f.builders))
	for i, t := range schema.Tables() {
		for j, c := range t.Columns {
			if c.Personal {
				f.personal[i] = append(f.personal[i], j)
			}
			if c.Narrative {
				f.narrative[i] = append(f.narrative[i], j)
			}
		}
	}
}

// Buffered is the number of rows waiting in the batches.
func (f *Flattener) Buffered() int { return f.buffered }

// Flush returns the non-empty batches and starts new ones. The caller owns
// the records and must release them.
func (f *Flattener) Flush() []schema.Batch {
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
func (f *Flattener) Release() {
	for _, b := range f.builders {
		b.Release()
	}
}

// Add flattens one report into the batches.
func (f *Flattener) Add(rep *schema.Report, src Source) ReportStats {
	st := ReportStats{ReportID: ReportID(rep, src.SHA256), Rows: make([]int, len(f.builders))}
	f.cur, f.reportID = &st, st.ReportID
	f.seen = f.seen[:0]
	f.emit(rootPlan, unsafe.Pointer(rep), keys{}, nil, 0, &src)
	f.cur = nil
	return st
}

// finishReport completes the reports row after its children ran (it counts
// the unknown keys of the whole report).
func (f *Flattener) finishReport(row []schema.Value, src *Source) {
	c := &repCol
	if c.reportTime >= 0 && row[c.reportTime].Valid {
		row[c.reportDate] = schema.IntValue(floorDiv(row[c.reportTime].I, 86_400_000_000))
	}
	set(row, c.inputFormat, src.Format)
	set(row, c.file, src.File)
	if src.Line > 0 {
		row[c.line] = schema.IntValue(int64(src.Line))
	}
	set(row, c.sha, strings.ToLower(src.SHA256))
	set(row, c.responseSHA, strings.ToLower(src.ResponseSHA256))
	if !src.ExtractedAt.IsZero() {
		row[c.extracted] = schema.IntValue(src.ExtractedAt.UTC().UnixMicro())
	}
	row[c.unknown] = schema.IntValue(int64(f.cur.Unknown))
}

func set(row []schema.Value, col int, s string) {
	if s != "" {
		row[col] = schema.TextValue(s)
	}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// keys are the key values a row inherits from its ancestors.
type keys struct {
	accountID, accountType string
	rowKey                 string
}

func (f *Flattener) appendRow(ti int, row []schema.Value) {
	if f.personal != nil {
		for _, c := range f.narrative[ti] {
			row[c] = f.privacy.scrub(row[c], f.seen)
		}
		for _, c := range f.personal[ti] {
			row[c] = f.privacy.apply(row[c])
		}
	}
	f.builders[ti].Append(row)
	f.cur.Rows[ti]++
	f.buffered++
}

// emit builds the row of one context (the report, report_summary, a list
// element) at base, then its child rows, then completes the row: a list
// element (el, its 1-based position seq) gets its seq and constant columns,
// the report (src) its lineage.
func (f *Flattener) emit(p *ctxPlan, base unsafe.Pointer, k keys, el *childOp, seq int, src *Source) {
	row := f.ctxRows[p.id]
	if row == nil {
		row = make([]schema.Value, len(p.table.Columns))
		f.ctxRows[p.id] = row
	}
	clear(row)
	row[p.colReport] = schema.TextValue(f.reportID)
	row[p.colLoad] = schema.TextValue(f.loadID)
	if p.colAccountID >= 0 && k.accountID != "" {
		row[p.colAccountID] = schema.TextValue(k.accountID)
	}
	if p.colAccountType >= 0 && k.accountType != "" {
		row[p.colAccountType] = schema.TextValue(k.accountType)
	}
	f.fillScalars(p, base, row, k.rowKey)
	if p.colInstitutionType >= 0 {
		f.institutionType(p, base, row, k.rowKey)
	}
	if f.personal != nil {
		// Known before the children (a judgment naming the subject) run.
		for _, c := range f.personal[p.tableIdx] {
			if row[c].Valid && utf8.RuneCountInString(row[c].S) >= 2 {
				f.seen = append(f.seen, row[c].S)
			}
		}
	}
	f.keepMeta(p, base, k.rowKey)
	for _, c := range p.children {
		cb := unsafe.Add(base, c.off)
		switch {
		case c.grid != nil:
			f.emitGrid(c.grid, (*sliceHeader)(cb), k)
		case c.node.Shape == schema.ShapeObject:
			f.emit(c.plan, cb, keys{rowKey: ""}, nil, 0, nil)
		default:
			h := (*sliceHeader)(cb)
			for i := 0; i < h.len; i++ {
				eb := h.elem(i, c.elemSize)
				f.emitElement(c, eb, position((*schema.Meta)(unsafe.Add(eb, c.elemMetaOff)), i), k)
			}
		}
	}
	switch {
	case el != nil:
		if p.colSeq >= 0 {
			row[p.colSeq] = schema.IntValue(int64(seq))
		}
		for i, col := range el.constCols {
			row[col] = schema.TextValue(el.constVals[i])
		}
	case src != nil:
		f.finishReport(row, src)
	}
	f.appendRow(p.tableIdx, row)
}

// emitElement emits one element of a list.
func (f *Flattener) emitElement(c *childOp, eb unsafe.Pointer, seq int, parent keys) {
	p := c.plan
	k := keys{accountID: parent.accountID, accountType: parent.accountType}
	if c.hasAccountType {
		k.accountType = c.accountType
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
		// The parent's account, the constant columns and seq, joined by ":".
		key := seqs
		if len(c.constVals) > 0 {
			key = c.constKey + ":" + seqs
		}
		if parent.accountID != "" {
			key = parent.accountID + ":" + key
		}
		k.rowKey = key
	}
	f.emit(p, eb, k, c, seq, nil)
}

// fillScalars types the context's leaves. Where several leaves feed one
// column, the first non-empty one wins; a later different value is kept as
// a rejects row.
func (f *Flattener) fillScalars(p *ctxPlan, base unsafe.Pointer, row []schema.Value, rowKey string) {
	var winner []int16 // op index + 1 of the leaf that fed each column
	if p.shared {
		winner = f.winner[:len(row)]
		clear(winner)
	}
	for i := range p.scalars {
		op := &p.scalars[i]
		sc := (*schema.Scalar)(unsafe.Add(base, op.off))
		if !sc.Given() {
			continue
		}
		val, given, prob := ParseValue(*sc, op.kind)
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

// institutionType derives the row's institution_type (CONTRACT section 5.1):
// the type an input adapter set on the object (from an official institution
// type code) when it is a known type, else the name rules of
// schema.InstitutionRules over the institution column. An unknown type from
// the adapter is a rejects row and the name rules apply.
func (f *Flattener) institutionType(p *ctxPlan, base unsafe.Pointer, row []schema.Value, rowKey string) {
	if it := (*schema.Meta)(unsafe.Add(base, p.metas[0].off)).InstitutionType; it != "" {
		if schema.IsInstitutionType(it) {
			row[p.colInstitutionType] = schema.TextValue(it)
			return
		}
		f.rejectRaw(p.table, "institution_type", rowKey, joinPath(p.metas[0].node.Path, "institution_type"), it,
			"not an institution type (the input format gave it); institution_type derived from the name")
	}
	if inst := row[p.colInstitution]; inst.Valid {
		set(row, p.colInstitutionType, schema.InstitutionType(inst.S))
	}
}

func (f *Flattener) reject(t *schema.Table, column, rowKey, path string, sc schema.Scalar, problem string) {
	f.rejectRaw(t, column, rowKey, path, sc.RawJSON(), problem)
}

func (f *Flattener) rejectRaw(t *schema.Table, column, rowKey, path, raw, problem string) {
	row := f.bufs[f.rejects]
	clear(row)
	row[0] = schema.TextValue(f.reportID)
	row[rejCol.table] = schema.TextValue(t.Name)
	set(row, rejCol.column, column)
	set(row, rejCol.rowKey, rowKey)
	row[rejCol.path] = schema.TextValue(path)
	row[rejCol.raw] = schema.TextValue(raw)
	if f.privacy.Active() {
		if c := t.Col(column); c >= 0 && t.Columns[c].Personal {
			row[rejCol.raw] = f.privacy.apply(row[rejCol.raw])
		}
	}
	row[rejCol.problem] = schema.TextValue(problem)
	row[rejCol.load] = schema.TextValue(f.loadID)
	f.appendRow(f.rejects, row)
	f.cur.Rejects++
}

// metaEmpty reports whether no object of the context holds anything to keep.
func metaEmpty(p *ctxPlan, base unsafe.Pointer) bool {
	for i := range p.metas {
		m := (*schema.Meta)(unsafe.Add(base, p.metas[i].off))
		if len(m.Unknown)+len(m.Invalid)+len(m.Problems) > 0 {
			return false
		}
	}
	return true
}

// keepMeta records unknown keys and values of the wrong shape of every object
// of the context.
func (f *Flattener) keepMeta(p *ctxPlan, base unsafe.Pointer, rowKey string) {
	for i := range p.metas {
		mo := &p.metas[i]
		meta := (*schema.Meta)(unsafe.Add(base, mo.off))
		if len(meta.Unknown)+len(meta.Invalid)+len(meta.Problems) == 0 {
			continue
		}
		for _, u := range meta.Unknown {
			f.keepUnknown(p.table, rowKey, joinPath(mo.node.Path, u.Key), u.JSON)
		}
		for _, bad := range meta.Invalid {
			key, elem := bad.Key, false
			if i := strings.IndexByte(key, '['); i >= 0 {
				key, elem = key[:i], true
			}
			child := childByKey(mo.node, key)
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
			column, path := "", joinPath(mo.node.Path, pr.Key)
			if child := childByKey(mo.node, key); child != nil {
				column, path = child.Column, child.Path
			}
			f.rejectRaw(p.table, column, rowKey, path, pr.Raw, pr.Problem)
		}
	}
}

func (f *Flattener) keepUnknown(t *schema.Table, rowKey, path, json string) {
	row := f.bufs[f.unknown]
	clear(row)
	row[0] = schema.TextValue(f.reportID)
	row[unkCol.table] = schema.TextValue(t.Name)
	set(row, unkCol.rowKey, rowKey)
	row[unkCol.path] = schema.TextValue(path)
	row[unkCol.json] = schema.TextValue(json)
	if f.privacy.Active() {
		row[unkCol.json] = f.privacy.apply(row[unkCol.json])
	}
	row[unkCol.load] = schema.TextValue(f.loadID)
	f.appendRow(f.unknown, row)
	f.cur.Unknown++
}

func joinPath(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

func childByKey(n *schema.Node, key string) *schema.Node {
	for _, c := range n.Children {
		if c.Key == key {
			return c
		}
	}
	return nil
}
