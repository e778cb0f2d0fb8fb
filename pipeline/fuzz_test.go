package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"loanbatch/pdftext"
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

// FuzzGoTextReader feeds the in-process text reader arbitrary files: it
// must return text or refuse (pdftext.ErrNeedsPDFium), never panic or hang.
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
			if !errors.Is(err, pdftext.ErrNeedsPDFium) {
				t.Fatalf("error %v is not a refusal", err)
			}
			return
		}
		if res.Pages < 1 || len(res.PageTexts) != res.Pages || res.TextSource != SourceTextLayer {
			t.Fatalf("accepted a document with %d pages, %d texts, source %s", res.Pages, len(res.PageTexts), res.TextSource)
		}
	})
}
