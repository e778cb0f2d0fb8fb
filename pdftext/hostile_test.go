package pdftext

import (
	"context"
	"testing"

	"loanbatch/pipeline/pipelinetest"
)

// A form drawn on every Do and a font given in place and selected on every
// Tf are decoded and parsed once per document, not once per use.
func TestFontsAndFormsReadOnce(t *testing.T) {
	for _, c := range []struct {
		name  string
		spent func(b *readBudget) int64
		max   int64
	}{
		// 64 KB of form, 1,500 draws: once is 64 KB (plus the page).
		{"form-every-Do", func(b *readBudget) int64 { return budgetDecoded - b.decoded }, 128 << 10},
		// 20,000 widths and 65,536 codes, 100,000 Tf: once is 85,536.
		{"inline-font-every-Tf", func(b *readBudget) int64 { return budgetEntries - b.entries }, 100_000},
	} {
		t.Run(c.name, func(t *testing.T) {
			parsed, err := Parse(hostilePDF(t, c.name))
			if err != nil {
				t.Fatal(err)
			}
			r := NewReader(context.Background(), parsed)
			ws, err := PageWords(r, 0)
			if err != nil || len(ws) == 0 {
				t.Fatalf("%d words, %v", len(ws), err)
			}
			if spent := c.spent(r.budget); spent > c.max {
				t.Errorf("spent %d of the budget, more than once (%d)", spent, c.max)
			}
		})
	}
}

func hostilePDF(tb testing.TB, name string) []byte {
	tb.Helper()
	for _, h := range pipelinetest.HostilePDFs() {
		if h.Name == name {
			return h.Make()
		}
	}
	tb.Fatalf("no hostile PDF %s", name)
	return nil
}

// Each part of the budget is charged on the way through an ordinary
// document: with that part cut short, reading it stops with ErrOverBudget.
func TestEachBudgetIsCharged(t *testing.T) {
	loan := pipelinetest.SampleLoans()[0]
	plain := pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()})
	withFont := hostilePDF(t, "inline-font-every-Tf")
	withForm := hostilePDF(t, "form-every-Do")
	for _, c := range []struct {
		name string
		pdf  []byte
		cut  func(b *readBudget)
	}{
		{"tokens", plain, func(b *readBudget) { b.tokens = 100 }},
		{"scanned bytes", plain, func(b *readBudget) { b.scanned = 100 }},
		{"decoded bytes", withForm, func(b *readBudget) { b.decoded = 1000 }},
		{"map entries", withFont, func(b *readBudget) { b.entries = 1000 }},
		{"fonts and forms", withForm, func(b *readBudget) { b.objects = 10 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			parsed, err := Parse(c.pdf)
			if err != nil {
				t.Fatal(err)
			}
			r := NewReader(context.Background(), parsed)
			c.cut(r.budget)
			if _, err := PageWords(r, 0); !IsBudgetErr(err) {
				t.Errorf("error %v, want ErrOverBudget", err)
			}
		})
	}
}
