package export_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"loanbatch/export"
	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// reportSummary is a job as a loan officer's report shows it: a Loan
// Estimate and its Closing Disclosure (the APR and closing costs up beyond
// tolerance), a second loan, a result that needs review, one that was
// reviewed, a failure and a skipped document.
func reportSummary() *pipeline.Summary {
	sum := sampleSummary()
	le := sum.Results[0]
	le.Fields.BorrowerName = "José Núñez"
	cd := le
	cd.FileName, cd.DocumentType, cd.DocumentID = "closing disclosure.pdf", pipeline.TypeClosingDisclosure, "d3"
	cd.Fields.APRPct, cd.Fields.ClosingCostsCents = 7.312, 990000
	other := pipeline.Result{
		FileName: "cedar-valley-letter.pdf", Status: pipeline.DocSuccess, DocumentID: "d4",
		DocumentType: pipeline.TypeCommitmentLetter, LoanID: "CV-88",
		Fields: pipeline.Fields{
			LoanID: "CV-88", BorrowerName: "Ann Lee", LenderName: "Cedar Valley Bank", LoanAmountCents: 31250000,
			InterestRatePct: 6.125, APRPct: 6.318, TermMonths: 360, MonthlyPaymentCents: 189878, ClosingCostsCents: 700000,
		},
		NeedsReview: true, ReviewReasons: []string{"monthly P&I does not match amount, rate and term"},
	}
	reviewed := other
	reviewed.FileName, reviewed.DocumentID, reviewed.NeedsReview = "cedar-valley-page2.pdf", "d5", false
	reviewed.ReviewReasons = []string{"a reason nobody has to read any more"}
	reviewed.Reviewed = &pipeline.Review{By: "ann", At: sum.StartTime.Add(time.Hour)}
	skipped := pipeline.Result{FileName: "after-the-failure.pdf", Status: pipeline.DocSkipped, DocumentID: "d6"}
	sum.Results = []pipeline.Result{le, sum.Results[1], cd, other, reviewed, skipped}
	sum.TotalDocuments, sum.ProcessedDocuments, sum.SuccessfulDocuments = 6, 6, 4
	sum.FailedDocuments, sum.SkippedDocuments = 1, 1
	return sum
}

// writeReport writes sum as a PDF and checks that it is a valid PDF as
// pdfcpu (relaxed and strict) and qpdf see it.
func writeReport(tb testing.TB, sum *pipeline.Summary) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "report.pdf")
	if err := export.WriteFile(path, sum); err != nil {
		tb.Fatal(err)
	}
	for _, mode := range []int{model.ValidationRelaxed, model.ValidationStrict} {
		conf := model.NewDefaultConfiguration()
		conf.ValidationMode = mode
		if err := api.ValidateFile(path, conf); err != nil {
			tb.Errorf("pdfcpu validation (mode %d): %v", mode, err)
		}
	}
	qpdf := pipelinetest.Tool(tb, "qpdf", "qpdf")
	if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
		tb.Errorf("qpdf --check: %v\n%s", err, out)
	}
	return path
}

func TestPDFReport(t *testing.T) {
	path := writeReport(t, reportSummary())
	text := strings.Join(strings.Fields(pipelinetest.PDFText(t, path, "-raw")), " ")
	for _, want := range []string{
		"José Núñez, Ann Lee · LN-2026-004417, CV-88 · 6 documents", // the title: borrowers, loans, count
		"José Núñez", "LN-2026-004417", "$250,000.00", "Harbor Point Mortgage", "7.012 %",
		"Loan Estimate", "Closing Disclosure",
		`=HYPERLINK("http://x").pdf`, "Validation error: GIF image is not a supported format",
		"after-the-failure.pdf", "Skipped",
		"monthly P&I does not match amount, rate and term", "Succeeded, reviewed",
		"Cedar Valley Bank", "(best)", "FLAGGED", "Page 1 of 2",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(text, "a reason nobody has to read any more") {
		t.Errorf("a reviewed result's reasons are still listed")
	}
	// The lowest APR is Cedar Valley's; the LE → CD closing costs rise is flagged.
	layout := pipelinetest.PDFText(t, path, "-layout")
	if !regexpLine(layout, `APR\s+7\.312 %\s+6\.318 % \(best\)`) {
		t.Errorf("the best APR is not marked on Cedar Valley's loan:\n%s", layout)
	}
	if !regexpLine(layout, `Closing costs\s+\$8,054\.00\s+\$9,900\.00\s+FLAGGED`) {
		t.Errorf("the closing costs change is not flagged:\n%s", layout)
	}
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, []byte("/FontFile2")) || bytes.Contains(data, []byte("/Helvetica")) {
		t.Errorf("the report's fonts are not the embedded TrueType fonts")
	}
}

func regexpLine(text, expr string) bool {
	return regexp.MustCompile(`(?m)` + expr).MatchString(text)
}

// TestPDFUntrustedText feeds file names and values that could break a
// PDF's syntax or layout; the report stays valid and prints them cleaned.
func TestPDFUntrustedText(t *testing.T) {
	long := strings.Repeat("very-long-file-name-without-spaces_", 12) + "end.pdf"
	tests := []struct {
		name, fileName, borrower string
		want                     []string // in the extracted text
	}{
		{"parentheses and backslashes", `a(b)c\d).pdf`, `O'Brien \ (Jr.)`, []string{`a(b)c\d).pdf`, `O'Brien \ (Jr.)`}},
		{"PDF syntax", "x) Tj ET endstream endobj %%EOF.pdf", "<< /Type /Page >>", []string{"x) Tj ET endstream endobj %%EOF.pdf", "<< /Type /Page >>"}},
		{"control characters", "bell\a\x00nul\x1b[31m.pdf", "Line\r\nbreak\tTab", []string{"bellnul[31m.pdf", "Line break Tab"}},
		{"bidi override", "invoice\u202Efdp.exe", "Zoë Ångström", []string{"invoicefdp.exe", "Zoë Ångström"}},
		{"invalid UTF-8 and emoji", "bad\xff\xfe😀.pdf", "Ω Ж ñ", []string{"bad??.pdf", "Ω Ж ñ"}},
		{"long name", long, strings.Repeat("Name ", 40), []string{"very-long-file-name", "…"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := reportSummary()
			sum.Results[1].FileName = tt.fileName
			sum.Results[0].Fields.BorrowerName = tt.borrower
			path := writeReport(t, sum)
			text := strings.Join(strings.Fields(pipelinetest.PDFText(t, path, "-raw")), " ")
			for _, want := range tt.want {
				if !strings.Contains(text, want) {
					t.Errorf("the report lacks %q:\n%s", want, text)
				}
			}
			for _, bad := range []string{"\a", "\x00", "\x1b", "\u202E"} {
				if strings.Contains(text, bad) {
					t.Errorf("the report prints %q", bad)
				}
			}
		})
	}
}

// manyDocuments is a job of n documents: loans, failures and reviews mixed.
func manyDocuments(n int) *pipeline.Summary {
	base := reportSummary()
	sum := *base
	sum.Results = nil
	for i := range n {
		r := base.Results[i%len(base.Results)]
		r.FileName = fmt.Sprintf("scan-%04d-%s", i+1, r.FileName)
		if r.Fields.LoanID != "" {
			r.Fields.LoanID = fmt.Sprintf("%s-%d", r.Fields.LoanID, i%7)
		}
		sum.Results = append(sum.Results, r)
	}
	sum.TotalDocuments, sum.ProcessedDocuments = n, n
	return &sum
}

func TestPDFReportLong(t *testing.T) {
	const n = 300
	start := time.Now()
	path := writeReport(t, manyDocuments(n))
	t.Logf("%d documents: written and checked in %v", n, time.Since(start))
	pages, err := api.PageCountFile(path)
	if err != nil || pages < 5 {
		t.Fatalf("%d documents gave %d pages (%v)", n, pages, err)
	}
	text := pipelinetest.PDFText(t, path, "-raw")
	byPage := strings.Split(strings.TrimRight(text, "\f"), "\f")
	if len(byPage) != pages {
		t.Fatalf("%d pages of text for %d pages", len(byPage), pages)
	}
	for i, page := range byPage[:pages-1] {
		if want := fmt.Sprintf("Page %d of %d", i+1, pages); !strings.Contains(page, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	// The documents table continues over the first pages, each with its header.
	for i, page := range byPage[1:3] {
		if !strings.Contains(page, "# File Type Loan ID Borrower Amount Rate APR Status") {
			t.Errorf("page %d: the table's header is not repeated:\n%.400s", i+2, page)
		}
	}
	flat := strings.Join(strings.Fields(text), " ")
	for i := 1; i <= n; i++ {
		if !strings.Contains(flat, fmt.Sprintf("%d scan-%04d-", i, i)) {
			t.Errorf("document %d is missing from the report", i)
			break
		}
	}
}

func BenchmarkPDFReport(b *testing.B) {
	sum := manyDocuments(300)
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := export.Write(&buf, sum, export.PDF); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1024, "KiB")
}

// TestPDFUnusualJobs: a job of any shape gives a valid report.
func TestPDFUnusualJobs(t *testing.T) {
	tests := []struct {
		name string
		edit func(*pipeline.Summary)
		want string
	}{
		{"no documents", func(s *pipeline.Summary) { s.Results = nil }, "This job has no documents."},
		{"every document failed", func(s *pipeline.Summary) { s.Results = s.Results[1:2] }, "No document gave loan figures to compare."},
		{"never started", func(s *pipeline.Summary) {
			s.StartTime, s.EndTime, s.Status = time.Time{}, time.Time{}, pipeline.JobQueued
		}, "Job status: Queued"},
		{"fields without a loan ID", func(s *pipeline.Summary) {
			s.Results[0].Fields.LoanID = ""
			s.Results[0].Fields.BorrowerName = ""
		}, "loan1.pdf · 2 documents"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := sampleSummary()
			tt.edit(sum)
			text := strings.Join(strings.Fields(pipelinetest.PDFText(t, writeReport(t, sum), "-raw")), " ")
			if !strings.Contains(text, tt.want) {
				t.Errorf("the report lacks %q:\n%s", tt.want, text)
			}
		})
	}
}
