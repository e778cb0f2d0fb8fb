package pipelinetest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// Hostile is a small PDF built to make a reader spend memory or time out
// of all proportion to its size (issue 14), generated fresh by each test.
type Hostile struct {
	Name string
	Make func() []byte
}

// HostilePDFs returns one PDF of each construction that took the
// application's process past its memory or time before the reader had
// budgets. Each is a few kilobytes compressed.
func HostilePDFs() []Hostile {
	return []Hostile{
		{"bfrange-3000", func() []byte { return cmapPDF(rangesCMap(3000)) }},
		{"cmap-60MB-numbers", func() []byte { return cmapPDF(strings.Repeat("1 ", 30<<20)) }},
		{"cmap-numbers-and-operators", func() []byte { return cmapPDF(strings.Repeat("1 x ", 15<<20)) }},
		{"content-array-of-arrays", func() []byte { return contentPDF("[" + strings.Repeat("[1 2] ", 8<<20) + "] TJ") }},
		{"content-deeply-nested-array", func() []byte { return contentPDF(strings.Repeat("[", 32<<20) + " TJ") }},
		{"content-long-string", func() []byte { return contentPDF("BT /F1 10 Tf (" + strings.Repeat("A", 40<<20) + ") Tj ET") }},
		{"xref-stream-10M-objects", func() []byte { return xrefStreamPDF(10_000_000, 0) }},
		{"xref-stream-10M-index", func() []byte { return xrefStreamPDF(10, 10_000_000) }},
		{"trailer-size-2G", func() []byte { return trailerSizePDF(2_000_000_000) }},
		{"type0-1000-W-ranges", func() []byte { return type0PDF(wRanges(1000), 1, false) }},
		{"50-pages-own-cmap", func() []byte { return type0PDF("[0 [500]]", 50, false) }},
		{"inline-font-every-Tf", func() []byte { return type0PDF(wideArray(20_000), 1, true) }},
		{"form-every-Do", func() []byte { return FormPDF(64<<10, 1500) }},
	}
}

// deflate is a Flate stream object with data.
func deflate(data string, dict string) string {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	_, _ = w.Write([]byte(data))
	_ = w.Close()
	return fmt.Sprintf("<< %s /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", dict, b.Len(), b.String())
}

// rangesCMap is a ToUnicode CMap with n full bfranges, each over codes of
// its own, so that every one adds 65,536 entries.
func rangesCMap(n int) string {
	var b strings.Builder
	for i := 0; i < n; i += 100 {
		k := min(100, n-i)
		fmt.Fprintf(&b, "%d beginbfrange\n", k)
		for j := i; j < i+k; j++ {
			fmt.Fprintf(&b, "<%04X0000> <%04XFFFF> <0041>\n", j, j)
		}
		b.WriteString("endbfrange\n")
	}
	return b.String()
}

// textContent draws a line of ordinary text, so that a reader that
// survives the document has something to find.
const textContent = "BT /F1 12 Tf 72 700 Td (Loan Estimate for Maria Gonzalez, loan amount 250000) Tj ET\n"

// cmapPDF is a one-page PDF whose Helvetica has the given ToUnicode CMap.
func cmapPDF(cmap string) []byte {
	return RawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		deflate(textContent, ""),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
		deflate(cmap, ""),
	)
}

// contentPDF is a one-page PDF with the given content stream.
func contentPDF(content string) []byte {
	return RawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		deflate(textContent+content, ""),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)
}

// wRanges is a /W array of n ranges over all 65,536 CIDs each.
func wRanges(n int) string {
	return "[" + strings.Repeat("0 65535 500 ", n) + "]"
}

// wideArray is a /W array giving n CIDs their widths one by one.
func wideArray(n int) string {
	return "[0 [" + strings.Repeat("500 ", n) + "]]"
}

// type0PDF is a PDF of pages pages, each with its own Identity-H Type0
// font (widths w) whose ToUnicode maps all 65,536 codes. With inline, the
// one page's font is written in place in its resources and selected
// 100,000 times.
func type0PDF(w string, pages int, inline bool) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	desc := add("<< /Type /FontDescriptor /FontName /Hostile /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
	text := "BT /F1 12 Tf 72 700 Td <004C006F0061006E00200045007300740069006D0061007400650020004D00610072006900610020004700" +
		"6F006E007A0061006C0065007A> Tj ET\n"
	var kids []string
	for p := 0; p < pages; p++ {
		cmap := add(deflate("1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n", ""))
		font := fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Hostile /Encoding /Identity-H /ToUnicode %d 0 R "+
			"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Hostile /FontDescriptor %d 0 R "+
			"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /W %s >>] >>", cmap, desc, w)
		content := text
		fontRef := font
		if inline {
			content = strings.Repeat("/F1 12 Tf\n", 100_000) + text
		} else {
			fontRef = fmt.Sprintf("%d 0 R", add(font))
		}
		stream := add(deflate(content, ""))
		page := add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %s >> >> /Contents %d 0 R >>",
			fontRef, stream))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages)
	return RawPDF(objs...)
}

// FormPDF is a one-page PDF that draws a form XObject of size bytes
// (mostly a comment) draws times.
func FormPDF(size, draws int) []byte {
	form := "% " + strings.Repeat("x", size) + "\n" + textContent
	return RawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> /Contents 4 0 R >>",
		deflate(textContent+strings.Repeat("/Fm1 Do\n", draws), ""),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		deflate(form, "/Type /XObject /Subtype /Form /BBox [0 0 612 792]"),
	)
}

// xrefStreamPDF is a one-page PDF whose cross-reference stream declares
// size objects, or (with index > 0) an /Index of index objects.
func xrefStreamPDF(size, index int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		deflate(textContent, ""),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	offsets := []int{0}
	for i, o := range objs {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	offsets = append(offsets, xref)
	// Entries for the objects written, then zeros: the declared count is
	// what a reader must not trust.
	var rows []byte
	for i, off := range offsets {
		typ := byte(1)
		if i == 0 {
			typ = 0
		}
		rows = append(rows, typ, byte(off>>24), byte(off>>16), byte(off>>8), byte(off), 0)
	}
	rows = append(rows, make([]byte, 64<<10)...)
	dict := fmt.Sprintf("/Type /XRef /Size %d /W [1 4 1] /Root 1 0 R", size)
	if index > 0 {
		dict += fmt.Sprintf(" /Index [0 %d]", index)
	}
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(objs)+1, deflate(string(rows), dict))
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// trailerSizePDF is a one-page PDF whose classic trailer declares size
// objects, and whose table starts at object 1 with a free entry.
func trailerSizePDF(size int) []byte {
	pdf := RawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		deflate(textContent, ""),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)
	return bytes.Replace(pdf, []byte("/Size 6 "), []byte(fmt.Sprintf("/Size %d ", size)), 1)
}
