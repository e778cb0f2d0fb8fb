package export

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/xuri/excelize/v2"

	"loanbatch/pipeline"
)

// column is one column of the Documents sheet: its header, width, cell
// style and value.
type column struct {
	header string
	width  float64
	style  string // "", "money", "percent", "date", "int", "seconds"
	value  func(i int, r pipeline.Result) any
}

func money(c int64) any {
	if c == 0 {
		return nil
	}
	return float64(c) / 100
}

// percent is a rate as a fraction for a percent-formatted cell, rounded
// to the rate's four decimals so that 7.15 is stored as 0.0715, not
// 0.07150000000000001.
func percent(p float64) any {
	if p == 0 {
		return nil
	}
	return math.Round(p*1e4) / 1e6
}

func isoDate(s string) any {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return nil
	}
	return t
}

var documentColumns = []column{
	{"#", 5, "int", func(i int, _ pipeline.Result) any { return i + 1 }},
	{"File", 34, "", func(_ int, r pipeline.Result) any { return r.FileName }},
	{"Status", 10, "", func(_ int, r pipeline.Result) any { return r.Status.Label() }},
	{"Document type", 18, "", func(_ int, r pipeline.Result) any { return r.DocumentType.Label() }},
	{"Loan ID", 16, "", func(_ int, r pipeline.Result) any { return r.Fields.LoanID }},
	{"Borrower", 22, "", func(_ int, r pipeline.Result) any { return r.Fields.BorrowerName }},
	{"Lender", 22, "", func(_ int, r pipeline.Result) any { return r.Fields.LenderName }},
	{"Loan amount", 15, "money", func(_ int, r pipeline.Result) any { return money(r.Fields.LoanAmountCents) }},
	{"Interest rate", 12, "percent", func(_ int, r pipeline.Result) any { return percent(r.Fields.InterestRatePct) }},
	{"APR", 10, "percent", func(_ int, r pipeline.Result) any { return percent(r.Fields.APRPct) }},
	{"Term (months)", 13, "int", func(_ int, r pipeline.Result) any {
		if r.Fields.TermMonths == 0 {
			return nil
		}
		return r.Fields.TermMonths
	}},
	{"Monthly P&I", 14, "money", func(_ int, r pipeline.Result) any { return money(r.Fields.MonthlyPaymentCents) }},
	{"Closing costs", 14, "money", func(_ int, r pipeline.Result) any { return money(r.Fields.ClosingCostsCents) }},
	{"Issue date", 12, "date", func(_ int, r pipeline.Result) any { return isoDate(r.Fields.IssueDate) }},
	{"Property address", 36, "", func(_ int, r pipeline.Result) any { return r.Fields.PropertyAddress }},
	{"Pages", 7, "int", func(_ int, r pipeline.Result) any { return r.Pages }},
	{"Text source", 16, "", func(_ int, r pipeline.Result) any { return r.TextSource.Label() }},
	{"Time (s)", 9, "seconds", func(_ int, r pipeline.Result) any { return r.ProcessingTime }},
	{"Error type", 17, "", func(_ int, r pipeline.Result) any { return r.ErrorType.Label() }},
	{"Error", 50, "", func(_ int, r pipeline.Result) any { return r.ErrorMessage }},
	{"Needs review", 13, "", func(_ int, r pipeline.Result) any { return yesOrEmpty(needsReview(r)) }},
	{"Review reasons", 50, "", func(_ int, r pipeline.Result) any { return reviewReasons(r) }},
	{"Reviewed by", 26, "", func(_ int, r pipeline.Result) any { return reviewedBy(r) }},
	{"Corrected", 40, "", func(_ int, r pipeline.Result) any { return correctedText(r) }},
	{"Duplicate of", 30, "", func(_ int, r pipeline.Result) any { return duplicateOf(r) }},
	{"Processed at", 17, "time", func(_ int, r pipeline.Result) any { return localTime(r.Timestamp) }},
	{"SHA-256", 20, "", func(_ int, r pipeline.Result) any { return r.SHA256 }},
	{"Document ID", 20, "", func(_ int, r pipeline.Result) any { return r.DocumentID }},
}

func yesOrEmpty(b bool) string {
	if b {
		return "Yes"
	}
	return ""
}

// localTime is t as the reader's clock showed it: a spreadsheet's times
// have no zone, and excelize writes a time's UTC instant. Zero gives nil.
func localTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	l := t.Local()
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC)
}

// zoneName is the reader's time zone at t, for the time columns' headers.
func zoneName(t time.Time) string {
	name, _ := t.Local().Zone()
	return name
}

func writeXLSX(w io.Writer, sum *pipeline.Summary) error {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	if err := writeSummarySheet(f, sum, styles); err != nil {
		return fmt.Errorf("export xlsx: summary: %w", err)
	}
	if err := writeDocumentsSheet(f, sum, styles); err != nil {
		return fmt.Errorf("export xlsx: documents: %w", err)
	}
	if err := writeComparisonSheets(f, pipeline.Compare(sum), styles); err != nil {
		return fmt.Errorf("export xlsx: comparison: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

func newStyles(f *excelize.File) (map[string]int, error) {
	custom := func(s string) *string { return &s }
	defs := map[string]*excelize.Style{
		"header":  {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F0"}}},
		"money":   {CustomNumFmt: custom(`"$"#,##0.00`)},
		"percent": {CustomNumFmt: custom(`0.000%`)},
		"date":    {CustomNumFmt: custom(`yyyy-mm-dd`)},
		"time":    {CustomNumFmt: custom(`yyyy-mm-dd hh:mm`)},
		"int":     {NumFmt: 1},
		"seconds": {CustomNumFmt: custom(`0.00`)},
		"label":   {Font: &excelize.Font{Bold: true}},
		"flag":    {Font: &excelize.Font{Bold: true, Color: "B42318"}},
	}
	best := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C6EFCE"}}
	for _, name := range []string{"money", "percent"} {
		b := *defs[name]
		b.Fill, b.Font = best, &excelize.Font{Bold: true, Color: "006100"}
		defs[name+"-best"] = &b
	}
	out := map[string]int{}
	for name, s := range defs {
		id, err := f.NewStyle(s)
		if err != nil {
			return nil, err
		}
		out[name] = id
	}
	return out, nil
}

func writeSummarySheet(f *excelize.File, sum *pipeline.Summary, styles map[string]int) error {
	const sheet = "Summary"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	rows := []struct {
		label string
		value any
		style string
	}{
		{"Job ID", sum.JobID, ""},
		{"Status", sum.Status.Label(), ""},
		{"Total documents", sum.TotalDocuments, "int"},
		{"Processed", sum.ProcessedDocuments, "int"},
		{"Successful", sum.SuccessfulDocuments, "int"},
		{"Failed", sum.FailedDocuments, "int"},
		{"Skipped", sum.SkippedDocuments, "int"},
		{"Needs review", countNeedsReview(sum), "int"},
		{"Started (" + zoneName(sum.StartTime) + ")", localTime(sum.StartTime), "time"},
		{"Finished (" + zoneName(sum.EndTime) + ")", localTime(sum.EndTime), "time"},
		{"Total processing time (s)", sum.TotalProcessingTime, "seconds"},
		{"Title", pipeline.SummaryTitle(sum), ""},
	}
	for i, r := range rows {
		a, _ := excelize.CoordinatesToCellName(1, i+1)
		b, _ := excelize.CoordinatesToCellName(2, i+1)
		if err := f.SetCellValue(sheet, a, r.label); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, a, a, styles["label"]); err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, b, r.value); err != nil {
			return err
		}
		if r.style != "" {
			if err := f.SetCellStyle(sheet, b, b, styles[r.style]); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(sheet, "A", "A", 26); err != nil {
		return err
	}
	return f.SetColWidth(sheet, "B", "B", 40)
}

func writeDocumentsSheet(f *excelize.File, sum *pipeline.Summary, styles map[string]int) error {
	const sheet = "Documents"
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	for c, col := range documentColumns {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		if err := f.SetCellStr(sheet, cell, col.header); err != nil {
			return err
		}
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, name, name, col.width); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(documentColumns), 1)
	if err := f.SetCellStyle(sheet, "A1", last, styles["header"]); err != nil {
		return err
	}
	for i, r := range sum.Results {
		for c, col := range documentColumns {
			cell, _ := excelize.CoordinatesToCellName(c+1, i+2)
			v := col.value(i, r)
			if v == nil {
				continue
			}
			if s, ok := v.(string); ok {
				if s == "" {
					continue
				}
				// Untrusted text is stored as text, never as a formula.
				if err := f.SetCellStr(sheet, cell, s); err != nil {
					return err
				}
				continue
			}
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				return err
			}
			if col.style != "" {
				if err := f.SetCellStyle(sheet, cell, cell, styles[col.style]); err != nil {
					return err
				}
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(len(documentColumns), len(sum.Results)+1)
	return f.AutoFilter(sheet, "A1:"+end, nil)
}
