package extract

import (
	"fmt"
	"math"
	"time"

	"loanbatch/pipeline"
)

// confidenceOf is how far a value found by method can be trusted before the
// cross-checks: a labelled value more than one read from prose or guessed
// from a letterhead, a text layer more than OCR.
func confidenceOf(how method, ocr bool) float64 {
	c := map[method]float64{
		byLabel: 0.95, byRepeat: 0.97, byLabelBelow: 0.88, byLabelBeside: 0.85,
		byProse: 0.85, byLetterDate: 0.8, byLetterhead: 0.75, byAddressee: 0.8, bySignature: 0.75, byAmortization: 0.8,
	}[how]
	if ocr {
		c *= 0.92
	}
	return math.Round(c*100) / 100
}

// keyFields are the fields without which a result is not a usable loan record.
var keyFields = []struct{ name, words string }{
	{pipeline.FieldLoanID, "loan ID"}, {pipeline.FieldBorrower, "borrower"}, {pipeline.FieldLoanAmount, "loan amount"}, {pipeline.FieldInterestRate, "interest rate"},
}

// lowConfidence is the confidence under which a field asks for review.
const lowConfidence = 0.6

// review cross-checks an extraction and marks it for review, with reasons,
// when a key field is missing, a check fails or a field is doubtful:
//   - the monthly principal and interest recomputed from amount, rate and
//     term (to the dollar; an interest-only payment is recognised and said);
//   - the APR is not below the note rate;
//   - the issue date is plausible (1990 to a year from now).
func review(x *Extraction, now time.Time) {
	f := x.Fields
	// flag records a reason that asks for review; note one that only explains.
	flag := func(reason string) {
		x.NeedsReview = true
		x.ReviewReasons = append(x.ReviewReasons, reason)
	}
	note := func(reason string) { x.ReviewReasons = append(x.ReviewReasons, reason) }
	if len(x.Confidence) == 0 {
		flag("no loan fields found")
		return
	}
	for _, k := range keyFields {
		if _, ok := x.Confidence[k.name]; !ok {
			if why := unprintedReason(x.Type, k.name); why != "" {
				note(why) // the form does not print it: nothing to check
				continue
			}
			flag("no " + k.words + " found")
		}
	}
	setConf := func(name string, c float64) {
		if _, ok := x.Confidence[name]; ok {
			x.Confidence[name] = c
		}
	}
	raise := func(names ...string) {
		for _, n := range names {
			if c, ok := x.Confidence[n]; ok && c < 0.99 {
				x.Confidence[n] = math.Max(c, 0.99)
			}
		}
	}
	// A term that is missing or contradicts the payment is solved from the
	// payment, amount and rate when exactly one whole number of months fits.
	if f.LoanAmountCents > 0 && f.InterestRatePct > 0 && f.MonthlyPaymentCents > 0 &&
		(f.TermMonths == 0 || pipeline.Abs(pipeline.Amortized(f.LoanAmountCents, f.InterestRatePct, f.TermMonths)-f.MonthlyPaymentCents) > 100) {
		if n, ok := pipeline.SolveTerm(f.LoanAmountCents, f.InterestRatePct, f.MonthlyPaymentCents); ok {
			reason := fmt.Sprintf("term of %d months worked out from the payment, amount and rate", n)
			if f.TermMonths != 0 {
				flag(fmt.Sprintf("%s (the document reads %d months)", reason, f.TermMonths))
			} else {
				note(reason)
			}
			f.TermMonths, x.Fields.TermMonths = n, n
			x.Confidence[pipeline.FieldTerm] = 0.9
			x.Pages[pipeline.FieldTerm] = x.Pages[pipeline.FieldMonthlyPayment]
		}
	}
	if f.LoanAmountCents > 0 && f.InterestRatePct > 0 && f.TermMonths > 0 && f.MonthlyPaymentCents > 0 {
		amortized := pipeline.Amortized(f.LoanAmountCents, f.InterestRatePct, f.TermMonths)
		interestOnly := int64(math.Round(float64(f.LoanAmountCents) * f.InterestRatePct / 1200))
		switch {
		case pipeline.Abs(amortized-f.MonthlyPaymentCents) <= 100:
			raise(pipeline.FieldLoanAmount, pipeline.FieldInterestRate, pipeline.FieldTerm, pipeline.FieldMonthlyPayment)
		case pipeline.Abs(interestOnly-f.MonthlyPaymentCents) <= 100:
			raise(pipeline.FieldLoanAmount, pipeline.FieldInterestRate, pipeline.FieldMonthlyPayment)
			note(fmt.Sprintf("monthly payment %s is interest only (a fully amortizing payment would be %s)",
				pipeline.Dollars(f.MonthlyPaymentCents), pipeline.Dollars(amortized)))
		default:
			setConf(pipeline.FieldMonthlyPayment, 0.5)
			flag(fmt.Sprintf("monthly P&I %s does not match the amount, rate and term (%s expected)",
				pipeline.Dollars(f.MonthlyPaymentCents), pipeline.Dollars(amortized)))
		}
	}
	if f.APRPct > 0 && f.InterestRatePct > 0 && f.APRPct+0.0005 < f.InterestRatePct {
		setConf(pipeline.FieldAPR, 0.5)
		setConf(pipeline.FieldInterestRate, 0.5)
		flag(fmt.Sprintf("APR %.3f%% is below the note rate %.3f%%", f.APRPct, f.InterestRatePct))
	}
	if f.IssueDate != "" {
		if d, err := time.Parse("2006-01-02", f.IssueDate); err == nil &&
			(d.Year() < 1990 || d.After(now.AddDate(1, 0, 0))) {
			setConf(pipeline.FieldIssueDate, 0.4)
			flag("issue date " + f.IssueDate + " is implausible")
		}
	}
	for _, name := range pipeline.FieldNames {
		if c, ok := x.Confidence[name]; ok && c < lowConfidence && !x.NeedsReview {
			flag(fmt.Sprintf("low confidence in %s", name))
		}
	}
}
