package ocr

import (
	"slices"
	"strings"
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
		{X: 72, Y: 140, Size: 10, Text: "Property:"},
		{X: 160, Y: 140, Size: 10, Text: "56 W Willow Street"},
		{X: 160, Y: 152, Size: 10, Text: "Annapolis, MD 21406"},
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
		misread.lineOf = slices.Clone(r.lineOf)
		misread.words[id].Text, misread.conf[id] = c.text, c.conf
		misread.conf[name] = 10
		if err := e.rereadDoubtful(img, &misread); err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, w := range misread.words {
			texts = append(texts, w.Text)
		}
		if !slices.Contains(texts, c.want) || !slices.Contains(texts, c.wantOther) || len(texts) != len(r.words) {
			t.Errorf("%q at confidence %.0f: after the second reading the page reads %q, want %q and %q", c.text, c.conf, texts, c.want, c.wantOther)
		}
	}

	// Two lines of a cell read as one doubtful word ("Mieka" over "56 W
	// Willow Street" and "Annapolis, MD 21406"): the region is read again
	// as a block, and its words come back on their lines.
	merged := r
	merged.words, merged.conf, merged.lineOf = nil, nil, nil
	var cellBox textlayout.Word
	for i, w := range r.words {
		if w.X0 >= 400 && w.Y0 >= 370 {
			if cellBox.Text == "" {
				cellBox = w
			}
			cellBox.X0, cellBox.Y0 = min(cellBox.X0, w.X0), min(cellBox.Y0, w.Y0)
			cellBox.X1, cellBox.Y1 = max(cellBox.X1, w.X1), max(cellBox.Y1, w.Y1)
			continue
		}
		merged.words = append(merged.words, w)
		merged.conf = append(merged.conf, r.conf[i])
		merged.lineOf = append(merged.lineOf, r.lineOf[i])
	}
	cellBox.Text = "Mieka"
	merged.words = append(merged.words, cellBox)
	merged.conf = append(merged.conf, 10)
	merged.lineOf = append(merged.lineOf, lineKey{block: 99})
	if err := e.rereadDoubtful(img, &merged); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(textlayout.Layout(merged.words), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	if !slices.Contains(lines, "Property: 56 W Willow Street") || !slices.Contains(lines, "Annapolis, MD 21406") {
		t.Errorf("the cell read again lays out as %q", lines)
	}
}
