package pipeline

import "testing"

func TestParseMoney(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		needCur bool
		want    int64
		ok      bool
	}{
		{"dollars and cents", "$250,000.00", true, 25000000, true},
		{"whole dollars", "$162,000", true, 16200000, true},
		{"USD prefix", "USD 250,000", true, 25000000, true},
		{"US$ with OCR's S for the $", "USS223,120.00", true, 22312000, true},
		{"space after sign", "$ 1,050", true, 105000, true},
		{"space as thousands (OCR)", "$1 050", true, 105000, true},
		{"OCR O for zero", "$16O,OOO", true, 16000000, true},
		{"OCR l for one", "$l,050.00", true, 105000, true},
		{"value then words", "$761.78 NO", true, 76178, true},
		{"leading colon", ": $8,054", true, 805400, true},
		{"OCR's colon for the cents' stop", "US$2,022:97", true, 202297, true},
		{"OCR's space in the first group", "$1 3,404.86", true, 1340486, true},
		{"OCR's space before the comma", "$1 ,025.52", true, 102552, true},
		{"OCR's space in a first group of three", "$12 3,404.86", true, 12340486, true},
		{"OCR's spaces in the first group and the cents", "$1 9,553.1 6", true, 1955316, true},
		{"a cents digit lost", "$19,553.1", true, 0, false},
		{"OCR's bracket and quote before the sign", "}'US$173,000.00", true, 17300000, true},
		{"bare number refused when currency needed", "2013", true, 0, false},
		{"bare number accepted otherwise", "2,500", false, 250000, true},
		{"sentence is not a value", "Includes $5,877.00 in Loan Costs", true, 0, false},
		{"empty", "", true, 0, false},
		{"absurdly long", "$1234567890123456", true, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseMoney(tt.in, tt.needCur)
			if ok != tt.ok || got != tt.want {
				t.Errorf("ParseMoney(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParsePercent(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"6.875%", 6.875, true},
		{"6.875 %", 6.875, true},
		{"4%", 4, true},
		{"3.875 percent", 3.875, true},
		{"3,875%", 3.875, true},
		{"6:5000%:", 6.5, true}, // OCR's colon for the stop
		{"5 500%", 5.5, true},   // OCR's space for the stop
		{"7..1250%", 7.125, true},
		{"4.274% Your costs over the loan term", 4.274, true},
		{"69.45%", 0, false}, // total interest percentage, not a rate
		{"0%", 0, false},
		{"6.875", 0, false},
		{"percent", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParsePercent(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParsePercent(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseTerm(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"30 years", 360, true},
		{"30-year", 360, true},
		{"360 months", 360, true},
		{"15 yrs", 180, true},
		{"1 year", 12, true},
		{"84 mos", 84, true},
		{"20. years", 240, true}, // OCR's speck
		{"30", 0, false},
		{"900 years", 0, false},
		{"years", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseTerm(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseTerm(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"March 14, 2026", "2026-03-14", true},
		{"Mar. 14, 2026", "2026-03-14", true},
		{"August 21,:2024", "2024-08-21", true}, // OCR's specks
		{"Match 12, 2025", "2025-03-12", true},  // one letter of the month misread
		{"Narch 12, 2025", "2025-03-12", true},  // its first letter
		{"i 5/16/2024", "2024-05-16", true},     // a table's rule read as a letter
		{"14 March 2026", "2026-03-14", true},
		{"03/14/2026", "2026-03-14", true},
		{"3/14/26", "2026-03-14", true},
		{"08 13/2025", "2025-08-13", true}, // OCR lost the first slash
		{"12 5/16", "", false},
		{"11 /13/2025", "2025-11-13", true}, // OCR's spaces around a slash
		{"08/22 2024", "2024-08-22", true},  // and for the second slash
		{"1 1-02-2026", "2026-11-02", true}, // and inside the month
		{"26 January 2()24", "2024-01-26", true},
		{"1 1/2 points", "", false},
		{"2026-03-14", "2026-03-14", true},
		{"2/15/2013 at 5:00 p.m.", "2013-02-15", true},
		{"February 7 2014", "2014-02-07", true},
		{"02/30/2026", "", false},
		{"13/01/2026", "2026-01-13", true}, // day first when the month cannot be 13
		{"14.03.2026", "2026-03-14", true},
		{"14-Mar-2026", "2026-03-14", true},
		{"13/13/2026", "", false},
		{"Smarch 14, 2026", "", false},
		{"14", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
