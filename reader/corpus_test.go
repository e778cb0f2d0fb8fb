package reader

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

type truthEntry struct {
	File         string           `json:"file"`
	Expect       string           `json:"expect"`
	Fields       map[string]any   `json:"fields"`
	Alt          map[string][]any `json:"alt"`
	DocumentType *string          `json:"document_type"`
}

// sameValue compares as ../shared/tools/score.py does: numbers exactly
// (rates to 0.0005), text case-, space- and trailing-punctuation-blind,
// addresses also comma-blind.
func sameValue(field string, got, want any) bool {
	if w, ok := want.(float64); ok {
		g, ok := got.(float64)
		if !ok {
			return false
		}
		if strings.HasSuffix(field, "_pct") {
			return math.Abs(g-w) <= 0.0005
		}
		return g == w
	}
	norm := func(v any) string {
		s := strings.ToLower(norm.NFKC.String(fmt.Sprint(v)))
		s = strings.Join(strings.Fields(s), " ")
		s = regexp.MustCompile(` ([,.;:])`).ReplaceAllString(s, "$1")
		s = strings.TrimRight(s, ".,;: ")
		if field == "property_address" {
			s = strings.ReplaceAll(s, ",", "")
		}
		return s
	}
	return norm(got) == norm(want)
}

// TestCorpusAccuracy runs the real CFPB forms of the shared corpus and holds
// the field accuracy at its floor; blank forms must give no fields.
func TestCorpusAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: OCR of eight page images takes seconds (make test runs it)")
	}
	corpus := pipelinetest.CorpusDir(t)
	raw, err := os.ReadFile(filepath.Join(corpus, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth []truthEntry
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	a := newTestAnalyzer(t)
	tally := newTally()
	for _, e := range truth {
		data, err := os.ReadFile(filepath.Join(corpus, e.File))
		if err != nil {
			t.Errorf("%s: %v", e.File, err)
			continue
		}
		res, err := a.Analyze(context.Background(), data, nil)
		if err != nil {
			t.Errorf("%s: %v", e.File, err)
			for k := range e.Fields {
				tally.add(k, false)
			}
			continue
		}
		got := pipelinetest.JSONMap(t, res.Fields)
		if len(e.Fields) == 0 && len(got) > 0 {
			t.Errorf("%s: a blank form gave fields %v", e.File, got)
		}
		if e.DocumentType != nil && string(res.DocumentType) != *e.DocumentType {
			t.Errorf("%s: document type %s; want %s", e.File, res.DocumentType, *e.DocumentType)
		}
		for k, w := range e.Fields {
			ok := sameValue(k, got[k], w)
			for _, alt := range e.Alt[k] {
				ok = ok || sameValue(k, got[k], alt)
			}
			tally.add(k, ok)
			if !ok {
				t.Logf("miss %s %s: got %v, want %v", filepath.Base(e.File), k, got[k], w)
			}
		}
	}
	tally.report(t, "corpus", 0.90)
}

// tally counts right fields by name for an accuracy report.
type tally struct{ right, total map[string]int }

func newTally() *tally { return &tally{right: map[string]int{}, total: map[string]int{}} }

func (t *tally) add(field string, ok bool) {
	t.total[field]++
	if ok {
		t.right[field]++
	}
}

// report logs per-field accuracy and fails the test under floor.
func (t *tally) report(tb testing.TB, set string, floor float64) {
	tb.Helper()
	right, total := 0, 0
	for _, name := range pipeline.FieldNames {
		if n := t.total[name]; n > 0 {
			tb.Logf("accuracy %-8s %-22s %3d/%-3d %5.1f%%", set, name, t.right[name], n, 100*float64(t.right[name])/float64(n))
			right += t.right[name]
			total += n
		}
	}
	acc := float64(right) / float64(max(total, 1))
	tb.Logf("accuracy %-8s %-22s %3d/%-3d %5.1f%% (floor %.0f%%)", set, "ALL FIELDS", right, total, 100*acc, 100*floor)
	if acc < floor {
		tb.Errorf("%s field accuracy %.1f%% is under the floor %.0f%%", set, 100*acc, 100*floor)
	}
}
