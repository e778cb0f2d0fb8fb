package pdftext

import (
	"context"
	"testing"
)

func TestEncodingsAndGlyphNames(t *testing.T) {
	text := func(encoding string, code byte) string {
		var enc [256]string
		if !setEncoding(&enc, encoding) {
			t.Fatalf("%s unknown", encoding)
		}
		s, _ := glyphText(enc[code])
		return s
	}
	tests := []struct {
		name, got, want string
	}{
		{"WinAnsi A", text("WinAnsiEncoding", 'A'), "A"},
		{"WinAnsi dollar", text("WinAnsiEncoding", '$'), "$"},
		{"WinAnsi right quote", text("WinAnsiEncoding", 0x92), "\u2019"},
		{"WinAnsi e acute", text("WinAnsiEncoding", 0xE9), "é"},
		{"WinAnsi no-break space", text("WinAnsiEncoding", 0xA0), " "},
		{"Standard apostrophe is a right quote", text("StandardEncoding", '\''), "\u2019"},
		{"Standard fi ligature", text("StandardEncoding", 0xAE), "fi"},
		{"MacRoman above ASCII is unknown", text("MacRomanEncoding", 0xE9), ""},
		{"variant suffix", must(glyphText("a.sc")), "a"},
		{"ligature by underscores", must(glyphText("f_f_i")), "ffi"},
		{"uniXXXX", must(glyphText("uni20AC")), "€"},
		{"uXXXXX", must(glyphText("u1F600")), "😀"},
		{"unknown name", must(glyphText("g123")), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q; want %q", tt.name, tt.got, tt.want)
		}
	}
	var enc [256]string
	if setEncoding(&enc, "MacExpertEncoding") {
		t.Error("MacExpertEncoding accepted: the Go reader does not know it")
	}
}

func must(s string, _ bool) string { return s }

func TestParseToUnicode(t *testing.T) {
	cmap := []byte(`/CIDInit /ProcSet findresource begin
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0011> <D83DDE00> endbfchar
2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0066006C> <0031>] endbfrange
endcmap`)
	m, err := parseToUnicode(cmap, newReadBudget(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[int]string{0x03: " ", 0x11: "😀", 0x24: "A", 0x25: "B", 0x26: "C", 0x30: "fl", 0x31: "1"} {
		if m[code] != want {
			t.Errorf("code %#x: %q; want %q", code, m[code], want)
		}
	}
	if _, ok := m[0x27]; ok {
		t.Error("code 0x27 mapped past the end of its range")
	}
}
