package synth

import (
	"math/rand/v2"
	"strings"
)

// rnd is the generator's random source: a PCG stream. Probabilities are
// integers (per mille) so that no floating point arithmetic (and no FMA
// fusion difference between architectures) can change the output.
type rnd struct{ *rand.Rand }

func newRnd(s1, s2 uint64) rnd { return rnd{rand.New(rand.NewPCG(s1, s2))} }

// mix64 is SplitMix64's finaliser: it spreads seeds and indexes over the
// whole 64-bit space before they seed a PCG stream.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// n is uniform in [0, n).
func (r rnd) n(n int) int { return r.IntN(n) }

// between is uniform in [a, b]; a when b < a.
func (r rnd) between(a, b int) int {
	if b <= a {
		return a
	}
	return a + r.IntN(b-a+1)
}

// between64 is uniform in [a, b].
func (r rnd) between64(a, b int64) int64 {
	if b <= a {
		return a
	}
	return a + r.Int64N(b-a+1)
}

// pm is true with probability p/1000.
func (r rnd) pm(p int) bool { return r.IntN(1000) < p }

// pct is true with probability p/100.
func (r rnd) pct(p int) bool { return r.IntN(100) < p }

// weighted returns i with probability w[i]/sum(w).
func (r rnd) weighted(w ...int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	k := r.IntN(total)
	for i, x := range w {
		if k < x {
			return i
		}
		k -= x
	}
	return len(w) - 1
}

func pick[T any](r rnd, xs []T) T { return xs[r.IntN(len(xs))] }

// choice is one weighted option of a list.
type choice[T any] struct {
	w int
	v T
}

func pickW[T any](r rnd, cs []choice[T]) T {
	w := make([]int, len(cs))
	for i, c := range cs {
		w[i] = c.w
	}
	return cs[r.weighted(w...)].v
}

// dateIn is uniform in [a, b].
func (r rnd) dateIn(a, b date) date {
	if !b.after(a) {
		return a
	}
	return fromDays(r.between(a.days(), b.days()))
}

// digits is n random decimal digits.
func (r rnd) digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

// upper is n random capital letters.
func (r rnd) upper(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('A' + r.IntN(26)))
	}
	return b.String()
}

// amount is uniform in [lo, hi] rounded down to a multiple of step (at least step).
func (r rnd) amount(lo, hi, step int64) int64 {
	v := r.between64(lo, hi) / step * step
	return max(v, step)
}

// skewed is in [lo, hi], most often near lo: the smaller of two uniform draws.
func (r rnd) skewed(lo, hi int) int { return min(r.between(lo, hi), r.between(lo, hi)) }
