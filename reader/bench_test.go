package reader

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"testing"

	"loanbatch/extract"
	"loanbatch/imageio"
	"loanbatch/ocr"
	"loanbatch/pipeline"
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
		ocr.Prepare(img)
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
			a := New(Options{OCRWorkers: workers})
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

// BenchmarkTextLayerPDF is a one-page text PDF through the in-process
// reader (validation, Go text reader, fields), as the runner reads it.
func BenchmarkTextLayerPDF(b *testing.B) {
	a := New(Options{})
	pdf := pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].EstimateLines()})
	b.SetBytes(int64(len(pdf)))
	for b.Loop() {
		if _, err := a.AnalyzeTextLayer(context.Background(), pdf, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDFiumText is the same page's text through PDFium, for
// comparison with the Go reader.
func BenchmarkPDFiumText(b *testing.B) {
	a := newTestAnalyzer(b)
	pdf := pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].EstimateLines()})
	engine, err := a.pdfEngine()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		doc, err := engine.Open(pdf)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := doc.Words(0); err != nil {
			b.Fatal(err)
		}
		doc.Close()
	}
}

// BenchmarkDecodePage decodes a 300 DPI page with the native decoders
// (libjpeg-turbo, libtiff) and with Go's.
func BenchmarkDecodePage(b *testing.B) {
	page := pipelinetest.Scan(pipelinetest.SampleLoans()[0].EstimateLines(), pipelinetest.ScanOptions{Noise: 0.02, Seed: 1})
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, page, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	tiffData := pipelinetest.MultiPageTIFF([]*image.Gray{page})
	for _, c := range []struct {
		name   string
		data   []byte
		format pipeline.Format
	}{{"jpeg", jb.Bytes(), pipeline.FormatJPEG}, {"tiff", tiffData, pipeline.FormatTIFF}} {
		b.Run(c.name+"/native", func(b *testing.B) {
			for b.Loop() {
				if _, err := ocr.FastGray(c.data, c.format == pipeline.FormatTIFF, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/go", func(b *testing.B) {
			pages, _ := imageio.TIFFPages(c.data, 1)
			for b.Loop() {
				img, err := imageio.DecodePage(c.data, 0, pages)
				if err != nil {
					b.Fatal(err)
				}
				imageio.ToGray(img)
			}
		})
	}
}

func BenchmarkExtractFields(b *testing.B) {
	a := newTestAnalyzer(b)
	res, err := a.Analyze(context.Background(), pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].LetterLines()}), nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		extract.Extract(res.PageTexts)
	}
}
