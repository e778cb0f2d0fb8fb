package export

import (
	"strings"

	"loanbatch/pipeline"
)

// loansPerTable is how many loans sit side by side before the comparison
// continues in another table under the first.
const loansPerTable = 4

// pdfComparisonRows are the comparison's rows as the report prints them.
var pdfComparisonRows = []struct {
	label  string
	metric string // a pipeline.Metric* when the row has a best value
	value  func(l pipeline.LoanColumn) string
}{
	{"Lender", "", func(l pipeline.LoanColumn) string { return l.Fields.LenderName }},
	{"Borrower", "", func(l pipeline.LoanColumn) string { return l.Fields.BorrowerName }},
	{"Property", "", func(l pipeline.LoanColumn) string { return l.Fields.PropertyAddress }},
	{"Loan amount", "", func(l pipeline.LoanColumn) string {
		return formatField(pipeline.FieldLoanAmount, l.Fields.LoanAmountCents)
	}},
	{"Interest rate", "", func(l pipeline.LoanColumn) string {
		return formatField(pipeline.FieldInterestRate, l.Fields.InterestRatePct)
	}},
	{"APR", pipeline.MetricAPR, func(l pipeline.LoanColumn) string { return formatField(pipeline.FieldAPR, l.Fields.APRPct) }},
	{"Term", "", func(l pipeline.LoanColumn) string { return formatField(pipeline.FieldTerm, int64(l.Fields.TermMonths)) }},
	{"Monthly P&I", "", func(l pipeline.LoanColumn) string {
		return formatField(pipeline.FieldMonthlyPayment, l.Fields.MonthlyPaymentCents)
	}},
	{"Closing costs", pipeline.MetricClosingCosts, func(l pipeline.LoanColumn) string {
		return formatField(pipeline.FieldClosingCosts, l.Fields.ClosingCostsCents)
	}},
	{"Cost over 5 years (P&I × 60 + closing costs)", pipeline.MetricFiveYearCost, func(l pipeline.LoanColumn) string {
		return pipeline.Dollars(l.FiveYearCostCents)
	}},
	{"Total interest over the term", "", func(l pipeline.LoanColumn) string {
		return pipeline.Dollars(l.TotalInterestCents)
	}},
	{"Documents", "", func(l pipeline.LoanColumn) string { return strings.Join(l.Documents, ", ") }},
}

// formatField prints a figure as the window does, and nothing when it is
// missing (zero).
func formatField[T int64 | float64](field string, v T) string {
	return pipeline.FormatValue(field, nonZero(v))
}

// bestMark follows the best (lowest) value of a row, in words, so that it
// survives printing in black and white.
const bestMark = " (best)"

// comparison sets the job's loans side by side, best values marked, and
// lists what changed from each Loan Estimate to its Closing Disclosure.
func (r *report) comparison() {
	c := pipeline.Compare(r.sum)
	r.heading("Loan comparison")
	if len(c.Loans) == 0 {
		r.paragraph("No document gave loan figures to compare.", false, bodySize+0.5, 0)
	}
	for start := 0; start < len(c.Loans); start += loansPerTable {
		loans := c.Loans[start:min(start+loansPerTable, len(c.Loans))]
		cols := []tableCol{{head: "Loan", width: 46, lines: 3}}
		for _, l := range loans {
			cols = append(cols, tableCol{head: l.Key, width: min(70, 140/float64(len(loans))), lines: 4})
		}
		var rows []tableRow
		for _, row := range pdfComparisonRows {
			cells := []string{row.label}
			for _, l := range loans {
				v := row.value(l)
				if v != "" && row.metric != "" && len(c.Loans) > 1 && c.Best[row.metric] == l.Key {
					v += bestMark
				}
				cells = append(cells, v)
			}
			rows = append(rows, tableRow{cells: cells})
		}
		r.table(cols, rows)
	}
	if len(c.Loans) > 1 {
		r.paragraph("(best) marks the lowest APR, closing costs and cost over 5 years among these loans.", false, bodySize, 0)
	}

	r.heading("Changes from Loan Estimate to Closing Disclosure")
	if len(c.Changes) == 0 {
		r.paragraph("No loan has both a Loan Estimate and a Closing Disclosure with figures that differ.", false, bodySize+0.5, 0)
		return
	}
	rows := make([]tableRow, 0, len(c.Changes))
	flagged := 0
	for _, ch := range c.Changes {
		check := "within tolerance"
		if ch.Flagged {
			check = "FLAGGED: beyond tolerance"
			flagged++
		}
		rows = append(rows, tableRow{cells: []string{
			ch.LoanID, fieldLabel(ch.Field), pipeline.FormatValue(ch.Field, ch.Estimate),
			pipeline.FormatValue(ch.Field, ch.Final), check, ch.Note,
		}, bold: ch.Flagged})
	}
	r.table([]tableCol{
		{head: "Loan", width: 28, lines: 2},
		{head: "Field", width: 24, lines: 2},
		{head: "Loan Estimate", width: 26, lines: 3},
		{head: "Closing Disclosure", width: 26, lines: 3},
		{head: "Check", width: 30, lines: 2},
		{head: "Note", width: 52, lines: 4},
	}, rows)
	if flagged > 0 {
		r.paragraph("FLAGGED rows are in bold: APR up by more than 0.125 percentage points, or closing costs up by more than 10 %.",
			false, bodySize, 0)
	}
}
