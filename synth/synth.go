package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"creditetl/schema"
)

// Report returns synthetic report number i of the corpus with the given
// seed. The same (seed, i) always gives the same report; distinct i of one
// seed give distinct serial numbers (when the report has one).
//
// Everything is drawn from a PCG stream seeded by (seed, i), except a fixed
// schedule on i that makes every corpus of 12 or more reports exercise the
// rare cases: i ≡ 6 (mod 36) is an empty report (no accounts, no queries),
// i ≡ 11 (mod 48) has no serialNo, i ≡ 4 (mod 36) has recovery (C1)
// accounts, i ≡ 2 (mod 24) has a quasi-credit card (R3) and i ≡ 8 (mod 24)
// a revolving loan (R1); R1 and R3 also occur at random elsewhere.
func Report(seed int64, i int) *schema.Report {
	s := mix64(uint64(seed))
	r := newRnd(s, mix64(uint64(int64(i))^0x6a09e667f3bcc909))
	f := newRnd(s^0xbb67ae8584caa73b, mix64(uint64(int64(i))^0x3c6ef372fe94f82b))
	p := profile{
		empty:     i%36 == 6,
		noSerial:  i%48 == 11,
		recovery:  i%36 == 4,
		quasi:     i%24 == 2,
		revolving: i%24 == 8,
	}
	// A bijection of i modulo 10^11 (the multiplier is prime to 10): serial
	// numbers of one seed's reports never collide.
	const mod = 100_000_000_000
	suffix := ((uint64(int64(i))%mod)*179_424_673 + s%mod) % mod
	return build(r, f, p, suffix)
}

// ReportForBytes returns the synthetic report the API sandbox answers for a
// scan file: the same bytes always give the same report, different bytes a
// different one (its streams and serial number derive from the SHA-256 of
// the bytes). A scan written by Scan or WriteCorpus carries its (seed, i),
// and gets Report(seed, i): the sandbox's answer for scans/scan-00001.pdf is
// then exactly report-00001.json of the same corpus.
func ReportForBytes(b []byte) *schema.Report {
	if seed, i, ok := scanOrigin(b); ok {
		return Report(seed, i)
	}
	return ReportForDigest(sha256.Sum256(b))
}

// ReportForDigest is ReportForBytes for a file known by its SHA-256 digest
// (it does not recognise synth scans, whose origin is in their bytes).
func ReportForDigest(sum [32]byte) *schema.Report {
	w := func(k int) uint64 { return binary.BigEndian.Uint64(sum[8*k:]) }
	r := newRnd(w(0), w(1))
	f := newRnd(w(1)^0xa54ff53a5f1d36f1, w(2))
	pr := newRnd(w(3), w(0)^0x510e527fade682d1)
	p := profile{
		empty:     pr.pm(30),
		noSerial:  pr.pm(20),
		recovery:  pr.pm(30),
		quasi:     pr.pm(20),
		revolving: pr.pm(40),
	}
	return build(r, f, p, w(2)%100_000_000_000)
}

// Marshal writes a report as indented JSON (two spaces, keys in the order of
// response-example.json, UTF-8, a final newline): the shape of the seed.
func Marshal(r *schema.Report) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ReportName is the file name of report i of a corpus: report-00001.json.
func ReportName(i int) string { return fmt.Sprintf("report-%05d.json", i) }

// WriteCorpus writes reports 1..n of the seed as dir/report-00001.json …
// (Report(seed, i), Marshal), and with scans also one small valid scan per
// index under dir/scans (see Scan). It creates the directories.
func WriteCorpus(dir string, n int, seed int64, scans bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		b, err := Marshal(Report(seed, i))
		if err != nil {
			return fmt.Errorf("synth: report %d: %w", i, err)
		}
		if err := os.WriteFile(filepath.Join(dir, ReportName(i)), b, 0o644); err != nil {
			return err
		}
	}
	if !scans {
		return nil
	}
	sd := filepath.Join(dir, "scans")
	if err := os.MkdirAll(sd, 0o755); err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		name, b, err := Scan(seed, i)
		if err != nil {
			return fmt.Errorf("synth: scan %d: %w", i, err)
		}
		if err := os.WriteFile(filepath.Join(sd, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// ---- the builder ----

const (
	riskGood = iota
	riskMild
	riskBad
)

// profile carries the rare cases a report must (or must not) show.
type profile struct {
	empty, noSerial, recovery, quasi, revolving bool
}

type builder struct {
	r      rnd   // content
	f      *fmtr // value forms
	gs     gridStyle
	R      date // report date
	hh, mm int
	ss     int
	risk   int
	prof   profile
	serial string
	p      *person

	homeBanks  []inst
	accts      []*account
	facilities []*facility
	queries    []query
	postpaid   []*postpaid
	guars      []*guarantee
	pub        publicRecords
	declares   []note
	objections []note
	antiFraud  bool
}

func build(r, f rnd, p profile, serialSuffix uint64) *schema.Report {
	b := &builder{r: r, prof: p}
	b.f = &fmtr{r: f, rate: f.between(80, 220)}
	b.R = r.dateIn(mkDate(2019, 1, 1), mkDate(2025, 12, 31))
	b.hh, b.mm, b.ss = r.between(8, 20), r.n(60), r.n(60)
	b.risk = r.weighted(70, 20, 10)
	if p.recovery {
		b.risk = riskBad
	}
	if !p.noSerial {
		b.serial = fmt.Sprintf("%04d%02d%02d%011d", b.R.Y, b.R.M, b.R.D, serialSuffix)
	}
	b.p = b.newPerson()
	if !p.empty {
		b.genAccounts()
		b.genGuarantees()
		b.genPostpaid()
		b.genQueries()
	}
	b.genPublic()
	b.genStatements()
	return b.render()
}

func (b *builder) genAccounts() {
	r := b.r
	var n int
	switch r.weighted(8, 70, 22) {
	case 0:
		n = r.between(1, 2)
	case 1:
		n = r.between(3, 14)
	default:
		n = r.between(15, 25)
	}
	for range r.between(2, 4) {
		b.homeBanks = append(b.homeBanks, pick(r, banks))
	}
	types := make([]string, 0, n+2)
	for range n {
		types = append(types, pickW(r, []choice[string]{{45, tR2}, {30, tD1}, {14, tR4}, {4, tR1}, {2, tR3}}))
	}
	has := func(t string) bool {
		for _, x := range types {
			if x == t {
				return true
			}
		}
		return false
	}
	if b.prof.quasi && !has(tR3) {
		types = append(types, tR3)
	}
	if b.prof.revolving && !has(tR1) {
		types = append(types, tR1)
	}
	var cardBanks []inst
	for _, t := range types {
		ar := b.accountRisk()
		var a *account
		switch t {
		case tD1:
			a = b.genD1(ar)
		case tR4:
			var f *facility
			if len(b.facilities) > 0 && r.pct(70) {
				f = pick(r, b.facilities)
			} else {
				f = b.newFacility()
				b.facilities = append(b.facilities, f)
			}
			a = b.genR4(ar, f)
		case tR1:
			a = b.genR1(ar)
		case tR2, tR3:
			var i inst
			if len(cardBanks) > 0 && r.pct(25) {
				i = pick(r, cardBanks)
			} else {
				i = b.bank()
				cardBanks = append(cardBanks, i)
			}
			if t == tR2 {
				a = b.genR2(ar, i)
			} else {
				a = b.genR3(ar, i)
			}
		}
		b.accts = append(b.accts, a)
	}
	if b.prof.recovery {
		for range 1 + r.weighted(80, 20) {
			b.accts = append(b.accts, b.genC1())
		}
	}
	// Cards of one issuer share its limit.
	shared := map[string]int64{}
	for _, a := range b.accts {
		if a.typ == tR2 {
			shared[a.inst] = max(shared[a.inst], a.amount)
		}
	}
	seq := map[string]int{}
	for _, a := range b.accts {
		if a.typ == tR2 {
			a.shared = shared[a.inst]
		}
		seq[a.typ]++
		a.seq = seq[a.typ]
	}
}

// openAccount reports whether an account counts as open (未结清/未销户), as
// the contract's features define it: loans not 结清 or 转出, credit cards not
// 销户 or 未激活, quasi-credit cards not 销户.
func openAccount(a *account) bool {
	switch a.typ {
	case tD1, tR4, tR1:
		return a.status != "结清" && a.status != "转出"
	case tR2:
		return a.status != "销户" && a.status != "未激活"
	case tR3:
		return a.status != "销户"
	}
	return false
}

// unsettled reports whether an account is counted by the summary of
// 信贷交易授信及负债信息概要 (未结清/未销户): loans not 结清 or 转出, cards (R2,
// R3) not 销户 (an inactive card is not closed).
func unsettled(a *account) bool {
	switch a.typ {
	case tR2, tR3:
		return a.status != "销户"
	}
	return openAccount(a)
}

func itoa(n int) string { return strconv.Itoa(n) }
