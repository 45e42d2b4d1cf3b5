package synth

import (
	"fmt"
	"slices"

	"creditetl/schema"
)

// gridStyle is how an OCR engine lays out repayment grids; drawn per report
// (with some per-account variety).
type gridStyle struct {
	padded  bool // whole calendar years, empty cells for the months not covered
	blank   int  // empty cell: 0 "" values, 1 keys omitted, 2 null values
	order   int  // year blocks: 0 newest first, 1 oldest first, 2 shuffled
	yearSfx bool // "2015年"
	month   int  // monthValue: 0 "3", 1 "03", 2 "3月"
}

func (b *builder) newGridStyle() gridStyle {
	r := b.r
	return gridStyle{
		padded:  r.pct(60),
		blank:   r.weighted(60, 30, 10),
		order:   r.weighted(50, 35, 15),
		yearSfx: r.pct(15),
		month:   r.weighted(70, 15, 15),
	}
}

type gridMonth struct {
	m int
	c *cell // nil: a padding cell
}

type gridBlock struct {
	y      int
	months []gridMonth
}

// blocks lays a grid out in year blocks per the style.
func (b *builder) blocks(cells []cell) ([]gridBlock, gridStyle) {
	st := b.gs
	if b.r.pct(10) {
		st.order = b.r.n(3)
	}
	byMI := map[int]*cell{}
	for i := range cells {
		byMI[cells[i].mi] = &cells[i]
	}
	y0, _ := fromMI(cells[0].mi)
	y1, _ := fromMI(cells[len(cells)-1].mi)
	var out []gridBlock
	for y := y0; y <= y1; y++ {
		var blk gridBlock
		blk.y = y
		for m := 1; m <= 12; m++ {
			c := byMI[y*12+m-1]
			if c != nil || st.padded {
				blk.months = append(blk.months, gridMonth{m, c})
			}
		}
		out = append(out, blk)
	}
	switch st.order {
	case 0:
		slices.Reverse(out)
	case 2:
		b.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	}
	return out, st
}

func (b *builder) yearValue(y int, st gridStyle) schema.Scalar {
	if b.f.odd() && b.f.r.n(4) == 0 {
		return schema.Int(int64(y))
	}
	if st.yearSfx {
		return schema.Str(itoa(y) + "年")
	}
	return schema.Str(itoa(y))
}

func (b *builder) monthValue(m int, st gridStyle) schema.Scalar {
	if b.f.odd() && b.f.r.n(4) == 0 {
		return schema.Int(int64(m))
	}
	switch st.month {
	case 1:
		return schema.Str(fmt.Sprintf("%02d", m))
	case 2:
		return schema.Str(itoa(m) + "月")
	}
	return schema.Str(itoa(m))
}

func (b *builder) blankValue(st gridStyle) schema.Scalar {
	switch st.blank {
	case 0:
		return schema.Str("")
	case 2:
		return null
	}
	return schema.Scalar{}
}

func dateRange(cells []cell) string {
	y0, m0 := fromMI(cells[0].mi)
	y1, m1 := fromMI(cells[len(cells)-1].mi)
	return fmt.Sprintf("%d年%02d月-%d年%02d月", y0, m0, y1, m1)
}

func (b *builder) refundRecord(cells []cell) schema.RefundRecord {
	if len(cells) == 0 {
		return schema.RefundRecord{}
	}
	blocks, st := b.blocks(cells)
	rec := schema.RefundRecord{DateRange: b.f.text(dateRange(cells))}
	for _, blk := range blocks {
		gy := schema.GridYear{Year: b.yearValue(blk.y, st)}
		for _, gm := range blk.months {
			m := schema.GridMonth{MonthValue: b.monthValue(gm.m, st)}
			if c := gm.c; c != nil {
				m.State = schema.Str(c.st)
				if c.unk {
					m.Amount = b.f.dash()
				} else {
					m.Amount = b.f.money(c.amt)
				}
			} else {
				m.Amount, m.State = b.blankValue(st), b.blankValue(st)
			}
			gy.Month = append(gy.Month, m)
		}
		rec.Detail = append(rec.Detail, gy)
	}
	return rec
}

func (b *builder) postpaidRecord(cells []cell) schema.PostpaidRefundRecord {
	blocks, st := b.blocks(cells)
	rec := schema.PostpaidRefundRecord{DateRange: b.f.text(dateRange(cells))}
	for _, blk := range blocks {
		gy := schema.PostpaidGridYear{Year: b.yearValue(blk.y, st)}
		for _, gm := range blk.months {
			m := schema.PostpaidGridMonth{MonthValue: b.monthValue(gm.m, st)}
			if gm.c != nil {
				m.State = schema.Str(gm.c.st)
			} else {
				m.State = b.blankValue(st)
			}
			gy.Month = append(gy.Month, m)
		}
		rec.Detail = append(rec.Detail, gy)
	}
	return rec
}
