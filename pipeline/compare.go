package pipeline

import (
	"math"
	"sort"
)

// Comparison sets the loans of a job side by side: documents grouped by
// loan ID (a Loan Estimate and its Closing Disclosure, the pages of one
// loan), each loan's figures with derived costs, the best value of each
// comparable row, and what changed from a loan's Loan Estimate to its
// Closing Disclosure.
type Comparison struct {
	Loans   []LoanColumn      `json:"loans"`
	Best    map[string]string `json:"best"` // metric → key of the loan with the best value
	Changes []Change          `json:"changes"`
}

// LoanColumn is one loan in a comparison.
type LoanColumn struct {
	Key       string   `json:"key"` // the loan ID, or the file name of a document without one
	LoanID    string   `json:"loan_id,omitempty"`
	Documents []string `json:"documents"`
	// Fields merge the loan's documents: a Closing Disclosure's final
	// figures over a Loan Estimate's (or a letter's), the first document's
	// otherwise; the loan file's other forms (application, underwriting
	// summary, Note, statement) only fill in what those lack.
	Fields Fields `json:"fields"`
	// FiveYearCostCents is P&I × 60 + closing costs; TotalInterestCents
	// is P&I × term − amount. Zero when a figure is missing.
	FiveYearCostCents  int64 `json:"five_year_cost_cents,omitempty"`
	TotalInterestCents int64 `json:"total_interest_cents,omitempty"`
}

// Change is a field that differs between a loan's Loan Estimate and its
// Closing Disclosure. Flagged changes exceed the usual tolerances: APR up
// by more than 0.125 percentage points, closing costs up by more than 10 %.
type Change struct {
	LoanID   string `json:"loan_id"`
	Field    string `json:"field"`
	Estimate any    `json:"estimate"`
	Final    any    `json:"final"`
	Flagged  bool   `json:"flagged"`
	Note     string `json:"note,omitempty"`
}

// Metrics compared for a best value, lowest first.
const (
	MetricAPR          = FieldAPR
	MetricClosingCosts = FieldClosingCosts
	MetricFiveYearCost = "five_year_cost_cents"
)

// Compare builds the comparison of a job's successful documents.
func Compare(sum *Summary) *Comparison {
	c := &Comparison{Best: map[string]string{}, Changes: []Change{}, Loans: []LoanColumn{}}
	type group struct {
		col      LoanColumn
		estimate Fields
		final    Fields
		file     Fields // the loan file's other forms: application, 1008, Note, statement
		hasLE    bool
		hasCD    bool
	}
	var order []string
	groups := map[string]*group{}
	for _, r := range sum.Results {
		if r.Status != DocSuccess || r.Fields.Count() == 0 {
			continue
		}
		key := r.Fields.LoanID
		if key == "" {
			key = r.FileName
		}
		g, ok := groups[key]
		if !ok {
			g = &group{col: LoanColumn{Key: key, LoanID: r.Fields.LoanID}}
			groups[key] = g
			order = append(order, key)
		}
		g.col.Documents = append(g.col.Documents, r.FileName)
		switch r.DocumentType {
		case TypeClosingDisclosure:
			g.final = mergeFields(g.final, r.Fields)
			g.hasCD = true
		case TypeLoanEstimate:
			g.estimate = mergeFields(g.estimate, r.Fields)
			g.hasLE = true
		case TypeLoanApplication, TypeUnderwritingSummary, TypePromissoryNote, TypeMortgageStatement:
			// They fill in what the disclosures lack but are not an offer's
			// figures: a statement's are the servicer's, after closing.
			g.file = mergeFields(g.file, r.Fields)
		default:
			g.estimate = mergeFields(g.estimate, r.Fields)
		}
	}
	for _, key := range order {
		g := groups[key]
		g.col.Fields = mergeFields(mergeFields(g.final, g.estimate), g.file)
		f := g.col.Fields
		if f.MonthlyPaymentCents > 0 && f.ClosingCostsCents > 0 {
			g.col.FiveYearCostCents = f.MonthlyPaymentCents*60 + f.ClosingCostsCents
		}
		if f.MonthlyPaymentCents > 0 && f.TermMonths > 0 && f.LoanAmountCents > 0 {
			g.col.TotalInterestCents = f.MonthlyPaymentCents*int64(f.TermMonths) - f.LoanAmountCents
		}
		c.Loans = append(c.Loans, g.col)
		if g.hasLE && g.hasCD {
			c.Changes = append(c.Changes, changes(key, g.estimate, g.final)...)
		}
	}
	if len(c.Loans) > 1 {
		best := func(metric string, value func(LoanColumn) float64) {
			bestKey, bestVal := "", math.Inf(1)
			for _, l := range c.Loans {
				if v := value(l); v > 0 && v < bestVal {
					bestKey, bestVal = l.Key, v
				}
			}
			if bestKey != "" {
				c.Best[metric] = bestKey
			}
		}
		best(MetricAPR, func(l LoanColumn) float64 { return l.Fields.APRPct })
		best(MetricClosingCosts, func(l LoanColumn) float64 { return float64(l.Fields.ClosingCostsCents) })
		best(MetricFiveYearCost, func(l LoanColumn) float64 { return float64(l.FiveYearCostCents) })
	}
	return c
}

// mergeFields fills a's missing fields from b.
func mergeFields(a, b Fields) Fields {
	pick := func(x, y string) string {
		if x != "" {
			return x
		}
		return y
	}
	pickI := func(x, y int64) int64 {
		if x != 0 {
			return x
		}
		return y
	}
	pickF := func(x, y float64) float64 {
		if x != 0 {
			return x
		}
		return y
	}
	return Fields{
		LoanID: pick(a.LoanID, b.LoanID), BorrowerName: pick(a.BorrowerName, b.BorrowerName),
		LenderName: pick(a.LenderName, b.LenderName), LoanAmountCents: pickI(a.LoanAmountCents, b.LoanAmountCents),
		InterestRatePct: pickF(a.InterestRatePct, b.InterestRatePct), APRPct: pickF(a.APRPct, b.APRPct),
		TermMonths:          int(pickI(int64(a.TermMonths), int64(b.TermMonths))),
		MonthlyPaymentCents: pickI(a.MonthlyPaymentCents, b.MonthlyPaymentCents),
		ClosingCostsCents:   pickI(a.ClosingCostsCents, b.ClosingCostsCents),
		IssueDate:           pick(a.IssueDate, b.IssueDate), PropertyAddress: pick(a.PropertyAddress, b.PropertyAddress),
	}
}

// changes lists the figures that differ between an estimate and the final.
func changes(loanID string, le, cd Fields) []Change {
	var out []Change
	add := func(field string, a, b any, flagged bool, note string) {
		out = append(out, Change{LoanID: loanID, Field: field, Estimate: a, Final: b, Flagged: flagged, Note: note})
	}
	if le.APRPct != 0 && cd.APRPct != 0 && math.Abs(le.APRPct-cd.APRPct) >= 0.0005 {
		up := cd.APRPct - le.APRPct
		add(FieldAPR, le.APRPct, cd.APRPct, up > 0.125+1e-9, map[bool]string{true: "APR rose by more than 0.125 percentage points"}[up > 0.125+1e-9])
	}
	if le.ClosingCostsCents != 0 && cd.ClosingCostsCents != 0 && le.ClosingCostsCents != cd.ClosingCostsCents {
		over := float64(cd.ClosingCostsCents) > float64(le.ClosingCostsCents)*1.10
		add(FieldClosingCosts, le.ClosingCostsCents, cd.ClosingCostsCents, over,
			map[bool]string{true: "closing costs rose by more than 10 %"}[over])
	}
	for _, f := range []struct {
		name string
		a, b any
		diff bool
	}{
		{FieldLoanAmount, le.LoanAmountCents, cd.LoanAmountCents, le.LoanAmountCents != 0 && cd.LoanAmountCents != 0 && le.LoanAmountCents != cd.LoanAmountCents},
		{FieldInterestRate, le.InterestRatePct, cd.InterestRatePct, le.InterestRatePct != 0 && cd.InterestRatePct != 0 && math.Abs(le.InterestRatePct-cd.InterestRatePct) >= 0.0005},
		{FieldTerm, le.TermMonths, cd.TermMonths, le.TermMonths != 0 && cd.TermMonths != 0 && le.TermMonths != cd.TermMonths},
		{FieldMonthlyPayment, le.MonthlyPaymentCents, cd.MonthlyPaymentCents, le.MonthlyPaymentCents != 0 && cd.MonthlyPaymentCents != 0 && le.MonthlyPaymentCents != cd.MonthlyPaymentCents},
	} {
		if f.diff {
			add(f.name, f.a, f.b, false, "")
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Flagged && !out[j].Flagged })
	return out
}
