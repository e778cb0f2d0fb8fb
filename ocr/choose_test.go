package ocr

import (
	"image"
	"testing"

	"loanbatch/imageio"
	"loanbatch/pipeline/pipelinetest"
	"loanbatch/textlayout"
)

func TestDotLeaderAndNoise(t *testing.T) {
	for w, leader := range map[string]bool{
		"cease": false, "case": false, "Conventional": false, "Residence": false, "Ter.": false,
		"N.A.": false, "Access": false, "Escrow": false, "Dec.": false,
		"eee": true, "cece": true, "0.0.0.2...": true, "..000.......": true,
		"............ccccccceecceeeesceeceeeeeeeeeeeceeseeaaeceeeneeeesesaeeeeeaeesseceeeeeenaeeseeeeeeteeeaeeees": true,
	} {
		if got := dotLeader(w); got != leader {
			t.Errorf("dotLeader(%q) = %v, want %v", w, got, leader)
		}
	}
	for _, c := range []struct {
		in   string
		conf float64
		want string
	}{
		{"|", 90, ""},
		{"‘date", 80, "date"},
		{"Rate:|", 70, "Rate:"},
		{"Amount:.", 60, "Amount:"},
		{"$", 90, "$"},
		{"&", 90, "&"},
		{"-", 20, ""},
		{"$680,000.00", 90, "$680,000.00"},
		{"(240", 90, "(240"},
		{"Inc.", 90, "Inc."},
	} {
		if got := trimOCRNoise(c.in, c.conf); got != c.want {
			t.Errorf("trimOCRNoise(%q, %v) = %q, want %q", c.in, c.conf, got, c.want)
		}
	}
}

func TestSquarePixelsAndSideways(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 1734, 1078))
	if sq := imageio.SquarePixels(g, 98.0/204); sq.Bounds().Dy() != 2244 || sq.Bounds().Dx() != 1734 {
		t.Errorf("a standard-mode fax page squared is %v", sq.Bounds())
	}
	if sq := imageio.SquarePixels(g, 1); sq != g {
		t.Error("square pixels were resampled")
	}
	var up, on []textlayout.Word
	for i := 0; i < 12; i++ {
		up = append(up, textlayout.Word{Text: "Amount", X0: 0, Y0: 0, X1: 120, Y1: 30})
		on = append(on, textlayout.Word{Text: "Amount", X0: 0, Y0: 0, X1: 30, Y1: 120})
	}
	if sideways(up) || !sideways(on) {
		t.Error("sideways words are not told from upright ones")
	}
}

func TestGluedLeader(t *testing.T) {
	for in, want := range map[string]string{
		"APR....-.------2": "APR:", "CLOSING....:": "CLOSING:", "BORR...:": "BORR:", "U.S.": "U.S.",
		"Inc.": "Inc.", "2025-0176-55": "2025-0176-55", "$1,904.66": "$1,904.66", "etc..": "etc..",
	} {
		if got := cutGluedLeader(in); got != want {
			t.Errorf("cutGluedLeader(%q) = %q, want %q", in, got, want)
		}
	}
	if !dotLeader(".<.<.-2") || dotLeader("1-800-555-1234") || dotLeader("2025-0176-55") {
		t.Error("dotLeader on marks")
	}
}

// words, the engine's plain reading, is the first reading bestReading
// makes of a clean page, which it keeps.
func TestBestReadingOfACleanPage(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	e, err := NewEngine("eng")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	img := pipelinetest.Scan(pipelinetest.SampleLoans()[0].EstimateLines(), pipelinetest.ScanOptions{})
	ws, err := e.Words(Prepare(img))
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := e.bestReading(img)
	if err != nil {
		t.Fatal(err)
	}
	if r.variant != "prepared" || !r.good() || len(r.words) != len(ws) {
		t.Errorf("clean page: variant %q, confidence %.0f, %d words (plain reading %d)", r.variant, r.meanConf, len(r.words), len(ws))
	}
}
