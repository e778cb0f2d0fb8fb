package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
)

// compareRow is one row of the comparison: a label, a value per loan and
// the metric whose best value it marks.
type compareRow struct {
	label  string
	metric string
	value  func(l pipeline.LoanColumn) string
}

var compareRows = []compareRow{
	{"Lender", "", func(l pipeline.LoanColumn) string { return l.Fields.LenderName }},
	{"Borrower", "", func(l pipeline.LoanColumn) string { return l.Fields.BorrowerName }},
	{"Loan amount", "", func(l pipeline.LoanColumn) string { return formatMoney(l.Fields.LoanAmountCents) }},
	{"Interest rate", "", func(l pipeline.LoanColumn) string { return formatRate(l.Fields.InterestRatePct) }},
	{"APR", pipeline.MetricAPR, func(l pipeline.LoanColumn) string { return formatRate(l.Fields.APRPct) }},
	{"Term", "", func(l pipeline.LoanColumn) string {
		return pipeline.FormatValue(pipeline.FieldTerm, l.Fields.Get(pipeline.FieldTerm))
	}},
	{"Monthly P&I", "", func(l pipeline.LoanColumn) string { return formatMoney(l.Fields.MonthlyPaymentCents) }},
	{"Closing costs", pipeline.MetricClosingCosts, func(l pipeline.LoanColumn) string { return formatMoney(l.Fields.ClosingCostsCents) }},
	{"Cost over 5 years", pipeline.MetricFiveYearCost, func(l pipeline.LoanColumn) string { return formatMoney(l.FiveYearCostCents) }},
	{"Total interest", "", func(l pipeline.LoanColumn) string { return formatMoney(l.TotalInterestCents) }},
	{"Documents", "", func(l pipeline.LoanColumn) string { return strings.Join(l.Documents, ", ") }},
}

// compareView shows the loans of the job on screen side by side, the best
// value of each comparable row marked, and what changed from a loan's
// Loan Estimate to its Closing Disclosure.
type compareView struct {
	cmp     *pipeline.Comparison
	table   *widget.Table
	changes *fyne.Container
	empty   *widget.Label
	heading *widget.Label // the job compared: a job still running shows the one before
	content fyne.CanvasObject
}

func (c *compareView) build() fyne.CanvasObject {
	c.cmp = &pipeline.Comparison{}
	c.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(compareRows), len(c.cmp.Loans) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(compareRows) || id.Col >= len(c.cmp.Loans) {
				return
			}
			row, loan := compareRows[id.Row], c.cmp.Loans[id.Col]
			text := row.value(loan)
			l.Importance, l.TextStyle.Bold = widget.MediumImportance, false
			if row.metric != "" && c.cmp.Best[row.metric] == loan.Key && text != "" {
				text += "  ★ best"
				l.Importance, l.TextStyle.Bold = widget.SuccessImportance, true
			}
			l.SetText(text)
		})
	c.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	c.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Row < 0 && id.Col >= 0 && id.Col < len(c.cmp.Loans):
			l.SetText("Loan " + c.cmp.Loans[id.Col].Key)
		case id.Col < 0 && id.Row >= 0 && id.Row < len(compareRows):
			l.SetText(compareRows[id.Row].label)
		default:
			l.SetText("")
		}
	}
	c.table.SetColumnWidth(-1, 150)
	c.changes = container.NewVBox()
	c.empty = widget.NewLabel("Open or run a job to compare its loans.")
	c.heading = widget.NewLabel("")
	c.heading.TextStyle.Bold = true
	c.heading.Truncation = fyne.TextTruncateEllipsis
	c.content = container.NewBorder(c.heading, container.NewPadded(c.changes), nil, nil, container.NewStack(c.table, c.empty))
	return c.content
}

// load shows the comparison of a job; on the UI goroutine.
func (c *compareView) load(sum *pipeline.Summary) {
	if c.table == nil || sum == nil {
		return
	}
	c.cmp = pipeline.Compare(sum)
	c.heading.SetText(compareHeading(sum, len(c.cmp.Loans)))
	for i := range c.cmp.Loans {
		c.table.SetColumnWidth(i, 230)
	}
	c.empty.Hidden = len(c.cmp.Loans) > 0
	if len(c.cmp.Loans) == 0 {
		c.empty.SetText("No loan fields were found in this job.")
	}
	c.table.Refresh()
	c.changes.Objects = nil
	if len(c.cmp.Changes) > 0 {
		title := widget.NewLabel("Loan Estimate → Closing Disclosure")
		title.TextStyle.Bold = true
		c.changes.Add(title)
	}
	for _, ch := range c.cmp.Changes {
		text := fmt.Sprintf("Loan %s · %s: %s → %s", ch.LoanID, fieldTitle(ch.Field),
			pipeline.FormatValue(ch.Field, ch.Estimate), pipeline.FormatValue(ch.Field, ch.Final))
		l := widget.NewLabel(text)
		if ch.Flagged {
			l.SetText("⚠ " + text + " — " + ch.Note)
			l.Importance = widget.DangerImportance
		}
		c.changes.Add(l)
	}
	c.changes.Refresh()
}

// compareHeading names the job compared: "Job 18e82527 · 8 documents ·
// 5 loans · 2026-12-02 08:14".
func compareHeading(sum *pipeline.Summary, loans int) string {
	plural := func(n int, one string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	h := fmt.Sprintf("Job %s · %s · %s", pipeline.ShortID(sum.JobID), plural(len(sum.Results), "document"), plural(loans, "loan"))
	if !sum.StartTime.IsZero() {
		h += " · " + sum.StartTime.Local().Format("2006-01-02 15:04")
	}
	return h
}

// fieldTitle is a field's label inside a sentence: "monthly P&I",
// "closing costs", but "APR".
func fieldTitle(field string) string {
	label := pipeline.FieldLabel(field)
	first, _, _ := strings.Cut(label, " ")
	if strings.ToUpper(first) == first {
		return label
	}
	return strings.ToLower(label[:1]) + label[1:]
}
