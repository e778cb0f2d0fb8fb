package ocr

import (
	"slices"
	"testing"

	"loanbatch/pipeline/pipelinetest"
)

// TestRuledTableOnASpeckledPage: on a speckled scan of a ruled table,
// Tesseract's automatic layout reads the labels and the text around the
// table with confidence and takes the values' column for a picture; the
// page read as one block gives them back.
func TestRuledTableOnASpeckledPage(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	rows := [][2]string{
		{"Borrower:", "Howard J. Sandoval"},
		{"Property:", "37 Lakeview Lane, Nashville, TN 37211"},
		{"Loan Amt:", "$271,050.00"},
		{"Locked Rate:", "7.375%"},
		{"Amortization Term:", "360 months"},
		{"Product:", "VA 30-Year Fixed"},
		{"Monthly Principal & Interest:", "$1,872.07"},
		{"Escrow (estimated):", "$515.59"},
		{"Total Monthly Payment:", "$2,387.66"},
	}
	lines := []pipelinetest.Line{
		{X: 50, Y: 30, Size: 8, Text: "Loan # Y2424946"},
		{X: 50, Y: 60, Size: 14, Text: "Section 1: Your Loan"},
		{X: 54, Y: 240, Size: 11, Text: "Your payment may change if your property taxes or homeowner's insurance change."},
	}
	var rules []pipelinetest.Rect
	for i, r := range rows {
		y := 82 + float64(i)*15
		lines = append(lines, pipelinetest.Line{X: 54, Y: y, Size: 11, Text: r[0]}, pipelinetest.Line{X: 212, Y: y, Size: 11, Text: r[1]})
		rules = append(rules, pipelinetest.Rect{X0: 50, Y0: y - 1, X1: 208, Y1: y + 14}, pipelinetest.Rect{X0: 208, Y0: y - 1, X1: 400, Y1: y + 14})
	}
	img := pipelinetest.Scan(lines, pipelinetest.ScanOptions{DPI: 200, Noise: 0.1, Seed: 3, RotateDeg: 0.7, Rules: rules})
	e, err := NewEngine("eng")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ws, err := e.BestWords(img)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range ws {
		got = append(got, w.Text)
	}
	for _, want := range []string{"Sandoval", "$271,050.00", "7.375%", "$1,872.07", "$2,387.66"} {
		if !slices.Contains(got, want) {
			t.Errorf("the table's value %q was not read; read %q", want, got)
		}
	}
}
