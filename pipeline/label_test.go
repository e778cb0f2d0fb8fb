package pipeline

import "testing"

// Every document type reads as the form's name, none as its machine value.
func TestDocumentTypeLabels(t *testing.T) {
	tests := []struct {
		typ  DocumentType
		want string
	}{
		{TypeLoanEstimate, "Loan Estimate"},
		{TypeClosingDisclosure, "Closing Disclosure"},
		{TypeCommitmentLetter, "Commitment letter"},
		{TypeLoanApplication, "Loan application (1003)"},
		{TypeUnderwritingSummary, "Underwriting summary (1008)"},
		{TypePromissoryNote, "Promissory note"},
		{TypeMortgageStatement, "Mortgage statement"},
		{TypeOther, "Other"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := tt.typ.Label(); got != tt.want {
			t.Errorf("%q.Label() = %q; want %q", tt.typ, got, tt.want)
		}
	}
}
