package pipeline

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// glyph is one character with its box, y growing downwards.
type glyph struct {
	text           string
	x0, y0, x1, y1 float64
}

// word is a run of characters with its box, y growing downwards.
type word struct {
	text           string
	x0, y0, x1, y1 float64
}

func (w word) height() float64  { return w.y1 - w.y0 }
func (w word) centerY() float64 { return (w.y0 + w.y1) / 2 }

// wordsFromGlyphs joins characters, in the order the PDF draws them, into
// words: a space, a jump to another line or a gap wider than a third of the
// text height ends a word.
func wordsFromGlyphs(gs []glyph) []word {
	var out []word
	var cur *word
	flush := func() {
		if cur != nil && strings.TrimSpace(cur.text) != "" {
			out = append(out, *cur)
		}
		cur = nil
	}
	// A space without a box is a TJ displacement taken for a word gap; a
	// kerning pair ("Proper" -0.2 "ty" in groff's output) is one too, but
	// leaves the next character touching the last: it does not end the word.
	boxless := false
	for _, g := range gs {
		r := []rune(g.text)
		if len(r) == 0 || unicode.IsSpace(r[0]) || r[0] == 0 || g.x1 <= g.x0 && g.y1 <= g.y0 {
			if g.x1 <= g.x0 && g.y1 <= g.y0 && cur != nil && !boxless {
				boxless = true
				continue
			}
			flush()
			continue
		}
		if cur != nil {
			h := math.Max(cur.height(), g.y1-g.y0)
			sameLine := math.Abs((g.y0+g.y1)/2-cur.centerY()) < h*0.5
			gap := g.x0 - cur.x1
			// Components of a ligature ("fi") overlap: only a jump back of
			// more than a character height starts a new word.
			if !sameLine || gap > h*0.25 || gap < -h || boxless && (gap > h*0.06 || gap < 0) {
				flush()
			}
		}
		boxless = false
		if cur == nil {
			cur = &word{text: g.text, x0: g.x0, y0: g.y0, x1: g.x1, y1: g.y1}
			continue
		}
		cur.text += g.text
		cur.x0, cur.x1 = math.Min(cur.x0, g.x0), math.Max(cur.x1, g.x1)
		cur.y0, cur.y1 = math.Min(cur.y0, g.y0), math.Max(cur.y1, g.y1)
	}
	flush()
	return out
}

// layoutText lays words out as lines of text that keep the page's columns,
// as `pdftotext -layout` does: words on one baseline share a line, and each
// word starts near the column its position on the page gives, so cells of a
// form stay apart by runs of spaces and values stay under their labels.
func layoutText(words []word) string {
	if len(words) == 0 {
		return ""
	}
	charW := medianCharWidth(words)
	sorted := append([]word(nil), words...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].centerY() < sorted[j].centerY() })

	type line struct {
		words  []word
		center float64
		height float64
	}
	var lines []*line
	for _, w := range sorted {
		if n := len(lines); n > 0 {
			l := lines[n-1]
			if math.Abs(w.centerY()-l.center) < math.Min(w.height(), l.height)*0.5 {
				l.words = append(l.words, w)
				continue
			}
		}
		lines = append(lines, &line{words: []word{w}, center: w.centerY(), height: w.height()})
	}

	var b strings.Builder
	prevBottom := math.NaN()
	for _, l := range lines {
		sort.SliceStable(l.words, func(i, j int) bool { return l.words[i].x0 < l.words[j].x0 })
		// A blank line marks a vertical gap of more than a line's height.
		top := l.center - l.height/2
		if !math.IsNaN(prevBottom) && top-prevBottom > l.height*1.2 {
			b.WriteByte('\n')
		}
		prevBottom = l.center + l.height/2
		col := 0
		for i, w := range l.words {
			want := int(math.Round(w.x0 / charW))
			pad := want - col
			if i > 0 && pad < 1 {
				pad = 1
			}
			if i > 0 {
				// A gap of more than two character widths is a cell break:
				// keep at least three spaces so it reads as one.
				if gapChars := (w.x0 - l.words[i-1].x1) / charW; gapChars > 2 && pad < 3 {
					pad = 3
				} else if gapChars <= 2 {
					pad = 1 // words this close belong to one cell: one space
				}
			}
			if pad > 0 {
				b.WriteString(strings.Repeat(" ", pad))
				col += pad
			}
			b.WriteString(w.text)
			col += len([]rune(w.text))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// medianCharWidth estimates the width of one character on the page.
func medianCharWidth(words []word) float64 {
	ws := make([]float64, 0, len(words))
	for _, w := range words {
		if n := len([]rune(w.text)); n > 0 && w.x1 > w.x0 {
			ws = append(ws, (w.x1-w.x0)/float64(n))
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
