package pipeline

import (
	"fmt"
	"strconv"
	"testing"
)

// Layouts and wordings the generated set does not cover, as laid-out text.
func TestExtractFieldsWordings(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[string]any
	}{
		{
			"tight two columns with colons", "Borrower: Ann Marie Lee  Lender: Granite State Bank\nLoan No.: 77-1902",
			map[string]any{"borrower_name": "Ann Marie Lee", "lender_name": "Granite State Bank", "loan_id": "77-1902"},
		},
		{
			"term as bare months", "Loan Number   A11902\nTerm (months)   360\nNote Amount   $95,000.00",
			map[string]any{"term_months": 360, "loan_amount_cents": int64(9500000)},
		},
		{
			"money with currency after", "Loan Number   A11902\nLoan Amount:   250,000.00 USD",
			map[string]any{"loan_amount_cents": int64(25000000)},
		},
		{"day-first date", "Loan Number   A11902\nDate Issued   14.03.2026", map[string]any{"issue_date": "2026-03-14"}},
		{"dashed date", "Loan Number   A11902\nDated:   14-Mar-2026", map[string]any{"issue_date": "2026-03-14"}},
		{
			"installment and settlement charges", "Loan #  A-55\nMonthly Installment   $1,234.56\nTotal Settlement Charges   $4,100.00",
			map[string]any{"monthly_payment_cents": int64(123456), "closing_costs_cents": int64(410000)},
		},
		{
			"rate without a percent sign, lender with LLC", "Summit Ridge Home Lending, LLC\nLoan #  A-55\nInterest Rate:   6.375\nAPR:   6.512",
			map[string]any{"interest_rate_pct": 6.375, "apr_pct": 6.512, "lender_name": "Summit Ridge Home Lending, LLC"},
		},
		{"placeholder loan ID", "LOAN ID #   0000000000\nLoan Amount   $100,000", map[string]any{"loan_amount_cents": int64(10000000), "loan_id": nil}},
		{
			"sentence after a label is not a value", "Closing Costs   Includes $5,877.00 in Loan Costs\nLoan #  A-55",
			map[string]any{"closing_costs_cents": nil},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := Extract([]PageText{{Page: 1, Source: SourceTextLayer, Text: tt.text}})
			got := fieldMap(t, x.Fields)
			for k, w := range tt.want {
				g, ok := got[k]
				if w == nil {
					if ok {
						t.Errorf("%s = %v; want absent", k, g)
					}
					continue
				}
				if !ok || !sameAny(g, w) {
					t.Errorf("%s = %v; want %v", k, g, w)
				}
			}
		})
	}
}

// sameAny compares a JSON-decoded value with an expected one.
func sameAny(got, want any) bool {
	if g, ok := got.(float64); ok {
		w, err := strconv.ParseFloat(fmt.Sprint(want), 64)
		return err == nil && g == w
	}
	return fmt.Sprint(got) == fmt.Sprint(want)
}
