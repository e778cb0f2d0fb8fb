package pdftext

import (
	"fmt"
	"math"
	"unicode"

	"loanbatch/textlayout"
)

// Showing text as PDFium's text page sees it: character boxes, spaces
// inferred from gaps, duplicates of fake bold dropped, line-end hyphens
// removed.

// showArray draws a TJ array: strings, and numbers that move the next
// glyph back by thousandths of the font size. A move of half a space or
// more is a word gap, as PDFium judges it.
func (in *textInterp) showArray(arr []pdfToken) error {
	first := true
	for _, e := range arr {
		switch e.kind {
		case tokString:
			if err := in.show(e.text, first); err != nil {
				return err
			}
			first = false
		case tokNumber:
			gs := in.gs
			tx := -e.num / 1000 * gs.size * gs.scale
			in.tm = matrix{1, 0, 0, 1, tx, 0}.mul(in.tm)
			if f := gs.font; f != nil && -e.num >= spaceThreshold(f) {
				if err := in.emit(textlayout.Glyph{Text: " "}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// spaceThreshold is the TJ displacement, in thousandths of the font size,
// that PDFium takes for a space: half the font's space.
func spaceThreshold(f *pdfFont) float64 {
	if f.spaceWidth > 0 && f.spaceWidth <= 1000.0/3 {
		return f.spaceWidth / 2
	}
	return 125
}

// show draws a string. newRun is true for the first string of a Tj or TJ:
// PDFium separates it from the text before by a space when there is a
// visible gap between them.
func (in *textInterp) show(s []byte, newRun bool) error {
	gs := &in.gs
	f := gs.font
	if f == nil {
		return fmt.Errorf("%w: text without a font", ErrNeedsPDFium)
	}
	for k, code := range f.codes(s) {
		w := f.width(code) / 1000
		if k > 0 && in.spacedApart(f) {
			if err := in.emit(textlayout.Glyph{Text: " "}); err != nil {
				return err
			}
		}
		trm := matrix{gs.size * gs.scale, 0, 0, gs.size, 0, gs.rise}.mul(in.tm).mul(gs.ctm)
		text, ok := f.text(code)
		if !ok {
			return fmt.Errorf("%w: character code %d has no known text", ErrNeedsPDFium, code)
		}
		if r := []rune(text); len(r) == 1 && (unicode.IsControl(r[0]) || unicode.IsSpace(r[0])) {
			text = " " // as words() reads PDFium's characters
		}
		if text == " " && in.collapsedSpace(f, code, w) {
			in.advance(f, code, w)
			continue // a space that word spacing takes back ("Trev o" + "r"): no gap on the page
		}
		if rightToLeft(text) {
			return fmt.Errorf("%w: right-to-left text", ErrNeedsPDFium)
		}
		g := textlayout.Glyph{Text: text}
		if text != " " && text != "" {
			g = charBox(text, trm, w, f.ascent/1000, f.descent/1000)
			ox, oy := trm.apply(0, 0)
			if in.isDuplicate(f, code, ox, oy, gs.size) {
				newRun = false
				in.advance(f, code, w)
				continue
			}
			in.recent = append(in.recent, drawn{f, code, ox, oy})
			if len(in.recent) > 7 {
				in.recent = in.recent[1:]
			}
			if newRun && len(in.out) > 0 {
				if in.lineBreakBefore(g) {
					in.dropLineEndHyphen(text)
				} else if in.gapBefore(g) {
					if err := in.emit(textlayout.Glyph{Text: " "}); err != nil {
						return err
					}
				}
			}
		}
		newRun = false
		if err := in.emit(g); err != nil {
			return err
		}
		if text != " " && text != "" {
			in.lastW = math.Abs(w * trm[0])
		}
		in.advance(f, code, w)
	}
	return nil
}

// spacedApart reports whether the character spacing alone puts a word gap
// between two glyphs of one string: ps2pdf draws "Andre H. Stanton" as
// "Andr", then "eH" and ".S" with a character spacing of a space's width,
// cancelled inside each word by TJ displacements.
func (in *textInterp) spacedApart(f *pdfFont) bool {
	gap := in.gs.charSpace * in.gs.scale / math.Max(math.Abs(in.gs.size), 1e-9) * 1000
	return in.last.Text != " " && gap >= spaceThreshold(f)
}

// collapsedSpace reports whether a space character leaves no gap: ps2pdf
// draws "Trevor" as "Trev", "ev o" and "rK" with a negative word spacing
// that cancels the space's width, and the real gap with character spacing.
func (in *textInterp) collapsedSpace(f *pdfFont, code int, w float64) bool {
	gs := in.gs
	adv := w*gs.size + gs.charSpace
	if !f.twoByte && code == ' ' {
		adv += gs.wordSpace
	}
	return adv*1000 < spaceThreshold(f)*math.Abs(gs.size)/2
}

// advance moves the text matrix past a glyph of width w (thousandths).
func (in *textInterp) advance(f *pdfFont, code int, w float64) {
	gs := &in.gs
	adv := w*gs.size + gs.charSpace
	if !f.twoByte && code == ' ' {
		adv += gs.wordSpace
	}
	in.tm = matrix{1, 0, 0, 1, adv * gs.scale, 0}.mul(in.tm)
}

// drawn is a glyph recently drawn: its font, code and origin.
type drawn struct {
	font   *pdfFont
	code   int
	ox, oy float64
}

// isDuplicate reports a glyph drawn again over itself (fake bold, shadows):
// PDFium keeps one when one of the last seven characters has the same code
// and font within 7 % of the font size.
func (in *textInterp) isDuplicate(f *pdfFont, code int, ox, oy, size float64) bool {
	limit := 0.07 * math.Abs(size)
	for _, d := range in.recent {
		if d.font == f && d.code == code && math.Abs(d.ox-ox) < limit && math.Abs(d.oy-oy) < limit {
			return true
		}
	}
	return false
}

// lineBreakBefore reports whether g, the first glyph of a text object,
// starts a new line after the previous glyph.
func (in *textInterp) lineBreakBefore(g textlayout.Glyph) bool {
	p := in.last
	if p.Text == " " {
		return false
	}
	h := math.Max(p.Y1-p.Y0, g.Y1-g.Y0)
	return math.Abs((p.Y0+p.Y1)/2-(g.Y0+g.Y1)/2) > h/2
}

// dropLineEndHyphen removes a hyphen that splits a word across lines, as
// PDFium does: the line ends in a letter and a hyphen, and the next line
// (starting with next) goes on with a letter or digit.
func (in *textInterp) dropLineEndHyphen(next string) {
	n := len(in.out)
	for n > 0 && in.out[n-1].Text == " " {
		n--
	}
	if n < 2 || !isHyphenText(in.out[n-1].Text) {
		return
	}
	before, after := []rune(in.out[n-2].Text), []rune(next)
	if len(before) == 0 || len(after) == 0 || !unicode.IsLetter(before[len(before)-1]) ||
		!(unicode.IsLetter(after[0]) || unicode.IsDigit(after[0])) {
		return
	}
	in.out[n-1].Text = " "
}

func isHyphenText(t string) bool { return t == "-" || t == "\u00ad" }

// rightToLeft reports Hebrew or Arabic text, which PDFium reorders.
func rightToLeft(t string) bool {
	for _, r := range t {
		if r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF {
			return true
		}
	}
	return false
}

// gapBefore reports whether g starts a new word after the previous glyph
// although no space was drawn: on the same line, past a quarter of the
// wider of the two characters.
func (in *textInterp) gapBefore(g textlayout.Glyph) bool {
	if in.last.Text == " " || in.lineBreakBefore(g) {
		return false
	}
	return g.X0-in.last.X1 > math.Max(in.lastW, g.X1-g.X0)/4
}

// charBox is a glyph's loose box on the page, y growing downwards.
func charBox(text string, trm matrix, w, ascent, descent float64) textlayout.Glyph {
	xs, ys := [4]float64{}, [4]float64{}
	for k, p := range [4][2]float64{{0, descent}, {w, descent}, {0, ascent}, {w, ascent}} {
		xs[k], ys[k] = trm.apply(p[0], p[1])
	}
	x0, x1 := min(xs[0], xs[1], xs[2], xs[3]), max(xs[0], xs[1], xs[2], xs[3])
	y0, y1 := min(ys[0], ys[1], ys[2], ys[3]), max(ys[0], ys[1], ys[2], ys[3])
	if l, ok := textlayout.Ligatures[[]rune(text)[0]]; ok && len([]rune(text)) == 1 {
		text = l
	}
	return textlayout.Glyph{Text: text, X0: x0, Y0: -y1, X1: x1, Y1: -y0}
}

func (in *textInterp) emit(g textlayout.Glyph) error {
	in.glyphs++
	if in.glyphs > maxGlyphs {
		return fmt.Errorf("%w: too many characters", ErrNeedsPDFium)
	}
	in.out = append(in.out, g)
	in.last = g
	return nil
}

// hasPrintable reports whether a text string has a character PDFium takes
// as printable replacement text.
func hasPrintable(t pdfToken) bool {
	if t.kind != tokString {
		return true // not a string: let PDFium judge
	}
	text := string(t.text)
	if len(t.text) >= 2 && t.text[0] == 0xFE && t.text[1] == 0xFF {
		text = utf16Text(t.text[2:])
	}
	for _, r := range text {
		if r > 0x80 && r < 0xFFFD || r <= 0x80 && r >= 0x20 && r < 0x7F {
			return true
		}
	}
	return false
}
