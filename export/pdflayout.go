package export

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// tableCol is a column of a report table: its header, width (millimetres,
// scaled to the page), alignment ("L" when empty, "R") and the most lines a
// cell may wrap to before it is shortened with an ellipsis (1 when zero).
type tableCol struct {
	head  string
	width float64
	align string
	lines int
}

// tableRow is a row of cells; a bold row stands out without colour.
type tableRow struct {
	cells []string
	bold  bool
}

// table draws rows under a header that is repeated on every page the table
// continues on. A row is never split across pages.
func (r *report) table(cols []tableCol, rows []tableRow) {
	total := 0.0
	for _, c := range cols {
		total += c.width
	}
	scale := 1.0
	if total > r.width { // too wide: every column gives
		scale = r.width / total
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.width * scale
	}
	tw := total * scale
	lh := lineHeight(tableSize)
	header := func() {
		r.font(true, tableSize)
		cells := make([][]string, len(cols))
		n := 1
		for i, c := range cols {
			cells[i] = r.wrap(c.head, widths[i]-2*cellPad, 2)
			n = max(n, len(cells[i]))
		}
		h := float64(n)*lh + 2*cellPad
		y := r.pdf.GetY()
		r.pdf.SetFillColor(225, 225, 225)
		r.pdf.Rect(pageMargin, y, tw, h, "F")
		r.cells(cols, widths, cells, y, lh)
		r.pdf.SetDrawColor(0, 0, 0)
		r.pdf.Line(pageMargin, y+h, pageMargin+tw, y+h)
		r.pdf.SetXY(pageMargin, y+h)
	}
	r.ensure(3 * lh * 2) // the header and a row or two, or a new page
	header()
	for _, row := range rows {
		r.font(row.bold, tableSize)
		cells := make([][]string, len(cols))
		n := 1
		for i, c := range cols {
			text := ""
			if i < len(row.cells) {
				text = row.cells[i]
			}
			cells[i] = r.wrap(text, widths[i]-2*cellPad, max(c.lines, 1))
			n = max(n, len(cells[i]))
		}
		h := float64(n)*lh + 2*cellPad
		if r.ensure(h) {
			header()
			r.font(row.bold, tableSize)
		}
		y := r.pdf.GetY()
		r.cells(cols, widths, cells, y, lh)
		r.pdf.SetDrawColor(170, 170, 170)
		r.pdf.Line(pageMargin, y+h, pageMargin+tw, y+h)
		r.pdf.SetXY(pageMargin, y+h)
	}
	r.pdf.Ln(1)
}

// cells writes a row's wrapped cells from the top y, in the current font.
func (r *report) cells(cols []tableCol, widths []float64, cells [][]string, y, lh float64) {
	x := pageMargin
	for i, lines := range cells {
		align := cols[i].align
		if align == "" {
			align = "L"
		}
		for j, line := range lines {
			r.pdf.SetXY(x+cellPad, y+cellPad+float64(j)*lh)
			r.pdf.CellFormat(widths[i]-2*cellPad, lh, line, "", 0, align, false, 0, "")
		}
		x += widths[i]
	}
}

// wrap cleans s and breaks it into lines no wider than w in the current
// font: at spaces, and inside a word (a long file name) that is wider than
// a line. Past maxLines (0: no limit) the last line ends in an ellipsis.
func (r *report) wrap(s string, w float64, maxLines int) []string {
	var lines []string
	line := ""
	for _, word := range glued(strings.Fields(clean(s))) {
		if maxLines > 0 && len(lines) > maxLines {
			break // the rest would be cut anyway
		}
		for r.pdf.GetStringWidth(word) > w && (maxLines == 0 || len(lines) <= maxLines) {
			head := r.fit(word, w)
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			lines = append(lines, head)
			word = word[len(head):]
		}
		switch try := line + " " + word; {
		case line == "":
			line = word
		case r.pdf.GetStringWidth(try) <= w:
			line = try
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = r.ellipsize(lines[maxLines-1]+"…", w)
	}
	return lines
}

// glued keeps a unit on the line of its number: "10 %" never wraps before
// the "%".
func glued(words []string) []string {
	out := words[:0]
	for _, w := range words {
		if len(out) > 0 && (w == "%" || w == "months") {
			out[len(out)-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

// fit is the longest start of s, at least one character, that is no wider
// than w; it ends after a separator (_ - . / ,) when one falls in its second
// half, so that a long file name breaks where a person would break it.
func (r *report) fit(s string, w float64) string {
	n, sep := 0, 0
	for i, c := range s {
		end := i + utf8.RuneLen(c)
		if n > 0 && r.pdf.GetStringWidth(s[:end]) > w {
			break
		}
		n = end
		if strings.ContainsRune("_-./,", c) {
			sep = end
		}
	}
	if sep > n/2 && sep < len(s) {
		return s[:sep]
	}
	return s[:n]
}

// ellipsize shortens one line of s to fit w, ending it in an ellipsis.
func (r *report) ellipsize(s string, w float64) string {
	s = clean(s)
	if r.pdf.GetStringWidth(s) <= w {
		return s
	}
	s = strings.TrimSuffix(s, "…")
	for s != "" && r.pdf.GetStringWidth(s+"…") > w {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return strings.TrimRight(s, " ") + "…"
}

// clean makes untrusted text (file names, extracted values) safe to print:
// valid UTF-8, no control or format characters (a right-to-left override
// would garble the line), white space collapsed, and every character the
// embedded font lacks shown as "?", never as an invisible box.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "?")
	var b strings.Builder
	space := false
	for _, c := range s {
		switch {
		case unicode.IsSpace(c):
			space = true
			continue
		case unicode.IsControl(c) || unicode.Is(unicode.Cf, c):
			continue
		case !hasGlyph(c):
			c = '?'
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(c)
	}
	return b.String()
}

var glyphs struct {
	once sync.Once
	font *sfnt.Font
	mu   sync.Mutex
	buf  sfnt.Buffer
	has  map[rune]bool
}

// hasGlyph says whether the embedded fonts draw c. The PDF writer handles
// only the Basic Multilingual Plane, so characters beyond it are missing.
func hasGlyph(c rune) bool {
	if c < 0x7f {
		return true
	}
	if c > 0xffff {
		return false
	}
	glyphs.once.Do(func() {
		glyphs.font, _ = sfnt.Parse(goregular.TTF)
		glyphs.has = map[rune]bool{}
	})
	if glyphs.font == nil {
		return c < 0x250 // Latin, when the font cannot be read
	}
	glyphs.mu.Lock()
	defer glyphs.mu.Unlock()
	has, ok := glyphs.has[c]
	if !ok {
		i, err := glyphs.font.GlyphIndex(&glyphs.buf, c)
		has = err == nil && i != 0
		glyphs.has[c] = has
	}
	return has
}
