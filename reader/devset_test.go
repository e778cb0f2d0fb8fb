package reader

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loanbatch/pipeline/pipelinetest"
)

// TestDevsetAccuracy reads devsets made by ../shared/corpus/devset/generate.py
// (LOANBATCH_DEVSET: their folders, comma-separated) and reports, per set,
// the fields right, the wrong values (a value given that is not the truth),
// the document types right and the misses. It judges nothing: the numbers
// are for a person comparing builds on seeds the rules were not tuned to
// (make accuracy DEVSET=/tmp/d1,/tmp/d2).
func TestDevsetAccuracy(t *testing.T) {
	dirs := os.Getenv("LOANBATCH_DEVSET")
	if dirs == "" {
		t.Skip("LOANBATCH_DEVSET is not set: generate a set with ../shared/corpus/devset/generate.py OUTDIR --seed N")
	}
	a := newTestAnalyzer(t)
	for _, dir := range strings.Split(dirs, ",") {
		raw, err := os.ReadFile(filepath.Join(dir, "truth.json"))
		if err != nil {
			t.Fatal(err)
		}
		var truth []struct {
			truthEntry
			ExpectNoFields bool `json:"expect_no_fields"`
		}
		if err := json.Unmarshal(raw, &truth); err != nil {
			t.Fatal(err)
		}
		tally := newTally()
		wrong, types, typed := 0, 0, 0
		for _, e := range truth {
			if e.Expect != "success" {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.File))
			if err != nil {
				t.Fatal(err)
			}
			res, err := a.Analyze(context.Background(), data, nil)
			if err != nil {
				t.Logf("miss %s: %v", e.File, err)
				for k := range e.Fields {
					tally.add(k, false)
				}
				continue
			}
			if e.DocumentType != nil {
				typed++
				if string(res.DocumentType) == *e.DocumentType {
					types++
				} else {
					t.Logf("miss %s document_type: got %s, want %s", e.File, res.DocumentType, *e.DocumentType)
				}
			}
			got := pipelinetest.JSONMap(t, res.Fields)
			for k, w := range e.Fields {
				ok := sameValue(k, got[k], w)
				for _, alt := range e.Alt[k] {
					ok = ok || sameValue(k, got[k], alt)
				}
				tally.add(k, ok)
				switch {
				case ok:
				case got[k] == nil:
					t.Logf("miss %s %s: missing, want %v", e.File, k, w)
				default:
					wrong++
					t.Logf("miss %s %s: got %v, want %v (wrong value)", e.File, k, got[k], w)
				}
			}
		}
		set := filepath.Base(dir)
		tally.report(t, set, 0)
		total := 0
		for _, n := range tally.total {
			total += n
		}
		t.Logf("accuracy %-8s wrong values %d/%d, document type %d/%d", set, wrong, total, types, typed)
	}
}
