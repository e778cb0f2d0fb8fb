package textlayout

import "testing"

func TestWordsFromGlyphs(t *testing.T) {
	g := func(s string, x0, x1 float64) Glyph { return Glyph{Text: s, X0: x0, Y0: 0, X1: x1, Y1: 10} }
	tests := []struct {
		name  string
		in    []Glyph
		words []string
	}{
		{"space splits", []Glyph{g("a", 0, 5), g(" ", 5, 8), g("b", 8, 13)}, []string{"a", "b"}},
		{"a wide gap splits", []Glyph{g("a", 0, 5), g("b", 9, 14)}, []string{"a", "b"}},
		// A ligature's parts overlap ("fi" drawn as one glyph): one word.
		{"ligature parts stay together", []Glyph{g("S", 0, 5), g("f", 5, 11), g("i", 6, 9), g("e", 11, 16)}, []string{"Sfie"}},
		// A TJ kerning displacement read as a space leaves no gap on the page.
		{"kerning taken for a space joins", []Glyph{g("r", 0, 5), {Text: " "}, g("t", 5.2, 9)}, []string{"rt"}},
		{"a boxless space with a gap splits", []Glyph{g("a", 0, 5), {Text: " "}, g("b", 7, 12)}, []string{"a", "b"}},
		{"a jump back splits", []Glyph{g("a", 50, 55), g("b", 0, 5)}, []string{"a", "b"}},
	}
	for _, tt := range tests {
		got := WordsFromGlyphs(tt.in)
		var texts []string
		for _, w := range got {
			texts = append(texts, w.Text)
		}
		if len(texts) != len(tt.words) {
			t.Errorf("%s: %q; want %q", tt.name, texts, tt.words)
			continue
		}
		for i := range texts {
			if texts[i] != tt.words[i] {
				t.Errorf("%s: %q; want %q", tt.name, texts, tt.words)
			}
		}
	}
}
