package reader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"golang.org/x/image/tiff"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// newTestAnalyzer returns an Analyzer closed when the test ends.
func newTestAnalyzer(tb testing.TB) *Analyzer {
	tb.Helper()
	a := New(Options{})
	tb.Cleanup(a.Close)
	return a
}

// fieldMisses lists the expected fields that got is missing or has wrong.
func fieldMisses(tb testing.TB, got pipeline.Fields, want map[string]any) []string {
	tb.Helper()
	g := pipelinetest.JSONMap(tb, got)
	var misses []string
	for k, w := range want {
		gv, ok := g[k]
		if !ok {
			misses = append(misses, fmt.Sprintf("%s: missing (want %v)", k, w))
			continue
		}
		if gn, ok := gv.(float64); ok {
			if wn, err := strconv.ParseFloat(fmt.Sprint(w), 64); err == nil && math.Abs(gn-wn) < 0.0005 {
				continue
			}
		}
		if !strings.EqualFold(fmt.Sprint(gv), fmt.Sprint(w)) {
			misses = append(misses, fmt.Sprintf("%s: got %v, want %v", k, gv, w))
		}
	}
	return misses
}

func TestAnalyzeGeneratedTextPDFs(t *testing.T) {
	a := newTestAnalyzer(t)
	layouts := []struct {
		name  string
		lines func(pipelinetest.Loan) []pipelinetest.Line
		typ   pipeline.DocumentType
	}{
		{"estimate form", pipelinetest.Loan.EstimateLines, pipeline.TypeLoanEstimate},
		{"commitment letter", pipelinetest.Loan.LetterLines, pipeline.TypeCommitmentLetter},
		{"term sheet", pipelinetest.Loan.TermSheetLines, pipeline.TypeOther},
	}
	for _, loan := range pipelinetest.SampleLoans() {
		for _, l := range layouts {
			t.Run(l.name+"/"+loan.LoanID, func(t *testing.T) {
				pdf := pipelinetest.PDF(pipelinetest.Page{Lines: l.lines(loan)})
				res, err := a.Analyze(context.Background(), pdf, nil)
				if err != nil {
					t.Fatalf("Analyze: %v", err)
				}
				if res.TextSource != pipeline.SourceTextLayer || res.Pages != 1 || res.Format != pipeline.FormatPDF {
					t.Errorf("source %s, pages %d, format %s; want text_layer, 1, pdf", res.TextSource, res.Pages, res.Format)
				}
				if res.DocumentType != l.typ {
					t.Errorf("document type %s; want %s", res.DocumentType, l.typ)
				}
				if m := fieldMisses(t, res.Fields, loan.Expected()); len(m) > 0 {
					t.Errorf("fields wrong:\n  %s\ntext:\n%s", strings.Join(m, "\n  "), res.PageTexts[0].Text)
				}
				if res.NeedsReview || len(res.FieldConfidence) != 11 || res.FieldPages["loan_id"] != 1 {
					t.Errorf("a complete, consistent loan: needs review %v %v, %d confidences, loan ID page %d",
						res.NeedsReview, res.ReviewReasons, len(res.FieldConfidence), res.FieldPages["loan_id"])
				}
				if c := res.FieldConfidence["monthly_payment_cents"]; c < 0.99 {
					t.Errorf("P&I that checks out has confidence %v", c)
				}
			})
		}
	}
}

func encodePNG(tb testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func encodeTIFF(tb testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	if err := tiff.Encode(&b, img, &tiff.Options{Compression: tiff.Deflate}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// The fields a scan must give: everything the form prints.
func TestAnalyzeScans(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: OCR of the generated scans takes seconds (make test runs it)")
	}
	a := newTestAnalyzer(t)
	loan := pipelinetest.SampleLoans()[0]
	clean := pipelinetest.Scan(loan.EstimateLines(), pipelinetest.ScanOptions{})
	noisy := pipelinetest.Scan(loan.EstimateLines(), pipelinetest.ScanOptions{Noise: 0.02, Blur: true, RotateDeg: 0.8, Seed: 1})
	// A bilevel scan at 150 DPI with specks all over, as a scanner's
	// black-and-white mode stores it in a PDF.
	speckled := pipelinetest.Scan(loan.EstimateLines(), pipelinetest.ScanOptions{DPI: 150, Noise: 0.006, Seed: 5})
	tests := []struct {
		name   string
		data   []byte
		format pipeline.Format
	}{
		{"clean png", encodePNG(t, clean), pipeline.FormatPNG},
		{"noisy rotated jpeg", pipelinetest.EncodeJPEG(t, noisy, 70), pipeline.FormatJPEG},
		{"tiff", encodeTIFF(t, clean), pipeline.FormatTIFF},
		{"image-only pdf", pipelinetest.PDF(pipelinetest.Page{Scan: noisy}), pipeline.FormatPDF},
		{"speckled bilevel pdf", pipelinetest.PDF(pipelinetest.Page{Scan: speckled, Bilevel: true}), pipeline.FormatPDF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stages []string
			res, err := a.Analyze(context.Background(), tt.data, func(s pipeline.Stage, page, pages int) {
				stages = append(stages, fmt.Sprintf("%s %d/%d", s, page, pages))
			})
			if err != nil {
				t.Fatalf("Analyze: %v", err)
			}
			if res.TextSource != pipeline.SourceOCR || res.Format != tt.format || res.Pages != 1 {
				t.Errorf("source %s, format %s, pages %d; want ocr, %s, 1", res.TextSource, res.Format, res.Pages, tt.format)
			}
			if !strings.Contains(strings.Join(stages, ","), "ocr 1/1") {
				t.Errorf("progress %v has no OCR page 1 of 1", stages)
			}
			if m := fieldMisses(t, res.Fields, loan.Expected()); len(m) > 0 {
				t.Errorf("fields wrong:\n  %s\ntext:\n%s", strings.Join(m, "\n  "), res.PageTexts[0].Text)
			}
		})
	}
}

func TestAnalyzeMixedPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: Tesseract OCR takes seconds (make test runs it)")
	}
	a := newTestAnalyzer(t)
	loan := pipelinetest.SampleLoans()[1]
	pdf := pipelinetest.PDF(
		pipelinetest.Page{Scan: pipelinetest.Scan(loan.LetterLines(), pipelinetest.ScanOptions{})},
		pipelinetest.Page{Lines: loan.EstimateLines()},
	)
	res, err := a.Analyze(context.Background(), pdf, nil)
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	if res.TextSource != pipeline.SourceMixed || res.Pages != 2 {
		t.Fatalf("source %s, pages %d; want mixed, 2", res.TextSource, res.Pages)
	}
	if res.PageTexts[0].Source != pipeline.SourceOCR || res.PageTexts[1].Source != pipeline.SourceTextLayer {
		t.Errorf("page sources %s, %s; want ocr, text_layer", res.PageTexts[0].Source, res.PageTexts[1].Source)
	}
	if res.Fields.LoanID != loan.LoanID {
		t.Errorf("loan ID %q; want %q", res.Fields.LoanID, loan.LoanID)
	}
}

func encryptPDF(tb testing.TB, pdf []byte, password string) []byte {
	tb.Helper()
	conf := model.NewAESConfiguration(password, password+"-owner", 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(pdf), &out, conf); err != nil {
		tb.Fatalf("encrypt: %v", err)
	}
	return out.Bytes()
}

func TestAnalyzeRejects(t *testing.T) {
	a := newTestAnalyzer(t)
	loan := pipelinetest.SampleLoans()[0]
	good := pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()})
	pages := make([]pipelinetest.Page, 51)
	for i := range pages {
		pages[i] = pipelinetest.Page{Lines: []pipelinetest.Line{{X: 72, Y: 72, Text: fmt.Sprintf("Page %d of a long document", i+1)}}}
	}
	blank := image.NewGray(image.Rect(0, 0, 850, 1100))
	for i := range blank.Pix {
		blank.Pix[i] = 255
	}
	tests := []struct {
		name string
		data []byte
		kind pipeline.ErrorKind
		msg  string
	}{
		{"empty", []byte{}, pipeline.KindValidation, "File is empty"},
		{"word document", zipOf(t, "[Content_Types].xml", "word/document.xml"), pipeline.KindValidation, "Word document (.docx) is not a supported format: save it as PDF"},
		{"gif without its image", []byte("GIF89a\x01\x00\x01\x00"), pipeline.KindValidation, "GIF image is damaged"},
		{"password-protected pdf", encryptPDF(t, good, "secret"), pipeline.KindValidation, "password-protected"},
		{"51 pages", pipelinetest.PDF(pages...), pipeline.KindValidation, "51 pages, more than the maximum allowed 50"},
		{"truncated pdf", good[:300], pipeline.KindValidation, "PDF is damaged"},
		{"garbage after header", append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0xA5}, 4000)...), pipeline.KindValidation, "PDF is damaged"},
		{"blank scan", encodePNG(t, blank), pipeline.KindProcessing, "No text could be read"},
		{"truncated png", encodePNG(t, blank)[:200], pipeline.KindProcessing, "could not be decoded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.Analyze(context.Background(), tt.data, nil)
			if err == nil {
				t.Fatal("Analyze succeeded; want an error")
			}
			if pipeline.KindOf(err) != tt.kind || !strings.Contains(pipeline.MessageOf(err), tt.msg) {
				t.Errorf("error %s %q; want %s containing %q", pipeline.KindOf(err), pipeline.MessageOf(err), tt.kind, tt.msg)
			}
		})
	}
}

func TestAnalyzeCancelled(t *testing.T) {
	a := newTestAnalyzer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	loan := pipelinetest.SampleLoans()[0]
	_, err := a.Analyze(ctx, pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()}), nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Analyze on a cancelled context = %v; want context.Canceled", err)
	}
}

// TestGeneratedSetAccuracy reads the project's generated set — every sample
// loan in every layout, as a text PDF and as a scan (clean PNG, noisy
// rotated JPEG, TIFF, image-only PDF) — and holds field accuracy at 98 %.
func TestGeneratedSetAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: OCR of a dozen scans takes seconds (make test runs it)")
	}
	a := newTestAnalyzer(t)
	tally := newTally()
	layouts := map[string]func(pipelinetest.Loan) []pipelinetest.Line{
		"estimate": pipelinetest.Loan.EstimateLines, "letter": pipelinetest.Loan.LetterLines, "termsheet": pipelinetest.Loan.TermSheetLines,
	}
	for i, loan := range pipelinetest.SampleLoans() {
		for name, lines := range layouts {
			docs := map[string][]byte{"text pdf": pipelinetest.PDF(pipelinetest.Page{Lines: lines(loan)})}
			switch (i + len(name)) % 3 { // one kind of scan per loan and layout, varied across the set
			case 0:
				docs["noisy jpeg"] = pipelinetest.EncodeJPEG(t, pipelinetest.Scan(lines(loan), pipelinetest.ScanOptions{Noise: 0.02, Blur: true, RotateDeg: 0.7, Seed: uint64(i)}), 70)
			case 1:
				docs["tiff"] = encodeTIFF(t, pipelinetest.Scan(lines(loan), pipelinetest.ScanOptions{RotateDeg: -0.5}))
			default:
				docs["image pdf"] = pipelinetest.PDF(pipelinetest.Page{Scan: pipelinetest.Scan(lines(loan), pipelinetest.ScanOptions{Noise: 0.005, Seed: 9})})
			}
			for kind, data := range docs {
				res, err := a.Analyze(context.Background(), data, nil)
				if err != nil {
					t.Errorf("%s %s %s: %v", loan.LoanID, name, kind, err)
					continue
				}
				misses := fieldMisses(t, res.Fields, loan.Expected())
				missed := map[string]bool{}
				for _, m := range misses {
					missed[strings.SplitN(m, ":", 2)[0]] = true
					t.Logf("miss %s %s %s: %s", loan.LoanID, name, kind, m)
				}
				for k := range loan.Expected() {
					tally.add(k, !missed[k])
				}
			}
		}
	}
	tally.report(t, "generated", 0.98)
}

func TestAnalyzeMultiPageTIFF(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: Tesseract OCR takes seconds (make test runs it)")
	}
	loans := pipelinetest.SampleLoans()
	var pages []*image.Gray
	for _, l := range loans {
		pages = append(pages, pipelinetest.Scan(l.TermSheetLines(), pipelinetest.ScanOptions{DPI: 200}))
	}
	var stages []string
	res, err := newTestAnalyzer(t).Analyze(context.Background(), pipelinetest.MultiPageTIFF(pages), func(s pipeline.Stage, page, n int) {
		stages = append(stages, fmt.Sprintf("%s %d/%d", s, page, n))
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != pipeline.FormatTIFF || res.Pages != 3 || res.TextSource != pipeline.SourceOCR {
		t.Fatalf("format %s, %d pages, source %s", res.Format, res.Pages, res.TextSource)
	}
	for i, l := range loans {
		if !strings.Contains(res.PageTexts[i].Text, l.LoanID) {
			t.Errorf("page %d lacks loan %s: pages out of order or unread", i+1, l.LoanID)
		}
	}
	if !strings.Contains(strings.Join(stages, ","), "ocr 3/3") {
		t.Errorf("progress %v never reached OCR page 3 of 3", stages)
	}
}

// TestAnalyzeImageFormats: a Loan Estimate page scanned as each image
// format phones, chat apps, scanners and fax software write is read: the
// HEIC and AVIF photos are encoded with libheif's x265 and aom encoders,
// which Debian's libheif is linked with.
func TestAnalyzeImageFormats(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: OCR of six scans")
	}
	a := newTestAnalyzer(t)
	loan := pipelinetest.SampleLoans()[1]
	page := pipelinetest.Scan(loan.EstimateLines(), pipelinetest.ScanOptions{Noise: 0.004, Seed: 7})
	webp, err := pipelinetest.EncodeWebP(page)
	if err != nil {
		t.Fatal(err)
	}
	jp2, err := pipelinetest.EncodeJP2(page)
	if err != nil {
		t.Fatal(err)
	}
	bmpFile, err := pipelinetest.EncodeBMP(page)
	if err != nil {
		t.Fatal(err)
	}
	gifFile, err := pipelinetest.EncodeGIF(page)
	if err != nil {
		t.Fatal(err)
	}
	heic, err := pipelinetest.EncodeHEIC(page)
	if err != nil {
		t.Fatal(err)
	}
	avif, err := pipelinetest.EncodeAVIF(page)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		data   []byte
		format pipeline.Format
	}{
		{"heic", heic, pipeline.FormatHEIF},
		{"avif", avif, pipeline.FormatAVIF},
		{"webp", webp, pipeline.FormatWebP},
		{"bmp", bmpFile, pipeline.FormatBMP},
		{"gif", gifFile, pipeline.FormatGIF},
		{"jpeg 2000", jp2, pipeline.FormatJP2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if f, found := Sniff(tt.data); f != tt.format {
				t.Fatalf("sniff = %q (%s); want %s", f, found, tt.format)
			}
			res, err := a.Analyze(context.Background(), tt.data, nil)
			if err != nil {
				t.Fatalf("Analyze: %v", err)
			}
			if res.Format != tt.format || res.Pages != 1 || res.TextSource != pipeline.SourceOCR {
				t.Errorf("format %s, %d pages, source %s; want %s, 1, ocr", res.Format, res.Pages, res.TextSource, tt.format)
			}
			if res.Fields.LoanID != loan.LoanID || res.Fields.LoanAmountCents != loan.AmountCents {
				t.Errorf("loan %q amount %v; want %q %d\ntext:\n%s", res.Fields.LoanID, res.Fields.LoanAmountCents, loan.LoanID, loan.AmountCents, res.PageTexts[0].Text)
			}
		})
	}
}
