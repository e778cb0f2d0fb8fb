package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"loanbatch/pipeline/pipelinetest"
)

// The fuzz targets are seeded with the table tests' inputs; `make fuzz`
// runs each for a while. They assert that no input panics or hangs and
// that what comes back keeps its promises.

func FuzzSniffAndValidateImage(f *testing.F) {
	for _, s := range [][]byte{
		[]byte("%PDF-1.7"),
		{0xFF, 0xD8, 0xFF, 0xE0},
		[]byte("\x89PNG\r\n\x1a\n"), []byte("II*\x00\x08\x00\x00\x00"),
		[]byte("MM\x00*\x00\x00\x00\x08"), []byte("II+\x00\x08\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00"),
		pngHeader(20000, 20000), tiffFile([][2]uint32{{100, 100}}, []uint32{8}), tiffFile(make51(), nil),
		[]byte("GIF89a"), []byte("RIFF\x00\x00\x00\x00WEBP"),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		format, found := sniff(data)
		if (format == "") == (found == "") {
			t.Fatalf("sniff gave format %q and description %q", format, found)
		}
		if format == FormatJPEG || format == FormatPNG || format == FormatTIFF {
			info, err := validateImage(format, data, Limits{})
			if err == nil && (info.Pages < 1 || info.Pages > DefaultLimits.MaxPages) {
				t.Fatalf("accepted %d pages", info.Pages)
			}
			if err != nil && KindOf(err) != KindValidation {
				t.Fatalf("validation failed with kind %s", KindOf(err))
			}
		}
	})
}

func FuzzParsers(f *testing.F) {
	for _, s := range []string{
		"$250,000.00", "USD 250,000", "$1 050", "$16O,OOO", "6.875 %", "3,875%", "4%",
		"30 years", "360 months", "30-year", "March 14, 2026", "03/14/2026", "2026-03-14", "14 March 2026", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, ok := parseMoney(s, false); ok && c < 0 {
			t.Fatalf("negative money %d from %q", c, s)
		}
		if p, ok := parsePercent(s); ok && (p <= 0 || p >= 30) {
			t.Fatalf("rate %v from %q", p, s)
		}
		if m, ok := parseTerm(s); ok && (m < 1 || m > 600) {
			t.Fatalf("term %d from %q", m, s)
		}
		if d, ok := parseDate(s); ok && (len(d) != 10 || d[4] != '-' || d[7] != '-') {
			t.Fatalf("date %q from %q", d, s)
		}
	})
}

func FuzzExtractFields(f *testing.F) {
	f.Add("LOAN ID #   1234\nLoan Amount     $162,000\nInterest Rate   3.875%\nAPPLICANTS   Jo Smith and Al Jones")
	f.Add("We are pleased to offer a loan of $312,500.00 at a fixed rate of 6.125% per annum for 30 years.")
	f.Add("PROPERTY     456 Somewhere Avenue\n             Anytown, ST 12345")
	f.Add("Borrower Name\nMaria T. Gonzalez\n\nLOAN ESTIMATE   PAGE 1 OF 3 • LOAN ID # 0000000000")
	f.Fuzz(func(t *testing.T, text string) {
		fields, typ := ExtractFields([]PageText{{Page: 1, Source: SourceTextLayer, Text: text}})
		switch typ {
		case TypeLoanEstimate, TypeClosingDisclosure, TypeCommitmentLetter, TypeOther:
		default:
			t.Fatalf("document type %q", typ)
		}
		for _, s := range []string{fields.LoanID, fields.BorrowerName, fields.LenderName, fields.PropertyAddress} {
			if !utf8.ValidString(s) && utf8.ValidString(text) {
				t.Fatalf("invalid UTF-8 %q", s)
			}
			if strings.Contains(s, "\n") {
				t.Fatalf("a field spans lines: %q", s)
			}
		}
		if fields.LoanAmountCents < 0 || fields.ClosingCostsCents < 0 || fields.MonthlyPaymentCents < 0 {
			t.Fatalf("negative money in %+v", fields)
		}
	})
}

func FuzzContentLexer(f *testing.F) {
	for _, s := range []string{
		"BT /F1 10 Tf 72 700 Td (Loan \\(ID\\) \\101) Tj ET",
		"[(A)-250(B)] TJ <48656C6C6F> Tj",
		"<< /ActualText <FEFF0009> >> BDC EMC",
		"BI /W 1 /H 1 ID \x00\xffEI Q",
		"1 beginbfrange <0000> <00FF> <0020> endbfrange 1 beginbfchar <01> <D83DDE00> endbfchar",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
		"(unterminated \\", "<<", "/Name#4", "-.5 +3 1.2.3",
		"[[1 2] [3 4] [5 6]] TJ", "2 beginbfrange <00000000> <0000FFFF> <0041> <00010000> <0001FFFF> [<41> <42>] endbfrange",
	} {
		f.Add([]byte(s), uint16(3))
	}
	f.Fuzz(func(t *testing.T, data []byte, tokens uint16) {
		l := newLexer(data, newReadBudget(context.Background()))
		for n := 0; ; n++ {
			before := l.pos
			tok := l.next()
			if tok.kind == tokEOF {
				break
			}
			if l.pos <= before || n > len(data) {
				t.Fatalf("lexer stuck at %d", before)
			}
			if nodes := countNodes(tok); nodes > maxTokenNodes+1 || len(tok.text) > maxStringToken {
				t.Fatalf("a token of %d elements and %d bytes passed the caps", nodes, len(tok.text))
			}
			if string(tok.text) == "ID" {
				l.skipInlineImage()
			}
		}
		if err := l.err(); err != nil && !isBudgetErr(err) {
			t.Fatalf("lexer stopped with %v", err)
		}
		cmap, _ := parseToUnicode(data, newReadBudget(context.Background()))
		for _, text := range cmap {
			if !utf8.ValidString(text) {
				t.Fatalf("ToUnicode gave invalid UTF-8 %q", text)
			}
		}
		// A small budget ends the work where it runs out, not later.
		b := newReadBudget(context.Background())
		b.tokens, b.entries = int64(tokens), int64(tokens)*16
		cmap, err := parseToUnicode(data, b)
		if err == nil && (b.tokens < 0 || b.entries < 0) {
			t.Fatalf("parsed past the budget: %d tokens, %d entries left", b.tokens, b.entries)
		}
		if err != nil && !isBudgetErr(err) || err == nil && len(cmap) > int(tokens)*16 {
			t.Fatalf("%d codes from a budget of %d: %v", len(cmap), int(tokens)*16, err)
		}
	})
}

// FuzzGoTextReader feeds the in-process text reader arbitrary files: it
// must return text or refuse (errNeedsPDFium), never panic or hang.
func FuzzGoTextReader(f *testing.F) {
	loan := pipelinetest.SampleLoans()[0]
	f.Add(pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()}))
	f.Add(pipelinetest.PDF(pipelinetest.Page{Lines: loan.LetterLines()}))
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	// The hostile constructions that are quick to read (the others decode
	// tens of megabytes, too slow for seeds under -race).
	for _, h := range pipelinetest.HostilePDFs() {
		switch h.Name {
		case "xref-stream-10M-objects", "xref-stream-10M-index", "trailer-size-2G", "type0-1000-W-ranges", "bfrange-3000":
			f.Add(h.Make())
		}
	}
	a := NewAnalyzer(AnalyzeOptions{})
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := a.AnalyzeTextLayer(context.Background(), data, nil)
		if err != nil {
			if !errors.Is(err, errNeedsPDFium) {
				t.Fatalf("error %v is not a refusal", err)
			}
			return
		}
		if res.Pages < 1 || len(res.PageTexts) != res.Pages || res.TextSource != SourceTextLayer {
			t.Fatalf("accepted a document with %d pages, %d texts, source %s", res.Pages, len(res.PageTexts), res.TextSource)
		}
	})
}

// countNodes is the elements of a token, nested ones included.
func countNodes(t pdfToken) int {
	n := len(t.arr)
	for _, e := range t.arr {
		n += countNodes(e)
	}
	return n
}
