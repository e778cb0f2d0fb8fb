// Package reader turns a document's bytes into pages of text and its loan
// fields: it checks the format by content and the limits, then reads each
// PDF page's text layer (the Go reader, or PDFium for what it cannot
// decode) or OCRs the page image, and extracts the fields.
package reader

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	pdfcpulib "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"loanbatch/extract"
	"loanbatch/ocr"
	"loanbatch/pdfium"
	"loanbatch/pdftext"
	"loanbatch/pipeline"
	"loanbatch/textlayout"
)

// Options configure how one document is read.
type Options struct {
	Limits   pipeline.Limits `json:"limits"`
	Language string          `json:"language"` // Tesseract language, "eng" when empty
	// OCRWorkers is how many pages are OCR'd at once, each by its own
	// Tesseract; the number of CPUs when zero.
	OCRWorkers int `json:"ocr_workers"`
}

// Analyzer validates a document, reads its text and extracts its fields,
// in the calling process. It keeps PDFium and Tesseract warm across
// documents; it is not safe for concurrent use. The Runner uses one inside
// its worker process; tests and tools may use one directly.
type Analyzer struct {
	opts     Options
	cacheDir string
	pdfMu    sync.Mutex // PDFium may be loading in the background (WarmPDF)
	pdf      *pdfium.Engine
	pdfErr   error
	ocrs     []*ocr.Engine // one per OCR goroutine, kept warm across documents
}

// New returns an Analyzer; PDFium and Tesseract start on first use.
func New(opts Options) *Analyzer {
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

// SetOptions changes the options for the documents read next; Tesseract
// instances are per language, so a new language stops the old ones.
func (a *Analyzer) SetOptions(opts Options) {
	if ocrLanguage(a.opts.Language) != ocrLanguage(opts.Language) {
		a.closeOCR()
	}
	a.opts = opts
}

// WarmPDF loads PDFium ahead of the first PDF.
func (a *Analyzer) WarmPDF() { _, _ = a.pdfEngine() }

func (a *Analyzer) pdfEngine() (*pdfium.Engine, error) {
	a.pdfMu.Lock()
	defer a.pdfMu.Unlock()
	if a.pdf == nil && a.pdfErr == nil {
		a.pdf, a.pdfErr = pdfium.New(a.cacheDir)
	}
	return a.pdf, a.pdfErr
}

// ocrEngines returns n Tesseract instances, starting the missing ones.
func (a *Analyzer) ocrEngines(n int) ([]*ocr.Engine, error) {
	for len(a.ocrs) < n {
		e, err := ocr.NewEngine(a.opts.Language)
		if err != nil {
			return nil, err
		}
		a.ocrs = append(a.ocrs, e)
	}
	return a.ocrs[:n], nil
}

// WarmOCR starts the OCR engines and has each load its language data, all
// at once. A missing language is left for the first page to report.
func (a *Analyzer) WarmOCR() {
	engines, err := a.ocrEngines(a.ocrWorkers())
	if err != nil {
		return
	}
	var wg sync.WaitGroup
	for _, e := range engines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.WarmUp()
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
func (a *Analyzer) Analyze(ctx context.Context, data []byte, progress pipeline.ProgressFunc) (*pipeline.Analysis, error) {
	if progress == nil {
		progress = func(pipeline.Stage, int, int) {}
	}
	var progressMu sync.Mutex // pages report from several goroutines
	report := progress
	progress = func(s pipeline.Stage, page, pages int) {
		progressMu.Lock()
		defer progressMu.Unlock()
		report(s, page, pages)
	}
	limits := a.opts.Limits.WithDefaults()
	progress(pipeline.StageValidate, 0, 0)
	if err := pipeline.CheckSize(int64(len(data)), limits); err != nil {
		return nil, err
	}
	format, found := Sniff(data)
	if format == "" {
		return nil, pipeline.ValidationError("%s", found)
	}

	var pages []pipeline.PageText
	var npages int
	switch format {
	case pipeline.FormatPDF:
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
func (a *Analyzer) AnalyzeTextLayer(ctx context.Context, data []byte, progress pipeline.ProgressFunc) (*pipeline.Analysis, error) {
	if progress == nil {
		progress = func(pipeline.Stage, int, int) {}
	}
	limits := a.opts.Limits.WithDefaults()
	if pipeline.CheckSize(int64(len(data)), limits) != nil {
		return nil, pdftext.ErrNeedsPDFium
	}
	if format, _ := Sniff(data); format != pipeline.FormatPDF {
		return nil, pdftext.ErrNeedsPDFium
	}
	progress(pipeline.StageValidate, 0, 0)
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
	return finishAnalysis(pipeline.FormatPDF, len(pages), pages, progress)
}

// finishAnalysis extracts the fields from a document's page texts.
func finishAnalysis(format pipeline.Format, npages int, pages []pipeline.PageText, progress pipeline.ProgressFunc) (*pipeline.Analysis, error) {
	res := &pipeline.Analysis{Format: format, Pages: npages, PageTexts: pages, TextSource: textSource(pages)}
	if !hasText(pages) {
		return nil, pipeline.ProcessingError(pipeline.StageText,
			"No text could be read from the document: it looks blank or the scan is unreadable", errNoText)
	}
	progress(pipeline.StageFields, 0, 0)
	x := extract.Extract(pages)
	res.Fields, res.DocumentType = x.Fields, x.Type
	res.FieldConfidence, res.FieldPages = x.Confidence, x.Pages
	res.NeedsReview, res.ReviewReasons = x.NeedsReview, x.ReviewReasons
	return res, nil
}

// readPDF validates a PDF (pdfcpu for the page count and encryption, PDFium
// as the tolerant reader) and reads its pages' text: in Go when every page
// has a text layer the Go reader decodes, with PDFium otherwise.
func (a *Analyzer) readPDF(ctx context.Context, data []byte, limits pipeline.Limits, progress pipeline.ProgressFunc) ([]pipeline.PageText, error) {
	parsed, cpuErr := pdftext.Parse(data)
	if errors.Is(cpuErr, pdfcpulib.ErrWrongPassword) {
		return nil, pipeline.ValidationError("PDF is password-protected: remove the password and add the document again")
	}
	if cpuErr == nil && parsed.PageCount > limits.MaxPages {
		return nil, pipeline.ValidationError("Document has %d pages, more than the maximum allowed %d", parsed.PageCount, limits.MaxPages)
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
	progress(pipeline.StageText, 0, doc.Pages)
	return a.readPDFText(ctx, doc, progress)
}

// goPDFText reads every page's text layer in Go, within one document's
// budget. It fails when a page needs PDFium: text the Go reader cannot
// decode, no text layer (OCR), or a document over its budget; and with
// ctx's error as soon as ctx ends.
func goPDFText(ctx context.Context, parsed *model.Context, progress pipeline.ProgressFunc) ([]pipeline.PageText, error) {
	n := parsed.PageCount
	if n == 0 {
		return nil, pdftext.ErrNeedsPDFium
	}
	progress(pipeline.StageText, 0, n)
	r := pdftext.NewReader(ctx, parsed)
	out := make([]pipeline.PageText, n)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		progress(pipeline.StageText, i+1, n)
		ws, err := pdftext.PageWords(r, i)
		if err != nil {
			return nil, err
		}
		if textlayout.CountAlnum(ws) < minTextLayerChars {
			return nil, fmt.Errorf("%w: page %d has no text layer", pdftext.ErrNeedsPDFium, i+1)
		}
		out[i] = pipeline.PageText{Page: i + 1, Source: pipeline.SourceTextLayer, Text: textlayout.Layout(ws)}
	}
	return out, nil
}

// openPDF opens a PDF with PDFium; cpuErr is what pdfcpu found wrong with
// it, if anything.
func (a *Analyzer) openPDF(data []byte, limits pipeline.Limits, cpuErr error) (*pdfium.Doc, error) {
	engine, err := a.pdfEngine()
	if err != nil {
		return nil, &pipeline.Error{Kind: pipeline.KindUnexpected, Stage: pipeline.StageValidate, Message: "unexpected: the PDF reader could not start", Err: err}
	}
	doc, err := engine.Open(data)
	switch {
	case errors.Is(err, pdfium.ErrEncrypted):
		return nil, pipeline.ValidationError("PDF is password-protected: remove the password and add the document again")
	case err != nil && cpuErr != nil:
		return nil, &pipeline.Error{
			Kind: pipeline.KindValidation, Stage: pipeline.StageValidate,
			Message: "PDF is damaged and cannot be read", Err: fmt.Errorf("%w; pdfcpu: %v", err, cpuErr),
		}
	case err != nil:
		return nil, &pipeline.Error{Kind: pipeline.KindValidation, Stage: pipeline.StageValidate, Message: "PDF is damaged and cannot be read", Err: err}
	}
	if doc.Pages > limits.MaxPages {
		doc.Close()
		return nil, pipeline.ValidationError("Document has %d pages, more than the maximum allowed %d", doc.Pages, limits.MaxPages)
	}
	if doc.Pages == 0 {
		doc.Close()
		return nil, pipeline.ValidationError("PDF has no pages")
	}
	return doc, nil
}

func hasText(pages []pipeline.PageText) bool {
	for _, p := range pages {
		if strings.TrimSpace(p.Text) != "" {
			return true
		}
	}
	return false
}
