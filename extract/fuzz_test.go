package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"loanbatch/pipeline"
)

func FuzzExtractFields(f *testing.F) {
	f.Add("LOAN ID #   1234\nLoan Amount     $162,000\nInterest Rate   3.875%\nAPPLICANTS   Jo Smith and Al Jones")
	f.Add("We are pleased to offer a loan of $312,500.00 at a fixed rate of 6.125% per annum for 30 years.")
	f.Add("PROPERTY     456 Somewhere Avenue\n             Anytown, ST 12345")
	f.Add("Borrower Name\nMaria T. Gonzalez\n\nLOAN ESTIMATE   PAGE 1 OF 3 • LOAN ID # 0000000000")
	f.Add("NOTE\n[Date]\nIn return for a loan that I have received, I promise to pay U.S. $ 1.00\n   - Borrower\nX")
	f.Add("Mortgage Statement\nStatement Date   11/05/2026\nProperty Address   Street  1 A St\nCity  B   State  CO   ZIP  80525")
	f.Fuzz(func(t *testing.T, text string) {
		x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceTextLayer, Text: text}})
		fields, typ := x.Fields, x.Type
		switch typ {
		case pipeline.TypeLoanEstimate, pipeline.TypeClosingDisclosure, pipeline.TypeCommitmentLetter, pipeline.TypeOther,
			pipeline.TypeLoanApplication, pipeline.TypeUnderwritingSummary, pipeline.TypePromissoryNote, pipeline.TypeMortgageStatement:
		default:
			t.Fatalf("document type %q", typ)
		}
		for _, s := range []string{fields.LoanID, fields.BorrowerName, fields.LenderName, fields.PropertyAddress} {
			if !utf8.ValidString(s) && utf8.ValidString(text) {
				t.Fatalf("invalid UTF-8 %q", s)
			}
			if strings.Contains(s, "\n") {
				t.Fatalf("a field spans lines: %q", s)
			}
		}
		if fields.LoanAmountCents < 0 || fields.ClosingCostsCents < 0 || fields.MonthlyPaymentCents < 0 {
			t.Fatalf("negative money in %+v", fields)
		}
	})
}
