package pipeline

import "slices"

// Fields are the normalized loan fields found in a document. A zero or empty
// value means the field was not found, and is omitted from JSON.
type Fields struct {
	LoanID              string  `json:"loan_id,omitempty"`
	BorrowerName        string  `json:"borrower_name,omitempty"`
	LenderName          string  `json:"lender_name,omitempty"`
	LoanAmountCents     int64   `json:"loan_amount_cents,omitempty"`
	InterestRatePct     float64 `json:"interest_rate_pct,omitempty"`
	APRPct              float64 `json:"apr_pct,omitempty"`
	TermMonths          int     `json:"term_months,omitempty"`
	MonthlyPaymentCents int64   `json:"monthly_payment_cents,omitempty"`
	ClosingCostsCents   int64   `json:"closing_costs_cents,omitempty"`
	IssueDate           string  `json:"issue_date,omitempty"`
	PropertyAddress     string  `json:"property_address,omitempty"`
}

// Count returns how many fields were found.
func (f Fields) Count() int {
	n := 0
	for _, spec := range FieldTable {
		if f.Get(spec.Key) != nil {
			n++
		}
	}
	return n
}

// Field keys: the contract's JSON names of the loan fields. Code names a
// field by these constants, or iterates FieldTable; the names are spelled
// out here and in the Fields struct's tags only.
const (
	FieldLoanID         = "loan_id"
	FieldBorrower       = "borrower_name"
	FieldLender         = "lender_name"
	FieldLoanAmount     = "loan_amount_cents"
	FieldInterestRate   = "interest_rate_pct"
	FieldAPR            = "apr_pct"
	FieldTerm           = "term_months"
	FieldMonthlyPayment = "monthly_payment_cents"
	FieldClosingCosts   = "closing_costs_cents"
	FieldIssueDate      = "issue_date"
	FieldProperty       = "property_address"
)

// ValueKind is what a field's value is: it says how the value is parsed
// from what a person types, shown, exported and compared.
type ValueKind int

// Value kinds.
const (
	ValueText   ValueKind = iota // a name, an ID or an address (string)
	ValueMoney                   // cents (int64)
	ValueRate                    // percent (float64)
	ValueMonths                  // months (int)
	ValueDate                    // "YYYY-MM-DD" (string)
)

// FieldSpec is one loan field: its key, the words a person reads for it
// and the kind of its value.
type FieldSpec struct {
	Key   string
	Label string // "Monthly P&I"
	Kind  ValueKind
	// ref points at the field's member of a Fields: *string, *int64,
	// *float64 or *int by Kind.
	ref func(*Fields) any
}

// FieldTable is the loan fields in the contract's order. Everything that
// lists fields (export columns, the window's table and details panel,
// comparison rows, review reasons) iterates it.
var FieldTable = []FieldSpec{
	{FieldLoanID, "Loan ID", ValueText, func(f *Fields) any { return &f.LoanID }},
	{FieldBorrower, "Borrower", ValueText, func(f *Fields) any { return &f.BorrowerName }},
	{FieldLender, "Lender", ValueText, func(f *Fields) any { return &f.LenderName }},
	{FieldLoanAmount, "Loan amount", ValueMoney, func(f *Fields) any { return &f.LoanAmountCents }},
	{FieldInterestRate, "Interest rate", ValueRate, func(f *Fields) any { return &f.InterestRatePct }},
	{FieldAPR, "APR", ValueRate, func(f *Fields) any { return &f.APRPct }},
	{FieldTerm, "Term", ValueMonths, func(f *Fields) any { return &f.TermMonths }},
	{FieldMonthlyPayment, "Monthly P&I", ValueMoney, func(f *Fields) any { return &f.MonthlyPaymentCents }},
	{FieldClosingCosts, "Closing costs", ValueMoney, func(f *Fields) any { return &f.ClosingCostsCents }},
	{FieldIssueDate, "Issue date", ValueDate, func(f *Fields) any { return &f.IssueDate }},
	{FieldProperty, "Property", ValueText, func(f *Fields) any { return &f.PropertyAddress }},
}

// FieldNames are the loan fields' keys, in the contract's order.
var FieldNames = func() []string {
	out := make([]string, len(FieldTable))
	for i, s := range FieldTable {
		out[i] = s.Key
	}
	return out
}()

// FieldSpecOf returns the row of FieldTable for key.
func FieldSpecOf(key string) (FieldSpec, bool) {
	i := slices.IndexFunc(FieldTable, func(s FieldSpec) bool { return s.Key == key })
	if i < 0 {
		return FieldSpec{}, false
	}
	return FieldTable[i], true
}

// FieldLabel is the words a person reads for a field key; the key itself
// for one not in FieldTable.
func FieldLabel(key string) string {
	if s, ok := FieldSpecOf(key); ok {
		return s.Label
	}
	return key
}
