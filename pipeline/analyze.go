package pipeline

import (
	"context"
	"errors"
	"fmt"
	"loanbatch/pdfium"
	"loanbatch/pdftext"
	"loanbatch/textlayout"
	"runtime"
	"strings"
	"sync"

	pdfcpulib "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// AnalyzeOptions configure how one document is read.
type AnalyzeOptions struct {
	Limits   Limits `json:"limits"`
	Language string `json:"language"` // Tesseract language, "eng" when empty
	// OCRWorkers is how many pages are OCR'd at once, each by its own
	// Tesseract; the number of CPUs when zero.
	OCRWorkers int `json:"ocr_workers"`
}

// Analysis is everything learned from one document's bytes: what the worker
// returns to the runner.
type Analysis struct {
	Format       Format       `json:"format"`
	Pages        int          `json:"pages"`
	TextSource   TextSource   `json:"text_source"`
	PageTexts    []PageText   `json:"page_texts"`
	DocumentType DocumentType `json:"document_type"`
	Fields       Fields       `json:"fields"`
	// FieldConfidence (0–1) and FieldPages (1-based) by field name.
	FieldConfidence map[string]float64 `json:"field_confidence"`
	FieldPages      map[string]int     `json:"field_pages"`
	NeedsReview     bool               `json:"needs_review"`
	ReviewReasons   []string           `json:"review_reasons"`
}

// Analyzer validates a document, reads its text and extracts its fields,
// in the calling process. It keeps PDFium and Tesseract warm across
// documents; it is not safe for concurrent use. The Runner uses one inside
// its worker process; tests and tools may use one directly.
type Analyzer struct {
	opts     AnalyzeOptions
	cacheDir string
	pdfMu    sync.Mutex // PDFium may be loading in the background (warmPDF)
	pdf      *pdfium.Engine
	pdfErr   error
	ocrs     []*ocrEngine // one per OCR goroutine, kept warm across documents
}

// NewAnalyzer returns an Analyzer; PDFium and Tesseract start on first use.
func NewAnalyzer(opts AnalyzeOptions) *Analyzer {
	return &Analyzer{opts: opts, cacheDir: pdfium.DefaultCacheDir()}
}

// Close releases PDFium and Tesseract.
func (a *Analyzer) Close() {
	a.pdfMu.Lock()
	a.pdf.Close()
	a.pdf = nil
	a.pdfMu.Unlock()
	a.closeOCR()
}

func (a *Analyzer) closeOCR() {
	for _, o := range a.ocrs {
		o.Close()
	}
	a.ocrs = nil
}

// warmPDF loads PDFium ahead of the first PDF.
func (a *Analyzer) warmPDF() { _, _ = a.pdfEngine() }

func (a *Analyzer) pdfEngine() (*pdfium.Engine, error) {
	a.pdfMu.Lock()
	defer a.pdfMu.Unlock()
	if a.pdf == nil && a.pdfErr == nil {
		a.pdf, a.pdfErr = pdfium.New(a.cacheDir)
	}
	return a.pdf, a.pdfErr
}

// ocrEngines returns n Tesseract instances, starting the missing ones.
func (a *Analyzer) ocrEngines(n int) ([]*ocrEngine, error) {
	for len(a.ocrs) < n {
		e, err := newOCREngine(a.opts.Language)
		if err != nil {
			return nil, err
		}
		a.ocrs = append(a.ocrs, e)
	}
	return a.ocrs[:n], nil
}

// warmOCR starts the OCR engines and has each load its language data, all
// at once. A missing language is left for the first page to report.
func (a *Analyzer) warmOCR() {
	engines, err := a.ocrEngines(a.ocrWorkers())
	if err != nil {
		return
	}
	var wg sync.WaitGroup
	for _, e := range engines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.warmUp()
		}()
	}
	wg.Wait()
}

// ocrLanguage is the Tesseract language a setting means.
func ocrLanguage(lang string) string {
	if lang == "" {
		return "eng"
	}
	return lang
}

// ocrWorkers is how many pages may be OCR'd at once.
func (a *Analyzer) ocrWorkers() int {
	if a.opts.OCRWorkers > 0 {
		return a.opts.OCRWorkers
	}
	return runtime.NumCPU()
}

// Analyze runs validate → read text → extract fields → normalize on one
// document's bytes, reporting progress (which may be nil). Errors are
// *Error with the contract's kinds, or ctx's error when cancelled.
func (a *Analyzer) Analyze(ctx context.Context, data []byte, progress ProgressFunc) (*Analysis, error) {
	if progress == nil {
		progress = func(Stage, int, int) {}
	}
	var progressMu sync.Mutex // pages report from several goroutines
	report := progress
	progress = func(s Stage, page, pages int) {
		progressMu.Lock()
		defer progressMu.Unlock()
		report(s, page, pages)
	}
	limits := a.opts.Limits.withDefaults()
	progress(StageValidate, 0, 0)
	if err := checkSize(int64(len(data)), limits); err != nil {
		return nil, err
	}
	format, found := sniff(data)
	if format == "" {
		return nil, validationErr("%s", found)
	}

	var pages []PageText
	var npages int
	switch format {
	case FormatPDF:
		var err error
		if pages, err = a.readPDF(ctx, data, limits, progress); err != nil {
			return nil, err
		}
		npages = len(pages)
	default:
		info, err := validateImage(format, data, limits)
		if err != nil {
			return nil, err
		}
		npages = info.Pages
		if pages, err = a.readImageText(ctx, format, data, npages, progress); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	return finishAnalysis(format, npages, pages, progress)
}

// AnalyzeTextLayer reads a PDF whose every page has a text layer the Go
// reader decodes, with no C library and no PDFium: safe to run inside the
// application's own process. Any other document, and any problem, gives
// pdftext.ErrNeedsPDFium: Analyze (in a worker) then reads it with the full
// pipeline and reports what is wrong.
func (a *Analyzer) AnalyzeTextLayer(ctx context.Context, data []byte, progress ProgressFunc) (*Analysis, error) {
	if progress == nil {
		progress = func(Stage, int, int) {}
	}
	limits := a.opts.Limits.withDefaults()
	if checkSize(int64(len(data)), limits) != nil {
		return nil, pdftext.ErrNeedsPDFium
	}
	if format, _ := sniff(data); format != FormatPDF {
		return nil, pdftext.ErrNeedsPDFium
	}
	progress(StageValidate, 0, 0)
	parsed, err := pdftext.Parse(data)
	if err != nil || parsed.PageCount > limits.MaxPages {
		return nil, pdftext.ErrNeedsPDFium
	}
	pages, err := goPDFText(ctx, parsed, progress)
	if cerr := ctx.Err(); cerr != nil {
		return nil, cerr
	}
	if err != nil && !errors.Is(err, pdftext.ErrNeedsPDFium) {
		return nil, fmt.Errorf("%w: %w", pdftext.ErrNeedsPDFium, err)
	}
	if err != nil {
		return nil, err
	}
	return finishAnalysis(FormatPDF, len(pages), pages, progress)
}

// finishAnalysis extracts the fields from a document's page texts.
func finishAnalysis(format Format, npages int, pages []PageText, progress ProgressFunc) (*Analysis, error) {
	res := &Analysis{Format: format, Pages: npages, PageTexts: pages, TextSource: textSource(pages)}
	if !hasText(pages) {
		return nil, processingErr(StageText,
			"No text could be read from the document: it looks blank or the scan is unreadable", errNoText)
	}
	progress(StageFields, 0, 0)
	x := Extract(pages)
	res.Fields, res.DocumentType = x.Fields, x.Type
	res.FieldConfidence, res.FieldPages = x.Confidence, x.Pages
	res.NeedsReview, res.ReviewReasons = x.NeedsReview, x.ReviewReasons
	return res, nil
}

// readPDF validates a PDF (pdfcpu for the page count and encryption, PDFium
// as the tolerant reader) and reads its pages' text: in Go when every page
// has a text layer the Go reader decodes, with PDFium otherwise.
func (a *Analyzer) readPDF(ctx context.Context, data []byte, limits Limits, progress ProgressFunc) ([]PageText, error) {
	parsed, cpuErr := pdftext.Parse(data)
	if errors.Is(cpuErr, pdfcpulib.ErrWrongPassword) {
		return nil, validationErr("PDF is password-protected: remove the password and add the document again")
	}
	if cpuErr == nil && parsed.PageCount > limits.MaxPages {
		return nil, validationErr("Document has %d pages, more than the maximum allowed %d", parsed.PageCount, limits.MaxPages)
	}
	if cpuErr == nil {
		if pages, err := goPDFText(ctx, parsed, progress); err == nil {
			return pages, nil
		}
	}
	doc, err := a.openPDF(data, limits, cpuErr)
	if err != nil {
		return nil, err
	}
	defer doc.Close()
	progress(StageText, 0, doc.Pages)
	return a.readPDFText(ctx, doc, progress)
}

// goPDFText reads every page's text layer in Go, within one document's
// budget. It fails when a page needs PDFium: text the Go reader cannot
// decode, no text layer (OCR), or a document over its budget; and with
// ctx's error as soon as ctx ends.
func goPDFText(ctx context.Context, parsed *model.Context, progress ProgressFunc) ([]PageText, error) {
	n := parsed.PageCount
	if n == 0 {
		return nil, pdftext.ErrNeedsPDFium
	}
	progress(StageText, 0, n)
	r := pdftext.NewReader(ctx, parsed)
	out := make([]PageText, n)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		progress(StageText, i+1, n)
		ws, err := pdftext.PageWords(r, i)
		if err != nil {
			return nil, err
		}
		if textlayout.CountAlnum(ws) < minTextLayerChars {
			return nil, fmt.Errorf("%w: page %d has no text layer", pdftext.ErrNeedsPDFium, i+1)
		}
		out[i] = PageText{Page: i + 1, Source: SourceTextLayer, Text: textlayout.Layout(ws)}
	}
	return out, nil
}

// openPDF opens a PDF with PDFium; cpuErr is what pdfcpu found wrong with
// it, if anything.
func (a *Analyzer) openPDF(data []byte, limits Limits, cpuErr error) (*pdfium.Doc, error) {
	engine, err := a.pdfEngine()
	if err != nil {
		return nil, &Error{Kind: KindUnexpected, Stage: StageValidate, Message: "unexpected: the PDF reader could not start", Err: err}
	}
	doc, err := engine.Open(data)
	switch {
	case errors.Is(err, pdfium.ErrEncrypted):
		return nil, validationErr("PDF is password-protected: remove the password and add the document again")
	case err != nil && cpuErr != nil:
		return nil, &Error{
			Kind: KindValidation, Stage: StageValidate,
			Message: "PDF is damaged and cannot be read", Err: fmt.Errorf("%w; pdfcpu: %v", err, cpuErr),
		}
	case err != nil:
		return nil, &Error{Kind: KindValidation, Stage: StageValidate, Message: "PDF is damaged and cannot be read", Err: err}
	}
	if doc.Pages > limits.MaxPages {
		doc.Close()
		return nil, validationErr("Document has %d pages, more than the maximum allowed %d", doc.Pages, limits.MaxPages)
	}
	if doc.Pages == 0 {
		doc.Close()
		return nil, validationErr("PDF has no pages")
	}
	return doc, nil
}

func hasText(pages []PageText) bool {
	for _, p := range pages {
		if strings.TrimSpace(p.Text) != "" {
			return true
		}
	}
	return false
}
