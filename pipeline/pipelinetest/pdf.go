// Package pipelinetest makes test documents in code: text PDFs, scanned
// page images (with noise, blur and a slight rotation) and image-only PDFs,
// all deterministic, so tests need no large committed binaries.
package pipelinetest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/jpeg"
	"strings"
)

// Line is a line of text on a page: X and Y in points from the top left
// of a US Letter page (612 × 792), Size in points.
type Line struct {
	X, Y, Size float64
	Text       string
}

// Page is one PDF page: text drawn with a real text layer, or (when Scan is
// set) only an image of the page, as a scanner makes.
type Page struct {
	Lines []Line
	Scan  *image.Gray // drawn full page, with no text layer
	// Bilevel stores Scan as a 1-bit Flate image, as bilevel scanners and
	// fax software write it, instead of a JPEG.
	Bilevel bool
}

// bilevelFlate is g thresholded at mid-gray, packed a bit a pixel (1 is
// white), rows padded to bytes, and deflated.
func bilevelFlate(g *image.Gray) []byte {
	b := g.Bounds()
	rowBytes := (b.Dx() + 7) / 8
	raw := make([]byte, rowBytes*b.Dy())
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			if g.GrayAt(b.Min.X+x, b.Min.Y+y).Y >= 128 {
				raw[y*rowBytes+x/8] |= 0x80 >> (x % 8)
			}
		}
	}
	var out bytes.Buffer
	zw := zlib.NewWriter(&out)
	_, _ = zw.Write(raw)
	_ = zw.Close()
	return out.Bytes()
}

// PDF writes a PDF with the given pages. Text uses the standard Helvetica
// font, so the PDF needs no embedded font.
func PDF(pages ...Page) []byte {
	var objs []string // object i+1
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	catalog := add("") // filled in below
	pagesObj := add("")
	font := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	var kids []string
	for _, p := range pages {
		var content strings.Builder
		res := fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", font)
		if p.Scan != nil {
			b := p.Scan.Bounds()
			var img int
			if p.Bilevel {
				bits := bilevelFlate(p.Scan)
				img = add(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream",
					b.Dx(), b.Dy(), len(bits), bits))
			} else {
				var jb bytes.Buffer
				_ = jpeg.Encode(&jb, p.Scan, &jpeg.Options{Quality: 85})
				img = add(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream",
					b.Dx(), b.Dy(), jb.Len(), jb.String()))
			}
			res = fmt.Sprintf("<< /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >>", font, img)
			content.WriteString("q 612 0 0 792 0 0 cm /Im1 Do Q\n")
		}
		for _, l := range p.Lines {
			size := l.Size
			if size == 0 {
				size = 10
			}
			fmt.Fprintf(&content, "BT /F1 %.1f Tf %.2f %.2f Td (%s) Tj ET\n", size, l.X, 792-l.Y-size, escapePDF(l.Text))
		}
		c := content.String()
		stream := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c))
		page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>", pagesObj, res, stream))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	return RawPDF(objs...)
}

// RawPDF writes a PDF whose objects are objs (object i+1 is objs[i], the
// first one the catalog), with a correct cross-reference table: for tests
// that need objects PDF does not make.
func RawPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func escapePDF(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == '(' || r == ')':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 128:
			b.WriteRune(r)
		default:
			if c, ok := winAnsi[r]; ok {
				fmt.Fprintf(&b, "\\%03o", c)
			} else {
				b.WriteByte('?')
			}
		}
	}
	return b.String()
}

var winAnsi = map[rune]byte{'•': 0x95, '–': 0x96, '—': 0x97, '’': 0x92, '“': 0x93, '”': 0x94, 'é': 0xe9}
