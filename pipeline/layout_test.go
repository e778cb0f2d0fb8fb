package pipeline

import "testing"

func TestWordsFromGlyphs(t *testing.T) {
	g := func(s string, x0, x1 float64) glyph { return glyph{text: s, x0: x0, y0: 0, x1: x1, y1: 10} }
	tests := []struct {
		name  string
		in    []glyph
		words []string
	}{
		{"space splits", []glyph{g("a", 0, 5), g(" ", 5, 8), g("b", 8, 13)}, []string{"a", "b"}},
		{"a wide gap splits", []glyph{g("a", 0, 5), g("b", 9, 14)}, []string{"a", "b"}},
		// A ligature's parts overlap ("fi" drawn as one glyph): one word.
		{"ligature parts stay together", []glyph{g("S", 0, 5), g("f", 5, 11), g("i", 6, 9), g("e", 11, 16)}, []string{"Sfie"}},
		// A TJ kerning displacement read as a space leaves no gap on the page.
		{"kerning taken for a space joins", []glyph{g("r", 0, 5), {text: " "}, g("t", 5.2, 9)}, []string{"rt"}},
		{"a boxless space with a gap splits", []glyph{g("a", 0, 5), {text: " "}, g("b", 7, 12)}, []string{"a", "b"}},
		{"a jump back splits", []glyph{g("a", 50, 55), g("b", 0, 5)}, []string{"a", "b"}},
	}
	for _, tt := range tests {
		got := wordsFromGlyphs(tt.in)
		var texts []string
		for _, w := range got {
			texts = append(texts, w.text)
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
