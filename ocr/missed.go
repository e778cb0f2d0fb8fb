package ocr

import (
	"fmt"
	"image"
	"math"
	"sort"
	"strings"
	"time"

	"loanbatch/imageio"
	"loanbatch/textlayout"
)

// Tesseract's automatic layout sometimes leaves whole runs of print out of
// a reading it is otherwise sure of: the bold labels of a box ("Base Loan
// Amount:", "Note Rate:") on a phone photo, a column of payees, the small
// table under a worksheet. Plain tesseract drops them too. The print that
// no word covers is found as glyph-sized components, chained into lines,
// and each line is read on its own (Tesseract's single-line mode).

// maxMissedLines bounds the lines read again on one page.
const maxMissedLines = 40

// maxMissedGlyphs is the most glyph-sized components a page may leave
// unread for them to be read again: beyond it, they are a picture's or a
// noisy scan's specks, not text.
const maxMissedGlyphs = 4000

// missedLineTime bounds the time spent reading a page's missed lines.
const missedLineTime = 3 * time.Second

// missedWordConf is the confidence a word read again must have: a line
// read alone has no context, and what is not clearly text is left out.
const missedWordConf = 75

// readMissed reads the lines of print on g that reading r left out, with
// their boxes in g's pixels and the line each was read on.
func (o *Engine) readMissed(g *image.Gray, r ocrReading) ([]textlayout.Word, []int, error) {
	lines := missedLines(g, r.words, r.height)
	if len(lines) == 0 {
		return nil, nil, nil
	}
	if err := o.client.SetVariable("tessedit_pageseg_mode", "7"); err != nil {
		return nil, nil, nil
	}
	defer func() { _ = o.client.SetVariable("tessedit_pageseg_mode", "3") }()
	start := time.Now()
	var out []textlayout.Word
	var lineOf []int
	for li, l := range lines {
		if time.Since(start) > missedLineTime {
			break
		}
		crop, dx, dy := cropPadded(g, l, int(r.height))
		words, err := o.readCropWords(crop, 1, dx, dy)
		if err != nil {
			return out, lineOf, err
		}
		for _, w := range words {
			if w.conf < missedWordConf || alnumCount(w.Text) == 0 {
				continue
			}
			if !overlapsAny(w.Word, r.words) {
				out = append(out, w.Word)
				lineOf = append(lineOf, li)
			}
		}
	}
	return out, lineOf, nil
}

// cropWord is a word read on a crop of a page, in the page's pixels, with
// Tesseract's confidence and the line it was read on.
type cropWord struct {
	textlayout.Word
	conf float64
	line int // block, paragraph and line in one key
}

// readCropWords reads img, a crop of a page enlarged f times whose origin
// lies at (dx, dy) on the page, and returns its words, the marks OCR reads
// from rules and specks trimmed, in the page's pixels.
func (o *Engine) readCropWords(img *image.Gray, f float64, dx, dy int) ([]cropWord, error) {
	if err := o.client.SetImageFromBytes(imageio.EncodeRawTIFF(img)); err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	boxes, err := o.client.GetBoundingBoxesVerbose()
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	var out []cropWord
	for _, b := range boxes {
		t := trimOCRNoise(strings.TrimSpace(b.Word), b.Confidence)
		if t == "" {
			continue
		}
		out = append(out, cropWord{
			Word: textlayout.Word{
				Text: t,
				X0:   float64(b.Box.Min.X)/f + float64(dx), Y0: float64(b.Box.Min.Y)/f + float64(dy),
				X1: float64(b.Box.Max.X)/f + float64(dx), Y1: float64(b.Box.Max.Y)/f + float64(dy),
			},
			conf: b.Confidence,
			line: b.BlockNum*1000 + b.ParNum*100 + b.LineNum,
		})
	}
	return out, nil
}

// missedLines chains the glyph-sized components of g's print that no word
// covers into lines of text, widest first. textHeight is the median height
// of the words read.
func missedLines(g *image.Gray, words []textlayout.Word, textHeight float64) []blob {
	h := int(textHeight)
	if h < 6 {
		return nil
	}
	pad := max(2, h/6)
	covered := func(b blob) bool {
		cx, cy := b.cx(), b.cy()
		for _, w := range words {
			if cx >= w.X0-float64(pad) && cx <= w.X1+float64(pad) && cy >= w.Y0-float64(pad) && cy <= w.Y1+float64(pad) {
				return true
			}
		}
		return false
	}
	glyphs := blobs(g, func(b blob) bool {
		return b.h()*3 >= h && b.h() <= h*3/2 && b.w() <= 40*h && b.pixels*8 >= b.w()*b.h()/2
	})
	if len(glyphs) > maxMissedGlyphs*4 {
		return nil
	}
	var loose []blob
	for _, b := range glyphs {
		if !covered(b) {
			loose = append(loose, b)
		}
	}
	if len(loose) > maxMissedGlyphs {
		return nil
	}
	sort.Slice(loose, func(i, j int) bool { return loose[i].x0 < loose[j].x0 })
	// A glyph joins the line whose glyphs' centres its own is level with:
	// the line's box, which grows with descenders and ascenders, would
	// chain the lines of a paragraph set close into one.
	type line struct {
		box    blob
		glyphs int
		cy     float64 // the mean centre of its glyphs
	}
	var lines []line
	for _, b := range loose {
		joined := false
		for i := range lines {
			l := &lines[i]
			if math.Abs(b.cy()-l.cy) <= float64(h)/3 && b.x0-l.box.x1 <= h*6/5 && b.x0 >= l.box.x0 {
				l.box = merge(l.box, b)
				l.cy += (b.cy() - l.cy) / float64(l.glyphs+1)
				l.glyphs++
				joined = true
				break
			}
		}
		if !joined {
			lines = append(lines, line{box: b, glyphs: 1, cy: b.cy()})
		}
	}
	var out []blob
	for _, l := range lines {
		if l.box.w() >= 2*h && (l.glyphs >= 2 || l.box.w() >= 3*h) && l.box.h() <= 2*h {
			out = append(out, l.box)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].w() > out[j].w() })
	if len(out) > maxMissedLines {
		out = out[:maxMissedLines]
	}
	return out
}

// cropPadded copies box b of g with a margin around it (half a text
// height across, a fifth up and down, so that the lines above and below
// stay out) inside a border of a text height in the crop's paper shade
// (Tesseract reads a line better with paper around it, and a border of
// another shade is an edge to it), returning the offset of the crop's
// origin in g.
func cropPadded(g *image.Gray, b blob, textHeight int) (*image.Gray, int, int) {
	mx, my := max(2, textHeight/2), max(1, textHeight/5)
	r := image.Rect(b.x0-mx, b.y0-my, b.x1+mx, b.y1+my).Intersect(image.Rect(0, 0, g.Bounds().Dx(), g.Bounds().Dy()))
	border := textHeight
	out := image.NewGray(image.Rect(0, 0, r.Dx()+2*border, r.Dy()+2*border))
	var hist [256]int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, v := range g.Pix[y*g.Stride+r.Min.X : y*g.Stride+r.Max.X] {
			hist[v]++
		}
	}
	paper := percentile(hist[:], 0.9)
	for i := range out.Pix {
		out.Pix[i] = paper
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		src := g.Pix[y*g.Stride+r.Min.X : y*g.Stride+r.Max.X]
		copy(out.Pix[(y-r.Min.Y+border)*out.Stride+border:], src)
	}
	return out, r.Min.X - border, r.Min.Y - border
}

// percentile is the level under which share q of a histogram's pixels lie.
func percentile(hist []int, q float64) uint8 {
	n := 0
	for _, c := range hist {
		n += c
	}
	seen := 0
	for v, c := range hist {
		seen += c
		if float64(seen) >= q*float64(n) {
			return uint8(v)
		}
	}
	return 0xff
}

// overlapsAny tells whether w covers a third or more of a word of ws, or
// they of it: the same print read twice.
func overlapsAny(w textlayout.Word, ws []textlayout.Word) bool {
	return len(overlapping(w, ws)) > 0
}

// overlapping is the indexes of the words of ws that share with w at least
// a third of the smaller one's box.
func overlapping(w textlayout.Word, ws []textlayout.Word) []int {
	area := func(a textlayout.Word) float64 { return max(0, a.X1-a.X0) * max(0, a.Y1-a.Y0) }
	var out []int
	for i, o := range ws {
		ix := min(w.X1, o.X1) - max(w.X0, o.X0)
		iy := min(w.Y1, o.Y1) - max(w.Y0, o.Y0)
		if ix <= 0 || iy <= 0 {
			continue
		}
		if in := ix * iy; in*3 >= min(area(w), area(o)) {
			out = append(out, i)
		}
	}
	return out
}
