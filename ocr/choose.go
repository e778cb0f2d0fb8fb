package ocr

import (
	"cmp"
	"fmt"
	"image"
	"log/slog"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	xdraw "golang.org/x/image/draw"

	"loanbatch/imageio"
	"loanbatch/textlayout"
)

// OCR that never reads less than the stock engine: each page is read as
// prepared (prepareForOCR), and, where that can lose text, as the page is
// (what plain `tesseract` reads); a page that reads poorly is tried turned
// by Tesseract's orientation detection, with its light and cell shading
// flattened, and with small print enlarged. The reading kept is the one
// with the most text Tesseract is confident of, so a preprocessing step
// that turns a table into noise is never the one kept.

// ocrReading is one Tesseract pass over a page image.
type ocrReading struct {
	words   []textlayout.Word
	variant string
	// score is the letters and digits of the words read with a
	// confidence of at least goodWordConf: the text read well.
	score float64
	// meanConf is the mean word confidence, weighted by letters and digits.
	meanConf float64
	// height is the median height in pixels of the words read well.
	height float64
	// unread is the share of the page's print outside every word read.
	unread float64
	// lineOf is the line Tesseract found each word on, conf its confidence.
	lineOf []lineKey
	conf   []float64
}

// ocrPixelBudget bounds the readings tried on a page after the first: all
// together read at most this many times the page's pixels (an enlarged
// page counts for its size). It is a count, not a clock, so that a page
// reads the same on a busy machine as on an idle one: a time budget made a
// phone photo's reading depend on whether a 5 s variant started 0.2 s
// before or after the budget ran out.
const ocrPixelBudget = 3

// maxPageOCRTime stops further readings of a page that has taken this long
// already: a picture or noise that Tesseract is slow on.
const maxPageOCRTime = 60 * time.Second

// goodWordConf is the confidence (0–100) from which a word counts as read.
const goodWordConf = 60

// readingGood is the mean confidence from which a page is taken as read:
// clean pages measure 85–95, a page read sideways or a table turned to
// noise 30–60.
const readingGood = 80

// read recognises the words of a page image with their boxes in pixels and
// Tesseract's confidence.
func (o *Engine) read(g *image.Gray) (ocrReading, error) {
	o.warm = true
	if err := o.client.SetImageFromBytes(imageio.EncodeRawTIFF(g)); err != nil {
		return ocrReading{}, fmt.Errorf("ocr: %w", err)
	}
	boxes, err := o.client.GetBoundingBoxesVerbose()
	if err != nil {
		return ocrReading{}, fmt.Errorf("ocr: %w", err)
	}
	var r ocrReading
	r.words = make([]textlayout.Word, 0, len(boxes))
	var lineOf []lineKey
	var chars, confSum float64
	var heights []float64
	for _, b := range boxes {
		raw := strings.TrimSpace(b.Word)
		t := trimOCRNoise(raw, b.Confidence)
		if t == "" {
			key := lineKey{b.BlockNum, b.ParNum, b.LineNum}
			if n := len(r.words); loneColon(raw) && n > 0 && lineOf[n-1] == key &&
				float64(b.Box.Min.X)-r.words[n-1].X1 >= r.words[n-1].Height() {
				r.words[n-1].Text = endWithColon(r.words[n-1].Text)
			}
			continue
		}
		w := textlayout.Word{
			Text: t, X0: float64(b.Box.Min.X), Y0: float64(b.Box.Min.Y),
			X1: float64(b.Box.Max.X), Y1: float64(b.Box.Max.Y),
		}
		r.words = append(r.words, w)
		r.conf = append(r.conf, b.Confidence)
		lineOf = append(lineOf, lineKey{b.BlockNum, b.ParNum, b.LineNum})
		n := float64(alnumCount(t))
		chars += n
		confSum += n * b.Confidence
		if b.Confidence >= goodWordConf && n > 0 {
			r.score += n
			heights = append(heights, w.Height())
		}
	}
	if chars > 0 {
		r.meanConf = confSum / chars
	}
	if len(heights) > 0 {
		sort.Float64s(heights)
		r.height = heights[len(heights)/2]
	}
	r.unread = unreadInk(g, r.words)
	r.lineOf = lineOf
	return r, nil
}

// stockWordConf is the confidence from which a word of plain tesseract's
// reading counts as sure.
const stockWordConf = 80

// stockWordMargin is how much surer than the words it covers a sure word
// of plain tesseract's must be to stand for them: a median filter that
// thins a fax's strokes leaves words read with doubt ("4,400.00" at 26
// where the page as it is reads "$354,400.00" at 83; "20%" at 78 for
// "2025" at 96). A fragment of the sure word does not count (fragmentOf).
const stockWordMargin = 15

// addStockWords adds to reading r of base, a preparation of the page g
// (filtered, its leaders removed, maybe scaled), the words plain tesseract
// is sure of on g (stock, the page read as it is) that r has nothing at,
// and puts them in place of the words of r they cover that r was much less
// sure of: a median filter or leader removal that improves a page as a
// whole can still take a small figure ("$16") from it, or a stroke from a
// figure.
func addStockWords(r *ocrReading, stock ocrReading, base, g *image.Gray) {
	sx := float64(base.Bounds().Dx()) / float64(g.Bounds().Dx())
	sy := float64(base.Bounds().Dy()) / float64(g.Bounds().Dy())
	scaled := func(w textlayout.Word) textlayout.Word {
		w.X0, w.X1, w.Y0, w.Y1 = w.X0*sx, w.X1*sx, w.Y0*sy, w.Y1*sy
		return w
	}
	chosen := len(r.words)
	replaced := make([]bool, chosen)
	for i, w := range stock.words {
		if stock.conf[i] < stockWordConf || alnumCount(w.Text) == 0 {
			continue
		}
		w = scaled(w)
		covered := overlapping(w, r.words[:chosen])
		k := stock.lineOf[i]
		line := lineKey{block: -2 - k.block, par: k.par, line: k.line}
		if len(covered) > 0 {
			surest, letters := 0.0, ""
			for _, j := range covered {
				if !fragmentOf(r.words[j].Text, w.Text) {
					surest = max(surest, r.conf[j])
				}
				if replaced[j] {
					surest = math.Inf(1)
				}
				letters += alnumOf(r.words[j].Text)
			}
			if letters == alnumOf(w.Text) {
				continue // read the same, or with specks between ("has-been", "Mortgage:")
			}
			if stock.conf[i] < surest+stockWordMargin {
				continue
			}
			for _, j := range covered {
				replaced[j] = true
			}
			line = r.lineOf[covered[0]] // the word stands in its line
		}
		r.words = append(r.words, w)
		r.conf = append(r.conf, stock.conf[i])
		r.lineOf = append(r.lineOf, line)
	}
	n := 0
	for i := range r.words {
		if i < chosen && replaced[i] {
			continue
		}
		r.words[n], r.conf[n], r.lineOf[n] = r.words[i], r.conf[i], r.lineOf[i]
		n++
	}
	r.words, r.conf, r.lineOf = r.words[:n], r.conf[:n], r.lineOf[:n]
}

// stockReading is page g read as it is, what plain tesseract reads, when
// reading r of base can have lost words of it: r read a preparation of g,
// not turned or enlarged (whose words do not map onto g's). The reading is
// reused when bestReading tried it. stored, when not nil, is the page as
// its file stores it, before its pixels were made square (a fax): plain
// tesseract reads that, and it is read instead of g.
func (o *Engine) stockReading(r ocrReading, base, g, stored *image.Gray) (*ocrReading, error) {
	if strings.Contains(r.variant, "turned") || strings.Contains(r.variant, "enlarged") {
		return nil, nil
	}
	if stored != nil {
		s, err := o.read(stored)
		if err != nil {
			return nil, err
		}
		s.variant = "as stored"
		return &s, nil
	}
	if base == g || strings.HasPrefix(r.variant, "as is") {
		return nil, nil
	}
	if o.asIs != nil && o.asIsPage == g {
		return o.asIs, nil
	}
	s, err := o.read(g)
	if err != nil {
		return nil, err
	}
	s.variant = "as is"
	return &s, nil
}

// fragmentOf reports whether part is a piece of word, read alone: a line
// Tesseract took for two on a skewed page reads "roper" and "aple Wa" under
// "Property  67 Maple Way". A fragment is no evidence against the word.
func fragmentOf(part, word string) bool {
	p, w := alnumOf(part), alnumOf(word)
	return p != "" && len(p) < len(w) && strings.Contains(w, p)
}

// alnumOf is the letters and digits of s.
func alnumOf(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// finish reads again the words a reading doubts (rereadDoubtful), adds to
// it the print it left out (readMissed), then straightens its lines: the
// words as the page's layout takes them.
func (o *Engine) finish(r *ocrReading, g *image.Gray) error {
	if err := o.rereadDoubtful(g, r); err != nil {
		return err
	}
	missed, lines, err := o.readMissed(g, *r)
	if err != nil {
		return err
	}
	for i, w := range missed {
		r.words = append(r.words, w)
		r.conf = append(r.conf, missedWordConf) // at least
		r.lineOf = append(r.lineOf, lineKey{block: -1, line: lines[i]})
	}
	deskewWords(r.words, r.lineOf)
	alignLines(r.words, r.lineOf)
	return nil
}

func alnumCount(s string) int {
	n := 0
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			n++
		}
	}
	return n
}

// better tells whether reading b holds clearly more well-read text than a.
func (b ocrReading) better(a ocrReading) bool {
	return b.score > a.score*1.03+5
}

func (r ocrReading) good() bool {
	return r.meanConf >= readingGood && r.score >= 50 && r.unread <= unreadInkMax
}

// BestWords reads a page image choosing its preprocessing by measurement
// (see the top of this file).
func (o *Engine) BestWords(g *image.Gray) ([]textlayout.Word, error) {
	return o.BestWordsOf(g, nil)
}

// BestWordsOf is BestWords for page g made from stored, the page as its
// file stores it, by reshaping its pixels (a fax's, twice as wide as
// tall): the words plain tesseract is sure of on stored stand where the
// reading of g has less sure ones. A nil stored is g itself.
func (o *Engine) BestWordsOf(g, stored *image.Gray) ([]textlayout.Word, error) {
	start := time.Now()
	if stored == g {
		stored = nil
	}
	r, base, err := o.bestReading(g)
	var stock *ocrReading
	if err == nil {
		stock, err = o.stockReading(r, base, g, stored)
	}
	if stock != nil {
		addStockWords(&r, *stock, base, cmp.Or(stored, g))
	}
	if err == nil {
		err = o.finish(&r, base)
	}
	slog.Debug("ocr page read", "variant", r.variant, "score", r.score,
		"mean_conf", math.Round(r.meanConf), "took", time.Since(start).Round(time.Millisecond))
	return r.words, err
}

// bestReading is the reading kept and the image it read.
func (o *Engine) bestReading(g *image.Gray) (ocrReading, *image.Gray, error) {
	start := time.Now()
	o.asIs = nil
	p := Prepare(g)
	best, err := o.read(p)
	if err != nil {
		return best, p, err
	}
	best.variant = "prepared"
	base := p
	pixels := float64(max(1, p.Bounds().Dx()*p.Bounds().Dy()))
	spent := 0.0
	try := func(variant string, img *image.Gray, keep func(r ocrReading) bool) error {
		if img == nil {
			return nil
		}
		cost := float64(img.Bounds().Dx() * img.Bounds().Dy())
		if spent+cost > ocrPixelBudget*pixels || time.Since(start) > maxPageOCRTime {
			return nil
		}
		spent += cost
		r, err := o.read(img)
		if err != nil {
			return err
		}
		r.variant = variant
		if img == g && variant == "as is" {
			o.asIs, o.asIsPage = &r, g
		}
		if keep(r) {
			best, base = r, img
		}
		return nil
	}
	isBetter := func(r ocrReading) bool { return r.better(best) }
	oneBlock := func() error {
		if err := o.client.SetVariable("tessedit_pageseg_mode", "6"); err != nil {
			return nil
		}
		err := try(best.variant+", one block", base, isBetter)
		_ = o.client.SetVariable("tessedit_pageseg_mode", "3")
		return err
	}
	// Read with confidence, and yet much of the print left unread: the
	// automatic layout took a dense printout, or a ruled table on a
	// speckled page, for a picture. One block of text reads it.
	if best.meanConf >= readingGood && best.unread > unreadScanMax && !sideways(best.words) {
		if err := oneBlock(); err != nil {
			return best, base, err
		}
	}
	// A page turned 90° or 180° (Tesseract reads a sideways page, but its
	// words then stand on end; an upside-down one it reads as noise):
	// Tesseract's orientation detection, and the page read turned upright.
	if sideways(best.words) || !best.good() {
		if o.osd == nil && !o.noOSD {
			o.osd = newOSDEngine()
			o.noOSD = o.osd == nil
		}
		if deg, conf := o.pageOrientation(p, g); deg > 0 && conf >= 2 {
			keep := isBetter
			if sideways(best.words) {
				keep = func(r ocrReading) bool { return r.score >= best.score*0.97 && !sideways(r.words) }
			}
			if err := try(fmt.Sprintf("turned %d°", deg), withoutLeaders(turnUpright(p, deg)), keep); err != nil {
				return best, base, err
			}
		}
	}
	uneven := unevenLight(p)
	if best.good() && !uneven {
		return best, base, nil
	}
	// A shadow or a light gradient across a photo can hide a whole column
	// from a reading that is otherwise good: the page with its light
	// evened first, its print kept gray (a phone photo's soft print breaks
	// up when binarised: "Charlotie, NO"), then binarised as well.
	if uneven {
		if err := try(best.variant+", light evened", evenLight(base), isBetter); err != nil {
			return best, base, err
		}
		if best.good() {
			return best, base, nil
		}
		if err := try(best.variant+", light flattened", withoutLeaders(flattenLight(base)), isBetter); err != nil {
			return best, base, err
		}
		if best.good() {
			return best, base, nil
		}
	}
	// The page as it is, what plain tesseract reads: enlarging or filtering
	// the page must not have lost what it held.
	if p != g && best.variant == "prepared" {
		if err := try("as is", g, isBetter); err != nil {
			return best, base, err
		}
		if best.good() {
			return best, base, nil
		}
	}
	// A dense grid of monospaced key: value columns (a loan system's
	// printout) that the automatic layout breaks into pieces: the page as
	// one block of text.
	if !best.good() && !strings.HasSuffix(best.variant, "one block") {
		if err := oneBlock(); err != nil {
			return best, base, err
		}
	}
	// Shaded cells, a shadow or uneven light across a photo.
	if !uneven {
		if err := try(best.variant+", light flattened", withoutLeaders(flattenLight(base)), isBetter); err != nil {
			return best, base, err
		}
	}
	// Small print: Tesseract reads best with capitals about 30 px high.
	if h := best.height; h > 0 && h < 20 {
		if err := try(best.variant+", enlarged", enlarge(base, 30/h), isBetter); err != nil {
			return best, base, err
		}
	}
	return best, base, nil
}

// pageOrientation is the orientation Tesseract detects of a page, on the
// page as it is and, when that is unsure, as prepared: the preparation that
// helps reading can take from a page turned 90° the marks orientation
// detection goes by (a 200 DPI photo of a sideways page: confidence 10.2
// as it is, 0.08 prepared).
func (o *Engine) pageOrientation(p, g *image.Gray) (int, float64) {
	deg, conf := o.osd.orientation(g)
	if conf >= 2 || p == g {
		return deg, conf
	}
	if d, c := o.osd.orientation(p); c > conf {
		return d, c
	}
	return deg, conf
}

// sideways tells whether most words of three or more characters stand on
// end: the page was read turned 90°.
func sideways(ws []textlayout.Word) bool {
	on, all := 0, 0
	for _, w := range ws {
		if alnumCount(w.Text) < 3 {
			continue
		}
		all++
		if w.Y1-w.Y0 > w.X1-w.X0 {
			on++
		}
	}
	return all >= 10 && on*2 > all
}

// turnUpright turns a page that orientation detection says is turned deg
// degrees clockwise back upright.
func turnUpright(g *image.Gray, deg int) *image.Gray {
	switch deg {
	case 90:
		return imageio.Orient(g, 8) // turn 90° counter-clockwise
	case 180:
		return imageio.Orient(g, 3)
	case 270:
		return imageio.Orient(g, 6) // turn 90° clockwise
	}
	return g
}

// enlarge scales a page up by f (at most 3), nil when that is no
// enlargement or too large.
func enlarge(g *image.Gray, f float64) *image.Gray {
	f = math.Min(f, 3)
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	nw, nh := int(float64(w)*f), int(float64(h)*f)
	if f < 1.2 || nw*nh > imageio.MaxPagePixels {
		return nil
	}
	out := image.NewGray(image.Rect(0, 0, nw, nh))
	xdraw.CatmullRom.Scale(out, out.Bounds(), g, g.Bounds(), xdraw.Src, nil)
	return out
}

// ocrNoise are the marks Tesseract reads from table rules, specks and
// shading: alone they are no word, and at a word's edge they are no part of
// it ("|", "‘date", "Rate:|").
const ocrNoise = "|‘’“”'\"«»;_~^*`¦"

// trimOCRNoise removes rule and speck marks from the edges of a word read
// by OCR, and the word when nothing else is left but noise, a colon or a
// full stop, or when it is a lone mark or character Tesseract barely
// recognised (conf, 0–100). Marks that print in loan documents ($ % # & /
// -) stay when read with confidence.
func trimOCRNoise(t string, conf float64) string {
	if dotLeader(t) {
		return ""
	}
	t = cutGluedLeader(t)
	n := alnumCount(t)
	if n == 0 {
		if strings.Trim(t, ocrNoise+".,:") == "" || conf < 50 && len(t) == 1 {
			return ""
		}
		return t
	}
	if n == 1 && len([]rune(t)) == 1 && conf < 30 {
		return ""
	}
	if conf < 35 && len([]rune(t)) <= 4 && !strings.ContainsAny(t, "0123456789$%") && strings.ToLower(t) == t {
		return "" // "we.", "eet": specks in a leader, barely recognised
	}
	t = strings.TrimRight(strings.TrimLeft(t, ocrNoise), ocrNoise)
	if strings.HasSuffix(t, ":.") || strings.HasSuffix(t, ":,") {
		t = t[:len(t)-1] // "Amount:." a speck after the colon
	}
	return t
}

// dotLeader tells whether an OCR word is a row of leader dots between a
// label and its value, which Tesseract reads as dots, "c" and "e"
// ("......cccceeeceeeeaee", "0.0.0.2...", "eee"): more than half dots, or
// nothing but c and e, or six or more of leader-like letters that are
// mostly c and e, or a long run that is nearly all dots, c and e.
func dotLeader(t string) bool {
	rs := []rune(t)
	if len(rs) < 3 {
		return false
	}
	dots, ce, leaderish := 0, 0, 0
	for _, r := range rs {
		switch r {
		case '.':
			dots++
			leaderish++
		case 'c', 'e':
			ce++
			leaderish++
		case 'a', 's', 'o', 'u', 'n', '0', ',', ':', '-', '_':
			leaderish++
		}
	}
	marks := 0
	for _, r := range rs {
		if strings.ContainsRune("-<>~:,", r) {
			marks++
		}
	}
	switch {
	case dots*2 > len(rs) && dots >= 3:
		return true
	case (dots+marks)*2 > len(rs) && dots+marks >= 3 && dots >= 2 && len(rs)-dots-marks <= 2:
		return true // "....-.------2", ".<.<.-2": dots and marks with a speck
	case ce == len(rs):
		return true
	case leaderish == len(rs) && len(rs) >= 6 && float64(ce+dots) >= 0.6*float64(len(rs)):
		return true
	case len(rs) >= 15 && float64(ce+dots) >= 0.8*float64(len(rs)):
		return true
	}
	return false
}

// loneColon tells whether an OCR word is nothing but a colon: what is left
// of "KEY.......: value" once the leader dots were removed from the image
// (the colon then stands a leader's width from its label).
func loneColon(t string) bool { return t == ":" || t == ";" }

// endWithColon ends a label with a colon, as a printout's "KEY: value"
// reads, unless it has one.
func endWithColon(t string) string {
	if strings.HasSuffix(t, ":") {
		return t
	}
	return strings.TrimRight(t, ".") + ":"
}

// cutGluedLeader cuts the leader dots a printout runs into its label
// ("APR....-.------2", "CLOSING....:") and ends the label with a colon, as
// a printout's "KEY: value" reads.
func cutGluedLeader(t string) string {
	i := strings.Index(t, "..")
	if i < 2 || alnumCount(t[:i]) < 2 || !dotLeader(t[i:]) {
		return t
	}
	return strings.TrimRight(t[:i], ".:") + ":"
}

// unevenLight tells whether a page's background is lit unevenly (a phone
// photo's shadow or gradient, a desk around the page): the paper's
// brightness, the brightest tenth of each tile of a 12×12 grid, differs by
// more than 40 levels between the lighter tiles and the darkest few (a
// shadow along one edge darkens a twelfth of them).
func unevenLight(g *image.Gray) bool {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	const grid = 12
	if w < grid*8 || h < grid*8 {
		return false
	}
	var paper []int
	for ty := 0; ty < grid; ty++ {
		for tx := 0; tx < grid; tx++ {
			var hist [256]int
			n := 0
			for y := ty * h / grid; y < (ty+1)*h/grid; y += 3 {
				row := g.Pix[y*g.Stride:]
				for x := tx * w / grid; x < (tx+1)*w/grid; x += 3 {
					hist[row[x]]++
					n++
				}
			}
			// the brightness that a tenth of the tile reaches
			acc, v := 0, 255
			for ; v > 0; v-- {
				acc += hist[v]
				if acc*10 >= n {
					break
				}
			}
			paper = append(paper, v)
		}
	}
	sort.Ints(paper)
	return paper[len(paper)*19/20]-paper[len(paper)/30] > 40
}
