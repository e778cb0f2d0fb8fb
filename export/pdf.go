package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"loanbatch/pipeline"
)

// The report is laid out on US Letter in millimetres; sizes are points.
const (
	pageMargin   = 15.0
	bottomMargin = 18.0 // room for the footer
	bodySize     = 8.5
	tableSize    = 8
	cellPad      = 1.2
	fontFamily   = "Go" // the Go fonts: broad Latin, Greek and Cyrillic coverage
)

// lineHeight is the height of a line of text of size pt, in millimetres.
func lineHeight(pt float64) float64 { return pt * 0.3528 * 1.3 }

// writePDF writes sum as a printable report: title, date, counts, the
// documents, failures, the needs-review list and the loan comparison. It is
// laid out twice, the first time only to count the pages so that every
// footer can say "Page 2 of 3".
func writePDF(w io.Writer, sum *pipeline.Summary) (err error) {
	defer func() {
		if p := recover(); p != nil { // the PDF library panics on some internal errors
			err = fmt.Errorf("export pdf: %v", p)
		}
	}()
	counting := newReport(sum, 0)
	counting.build()
	if err := counting.pdf.Error(); err != nil {
		return fmt.Errorf("export pdf: %w", err)
	}
	r := newReport(sum, counting.pdf.PageCount())
	r.build()
	if err := r.pdf.Output(w); err != nil {
		return fmt.Errorf("export pdf: %w", err)
	}
	return nil
}

// report lays out one job's report. Page breaks are its own (the library's
// automatic breaks are off) so that a table row is never split and a
// table's header is repeated on every page it continues on.
type report struct {
	pdf        *fpdf.Fpdf
	sum        *pipeline.Summary
	title      string
	pages      int // the total, or 0 while counting
	width      float64
	pageHeight float64
}

func newReport(sum *pipeline.Summary, pages int) *report {
	pdf := fpdf.New("P", "mm", "Letter", "")
	pdf.AddUTF8FontFromBytes(fontFamily, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", gobold.TTF)
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(false, bottomMargin)
	pw, ph := pdf.GetPageSize()
	r := &report{pdf: pdf, sum: sum, title: clean(pipeline.SummaryTitle(sum)), pages: pages, width: pw - 2*pageMargin, pageHeight: ph}
	pdf.SetTitle(r.title, true)
	pdf.SetSubject("Loan Batch job "+sum.JobID, true)
	pdf.SetCreator("Loan Batch", true)
	pdf.SetHeaderFuncMode(r.pageHeader, true)
	pdf.SetFooterFunc(r.pageFooter)
	return r
}

func (r *report) build() {
	r.pdf.AddPage()
	r.titleBlock()
	r.counts()
	r.documents()
	r.failures()
	r.reviews()
	r.comparison()
}

func (r *report) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	r.pdf.SetFont(fontFamily, style, size)
}

// ensure starts a new page unless h millimetres fit above the footer, and
// says whether it did.
func (r *report) ensure(h float64) bool {
	if r.pdf.GetY()+h <= r.pageHeight-bottomMargin {
		return false
	}
	r.pdf.AddPage()
	return true
}

// pageHeader repeats the title on every page after the first.
func (r *report) pageHeader() {
	if r.pdf.PageNo() == 1 {
		return
	}
	r.font(false, 7.5)
	r.pdf.SetTextColor(80, 80, 80)
	r.pdf.SetXY(pageMargin, 8)
	r.pdf.CellFormat(r.width, 4, r.ellipsize("Loan Batch report · "+r.title, r.width), "", 0, "L", false, 0, "")
	r.pdf.SetTextColor(0, 0, 0)
	r.pdf.SetDrawColor(160, 160, 160)
	r.pdf.Line(pageMargin, 12.5, pageMargin+r.width, 12.5)
	r.pdf.SetY(pageMargin + 1)
}

func (r *report) pageFooter() {
	y := r.pageHeight - 12
	r.pdf.SetDrawColor(160, 160, 160)
	r.pdf.Line(pageMargin, y, pageMargin+r.width, y)
	r.font(false, 7.5)
	r.pdf.SetTextColor(80, 80, 80)
	total := "?"
	if r.pages > 0 {
		total = strconv.Itoa(r.pages)
	}
	page := fmt.Sprintf("Page %d of %s", r.pdf.PageNo(), total)
	pw := r.pdf.GetStringWidth(page) + 2
	r.pdf.SetXY(pageMargin, y+1)
	r.pdf.CellFormat(r.width-pw, 4, r.ellipsize("Loan Batch · job "+r.sum.JobID, r.width-pw-4), "", 0, "L", false, 0, "")
	r.pdf.CellFormat(pw, 4, page, "", 0, "R", false, 0, "")
	r.pdf.SetTextColor(0, 0, 0)
}

func (r *report) titleBlock() {
	r.font(true, 8)
	r.pdf.SetTextColor(80, 80, 80)
	r.pdf.SetXY(pageMargin, pageMargin)
	r.pdf.CellFormat(r.width, 4, "LOAN BATCH REPORT", "", 1, "L", false, 0, "")
	r.pdf.SetTextColor(0, 0, 0)
	r.pdf.Ln(1)
	r.paragraph(r.title, true, 16, 3)
	r.pdf.Ln(1)
	s := r.sum
	var when []string
	if !s.StartTime.IsZero() {
		when = append(when, "Processed "+s.StartTime.Local().Format("January 2, 2006, 3:04 PM MST"))
	}
	if s.TotalProcessingTime > 0 {
		when = append(when, fmt.Sprintf("took %.1f s", s.TotalProcessingTime))
	}
	when = append(when, "Job status: "+s.Status.Label())
	r.paragraph(strings.Join(when, " · "), false, 9, 0)
	r.paragraph("Job "+s.JobID, false, 8, 0)
	r.pdf.Ln(2)
}

// counts draws a row of boxes: documents, succeeded, failed, skipped,
// needs review.
func (r *report) counts() {
	boxes := []struct {
		label string
		n     int
	}{
		{"Documents", r.sum.TotalDocuments},
		{"Succeeded", r.sum.SuccessfulDocuments},
		{"Failed", r.sum.FailedDocuments},
		{"Skipped", r.sum.SkippedDocuments},
		{"Needs review", countNeedsReview(r.sum)},
	}
	const gap, h = 3.0, 14.0
	r.ensure(h + 4)
	w := (r.width - gap*float64(len(boxes)-1)) / float64(len(boxes))
	y := r.pdf.GetY()
	r.pdf.SetDrawColor(0, 0, 0)
	r.pdf.SetLineWidth(0.3)
	for i, b := range boxes {
		x := pageMargin + float64(i)*(w+gap)
		r.pdf.Rect(x, y, w, h, "D")
		r.font(true, 15)
		r.pdf.SetXY(x, y+1.5)
		r.pdf.CellFormat(w, 7, strconv.Itoa(b.n), "", 0, "C", false, 0, "")
		r.font(false, 8)
		r.pdf.SetXY(x, y+8.5)
		r.pdf.CellFormat(w, 4, b.label, "", 0, "C", false, 0, "")
	}
	r.pdf.SetLineWidth(0.2)
	r.pdf.SetXY(pageMargin, y+h+3)
}

// heading starts a section, on a new page when not even its first rows
// would fit under it.
func (r *report) heading(s string) {
	r.ensure(lineHeight(12) + 20)
	r.pdf.Ln(3)
	r.font(true, 12)
	r.pdf.SetX(pageMargin)
	r.pdf.CellFormat(r.width, lineHeight(12), s, "", 1, "L", false, 0, "")
	r.pdf.SetDrawColor(0, 0, 0)
	y := r.pdf.GetY()
	r.pdf.Line(pageMargin, y, pageMargin+r.width, y)
	r.pdf.Ln(1.5)
}

// paragraph writes text wrapped to the page width, at most maxLines lines
// (0: no limit).
func (r *report) paragraph(s string, bold bool, size float64, maxLines int) {
	r.font(bold, size)
	lh := lineHeight(size)
	for _, line := range r.wrap(s, r.width, maxLines) {
		r.ensure(lh)
		r.pdf.SetX(pageMargin)
		r.pdf.CellFormat(r.width, lh, line, "", 1, "L", false, 0, "")
	}
}

// documents is the table of every document with its key fields.
func (r *report) documents() {
	r.heading("Documents")
	cols := []tableCol{
		{head: "#", width: 9, align: "R"},
		{head: "File", width: 31, lines: 3},
		{head: "Type", width: 20, lines: 2},
		{head: "Loan ID", width: 28, lines: 2},
		{head: "Borrower", width: 28, lines: 3},
		{head: "Amount", width: 21, align: "R"},
		{head: "Rate", width: 14, align: "R"},
		{head: "APR", width: 14, align: "R"},
		{head: "Status", width: 21, lines: 3},
	}
	rows := make([]tableRow, 0, len(r.sum.Results))
	for i, res := range r.sum.Results {
		f := res.Fields
		rows = append(rows, tableRow{cells: []string{
			strconv.Itoa(i + 1), res.FileName, res.DocumentType.Label(), f.LoanID, f.BorrowerName,
			pipeline.FormatValue(pipeline.FieldLoanAmount, nonZero(f.LoanAmountCents)),
			pipeline.FormatValue(pipeline.FieldInterestRate, nonZero(f.InterestRatePct)),
			pipeline.FormatValue(pipeline.FieldAPR, nonZero(f.APRPct)),
			statusText(res),
		}, bold: res.Status == pipeline.DocFailed})
	}
	if len(rows) == 0 {
		r.paragraph("This job has no documents.", false, bodySize+0.5, 0)
		return
	}
	r.table(cols, rows)
}

// statusText is a document's status in words, with what a person should
// know at a glance: failed in capitals, a review outstanding or done, a
// duplicate.
func statusText(res pipeline.Result) string {
	s := res.Status.Label()
	if res.Status == pipeline.DocFailed {
		s = "FAILED"
	}
	switch {
	case res.Reviewed != nil:
		s += ", reviewed"
	case needsReview(res):
		s += ", needs review"
	}
	if res.DuplicateOf != nil {
		s += ", duplicate"
	}
	return s
}

// nonZero is nil for a missing (zero) figure, so that it prints as nothing.
func nonZero[T int64 | float64 | int](v T) any {
	if v == 0 {
		return nil
	}
	return v
}

// failures lists every document that failed or was skipped, with why.
func (r *report) failures() {
	var rows []tableRow
	for i, res := range r.sum.Results {
		if res.Status != pipeline.DocFailed && res.Status != pipeline.DocSkipped {
			continue
		}
		why := res.ErrorMessage
		if res.ErrorType != "" {
			why = res.ErrorType.Label() + ": " + why
		}
		if res.Status == pipeline.DocSkipped && why == "" {
			why = "Skipped: the job stopped at an earlier failure"
		}
		rows = append(rows, tableRow{cells: []string{strconv.Itoa(i + 1), res.FileName, why}})
	}
	r.documentList("Failures", "Reason", "No document failed.", rows)
}

// reviews lists the results a person still has to check, with the reasons.
func (r *report) reviews() {
	var rows []tableRow
	for i, res := range r.sum.Results {
		if needsReview(res) {
			why := reviewReasons(res)
			if why == "" {
				why = "No reason recorded"
			}
			rows = append(rows, tableRow{cells: []string{strconv.Itoa(i + 1), res.FileName, why}})
		}
	}
	r.documentList("Needs review", "Why it needs a person's check", "No document is waiting for a review.", rows)
}

// documentList is a section of documents (#, file) and a text about each.
func (r *report) documentList(title, about, none string, rows []tableRow) {
	r.heading(fmt.Sprintf("%s (%d)", title, len(rows)))
	if len(rows) == 0 {
		r.paragraph(none, false, bodySize+0.5, 0)
		return
	}
	r.table([]tableCol{
		{head: "#", width: 9, align: "R"},
		{head: "File", width: 55, lines: 4},
		{head: about, width: 122, lines: 8},
	}, rows)
}
