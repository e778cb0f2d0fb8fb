package pipeline

import (
	"context"
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
