package synth

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"
)

// Scans: small, real, valid files for the API sandbox (a PNG, a JPEG or a
// one-page PDF), each a few kilobytes. A scan's page shows text-like stripes
// drawn from its (seed, i), and carries a marker "creditetl-synth-scan
// seed=S index=I" (a PNG tEXt chunk, a JPEG COM segment, a PDF comment and
// text) so that every scan's bytes differ and ReportForBytes can answer
// Report(seed, i) for it.

const scanMarker = "creditetl-synth-scan seed="

// ScanName is the file name of scan i: scan-00001.pdf, scan-00002.png,
// scan-00003.jpg, then again .pdf … (the type rotates with i).
func ScanName(i int) string {
	return fmt.Sprintf("scan-%05d.%s", i, scanExt(i))
}

func scanExt(i int) string {
	switch ((i % 3) + 3) % 3 {
	case 1:
		return "pdf"
	case 2:
		return "png"
	}
	return "jpg"
}

// Scan returns the file name and bytes of scan i of the seed's corpus.
func Scan(seed int64, i int) (name string, data []byte, err error) {
	r := newRnd(mix64(uint64(seed))^0x9b05688c2b3e6c1f, mix64(uint64(int64(i))^0x1f83d9abfb41bd6b))
	marker := fmt.Sprintf("%s%d index=%d", scanMarker, seed, i)
	switch scanExt(i) {
	case "pdf":
		data = scanPDF(r, marker)
	case "png":
		data, err = scanPNG(r, marker)
	default:
		data, err = scanJPEG(r, marker)
	}
	return ScanName(i), data, err
}

// scanOrigin reads the (seed, i) marker of a synth scan.
func scanOrigin(b []byte) (seed int64, i int, ok bool) {
	k := bytes.Index(b, []byte(scanMarker))
	if k < 0 {
		return 0, 0, false
	}
	rest := b[k+len(scanMarker):]
	num := func() (int64, bool) {
		j := 0
		if j < len(rest) && rest[j] == '-' {
			j++
		}
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		n, err := strconv.ParseInt(string(rest[:j]), 10, 64)
		rest = rest[j:]
		return n, err == nil
	}
	s, ok1 := num()
	if !bytes.HasPrefix(rest, []byte(" index=")) {
		return 0, 0, false
	}
	rest = rest[len(" index="):]
	n, ok2 := num()
	if !ok1 || !ok2 || n != int64(int(n)) {
		return 0, 0, false
	}
	return s, int(n), true
}

// page draws a small grey page: a title bar, lines of "words", a table grid.
func page(r rnd) *image.Gray {
	const w, h = 200, 260
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xf4
	}
	fill := func(x0, y0, x1, y1 int, c uint8) {
		for y := max(y0, 0); y < min(y1, h); y++ {
			for x := max(x0, 0); x < min(x1, w); x++ {
				img.SetGray(x, y, color.Gray{c})
			}
		}
	}
	fill(70, 12, 170, 20, 0x30) // 个人信用报告
	y := 34
	for y < h-20 {
		if r.pct(15) { // a table: ruled rows
			for k := range r.between(3, 6) {
				fill(12, y+k*10, w-12, y+k*10+1, 0x80)
			}
			y += 70
			continue
		}
		x := 12 + r.n(3)*8
		for x < w-30 {
			word := r.between(6, 34)
			fill(x, y, min(x+word, w-12), y+5, uint8(0x20+r.n(0x40)))
			x += word + r.between(3, 7)
		}
		y += r.between(9, 13)
	}
	return img
}

func scanPNG(r rnd, marker string) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, page(r)); err != nil {
		return nil, err
	}
	// Insert a tEXt chunk after IHDR (8-byte signature + 25-byte IHDR chunk).
	b := buf.Bytes()
	data := append([]byte("Comment\x00"), marker...)
	chunk := make([]byte, 0, 12+len(data))
	chunk = binary.BigEndian.AppendUint32(chunk, uint32(len(data)))
	chunk = append(chunk, "tEXt"...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	out := make([]byte, 0, len(b)+len(chunk))
	out = append(out, b[:33]...)
	out = append(out, chunk...)
	return append(out, b[33:]...), nil
}

func scanJPEG(r rnd, marker string) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, page(r), &jpeg.Options{Quality: 50}); err != nil {
		return nil, err
	}
	// Insert a COM segment after SOI.
	b := buf.Bytes()
	seg := []byte{0xFF, 0xFE}
	seg = binary.BigEndian.AppendUint16(seg, uint16(2+len(marker)))
	seg = append(seg, marker...)
	out := make([]byte, 0, len(b)+len(seg))
	out = append(out, b[:2]...)
	out = append(out, seg...)
	return append(out, b[2:]...), nil
}

// scanPDF writes a one-page PDF 1.4 by hand, with a correct xref table.
func scanPDF(r rnd, marker string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 16 Tf 200 790 Td (Personal Credit Report) Tj ET\n")
	fmt.Fprintf(&content, "BT /F1 8 Tf 40 770 Td (%s) Tj ET\n", marker)
	content.WriteString("BT /F1 8 Tf 40 758 Td (creditetl synthetic scan: not a real report) Tj ET\n")
	y := 730
	for y > 80 {
		x := 40 + r.n(3)*12
		fmt.Fprintf(&content, "%.2f g\n", float64(20+r.n(40))/100)
		for x < 540 {
			word := r.between(12, 70)
			fmt.Fprintf(&content, "%d %d %d 6 re f\n", x, y, min(word, 555-x))
			x += word + r.between(5, 12)
		}
		y -= r.between(14, 20)
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Producer (creditetl synth) /Title (synthetic credit report scan) >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	fmt.Fprintf(&b, "%% %s\n", marker)
	offsets := make([]int, len(objs))
	for k, o := range objs {
		offsets[k] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", k+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
