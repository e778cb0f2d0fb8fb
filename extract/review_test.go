package extract

import (
	"strings"
	"testing"
	"time"

	"loanbatch/pipeline"
)

func TestReview(t *testing.T) {
	full := pipeline.Fields{
		LoanID: "LN-1", BorrowerName: "Ann Lee", LoanAmountCents: 25000000, InterestRatePct: 6.875,
		APRPct: 7.012, TermMonths: 360, MonthlyPaymentCents: 164232, IssueDate: "2026-03-14",
	}
	conf := func(f pipeline.Fields) map[string]float64 {
		m := map[string]float64{}
		for k := range fieldMapOf(f) {
			m[k] = 0.95
		}
		return m
	}
	with := func(change func(*pipeline.Fields)) pipeline.Fields { f := full; change(&f); return f }
	tests := []struct {
		name   string
		fields pipeline.Fields
		review bool
		reason string
	}{
		{"consistent loan", full, false, ""},
		{"P&I off by $20", with(func(f *pipeline.Fields) { f.MonthlyPaymentCents = 166232 }), true, "monthly P&I $1,662.32 does not match the amount, rate and term ($1,642.32 expected)"},
		{"interest only", with(func(f *pipeline.Fields) { f.MonthlyPaymentCents = 143229 }), false, "is interest only"},
		{"APR below rate", with(func(f *pipeline.Fields) { f.APRPct = 6.5 }), true, "APR 6.500% is below the note rate 6.875%"},
		{"missing borrower", with(func(f *pipeline.Fields) { f.BorrowerName = "" }), true, "no borrower found"},
		{"future date", with(func(f *pipeline.Fields) { f.IssueDate = "2031-01-01" }), true, "issue date 2031-01-01 is implausible"},
		{"nothing found", pipeline.Fields{}, true, "no loan fields found"},
		{"term misread", with(func(f *pipeline.Fields) { f.TermMonths = 368 }), true, "term of 360 months worked out from the payment, amount and rate (the document reads 368 months)"},
		{"term missing", with(func(f *pipeline.Fields) { f.TermMonths = 0 }), false, "term of 360 months worked out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := Extraction{Fields: tt.fields, Confidence: conf(tt.fields), Pages: map[string]int{}}
			review(&x, time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC))
			if x.NeedsReview != tt.review {
				t.Errorf("needs review %v; want %v (%v)", x.NeedsReview, tt.review, x.ReviewReasons)
			}
			joined := strings.Join(x.ReviewReasons, "; ")
			if tt.reason == "" && joined != "" || !strings.Contains(joined, tt.reason) {
				t.Errorf("reasons %q; want %q", joined, tt.reason)
			}
		})
	}
	x := Extraction{Fields: full, Confidence: conf(full), Pages: map[string]int{}}
	review(&x, time.Now())
	if x.Confidence["monthly_payment_cents"] < 0.99 || x.Confidence["loan_amount_cents"] < 0.99 {
		t.Errorf("a P&I that checks out did not raise confidence: %v", x.Confidence)
	}
}

func fieldMapOf(f pipeline.Fields) map[string]bool {
	m := map[string]bool{}
	set := map[string]bool{
		"loan_id": f.LoanID != "", "borrower_name": f.BorrowerName != "", "lender_name": f.LenderName != "",
		"loan_amount_cents": f.LoanAmountCents != 0, "interest_rate_pct": f.InterestRatePct != 0, "apr_pct": f.APRPct != 0,
		"term_months": f.TermMonths != 0, "monthly_payment_cents": f.MonthlyPaymentCents != 0,
		"closing_costs_cents": f.ClosingCostsCents != 0, "issue_date": f.IssueDate != "", "property_address": f.PropertyAddress != "",
	}
	for k, v := range set {
		if v {
			m[k] = true
		}
	}
	return m
}

func TestAmortized(t *testing.T) {
	for _, tt := range []struct {
		amount int64
		rate   float64
		months int
		want   int64
	}{
		{16200000, 3.875, 360, 76178}, // the CFPB sample Loan Estimate
		{25000000, 6.875, 360, 164232},
		{1200000, 0, 12, 100000},
	} {
		if got := pipeline.Amortized(tt.amount, tt.rate, tt.months); got != tt.want {
			t.Errorf("Amortized(%d, %v, %d) = %d; want %d", tt.amount, tt.rate, tt.months, got, tt.want)
		}
	}
}
