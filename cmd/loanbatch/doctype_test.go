package main_test

import (
	"bytes"
	"encoding/json"
	"image/png"
	"regexp"
	"strings"
	"testing"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// laidOut draws a page laid out as monospaced text: each run of text
// between gaps of three or more spaces becomes a line of the PDF's text
// layer at its column, as a form's boxes are placed.
func laidOut(text string) pipelinetest.Page {
	var lines []pipelinetest.Line
	cell := regexp.MustCompile(`\S+(?: {1,2}\S+)*`)
	for i, row := range strings.Split(text, "\n") {
		for _, loc := range cell.FindAllStringIndex(row, -1) {
			lines = append(lines, pipelinetest.Line{X: 30 + float64(loc[0])*3.9, Y: 40 + float64(i)*12, Size: 7, Text: row[loc[0]:loc[1]]})
		}
	}
	return pipelinetest.Page{Lines: lines}
}

// scanned renders a page as a slightly noisy, skewed 300 DPI scan.
func scanned(tb testing.TB, p pipelinetest.Page) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, pipelinetest.Scan(p.Lines, pipelinetest.ScanOptions{Noise: 0.01, RotateDeg: 0.4, Seed: 5})); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// The loan file's other forms go through the whole program as text PDFs:
// each gets its type, its fields and an honest review, and a commitment
// letter that mentions them stays a commitment letter.
func TestLoanFileFormsEndToEnd(t *testing.T) {
	statement := `Cedar Valley Mortgage Servicing                                  Mortgage Statement
P.O. Box 9120, Dallas, TX 75201                                  Statement Date:   11/05/2026
                                                                 Account Number      0051207467
Daniel R. Okafor                                                 Payment Due Date    12/01/2026
1427 Juniper Ridge Rd                                            Amount Due          $2,431.22
Boise, ID 83702

Outstanding Principal      $272,118.40                           Explanation of Amount Due
Interest Rate              6.500%                                Principal                   $1,296.23
Property Address           1427 Juniper Ridge Rd, Boise, ID 83702
Past Payments Breakdown        Paid Last Month    Paid Year to Date`
	note := `Loan Number: 2026-0417-88
                                     NOTE
March 2, 2026                 Springfield                 Illinois
[Date]                        [City]                      [State]
                   88 Harbor View Dr, Springfield, IL 62704
                              [Property Address]
1. BORROWER'S PROMISE TO PAY
In return for a loan that I have received, I promise to pay U.S. $555,000.00 (this amount is called "Principal"),
plus interest, to the order of the Lender. The Lender is Harbor Point Mortgage, LLC. I will make all payments
under this Note in the form of cash, check or money order.
2. INTEREST
I will pay interest at a yearly rate of 6.500%.
I will make my monthly payment on the 1st day of each month beginning on May 1, 2026. If, on April 1, 2056,
I still owe amounts under this Note, I will pay those amounts in full on that date, which is called the "Maturity Date."
My monthly payment will be in the amount of U.S. $3,508.00.
MARIA T. GONZALEZ            - Borrower        CARLOS GONZALEZ            - Borrower`
	urla := `Lender Loan No./Universal Loan Identifier   HP2026004417          Agency Case No.   011-2233445-703
                    Uniform Residential Loan Application
Section 1: Borrower Information.
Name (First, Middle, Last, Suffix)
Priya L. Whitaker
Section 4: Loan and Property Information.
Loan Amount $  412,500.00
Terms of Loan   Note Rate   6.250 %   Loan Term   360
Freddie Mac Form 65 • Fannie Mae Form 1003`
	letter := `Cardinal Bank & Trust
Commitment Letter
March 9, 2026
Loan Number: CB-7781
Dear Ms. Park:
We are pleased to approve your loan of $245,000.00 at a rate of 6.250%.
At closing you will sign the Note. After closing, see your monthly statement.`
	dir := t.TempDir()
	paths := []string{
		write(t, dir, "statement.pdf", pipelinetest.PDF(laidOut(statement))),
		write(t, dir, "note.pdf", pipelinetest.PDF(laidOut(note))),
		write(t, dir, "urla.pdf", pipelinetest.PDF(laidOut(urla))),
		write(t, dir, "letter.pdf", pipelinetest.PDF(laidOut(letter))),
		write(t, dir, "statement-scan.png", scanned(t, laidOut(statement))),
	}
	r := runCLI(t, append([]string{"process", "--data", t.TempDir(), "--json"}, paths...)...)
	if r.code != 0 {
		t.Fatalf("exit %d\nstderr: %s", r.code, r.stderr)
	}
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatalf("summary: %v\n%s", err, r.stdout)
	}
	want := []struct {
		typ    pipeline.DocumentType
		fields pipeline.Fields
		review bool
	}{
		{pipeline.TypeMortgageStatement, pipeline.Fields{
			LoanID: "0051207467", BorrowerName: "Daniel R. Okafor", LenderName: "Cedar Valley Mortgage Servicing",
			InterestRatePct: 6.5, IssueDate: "2026-11-05", PropertyAddress: "1427 Juniper Ridge Rd, Boise, ID 83702",
		}, false},
		{pipeline.TypePromissoryNote, pipeline.Fields{
			LoanID: "2026-0417-88", BorrowerName: "Maria T. Gonzalez", LenderName: "Harbor Point Mortgage, LLC",
			LoanAmountCents: 55500000, InterestRatePct: 6.5, TermMonths: 360, MonthlyPaymentCents: 350800,
			IssueDate: "2026-03-02", PropertyAddress: "88 Harbor View Dr, Springfield, IL 62704",
		}, false},
		{pipeline.TypeLoanApplication, pipeline.Fields{
			LoanID: "HP2026004417", BorrowerName: "Priya L. Whitaker", LoanAmountCents: 41250000, InterestRatePct: 6.25, TermMonths: 360,
		}, false},
		{pipeline.TypeCommitmentLetter, pipeline.Fields{
			LoanID: "CB-7781", LenderName: "Cardinal Bank & Trust", LoanAmountCents: 24500000, InterestRatePct: 6.25, IssueDate: "2026-03-09",
		}, true},
	}
	// The scan of the statement: OCR's reading, classified and read alike,
	// its balance and amount due still not taken for the loan amount.
	if got := sum.Results[4]; got.DocumentType != pipeline.TypeMortgageStatement || got.TextSource != pipeline.SourceOCR ||
		got.Fields.LoanID != "0051207467" || got.Fields.InterestRatePct != 6.5 || got.Fields.LoanAmountCents != 0 {
		t.Errorf("scanned statement: %s %s %+v", got.DocumentType, got.TextSource, got.Fields)
	}
	for i, w := range want {
		got := sum.Results[i]
		if got.Status != pipeline.DocSuccess || got.DocumentType != w.typ {
			t.Errorf("%s: %s, type %s; want success, %s", got.FileName, got.Status, got.DocumentType, w.typ)
		}
		if got.Fields != w.fields {
			t.Errorf("%s fields\n got %+v\nwant %+v", got.FileName, got.Fields, w.fields)
		}
		if got.NeedsReview != w.review {
			t.Errorf("%s: needs review %v (%v); want %v", got.FileName, got.NeedsReview, got.ReviewReasons, w.review)
		}
	}
}
