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

// A document's title or a label run into a name is not a name: the field
// is left empty rather than wrong.
func TestTitlesAndLabelsAreNotNames(t *testing.T) {
	for _, s := range []string{"Conditional Commitment", "Yuki M. Whitaker Id", "Commitment Letter"} {
		if v, ok := cleanName(s, false); ok {
			t.Errorf("cleanName(%q) = %q; want no name", s, v)
		}
	}
	if v, ok := cleanName("Idalia M. Whitaker", false); !ok || v != "Idalia M. Whitaker" {
		t.Errorf("cleanName(Idalia M. Whitaker) = %v, %t", v, ok)
	}
}
