package synth

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"creditetl/schema"
)

// decoded generates report (seed, i), marshals it and decodes it back, as a
// consumer would read it.
func decoded(t testing.TB, seed int64, i int) (*schema.Report, []byte) {
	t.Helper()
	b, err := Marshal(Report(seed, i))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := schema.Decode(b)
	if err != nil {
		t.Fatalf("report (%d,%d): %v", seed, i, err)
	}
	return rep, b
}

func mustDate(t testing.TB, sc schema.Scalar, what string) cdate {
	t.Helper()
	s, ok := given(sc)
	if !ok {
		t.Fatalf("%s: not given (%q)", what, sc.Raw)
	}
	d, ok := cTimestamp(s)
	if !ok {
		t.Fatalf("%s: not a date: %q", what, sc.Raw)
	}
	return d
}

// optInt reads a count or amount; 0 and false when not given.
func optInt(t testing.TB, sc schema.Scalar, what string) (int64, bool) {
	t.Helper()
	s, ok := given(sc)
	if !ok {
		return 0, false
	}
	n, ok := cMoney(s)
	if !ok {
		t.Fatalf("%s: not a number: %q", what, sc.Raw)
	}
	return n, true
}

func text(sc schema.Scalar) string { return schema.Normalize(sc.Raw) }

// gcell is one repayment month as a reader keeps it (empty cells dropped).
type gcell struct {
	mi       int
	st       string
	amt      int64
	amtGiven bool
}

func readGrid(t testing.TB, years []schema.GridYear, what string) []gcell {
	t.Helper()
	var out []gcell
	seen := map[int]bool{}
	for _, y := range years {
		ys, _ := given(y.Year)
		g := reYear.FindStringSubmatch(ys)
		if g == nil {
			t.Fatalf("%s: bad year %q", what, y.Year.Raw)
		}
		for _, m := range y.Month {
			st := text(m.State)
			amtS, amtOK := given(m.Amount)
			if st == "" && !amtOK {
				continue // a padding cell
			}
			ms, _ := given(m.MonthValue)
			mg := reMonthNo.FindStringSubmatch(ms)
			if mg == nil {
				t.Fatalf("%s: bad month %q", what, m.MonthValue.Raw)
			}
			c := gcell{mi: atoiT(g[1])*12 + atoiT(mg[1]) - 1, st: st}
			if amtOK {
				n, ok := cMoney(amtS)
				if !ok {
					t.Fatalf("%s: bad amount %q", what, m.Amount.Raw)
				}
				c.amt, c.amtGiven = n, true
			}
			if seen[c.mi] {
				t.Fatalf("%s: month %d given twice", what, c.mi)
			}
			seen[c.mi] = true
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].mi < out[j].mi })
	return out
}

// acct is an account as a reader of the decoded report sees it.
type acct struct {
	typ, status, inst, biz string
	open, asOf             cdate
	grid                   []gcell
	hasGrid                bool
	odPeriods              int64
	odAmount               int64
	odGiven                bool
	balance, limit, used   int64
	state                  reflect.Value // the AccountState struct
	what                   string
}

func accounts(t testing.TB, rep *schema.Report) []acct {
	t.Helper()
	var out []acct
	d := rep.CreditTransInfoDetail
	mk := func(typ string, i int, status, inst, biz schema.Scalar, open, asOf schema.Scalar, rr *schema.RefundRecord, st any) acct {
		a := acct{typ: typ, status: text(status), inst: text(inst), biz: text(biz), what: fmt.Sprintf("%s[%d]", typ, i)}
		a.open = mustDate(t, open, a.what+" open")
		a.asOf = mustDate(t, asOf, a.what+" dueDate")
		if rr != nil && len(rr.Detail) > 0 {
			a.hasGrid = true
			a.grid = readGrid(t, rr.Detail, a.what)
		}
		a.state = reflect.ValueOf(st).Elem()
		return a
	}
	for i := range d.RecoveryInfo {
		x := &d.RecoveryInfo[i]
		a := mk(tC1, i, x.AccountState.Value, x.ManageCompany, x.Type, x.CreditorReceivedDate, x.DueDate, nil, &x.AccountState)
		a.balance, _ = optInt(t, x.AccountState.DebtCollection.SurplusAmount, a.what)
		out = append(out, a)
	}
	for i := range d.AcyclicCreditAccount {
		x := &d.AcyclicCreditAccount[i]
		a := mk(tD1, i, x.AccountState.Value, x.ManageCompany, x.Type, x.StartDate, x.DueDate, &x.RefundRecord, &x.AccountState)
		a.limit, _ = optInt(t, x.RefundAmount, a.what)
		s := x.AccountState
		a.balance, _ = optInt(t, first(s.BadDebt.SurplusAmount, s.Normal.SurplusAmount, s.Overdue.SurplusAmount), a.what)
		a.odPeriods, a.odGiven = optInt(t, first(s.Normal.CurrOverduePeriods, s.Overdue.CurrOverduePeriods), a.what)
		a.odAmount, _ = optInt(t, first(s.Normal.CurrOverdueAmount, s.Overdue.CurrOverdueAmount), a.what)
		out = append(out, a)
	}
	for i := range d.CyclicalAmountPerAccount {
		x := &d.CyclicalAmountPerAccount[i]
		a := mk(tR4, i, x.AccountState.Value, x.ManageCompany, x.Type, x.StartDate, x.DueDate, &x.RefundRecord, &x.AccountState)
		a.limit, _ = optInt(t, x.RefundAmount, a.what)
		s := x.AccountState
		a.balance, _ = optInt(t, first(s.Normal.SurplusAmount, s.Overdue.SurplusAmount), a.what)
		a.odPeriods, a.odGiven = optInt(t, first(s.Normal.CurrOverduePeriods, s.Overdue.CurrOverduePeriods), a.what)
		a.odAmount, _ = optInt(t, first(s.Normal.CurrOverdue, s.Overdue.CurrOverdue), a.what)
		out = append(out, a)
	}
	for i := range d.CyclicalLoanAccount {
		x := &d.CyclicalLoanAccount[i]
		a := mk(tR1, i, x.AccountState.Value, x.ManageCompany, x.Type, x.StartDate, x.DueDate, &x.RefundRecord, &x.AccountState)
		a.limit, _ = optInt(t, x.AccountExtensionAmount, a.what)
		s := x.AccountState
		a.balance, _ = optInt(t, s.Overdue.SurplusAmount, a.what)
		a.odPeriods, a.odGiven = optInt(t, s.Overdue.CurrOverduePeriods, a.what)
		a.odAmount, _ = optInt(t, s.Overdue.CurrOverdue, a.what)
		out = append(out, a)
	}
	for i := range d.CreditAccount {
		x := &d.CreditAccount[i]
		a := mk(tR2, i, x.AccountState.Value, x.CardCompany, x.Type, x.StartDate, x.DueDate, &x.RefundRecord, &x.AccountState)
		a.limit, _ = optInt(t, x.AccountExtensionAmount, a.what)
		s := x.AccountState
		a.balance, _ = optInt(t, first(s.BadDebt.SurplusAmount, s.Normal.SurplusAmount), a.what)
		a.used, _ = optInt(t, s.Normal.UsedAmount, a.what)
		a.odPeriods, a.odGiven = optInt(t, s.Normal.CurrOverduePeriods, a.what)
		a.odAmount, _ = optInt(t, s.Normal.CurrOverdueAmount, a.what)
		out = append(out, a)
	}
	for i := range d.QuasiCreditAccount {
		x := &d.QuasiCreditAccount[i]
		a := mk(tR3, i, x.AccountState.Value, x.CardCompany, x.GuaranteeType, x.StartDate, x.DueDate, &x.RefundRecord, &x.AccountState)
		a.limit, _ = optInt(t, x.AccountExtensionAmount, a.what)
		s := x.AccountState
		a.balance, _ = optInt(t, first(s.BadDebt.SurplusAmount, s.Normal.OverDraftAmount), a.what)
		out = append(out, a)
	}
	return out
}

// first is the first given scalar, as the contract picks a column's value
// among state sub-objects.
func first(scs ...schema.Scalar) schema.Scalar {
	for _, s := range scs {
		if _, ok := given(s); ok {
			return s
		}
	}
	return schema.Scalar{}
}

// isOpen is the contract's open account (section 5).
func (a acct) isOpen() bool {
	switch a.typ {
	case tD1, tR4, tR1:
		return !strings.Contains(a.status, "结清") && !strings.Contains(a.status, "转出")
	case tR2:
		return !strings.Contains(a.status, "销户") && !strings.Contains(a.status, "未激活")
	case tR3:
		return !strings.Contains(a.status, "销户")
	}
	return false
}

// lvl is the contract's overdue level L of a cell (R3: 1 and 2 are normal).
func lvl(typ, st string) int {
	if len(st) == 1 && st[0] >= '1' && st[0] <= '7' {
		l := int(st[0] - '0')
		if typ == tR3 && l <= 2 {
			return 0
		}
		return l
	}
	return 0
}

func reflectOf(r *schema.Report) reflect.Value { return reflect.ValueOf(r).Elem() }
