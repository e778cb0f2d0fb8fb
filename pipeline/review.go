package pipeline

import (
	"fmt"
	"math"
	"time"
)

// confidenceOf is how far a value found by method can be trusted before the
// cross-checks: a labelled value more than one read from prose or guessed
// from a letterhead, a text layer more than OCR.
func confidenceOf(how method, ocr bool) float64 {
	c := map[method]float64{
		byLabel: 0.95, byRepeat: 0.97, byLabelBelow: 0.88, byLabelBeside: 0.85,
		byProse: 0.85, byLetterDate: 0.8, byLetterhead: 0.75, byAddressee: 0.8, bySignature: 0.75,
	}[how]
	if ocr {
		c *= 0.92
	}
	return math.Round(c*100) / 100
}

// keyFields are the fields without which a result is not a usable loan record.
var keyFields = []struct{ name, words string }{
	{"loan_id", "loan ID"}, {"borrower_name", "borrower"}, {"loan_amount_cents", "loan amount"}, {"interest_rate_pct", "interest rate"},
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
		(f.TermMonths == 0 || abs(Amortized(f.LoanAmountCents, f.InterestRatePct, f.TermMonths)-f.MonthlyPaymentCents) > 100) {
		if n, ok := solveTerm(f.LoanAmountCents, f.InterestRatePct, f.MonthlyPaymentCents); ok {
			reason := fmt.Sprintf("term of %d months worked out from the payment, amount and rate", n)
			if f.TermMonths != 0 {
				flag(fmt.Sprintf("%s (the document reads %d months)", reason, f.TermMonths))
			} else {
				note(reason)
			}
			f.TermMonths, x.Fields.TermMonths = n, n
			x.Confidence["term_months"] = 0.9
			x.Pages["term_months"] = x.Pages["monthly_payment_cents"]
		}
	}
	if f.LoanAmountCents > 0 && f.InterestRatePct > 0 && f.TermMonths > 0 && f.MonthlyPaymentCents > 0 {
		amortized := Amortized(f.LoanAmountCents, f.InterestRatePct, f.TermMonths)
		interestOnly := int64(math.Round(float64(f.LoanAmountCents) * f.InterestRatePct / 1200))
		switch {
		case abs(amortized-f.MonthlyPaymentCents) <= 100:
			raise("loan_amount_cents", "interest_rate_pct", "term_months", "monthly_payment_cents")
		case abs(interestOnly-f.MonthlyPaymentCents) <= 100:
			raise("loan_amount_cents", "interest_rate_pct", "monthly_payment_cents")
			note(fmt.Sprintf("monthly payment %s is interest only (a fully amortizing payment would be %s)",
				dollars(f.MonthlyPaymentCents), dollars(amortized)))
		default:
			setConf("monthly_payment_cents", 0.5)
			flag(fmt.Sprintf("monthly P&I %s does not match the amount, rate and term (%s expected)",
				dollars(f.MonthlyPaymentCents), dollars(amortized)))
		}
	}
	if f.APRPct > 0 && f.InterestRatePct > 0 && f.APRPct+0.0005 < f.InterestRatePct {
		setConf("apr_pct", 0.5)
		setConf("interest_rate_pct", 0.5)
		flag(fmt.Sprintf("APR %.3f%% is below the note rate %.3f%%", f.APRPct, f.InterestRatePct))
	}
	if f.IssueDate != "" {
		if d, err := time.Parse("2006-01-02", f.IssueDate); err == nil &&
			(d.Year() < 1990 || d.After(now.AddDate(1, 0, 0))) {
			setConf("issue_date", 0.4)
			flag("issue date " + f.IssueDate + " is implausible")
		}
	}
	for _, name := range FieldNames {
		if c, ok := x.Confidence[name]; ok && c < lowConfidence && !x.NeedsReview {
			flag(fmt.Sprintf("low confidence in %s", name))
		}
	}
}

// Amortized is the monthly principal and interest, in cents, of a fully
// amortizing loan of amount cents at rate percent for months.
func Amortized(amountCents int64, ratePct float64, months int) int64 {
	if months <= 0 {
		return 0
	}
	p := float64(amountCents)
	r := ratePct / 100 / 12
	if r == 0 {
		return int64(math.Round(p / float64(months)))
	}
	return int64(math.Round(p * r / (1 - math.Pow(1+r, -float64(months)))))
}

// solveTerm finds the whole number of years, 1 to 40, whose fully
// amortizing monthly payment on amount at rate is payment to the dollar;
// loans run for whole years, which keeps a wrong payment from "solving" to
// an odd term.
func solveTerm(amountCents int64, ratePct float64, paymentCents int64) (int, bool) {
	r := ratePct / 100 / 12
	k := float64(amountCents) * r / float64(paymentCents)
	if r <= 0 || k >= 1 {
		return 0, false // interest only, or a payment that never repays
	}
	n := int(math.Round(-math.Log(1-k) / math.Log(1+r)))
	if n < 12 || n > 480 || n%12 != 0 || abs(Amortized(amountCents, ratePct, n)-paymentCents) > 100 {
		return 0, false
	}
	return n, true
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func dollars(cents int64) string {
	return fmt.Sprintf("$%.2f", float64(cents)/100)
}
