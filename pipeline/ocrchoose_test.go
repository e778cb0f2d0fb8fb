package pipeline

import (
	"image"
	"testing"

	"loanbatch/pipeline/pipelinetest"
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
	if sq := squarePixels(g, 98.0/204); sq.Bounds().Dy() != 2244 || sq.Bounds().Dx() != 1734 {
		t.Errorf("a standard-mode fax page squared is %v", sq.Bounds())
	}
	if sq := squarePixels(g, 1); sq != g {
		t.Error("square pixels were resampled")
	}
	var up, on []word
	for i := 0; i < 12; i++ {
		up = append(up, word{text: "Amount", x0: 0, y0: 0, x1: 120, y1: 30})
		on = append(on, word{text: "Amount", x0: 0, y0: 0, x1: 30, y1: 120})
	}
	if sideways(up) || !sideways(on) {
		t.Error("sideways words are not told from upright ones")
	}
}

func TestWordCoverage(t *testing.T) {
	found, total := wordCoverage("www pinecrest com Loan Amount $250,000.00 offical", "wwwpinecrestcom Loan Amount $250,000.00 official")
	if total != 7 || found != 6 {
		t.Errorf("coverage %d/%d, want 6/7 (only the misspelling missed)", found, total)
	}
}

func TestOCRNameRepairs(t *testing.T) {
	if got := fixOCRStreetType("704 Timber PI. Unit 32, Raleigh, NC 27609"); got != "704 Timber Pl. Unit 32, Raleigh, NC 27609" {
		t.Errorf("street type: %q", got)
	}
	if v, ok := cleanName("Q Bluestem Lending Group, Inc", true); !ok || v != "Bluestem Lending Group, Inc" {
		t.Errorf("logo mark: %v %v", v, ok)
	}
	if v, ok := cleanName("A Plus Mortgage Company", true); !ok || v != "A Plus Mortgage Company" {
		t.Errorf("article: %v %v", v, ok)
	}
}

func TestOCRAddressAndNameRepairs(t *testing.T) {
	for in, want := range map[string]string{
		"62 Dalton Lane. Nashville, TN 37208":               "62 Dalton Lane, Nashville, TN 37208",
		"125 Maple St.. Wilmington, DE 19804":               "125 Maple St., Wilmington, DE 19804",
		"12 Oak St. Springfield, IL 62704":                  "12 Oak St. Springfield, IL 62704",
		"20038 Jefferson Pkwy. Unit 11, Richmond, VA 23219": "20038 Jefferson Pkwy. Unit 11, Richmond, VA 23219",
	} {
		v, ok := addressValue(in)
		if got := ""; ok {
			got = string(v.(street))
			if got != want {
				t.Errorf("addressValue(%q) = %q, want %q", in, got, want)
			}
		} else {
			t.Errorf("addressValue(%q) failed", in)
		}
	}
	for in, want := range map[string]string{
		"Bluestem Bank, N:A-":        "Bluestem Bank, N.A",
		"Sunfield Community Bank NA": "Sunfield Community Bank, N.A",
	} {
		if v, ok := cleanName(in, true); !ok || v != want {
			t.Errorf("cleanName(%q) = %v, want %q", in, v, want)
		}
	}
	if v, ok := cleanName("Caleb P.Kowalski", false); !ok || v != "Caleb P. Kowalski" {
		t.Errorf("glued initial: %v", v)
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

// A label whose colon OCR read as a stop still labels its value.
func TestLabelWithOCRStop(t *testing.T) {
	f, _ := ExtractFields([]PageText{{Page: 1, Source: SourceOCR, Text: "   SUBJ PROP.        12272 WILLOW RD. #188, BIRMINGHAM, AL 35203\n   LOAN AMT          375,201.00\n"}})
	if f.PropertyAddress != "12272 WILLOW RD. #188, BIRMINGHAM, AL 35203" {
		t.Errorf("property %q", f.PropertyAddress)
	}
}

// words, the engine's plain reading, is the first reading bestReading
// makes of a clean page, which it keeps.
func TestBestReadingOfACleanPage(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	a := newTestAnalyzer(t)
	es, err := a.ocrEngines(1)
	if err != nil {
		t.Skip(err)
	}
	img := pipelinetest.Scan(pipelinetest.SampleLoans()[0].EstimateLines(), pipelinetest.ScanOptions{})
	ws, err := es[0].words(prepareForOCR(img))
	if err != nil {
		t.Fatal(err)
	}
	r, err := es[0].bestReading(img)
	if err != nil {
		t.Fatal(err)
	}
	if r.variant != "prepared" || !r.good() || len(r.words) != len(ws) {
		t.Errorf("clean page: variant %q, confidence %.0f, %d words (plain reading %d)", r.variant, r.meanConf, len(r.words), len(ws))
	}
}
