package synth

// Repayment grids of the account model: cells from the open month to the
// cut-off, overdue episodes, amounts.

// lastDue is the latest day-of-month `day` strictly before the report date:
// a loan's 截至日期 is its latest due date, a card's its latest bill date.
func (b *builder) lastDue(day int) date {
	y := b.R.addDays(-1)
	d := inMonth(y.mi(), day)
	if d.after(y) {
		d = inMonth(y.mi()-1, day)
	}
	if b.r.pct(8) { // reported a month late
		d = inMonth(d.mi()-1, day)
	}
	return d
}

// newGrid makes the cells from the later of the open month and five years
// before asOf, through the month of asOf, all in state st.
func newGrid(open, asOf date, st string) []cell {
	start := max(open.mi(), asOf.mi()-59)
	g := make([]cell, 0, asOf.mi()-start+1)
	for mi := start; mi <= asOf.mi(); mi++ {
		g = append(g, cell{mi: mi, st: st})
	}
	return g
}

// episodes writes count past late runs (1, 1-2, 1-2-3 …, back to N after)
// inside g[lo:hi].
func (b *builder) episodes(g []cell, lo, hi, count, maxLevel int) {
	for range count {
		l := min(b.r.skewed(1, maxLevel), maxLevel)
		if hi-lo < l+1 {
			return
		}
		p := b.r.between(lo, hi-l-1)
		for j := range l {
			g[p+j].st = string(rune('1' + j))
		}
		if g[p+l].st != "*" {
			g[p+l].st = "N"
		}
	}
}

// sprinkleUnknown marks a few old months as unknown (# with amount --).
func (b *builder) sprinkleUnknown(g []cell, hi int) {
	if len(g) < 6 || hi < 1 || !b.r.pct(6) {
		return
	}
	for range b.r.between(1, 3) {
		i := b.r.n(min(hi, len(g)))
		if g[i].st == "N" || g[i].st == "*" {
			g[i].st = "#"
		}
	}
}

// fillAmounts sets the month amounts: 0 for paid months, unit × level for
// overdue months, a growing (capped) amount for bad-debt months, unknown for #.
func fillAmounts(g []cell, unit, capAmt int64) {
	last := int64(0)
	for i := range g {
		c := &g[i]
		switch l := level(c.st); {
		case l > 0:
			c.amt = unit * int64(l)
			last = c.amt
		case c.st == "B":
			last = min(max(last, unit)+unit, max(capAmt, unit))
			c.amt = last
		case c.st == "#":
			c.unk = true
		default:
			c.amt = 0
		}
	}
}

// tailRun writes the trailing overdue run 1..k ending at the last cell.
func tailRun(g []cell, k int) {
	for j := range k {
		g[len(g)-k+j].st = string(rune('1' + j))
	}
}

// badTail writes a run of 1..l followed by B months through the last cell.
func badTail(g []cell, l, nb int) {
	n := len(g)
	for j := range nb {
		g[n-1-j].st = "B"
	}
	for j := range l {
		g[n-nb-l+j].st = string(rune('1' + j))
	}
}
