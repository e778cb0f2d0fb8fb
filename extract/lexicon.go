package extract

import "loanbatch/pipeline"

// The field table: for each loan field, in the order fields are reported and
// searched, the label wordings that name it on the documents of a loan file
// (Loan Estimate, Closing Disclosure, commitment, approval, pre-approval and
// rate-lock letters, URLA/Form 1003, Form 1008, the promissory Note, mortgage
// statements, term sheets, LOS printouts, e-mails) and the parser of its
// value. Labels are in order of preference: a specific wording before a
// general one that may also name a distractor.
//
// A label matches at the start of a cell (after an item letter such as
// "J."); an optional parenthetical, dot leaders and a colon may follow it.
// The value is the rest of the cell, the next cell of the line, or the cell
// under the label (see valueAfterLabel).
var fieldTable = []fieldRule{
	{name: pipeline.FieldLoanID, labels: anywhereLabels(
		`lo[a@]n\s*(?:[il1]d|identification)\s*(?:#|n[o0]\.?|number)?`,
		`lo[a@]n\s*(?:n[o0](?:\.|\b)|number|num\.?|nbr|#)`, `ln\s*(?:nbr|n[o0]\.|#)`,
		`lender\s*case\s*(?:n[o0]\.?|number|#)`, `commitment\s*(?:n[o0]\.|number|#)`,
		`(?:application|app|case|file|reference|ref)\s*(?:n[o0](?:\.|\b)|number|id|#)`, `reference`,
	), parse: loanIDValue, below: true},
	{name: pipeline.FieldBorrower, labels: labels(
		`(?:primary\s*)?borrower(?:\(s\)|s)?(?:'s)?(?:\s*name(?:\(s\)|s)?)?`, `(?:primary\s*)?borr(?:\s*name)?`,
		`applicant(?:\(s\)|s)?(?:\s*name)?`, `name\s*of\s*(?:borrower|applicant)`, `mortgagor(?:\(s\)|s)?`,
		`prepared\s*for`, `customer(?:\s*name)?`, `client(?:\s*name)?`, `full\s*name`, `name\(s\)`,
	), parse: personValue, below: true},
	{name: pipeline.FieldLender, labels: labels(
		`(?:originating\s*|mortgage\s*)?lender(?:\s*name)?`, `lending\s*institution`, `creditor`, `mortgagee`, `issued\s*by`, `company`,
	), parse: companyValue, below: true},
	{name: pipeline.FieldLoanAmount, labels: labels(
		`(?:base\s*|total\s*|principal\s*|requested\s*|approved\s*|pre-?approved\s*|original\s*|maximum\s*|max\.?\s*|proposed\s*)?loan\s*(?:amount|amt)(?:\s*requested)?`,
		`principal\s*amount(?:\s*of\s*(?:the\s*)?loan)?`, `amount\s*of\s*(?:the\s*)?(?:loan|note|mortgage)`, `mortgage\s*amount`,
		`note\s*(?:amount|amt)`, `pre-?approved\s*amount`, `principal`,
	), parse: amountValue, below: true, numeric: true},
	{name: pipeline.FieldInterestRate, labels: labels(
		`(?:initial\s*|annual\s*|estimated\s*|est\.?\s*|proposed\s*|locked\s*|current\s*|approved\s*)?interest\s*rate`, `int\.?\s*rate`, `note\s*rate`, `contract\s*rate`, `locked\s*rate`,
		`initial\s*rate`, `fixed\s*rate`, `rate`,
	), parse: rateValue, below: true, numeric: true},
	{name: pipeline.FieldAPR, labels: labels(
		`annual\s*percentage\s*rate`, `(?:estimated\s*|est\.\s*)?a\.?\s?p\.?\s?r\.?`,
	), parse: labelledPercentValue, below: true, beside: true, numeric: true},
	{name: pipeline.FieldTerm, labels: labels(
		`loan\s*term`, `term\s*of\s*(?:the\s*)?loan`, `amort(?:ization|\.)?\s*(?:term|period)`, `term\s*/\s*amort`,
		`no\.?\s*of\s*months`, `repayment\s*(?:term|period)`, `term`,
	), parse: labelledTermValue, below: true, numeric: true},
	{name: pipeline.FieldMonthlyPayment, labels: labels(
		`monthly\s*principal\s*(?:&|and)\s*interest(?:\s*payment)?`, `principal\s*(?:&|and)\s*interest(?:\s*payment)?`,
		// "Pé&l": a speck read as an accent.
		`(?:est\.?\s*|estimated\s*)?(?:monthly\s*|mo\.?\s*)?p[^\s&a-z0-9]?\s*&\s*[il1](?:\s*(?:payment|pmt))?`,
		`p(?:a[il1]|&[il1]|8[il1]|[il1])\s*(?:payment|pmt)`, // "PI PAYMENT", and "Pal PMT": OCR's reading of "P&I PMT"
		`(?:est\.?\s*|estimated\s*)?monthly\s*(?:mortgage\s*)?payment(?:\s*amount)?`,
		`monthly\s*installment`, `(?:regular\s*)?payment\s*amount`, `amount\s*of\s*(?:each\s*)?payments?`,
	), parse: paymentValue, below: true, numeric: true},
	{name: pipeline.FieldClosingCosts, labels: labels(
		`(?:(?:estimated|est\.?|total|tot\.?|j\.\s*total)\s*){0,2}closing\s*costs`,
		`(?:total\s*)?(?:estimated\s*|est\.\s*)?settlement\s*charges`,
	), parse: closingCostsValue, below: true, numeric: true},
	{name: pipeline.FieldIssueDate, labels: labels(
		`[do]ate\s*issued`, // "OATE ISSUED": OCR's O for a D
		`issue\s*date`, `date\s*prepared`, `prepared\s*on`, `disclosure\s*date`, `document\s*date`, `confirmation\s*date`,
		`date\s*of\s*(?:this\s*)?(?:letter|commitment|notice|estimate|issue)`, `(?:commitment|approval|letter)\s*date`,
		`issued`, `as\s*of`, `dated`, `date`, `sent`,
	), parse: dateValue, below: true},
	{name: pipeline.FieldProperty, labels: labels(
		`property\s*address`, `subject\s*property(?:\s*address)?`, `subj\.?\s*prop(?:erty)?`, `security\s*property`,
		`property\s*location`, `prop\.?\s*addr(?:ess|\.)?`, `collateral(?:\s*address)?`, `premises`, `property`,
	), parse: addressValue, below: true},
}

// The plausible range of each money field, in cents.
var (
	amountValue       = moneyBetween(1_000_00, 100_000_000_00)
	paymentValue      = moneyBetween(10_00, 1_000_000_00)
	closingCostsValue = moneyBetween(100_00, 10_000_000_00)
)

// rateValue reads a note rate. No mortgage lends at under 2 %: such a
// figure is what OCR makes of a 7 % ("1%", "1.125%"), kept only when the
// loan's other figures prove it (misreadRate).
func rateValue(s string) (any, bool) {
	v, ok := labelledPercentValue(s)
	if !ok || v.(float64) <= 0 {
		return nil, false
	}
	if v.(float64) < minNoteRate {
		return misreadRate(v.(float64)), true
	}
	return v, true
}

// minNoteRate is the lowest note rate read as printed (percent).
const minNoteRate = 2

// misreadRate is a note rate under minNoteRate as read: its leading 1 may
// be a 7 that OCR closed ("7.000 %" read "1%").
type misreadRate float64

// moneyBetween reads an amount after a money label and refuses one outside
// [lo, hi] cents: no mortgage is for $126, no closing costs are $1 (an OCR
// misread such as "$1 2:90.00").
func moneyBetween(lo, hi int64) func(string) (any, bool) {
	return func(s string) (any, bool) {
		v, ok := labelledMoneyValue(s)
		if !ok || v.(int64) < lo || v.(int64) > hi {
			return nil, false
		}
		return v, true
	}
}
