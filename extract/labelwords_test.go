package extract

import (
	"testing"

	"loanbatch/pipeline"
)

func TestMendLabel(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Total Lean Amount", "Total Loan Amount"},
		{"Date Isued", "Date Issued"},
		{"Chasing Casts (Total)", "Closing Costs (Total)"},
		{"Onginating Lender", "Originating Lender"},
		{"LOAN AMOUMT:", "LOAN AMOUNT:"},
		{"Loaf Number 998813512", "Loan Number 998813512"}, // the words before a figure run into the cell
		{"Lean Amount:  $367,000.00", "Loan Amount: $367,000.00"},
		{"Loan Ant:", "Loan Amt:"}, // a word of three letters beside a label word
		{"Ant", "Ant"},
		// Names, values and other words are left as they are.
		{"Dean Lowe", "Dean Lowe"},
		{"Dean Lowe 42", "Dean Lowe 42"},
		{"Lean Cuisine", "Lean Cuisine"},
		{"$367,000.00", "$367,000.00"},
		{"Appraised Value", "Appraised Value"},
		{"Loan Amount", "Loan Amount"},
	} {
		if got := mendLabel(c.in); got != c.want {
			t.Errorf("mendLabel(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestMendedLabelsOnlyOnOCRPages: a text layer's words are what the
// document prints; only OCR's are mended.
func TestMendedLabelsOnlyOnOCRPages(t *testing.T) {
	text := "Loan ID:   MTG-08618618\nTotal Lean Amount   $367,000.00\nDate Isued   Jun 26, 2026"
	ocr := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceOCR, Text: text}})
	assertFields(t, ocr.Fields, map[string]any{"loan_amount_cents": int64(36700000), "issue_date": "2026-06-26"})
	layer := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceTextLayer, Text: text}})
	assertFields(t, layer.Fields, map[string]any{"loan_amount_cents": nil, "issue_date": nil})
}
