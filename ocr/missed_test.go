package ocr

import (
	"image"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	xdraw "golang.org/x/image/draw"

	"loanbatch/imageio"
	"loanbatch/pipeline/pipelinetest"
	"loanbatch/textlayout"
)

// missedPage is a scanned page of a box of labels and values, its lines
// pitch points apart, on paper of the given shade (a phone photo's is gray),
// blurred as a photo may be.
func missedPage(pitch float64, paper uint8, blur bool) *image.Gray {
	y := func(i int) float64 { return 140 + float64(i)*pitch }
	g := pipelinetest.Scan([]pipelinetest.Line{
		{X: 72, Y: 90, Size: 16, Text: "Closing Cost Worksheet"},
		{X: 72, Y: y(0), Size: 10, Text: "Applicant: Mateo M. Jennings"},
		{X: 330, Y: y(0), Size: 10, Text: "Base Loan Amount: $175,430.00"},
		{X: 72, Y: y(1), Size: 10, Text: "Loan ID: LN-2025-808391"},
		{X: 330, Y: y(1), Size: 10, Text: "Note Rate: 6.875 %"},
		{X: 330, Y: y(2), Size: 10, Text: "Principal Amount $373,970"},
		{X: 72, Y: y(4), Size: 10, Text: "Application Fee $500.00"},
	}, pipelinetest.ScanOptions{DPI: 200, Noise: 0.002, Seed: 7, Blur: blur})
	for i, v := range g.Pix {
		g.Pix[i] = uint8(int(v) * int(paper) / 255)
	}
	return g
}

// TestReadMissedLines takes from a reading the words of the right-hand
// column, as Tesseract's layout drops a box's bold labels, and requires
// readMissed to read them back, once, where they stand: on a white scan,
// and on a photo's gray paper with the lines set tight.
func TestReadMissedLines(t *testing.T) {
	e, err := NewEngine("eng")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, c := range []struct {
		name  string
		pitch float64
		paper uint8
		blur  bool
	}{
		{"white scan", 20, 0xff, false},
		{"gray photo, tight lines", 12, 200, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := missedPage(c.pitch, c.paper, c.blur)
			r, err := e.read(g)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(r.words); n < 15 {
				t.Fatalf("the page read %d words", n)
			}
			none, _, err := e.readMissed(g, r)
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
			got, _, err := e.readMissed(g, kept)
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
			for _, want := range []string{"Base", "Amount:", "$175,430.00", "Rate:", "6.875", "Principal", "$373,970"} {
				if !strings.Contains(joined, want) {
					t.Errorf("the dropped column read again as %q, without %q", joined, want)
				}
			}
			if strings.Count(joined, "Base") > 1 {
				t.Errorf("a line was read twice: %q", joined)
			}
		})
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

// TestCropPadded: a line's crop keeps out the line under it and is framed
// in its own paper's shade, not white (an edge Tesseract reads as print).
func TestCropPadded(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 400, 200))
	for i := range g.Pix {
		g.Pix[i] = 200 // a photo's gray paper
	}
	fillRect(g, image.Rect(50, 50, 250, 80), 20)  // the line, 30 px high
	fillRect(g, image.Rect(50, 90, 250, 120), 20) // the line under it, 10 px below
	crop, dx, dy := cropPadded(g, blob{x0: 50, y0: 50, x1: 250, y1: 80}, 30)
	if crop.Pix[0] != 200 {
		t.Errorf("the border is %d, not the paper's 200", crop.Pix[0])
	}
	for y := 0; y < crop.Bounds().Dy(); y++ {
		if gy := y + dy; gy >= 90 && crop.GrayAt(100-dx, y).Y < 100 {
			t.Fatalf("the crop holds the line below (row %d of the page)", gy)
		}
	}
	if crop.GrayAt(100-dx, 60-dy).Y != 20 {
		t.Error("the line is not where the offsets put it")
	}
}

// TestAddStockWords: a figure the prepared reading lost ("$175,430.00") is
// taken back from the page read as it is, once, scaled to the prepared
// image; a reading of the page turned upright is left alone.
func TestAddStockWords(t *testing.T) {
	e, err := NewEngine("eng")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	g := missedPage(20, 0xff, false)
	base := enlarge(g, 1.5)
	r, err := e.read(base)
	if err != nil {
		t.Fatal(err)
	}
	r.variant = "prepared"
	lost := -1
	for i, w := range r.words {
		if w.Text == "$175,430.00" {
			lost = i
		}
	}
	if lost < 0 {
		t.Fatal("the page did not read $175,430.00")
	}
	kept := r
	kept.words = append(append([]textlayout.Word(nil), r.words[:lost]...), r.words[lost+1:]...)
	kept.conf = append(append([]float64(nil), r.conf[:lost]...), r.conf[lost+1:]...)
	kept.lineOf = append(append([]lineKey(nil), r.lineOf[:lost]...), r.lineOf[lost+1:]...)

	turned := kept
	turned.variant = "turned 90°"
	if s, err := e.stockReading(turned, base, g, nil); s != nil || err != nil {
		t.Errorf("a turned reading is compared with the page as it is (%v)", err)
	}
	stock, err := e.stockReading(kept, base, g, nil)
	if err != nil || stock == nil {
		t.Fatalf("no reading of the page as it is for a prepared one (%v)", err)
	}
	addStockWords(&kept, *stock, base, g)
	added := kept.words[len(r.words)-1:]
	if len(added) != 1 || added[0].Text != "$175,430.00" {
		t.Fatalf("added %v, want the lost figure alone", added)
	}
	if w, want := added[0], r.words[lost]; w.X0 < want.X0-15 || w.X0 > want.X0+15 || w.Y0 < want.Y0-15 || w.Y0 > want.Y0+15 {
		t.Errorf("the figure came back at (%.0f, %.0f), read at (%.0f, %.0f) on the prepared image", w.X0, w.Y0, want.X0, want.Y0)
	}

	// The figure read with strokes lost: a doubtful word, or a piece of the
	// figure however sure, gives way to the sure word the page as it is
	// reads there, in its line; a sure other reading stays.
	for _, c := range []struct {
		text string
		conf float64
		want string
	}{
		{"5,430.00", 30, "$175,430.00"},
		{"5,430.00", 100, "$175,430.00"},
		{"$175,438.00", 100, "$175,438.00"},
	} {
		misread := r
		misread.words = append([]textlayout.Word(nil), r.words...)
		misread.conf = append([]float64(nil), r.conf...)
		misread.lineOf = append([]lineKey(nil), r.lineOf...)
		misread.words[lost].Text, misread.conf[lost] = c.text, c.conf
		addStockWords(&misread, *stock, base, g)
		var got []string
		for i, w := range misread.words {
			if strings.HasPrefix(w.Text, "$175,43") || w.Text == c.text {
				got = append(got, w.Text)
				if misread.lineOf[i] != r.lineOf[lost] {
					t.Errorf("%q stands in line %v, want the misread word's %v", w.Text, misread.lineOf[i], r.lineOf[lost])
				}
			}
		}
		if len(got) != 1 || got[0] != c.want || len(misread.words) != len(r.words) {
			t.Errorf("%q at confidence %.0f: the figure reads %q (%d words for %d), want %q", c.text, c.conf, got, len(misread.words), len(r.words), c.want)
		}
	}
}

// TestPageOrientationFromEitherImage: orientation detection goes by the
// page as it is when the preparation took the marks it needs, and by the
// prepared page when the page as it is tells nothing.
func TestPageOrientationFromEitherImage(t *testing.T) {
	e, err := NewEngine("eng")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	e.osd = newOSDEngine()
	if e.osd == nil {
		t.Fatal("osd.traineddata is not installed (Debian: tesseract-ocr-osd)")
	}
	upright := pipelinetest.Scan(pipelinetest.SampleLoans()[0].EstimateLines(), pipelinetest.ScanOptions{DPI: 200})
	sideways := turnUpright(upright, 90) // the page turned a quarter
	blank := image.NewGray(sideways.Bounds())
	for i := range blank.Pix {
		blank.Pix[i] = 0xff
	}
	want, wantConf := e.osd.orientation(sideways)
	if want != 270 || wantConf < 2 {
		t.Fatalf("the sideways page detected as %d° (confidence %.1f)", want, wantConf)
	}
	for _, c := range []struct {
		name string
		p, g *image.Gray
	}{
		{"preparation took the marks", blank, sideways},
		{"the page as it is tells nothing", sideways, blank},
	} {
		t.Run(c.name, func(t *testing.T) {
			if deg, conf := e.pageOrientation(c.p, c.g); deg != want || conf < 2 {
				t.Errorf("detected %d° (confidence %.1f), want %d°", deg, conf, want)
			}
		})
	}
}

// TestStockWordsOfAFax: a fax stores its page at half the height its
// print has (204 × 98 DPI), and the page is read with square pixels; a
// figure that reading lost is taken back from the page as stored, what
// plain tesseract reads, set where it stands on the square page.
func TestStockWordsOfAFax(t *testing.T) {
	e, err := NewEngine("eng")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	printed := pipelinetest.Scan([]pipelinetest.Line{
		{X: 72, Y: 90, Size: 14, Text: "Loan Commitment"},
		{X: 72, Y: 160, Size: 12, Text: "Applicant: Mateo M. Jennings"},
		{X: 72, Y: 220, Size: 12, Text: "Base Loan Amount: $175,430.00"},
		{X: 72, Y: 280, Size: 12, Text: "Note Rate: 6.875 %"},
	}, pipelinetest.ScanOptions{DPI: 204, Seed: 3})
	aspect := 98.0 / 204
	stored := image.NewGray(image.Rect(0, 0, printed.Bounds().Dx(), int(float64(printed.Bounds().Dy())*aspect)))
	xdraw.BiLinear.Scale(stored, stored.Bounds(), printed, printed.Bounds(), xdraw.Src, nil)
	square := imageio.SquarePixels(stored, aspect)
	if square == stored {
		t.Fatal("the fax page was not made square")
	}
	r, err := e.read(square)
	if err != nil {
		t.Fatal(err)
	}
	r.variant = "as is"
	lost := slices.IndexFunc(r.words, func(w textlayout.Word) bool { return w.Text == "$175,430.00" })
	if lost < 0 {
		t.Fatalf("the square page did not read $175,430.00: %v", r.words)
	}
	kept := r
	kept.words = slices.Delete(slices.Clone(r.words), lost, lost+1)
	kept.conf = slices.Delete(slices.Clone(r.conf), lost, lost+1)
	kept.lineOf = slices.Delete(slices.Clone(r.lineOf), lost, lost+1)
	if s, _ := e.stockReading(kept, square, square, nil); s != nil {
		t.Error("a page read as it is was read again")
	}
	stock, err := e.stockReading(kept, square, square, stored)
	if err != nil || stock == nil || stock.variant != "as stored" {
		t.Fatalf("no reading of the page as stored (%v)", err)
	}
	addStockWords(&kept, *stock, square, stored)
	i := slices.IndexFunc(kept.words, func(w textlayout.Word) bool { return w.Text == "$175,430.00" })
	if i < 0 {
		t.Fatalf("the lost figure did not come back from the page as stored: %v", kept.words[len(r.words)-1:])
	}
	if w, want := kept.words[i], r.words[lost]; math.Abs(w.X0-want.X0) > 15 || math.Abs(w.Y0-want.Y0) > 15 {
		t.Errorf("the figure came back at (%.0f, %.0f), read at (%.0f, %.0f) on the square page", w.X0, w.Y0, want.X0, want.Y0)
	}
}
