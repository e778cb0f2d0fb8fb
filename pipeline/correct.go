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

// FieldNames are the loan fields, in the contract's order.
var FieldNames = fieldOrder

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
	if !slices.Contains(fieldOrder, field) {
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
	case slices.Contains(fieldOrder, field):
		return strings.Join(strings.Fields(text), " "), nil
	default:
		return nil, fmt.Errorf("%w: %s", ErrUnknownField, field)
	}
	return nil, bad
}
