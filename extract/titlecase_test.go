package extract

import "testing"

func TestTitleCase(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"CLEARWATER BANK, N.A", "Clearwater Bank, N.A."},
		{"CLEARWATER BANK, N.A.", "Clearwater Bank, N.A."},
		{"SUMMIT HOME LOANS LLC", "Summit Home Loans LLC"},
		{"FIRST FEDERAL SAVINGS, FSB", "First Federal Savings, FSB"},
		{"MARIA T. GONZALEZ", "Maria T. Gonzalez"},
		{"JAMES O'NEIL III", "James O'Neil III"},
		{"ANNA SMITH-JONES", "Anna Smith-Jones"},
	} {
		if got := titleCase(c.in); got != c.want {
			t.Errorf("titleCase(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}
