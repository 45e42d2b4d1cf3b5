package transform

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"unsafe"

	"creditetl/schema"
)

// ---- repayment grids ----

type gridCell struct {
	period              int64
	hasPeriod           bool
	year, month         schema.Value
	state, amount       schema.Value
	detailSeq, monthSeq int
}

// byPeriod orders cells by period, cells without one last.
func byPeriod(a, b *gridCell) int {
	if a.hasPeriod != b.hasPeriod {
		if a.hasPeriod {
			return -1
		}
		return 1
	}
	return cmp.Compare(a.period, b.period)
}

func (f *Flattener) emitGrid(g *gridPlan, years *sliceHeader, k keys) {
	t := g.table
	cells := f.cells[:0]
	for di := 0; di < years.len; di++ {
		yb := years.elem(di, g.yearSize)
		dpos := position((*schema.Meta)(unsafe.Add(yb, g.yearMetaOff)), di)
		yKey := k.accountID + ":" + strconv.Itoa(dpos)
		f.keepMeta(g.yearCtx, yb, yKey)
		ysc := (*schema.Scalar)(unsafe.Add(yb, g.yearOff))
		year, ygiven, yprob := ParseValue(*ysc, schema.Year)
		if yprob != "" {
			f.reject(t, "year", yKey, g.yearPath, *ysc, yprob)
		}
		months := (*sliceHeader)(unsafe.Add(yb, g.cellsOff))
		for mi := 0; mi < months.len; mi++ {
			mb := months.elem(mi, g.cellSize)
			mpos := position((*schema.Meta)(unsafe.Add(mb, g.cellMetaOff)), mi)
			stateSc := (*schema.Scalar)(unsafe.Add(mb, g.stateOff))
			state, sgiven, _ := ParseValue(*stateSc, schema.Text)
			var amount schema.Value
			var agiven bool
			var aprob string
			var amountSc *schema.Scalar
			if g.hasAmount {
				amountSc = (*schema.Scalar)(unsafe.Add(mb, g.amountOff))
				amount, agiven, aprob = ParseValue(*amountSc, schema.Money)
			}
			var cKey string // the cell's row key, for rejects only
			if !metaEmpty(g.cellCtx, mb) {
				cKey = yKey + ":" + strconv.Itoa(mpos)
				f.keepMeta(g.cellCtx, mb, cKey)
			}
			if !sgiven && !agiven {
				continue // an empty cell is not a row
			}
			monthSc := (*schema.Scalar)(unsafe.Add(mb, g.monthOff))
			month, mgiven, mprob := ParseValue(*monthSc, schema.MonthOfYear)
			if cKey == "" && (aprob != "" || mprob != "" || !mgiven || (!ygiven && yprob == "")) {
				cKey = yKey + ":" + strconv.Itoa(mpos)
			}
			if aprob != "" {
				f.reject(t, "amount", cKey, g.amountPath, *amountSc, aprob)
			}
			switch {
			case mprob != "":
				f.reject(t, "month", cKey, g.monthPath, *monthSc, mprob)
			case !mgiven:
				f.rejectRaw(t, "month", cKey, g.monthPath, monthSc.RawJSON(), "month missing in a cell with a state or amount")
			}
			if !ygiven && yprob == "" {
				f.rejectRaw(t, "year", cKey, g.yearPath, ysc.RawJSON(), "year missing for a cell with a state or amount")
			}
			c := gridCell{year: year, month: month, state: state, amount: amount, detailSeq: dpos, monthSeq: mpos}
			if year.Valid && month.Valid {
				c.period, c.hasPeriod = Days(int(year.I), int(month.I), 1), true
			}
			cells = append(cells, c)
		}
	}
	// Rows go out in period order (a stable sort: equal periods keep their
	// order). Grids usually come in order; otherwise the cells' indexes are
	// sorted, not the cells (which are large).
	order := f.order[:0]
	for i := range cells {
		order = append(order, int32(i))
	}
	for i := 1; i < len(cells); i++ {
		if byPeriod(&cells[i], &cells[i-1]) < 0 {
			slices.SortStableFunc(order, func(a, b int32) int { return byPeriod(&cells[a], &cells[b]) })
			break
		}
	}
	f.order = order
	row := f.bufs[g.tableIdx]
	for i, ci := range order {
		c := &cells[ci]
		if i > 0 && c.hasPeriod && cells[order[i-1]].hasPeriod && cells[order[i-1]].period == c.period {
			prev := &cells[order[i-1]]
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
		f.appendRow(g.tableIdx, row)
	}
	clear(cells) // drop the values' strings until the next grid
	f.cells = cells[:0]
}

// position is an element's 1-based position in its source list: the decoder
// records it (null elements before it count), else its index + 1.
func position(m *schema.Meta, i int) int {
	if m.Pos > 0 {
		return m.Pos
	}
	return i + 1
}
