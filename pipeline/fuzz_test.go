package pipeline

import (
	"testing"
)

// The fuzz targets are seeded with the table tests' inputs; `make fuzz`
// runs each for a while. They assert that no input panics or hangs and
// that what comes back keeps its promises.

func FuzzParsers(f *testing.F) {
	for _, s := range []string{
		"$250,000.00", "USD 250,000", "$1 050", "$16O,OOO", "6.875 %", "3,875%", "4%",
		"30 years", "360 months", "30-year", "March 14, 2026", "03/14/2026", "2026-03-14", "14 March 2026", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, ok := ParseMoney(s, false); ok && c < 0 {
			t.Fatalf("negative money %d from %q", c, s)
		}
		if p, ok := ParsePercent(s); ok && (p <= 0 || p >= 30) {
			t.Fatalf("rate %v from %q", p, s)
		}
		if m, ok := ParseTerm(s); ok && (m < 1 || m > 600) {
			t.Fatalf("term %d from %q", m, s)
		}
		if d, ok := ParseDate(s); ok && (len(d) != 10 || d[4] != '-' || d[7] != '-') {
			t.Fatalf("date %q from %q", d, s)
		}
	})
}
