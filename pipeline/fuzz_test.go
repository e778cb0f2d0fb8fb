package pipeline

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets are seeded with the table tests' inputs; `make fuzz`
// runs each for a while. They assert that no input panics or hangs and
// that what comes back keeps its promises.

func FuzzParsers(f *testing.F) {
	for _, s := range []string{
		"$250,000.00", "USD 250,000", "$1 050", "$16O,OOO", "6.875 %", "3,875%", "4%",
		"30 years", "360 months", "30-year", "March 14, 2026", "03/14/2026", "2026-03-14", "14 March 2026", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, ok := parseMoney(s, false); ok && c < 0 {
			t.Fatalf("negative money %d from %q", c, s)
		}
		if p, ok := parsePercent(s); ok && (p <= 0 || p >= 30) {
			t.Fatalf("rate %v from %q", p, s)
		}
		if m, ok := parseTerm(s); ok && (m < 1 || m > 600) {
			t.Fatalf("term %d from %q", m, s)
		}
		if d, ok := parseDate(s); ok && (len(d) != 10 || d[4] != '-' || d[7] != '-') {
			t.Fatalf("date %q from %q", d, s)
		}
	})
}

func FuzzExtractFields(f *testing.F) {
	f.Add("LOAN ID #   1234\nLoan Amount     $162,000\nInterest Rate   3.875%\nAPPLICANTS   Jo Smith and Al Jones")
	f.Add("We are pleased to offer a loan of $312,500.00 at a fixed rate of 6.125% per annum for 30 years.")
	f.Add("PROPERTY     456 Somewhere Avenue\n             Anytown, ST 12345")
	f.Add("Borrower Name\nMaria T. Gonzalez\n\nLOAN ESTIMATE   PAGE 1 OF 3 • LOAN ID # 0000000000")
	f.Fuzz(func(t *testing.T, text string) {
		fields, typ := ExtractFields([]PageText{{Page: 1, Source: SourceTextLayer, Text: text}})
		switch typ {
		case TypeLoanEstimate, TypeClosingDisclosure, TypeCommitmentLetter, TypeOther:
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
