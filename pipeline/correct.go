package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
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

// Get returns a field's value in the contract's units (nil when absent).
func (f Fields) Get(field string) any {
	m := f.asMap()
	return m[field]
}

// Set changes a field to v (a value in the contract's units, or nil to
// clear it).
func (f *Fields) Set(field string, v any) error {
	if !slices.Contains(FieldNames, field) {
		return fmt.Errorf("%w: %s", ErrUnknownField, field)
	}
	m := f.asMap()
	if v == nil {
		delete(m, field)
	} else {
		m[field] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	var out Fields
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Errorf("%s: %w", field, err)
	}
	*f = out
	return nil
}

func (f Fields) asMap() map[string]any {
	b, _ := json.Marshal(f)
	m := map[string]any{}
	_ = json.Unmarshal(b, &m)
	return m
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
	bad := fmt.Errorf("%q is not a valid %s", text, strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(field, "_cents"), "_pct"), "_months"), "_", " "))
	switch {
	case strings.HasSuffix(field, "_cents"):
		if c, ok := parseMoney(text, false); ok && c > 0 {
			return c, nil
		}
	case strings.HasSuffix(field, "_pct"):
		if p, ok := parsePercent(text); ok {
			return p, nil
		}
		if v, err := strconv.ParseFloat(strings.TrimSpace(text), 64); err == nil && v > 0 && v < 30 {
			return v, nil
		}
	case field == "term_months":
		if v, ok := labelledTermValue(text); ok {
			return v, nil
		}
	case field == "issue_date":
		if d, ok := parseDate(text); ok {
			return d, nil
		}
	case slices.Contains(FieldNames, field):
		return strings.Join(strings.Fields(text), " "), nil
	default:
		return nil, fmt.Errorf("%w: %s", ErrUnknownField, field)
	}
	return nil, bad
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
	num := func() float64 { return Number(v) }
	switch {
	case v == nil:
		return ""
	case strings.HasSuffix(field, "_cents"):
		return Dollars(int64(num()))
	case strings.HasSuffix(field, "_pct"):
		return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(num(), 'f', 3, 64), "0"), ".") + " %"
	case field == "term_months":
		return fmt.Sprintf("%d months", int(num()))
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
		out["apr_pct"] = fmt.Sprintf("below the note rate (%s)", FormatValue("interest_rate_pct", f.InterestRatePct))
	}
	if f.LoanAmountCents > 0 && f.InterestRatePct > 0 && f.TermMonths > 0 && f.MonthlyPaymentCents > 0 {
		want := Amortized(f.LoanAmountCents, f.InterestRatePct, f.TermMonths)
		interestOnly := int64(float64(f.LoanAmountCents) * f.InterestRatePct / 1200)
		if abs(f.MonthlyPaymentCents-want) > 100 && abs(f.MonthlyPaymentCents-interestOnly) > 100 {
			out["monthly_payment_cents"] = fmt.Sprintf("amount, rate and term give %s", Dollars(want))
		}
	}
	return out
}
