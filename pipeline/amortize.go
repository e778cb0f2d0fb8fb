package pipeline

import "math"

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

// SolveTerm finds the whole number of years, 1 to 40, whose fully
// amortizing monthly payment on amount at rate is payment to the dollar;
// loans run for whole years, which keeps a wrong payment from "solving" to
// an odd term.
func SolveTerm(amountCents int64, ratePct float64, paymentCents int64) (int, bool) {
	r := ratePct / 100 / 12
	k := float64(amountCents) * r / float64(paymentCents)
	if r <= 0 || k >= 1 {
		return 0, false // interest only, or a payment that never repays
	}
	n := int(math.Round(-math.Log(1-k) / math.Log(1+r)))
	if n < 12 || n > 480 || n%12 != 0 || Abs(Amortized(amountCents, ratePct, n)-paymentCents) > 100 {
		return 0, false
	}
	return n, true
}

// Abs is the absolute value of cents.
func Abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
