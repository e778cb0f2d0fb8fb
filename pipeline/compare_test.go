package pipeline

import "testing"

func TestCompare(t *testing.T) {
	le := Fields{
		LoanID: "123456789", BorrowerName: "Michael Jones", LenderName: "Ficus Bank", LoanAmountCents: 16200000,
		InterestRatePct: 3.875, APRPct: 4.274, TermMonths: 360, MonthlyPaymentCents: 76178, ClosingCostsCents: 805400,
	}
	cd := Fields{
		LoanID: "123456789", LoanAmountCents: 16200000, InterestRatePct: 3.875, TermMonths: 360,
		MonthlyPaymentCents: 76178, ClosingCostsCents: 971210,
	}
	cdAPR := Fields{LoanID: "123456789", APRPct: 4.474}
	other := Fields{
		LoanID: "LN-2", LenderName: "Cedar Valley Bank", LoanAmountCents: 31250000, InterestRatePct: 6.125,
		APRPct: 6.318, TermMonths: 360, MonthlyPaymentCents: 189878, ClosingCostsCents: 700000,
	}
	sum := &Summary{Results: []Result{
		{FileName: "le.pdf", Status: DocSuccess, DocumentType: TypeLoanEstimate, Fields: le},
		{FileName: "cd-p1.png", Status: DocSuccess, DocumentType: TypeClosingDisclosure, Fields: cd},
		{FileName: "bad.gif", Status: DocFailed},
		{FileName: "other.pdf", Status: DocSuccess, DocumentType: TypeCommitmentLetter, Fields: other},
		{FileName: "cd-p5.png", Status: DocSuccess, DocumentType: TypeClosingDisclosure, Fields: cdAPR},
	}}
	c := Compare(sum)
	if len(c.Loans) != 2 || c.Loans[0].Key != "123456789" || len(c.Loans[0].Documents) != 3 {
		t.Fatalf("loans %+v", c.Loans)
	}
	a := c.Loans[0]
	if a.Fields.ClosingCostsCents != 971210 || a.Fields.APRPct != 4.474 || a.Fields.LenderName != "Ficus Bank" {
		t.Errorf("merged fields should take the final figures and fill from the estimate: %+v", a.Fields)
	}
	if a.FiveYearCostCents != 76178*60+971210 || a.TotalInterestCents != 76178*360-16200000 {
		t.Errorf("derived: 5-year %d, interest %d", a.FiveYearCostCents, a.TotalInterestCents)
	}
	want := map[string]string{MetricAPR: "123456789", MetricClosingCosts: "LN-2", MetricFiveYearCost: "123456789"}
	for m, k := range want {
		if c.Best[m] != k {
			t.Errorf("best %s = %q; want %q", m, c.Best[m], k)
		}
	}
	flagged := map[string]bool{}
	for _, ch := range c.Changes {
		if ch.Flagged {
			flagged[ch.Field] = true
		}
	}
	if len(c.Changes) != 2 || !flagged["apr_pct"] || !flagged["closing_costs_cents"] {
		t.Errorf("changes %+v", c.Changes)
	}
	// Within tolerance: APR up 0.1 pp, closing costs up 5 %: listed, not flagged.
	cd2 := cd
	cd2.ClosingCostsCents = 845670
	c2 := Compare(&Summary{Results: []Result{
		{FileName: "le.pdf", Status: DocSuccess, DocumentType: TypeLoanEstimate, Fields: le},
		{FileName: "cd.pdf", Status: DocSuccess, DocumentType: TypeClosingDisclosure, Fields: mergeFields(cd2, Fields{APRPct: 4.374})},
	}})
	for _, ch := range c2.Changes {
		if ch.Flagged {
			t.Errorf("%s flagged within tolerance: %v → %v", ch.Field, ch.Estimate, ch.Final)
		}
	}
	if len(c2.Changes) != 2 || len(c2.Best) != 0 {
		t.Errorf("changes %+v, best %v (one loan has no best)", c2.Changes, c2.Best)
	}
}

// The loan file's other forms fill in what the disclosures lack, never
// replace their figures, and are not part of the estimate-to-final changes.
func TestCompareLoanFileForms(t *testing.T) {
	le := Fields{LoanID: "L-1", LoanAmountCents: 28000000, InterestRatePct: 6.5, APRPct: 6.61, ClosingCostsCents: 805400}
	cd := Fields{LoanID: "L-1", LoanAmountCents: 28000000, InterestRatePct: 6.5, APRPct: 6.62, ClosingCostsCents: 812000}
	note := Fields{LoanID: "L-1", InterestRatePct: 6.75, APRPct: 0, BorrowerName: "Daniel R. Okafor", TermMonths: 360}
	statement := Fields{LoanID: "L-1", InterestRatePct: 6.5, LoanAmountCents: 0, PropertyAddress: "1427 Juniper Ridge Rd, Boise, ID 83702"}
	c := Compare(&Summary{Results: []Result{
		{FileName: "note.pdf", Status: DocSuccess, DocumentType: TypePromissoryNote, Fields: note},
		{FileName: "statement.pdf", Status: DocSuccess, DocumentType: TypeMortgageStatement, Fields: statement},
		{FileName: "le.pdf", Status: DocSuccess, DocumentType: TypeLoanEstimate, Fields: le},
		{FileName: "cd.pdf", Status: DocSuccess, DocumentType: TypeClosingDisclosure, Fields: cd},
	}})
	if len(c.Loans) != 1 || len(c.Loans[0].Documents) != 4 {
		t.Fatalf("loans %+v", c.Loans)
	}
	f := c.Loans[0].Fields
	if f.InterestRatePct != 6.5 || f.APRPct != 6.62 || f.BorrowerName != "Daniel R. Okafor" || f.TermMonths != 360 ||
		f.PropertyAddress != "1427 Juniper Ridge Rd, Boise, ID 83702" {
		t.Errorf("merged %+v: the disclosures' figures first, the other forms filling in", f)
	}
	for _, ch := range c.Changes {
		if ch.Field == FieldInterestRate {
			t.Errorf("a Note's rate counted as a change from the estimate: %+v", ch)
		}
	}
	if len(c.Changes) != 2 {
		t.Errorf("changes %+v; want APR and closing costs", c.Changes)
	}
}
