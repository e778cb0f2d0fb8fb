package reader

import (
	"image"
	"testing"

	"loanbatch/pipeline/pipelinetest"
)

// TestRenderDPIIsTheScans: a page that is nothing but a scan is drawn for
// OCR at the scan's own resolution, whatever its codec; any other page at
// ocrDPI.
func TestRenderDPIIsTheScans(t *testing.T) {
	a := newTestAnalyzer(t)
	engine, err := a.pdfEngine()
	if err != nil {
		t.Fatal(err)
	}
	lines := pipelinetest.SampleLoans()[0].EstimateLines()
	scan := func(dpi float64) *image.Gray { return pipelinetest.Scan(lines, pipelinetest.ScanOptions{DPI: dpi}) }
	for _, c := range []struct {
		name string
		page pipelinetest.Page
		want int
	}{
		{"bilevel scan at 150 DPI", pipelinetest.Page{Scan: scan(150), Bilevel: true}, 150},
		{"bilevel scan at 200 DPI", pipelinetest.Page{Scan: scan(200), Bilevel: true}, 200},
		{"JPEG scan at 240 DPI", pipelinetest.Page{Scan: scan(240)}, 240},
		{"scan at 400 DPI", pipelinetest.Page{Scan: scan(400), Bilevel: true}, ocrDPI},
		{"scan at 72 DPI", pipelinetest.Page{Scan: scan(72), Bilevel: true}, ocrDPI},
		{"text page", pipelinetest.Page{Lines: lines}, ocrDPI},
		{"scan with a text line over it", pipelinetest.Page{Scan: scan(150), Bilevel: true, Lines: lines[:1]}, ocrDPI},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := engine.Open(pipelinetest.PDF(c.page))
			if err != nil {
				t.Fatal(err)
			}
			defer doc.Close()
			if got := renderDPI(doc, 0); got != c.want {
				t.Errorf("drawn at %d DPI, want %d", got, c.want)
			}
		})
	}
}
