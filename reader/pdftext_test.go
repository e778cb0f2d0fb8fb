package reader

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"loanbatch/extract"
	"loanbatch/pdftext"
	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
	"loanbatch/textlayout"
)

// goAndPDFiumText reads every page of a PDF with both readers. goErr is
// the Go reader's refusal, if any.
func goAndPDFiumText(t *testing.T, a *Analyzer, data []byte) (goPages, pdfiumPages []string, goErr error) {
	t.Helper()
	parsed, err := pdftext.Parse(data)
	if err != nil {
		return nil, nil, err
	}
	engine, err := a.pdfEngine()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := engine.Open(data)
	if err != nil {
		return nil, nil, err
	}
	defer doc.Close()
	r := pdftext.NewReader(context.Background(), parsed)
	for i := 0; i < doc.Pages; i++ {
		ws, err := doc.Words(i)
		if err != nil {
			t.Fatal(err)
		}
		pdfiumPages = append(pdfiumPages, textlayout.Layout(ws))
		gws, err := pdftext.PageWords(r, i)
		if err != nil {
			goErr = err
			continue
		}
		goPages = append(goPages, textlayout.Layout(gws))
	}
	return goPages, pdfiumPages, goErr
}

// firstDifference describes the first line where a and b differ once norm
// has split both; "" when they do not.
func firstDifference(a, b string, norm func(string) []string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if !slices.Equal(norm(x), norm(y)) {
			return "line " + strconv.Itoa(i+1) + ":\n  go:     " + strings.TrimRight(x, " ") + "\n  pdfium: " + strings.TrimRight(y, " ")
		}
	}
	return ""
}

type pdfSample struct {
	name string
	data []byte
}

// The Go text reader must give exactly PDFium's text on every generated
// document, and accept them all.
func TestGoTextMatchesPDFiumGenerated(t *testing.T) {
	var docs []pdfSample
	for _, loan := range pipelinetest.SampleLoans() {
		docs = append(docs,
			pdfSample{loan.LoanID + " estimate", pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()})},
			pdfSample{loan.LoanID + " letter", pipelinetest.PDF(pipelinetest.Page{Lines: loan.LetterLines()})},
			pdfSample{loan.LoanID + " term sheet", pipelinetest.PDF(pipelinetest.Page{Lines: loan.TermSheetLines()})},
		)
	}
	if accepted := compareReaders(t, docs, true, func(s string) []string { return []string{s} }); accepted != len(docs) {
		t.Errorf("the Go reader accepted %d of %d generated documents", accepted, len(docs))
	}
}

// On the real documents of the shared corpus, wherever the Go reader
// accepts a document it must give PDFium's words, line by line, and the
// same extracted fields. Columns may differ by a space: PDFium widens
// character boxes to the glyphs' outlines in embedded fonts, which the Go
// reader does not open. Which documents it hands over to PDFium is logged.
func TestGoTextMatchesPDFiumCorpus(t *testing.T) {
	dir := pipelinetest.CorpusDir(t)
	var docs []pdfSample
	for _, sub := range []string{"loan_docs", "tricky_pdf"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*.pdf"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, pdfSample{sub + "/" + filepath.Base(f), data})
		}
	}
	accepted := compareReaders(t, docs, false, strings.Fields)
	t.Logf("%d of %d corpus PDFs read in Go with PDFium's text", accepted, len(docs))
	if accepted == 0 {
		t.Error("the Go reader accepted none of the corpus PDFs")
	}
}

// compareReaders compares the two readers' text page by page, each line
// as norm splits it, and the fields extracted from it. It returns how many
// documents the Go reader accepted.
func compareReaders(t *testing.T, docs []pdfSample, mustAccept bool, norm func(string) []string) int {
	t.Helper()
	a := newTestAnalyzer(t)
	accepted := 0
	for _, d := range docs {
		goPages, pdfiumPages, goErr := goAndPDFiumText(t, a, d.data)
		if goErr != nil {
			if mustAccept {
				t.Errorf("%s: the Go reader refused it: %v", d.name, goErr)
			} else {
				t.Logf("%s: read by PDFium (%v)", d.name, goErr)
			}
			continue
		}
		if len(pdfiumPages) == 0 {
			continue
		}
		accepted++
		var goTexts, pdfiumTexts []pipeline.PageText
		for p := range pdfiumPages {
			if diff := firstDifference(goPages[p], pdfiumPages[p], norm); diff != "" {
				t.Errorf("%s page %d: Go and PDFium text differ at %s", d.name, p+1, diff)
				break
			}
			goTexts = append(goTexts, pipeline.PageText{Page: p + 1, Source: pipeline.SourceTextLayer, Text: goPages[p]})
			pdfiumTexts = append(pdfiumTexts, pipeline.PageText{Page: p + 1, Source: pipeline.SourceTextLayer, Text: pdfiumPages[p]})
		}
		gx, px := extract.Extract(goTexts), extract.Extract(pdfiumTexts)
		if !reflect.DeepEqual(gx, px) {
			t.Errorf("%s: fields differ:\n  go:     %+v\n  pdfium: %+v", d.name, gx.Fields, px.Fields)
		}
	}
	return accepted
}

// A page whose small compressed content stream inflates beyond the limit
// (a compression bomb) is refused by the in-process reader, which would
// otherwise hold it all in the application's memory.
func TestGoTextReaderRefusesCompressionBomb(t *testing.T) {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	text := []byte("BT /F1 10 Tf 72 700 Td (Loan Amount $250,000.00 Interest Rate 6.875%) Tj ET\n")
	for written := 0; written <= pdftext.MaxDecodedStream; written += len(text) {
		w.Write(text)
	}
	w.Close()
	pdf := pipelinetest.RawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)

	a := New(Options{})
	if _, err := a.AnalyzeTextLayer(context.Background(), pdf, nil); !errors.Is(err, pdftext.ErrNeedsPDFium) {
		t.Fatalf("a %d-byte PDF inflating past %d bytes: err %v; want a refusal", len(pdf), pdftext.MaxDecodedStream, err)
	}
}

// ps2pdf draws a space as character spacing on a string ("eH" with Tc of a
// space's width) that TJ displacements cancel inside words: both readers
// must read the words apart ("Andre H. Stanton", not "AndreH.Stanton"),
// and a word without spacing stays whole, as does one whose space character
// a negative word spacing takes back ("Trev or").
func TestSpacesDrawnAsCharacterSpacing(t *testing.T) {
	content := "BT /F1 10.5 Tf 1 0 0 1 72 700 Tm (Andr)Tj 2.625 Tc 22.176 0 Td [(eH)249.988(.S)]TJ 0 Tc 28.59 0 Td (tanton)Tj ET\n" +
		"BT /F1 10.5 Tf 1 0 0 1 72 680 Tm (Lakeshore Lending)Tj ET\n" +
		"BT /F1 11 Tf 1 0 0 1 72 660 Tm -3.058 Tw (Trev or)Tj 0 Tw ( Kaplan)Tj ET\n" +
		"BT /F1 10 Tf 1 0 0 1 72 640 Tm (Fairmont)Tj -1.2 Tc 42 0 Td -0.48 Tw (Tr a)Tj 0 Tc 0 Tw 13.7 0 Td (il)Tj ET\n"
	pdf := pipelinetest.RawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)
	goPages, pdfiumPages, err := goAndPDFiumText(t, newTestAnalyzer(t), pdf)
	if err != nil {
		t.Fatal(err)
	}
	for name, pages := range map[string][]string{"go": goPages, "pdfium": pdfiumPages} {
		text := strings.Join(strings.Fields(strings.Join(pages, "\n")), " ")
		if want := "Andre H. Stanton Lakeshore Lending Trevor Kaplan Fairmont Trail"; text != want {
			t.Errorf("%s reader: %q; want %q", name, text, want)
		}
	}
}
