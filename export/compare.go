package export

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"loanbatch/pipeline"
)

// comparisonRow is one row of the Comparison sheet.
type comparisonRow struct {
	label  string
	style  string // "", "money", "percent", "int"
	metric string // a pipeline.Metric* when the row has a best value
	value  func(l pipeline.LoanColumn) any
}

var comparisonRows = []comparisonRow{
	{"Lender", "", "", func(l pipeline.LoanColumn) any { return l.Fields.LenderName }},
	{"Borrower", "", "", func(l pipeline.LoanColumn) any { return l.Fields.BorrowerName }},
	{"Loan amount", "money", "", func(l pipeline.LoanColumn) any { return money(l.Fields.LoanAmountCents) }},
	{"Interest rate", "percent", "", func(l pipeline.LoanColumn) any { return percent(l.Fields.InterestRatePct) }},
	{"APR", "percent", pipeline.MetricAPR, func(l pipeline.LoanColumn) any { return percent(l.Fields.APRPct) }},
	{"Term (months)", "int", "", func(l pipeline.LoanColumn) any {
		if l.Fields.TermMonths == 0 {
			return nil
		}
		return l.Fields.TermMonths
	}},
	{"Monthly P&I", "money", "", func(l pipeline.LoanColumn) any { return money(l.Fields.MonthlyPaymentCents) }},
	{"Closing costs", "money", pipeline.MetricClosingCosts, func(l pipeline.LoanColumn) any { return money(l.Fields.ClosingCostsCents) }},
	{"Cost over 5 years (P&I × 60 + closing costs)", "money", pipeline.MetricFiveYearCost, func(l pipeline.LoanColumn) any { return money(l.FiveYearCostCents) }},
	{"Total interest over the term", "money", "", func(l pipeline.LoanColumn) any { return money(l.TotalInterestCents) }},
	{"Documents", "", "", func(l pipeline.LoanColumn) any { return strings.Join(l.Documents, ", ") }},
}

// writeComparisonSheets adds the Comparison and Changes sheets.
func writeComparisonSheets(f *excelize.File, c *pipeline.Comparison, styles map[string]int) error {
	const sheet = "Comparison"
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	set := func(sheet string, col, row int, v any, style string) error {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if v == nil {
			return nil
		}
		if s, ok := v.(string); ok {
			if err := f.SetCellStr(sheet, cell, s); err != nil {
				return err
			}
		} else if err := f.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
		if style != "" {
			return f.SetCellStyle(sheet, cell, cell, styles[style])
		}
		return nil
	}
	if err := set(sheet, 1, 1, "Loan", "header"); err != nil {
		return err
	}
	for i, l := range c.Loans {
		if err := set(sheet, i+2, 1, l.Key, "header"); err != nil {
			return err
		}
		name, _ := excelize.ColumnNumberToName(i + 2)
		if err := f.SetColWidth(sheet, name, name, 24); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sheet, "A", "A", 44); err != nil {
		return err
	}
	for r, row := range comparisonRows {
		if err := set(sheet, 1, r+2, row.label, "label"); err != nil {
			return err
		}
		for i, l := range c.Loans {
			style := row.style
			if row.metric != "" && c.Best[row.metric] == l.Key {
				style += "-best" // the best value of the row, highlighted
			}
			if err := set(sheet, i+2, r+2, row.value(l), style); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}

	const changes = "Changes"
	if _, err := f.NewSheet(changes); err != nil {
		return err
	}
	for i, h := range []string{"Loan", "Field", "Loan Estimate", "Closing Disclosure", "Beyond tolerance", "Note"} {
		if err := set(changes, i+1, 1, h, "header"); err != nil {
			return err
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(changes, name, name, []float64{16, 24, 18, 18, 16, 44}[i]); err != nil {
			return err
		}
	}
	for r, ch := range c.Changes {
		style, le, cd := changeValues(ch)
		flag := "no"
		if ch.Flagged {
			flag = "YES"
		}
		for i, v := range []any{ch.LoanID, fieldLabel(ch.Field), le, cd, flag, ch.Note} {
			st := ""
			if i == 2 || i == 3 {
				st = style
			}
			if ch.Flagged && i == 4 {
				st = "flag"
			}
			if err := set(changes, i+1, r+2, v, st); err != nil {
				return err
			}
		}
	}
	return nil
}

// changeValues converts a change's values to typed cells.
func changeValues(ch pipeline.Change) (style string, le, cd any) {
	num := pipeline.Number
	spec, _ := pipeline.FieldSpecOf(ch.Field)
	switch spec.Kind {
	case pipeline.ValueMoney:
		return "money", num(ch.Estimate) / 100, num(ch.Final) / 100
	case pipeline.ValueRate:
		return "percent", num(ch.Estimate) / 100, num(ch.Final) / 100
	}
	return "int", num(ch.Estimate), num(ch.Final)
}

// fieldLabel is a field's label in the spreadsheet, with the unit of a
// term.
func fieldLabel(field string) string {
	if field == pipeline.FieldTerm {
		return pipeline.FieldLabel(field) + " (months)"
	}
	return pipeline.FieldLabel(field)
}

// correctedText lists a result's corrections, with the extracted values.
func correctedText(r pipeline.Result) string {
	var parts []string
	for _, c := range r.Corrections {
		was := pipeline.FormatValue(c.Field, c.Extracted)
		if was == "" {
			was = "nothing"
		}
		parts = append(parts, fmt.Sprintf("%s (extracted %s, by %s)", fieldLabel(c.Field), was, c.By))
	}
	return strings.Join(parts, "; ")
}
