package ocr

import (
	"slices"
	"testing"

	"loanbatch/pipeline/pipelinetest"
	"loanbatch/textlayout"
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

// TestRereadDoubtful: a word read with little confidence and wrong (an
// ID's first letter lost) is read again and mended; the same wrong text
// read with confidence, and a doubtful word read right, stay as they are.
func TestRereadDoubtful(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	img := pipelinetest.Scan([]pipelinetest.Line{
		{X: 72, Y: 90, Size: 10, Text: "Application No.: Y4732346"},
		{X: 72, Y: 110, Size: 10, Text: "Borrower: Victor Garson"},
	}, pipelinetest.ScanOptions{DPI: 200})
	e, err := NewEngine("eng")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	r, err := e.read(img)
	if err != nil {
		t.Fatal(err)
	}
	id := slices.IndexFunc(r.words, func(w textlayout.Word) bool { return w.Text == "Y4732346" })
	name := slices.IndexFunc(r.words, func(w textlayout.Word) bool { return w.Text == "Garson" })
	if id < 0 || name < 0 {
		t.Fatalf("the page did not read the ID and the name: %v", r.words)
	}
	for _, c := range []struct {
		text      string
		conf      float64
		want      string
		wantOther string
	}{
		{"4732346", 0, "Y4732346", "Garson"},
		{"4732346", 90, "4732346", "Garson"},
	} {
		misread := r
		misread.words = slices.Clone(r.words)
		misread.conf = slices.Clone(r.conf)
		misread.words[id].Text, misread.conf[id] = c.text, c.conf
		misread.conf[name] = 10
		if err := e.rereadDoubtful(img, &misread); err != nil {
			t.Fatal(err)
		}
		if got := misread.words[id].Text; got != c.want {
			t.Errorf("%q at confidence %.0f reads %q after the second reading, want %q", c.text, c.conf, got, c.want)
		}
		if got := misread.words[name].Text; got != c.wantOther {
			t.Errorf("a doubtful word read right became %q", got)
		}
	}
}
