// Package textlayout turns words with their boxes into lines of text: the one
// geometry-to-text step every reader (the PDF text layer, PDFium, OCR) shares.
package textlayout

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// Glyph is one character with its box, y growing downwards.
type Glyph struct {
	Text           string
	X0, Y0, X1, Y1 float64
}

// Word is a run of characters with its box, y growing downwards.
type Word struct {
	Text           string
	X0, Y0, X1, Y1 float64
}

func (w Word) Height() float64  { return w.Y1 - w.Y0 }
func (w Word) CenterY() float64 { return (w.Y0 + w.Y1) / 2 }

// WordsFromGlyphs joins characters, in the order the PDF draws them, into
// words: a space, a jump to another line or a gap wider than a third of the
// text height ends a word.
func WordsFromGlyphs(gs []Glyph) []Word {
	var out []Word
	var cur *Word
	flush := func() {
		if cur != nil && strings.TrimSpace(cur.Text) != "" {
			out = append(out, *cur)
		}
		cur = nil
	}
	// A space without a box is a TJ displacement taken for a word gap; a
	// kerning pair ("Proper" -0.2 "ty" in groff's output) is one too, but
	// leaves the next character touching the last: it does not end the word,
	// nor does a space that negative character and word spacing take back
	// until the next character overlaps the last (groff's "Tr a" + "il").
	boxless := false
	for _, g := range gs {
		r := []rune(g.Text)
		if len(r) == 0 || unicode.IsSpace(r[0]) || r[0] == 0 || g.X1 <= g.X0 && g.Y1 <= g.Y0 {
			if g.X1 <= g.X0 && g.Y1 <= g.Y0 && cur != nil && !boxless {
				boxless = true
				continue
			}
			flush()
			continue
		}
		if cur != nil {
			h := math.Max(cur.Height(), g.Y1-g.Y0)
			sameLine := math.Abs((g.Y0+g.Y1)/2-cur.CenterY()) < h*0.5
			gap := g.X0 - cur.X1
			// Components of a ligature ("fi") overlap: only a jump back of
			// more than a character height starts a new word.
			if !sameLine || gap > h*0.25 || gap < -h || boxless && (gap > h*0.06 || gap < -h*0.06) {
				flush()
			}
		}
		boxless = false
		if cur == nil {
			cur = &Word{Text: g.Text, X0: g.X0, Y0: g.Y0, X1: g.X1, Y1: g.Y1}
			continue
		}
		cur.Text += g.Text
		cur.X0, cur.X1 = math.Min(cur.X0, g.X0), math.Max(cur.X1, g.X1)
		cur.Y0, cur.Y1 = math.Min(cur.Y0, g.Y0), math.Max(cur.Y1, g.Y1)
	}
	flush()
	return out
}

// Layout lays words out as lines of text that keep the page's columns,
// as `pdftotext -layout` does: words on one baseline share a line, and each
// word starts near the column its position on the page gives, so cells of a
// form stay apart by runs of spaces and values stay under their labels.
func Layout(words []Word) string {
	if len(words) == 0 {
		return ""
	}
	charW := MedianCharWidth(words)
	sorted := append([]Word(nil), words...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].CenterY() < sorted[j].CenterY() })

	type line struct {
		words  []Word
		center float64
		height float64
	}
	var lines []*line
	for _, w := range sorted {
		if n := len(lines); n > 0 {
			l := lines[n-1]
			if math.Abs(w.CenterY()-l.center) < math.Min(w.Height(), l.height)*0.5 {
				l.words = append(l.words, w)
				continue
			}
		}
		lines = append(lines, &line{words: []Word{w}, center: w.CenterY(), height: w.Height()})
	}

	var b strings.Builder
	prevBottom := math.NaN()
	for _, l := range lines {
		sort.SliceStable(l.words, func(i, j int) bool { return l.words[i].X0 < l.words[j].X0 })
		// A blank line marks a vertical gap of more than a line's height.
		top := l.center - l.height/2
		if !math.IsNaN(prevBottom) && top-prevBottom > l.height*1.2 {
			b.WriteByte('\n')
		}
		prevBottom = l.center + l.height/2
		col := 0
		for i, w := range l.words {
			want := int(math.Round(w.X0 / charW))
			pad := want - col
			if i > 0 && pad < 1 {
				pad = 1
			}
			if i > 0 {
				// A gap of more than two character widths is a cell break:
				// keep at least three spaces so it reads as one.
				if gapChars := (w.X0 - l.words[i-1].X1) / charW; gapChars > 2 && pad < 3 {
					pad = 3
				} else if gapChars <= 2 {
					pad = 1 // words this close belong to one cell: one space
				}
			}
			if pad > 0 {
				b.WriteString(strings.Repeat(" ", pad))
				col += pad
			}
			b.WriteString(w.Text)
			col += len([]rune(w.Text))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// MedianCharWidth estimates the width of one character on the page.
func MedianCharWidth(words []Word) float64 {
	ws := make([]float64, 0, len(words))
	for _, w := range words {
		if n := len([]rune(w.Text)); n > 0 && w.X1 > w.X0 {
			ws = append(ws, (w.X1-w.X0)/float64(n))
		}
	}
	if len(ws) == 0 {
		return 1
	}
	sort.Float64s(ws)
	m := ws[len(ws)/2]
	if m <= 0 {
		return 1
	}
	return m
}

// CountAlnum is how many letters and digits the words hold.
func CountAlnum(ws []Word) int {
	n := 0
	for _, w := range ws {
		for _, r := range w.Text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
			}
		}
	}
	return n
}

// Ligatures are the typographic Ligatures fonts draw as one glyph.
var Ligatures = map[rune]string{'ﬀ': "ff", 'ﬁ': "fi", 'ﬂ': "fl", 'ﬃ': "ffi", 'ﬄ': "ffl", 'ﬅ': "st", 'ﬆ': "st"}
