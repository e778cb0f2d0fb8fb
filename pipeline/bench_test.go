package pipeline

import (
	"context"
	"fmt"
	"testing"

	"loanbatch/pipeline/pipelinetest"
)

// Stage benchmarks (make bench); compare runs with benchstat.

func BenchmarkAnalyzeTextPDF(b *testing.B) {
	a := newTestAnalyzer(b)
	pdf := pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].EstimateLines()})
	b.SetBytes(int64(len(pdf)))
	for b.Loop() {
		if _, err := a.Analyze(context.Background(), pdf, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOCRPage300DPI(b *testing.B) {
	a := newTestAnalyzer(b)
	img := pipelinetest.Scan(pipelinetest.SampleLoans()[0].EstimateLines(), pipelinetest.ScanOptions{})
	for b.Loop() {
		if _, err := a.ocrPage(img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPrepareNoisyScan(b *testing.B) {
	img := pipelinetest.Scan(pipelinetest.SampleLoans()[0].EstimateLines(), pipelinetest.ScanOptions{Noise: 0.02, Seed: 1})
	for b.Loop() {
		prepareForOCR(img)
	}
}

func BenchmarkExtractFields(b *testing.B) {
	a := newTestAnalyzer(b)
	res, err := a.Analyze(context.Background(), pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].LetterLines()}), nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ExtractFields(res.PageTexts)
	}
}

// BenchmarkAnalyzeScannedPDF8Pages reads an 8-page image-only PDF with one
// and with two OCR workers (run with OMP_THREAD_LIMIT=1, as the worker
// process is; make bench does).
func BenchmarkAnalyzeScannedPDF8Pages(b *testing.B) {
	var pages []pipelinetest.Page
	for i := 0; i < 8; i++ {
		loan := pipelinetest.SampleLoans()[i%3]
		pages = append(pages, pipelinetest.Page{Scan: pipelinetest.Scan(loan.LetterLines(), pipelinetest.ScanOptions{})})
	}
	pdf := pipelinetest.PDF(pages...)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			a := NewAnalyzer(AnalyzeOptions{OCRWorkers: workers})
			b.Cleanup(a.Close)
			if _, err := a.Analyze(context.Background(), pdf, nil); err != nil { // warm up Tesseract
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := a.Analyze(context.Background(), pdf, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
