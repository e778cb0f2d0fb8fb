package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"loanbatch/export"
	"loanbatch/pipeline"
)

func sampleSummary() *pipeline.Summary {
	start := time.Date(2026, 11, 29, 10, 30, 0, 0, time.UTC)
	return &pipeline.Summary{
		JobID: "3f0c1a2b-0000-4000-8000-000000000001", Status: pipeline.JobCompletedWithErrors,
		TotalDocuments: 2, ProcessedDocuments: 2, SuccessfulDocuments: 1, FailedDocuments: 1,
		StartTime: start, EndTime: start.Add(7020 * time.Millisecond), TotalProcessingTime: 7.02,
		Results: []pipeline.Result{
			{
				FileName: "loan1.pdf", Status: pipeline.DocSuccess, DocumentID: "d1", SHA256: "ab", Pages: 3,
				TextSource: pipeline.SourceTextLayer, DocumentType: pipeline.TypeLoanEstimate, LoanID: "LN-2026-004417",
				Fields: pipeline.Fields{
					LoanID: "LN-2026-004417", BorrowerName: "Maria T. Gonzalez", LenderName: "Harbor Point Mortgage",
					LoanAmountCents: 25000000, InterestRatePct: 6.875, APRPct: 7.012, TermMonths: 360,
					MonthlyPaymentCents: 164232, ClosingCostsCents: 805400, IssueDate: "2026-03-14",
					PropertyAddress: "123 Main St, Springfield, IL 62704",
				},
				ProcessingTime: 1.84, Timestamp: start.Add(2 * time.Second),
			},
			{
				FileName: "=HYPERLINK(\"http://x\").pdf", Status: pipeline.DocFailed, DocumentID: "d2",
				ErrorType: pipeline.KindValidation, ErrorMessage: "GIF image is not a supported format: use PDF, JPEG, PNG or TIFF",
				Timestamp: start.Add(3 * time.Second),
			},
		},
	}
}

// inZone runs the rest of a test with the local time zone 5 hours behind
// UTC, so that local and UTC times differ.
func inZone(t *testing.T) {
	saved := time.Local
	time.Local = time.FixedZone("EST", -5*3600)
	t.Cleanup(func() { time.Local = saved })
}

// reviewedSummary adds to the sample a result that needs review and a
// duplicate a person reviewed (its reasons then no longer apply).
func reviewedSummary() *pipeline.Summary {
	sum := sampleSummary()
	sum.Results[0].NeedsReview = true
	sum.Results[0].ReviewReasons = []string{"APR below the note rate"}
	dup := sum.Results[0]
	dup.FileName, dup.DocumentID, dup.NeedsReview = "loan1 copy.pdf", "d3", false
	dup.ReviewReasons = []string{"a reason that no longer applies"}
	dup.Reviewed = &pipeline.Review{By: "ann", At: sum.StartTime.Add(time.Hour)}
	dup.DuplicateOf = &pipeline.DocRef{JobID: sum.JobID, DocumentID: "d1", FileName: "loan1.pdf"}
	sum.Results = append(sum.Results, dup)
	return sum
}

// column is the 0-based index of the named column in a header row.
func column(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %v", name, header)
	return -1
}

func TestXLSX(t *testing.T) {
	inZone(t)
	f, path := writeAndOpen(t, reviewedSummary())
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Summary", "Documents", "Comparison", "Changes"}) {
		t.Fatalf("sheets %v", got)
	}
	summary, _ := f.GetRows("Summary")
	got := map[string]string{}
	for _, row := range summary {
		if len(row) == 2 {
			got[row[0]] = row[1]
		}
	}
	for label, want := range map[string]string{
		"Job ID": sampleSummary().JobID, "Status": "Completed with errors", "Needs review": "1",
		"Started (EST)": "2026-11-29 05:30", "Finished (EST)": "2026-11-29 05:30",
		"Title": "Maria T. Gonzalez · LN-2026-004417 · 3 documents",
	} {
		if got[label] != want {
			t.Errorf("Summary %q = %q; want %q (rows %v)", label, got[label], want, summary)
		}
	}
	header, _ := f.GetRows("Documents")
	if len(header) != 4 || header[0][0] != "#" || header[0][7] != "Loan amount" {
		t.Fatalf("Documents rows %v", header)
	}
	// Words and local times for people; the CSV and JSON keep machine values.
	words := []struct {
		row          int
		column, want string
	}{
		{1, "Status", "Succeeded"},
		{1, "Document type", "Loan Estimate"},
		{1, "Text source", "PDF text layer"},
		{1, "Needs review", "Yes"},
		{1, "Review reasons", "APR below the note rate"},
		{1, "Processed at", "2026-11-29 05:30"},
		{2, "Status", "Failed"},
		{2, "Error type", "Validation error"},
		{2, "Review reasons", ""},
		{3, "Needs review", ""},
		{3, "Review reasons", ""}, // cleared once reviewed
		{3, "Reviewed by", "ann, 2026-11-29 06:30 EST"},
		{3, "Duplicate of", "loan1.pdf (job 3f0c1a2b)"},
	}
	for _, w := range words {
		row := header[w.row]
		c := column(t, header[0], w.column)
		if cell := append(row, make([]string, len(header[0]))...)[c]; cell != w.want {
			t.Errorf("row %d %s = %q; want %q", w.row, w.column, cell, w.want)
		}
	}
	at, _ := excelize.CoordinatesToCellName(column(t, header[0], "Processed at")+1, 2)
	if typ, _ := f.GetCellType("Documents", at); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("Processed at is text; want a date-time")
	}
	// Typed cells: numbers with formats, read raw and formatted.
	typed := []struct {
		cell, raw, shown string
	}{
		{"H2", "250000", "$250,000.00"},
		{"I2", "0.06875", "6.875%"},
		{"J2", "0.07012", "7.012%"},
		{"K2", "360", "360"},
		{"L2", "1642.32", "$1,642.32"},
		{"N2", "", "2026-03-14"},
	}
	for _, c := range typed {
		shown, _ := f.GetCellValue("Documents", c.cell)
		if shown != c.shown {
			t.Errorf("%s shows %q; want %q", c.cell, shown, c.shown)
		}
		typ, _ := f.GetCellType("Documents", c.cell)
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s is text; want a typed number or date", c.cell)
		}
		if c.raw != "" {
			raw, _ := f.GetCellValue("Documents", c.cell, excelize.Options{RawCellValue: true})
			if raw != c.raw {
				t.Errorf("%s raw %q; want %q", c.cell, raw, c.raw)
			}
		}
	}
	// An untrusted file name stays text, never a formula.
	if formula, _ := f.GetCellFormula("Documents", "B3"); formula != "" {
		t.Errorf("file name became a formula: %q", formula)
	}
	panes, err := f.GetPanes("Documents")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	style, _ := f.GetCellStyle("Documents", "A1")
	if s, err := f.GetStyle(style); err != nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("header not bold")
	}
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, []byte("autoFilter")) && !xlsxHasAutoFilter(t, f) {
		t.Errorf("no autofilter on the Documents sheet")
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("export mode %v; want 0644", st.Mode().Perm())
	}
}

func xlsxHasAutoFilter(t *testing.T, f *excelize.File) bool {
	names := f.GetDefinedName()
	for _, n := range names {
		if strings.Contains(n.Name, "FilterDatabase") {
			return true
		}
	}
	return false
}

func TestCSV(t *testing.T) {
	inZone(t) // the CSV's times stay UTC
	var b bytes.Buffer
	if err := export.Write(&b, sampleSummary(), export.CSV); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][7] != "loan_amount_cents" || rows[1][7] != "25000000" || rows[1][8] != "6.875" || rows[1][13] != "2026-03-14" {
		t.Errorf("csv rows %v", rows[:2])
	}
	if rows[1][2] != "success" || rows[1][3] != "loan_estimate" || rows[1][22] != "2026-11-29T10:30:02Z" {
		t.Errorf("csv machine values changed: %v", rows[1])
	}
	if !strings.HasPrefix(rows[2][1], "'=") {
		t.Errorf("formula-like file name not neutralised: %q", rows[2][1])
	}
	if rows[2][18] != "validation_error" {
		t.Errorf("error type %q", rows[2][18])
	}
}

func TestJSONMatchesContract(t *testing.T) {
	var b bytes.Buffer
	if err := export.Write(&b, sampleSummary(), export.JSON); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{
		"job_id", "status", "total_documents", "processed_documents", "successful_documents",
		"failed_documents", "skipped_documents", "start_time", "end_time", "total_processing_time", "results",
	} {
		if _, ok := m[k]; !ok {
			t.Errorf("summary JSON lacks %q", k)
		}
	}
	r := m["results"].([]any)[0].(map[string]any)
	for _, k := range []string{
		"file_name", "status", "document_id", "sha256", "pages", "text_source", "document_type",
		"loan_id", "fields", "error_type", "error_message", "processing_time", "timestamp",
	} {
		if _, ok := r[k]; !ok {
			t.Errorf("result JSON lacks %q", k)
		}
	}
	if r["start_time"] != nil || m["start_time"] != "2026-11-29T10:30:00Z" {
		t.Errorf("start_time = %v", m["start_time"])
	}
	fields := r["fields"].(map[string]any)
	if fields["loan_amount_cents"] != float64(25000000) || fields["term_months"] != float64(360) {
		t.Errorf("fields %v", fields)
	}
	failed := m["results"].([]any)[1].(map[string]any)
	if len(failed["fields"].(map[string]any)) != 0 {
		t.Errorf("a failed document has fields: %v", failed["fields"])
	}
}

func TestFormatOfAndSuggestedName(t *testing.T) {
	tests := []struct {
		path string
		want export.Format
		err  error
	}{
		{"a.xlsx", export.XLSX, nil},
		{"B.CSV", export.CSV, nil},
		{"c.json", export.JSON, nil},
		{"report.PDF", export.PDF, nil},
		{"a.txt", "", export.ErrUnknownFormat},
		{"xlsx", "", export.ErrUnknownFormat},
	}
	for _, tt := range tests {
		if got, err := export.FormatOf(tt.path); got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("FormatOf(%q) = %v, %v; want %v, %v", tt.path, got, err, tt.want, tt.err)
		}
	}
	for _, f := range export.Formats {
		if got, err := export.FormatOf("x" + f.Extension); got != f.Format || err != nil || f.Name == "" {
			t.Errorf("Formats entry %+v: FormatOf gives %v, %v", f, got, err)
		}
		if name := export.SuggestedName(sampleSummary(), f.Format); !strings.HasSuffix(name, f.Extension) {
			t.Errorf("SuggestedName(%s) = %q", f.Format, name)
		}
	}
	if err := export.WriteFile(filepath.Join(t.TempDir(), "x.txt"), sampleSummary()); !errors.Is(err, export.ErrUnknownFormat) {
		t.Errorf("WriteFile(x.txt) = %v", err)
	}
	name := export.SuggestedName(sampleSummary(), export.XLSX)
	if !strings.HasPrefix(name, "loan-batch-2026-11-") || !strings.HasSuffix(name, "-3f0c1a2b.xlsx") {
		t.Errorf("SuggestedName = %q", name)
	}
}

func TestComparisonSheets(t *testing.T) {
	le := pipeline.Fields{
		LoanID: "123456789", LenderName: "Ficus Bank", LoanAmountCents: 16200000, InterestRatePct: 3.875,
		APRPct: 4.274, TermMonths: 360, MonthlyPaymentCents: 76178, ClosingCostsCents: 805400,
	}
	cd := le
	cd.APRPct, cd.ClosingCostsCents = 4.474, 971210
	other := pipeline.Fields{
		LoanID: "LN-2", LenderName: "Cedar Valley Bank", LoanAmountCents: 31250000, InterestRatePct: 6.125,
		APRPct: 6.318, TermMonths: 360, MonthlyPaymentCents: 189878, ClosingCostsCents: 700000,
	}
	sum := sampleSummary()
	sum.Results = []pipeline.Result{
		{FileName: "le.pdf", Status: pipeline.DocSuccess, DocumentType: pipeline.TypeLoanEstimate, Fields: le},
		{
			FileName: "cd.pdf", Status: pipeline.DocSuccess, DocumentType: pipeline.TypeClosingDisclosure, Fields: cd,
			Corrections: []pipeline.Correction{{Field: "closing_costs_cents", Extracted: 971200.0, Corrected: 971210.0, By: "ann"}},
		},
		{FileName: "other.pdf", Status: pipeline.DocSuccess, DocumentType: pipeline.TypeCommitmentLetter, Fields: other},
	}
	f, _ := writeAndOpen(t, sum)
	rows, _ := f.GetRows("Comparison")
	if len(rows) < 10 || rows[0][1] != "123456789" || rows[0][2] != "LN-2" || rows[5][0] != "APR" {
		t.Fatalf("Comparison rows %v", rows)
	}
	if v, _ := f.GetCellValue("Comparison", "B6", excelize.Options{RawCellValue: true}); v != "0.04474" {
		t.Errorf("APR cell raw %q; want the final 4.474 %% as 0.04474", v)
	}
	bestFill := func(cell string) bool {
		id, _ := f.GetCellStyle("Comparison", cell)
		st, err := f.GetStyle(id)
		return err == nil && len(st.Fill.Color) > 0
	}
	// APR (row 6): the Ficus loan is lower; closing costs (row 9): LN-2 is lower.
	if !bestFill("B6") || bestFill("C6") || !bestFill("C9") || bestFill("B9") {
		t.Errorf("best values not highlighted as expected: B6 %v C6 %v C9 %v B9 %v", bestFill("B6"), bestFill("C6"), bestFill("C9"), bestFill("B9"))
	}
	changes, _ := f.GetRows("Changes")
	if len(changes) != 3 || changes[1][4] != "YES" || changes[2][4] != "YES" {
		t.Errorf("Changes rows %v", changes)
	}
	docs, _ := f.GetRows("Documents")
	if !strings.Contains(strings.Join(docs[2], "|"), "Closing costs (extracted $9,712.00, by ann)") {
		t.Errorf("correction not shown in the Documents sheet: %v", docs[2])
	}
}

// A rate is stored as the fraction its decimals give, not a binary
// approximation of it ("0.07150000000000001" for 7.15 %).
func TestPercentCellValue(t *testing.T) {
	sum := sampleSummary()
	sum.Results[0].Fields.InterestRatePct = 7.15
	sum.Results[0].Fields.APRPct = 7.1234
	f, _ := writeAndOpen(t, sum)
	for cell, want := range map[string]string{"I2": "0.0715", "J2": "0.071234"} {
		if raw, _ := f.GetCellValue("Documents", cell, excelize.Options{RawCellValue: true}); raw != want {
			t.Errorf("%s raw %q; want %q", cell, raw, want)
		}
	}
}

// writeAndOpen exports sum as an XLSX file at path and opens it as a
// spreadsheet program would; the file is closed when the test ends.
func writeAndOpen(t *testing.T, sum *pipeline.Summary) (f *excelize.File, path string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "out.xlsx")
	if err := export.WriteFile(path, sum); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("a spreadsheet cannot open the export: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, path
}
