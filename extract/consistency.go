package extract

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"loanbatch/pipeline"
)

// The figures of a loan agree with each other: the monthly principal and
// interest is the amortization of the amount at the note rate over the
// term, and the APR is not below the note rate. When the preferred value of
// each figure does not agree, the set of candidates that does (fewest
// steps from the preferred) is taken instead: a rate lock's "8.05 %" price
// column or a statement's one-month principal loses to the figures that
// fit. When no set fits, the preferred values stay and review says why.

// maxCandidates is how many values of each figure are weighed.
const maxCandidates = 4

// chooseConsistent replaces found's amount, rate, term, payment and APR
// with the candidates of alts that agree, when the preferred ones do not,
// and drops a loan amount no larger than a year of payments.
func chooseConsistent(found map[string]hit, alts map[string][]hit) {
	readMisreadRates(found, alts)
	amounts, rates, pays := alts[pipeline.FieldLoanAmount], alts[pipeline.FieldInterestRate], alts[pipeline.FieldMonthlyPayment]
	if len(amounts) > 0 && len(rates) > 0 && len(pays) > 0 && !agrees(found) {
		terms := append([]hit{{}}, alts[pipeline.FieldTerm]...) // {} lets the payment give the term
		best, bestCost := map[string]hit(nil), 1<<30
		for ai, a := range amounts {
			for ri, r := range rates {
				for pi, p := range pays {
					for ti, t := range terms {
						cost := ai + ri + pi + ti
						if cost >= bestCost {
							continue
						}
						set := map[string]hit{pipeline.FieldLoanAmount: a, pipeline.FieldInterestRate: r, pipeline.FieldMonthlyPayment: p}
						if ti > 0 {
							set[pipeline.FieldTerm] = t
						}
						if agrees(set) {
							best, bestCost = set, cost
						}
					}
				}
			}
		}
		for k, h := range best {
			found[k] = h
		}
	}
	if found[pipeline.FieldInterestRate].unproven && !agrees(found) {
		delete(found, pipeline.FieldInterestRate)
		if i := slices.IndexFunc(alts[pipeline.FieldInterestRate], func(h hit) bool { return !h.unproven }); i >= 0 {
			found[pipeline.FieldInterestRate] = alts[pipeline.FieldInterestRate][i]
		}
	}
	// A loan is larger than a year of its payments: a figure that is not
	// (a statement's month of principal) gives way to one that is, or to none.
	if pay, ok := found[pipeline.FieldMonthlyPayment].value.(int64); ok {
		if amount, ok := found[pipeline.FieldLoanAmount].value.(int64); ok && amount <= 12*pay {
			delete(found, pipeline.FieldLoanAmount)
			for _, h := range amounts {
				if h.value.(int64) > 12*pay {
					found[pipeline.FieldLoanAmount] = h
					break
				}
			}
		}
	}
	checkTerm(found)
	checkPayment(found)
	rate, ok := found[pipeline.FieldInterestRate].value.(float64)
	if apr, aok := found[pipeline.FieldAPR].value.(float64); ok && aok && apr+0.0005 < rate {
		for _, h := range alts[pipeline.FieldAPR] {
			if v := h.value.(float64); v+0.0005 >= rate && v-rate < 3 {
				found[pipeline.FieldAPR] = h
				break
			}
		}
	}
}

// readMisreadRates turns each note rate under minNoteRate into two
// unproven candidates, after the rates read as printed: the rate as read,
// and with its leading 1 read as the 7 OCR closed ("1.125%" for 7.125 %).
// Either is kept only when the amount, payment and term agree with it.
func readMisreadRates(found map[string]hit, alts map[string][]hit) {
	var proven, unproven []hit
	for _, h := range alts[pipeline.FieldInterestRate] {
		v, ok := h.value.(misreadRate)
		if !ok {
			proven = append(proven, h)
			continue
		}
		h.unproven = true
		if v >= 1 {
			seven := h
			seven.value = float64(v) + 6
			unproven = append(unproven, seven)
		}
		if v > 1 {
			h.value = float64(v)
			unproven = append(unproven, h)
		}
	}
	rates := append(proven, unproven...)
	if len(rates) == 0 {
		delete(alts, pipeline.FieldInterestRate)
		delete(found, pipeline.FieldInterestRate)
		return
	}
	alts[pipeline.FieldInterestRate] = rates
	found[pipeline.FieldInterestRate] = rates[0]
}

// agrees reports whether a set's payment is the amortization of its amount
// at its rate over its term (or over a whole number of years when the set
// has no term), to the dollar.
func agrees(set map[string]hit) bool {
	amount, ok1 := set[pipeline.FieldLoanAmount].value.(int64)
	rate, ok2 := set[pipeline.FieldInterestRate].value.(float64)
	pay, ok3 := set[pipeline.FieldMonthlyPayment].value.(int64)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	if term, ok := set[pipeline.FieldTerm].value.(int); ok {
		return pipeline.Abs(pipeline.Amortized(amount, rate, term)-pay) <= 100
	}
	_, ok := pipeline.SolveTerm(amount, rate, pay)
	return ok
}

// checkTerm weighs the term read against the other figures. When the
// amount, rate and payment fix the term to a whole number of years, a term
// read otherwise is a misreading ("460 months" on a fax) and gives way to
// it. A term that is not whole years and that no payment confirms is left
// out: mortgages run whole years, and OCR confuses 3 with 4 and 6 with 8.
func checkTerm(found map[string]hit) {
	term, ok := found[pipeline.FieldTerm].value.(int)
	if !ok || agrees(found) {
		return
	}
	amount, ok1 := found[pipeline.FieldLoanAmount].value.(int64)
	rate, ok2 := found[pipeline.FieldInterestRate].value.(float64)
	pay, ok3 := found[pipeline.FieldMonthlyPayment].value.(int64)
	if ok1 && ok2 && ok3 {
		if n, ok := pipeline.SolveTerm(amount, rate, pay); ok && n%12 == 0 && n != term {
			h := found[pipeline.FieldTerm]
			h.value = n
			found[pipeline.FieldTerm] = h
			return
		}
	}
	if term%12 != 0 {
		delete(found, pipeline.FieldTerm)
	}
}

// checkPayment leaves out a monthly payment far from what the amount, rate
// and term amortize to: it is another row's figure (taxes and insurance,
// escrow) taken when OCR lost the payment's own. An interest-only or
// otherwise structured payment stays near the amortized one.
func checkPayment(found map[string]hit) {
	amount, ok1 := found[pipeline.FieldLoanAmount].value.(int64)
	rate, ok2 := found[pipeline.FieldInterestRate].value.(float64)
	term, ok3 := found[pipeline.FieldTerm].value.(int)
	pay, ok4 := found[pipeline.FieldMonthlyPayment].value.(int64)
	if !ok1 || !ok2 || !ok3 || !ok4 || term <= 0 {
		return
	}
	want := pipeline.Amortized(amount, rate, term)
	interestOnly := int64(math.Round(float64(amount) * rate / 1200))
	if want <= 0 || pipeline.Abs(pay-interestOnly) <= 100 {
		return
	}
	if ratio := float64(pay) / float64(want); ratio < 0.5 || ratio > 1.5 {
		delete(found, pipeline.FieldMonthlyPayment)
	}
}

// speckLeadRe is a figure whose first group OCR printed as a lone digit and
// the rest ("$1 13,525.92"): the group cut in two (113,525.92) or a speck
// read as a 1 before the figure (13,525.92).
var speckLeadRe = regexp.MustCompile(`^(?:USD|US\$|\$)?\s*\d (\d{1,2},\d{3}(?:\.\d{2})?)\b`)

// settleSpeckLeads takes, for a money field read from such a figure, the
// other reading when another candidate of the field prints it ("J. TOTAL
// CLOSING COSTS   $13,525.92" under "Closing Costs   $1 13,525.92").
func settleSpeckLeads(lines []textLine, found map[string]hit, alts map[string][]hit) {
	for _, name := range []string{pipeline.FieldLoanAmount, pipeline.FieldMonthlyPayment, pipeline.FieldClosingCosts} {
		h, ok := found[name]
		if !ok || len(alts[name]) < 2 || h.how == byProse {
			continue
		}
		m := speckLeadRe.FindStringSubmatch(textAt(lines, h))
		if m == nil {
			continue
		}
		short, ok := pipeline.ParseMoney(m[1], false)
		if !ok {
			continue
		}
		if k := slices.IndexFunc(alts[name], func(o hit) bool { return o.value == short }); k >= 0 {
			found[name] = alts[name][k]
		}
	}
}

// textAt is the text of h's line from h's column to the end of its cell.
func textAt(lines []textLine, h hit) string {
	if h.line < 0 || h.line >= len(lines) || lines[h.line].page != h.page {
		return ""
	}
	for _, c := range lines[h.line].cells {
		r := []rune(c.text)
		if h.col >= c.col && h.col < c.col+len(r) {
			return strings.TrimSpace(string(r[h.col-c.col:]))
		}
	}
	return ""
}
