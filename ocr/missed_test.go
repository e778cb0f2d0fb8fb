package ocr

import (
	"image"
	"math/rand/v2"
	"strings"
	"testing"

	"loanbatch/pipeline/pipelinetest"
	"loanbatch/textlayout"
)

// missedPage is a scanned page of a box of labels and values.
func missedPage() *image.Gray {
	return pipelinetest.Scan([]pipelinetest.Line{
		{X: 72, Y: 90, Size: 16, Text: "Closing Cost Worksheet"},
		{X: 72, Y: 140, Size: 10, Text: "Applicant: Mateo M. Jennings"},
		{X: 330, Y: 140, Size: 10, Text: "Base Loan Amount: $175,430.00"},
		{X: 72, Y: 160, Size: 10, Text: "Loan ID: LN-2025-808391"},
		{X: 330, Y: 160, Size: 10, Text: "Note Rate: 6.875 %"},
		{X: 72, Y: 200, Size: 10, Text: "Application Fee $500.00"},
	}, pipelinetest.ScanOptions{DPI: 200, Noise: 0.002, Seed: 7})
}

// TestReadMissedLines takes from a reading the words of the right-hand
// column, as Tesseract's layout drops a box's bold labels, and requires
// readMissed to read them back, once, where they stand.
func TestReadMissedLines(t *testing.T) {
	e, err := NewEngine("eng")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	g := missedPage()
	r, err := e.read(g)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.words); n < 15 {
		t.Fatalf("the page read %d words", n)
	}
	none, err := e.readMissed(g, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(none) != 0 {
		t.Errorf("a page read whole gained %d words: %v", len(none), none)
	}
	column := float64(g.Bounds().Dx()) * 0.5
	kept := r
	kept.words = nil
	for _, w := range r.words {
		if w.X0 < column {
			kept.words = append(kept.words, w)
		}
	}
	got, err := e.readMissed(g, kept)
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, w := range got {
		if w.X0 < column {
			t.Errorf("%q read again at x=%.0f, left of the dropped column", w.Text, w.X0)
		}
		text = append(text, w.Text)
	}
	joined := strings.Join(text, " ")
	for _, want := range []string{"Base", "Amount:", "$175,430.00", "Rate:", "6.875"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the dropped column read again as %q, without %q", joined, want)
		}
	}
	if strings.Count(joined, "Base") > 1 {
		t.Errorf("a line was read twice: %q", joined)
	}
}

// TestMissedLinesOfPrintThatIsNoText: specks, a signature-like scrawl and
// rules are not lines of text to read again.
func TestMissedLinesOfPrintThatIsNoText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		name string
		draw func(g *image.Gray)
	}{
		{"specks", func(g *image.Gray) {
			for range 3000 {
				x, y := rng.IntN(1690), rng.IntN(390)
				fillRect(g, image.Rect(x, y, x+2, y+2), 0)
			}
		}},
		{"rules", func(g *image.Gray) {
			fillRect(g, image.Rect(100, 100, 1600, 103), 0)
			fillRect(g, image.Rect(100, 50, 103, 380), 0)
		}},
		{"a block of shading", func(g *image.Gray) { fillRect(g, image.Rect(200, 100, 900, 300), 90) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := leaderPage(c.draw)
			words := []textlayout.Word{{Text: "Label", X0: 10, Y0: 10, X1: 90, Y1: 34}}
			if lines := missedLines(g, words, 24); len(lines) != 0 {
				t.Errorf("%d lines to read again: %v", len(lines), lines)
			}
		})
	}
}

// TestBlobsOfANoisePage: a page of fine noise (a halftone, a hostile
// image) has too many runs of print to follow; blobs gives up at its
// budget instead of growing with the page.
func TestBlobsOfANoisePage(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 4000, 4000))
	for y := 0; y < 4000; y++ {
		for x := 0; x < 4000; x++ {
			if (x+y)%2 == 0 {
				g.Pix[y*g.Stride+x] = 0xff
			}
		}
	}
	all := func(blob) bool { return true }
	if bs := blobs(g, all); bs != nil {
		t.Errorf("%d blobs on a page of 8 million runs", len(bs))
	}
	small := image.NewGray(image.Rect(0, 0, 100, 100))
	for i := range small.Pix {
		small.Pix[i] = 0xff
	}
	fillRect(small, image.Rect(10, 10, 20, 20), 0)
	fillRect(small, image.Rect(40, 10, 50, 20), 0)
	if bs := blobs(small, all); len(bs) != 2 {
		t.Errorf("%d blobs on a page of two squares", len(bs))
	}
}
