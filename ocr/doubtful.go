package ocr

import (
	"image"
	"sort"
	"strings"
	"time"
	"unicode"

	"loanbatch/textlayout"
)

// Tesseract reads a word on a page with the page's layout around it, and
// now and then gives up on one it would read alone: "4732346" at
// confidence 0 for "Y4732346" on a clean low-resolution page, "1970555" at
// 13 for "C1970555" on a phone photo, or two lines of a table's cell taken
// for one ("Mieka Viens" at 10 and 24 for "56 W Willow Street" over
// "Annapolis, MD 21406"). The region of a doubtful word (with the words it
// touches, and doubtful words next to it) is read again on its own,
// enlarged to two print sizes Tesseract reads well; where both readings
// agree, are fairly sure and differ from the first, they take its place.
// A single second reading is no better evidence than the first: at one
// size the same crop reads "Y4732346" at 53, at another "4732346" at 0.

// doubtfulWordConf is the confidence under which a word is read again.
const doubtfulWordConf = 40

// rereadWordConf is the confidence each word of both second readings must
// have for them to stand.
const rereadWordConf = 40

// rereadHeights are the word heights in pixels a doubtful region is read
// again at: Tesseract reads capitals best about 30 px high.
var rereadHeights = [2]float64{32, 42}

// maxDoubtfulWords bounds the words read again on one page, the least sure
// first: a noisy page has hundreds of doubtful specks.
const maxDoubtfulWords = 30

// maxRegionLines bounds the height of a region read again, in text
// heights: a table cell of a few lines.
const maxRegionLines = 4

// doubtfulWordTime bounds the time spent reading a page's doubtful words.
const doubtfulWordTime = 2 * time.Second

// rereadDoubtful reads again the regions of the words of reading r of g
// that Tesseract was not sure of, and puts in their place what two
// further readings agree on.
func (o *Engine) rereadDoubtful(g *image.Gray, r *ocrReading) error {
	h := int(r.height)
	if h < 6 {
		return nil
	}
	var doubtful []int
	for i, w := range r.words {
		if r.conf[i] < doubtfulWordConf && alnumCount(w.Text) >= 3 {
			doubtful = append(doubtful, i)
		}
	}
	if len(doubtful) == 0 {
		return nil
	}
	sort.SliceStable(doubtful, func(a, b int) bool { return r.conf[doubtful[a]] < r.conf[doubtful[b]] })
	if len(doubtful) > maxDoubtfulWords {
		doubtful = doubtful[:maxDoubtfulWords]
	}
	defer func() { _ = o.client.SetVariable("tessedit_pageseg_mode", "3") }()
	start := time.Now()
	taken := make([]bool, len(r.words))
	var added []reread
	for _, i := range doubtful {
		if taken[i] {
			continue
		}
		if time.Since(start) > doubtfulWordTime {
			break
		}
		box, members := doubtfulRegion(r, i, h)
		for _, j := range members {
			taken[j] = true
		}
		if box.h() > maxRegionLines*h {
			continue // a noisy area's specks chained down the page, not a cell
		}
		words, err := o.readRegion(g, box, float64(h))
		if err != nil {
			return err
		}
		var was, now string
		for _, j := range members {
			was += alnumOf(r.words[j].Text)
		}
		for _, w := range words {
			now += alnumOf(w.Text)
		}
		if len(words) == 0 || now == was {
			continue
		}
		for k := range words {
			words[k].region = len(added)
		}
		added = append(added, words...)
		for _, j := range members {
			r.words[j].Text = "" // replaced
		}
	}
	n := 0
	for i, w := range r.words {
		if w.Text == "" {
			continue
		}
		r.words[n], r.conf[n], r.lineOf[n] = w, r.conf[i], r.lineOf[i]
		n++
	}
	r.words, r.conf, r.lineOf = r.words[:n], r.conf[:n], r.lineOf[:n]
	for _, w := range added {
		r.words = append(r.words, w.Word)
		r.conf = append(r.conf, rereadWordConf)
		r.lineOf = append(r.lineOf, lineKey{block: -100 - w.region, line: w.line})
	}
	return nil
}

// reread is a word of a region read again, with the line it was read on.
type reread struct {
	textlayout.Word
	region, line int
}

// doubtfulRegion is the region read again for doubtful word i: its box
// grown by the words it touches and the doubtful words beside it on its
// lines (two text heights apart at most, less than a table's column gap),
// and the words in it.
func doubtfulRegion(r *ocrReading, i, h int) (blob, []int) {
	boxOf := func(w textlayout.Word) blob {
		return blob{x0: int(w.X0), y0: int(w.Y0), x1: int(w.X1) + 1, y1: int(w.Y1) + 1}
	}
	box, members := boxOf(r.words[i]), []int{i}
	in := map[int]bool{i: true}
	for grown := true; grown; {
		grown = false
		for j, w := range r.words {
			if in[j] || w.Text == "" {
				continue
			}
			b := boxOf(w)
			if b.y0 >= box.y1 || box.y0 >= b.y1 {
				continue
			}
			gap := max(b.x0, box.x0) - min(b.x1, box.x1)
			if gap <= 0 || gap <= 2*h && r.conf[j] < doubtfulWordConf && alnumCount(w.Text) > 0 {
				box, members, in[j], grown = merge(box, b), append(members, j), true, true
			}
		}
	}
	return box, members
}

// readRegion reads box of g again at each of rereadHeights (as one line,
// its print as high as the box, or as a block of lines of textHeight when
// it is taller than a line) and returns the words both
// readings agree on, in g's pixels; none when they differ or doubt.
func (o *Engine) readRegion(g *image.Gray, box blob, textHeight float64) ([]reread, error) {
	mode, lineHeight := "7", float64(box.h())
	if lineHeight > 1.6*textHeight {
		mode, lineHeight = "6", textHeight
	}
	if err := o.client.SetVariable("tessedit_pageseg_mode", mode); err != nil {
		return nil, nil
	}
	crop, dx, dy := cropPadded(g, box, int(textHeight))
	var agreed []reread
	surest := 0.0
	for k, height := range rereadHeights {
		f := height / lineHeight
		img := crop
		if f >= 1.2 {
			img = enlarge(crop, f)
		} else {
			f = 1
		}
		if img == nil {
			return nil, nil
		}
		words, least, err := o.readCrop(img, f, dx, dy, box)
		if err != nil || len(words) == 0 {
			return nil, err
		}
		if k > 0 && alnumOfWords(words) != alnumOfWords(agreed) {
			return nil, nil
		}
		if least > surest {
			agreed, surest = words, least // the surer reading
		}
	}
	return agreed, nil
}

// readCrop reads img, a crop of a page enlarged f times whose origin lies
// at (dx, dy) on the page, and returns the words whose middles lie in box
// (not the pieces of its neighbours the margin took in), in the page's
// pixels, with the least confidence of them; none when any is doubtful.
func (o *Engine) readCrop(img *image.Gray, f float64, dx, dy int, box blob) ([]reread, float64, error) {
	words, err := o.readCropWords(img, f, dx, dy)
	if err != nil {
		return nil, 0, err
	}
	least := 100.0
	var out []reread
	for _, w := range words {
		w.Text = strings.Map(withoutForeignSymbol, w.Text)
		cx, cy := (w.X0+w.X1)/2, (w.Y0+w.Y1)/2
		if w.Text == "" || cx < float64(box.x0) || cx > float64(box.x1) || cy < float64(box.y0) || cy > float64(box.y1) {
			continue
		}
		if w.conf < rereadWordConf {
			return nil, 0, nil
		}
		least = min(least, w.conf)
		out = append(out, reread{Word: w.Word, line: w.line})
	}
	return out, least, nil
}

// alnumOfWords is the letters and digits of words, in order.
func alnumOfWords(ws []reread) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(alnumOf(w.Text))
	}
	return b.String()
}

// withoutForeignSymbol drops the symbols no US loan document prints in a
// word, which Tesseract reads from a letter's doubled strokes ("Y¥4732346").
func withoutForeignSymbol(r rune) rune {
	if r > unicode.MaxASCII && unicode.IsSymbol(r) {
		return -1
	}
	return r
}
