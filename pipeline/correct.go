package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Correction is a loan officer's value for a field, kept beside the
// extracted one, never over it.
type Correction struct {
	Field     string    `json:"field"`
	Extracted any       `json:"extracted"`
	Corrected any       `json:"corrected"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
}

// Review records who marked a result reviewed.
type Review struct {
	By string    `json:"by"`
	At time.Time `json:"at"`
}

// ErrUnknownField is returned for a field name not in FieldNames.
var ErrUnknownField = errors.New("pipeline: unknown field")

// Get returns a field's value in the contract's units: int64 cents,
// float64 percent, int months or a string; nil when absent.
func (f Fields) Get(field string) any {
	spec, ok := FieldSpecOf(field)
	if !ok {
		return nil
	}
	switch p := spec.ref(&f).(type) {
	case *string:
		if *p != "" {
			return *p
		}
	case *int64:
		if *p != 0 {
			return *p
		}
	case *float64:
		if *p != 0 {
			return *p
		}
	case *int:
		if *p != 0 {
			return *p
		}
	}
	return nil
}

// Set changes a field to v, a value in the contract's units (any Go or
// JSON number for the numeric fields), or nil to clear it.
func (f *Fields) Set(field string, v any) error {
	spec, ok := FieldSpecOf(field)
	if !ok {
		return fmt.Errorf("%w: %s", ErrUnknownField, field)
	}
	ref := spec.ref(f)
	if v == nil {
		switch p := ref.(type) {
		case *string:
			*p = ""
		case *int64:
			*p = 0
		case *float64:
			*p = 0
		case *int:
			*p = 0
		}
		return nil
	}
	text, isText := v.(string)
	num, isNum := numberOf(v)
	switch p := ref.(type) {
	case *string:
		if !isText {
			return fmt.Errorf("%s: %v is not text", field, v)
		}
		*p = text
	case *int64:
		if !isNum || num != float64(int64(num)) {
			return fmt.Errorf("%s: %v is not a whole number of cents", field, v)
		}
		*p = int64(num)
	case *float64:
		if !isNum {
			return fmt.Errorf("%s: %v is not a number", field, v)
		}
		*p = num
	case *int:
		if !isNum || num != float64(int(num)) {
			return fmt.Errorf("%s: %v is not a whole number of months", field, v)
		}
		*p = int(num)
	}
	return nil
}

// numberOf is v as a float64 when v is a number.
func numberOf(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		n, err := x.Float64()
		return n, err == nil
	}
	return 0, false
}

// ParseFieldValue reads what a person typed for a field: money as
// "$250,000" or "250000.00", rates as "6.875" or "6.875 %", terms as
// "360", "360 months" or "30 years", dates in the styles documents use.
// Empty text clears the field (nil).
func ParseFieldValue(field, text string) (any, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	spec, ok := FieldSpecOf(field)
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknownField, field)
	}
	switch spec.Kind {
	case ValueMoney:
		if c, ok := ParseMoney(text, false); ok && c > 0 {
			return c, nil
		}
	case ValueRate:
		if p, ok := ParsePercent(text); ok {
			return p, nil
		}
		if v, err := strconv.ParseFloat(strings.TrimSpace(text), 64); err == nil && v > 0 && v < 30 {
			return v, nil
		}
	case ValueMonths:
		if v, ok := ParseMonths(text); ok {
			return v, nil
		}
	case ValueDate:
		if d, ok := ParseDate(text); ok {
			return d, nil
		}
	default:
		return strings.Join(strings.Fields(text), " "), nil
	}
	return nil, fmt.Errorf("%q is not a valid %s", text, fieldWords(field))
}

// fieldWords is a field's key in words: "loan amount" for
// "loan_amount_cents".
func fieldWords(key string) string {
	for _, unit := range []string{"_cents", "_pct", "_months"} {
		key = strings.TrimSuffix(key, unit)
	}
	return strings.ReplaceAll(key, "_", " ")
}

// Dollars formats cents as "$250,000.00"; zero (not found) gives "".
func Dollars(cents int64) string {
	if cents == 0 {
		return ""
	}
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	s := fmt.Sprintf("$%s.%02d", b.String(), cents%100)
	if neg {
		s = "-" + s
	}
	return s
}

// Number is a field value (int, int64 or a JSON float64) as a float64; 0
// for anything else.
func Number(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case int:
		return float64(x)
	case float64:
		return x
	}
	return 0
}

// FormatValue shows a field's value as a person reads it: dollars, percent,
// months, or the text itself.
func FormatValue(field string, v any) string {
	if v == nil {
		return ""
	}
	spec, _ := FieldSpecOf(field)
	switch spec.Kind {
	case ValueMoney:
		return Dollars(int64(Number(v)))
	case ValueRate:
		return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(Number(v), 'f', 3, 64), "0"), ".") + " %"
	case ValueMonths:
		return fmt.Sprintf("%d months", int(Number(v)))
	}
	return fmt.Sprint(v)
}

// FieldProblems cross-checks a result's values as a person sets them and
// returns, by the field each points at, what does not add up: an APR below
// the note rate, or a monthly P&I that neither amount, rate and term give
// (to the dollar) nor is their interest-only payment.
func FieldProblems(f Fields) map[string]string {
	out := map[string]string{}
	if f.APRPct > 0 && f.InterestRatePct > 0 && f.APRPct+1e-9 < f.InterestRatePct {
		out[FieldAPR] = fmt.Sprintf("below the note rate (%s)", FormatValue(FieldInterestRate, f.InterestRatePct))
	}
	if f.LoanAmountCents > 0 && f.InterestRatePct > 0 && f.TermMonths > 0 && f.MonthlyPaymentCents > 0 {
		want := Amortized(f.LoanAmountCents, f.InterestRatePct, f.TermMonths)
		interestOnly := int64(float64(f.LoanAmountCents) * f.InterestRatePct / 1200)
		if Abs(f.MonthlyPaymentCents-want) > 100 && Abs(f.MonthlyPaymentCents-interestOnly) > 100 {
			out[FieldMonthlyPayment] = fmt.Sprintf("amount, rate and term give %s", Dollars(want))
		}
	}
	return out
}

// SameValue tells whether two values of a field are the same: a parsed
// value and a stored one, whatever Go or JSON number type each is.
func SameValue(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if _, isText := a.(string); isText {
		return fmt.Sprint(a) == fmt.Sprint(b)
	}
	return Number(a) == Number(b)
}
