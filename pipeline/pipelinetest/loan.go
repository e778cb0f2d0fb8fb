package pipelinetest

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// Loan is a made-up loan whose documents the tests render. Its Expected
// values are what extraction must find, in the contract's units.
type Loan struct {
	LoanID       string
	Borrower     string
	CoBorrower   string
	Lender       string
	AmountCents  int64
	RatePct      float64
	APRPct       float64
	TermMonths   int
	ClosingCents int64
	Issued       time.Time
	Street, City string // "123 Main St", "Springfield, IL 62704"
}

// PaymentCents is the monthly principal and interest, by the amortization
// formula.
func (l Loan) PaymentCents() int64 {
	r := l.RatePct / 100 / 12
	n := float64(l.TermMonths)
	p := float64(l.AmountCents) / 100
	pay := p * r / (1 - math.Pow(1+r, -n))
	return int64(math.Round(pay * 100))
}

// Expected returns the fields as the contract's summary reports them.
func (l Loan) Expected() map[string]any {
	return map[string]any{
		"loan_id":               l.LoanID,
		"borrower_name":         l.Borrower,
		"lender_name":           l.Lender,
		"loan_amount_cents":     l.AmountCents,
		"interest_rate_pct":     l.RatePct,
		"apr_pct":               l.APRPct,
		"term_months":           l.TermMonths,
		"monthly_payment_cents": l.PaymentCents(),
		"closing_costs_cents":   l.ClosingCents,
		"issue_date":            l.Issued.Format("2006-01-02"),
		"property_address":      l.Street + ", " + l.City,
	}
}

// Money formats cents as "$250,000.00".
func Money(cents int64) string {
	whole := fmt.Sprintf("%d", cents/100)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("$%s.%02d", b.String(), cents%100)
}

func pct(p float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", p), "0"), ".") + "%"
}

func (l Loan) applicants() string {
	if l.CoBorrower == "" {
		return l.Borrower
	}
	return l.Borrower + " and " + l.CoBorrower
}

// EstimateLines lays the loan out as a Loan Estimate style form: labels on
// the left, values beside them, a second column of labels on the right.
func (l Loan) EstimateLines() []Line {
	return []Line{
		{X: 50, Y: 40, Size: 14, Text: strings.ToUpper(l.Lender)},
		{X: 50, Y: 70, Size: 18, Text: "Loan Estimate"},
		{X: 50, Y: 100, Text: "DATE ISSUED"},
		{X: 140, Y: 100, Text: l.Issued.Format("1/2/2006")},
		{X: 340, Y: 100, Text: "LOAN TERM"},
		{X: 420, Y: 100, Text: fmt.Sprintf("%d years", l.TermMonths/12)},
		{X: 50, Y: 115, Text: "APPLICANTS"},
		{X: 140, Y: 115, Text: l.applicants()},
		{X: 340, Y: 115, Text: "PURPOSE"},
		{X: 420, Y: 115, Text: "Purchase"},
		{X: 50, Y: 130, Text: "PROPERTY"},
		{X: 140, Y: 130, Text: l.Street},
		{X: 340, Y: 130, Text: "LOAN ID #"},
		{X: 420, Y: 130, Text: l.LoanID},
		{X: 140, Y: 145, Text: l.City},
		{X: 50, Y: 190, Size: 12, Text: "Loan Terms"},
		{X: 50, Y: 210, Text: "Loan Amount"},
		{X: 230, Y: 210, Text: Money(l.AmountCents)},
		{X: 50, Y: 228, Text: "Interest Rate"},
		{X: 230, Y: 228, Text: pct(l.RatePct)},
		{X: 50, Y: 246, Text: "Monthly Principal & Interest"},
		{X: 230, Y: 246, Text: Money(l.PaymentCents())},
		{X: 50, Y: 290, Text: "Estimated Closing Costs"},
		{X: 230, Y: 290, Text: Money(l.ClosingCents)},
		{X: 320, Y: 290, Text: "Includes loan costs and other costs"},
		{X: 50, Y: 330, Text: "Annual Percentage Rate (APR)"},
		{X: 230, Y: 330, Text: pct(l.APRPct)},
		{X: 50, Y: 740, Size: 8, Text: "LOAN ESTIMATE"},
		{X: 400, Y: 740, Size: 8, Text: "PAGE 1 OF 1 • LOAN ID # " + l.LoanID},
	}
}

// LetterLines lays the loan out as a commitment letter written in prose.
func (l Loan) LetterLines() []Line {
	lines := []Line{
		{X: 72, Y: 60, Size: 14, Text: l.Lender},
		{X: 72, Y: 100, Text: l.Issued.Format("January 2, 2006")},
		{X: 72, Y: 130, Text: l.applicants()},
		{X: 72, Y: 144, Text: l.Street},
		{X: 72, Y: 158, Text: l.City},
		{X: 72, Y: 190, Size: 12, Text: "Mortgage Loan Commitment Letter"},
		{X: 72, Y: 210, Text: "Loan Number: " + l.LoanID},
		{X: 72, Y: 240, Text: "Dear " + l.Borrower + ","},
	}
	prose := fmt.Sprintf("We are pleased to inform you that your application has been approved. %s commits to lend you a loan of %s at a fixed rate of %s per annum for %d years, secured by the property at %s, %s. Your monthly principal and interest payment will be %s. The annual percentage rate (APR) is %s. Closing costs are estimated at %s.",
		l.Lender, Money(l.AmountCents), pct(l.RatePct), l.TermMonths/12, l.Street, l.City,
		Money(l.PaymentCents()), pct(l.APRPct), Money(l.ClosingCents))
	y := 262.0
	for _, text := range wrap(prose, 90) {
		lines = append(lines, Line{X: 72, Y: y, Text: text})
		y += 14
	}
	lines = append(lines, Line{X: 72, Y: y + 20, Text: "Borrower: " + l.Borrower})
	return lines
}

// TermSheetLines lays the loan out as boxes whose labels sit above their
// values, in two columns.
func (l Loan) TermSheetLines() []Line {
	cells := [][2]string{
		{"Borrower Name", l.Borrower},
		{"Lender", l.Lender},
		{"Loan Number", l.LoanID},
		{"Issue Date", l.Issued.Format("2006-01-02")},
		{"Principal Amount", "USD " + strings.TrimPrefix(Money(l.AmountCents), "$")},
		{"Note Rate", pct(l.RatePct)},
		{"APR", pct(l.APRPct)},
		{"Term", fmt.Sprintf("%d months", l.TermMonths)},
		{"Monthly Payment", Money(l.PaymentCents())},
		{"Total Closing Costs", Money(l.ClosingCents)},
		{"Property Address", l.Street + ", " + l.City},
	}
	lines := []Line{{X: 72, Y: 50, Size: 16, Text: "Term Sheet"}}
	for i, c := range cells {
		x := 72.0
		if i%2 == 1 {
			x = 330
		}
		y := 90 + float64(i/2)*40
		lines = append(lines, Line{X: x, Y: y, Size: 8, Text: c[0]}, Line{X: x, Y: y + 12, Size: 11, Text: c[1]})
	}
	return lines
}

func wrap(s string, width int) []string {
	var out []string
	var cur string
	for _, w := range strings.Fields(s) {
		if len(cur)+len(w)+1 > width && cur != "" {
			out = append(out, cur)
			cur = ""
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// SampleLoans are varied loans: lenders, names, amounts and terms.
func SampleLoans() []Loan {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	return []Loan{
		{
			LoanID: "LN-2026-004417", Borrower: "Maria T. Gonzalez", CoBorrower: "Luis Gonzalez", Lender: "Harbor Point Mortgage",
			AmountCents: 25000000, RatePct: 6.875, APRPct: 7.012, TermMonths: 360, ClosingCents: 805400,
			Issued: d(2026, 3, 14), Street: "123 Main St", City: "Springfield, IL 62704",
		},
		{
			LoanID: "88120457", Borrower: "James Whitfield", Lender: "Cedar Valley Bank",
			AmountCents: 31250000, RatePct: 6.125, APRPct: 6.318, TermMonths: 360, ClosingCents: 1123050,
			Issued: d(2026, 9, 2), Street: "47 Orchard Lane", City: "Dayton, OH 45402",
		},
		{
			LoanID: "HL-77341", Borrower: "Priya Raman", CoBorrower: "Arun Raman", Lender: "Northgate Credit Union",
			AmountCents: 18900000, RatePct: 5.75, APRPct: 5.901, TermMonths: 180, ClosingCents: 642000,
			Issued: d(2025, 12, 1), Street: "9 Lakeview Terrace", City: "Madison, WI 53703",
		},
	}
}

// JSONMap is v as its JSON object: Fields in the contract's shape.
func JSONMap(tb testing.TB, v any) map[string]any {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		tb.Fatal(err)
	}
	return m
}
